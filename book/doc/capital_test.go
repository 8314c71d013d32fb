package doc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFindFromFirstCapitalWord: the acronyms Find gives of a text from the word of its first
// capital (firstCapitalWord) are those of the whole text searched from its start.
func TestFindFromFirstCapitalWord(t *testing.T) {
	ac := NewAcronyms(&Apparatus{Glossary: []*GlossaryEntry{{Term: "XIV"}, {Term: "ÉTAT"}}})
	pieces := []string{"MNR", "army", "G8", "XIV", "Évo", "ÉTAT", "ссср", "СССР", "e\u0301TAT", "x", "Mc",
		"DONALD", "1999", " ", "-", "’", "’ ", "—", ", ", "A", "aB", "Ab", "\u00a0", "IV", "mnr"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		got := ac.Find(s)
		if want := ac.findFrom(s, 0); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q from %d: %v, want %v", s, firstCapitalWord(s), got, want)
		}
	}
}
