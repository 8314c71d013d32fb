package doc

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/diag"
)

// The acronym rule, one for the whole book: book/link warns of an acronym without a
// glossary entry, and with acronyms: small-caps the print layout and the EPUB set the same
// words in small capitals.

// WordChar reports whether r belongs to a word as the book's terms are matched: a letter,
// a digit or a combining mark.
func WordChar(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r <= unicode.MaxLatin1: // no digits or marks: a table, as ASCII
		return unicode.IsLetter(r)
	case r < 0x250: // Latin Extended-A and -B: all letters
		return true
	case 0x2000 <= r && r < 0x2070: // General Punctuation (dashes, quotes, spaces): none
		return false
	}
	// The searches of the tables below were most of splitting a text into words where it
	// has curly quotes and dashes.
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

// Find returns the byte ranges [start, end) of the acronyms in s, in order. An acronym has a
// letter and none a–z, so only the words holding a capital A–Z or a byte beyond ASCII are
// looked at (CapitalWord): most words of a text are passed over unsplit.
func (ac *Acronyms) Find(s string) [][2]int {
	var out [][2]int
	for i := 0; ; {
		start, end, lower := NextWord(s, CapitalWord(s, i))
		if start == len(s) {
			return out
		}
		if !lower && ac.Is(s[start:end]) {
			out = append(out, [2]int{start, end})
		}
		i = end
	}
}

// CapitalWord is where, at or after i (not within a word), the first word that holds a
// capital A–Z or a byte beyond ASCII begins, or a place before it with no word between;
// len(s) if there is none. The words it passes over hold only a–z and digits: none is an
// acronym, and none need be split.
func CapitalWord(s string, i int) int {
	j := i
	for ; j+8 <= len(s); j += 8 { // eight bytes at a time, most of a text being a–z and spaces
		if m := capitalBytes(diag.Load64(s, j)); m != 0 {
			j += bits.TrailingZeros64(m) / 8
			break
		}
	}
	for j < len(s) && byteClass[s[j]] < capitalByte {
		j++
	}
	if j == len(s) {
		return j
	}
	for j > i && byteClass[s[j-1]] != sepByte { // s[i:j] is ASCII: back to its word's start
		j--
	}
	return j
}

// capitalBytes has the top bit of each byte of x set where that byte is a capital A–Z or
// beyond ASCII (x's bytes below 0x80 plus 0x80−'A' reach the top bit from 'A' on, plus
// 0x7f−'Z' from past 'Z', none carrying into the next).
func capitalBytes(x uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	low := x &^ tops
	return ((low+ones*(0x80-'A'))&^(low+ones*(0x7f-'Z')))&tops | x&tops
}

// notLowerBytes has the top bit of each byte of x set where that byte is not a–z (as
// capitalBytes, from 'a' on and past 'z').
func notLowerBytes(x uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	low := x &^ tops
	lower := (low + ones*(0x80-'a')) &^ (low + ones*(0x7f-'z')) &^ x
	return ^lower & tops
}

// NextWord finds the first word of s at or after byte i (runs of WordChar): [start, end), and
// whether it has a lower-case ASCII letter; start is len(s) when there is none. ASCII goes by
// a table, a run of it at a time: every text of the book is split into words (the term
// search, the acronyms), and a character at a time by WordCharAt it was a fifth of linking.
func NextWord(s string, i int) (start, end int, lower bool) {
skip:
	for i < len(s) {
		switch byteClass[s[i]] {
		case sepByte:
			i++
		case multiByte:
			word, size := WordCharAt(s, i)
			if word {
				break skip
			}
			i += size
		default:
			break skip
		}
	}
	start = i
scan:
	for i < len(s) {
		if i+8 <= len(s) { // a run of a–z eight bytes at a time, most of a word
			m := notLowerBytes(diag.Load64(s, i))
			if m == 0 {
				lower, i = true, i+8
				continue
			}
			if k := bits.TrailingZeros64(m) / 8; k > 0 {
				lower, i = true, i+k
			}
		}
		switch byteClass[s[i]] {
		case lowerByte:
			lower = true
			i++
		case wordByte, capitalByte:
			i++
		case multiByte:
			word, size := WordCharAt(s, i)
			if !word {
				break scan
			}
			i += size
		default:
			break scan
		}
	}
	return start, i, lower
}

// byteClass is what NextWord and CapitalWord make of each byte: an ASCII character that is
// not WordChar (sepByte), a lower-case ASCII letter, a digit, a capital A–Z, or a byte of a
// character beyond ASCII, which is decoded. The last two are those an acronym must hold.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = multiByte
		case 'a' <= c && c <= 'z':
			t[c] = lowerByte
		case 'A' <= c && c <= 'Z':
			t[c] = capitalByte
		case WordChar(rune(c)):
			t[c] = wordByte
		}
	}
	return t
}()

const (
	sepByte = iota
	lowerByte
	wordByte
	capitalByte // from here on, the bytes CapitalWord stops at
	multiByte
)
