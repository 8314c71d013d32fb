package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// A TrueType subset for a CIDFontType2 font with /CIDToGIDMap /Identity: glyph IDs are kept
// as they are (the content streams use the font's own IDs), and every glyph the book does not
// draw is emptied. Only the tables a PDF viewer needs for such a font are kept (ISO 32000-1,
// 9.9: glyf, head, hhea, hmtx, loca, maxp, and the hinting tables cvt, fpgm, prep).

// sfntTables are the tables a subset keeps, in the order of their tags.
var sfntTables = []string{"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}

// sfnt is a parsed TrueType file: its tables by tag.
type sfnt map[string][]byte

func parseSFNT(data []byte) (sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("font too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("font table directory truncated")
	}
	t := sfnt{}
	for i := range n {
		rec := data[12+16*i:]
		off, length := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return nil, fmt.Errorf("font table %q extends past the end of the file", rec[:4])
		}
		t[string(rec[:4])] = data[off : off+length]
	}
	for _, tag := range []string{"glyf", "head", "hhea", "hmtx", "loca", "maxp"} {
		if t[tag] == nil {
			return nil, fmt.Errorf("font has no %q table", tag)
		}
	}
	if len(t["head"]) < 54 || len(t["maxp"]) < 6 {
		return nil, errors.New("font head or maxp table truncated")
	}
	return t, nil
}

func (t sfnt) numGlyphs() int { return int(binary.BigEndian.Uint16(t["maxp"][4:])) }

// glyphRange returns where glyph g's outline lies in glyf.
func (t sfnt) glyphRange(g int) (int, int, error) {
	loca, long := t["loca"], binary.BigEndian.Uint16(t["head"][50:]) == 1
	var from, to int
	if long {
		if 4*(g+2) > len(loca) {
			return 0, 0, errors.New("loca table truncated")
		}
		from, to = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		if 2*(g+2) > len(loca) {
			return 0, 0, errors.New("loca table truncated")
		}
		from, to = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if from > to || to > len(t["glyf"]) {
		return 0, 0, fmt.Errorf("glyph %d lies outside the glyf table", g)
	}
	return from, to, nil
}

// components appends the glyphs a composite glyph is built from.
func components(outline []byte, dst []int) []int {
	if len(outline) < 10 || int16(binary.BigEndian.Uint16(outline)) >= 0 {
		return dst
	}
	const (
		argsAreWords = 0x0001
		haveScale    = 0x0008
		moreComps    = 0x0020
		haveXYScale  = 0x0040
		haveTwoByTwo = 0x0080
	)
	p := 10
	for p+4 <= len(outline) {
		flags := binary.BigEndian.Uint16(outline[p:])
		dst = append(dst, int(binary.BigEndian.Uint16(outline[p+2:])))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			break
		}
	}
	return dst
}

// subset returns a TrueType file holding the outlines of the used glyphs (and of the glyphs
// composites among them are made of, and .notdef), with every other glyph empty.
func (t sfnt) subset(used []bool) ([]byte, error) {
	n := t.numGlyphs()
	keep := make([]bool, n)
	var todo []int
	mark := func(g int) {
		if g < n && !keep[g] {
			keep[g] = true
			todo = append(todo, g)
		}
	}
	mark(0)
	for g, u := range used {
		if u {
			mark(g)
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		from, to, err := t.glyphRange(g)
		if err != nil {
			return nil, err
		}
		for _, c := range components(t["glyf"][from:to], nil) {
			mark(c)
		}
	}
	// glyf and a long-format loca with the kept outlines, each padded to four bytes.
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	for g := range n {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if !keep[g] {
			continue
		}
		from, to, err := t.glyphRange(g)
		if err != nil {
			return nil, err
		}
		glyf = append(glyf, t["glyf"][from:to]...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	head := append([]byte(nil), t["head"]...)
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	tables := map[string][]byte{"glyf": glyf, "loca": loca, "head": head}
	var tags []string
	for _, tag := range sfntTables {
		if tables[tag] == nil {
			tables[tag] = t[tag]
		}
		if tables[tag] != nil {
			tags = append(tags, tag)
		}
	}
	sort.Strings(tags)

	// The file: offset table, directory, then the tables, each four-byte aligned.
	num := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= num {
		entrySelector++
	}
	size := 12 + 16*num
	for _, tag := range tags {
		size += (len(tables[tag]) + 3) &^ 3
	}
	out := make([]byte, 12+16*num, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(num))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<entrySelector))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*num-16<<entrySelector))
	headAt := 0
	for i, tag := range tags {
		data := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// checksum is the TrueType table checksum: the sum of the big-endian 32-bit words.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
