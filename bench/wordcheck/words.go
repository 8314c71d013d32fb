// Package wordcheck measures how many of a manuscript's words survive into bindery's EPUB and
// PDF. The source words are what a reader of the Markdown sees: each file rendered by goldmark
// (the extensions bindery uses, raw HTML passed through) and reduced to its text. The output
// words are the text of the EPUB's chapter files and of the PDF's body pages, without what
// bindery generates itself. Retention is matched source words / source words, as multisets.
//
// Words are maximal runs of Unicode letters, combining marks and decimal digits, with an
// apostrophe kept between two letters ("don't" is one word). Everything else separates words:
// a hyphenated compound is two words ("well-known" → well, known), and so is a number with a
// separator ("3.14" → 3, 14; "1,000" → 1, 000), which makes the count independent of how an
// output spaces or breaks such forms. Words are compared after NFC, lower-casing, folding
// typographic apostrophes to ' and expanding Latin ligatures (ﬁ → fi) that a PDF text layer
// may carry; soft hyphens and zero-width characters are removed (they join, not separate).
package wordcheck

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Token is one word and where it was found.
type Token struct {
	Word string
	File string // source file, EPUB entry or PDF page ("p. 12")
	Line int    // line in the source file, 0 when unknown
	// PDF words at a line-end hyphen: Hyph is the part before the hyphen of a word re-joined
	// from two lines; HyphNext marks a word left apart from the next one.
	Hyph     string
	HyphNext bool
}

var ligatures = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st",
	"\u00AD", "", "\u200B", "", "\u200C", "", "\u200D", "", "\u2060", "", "\uFEFF", "",
)

// Normalize prepares text for splitting: NFC, ligatures expanded, invisible joiners removed.
func Normalize(s string) string {
	return norm.NFC.String(ligatures.Replace(s))
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02BC', '\u02B9', '\u2032', '`', '\u00B4':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Words splits text into normalised words.
func Words(s string) []string {
	rs := []rune(strings.ToLower(Normalize(s)))
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for i, r := range rs {
		switch {
		case isWordRune(r):
			b.WriteRune(r)
		case isApostrophe(r) && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			b.WriteRune('\'')
		default:
			flush()
		}
	}
	flush()
	return out
}

// digitAt reports whether the rune at i (-1: the last) of w is a digit: hyphenation never
// breaks beside one, so "SHA-" + "1" is the compound SHA-1, not "sha1".
func digitAt(w string, i int) bool {
	r := []rune(w)
	if i < 0 {
		i += len(r)
	}
	return i >= 0 && i < len(r) && unicode.IsDigit(r[i])
}

// startsUpper reports whether a line's first letter is a capital: a word broken by
// hyphenation goes on in lower case, so "Hash-" + "Funktion" is a compound.
func startsUpper(line string) bool {
	for _, r := range line {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// isLineHyphen reports whether r is a hyphen a line breaker puts at the end of a line.
func isLineHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u00AD'
}

// Vocab is the source's words and their prefixes, to re-join words hyphenated at line ends.
type Vocab struct {
	words, prefixes map[string]bool
}

// NewVocab makes the vocabulary of source words.
func NewVocab(words []string) *Vocab {
	v := &Vocab{words: map[string]bool{}, prefixes: map[string]bool{}}
	for _, w := range words {
		if v.words[w] {
			continue
		}
		v.words[w] = true
		for i := range w {
			if i > 0 {
				v.prefixes[w[:i]] = true
			}
		}
	}
	return v
}

// LineWords splits the lines of a page's text into words, re-joining a word hyphenated at the
// end of a line when the joined form is a source word: "hard-" + "back" is "hardback" if the
// source has it, else the two words of a compound broken at its hyphen. A word hyphenated
// twice (in a narrow table cell: "con-", "travari-", "ant") is re-joined through the prefixes
// of source words.
func LineWords(lines []string, v *Vocab) []string {
	var out []string
	for _, lw := range lineWords(lines, v) {
		out = append(out, lw.word)
	}
	return out
}

type lineWord struct {
	word     string
	line     int    // index of the line where the word begins
	hyph     string // the part before a line-end hyphen, for a re-joined word
	hyphNext bool   // a word before a line-end hyphen, left apart from the next
}

func lineWords(lines []string, v *Vocab) []lineWord {
	var out []lineWord
	carry, carryLine := "", 0 // the last word of the previous line, when it ended with a hyphen
	hyph := ""                // carry's first part, when carry is already a re-joined word
	broken := false           // carry ended its line without a hyphen (an address cut)
	for li, line := range lines {
		ws := Words(line)
		t := strings.TrimRightFunc(line, unicode.IsSpace)
		r := []rune(t)
		endsHyphen := len(ws) > 0 && len(r) > 1 && isLineHyphen(r[len(r)-1]) && isWordRune(r[len(r)-2])
		first := 0
		if carry != "" {
			switch {
			case len(ws) == 1 && endsHyphen && v.prefixes[carry+ws[0]]:
				// hyphenated again at the end of this line: keep carrying
				if hyph == "" {
					hyph = carry
				}
				carry += ws[0]
				continue
			case broken && len(ws) > 0 && v.words[carry+ws[0]] && !v.words[ws[0]]:
				// A word cut without a hyphen (an address or code broken where nothing else
				// fits): neither piece is a word, the two are.
				out = append(out, lineWord{word: carry + ws[0], line: carryLine})
				first = 1
			case broken:
				out = append(out, lineWord{word: carry, line: carryLine})
			case len(ws) > 0 && v.words[carry+ws[0]] && !digitAt(carry, -1) && !digitAt(ws[0], 0) && !startsUpper(line):
				if hyph == "" {
					hyph = carry
				}
				out = append(out, lineWord{word: carry + ws[0], line: carryLine, hyph: hyph})
				first = 1
			default:
				out = append(out, lineWord{word: carry, line: carryLine, hyphNext: len(ws) > 0})
			}
			carry, hyph = "", ""
		}
		last := len(ws)
		broken = false
		if endsHyphen && len(ws) > first {
			last--
			carry, carryLine = ws[last], li
		} else if len(ws) > first && len(r) > 0 && isWordRune(r[len(r)-1]) && !v.words[ws[last-1]] && v.prefixes[ws[last-1]] {
			last--
			carry, carryLine, broken = ws[last], li, true
		}
		for _, w := range ws[first:last] {
			out = append(out, lineWord{word: w, line: li})
		}
	}
	if carry != "" {
		out = append(out, lineWord{word: carry, line: carryLine})
	}
	return out
}
