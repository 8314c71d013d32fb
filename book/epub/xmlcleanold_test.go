package epub

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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

// appendXMLTextOld is appendXMLText before its loop skipped clean words: a byte at a time.
func appendXMLTextOld(b []byte, s string) []byte {
	if xmlCleanOld(s) {
		return append(b, s...)
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if cleanByte[c] && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '&':
				b = append(b, "&amp;"...)
			case '<':
				b = append(b, "&lt;"...)
			case '>':
				b = append(b, "&gt;"...)
			case '"':
				b = append(b, "&quot;"...)
			case '\'':
				b = append(b, "&#39;"...)
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || !xmlChar(r) {
			b = append(b, s[start:i]...)
			start = i + size
		}
		i += size
	}
	return append(b, s[start:]...)
}

// TestXMLTextSkipsAsByteByByte holds appendXMLText, skipping clean words, to the byte loop:
// every byte value at every place of a long clean text with one typographic quote (so that
// the loop runs), and random texts of long clean stretches among unclean pieces (DEL, tab,
// controls, markup, quotes, bytes that are not UTF-8), onto empty and non-empty buffers.
func TestXMLTextSkipsAsByteByByte(t *testing.T) {
	check := func(b []byte, s string) {
		t.Helper()
		got := appendXMLText(slices.Clone(b), s)
		if want := appendXMLTextOld(slices.Clone(b), s); string(got) != string(want) {
			t.Fatalf("appendXMLText(%q) = %q, byte by byte %q", s, got, want)
		}
	}
	base := "The quick brown fox’s jumps over the lazy dog, twice"
	for at := range len(base) {
		for c := range 256 {
			b := []byte(base)
			b[at] = byte(c)
			check(nil, string(b))
			check([]byte("<p>"), string(b[:at+1]))
		}
	}
	rng := rand.New(rand.NewPCG(41, 19))
	pieces := []string{"\x7f", "\t", "\n", "\r", "\x00", "\x1f", "&", "<", ">", "\"", "'", "é", "’", "—",
		"\xff", "\x80", "\xe2\x80", "\u0085", "\ufffe", "😀", "~", "="}
	clean := "Lorem ipsum dolor sit amet, consectetur adipiscing elit (1234567890) #$%*+-./:;?@[]^_`{|}"
	rounds := 100000
	if testing.Short() {
		rounds = 10000
	}
	for range rounds {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(3) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				i := rng.IntN(len(clean))
				b.WriteString(clean[i : i+rng.IntN(len(clean)-i+1)])
			}
		}
		check(nil, b.String())
	}
}
