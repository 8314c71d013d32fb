package epub

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"bindery/book/doc"
)

// TestFindFromFirstCapitalWord: the acronyms Find gives of a text from the word of its first
// capital (firstCapitalWord) are those of the whole text.
func TestFindFromFirstCapitalWord(t *testing.T) {
	ac := doc.NewAcronyms(&doc.Apparatus{Glossary: []*doc.GlossaryEntry{{Term: "XIV"}, {Term: "ÉTAT"}}})
	pieces := []string{"MNR", "army", "G8", "XIV", "Évo", "ÉTAT", "ссср", "СССР", "e\u0301TAT", "x", "Mc",
		"DONALD", "1999", " ", "-", "’", "’ ", "—", ", ", "A", "aB", "Ab", "\u00a0", "IV", "mnr"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		at := firstCapitalWord(s)
		var got [][2]int
		for _, span := range ac.Find(s[at:]) {
			got = append(got, [2]int{at + span[0], at + span[1]})
		}
		if want := ac.Find(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q from %d: %v, want %v", s, at, got, want)
		}
	}
}
