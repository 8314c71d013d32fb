package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"

	"golang.org/x/text/unicode/norm"
)

// cleanByRunes is clean as it was: the controls found rune by rune, then NFC over all.
func cleanByRunes(c *conv, at doc.At, s string) string {
	bad := func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f }
	if i := strings.IndexFunc(s, bad); i >= 0 {
		s = c.dropControlsFrom(s, i, at.Pos)
	}
	return norm.NFC.String(s)
}

// TestComposedAloneIsNFC: every character composedAlone takes is NFC after anything (a
// boundary before it, combining class 0) and unchanged by NFC itself.
func TestComposedAloneIsNFC(t *testing.T) {
	n := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !composedAlone(r) {
			continue
		}
		n++
		p := norm.NFC.PropertiesString(string(r))
		if p.CCC() != 0 || !p.BoundaryBefore() || norm.NFC.String(string(r)) != string(r) {
			t.Errorf("%U is not composed whatever precedes it", r)
		}
		for _, before := range []string{"a", "e", "A", "\u1100", "\u0b47", "\u00c1", "\u0301"} {
			if s := before + string(r); !norm.NFC.IsNormalString(s) {
				t.Errorf("%q is not NFC", s)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d characters", n)
	}
}

// TestCleanIsByRunes: clean, its controls found by bytes and NFC skipped for text that
// needs none, gives the text and the warning (where, what) the rune-by-rune form gives, on
// random texts of runs of ASCII across the eight-byte reads, controls, C1 codes, combining
// marks, characters NFC changes and bytes that are not UTF-8.
func TestCleanIsByRunes(t *testing.T) {
	pieces := []string{"a", " ", "word", "the quick brown fox ", "0123456789", "\t", "\n", "\x00",
		"\x07", "\x1f", "\x7f", "\u0080", "\u0085", "\u009f", "\u00a0", "á", "ÿ", "’", "“", "–", "…",
		"\u0301", "\u0340", "\u2000", "\u2001", "\u2028", "\u1100\u1161", "\u0b47\u0b3e", "e\u0301",
		"\xc2", "\xc2\x20", "\xff", "\xe2\x80", "\x80", "\u0100", "\u212b", "ﬁ"}
	rng := rand.New(rand.NewPCG(31, 32))
	rounds := 30000
	if testing.Short() {
		rounds = 3000
	}
	for range rounds {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		at := doc.At{Pos: diag.Pos{File: "f.md", Line: 3, Col: 1 + rng.IntN(5)}}
		got, want := &conv{diags: &diag.List{}}, &conv{diags: &diag.List{}}
		if g, w := got.clean(at, s), cleanByRunes(want, at, s); g != w {
			t.Fatalf("%q: clean %q, by runes %q", s, g, w)
		}
		if g, w := fmt.Sprint(*got.diags), fmt.Sprint(*want.diags); g != w {
			t.Fatalf("%q: warned %q, by runes %q", s, g, w)
		}
	}
}

// plainLineAsBefore is plainLine as it was: a switch at every byte, every link start looked
// for, and NFC's check of any text beyond ASCII.
func plainLineAsBefore(text string) (last int, ok bool) {
	if text == "" || text[len(text)-1] == ' ' {
		return 0, false
	}
	if c := text[0]; !(c|0x20 >= 'a' && c|0x20 <= 'z' || c == '(' || c >= utf8.RuneSelf) {
		return 0, false
	}
	ascii := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case c|0x20 >= 'a' && c|0x20 <= 'z', c >= '0' && c <= '9', c == ';', c == ':', c == ')', c == '%', c == '/', c == '?':
		case c == ' ', c == ',', c == '(', c == '!':
			if i > 0 {
				last = i
			}
		case c == '.', c == '-':
			if i+1 < len(text) && text[i+1] == c {
				return 0, false
			}
			if i > 0 {
				last = i
			}
		default:
			return 0, false
		}
	}
	for _, s := range []string{"www.", "http:", "https:", "ftp:", "mailto:"} {
		if strings.Contains(text, s) {
			return 0, false
		}
	}
	if !ascii {
		if !utf8.ValidString(text) || !norm.NFC.IsNormalString(text[:last]) || !norm.NFC.IsNormalString(text[last:]) {
			return 0, false
		}
		for _, r := range text {
			if r >= 0x7f && r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
				return 0, false
			}
		}
	}
	return last, true
}

// TestPlainLineIsAsBefore: plainLine by its byte table, with the link starts looked for only
// after a colon or full stop and NFC's check only for characters composedAlone does not
// take, answers as before on random lines of every byte, link starts, characters NFC
// changes or leaves, separators, a BOM, C1 controls and bytes that are not UTF-8.
func TestPlainLineIsAsBefore(t *testing.T) {
	pieces := []string{" ", "a", "word", "B", "7", "é", "’", "“", "–", "…", "\u00a0", "e\u0301", "\u0301",
		"\u0085", "\u2000", "\u2028", "\u2029", "\ufeff", "\ufffd", "\u212b", "\xc2", "\xe2\x80", "\xff",
		"www.", "http:", "https:", "ftp:", "mailto:", "ww.", "http", "--", "...", ".", "-", "!["}
	for c := 0; c < 0x80; c++ {
		pieces = append(pieces, string(rune(c)))
	}
	rng := rand.New(rand.NewPCG(45, 46))
	rounds, taken := 200000, 0
	if testing.Short() {
		rounds = 20000
	}
	for range rounds {
		var b strings.Builder
		for n := 1 + rng.IntN(8); n > 0; n-- {
			if rng.IntN(3) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				b.WriteString(pieces[rng.IntN(12)]) // mostly words, spaces, marks composed alone
			}
		}
		s := b.String()
		last, ok := plainLine(s)
		wantLast, wantOK := plainLineAsBefore(s)
		if last != wantLast || ok != wantOK {
			t.Fatalf("%q: plainLine %d %v, before %d %v", s, last, ok, wantLast, wantOK)
		}
		if ok {
			taken++
		}
	}
	if taken < rounds/10 {
		t.Fatalf("only %d of %d lines plain", taken, rounds)
	}
}
