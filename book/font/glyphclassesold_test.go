package font

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font/opentype/tables"
)

// glyphClassesOld is glyphClasses before classesFormat1/2: go-text's parse of the class
// definition, and its Class asked for every glyph.
func glyphClassesOld(f *Face) []uint8 {
	raw := f.tables["GDEF"]
	if len(raw) < 6 {
		return nil
	}
	off := int(binary.BigEndian.Uint16(raw[4:]))
	if off == 0 || off >= len(raw) {
		return nil
	}
	cd, _, err := tables.ParseClassDef(raw[off:])
	if err != nil || cd == nil {
		return nil
	}
	classes := make([]uint8, f.numGlyphs)
	for g := range classes {
		if c, ok := cd.Class(uint16(g)); ok && c < 256 {
			classes[g] = uint8(c)
		}
	}
	return classes
}

// randomClassDef makes a GDEF header and class definition: formats 1 and 2 (and others),
// ranges sorted or not, overlapping, reversed, past the glyphs, near 0xFFFF, classes past
// 255, and truncated.
func randomClassDef(rng *rand.Rand, numGlyphs int) []byte {
	u16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	glyph := func() int {
		switch rng.IntN(8) {
		case 0:
			return 0xFFFF - rng.IntN(40)
		case 1:
			return numGlyphs - 3 + rng.IntN(6)
		}
		return rng.IntN(numGlyphs + 20)
	}
	class := func() int {
		if rng.IntN(10) == 0 {
			return rng.IntN(0x10000)
		}
		return rng.IntN(5)
	}
	gdef := u16(u16(u16(nil, 1), 0), 6+rng.IntN(3)) // version 1.0, the class definition's offset
	gdef = append(gdef, make([]byte, int(binary.BigEndian.Uint16(gdef[4:]))-6)...)
	switch rng.IntN(10) {
	case 0:
		gdef = u16(gdef, rng.IntN(5)) // another format, or 1 and 2 cut short
	case 1, 2, 3:
		n := rng.IntN(60)
		gdef = u16(u16(u16(gdef, 1), glyph()), n)
		for range n {
			gdef = u16(gdef, class())
		}
	default:
		n := rng.IntN(30)
		gdef = u16(u16(gdef, 2), n)
		g := rng.IntN(10)
		for range n {
			var start, end int
			switch rng.IntN(12) {
			case 0: // anywhere, out of order
				start = glyph()
				end = start + rng.IntN(10) - 2
			case 1: // overlapping the last
				start = max(g-rng.IntN(4), 0)
				end = start + rng.IntN(8)
			default: // in order
				start = g + rng.IntN(6)
				end = start + rng.IntN(12)
			}
			start, end = min(max(start, 0), 0xFFFF), min(max(end, 0), 0xFFFF)
			g = end + 1
			gdef = u16(u16(u16(gdef, start), end), class())
		}
	}
	if rng.IntN(8) == 0 && len(gdef) > 0 {
		gdef = gdef[:rng.IntN(len(gdef))]
	}
	return gdef
}

func TestGlyphClassesAreGoTexts(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 41))
	runs := 100_000
	if testing.Short() {
		runs = 10_000
	}
	for i := range runs {
		numGlyphs := rng.IntN(300)
		if rng.IntN(50) == 0 {
			numGlyphs = 0xFFFF - rng.IntN(3)
		}
		f := &Face{tables: directory{"GDEF": randomClassDef(rng, numGlyphs)}, numGlyphs: numGlyphs}
		got, want := f.glyphClasses(), glyphClassesOld(f)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("run %d: GDEF % x, %d glyphs: got %v, want %v", i, f.tables["GDEF"], numGlyphs, got, want)
		}
	}
}
