package doc

import (
	"unicode"

	"bindery/book/lang"
)

// The rules below are shared by the print layout and the EPUB. The EPUB marks where each
// print page begins by counting words in the block the page starts in, as the layout counted
// them (the word-counting contract in docs/notes.md), and both print the same text for a
// cross-reference: written once here, they cannot drift apart.

// WordSpace reports whether r separates words: any white space, the no-break spaces
// included, but the narrow no-break space (U+202F), which binds French punctuation and
// guillemets to their word ("«\u202fmot\u202f»" is one word, set with fixed spaces inside).
// The layout makes glue of each run of it; the EPUB counts a word after each run.
func WordSpace(r rune) bool {
	if r < 0x80 { // most characters: inlined, where unicode.IsSpace is a call
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return wideSpace(r)
}

// wideSpace is WordSpace past ASCII, kept out of line so that WordSpace is inlined.
//
//go:noinline
func wideSpace(r rune) bool { return unicode.IsSpace(r) && r != '\u202f' }

// NoBreakSpace reports whether r is a space no line may break at.
func NoBreakSpace(r rune) bool { return r == '\u00a0' || r == '\u2007' }

// CountWords counts the words of s by WordSpace.
func CountWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if WordSpace(r) {
			in = false
			continue
		}
		if !in {
			n++
			in = true
		}
	}
	return n
}

// CrossRefText is the text of a cross-reference in both editions: the target's title and
// the print page it is on ("‘Title’, p. 12", "«Título», p. 12"), in the book's language
// (labels); without a page, the title alone. English quotes a title in single marks, as
// British houses do; the other languages in their first marks, as their style guides ask
// for the titles of chapters.
func CrossRefText(labels lang.Labels, title, page string) string {
	q, depth := lang.QuotesFor(labels.Lang()), 0
	if lang.Base(labels.Lang()) == "en" {
		depth = 1
	}
	s := q.Mark(depth, true) + title + q.Mark(depth, false)
	if page == "" {
		return s
	}
	return s + ", " + labels.Get(lang.Page) + "\u00a0" + page
}
