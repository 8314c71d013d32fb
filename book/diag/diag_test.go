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

// TestPosAfterIsPos: a position counted on from an earlier one is the one counted from the
// line's start, on lines with and without other files' text (origins), forwards, backwards
// and across lines.
func TestPosAfterIsPos(t *testing.T) {
	src := []byte("one ’two’ three\n\nfour é five\nsix\xffseven\n")
	for _, origins := range [][]Origin{nil, {{Offset: 21, File: "inc.md", Line: 40}}} {
		x := NewLineIndexFrom("f.md", src, origins)
		rng := rand.New(rand.NewPCG(11, 12))
		from := 0
		for range 2000 {
			off := rng.IntN(len(src) + 2)
			if got, want := x.PosAfter(x.Pos(from), from, off), x.Pos(off); got != want {
				t.Fatalf("from %d to %d: %+v, Pos %+v", from, off, got, want)
			}
			from = min(off, len(src))
		}
	}
}
