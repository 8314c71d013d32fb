package doc

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestWordCharAtIsWordChar: the table, the decoding and WordChar's shortcuts by block say
// what the rule (a letter, a digit or a combining mark) says of every character, with its
// length.
func TestWordCharAtIsWordChar(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		s := "a" + string(r)
		word, size := WordCharAt(s, 1)
		if word != want || WordChar(r) != want || size != utf8.RuneLen(r) {
			t.Fatalf("%U: %v (WordChar %v), %d bytes; want %v, %d", r, word, WordChar(r), size, want, utf8.RuneLen(r))
		}
	}
}

// TestAcronymsWithoutTheShortcut: Is and AcronymShape skip words with a lower-case ASCII
// letter; on every word here they answer as the rule written out in full does.
func TestAcronymsWithoutTheShortcut(t *testing.T) {
	a := &Apparatus{NotAcronyms: []string{"OK", "USA"}, Glossary: []*GlossaryEntry{{Term: "XIV"}, {Term: "MAS-IPSP"}, {Term: "ayllu"}}}
	ac := NewAcronyms(a)
	shape := func(w string) bool {
		return utf8.RuneCountInString(w) >= 2 && strings.IndexFunc(w, unicode.IsLetter) >= 0 &&
			strings.IndexFunc(w, unicode.IsLower) < 0 && strings.ToUpper(w) == w && strings.Trim(w, "IVXLCDM") != ""
	}
	words := []string{"", "a", "MNR", "MNRs", "mNR", "G8", "I", "XIV", "XIVth", "1999", "OK", "USA",
		"ÉTAT", "État", "ÉTAt", "éTAT", "Ǆ", "ǅA", "ΣΤΟΑ", "Στοα", "MAS", "IPSP", "ayllu", "AYLLU", "ß", "SS", "Ünal"}
	for _, w := range words {
		if got := AcronymShape(w); got != shape(w) {
			t.Errorf("AcronymShape(%q) = %v, want %v", w, got, shape(w))
		}
		want := !ac.not[w] && (ac.glossary[w] || shape(w))
		if got := ac.Is(w); got != want {
			t.Errorf("Is(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestWordSpaceIsTheRule: the ASCII shortcut says what the rule says of every character.
func TestWordSpaceIsTheRule(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := unicode.IsSpace(r) && r != '\u202f'; WordSpace(r) != want {
			t.Fatalf("WordSpace(%U) = %v, want %v", r, WordSpace(r), want)
		}
	}
}

// TestFindIsWordByWord: Find splits words as WordChar does.
func TestFindIsWordByWord(t *testing.T) {
	ac := NewAcronyms(nil)
	for _, s := range []string{"", "MNR", "the MNR and COB", "ÉTAT-MAJOR, G8; xiv", "MAS–IPSP\u0301 NATO’s", "AB\u00a0CD\tEF\nGH", "ΣΤΟΑ ΝΑΤΟ"} {
		var want [][2]int
		start := -1
		for i, r := range s + " " {
			if WordChar(r) && start < 0 {
				start = i
			} else if !WordChar(r) && start >= 0 {
				if ac.Is(s[start:i]) {
					want = append(want, [2]int{start, i})
				}
				start = -1
			}
		}
		if got := ac.Find(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Find(%q) = %v, want %v", s, got, want)
		}
	}
}
