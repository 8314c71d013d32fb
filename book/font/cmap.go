package font

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// This file maps characters to glyphs (cmap, read with go-text), and reads the heights of
// "x" and "H" that OS/2 gives or the outlines imply.

// openCmap returns the cmap's subtable of Unicode characters, read in place when it can be.
func (f *Face) openCmap() (gofont.Cmap, error) {
	cmapRaw := f.tables["cmap"]
	if cmapRaw == nil {
		return nil, errors.New("no cmap table")
	}
	if cmap, ok := directCmap(cmapRaw); ok {
		return cmap, nil
	}
	cmapTable, _, err := tables.ParseCmap(cmapRaw)
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	os2, _, _ := tables.ParseOs2(f.tables["OS/2"])
	cmap, _, err := gofont.ProcessCmap(cmapTable, os2.FontPage())
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	return cmap, nil
}

// readHeights reads the x-height and cap height: OS/2's, or the tops of "x" and "H".
func (f *Face) readHeights() error {
	if f.tables["cmap"] == nil {
		return errors.New("no cmap table")
	}
	os2Raw := f.tables["OS/2"] // optional
	if os2, _, _ := tables.ParseOs2(os2Raw); os2.Version >= 2 {
		f.XHeight, f.CapHeight = s16(os2Raw, 86), s16(os2Raw, 88)
		return nil
	}
	// As the OpenType specification suggests: the tops of "x" and "H".
	cmap, err := f.openCmap()
	if err != nil {
		return err
	}
	if g, ok := cmap.Lookup('x'); ok {
		f.XHeight = f.glyphTop(uint16(g))
	}
	if g, ok := cmap.Lookup('H'); ok {
		f.CapHeight = f.glyphTop(uint16(g))
	}
	return nil
}

// readCharacters reads cmap into the rune → glyph tables, and returns which glyphs some
// character maps to.
func (f *Face) readCharacters() ([]bool, error) {
	cmap, err := f.openCmap()
	if err != nil {
		return nil, err
	}
	return f.readCmap(cmap)
}

// glyphTop returns the top of glyph g's outline (yMax of its record's header), or 0.
func (f *Face) glyphTop(g uint16) int {
	rec, err := f.GlyphRecord(g)
	if err != nil || len(rec) < 10 {
		return 0
	}
	return s16(rec, 8)
}

// readCmap fills the rune → glyph tables and returns which glyphs some
// rune maps to.
func (f *Face) readCmap(cmap gofont.Cmap) ([]bool, error) {
	f.slow = f.slow[:0]
	f.has = make([]uint64, fastRunes/64)
	f.fast = make([]uint16, fastRunes)
	reachable := make([]bool, f.numGlyphs)
	// A character the font lacks is drawn as a space (the layout has
	// warned about it); with no space glyph either, as .notdef.
	if g, ok := cmap.Lookup(' '); ok && int(g) < f.numGlyphs {
		f.missing = uint16(g)
	}
	// Every character starts with the substitute and the walk gives those the font maps
	// their own: filled by doubling copies, where setting the unmapped ones after the walk
	// tested every character's bit (~80 k instructions a face).
	if f.missing != 0 {
		f.fast[0] = f.missing
		for n := 1; n < len(f.fast); n *= 2 {
			copy(f.fast[n:], f.fast[:n])
		}
	}
	it := cmap.Iter()
	for n := 0; it.Next(); n++ {
		// A corrupt format 12 group can span 2^32 code points; no real
		// cmap maps more characters than Unicode has.
		if n > unicode.MaxRune {
			return nil, errors.New("cmap maps more characters than Unicode has")
		}
		r, g := it.Char()
		if g == 0 || int(g) >= f.numGlyphs || r < 0 {
			continue // .notdef or out of range: treat as missing
		}
		if r < fastRunes {
			if f.has[r/64]&(1<<(r%64)) == 0 { // the first mapping, as Lookup finds it
				f.fast[r] = uint16(g)
			}
			f.has[r/64] |= 1 << (r % 64)
		} else {
			f.slow = append(f.slow, runeGlyph{r, uint16(g)})
		}
		reachable[g] = true
	}
	f.slow = sortRuneGlyphs(f.slow)
	return reachable, nil
}

// glyph returns the glyph drawn for r: its own, or the substitute
// for a character the font lacks.
func (f *Face) glyph(r rune) uint16 {
	f.read()
	return f.readGlyph(r)
}

// readGlyph is glyph for a face already read: the loops that look up every character of a
// text read the face once before.
func (f *Face) readGlyph(r rune) uint16 {
	if uint32(r) < fastRunes {
		return f.fast[r] // inlined: MeasureMilli asks this of every character it measures
	}
	return f.readSlowGlyph(r)
}

// readSlowGlyph is readGlyph for a character past the table of the first ones.
func (f *Face) readSlowGlyph(r rune) uint16 {
	if g, ok := f.slowGlyph(r); ok {
		return g
	}
	if r >= variantFirst {
		if g, ok := f.variantGlyph(r); ok {
			return g
		}
	}
	return f.missing
}

// HasRune reports whether the font has a glyph for r.
func (f *Face) HasRune(r rune) bool {
	f.read()
	if uint32(r) < fastRunes {
		return f.has[r/64]&(1<<(r%64)) != 0
	}
	_, ok := f.slowGlyph(r)
	return ok
}

// runeGlyph is a character the cmap maps at or past fastRunes, and its glyph.
type runeGlyph struct {
	r rune
	g uint16
}

// sortRuneGlyphs sorts the mappings by character, keeping the last of a character mapped
// twice (as a map filled in the cmap's order would). A cmap walked in order is sorted
// already.
func sortRuneGlyphs(m []runeGlyph) []runeGlyph {
	if slices.IsSortedFunc(m, func(a, b runeGlyph) int { return cmp.Compare(a.r, b.r) }) {
		if len(m) < 2 || !hasRepeats(m) {
			return m
		}
	}
	slices.SortStableFunc(m, func(a, b runeGlyph) int { return cmp.Compare(a.r, b.r) })
	out := m[:0]
	for i, x := range m {
		if i+1 < len(m) && m[i+1].r == x.r {
			continue // a later mapping of the same character wins
		}
		out = append(out, x)
	}
	return out
}

// hasRepeats reports whether sorted mappings name a character twice.
func hasRepeats(m []runeGlyph) bool {
	for i := 1; i < len(m); i++ {
		if m[i].r == m[i-1].r {
			return true
		}
	}
	return false
}

// slowGlyph finds r among the mappings at or past fastRunes.
// The search is written out: slices.BinarySearchFunc called its comparison a step (~270
// instructions a search of a text face's 505 such characters; ~2,000 searches a book).
func (f *Face) slowGlyph(r rune) (uint16, bool) {
	lo, hi := 0, len(f.slow) // the first at or past r is in [lo, hi]
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if f.slow[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(f.slow) && f.slow[lo].r == r {
		return f.slow[lo].g, true
	}
	return 0, false
}

// Lookup returns the font's own glyph for r, and false (with glyph 0, .notdef) when the font
// has none: the cmap as it is, without the substitute Glyph draws.
func (f *Face) Lookup(r rune) (uint16, bool) {
	if !f.HasRune(r) {
		return 0, false
	}
	return f.glyph(r), true
}
