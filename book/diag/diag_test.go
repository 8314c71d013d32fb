package diag

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestRuneCountIsUTF8s: columns are counted as utf8.RuneCount counts, bad and cut-short
// sequences one byte a rune.
func TestRuneCountIsUTF8s(t *testing.T) {
	// Runs of ASCII up to 19 bytes long put the non-ASCII anywhere in an eight-byte read.
	pieces := []string{"a", " ", "’", "é", "\U0001F600", "\xe2\x80", "\xff", "\x80", "\xf0\x9f", "ß",
		"abcdefg", "the word\n", "0123456789abcdefghi"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 40000 {
		var p []byte
		for range rng.IntN(24) {
			p = append(p, pieces[rng.IntN(len(pieces))]...)
		}
		if got, want := runeCount(p), utf8.RuneCount(p); got != want {
			t.Fatalf("%q: %d runes, utf8.RuneCount %d", p, got, want)
		}
		if got, want := Columns(string(p)), utf8.RuneCount(p); got != want {
			t.Fatalf("%q: %d columns, utf8.RuneCount %d", p, got, want)
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

// TestLineStartsAreEveryNewline: the line index starts a line after every newline, as a
// loop over every byte finds them.
func TestLineStartsAreEveryNewline(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for range 5000 {
		src := make([]byte, rng.IntN(200))
		for i := range src {
			src[i] = "ab\n\r "[rng.IntN(5)]
		}
		want := []int{0}
		for i, c := range src {
			if c == '\n' {
				want = append(want, i+1)
			}
		}
		if got := NewLineIndex("f.md", src).starts; !slices.Equal(got, want) {
			t.Fatalf("%q: starts %v, want %v", src, got, want)
		}
	}
}

// TestLoad64IsLittleEndian: Load64 reads as encoding/binary does, for strings and bytes, at
// every offset of random text.
func TestLoad64IsLittleEndian(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 64))
	b := make([]byte, 40)
	for range 1000 {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		for i := 0; i+8 <= len(b); i++ {
			want := binary.LittleEndian.Uint64(b[i:])
			if got := Load64(b, i); got != want {
				t.Fatalf("%x at %d: Load64 %x, want %x", b, i, got, want)
			}
			if got := Load64(string(b), i); got != want {
				t.Fatalf("%x at %d: Load64 of a string %x, want %x", b, i, got, want)
			}
		}
	}
}
