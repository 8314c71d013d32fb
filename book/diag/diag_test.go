package diag

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestRuneCountIsUTF8s: columns are counted as utf8.RuneCount counts, bad and cut-short
// sequences one byte a rune.
func TestRuneCountIsUTF8s(t *testing.T) {
	pieces := []string{"a", " ", "’", "é", "\U0001F600", "\xe2\x80", "\xff", "\x80", "\xf0\x9f", "ß"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var p []byte
		for range rng.IntN(12) {
			p = append(p, pieces[rng.IntN(len(pieces))]...)
		}
		if got, want := runeCount(p), utf8.RuneCount(p); got != want {
			t.Fatalf("%q: %d runes, utf8.RuneCount %d", p, got, want)
		}
	}
	x := NewLineIndex("f.md", []byte("one\nit’s a line\n"))
	if p := x.Pos(len("one\nit’s a")); p.Line != 2 || p.Col != 7 {
		t.Fatalf("%+v", p)
	}
}
