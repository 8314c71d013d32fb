package pdf

import (
	"math/rand/v2"
	"testing"
)

// appendLiteralAsBefore is appendLiteral as it was before it copied stretches (pdf39).
func appendLiteralAsBefore(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			b = append(b, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// TestAppendLiteralAsBefore holds appendLiteral to the byte-by-byte escaping on every byte
// alone and on random strings, mostly plain, of every byte.
func TestAppendLiteralAsBefore(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	check := func(prefix []byte, s string) {
		t.Helper()
		if got, want := appendLiteral(prefix, s), appendLiteralAsBefore(prefix, s); string(got) != string(want) {
			t.Fatalf("%q: %q, before %q", s, got, want)
		}
	}
	check(nil, "")
	for c := range 256 {
		check(nil, string([]byte{byte(c)}))
		check([]byte("/T"), "a"+string([]byte{byte(c)})+"b")
	}
	rng := rand.New(rand.NewPCG(39, 3))
	plain := "abcdefghijklmnopqrstuvwxyz-0123456789#:/."
	for range n {
		s := make([]byte, rng.IntN(40))
		for k := range s {
			if rng.IntN(6) == 0 {
				s[k] = byte(rng.IntN(256))
			} else {
				s[k] = plain[rng.IntN(len(plain))]
			}
		}
		check([]byte("x"), string(s))
	}
}
