package epub

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// xmlCleanOld is xmlClean as it was, a byte at a time by the table.
func xmlCleanOld(s string) bool {
	for i := 0; i < len(s); i++ {
		if !cleanByte[s[i]] {
			return false
		}
	}
	return true
}

// TestXMLCleanIsByteByByte holds xmlClean, eight bytes at a time, to the table byte by byte:
// every byte value at every place of clean texts of 0 to 43 bytes (the words, the
// overlapping last word, the short texts), and random texts of clean and unclean pieces.
func TestXMLCleanIsByteByByte(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := xmlClean(s), xmlCleanOld(s); got != want {
			t.Fatalf("xmlClean(%q) = %v, byte by byte %v", s, got, want)
		}
	}
	base := "The quick brown fox jumps over the lazy dog"
	for n := 0; n <= len(base); n++ {
		for at := 0; at < n; at++ {
			for c := range 256 {
				b := []byte(base[:n])
				b[at] = byte(c)
				check(string(b))
			}
		}
	}
	rng := rand.New(rand.NewPCG(40, 19))
	pieces := []string{"a", "Z", " ", "word ", "0123456789", "~", "\x7f", "\t", "\n", "\r", "\x00", "\x1f",
		"&", "<", ">", "\"", "'", "%", "(", ";", "=", "?", "é", "’", "\xff", "\x80", "\u0085"}
	rounds := 200000
	if testing.Short() {
		rounds = 20000
	}
	for range rounds {
		var b strings.Builder
		for range rng.IntN(30) {
			if rng.IntN(8) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				b.WriteString(pieces[rng.IntN(5)])
			}
		}
		check(b.String())
	}
}
