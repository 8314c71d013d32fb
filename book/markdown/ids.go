package markdown

import (
	"strings"
	"unicode"

	"bindery/book/doc"
)

// otherToolsIDs are the IDs other tools give a heading with this text, as links written for
// them name it: GitHub's (and mdBook's, which follows it), and pandoc's. bindery's own IDs
// fold accents and drop other punctuation ("What’s new?" is "what-s-new" here, "whats-new"
// there), so a manuscript's links would not find its headings without these.
func otherToolsIDs(text string) []string {
	var out []string
	add := func(id string) {
		if id == "" {
			return
		}
		id = doc.SafeID(id)
		for _, x := range out {
			if x == id {
				return
			}
		}
		out = append(out, id)
	}
	add(githubID(text))
	add(pandocID(text))
	return out
}

// githubID is github-slugger's ID: lower case; letters, marks, digits, '_' and '-' kept;
// each space a hyphen; everything else dropped.
func githubID(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// pandocID is pandoc's auto_identifiers: letters, digits, '_', '-' and '.' kept; runs of
// white space one hyphen; lower case; everything before the first letter dropped;
// "section" when nothing is left.
func pandocID(text string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.':
			if space && b.Len() > 0 {
				b.WriteByte('-')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r):
			space = true
		}
	}
	s := strings.TrimLeftFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) })
	if s == "" {
		return "section"
	}
	return s
}
