package font

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// slowGlyphOld is slowGlyph before its search was written out.
func slowGlyphOld(f *Face, r rune) (uint16, bool) {
	i, ok := slices.BinarySearchFunc(f.slow, r, func(x runeGlyph, r rune) int { return cmp.Compare(x.r, r) })
	if !ok {
		return 0, false
	}
	return f.slow[i].g, true
}

func TestSlowGlyphIsBinarySearchFunc(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 4141))
	for range 20_000 {
		f := &Face{}
		r := rune(fastRunes + rng.IntN(5))
		for range rng.IntN(40) {
			f.slow = append(f.slow, runeGlyph{r, uint16(rng.IntN(0x10000))})
			r += 1 + rune(rng.IntN(3))
		}
		for range 20 {
			q := rune(fastRunes - 2 + rng.IntN(int(r)-fastRunes+4))
			if rng.IntN(10) == 0 {
				q = rune(rng.Int32())
			}
			g, ok := f.slowGlyph(q)
			wg, wok := slowGlyphOld(f, q)
			if g != wg || ok != wok {
				t.Fatalf("%v: slowGlyph(%d) = %d, %v; want %d, %v", f.slow, q, g, ok, wg, wok)
			}
		}
	}
}
