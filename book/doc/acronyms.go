package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The acronym rule, one for the whole book: book/link warns of an acronym without a
// glossary entry, and with acronyms: small-caps the print layout and the EPUB set the same
// words in small capitals.

// WordChar reports whether r belongs to a word as the book's terms are matched: a letter,
// a digit or a combining mark.
func WordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// AcronymShape reports whether a word (a run of WordChar) looks like an acronym: two or
// more characters, a letter among them, none in lower case, and not a roman numeral
// ("MNR", "G8"; not "I", "XIV", "1999").
func AcronymShape(w string) bool {
	return utf8.RuneCountInString(w) >= 2 && strings.IndexFunc(w, unicode.IsLetter) >= 0 &&
		strings.IndexFunc(w, unicode.IsLower) < 0 && strings.ToUpper(w) == w && strings.Trim(w, "IVXLCDM") != ""
}

// Acronyms finds the acronyms of a book's text.
type Acronyms struct {
	glossary map[string]bool // glossary terms in capitals: acronyms even if they read as roman numerals
	not      map[string]bool // words the author says are not acronyms (not_acronyms:)
}

// NewAcronyms is the rule of a book with apparatus a (nil: no glossary, no exceptions).
func NewAcronyms(a *Apparatus) *Acronyms {
	ac := &Acronyms{glossary: map[string]bool{}, not: map[string]bool{}}
	if a == nil {
		return ac
	}
	for _, g := range a.Glossary {
		for _, f := range g.Forms() {
			if utf8.RuneCountInString(f) >= 2 && strings.IndexFunc(f, unicode.IsLower) < 0 && strings.IndexFunc(f, unicode.IsLetter) >= 0 {
				ac.glossary[f] = true
			}
		}
	}
	for _, w := range a.NotAcronyms {
		ac.not[w] = true
	}
	return ac
}

// Is reports whether a word is an acronym of the book.
func (ac *Acronyms) Is(w string) bool {
	if ac.not[w] {
		return false
	}
	return ac.glossary[w] || AcronymShape(w)
}

// Find returns the byte ranges [start, end) of the acronyms in s, in order.
func (ac *Acronyms) Find(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		word := WordChar(r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			if ac.Is(s[start:i]) {
				out = append(out, [2]int{start, i})
			}
			start = -1
		}
	}
	if start >= 0 && ac.Is(s[start:]) {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}
