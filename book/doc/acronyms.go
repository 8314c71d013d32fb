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

// WordCharAt is WordChar of the character at s[i], and its length in bytes. ASCII goes by
// a table: most of a book's characters are, and decoding each rune was most of splitting
// a text into words (the term search, acronyms).
func WordCharAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiWord[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return WordChar(r), size
}

// asciiWord is WordChar of each ASCII character.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = WordChar(rune(c))
	}
	return t
}()

// AcronymShape reports whether a word (a run of WordChar) looks like an acronym: two or
// more characters, a letter among them, none in lower case, and not a roman numeral
// ("MNR", "G8"; not "I", "XIV", "1999").
func AcronymShape(w string) bool {
	return !hasASCIILower(w) && utf8.RuneCountInString(w) >= 2 && strings.IndexFunc(w, unicode.IsLetter) >= 0 &&
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
	// A word with a lower-case ASCII letter (most words) has neither the shape nor a
	// glossary form in capitals: no map need be asked.
	if hasASCIILower(w) || ac.not[w] {
		return false
	}
	return ac.glossary[w] || AcronymShape(w)
}

// hasASCIILower reports whether w holds a letter from a to z.
func hasASCIILower(w string) bool {
	for i := 0; i < len(w); i++ {
		if 'a' <= w[i] && w[i] <= 'z' {
			return true
		}
	}
	return false
}

// Find returns the byte ranges [start, end) of the acronyms in s, in order.
func (ac *Acronyms) Find(s string) [][2]int { return ac.findFrom(s, firstCapitalWord(s)) }

// firstCapitalWord is where the word holding s's first capital A–Z or byte beyond ASCII
// begins (len(s) if none): an acronym has a letter and none a–z, so the words before it hold
// none, and Find need not split them (most of a text's words come before its first capital).
func firstCapitalWord(s string) int {
	j := 0
	for j < len(s) && (s[j] < 'A' || s[j] > 'Z') && s[j] < utf8.RuneSelf {
		j++
	}
	if j == len(s) {
		return j
	}
	for j > 0 && asciiWord[s[j-1]] { // s[:j] is ASCII
		j--
	}
	return j
}

// findFrom is Find's search from the start of a word at i.
func (ac *Acronyms) findFrom(s string, i int) [][2]int {
	var out [][2]int
	start := -1
	for i < len(s) {
		word, size := false, 1
		if c := s[i]; c < utf8.RuneSelf { // WordCharAt, its common case inlined
			word = asciiWord[c]
		} else {
			word, size = WordCharAt(s, i)
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			if ac.Is(s[start:i]) {
				out = append(out, [2]int{start, i})
			}
			start = -1
		}
		i += size
	}
	if start >= 0 && ac.Is(s[start:]) {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}
