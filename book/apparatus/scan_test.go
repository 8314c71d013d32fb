package apparatus

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// dateByExpression is the match splitDate replaced.
var dateByExpression = regexp.MustCompile(`^(c\.\s*)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:/(\d{4}(?:-\d{2}(?:-\d{2})?)?))?$`)

// TestSplitDateIsTheExpression: on random texts of digits, dashes, slashes, "c.", spaces
// of every kind (\v and NBSP are not \s) and digits beyond ASCII, splitDate matches when the
// expression does and gives its groups.
func TestSplitDateIsTheExpression(t *testing.T) {
	pieces := []string{"2000", "1999", "0", "12", "3", "-", "-01", "-1", "-31", "/", "c.", "c", ".",
		" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "x", "٣", "０", "2000-02-30", "c. 1952"}
	rng := rand.New(rand.NewPCG(41, 42))
	rounds, matched := 100000, 0
	if testing.Short() {
		rounds = 10000
	}
	for range rounds {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		approx, start, end, ok := splitDate(s)
		got := fmt.Sprintf("%v %q %q %v", approx, start, end, ok)
		want := fmt.Sprintf("%v %q %q %v", false, "", "", false)
		if m := dateByExpression.FindStringSubmatch(s); m != nil {
			want = fmt.Sprintf("%v %q %q %v", m[1] != "", m[2], m[3], true)
			matched++
		}
		if got != want {
			t.Fatalf("%q: split %s, expression %s", s, got, want)
		}
	}
	if matched < rounds/50 {
		t.Fatalf("only %d of %d texts were dates", matched, rounds)
	}
}

// plainBytesByByte is plainBytes as it was, looking at every byte.
func plainBytesByByte(data []byte) bool {
	for i := 0; i < len(data); i++ {
		switch b := data[i]; {
		case b < 0x20 && b != '\n', b == 0x7f:
			return false
		case b == 0xc2 && i+1 < len(data) && data[i+1] < 0xa0:
			return false
		case b == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9):
			return false
		case b == 0xef && i+2 < len(data) && (data[i+1] == 0xbb && data[i+2] == 0xbf || data[i+1] == 0xbf && data[i+2] >= 0xbe):
			return false
		}
	}
	return utf8.Valid(data)
}

// TestPlainBytesIsByByte: plainBytes, taking printable ASCII eight bytes at a time, answers
// as the byte-by-byte form on random files of runs of text and line breaks with, now and
// then, a character left to yaml.v3, one next to it, or a cut sequence, anywhere in a read.
func TestPlainBytesIsByByte(t *testing.T) {
	plain := []string{"a", "- term: ", "definition: a word\n", "\n", " ", "0123456789abc", "é", "’", "\u00a0",
		"\u2027", "\ufffd", "~", "\u0100"}
	odd := []string{"\t", "\r", "\x00", "\x1f", "\x7f", "\u0085", "\u009f", "\u2028", "\u2029", "\ufeff",
		"\ufffe", "\uffff", "\xc2", "\xe2\x80", "\xef\xbb", "\xef\xbf", "\xff", "\x80"}
	rng := rand.New(rand.NewPCG(43, 44))
	rounds, plainOnes := 50000, 0
	if testing.Short() {
		rounds = 5000
	}
	for range rounds {
		var b []byte
		for range rng.IntN(30) {
			if rng.IntN(40) == 0 {
				b = append(b, odd[rng.IntN(len(odd))]...)
			} else {
				b = append(b, plain[rng.IntN(len(plain))]...)
			}
		}
		got, want := plainBytes(b), plainBytesByByte(b)
		if got != want {
			t.Fatalf("%q: plainBytes %v, byte by byte %v", b, got, want)
		}
		if want {
			plainOnes++
		}
	}
	if plainOnes < rounds/5 || plainOnes > rounds*4/5 {
		t.Fatalf("%d of %d files plain", plainOnes, rounds)
	}
}

// TestFlowWordIsIndexAny: flowWord ends an item where strings.IndexAny did and refuses what
// strings.ContainsAny refused, on random texts of the bytes that matter and others.
func TestFlowWordIsIndexAny(t *testing.T) {
	pieces := []string{"a", " ", ",", "]", "[", "{", "}", "#", ":", "\"", "'", "-", "é", "\xff", "x y"}
	rng := rand.New(rand.NewPCG(40, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for range n {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		wantStop := strings.IndexAny(s, ",]")
		wantOK := wantStop >= 0 && !strings.ContainsAny(s[:wantStop], "[]{}#:\"'")
		stop, ok := flowWord(s)
		if ok != wantOK || ok && stop != wantStop {
			t.Fatalf("%q: flowWord %d %v, want %d %v", s, stop, ok, wantStop, wantOK)
		}
	}
}
