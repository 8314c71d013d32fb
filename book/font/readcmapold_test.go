package font

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
)

// readCmapOld is readCmap before the substitute was filled in first: the unmapped
// characters set after the walk, each by its bit.
func readCmapOld(f *Face, cmap gofont.Cmap) ([]bool, error) {
	f.slow = f.slow[:0]
	f.has = make([]uint64, fastRunes/64)
	f.fast = make([]uint16, fastRunes)
	reachable := make([]bool, f.numGlyphs)
	it := cmap.Iter()
	for n := 0; it.Next(); n++ {
		if n > unicode.MaxRune {
			return nil, errors.New("cmap maps more characters than Unicode has")
		}
		r, g := it.Char()
		if g == 0 || int(g) >= f.numGlyphs || r < 0 {
			continue
		}
		if r < fastRunes {
			if f.has[r/64]&(1<<(r%64)) == 0 {
				f.fast[r] = uint16(g)
			}
			f.has[r/64] |= 1 << (r % 64)
		} else {
			f.slow = append(f.slow, runeGlyph{r, uint16(g)})
		}
		reachable[g] = true
	}
	f.slow = sortRuneGlyphs(f.slow)
	if g, ok := cmap.Lookup(' '); ok && int(g) < f.numGlyphs {
		f.missing = uint16(g)
	}
	for r := range f.fast {
		if f.has[r/64]&(1<<(r%64)) == 0 {
			f.fast[r] = f.missing
		}
	}
	return reachable, nil
}

// listCmap is a cmap given as its walk, in order, repeats and all; Lookup finds the first.
type listCmap []runeGlyph

type listIter struct {
	m listCmap
	i int
}

func (m listCmap) Iter() gofont.CmapIter { return &listIter{m, -1} }
func (m listCmap) Lookup(r rune) (gofont.GID, bool) {
	for _, x := range m {
		if x.r == r {
			return gofont.GID(x.g), true
		}
	}
	return 0, false
}
func (it *listIter) Next() bool { it.i++; return it.i < len(it.m) }
func (it *listIter) Char() (rune, gofont.GID) {
	return it.m[it.i].r, gofont.GID(it.m[it.i].g)
}

// sameTables compares what readCmap leaves in two faces and returns.
func sameTables(a, b *Face, ra, rb []bool) bool {
	return slices.Equal(a.fast, b.fast) && slices.Equal(a.has, b.has) && slices.Equal(a.slow, b.slow) &&
		a.missing == b.missing && slices.Equal(ra, rb) && (ra == nil) == (rb == nil)
}

// TestReadCmapIsFillAfter holds readCmap to the fill after the walk: every shipped face, and
// random cmaps (space mapped or not, or past the glyphs; characters mapped twice, to
// .notdef, past the glyphs, negative, past the first table).
func TestReadCmapIsFillAfter(t *testing.T) {
	for name, data := range shippedFonts(t) {
		a, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Parse(name, data)
		cmap, err := a.openCmap()
		if err != nil {
			t.Fatal(err)
		}
		ra, errA := a.readCmap(cmap)
		rb, errB := readCmapOld(b, cmap)
		if errA != nil || errB != nil || !sameTables(a, b, ra, rb) {
			t.Fatalf("%s: the tables differ (%v, %v)", name, errA, errB)
		}
	}
	rng := rand.New(rand.NewPCG(19, 4142))
	runs := 3000
	if testing.Short() {
		runs = 300
	}
	for i := range runs {
		numGlyphs := 1 + rng.IntN(200)
		var m listCmap
		for range rng.IntN(80) {
			var r rune
			switch rng.IntN(10) {
			case 0:
				r = ' '
			case 1:
				r = rune(fastRunes - 3 + rng.IntN(6))
			case 2:
				r = -1 - rune(rng.IntN(5))
			case 3:
				r = rune(rng.IntN(0x110000))
			default:
				r = rune(rng.IntN(300))
			}
			m = append(m, runeGlyph{r, uint16(rng.IntN(numGlyphs + 10))})
		}
		a, b := &Face{numGlyphs: numGlyphs}, &Face{numGlyphs: numGlyphs}
		ra, errA := a.readCmap(m)
		rb, errB := readCmapOld(b, m)
		if (errA == nil) != (errB == nil) || !sameTables(a, b, ra, rb) {
			t.Fatalf("run %d: %v: the tables differ", i, m)
		}
	}
}
