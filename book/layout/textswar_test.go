package layout

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"bindery/book/doc"
	"bindery/book/linebreak"
)

// textByBytes is text as it was before the twenty-ninth round: ASCII above the space
// passed over a byte at a time. The oracle of TestTextAsByBytes.
func (p *paragraphSetter) textByBytes(s string, l look) {
	start := 0
	if p.at.File != "" {
		p.checkGlyphs(s, &l)
	}
	for i := 0; i < len(s); {
		if c := s[i]; c > ' ' && c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if doc.NoBreakSpace(r) {
			p.word(s[start:i], &l)
			p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			p.space(&l)
			start = i + size
		} else if doc.WordSpace(r) {
			p.word(s[start:i], &l)
			if p.s.ties != nil && !l.literal && p.s.ties.tied(s[start:i], s[i+size:]) {
				p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			}
			if p.spec.Display {
				p.phraseBreak(s[start:i])
			}
			p.space(&l)
			start = i + size
		}
		i += size
	}
	p.word(s[start:], &l)
}

// wordBytes' lowest mark is the first byte that is not ASCII above the space, for every
// byte at every place among random others.
func TestWordBytesFirstMark(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 8))
	for n := range 200_000 {
		var b [8]byte
		for j := range b {
			b[j] = byte(rng.IntN(256))
			if rng.IntN(2) == 0 {
				b[j] = byte('!' + rng.IntN(0x7f-'!'))
			}
		}
		b[n%8] = byte(n / 8 % 256)
		want := 8
		for j, c := range b {
			if c <= ' ' || c >= utf8.RuneSelf {
				want = j
				break
			}
		}
		got := 8
		if m := wordBytes(uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56); m != 0 {
			got = 0
			for m&0xff == 0 {
				m >>= 8
				got++
			}
		}
		if got != want {
			t.Fatalf("%q: first mark at %d, want %d", b[:], got, want)
		}
	}
}

// text splits random texts as the byte loop did: words of ASCII of every length around
// eight bytes, spaces of every kind, letters past ASCII, control characters and bytes that
// are not UTF-8, in body text and in a display, with ties.
func TestTextAsByBytes(t *testing.T) {
	ts := setterTypesetter(t)
	ts.s.ties = newTies(nil)
	rng := rand.New(rand.NewPCG(29, 9))
	pieces := []string{" ", " ", " ", "\t", "\n", "\u00a0", "\u2007", "\u202f", "\u2003", "\u3000",
		"é", "Ñandú", "’", "—", "\xff", "\xe2\x80", "\x00", "\x1f", "\x7f", "!", "~", "p.", "1008:"}
	n := 20_000
	if testing.Short() {
		n = 2_000
	}
	for k := range n {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(3) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
				continue
			}
			for range rng.IntN(19) {
				b.WriteByte(byte('!' + rng.IntN(0x7f-'!')))
			}
		}
		s := b.String()
		display := k%4 == 0
		set := func(text func(p *paragraphSetter, s string, l look)) ([]linebreak.Item, []fragment) {
			p := ts.setter(len(s))
			defer ts.release(p)
			p.spec = ts.body()
			p.spec.Display = display
			text(p, s, p.base())
			return append([]linebreak.Item(nil), p.items...), append([]fragment(nil), p.frags...)
		}
		items, frags := set((*paragraphSetter).text)
		wantItems, wantFrags := set((*paragraphSetter).textByBytes)
		if !reflect.DeepEqual(items, wantItems) || !reflect.DeepEqual(frags, wantFrags) {
			t.Fatalf("display %v, %q:\n got %d items %v\nwant %d items %v", display, s, len(items), texts0(frags), len(wantItems), texts0(wantFrags))
		}
	}
}
