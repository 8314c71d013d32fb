package font

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/go-text/typesetting/font/opentype/tables"
)

// This file reads a TrueType file's table directory, the one place in bindery that does (the
// face's metrics, its outlines in glyf.go, the PDF writer's subsets and the cover all read
// the tables through it), and the tables of metrics: hhea and hmtx, post, GDEF's classes.

// directory is a font's tables by tag, each the file's own bytes.
type directory map[string][]byte

// readDirectory reads the table directory of a single TrueType or OpenType font, accepting it only if
// every table lies inside the data: go-text allocates a table's declared length before
// reading it, so a corrupt length would otherwise cost gigabytes before failing.
func readDirectory(data []byte) (directory, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font file: too short")
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, errors.New("has CFF (PostScript) outlines; only TrueType (glyf) fonts can be embedded in the PDF")
	case "ttcf":
		return nil, errors.New("is a font collection; give a single .ttf")
	case "wOFF", "wOF2":
		return nil, errors.New("is a WOFF web font; give the .ttf")
	default:
		return nil, errors.New("not a TrueType font file")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, fmt.Errorf("table directory truncated (%d tables)", n)
	}
	t := directory{}
	for i := range n {
		rec := data[12+16*i:]
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		length := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return nil, fmt.Errorf("table %q extends past the end of the file", rec[:4])
		}
		t[string(rec[:4])] = data[off : off+length : off+length]
	}
	return t, nil
}

// Table returns the bytes of the font's table tag ("head", "hmtx", "cvt ", …) as the file
// holds them, or nil when the font has none. They are the file's own bytes: read them only.
func (f *Face) Table(tag string) []byte { return f.tables[tag] }

// s16 reads a signed 16-bit field, 0 past the end of b (for optional fields).
func s16(b []byte, off int) int {
	if off < 0 || len(b) < off+2 {
		return 0
	}
	return int(int16(binary.BigEndian.Uint16(b[off:])))
}

// readMetrics reads hhea and hmtx directly: the last
// advance repeats for glyphs past numberOfHMetrics.
func (f *Face) readMetrics() error {
	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return errors.New("hhea table truncated")
	}
	f.Ascent, f.Descent, f.LineGap = s16(hhea, 4), s16(hhea, 6), s16(hhea, 8)
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if nh == 0 || len(hmtx) < 4*nh {
		return fmt.Errorf("hmtx table truncated (%d bytes for %d metrics)", len(hmtx), nh)
	}
	f.hmtx, f.hMetrics = hmtx, nh
	return nil
}

// readWidths makes the widths in 1/1000 em, truncated, as the PDF's /W array gives them.
func (f *Face) readWidths() {
	f.milli = make([]int32, f.numGlyphs)
	for g := range f.milli {
		f.milli[g] = int32(int(f.advanceUnits(uint16(g))) * 1000 / f.UnitsPerEm)
	}
}

// advanceUnits is glyph g's advance in font units, read in place in hmtx (g below
// numGlyphs): the last advance repeats for glyphs past numberOfHMetrics. The layout
// measures with milli; the units are for the PDF's widths and the cover, a few hundred
// glyphs a book, so they are not copied into an array of their own at every start.
func (f *Face) advanceUnits(g uint16) uint16 {
	return binary.BigEndian.Uint16(f.hmtx[4*min(int(g), f.hMetrics-1):])
}

// readPost reads the underline and the italic angle from post (optional).
func (f *Face) readPost() {
	post := f.tables["post"]
	f.UnderlinePosition, f.UnderlineThickness = s16(post, 8), s16(post, 10)
	if len(post) >= 8 {
		f.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}
}

// glyphClasses returns GDEF's class of every glyph (base, ligature, mark, component), or nil
// when the font does not classify its glyphs.
func (f *Face) glyphClasses() []uint8 {
	raw := f.tables["GDEF"]
	// Only the glyph class definition is read (its offset is the header's third word):
	// go-text's ParseGDEF also parses the mark sets, attachments, ligature carets and
	// variations, for every face at every start.
	if len(raw) < 6 {
		return nil
	}
	off := int(binary.BigEndian.Uint16(raw[4:]))
	if off == 0 || off >= len(raw) {
		return nil
	}
	cd := raw[off:]
	if len(cd) < 2 {
		return nil
	}
	switch binary.BigEndian.Uint16(cd) {
	case 1:
		return classesFormat1(cd, f.numGlyphs)
	case 2:
		return classesFormat2(cd, f.numGlyphs)
	}
	return nil // go-text's ParseClassDef fails on any other format
}

// classesFormat1 expands a class array (format 1): go-text's bounds and its
// ClassDef1.Class, whose end (start + count) is a uint16 that can wrap to below the start,
// and then classes nothing.
func classesFormat1(cd []byte, numGlyphs int) []uint8 {
	if len(cd) < 6 {
		return nil
	}
	start, n := int(binary.BigEndian.Uint16(cd[2:])), int(binary.BigEndian.Uint16(cd[4:]))
	if len(cd) < 6+2*n {
		return nil
	}
	classes := make([]uint8, numGlyphs)
	if start+n > 0xFFFF {
		return classes
	}
	for g := start; g < min(start+n, numGlyphs); g++ {
		if c := binary.BigEndian.Uint16(cd[6+2*(g-start):]); c < 256 {
			classes[g] = uint8(c)
		}
	}
	return classes
}

// classesFormat2 expands class ranges (format 2) range by range: a binary search a glyph
// (go-text's ClassDef2.Class, through an interface) cost ~190 instructions a glyph of every
// face read. Ranges out of order or overlapping, where the search's answer depends on its
// path, are asked of go-text glyph by glyph as before.
func classesFormat2(cd []byte, numGlyphs int) []uint8 {
	if len(cd) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cd[2:]))
	if len(cd) < 4+6*n {
		return nil
	}
	recs := cd[4 : 4+6*n]
	for i, prevEnd := 0, -1; i < n; i++ {
		start, end := int(binary.BigEndian.Uint16(recs[6*i:])), int(binary.BigEndian.Uint16(recs[6*i+2:]))
		if start <= prevEnd || end < start {
			return classesBySearch(cd, numGlyphs)
		}
		prevEnd = end
	}
	classes := make([]uint8, numGlyphs)
	for i := 0; i < n; i++ {
		r := recs[6*i:]
		start, end, c := int(binary.BigEndian.Uint16(r)), int(binary.BigEndian.Uint16(r[2:])), binary.BigEndian.Uint16(r[4:])
		if c >= 256 {
			continue
		}
		for g := start; g <= min(end, numGlyphs-1); g++ {
			classes[g] = uint8(c)
		}
	}
	return classes
}

// classesBySearch asks go-text the class of every glyph.
func classesBySearch(cd []byte, numGlyphs int) []uint8 {
	def, _, err := tables.ParseClassDef(cd)
	if err != nil || def == nil {
		return nil
	}
	classes := make([]uint8, numGlyphs)
	for g := range classes {
		if c, ok := def.Class(uint16(g)); ok && c < 256 {
			classes[g] = uint8(c)
		}
	}
	return classes
}

// familyName is the family as go-text's Describe names it, read from name and OS/2 alone
// (Describe copies and parses OS/2, head and name anew: a fifth of parsing a face):
// the typographic family for a font whose OS/2 says its names follow the WWS model, else the
// WWS family, the typographic one, or the legacy one, the first there is.
func familyName(t directory) string {
	names, _, err := tables.ParseName(t["name"])
	if err != nil {
		return ""
	}
	const family, typographic, wws = 1, 16, 21
	ids := []tables.NameID{wws, typographic, family}
	if os2, _, err := tables.ParseOs2(t["OS/2"]); err == nil && os2.FsSelection&256 != 0 {
		ids = ids[1:]
	}
	for _, id := range ids {
		if s := names.Name(id); s != "" {
			return s
		}
	}
	return ""
}
