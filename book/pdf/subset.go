package pdf

import (
	"encoding/binary"
	"sort"

	"bindery/book/font"
)

// A TrueType subset for a CIDFontType2 font with /CIDToGIDMap /Identity: glyph IDs are kept
// as they are (the content streams use the font's own IDs), and every glyph the book does not
// draw is emptied. Only the tables a PDF viewer needs for such a font are kept (ISO 32000-1,
// 9.9: glyf, head, hhea, hmtx, loca, maxp). Hinting is left out: the glyphs' instructions
// and the tables they need (cvt, fpgm, prep, which 9.9 asks for only when instructions use
// them) are a sixth of a subset, and they only snap outlines to a coarse screen's pixels:
// print and today's viewers (which antialias, and often ignore hints) do not use them. The
// font is read through book/font (its tables, glyph records and components); this file only
// writes the new file.

// sfntTables are the tables a subset keeps, in the order of their tags.
var sfntTables = []string{"glyf", "head", "hhea", "hmtx", "loca", "maxp"}

// subset returns a TrueType file holding the outlines of the used glyphs (and of the glyphs
// composites among them are made of, and .notdef), with every other glyph empty.
func subset(face *font.Face, used []bool) ([]byte, error) {
	n := face.NumGlyphs()
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
		comps, err := face.Components(uint16(g))
		if err != nil {
			return nil, err
		}
		for _, c := range comps {
			mark(int(c))
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
		rec, err := face.GlyphRecord(uint16(g))
		if err != nil {
			return nil, err
		}
		glyf = append(glyf, unhinted(rec)...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	head := append([]byte(nil), face.Table("head")...)
	binary.BigEndian.PutUint16(head[50:], 1) // indexToLocFormat: long
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	tables := map[string][]byte{"glyf": glyf, "loca": loca, "head": head, "hmtx": emptyMetrics(face, keep)}
	var tags []string
	for _, tag := range sfntTables {
		if tables[tag] == nil {
			tables[tag] = face.Table(tag)
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

// unhinted returns a glyph record without its instructions (a copy when it has any): a
// simple glyph's instruction length becomes 0, a composite's last component loses its
// WE_HAVE_INSTRUCTIONS flag and the instructions after it. A record it cannot read is
// returned as it is.
func unhinted(rec []byte) []byte {
	if len(rec) < 10 {
		return rec
	}
	contours := int16(binary.BigEndian.Uint16(rec))
	if contours >= 0 {
		at := 10 + 2*int(contours)
		if at+2 > len(rec) {
			return rec
		}
		n := int(binary.BigEndian.Uint16(rec[at:]))
		if n == 0 || at+2+n > len(rec) {
			return rec
		}
		out := append([]byte(nil), rec[:at+2]...)
		binary.BigEndian.PutUint16(out[at:], 0)
		return append(out, rec[at+2+n:]...)
	}
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		have2x2        = 0x0080
		haveInstrs     = 0x0100
	)
	at := 10
	for {
		if at+4 > len(rec) {
			return rec
		}
		flags := binary.BigEndian.Uint16(rec[at:])
		next := at + 4 + 2
		if flags&argsAreWords != 0 {
			next += 2
		}
		switch {
		case flags&haveScale != 0:
			next += 2
		case flags&haveXYScale != 0:
			next += 4
		case flags&have2x2 != 0:
			next += 8
		}
		if next > len(rec) {
			return rec
		}
		if flags&moreComponents == 0 {
			if flags&haveInstrs == 0 {
				return rec
			}
			out := append([]byte(nil), rec[:next]...)
			binary.BigEndian.PutUint16(out[at:], flags&^haveInstrs)
			return out
		}
		at = next
	}
}

// emptyMetrics returns the face's hmtx with the metrics of the glyphs not kept set to zero:
// the PDF's /W gives the widths, and the zeros compress to almost nothing (a quarter of the
// subset's size went on the metrics of thousands of glyphs never drawn). Nil when the face
// has no hmtx, which the subset then lacks too.
func emptyMetrics(face *font.Face, keep []bool) []byte {
	hmtx, hhea := face.Table("hmtx"), face.Table("hhea")
	if hmtx == nil || len(hhea) < 36 {
		return nil
	}
	out := append([]byte(nil), hmtx...)
	long := int(binary.BigEndian.Uint16(hhea[34:])) // numberOfHMetrics
	for g, k := range keep {
		// The last long metric's advance is every later glyph's too: it stays.
		if k || g == long-1 {
			continue
		}
		at, n := 4*g, 4 // advance and left side bearing
		if g >= long {
			at, n = 4*long+2*(g-long), 2 // left side bearing alone
		}
		if at+n <= len(out) {
			clear(out[at : at+n])
		}
	}
	return out
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
