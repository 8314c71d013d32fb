package link

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"bindery/book/diag"
	"bindery/book/doc"
)

// appendTokensOld is appendTokens before round 29: a call of doc.NextWord a word.
func appendTokensOld(out []token, s string) []token {
	for i := 0; ; {
		start, end, _ := doc.NextWord(s, i)
		if start == len(s) {
			return out
		}
		out = append(out, token{int32(start), int32(end)})
		i = end
	}
}

// TestAppendTokensAsBefore: appendTokens' walk of the bytes splits every text as the call
// of doc.NextWord a word did, appended to a slice holding tokens already; texts of ASCII
// letters, digits and marks, letters and spaces beyond ASCII (some not WordChar, some of
// General Punctuation, a combining mark), invalid UTF-8 and cut characters.
func TestAppendTokensAsBefore(t *testing.T) {
	pieces := []string{"a", "z", "A", "Z", "0", "9", "word", "Strike", "MNR", "1952", " ", "  ", "-", "_",
		"'", ",", ".", "\n", "\t", "`", "@", "[", "{", "~", "\x7f", "\x00",
		"é", "São", "Ünal", "ß", "ǅ", "ɐ", "’", "‘", "—", "–", "\u00a0", "\u202f", "\u2007", "«", "»", "×", "÷",
		"\u0301", "日本", "١٢", "Ω", "\U0001F600", "\xff", "\xc3", "\xe2\x80", "\x80"}
	rng := rand.New(rand.NewPCG(29, 42))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for range rng.IntN(24) {
			if rng.IntN(3) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				b.WriteString(pieces[rng.IntN(10)])
			}
		}
		s := b.String()
		head := tokens("x y")[:rng.IntN(3)]
		got := appendTokens(slices.Clone(head), s)
		want := appendTokensOld(slices.Clone(head), s)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: tokens %v, want %v", s, got, want)
		}
	}
	for c := range 256 { // every byte alone and between words
		for _, s := range []string{string(rune(c)), string([]byte{byte(c)}), "ab" + string([]byte{byte(c)}) + "cd",
			"abcdefg" + string([]byte{byte(c)}) + "hijklmnopq", "x ABCDEFGH" + string([]byte{byte(c)}) + "XYZxyz09 a"} {
			if got, want := appendTokens(nil, s), appendTokensOld(nil, s); !slices.Equal(got, want) {
				t.Fatalf("%q: tokens %v, want %v", s, got, want)
			}
		}
	}
}

// TestNotLetterBytes: each byte of every value in each place of a word of letters.
func TestNotLetterBytes(t *testing.T) {
	for c := range 256 {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		for k := range 8 {
			b := []byte("aZbYcXdW")
			b[k] = byte(c)
			m := notLetterBytes(diag.Load64(string(b), 0))
			if want := uint64(0x80) << (8 * k); letter && m != 0 || !letter && m != want {
				t.Fatalf("%q: %#x", b, m)
			}
		}
	}
}
