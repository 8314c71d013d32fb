package font

import (
	"encoding/binary"

	gofont "github.com/go-text/typesetting/font"
)

// This file reads the cmap subtable nearly every font's characters come from, format 12
// (32-bit groups) or format 4 (16-bit segments), in place in the font's data. go-text's
// ParseCmap and ProcessCmap parse every subtable of the table into slices first (format 4's
// glyph arrays copied segment by segment), a few hundred kilobytes of fresh memory for a
// family that a build's start pays in page faults, to be walked once. The subtable is the
// one ProcessCmap chooses; a font whose choice is another format, or a symbol cmap (which
// ProcessCmap remaps), still goes through go-text (readCharacters).

// unicodePreference is ProcessCmap's order of Unicode subtables (platform, encoding),
// after a Microsoft symbol one, which it prefers to all.
var unicodePreference = [...][2]uint16{{3, 10}, {0, 6}, {0, 4}, {3, 1}, {0, 3}, {0, 2}, {0, 1}, {0, 0}}

// directCmap returns the subtable ProcessCmap would choose, read in place, when it is of
// format 4 or 12 and the table has no symbol subtable; ok is false otherwise.
func directCmap(table []byte) (cmap gofont.Cmap, ok bool) {
	if len(table) < 4 {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(table[2:]))
	if len(table) < 4+8*n {
		return nil, false
	}
	// format is a record's subtable format, or -1 when ProcessCmap would not take it as a
	// candidate (a format it skips, or one go-text cannot read).
	format := func(i int) (int, []byte) {
		off := int(binary.BigEndian.Uint32(table[4+8*i+4:]))
		if off < 0 || off+2 > len(table) {
			return -1, nil
		}
		sub := table[off:]
		switch f := int(binary.BigEndian.Uint16(sub)); f {
		case 0, 4, 6, 10, 12, 13:
			return f, sub
		}
		return -1, nil
	}
	id := func(i int) [2]uint16 {
		return [2]uint16{binary.BigEndian.Uint16(table[4+8*i:]), binary.BigEndian.Uint16(table[4+8*i+2:])}
	}
	for i := range n {
		if f, _ := format(i); f >= 0 && id(i) == [2]uint16{3, 0} {
			return nil, false // a symbol cmap: ProcessCmap remaps it
		}
	}
	for _, want := range unicodePreference {
		for i := range n {
			f, sub := format(i)
			if f < 0 || id(i) != want {
				continue
			}
			switch f {
			case 4:
				return readCmap4(sub)
			case 12:
				return readCmap12(sub)
			}
			return nil, false
		}
	}
	return nil, false
}

// cmap12 is a format 12 subtable's groups: 12 bytes each, start and end character, first
// glyph.
type cmap12 []byte

func readCmap12(sub []byte) (gofont.Cmap, bool) {
	if len(sub) < 16 {
		return nil, false
	}
	n := uint64(binary.BigEndian.Uint32(sub[12:]))
	if uint64(len(sub)-16) < 12*n {
		return nil, false
	}
	return cmap12(sub[16 : 16+12*n]), true
}

func (c cmap12) group(i int) (start, end, glyph uint32) {
	g := c[12*i:]
	return binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
}

func (c cmap12) Iter() gofont.CmapIter { return &cmap12Iter{c: c} }

// Lookup finds r's group by binary search, as go-text's does.
func (c cmap12) Lookup(r rune) (gofont.GID, bool) {
	x := uint32(r)
	for i, j := 0, len(c)/12; i < j; {
		h := i + (j-i)/2
		start, end, glyph := c.group(h)
		switch {
		case x < start:
			j = h
		case end < x:
			i = h + 1
		default:
			return gofont.GID(x - start + glyph), true
		}
	}
	return 0, false
}

// cmap12Iter walks the groups in order, each from its start to its end, as go-text's does.
type cmap12Iter struct {
	c        cmap12
	group, k int // the group, and the character within it
}

func (it *cmap12Iter) Next() bool { return it.group < len(it.c)/12 }

func (it *cmap12Iter) Char() (rune, gofont.GID) {
	start, end, glyph := it.c.group(it.group)
	r, g := rune(it.k+int(start)), gofont.GID(it.k+int(glyph))
	if uint32(it.k) == end-start {
		it.group, it.k = it.group+1, 0
	} else {
		it.k++
	}
	return r, g
}

// cmap4 is a format 4 subtable: its segments' four arrays, and the glyph array that
// idRangeOffset points into (as an offset from the idRangeOffset word itself).
type cmap4 struct {
	sub  []byte
	segs int
}

func readCmap4(sub []byte) (gofont.Cmap, bool) {
	if len(sub) < 14 {
		return nil, false
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	// endCode, a reserved word, startCode, idDelta, idRangeOffset.
	if len(sub) < 14+2+8*segs {
		return nil, false
	}
	c := cmap4{sub: sub, segs: segs}
	// Segments go-text reads otherwise than in order (an end before the start), or whose
	// glyph array is not within the subtable (which go-text refuses), are left to go-text.
	for i := range segs {
		start, end, _, rangeOff := c.segment(i)
		if end < start {
			return nil, false
		}
		if start == 0xFFFF || rangeOff == 0 {
			continue
		}
		first := c.index(i, 0, rangeOff)
		if first < 0 || c.glyphArray()+2*(first+int(end-start)+1) > len(sub) {
			return nil, false
		}
	}
	return c, true
}

func (c cmap4) segment(i int) (start, end, delta, rangeOff uint16) {
	s := c.sub
	end = binary.BigEndian.Uint16(s[14+2*i:])
	start = binary.BigEndian.Uint16(s[16+2*c.segs+2*i:])
	delta = binary.BigEndian.Uint16(s[16+4*c.segs+2*i:])
	rangeOff = binary.BigEndian.Uint16(s[16+6*c.segs+2*i:])
	return start, end, delta, rangeOff
}

// glyphArray is where the glyph array starts in the subtable.
func (c cmap4) glyphArray() int { return 16 + 8*c.segs }

// index is the glyph array's entry for character start+k of segment i, as go-text
// computes it from the idRangeOffset (which counts from its own word).
func (c cmap4) index(i, k int, rangeOff uint16) int { return int(rangeOff)/2 + i - c.segs + k }

// indexed returns the glyph array's entry for character start+k of segment i (a segment with
// an idRangeOffset).
func (c cmap4) indexed(i, k int, rangeOff uint16) uint16 {
	return binary.BigEndian.Uint16(c.sub[c.glyphArray()+2*c.index(i, k, rangeOff):])
}

func (c cmap4) Iter() gofont.CmapIter { return &cmap4Iter{c: c} }

// Lookup finds r's segment by binary search, as go-text's does; a glyph array's 0 is no
// glyph.
func (c cmap4) Lookup(r rune) (gofont.GID, bool) {
	if uint32(r) > 0xFFFF {
		return 0, false
	}
	x := uint16(r)
	for i, j := 0, c.segs; i < j; {
		h := i + (j-i)/2
		start, end, delta, rangeOff := c.segment(h)
		switch {
		case x < start:
			j = h
		case end < x:
			i = h + 1
		case start == 0xFFFF || rangeOff == 0:
			return gofont.GID(x + delta), true
		default:
			g := c.indexed(h, int(x-start), rangeOff)
			if g == 0 {
				return 0, false
			}
			return gofont.GID(g + delta), true
		}
	}
	return 0, false
}

// cmap4Iter walks the segments in order, each from its start to its end, with go-text's
// arithmetic: a glyph array's entry gains idDelta without wrapping at 16 bits.
type cmap4Iter struct {
	c          cmap4
	segment, k int
}

func (it *cmap4Iter) Next() bool { return it.segment < it.c.segs }

func (it *cmap4Iter) Char() (rune, gofont.GID) {
	start, end, delta, rangeOff := it.c.segment(it.segment)
	r := rune(it.k) + rune(start)
	var g gofont.GID
	if start == 0xFFFF || rangeOff == 0 {
		g = gofont.GID(uint16(it.k) + start + delta)
	} else if g = gofont.GID(it.c.indexed(it.segment, it.k, rangeOff)); g != 0 {
		g += gofont.GID(delta)
	}
	if uint16(it.k) == end-start {
		it.segment, it.k = it.segment+1, 0
	} else {
		it.k++
	}
	return r, g
}
