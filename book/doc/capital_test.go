package doc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"bindery/book/diag"

	"golang.org/x/text/unicode/norm"
)

// findByRunes is Find's rule written out: every run of WordChar, rune by rune, that Is takes.
func findByRunes(ac *Acronyms, s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s + " " {
		if WordChar(r) && start < 0 {
			start = i
		} else if !WordChar(r) && start >= 0 {
			if ac.Is(s[start:i]) {
				out = append(out, [2]int{start, i})
			}
			start = -1
		}
	}
	return out
}

// TestFindSkipsToCapitals: Find passes over the words before the next capital or byte beyond
// ASCII (CapitalWord) and splits the rest by a byte table (NextWord); it finds what the rule
// rune by rune finds, in random texts where a split starts again anywhere (a word's middle, a
// separator beyond ASCII, the text's end).
func TestFindSkipsToCapitals(t *testing.T) {
	ac := NewAcronyms(&Apparatus{Glossary: []*GlossaryEntry{{Term: "XIV"}, {Term: "ÉTAT"}}})
	pieces := []string{"MNR", "army", "G8", "XIV", "Évo", "ÉTAT", "ссср", "СССР", "e\u0301TAT", "x", "Mc",
		"DONALD", "1999", " ", "-", "’", "’ ", "—", ", ", "A", "aB", "Ab", "\u00a0", "IV", "mnr", "9Z", "z9"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := ac.Find(s), findByRunes(ac, s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	}
}

// TestNextWordIsByRunes: NextWord splits as WordChar does, and tells a–z, from any word
// start, in texts with runs of a–z longer and shorter than its eight bytes at a time.
func TestNextWordIsByRunes(t *testing.T) {
	byRunes := func(s string) (out []string) {
		start := -1
		for i, r := range s + " " {
			if WordChar(r) && start < 0 {
				start = i
			} else if !WordChar(r) && start >= 0 {
				out = append(out, fmt.Sprint(start, i, strings.ContainsAny(s[start:i], "abcdefghijklmnopqrstuvwxyz")))
				start = -1
			}
		}
		return out
	}
	texts := []string{"", "MNR", "the MNR-army and G8, not I or XIV; USA’s CIA", "ÉTAT État ĖĖ СССР ссср 1999 A1 x",
		"e\u0301TAT E\u0301TAT", "  ÀB  ", "a\u00a0b\tc—d", "nationalisation`{|}~@[", "abcdefghijklmnopqrstuvwxyzé"}
	pieces := []string{"a", "z", "nationalisations", "the", "MNR", "Évo", "é", "ссср", "`", "{", "@", "[", "9", " ", "’", "\u0301", "\u00a0"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		var got []string
		for i := 0; ; {
			start, end, lower := NextWord(s, i)
			if start == len(s) {
				break
			}
			got = append(got, fmt.Sprint(start, end, lower))
			i = end
		}
		if want := byRunes(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	}
}

// TestNotLowerBytes: the eight-byte test marks each byte that is not a–z, whatever its
// neighbours.
func TestNotLowerBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for range 200_000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		m := notLowerBytes(diag.Load64(b[:], 0))
		for i, c := range b {
			if want := c < 'a' || c > 'z'; (m>>(8*i+7)&1 == 1) != want || m>>(8*i)&0x7f != 0 {
				t.Fatalf("%q: byte %d (%#x) marked %v, want %v (%#x)", b, i, c, !want, want, m)
			}
		}
	}
}

// TestCapitalBytes: the eight-byte test marks each byte as the byte table does, whatever
// its neighbours (a carry from one byte into the next would mark the wrong one).
func TestCapitalBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200_000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		m := capitalBytes(diag.Load64(b[:], 0))
		for i, c := range b {
			if want := byteClass[c] >= capitalByte; (m>>(8*i+7)&1 == 1) != want || m>>(8*i)&0x7f != 0 {
				t.Fatalf("%q: byte %d (%#x) marked %v, want %v (%#x)", b, i, c, !want, want, m)
			}
		}
	}
}

// slugByRunes is Slug as it was: NFD of every text, unicode's tables for every character.
func slugByRunes(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == 'ß':
			b.WriteString("ss")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ø' || r == 'Ø':
			b.WriteString("o")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dash = true
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 60 {
		s = s[:60]
		if i := strings.LastIndexByte(s, '-'); i > 20 {
			s = s[:i]
		}
	}
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
		s = "s-" + s
	}
	return strings.TrimSuffix(s, "-")
}

// TestSlugIsByRunes: Slug, ASCII by a table and without NFD, gives the slug the old form
// gives on random texts of ASCII (every character), accents precomposed and combining,
// folded letters, letters with no ASCII base and bytes that are not UTF-8, short and past
// the 60-byte cut.
func TestSlugIsByRunes(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "-", "Bolivia", "gas war", "é", "É", "e\u0301", "\u0301", "ß", "æ",
		"Ø", "ñ", "Ω", "日本", "’", "–", "\u00a0", "\xff", "\xc3", "ǅ", "ﬁ", "Å"}
	for c := 0; c < 0x80; c++ {
		pieces = append(pieces, string(rune(c)))
	}
	rng := rand.New(rand.NewPCG(47, 48))
	rounds := 50000
	if testing.Short() {
		rounds = 5000
	}
	for range rounds {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Slug(s), slugByRunes(s); got != want {
			t.Fatalf("%q: Slug %q, by runes %q", s, got, want)
		}
	}
}
