package font

import (
	"encoding/binary"
	"slices"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// goTextCmap is the cmap as go-text chooses and reads it.
func goTextCmap(t *testing.T, table, os2 []byte) gofont.Cmap {
	t.Helper()
	parsed, _, err := tables.ParseCmap(table)
	if err != nil {
		t.Fatal(err)
	}
	o, _, _ := tables.ParseOs2(os2)
	cm, _, err := gofont.ProcessCmap(parsed, o.FontPage())
	if err != nil {
		t.Fatal(err)
	}
	return cm
}

// sameCmap fails unless the two cmaps walk the same characters to the same glyphs in the
// same order, and look up every character below U+20000 (and each one walked, and its
// neighbours) alike.
func sameCmap(t *testing.T, name string, got, want gofont.Cmap) {
	t.Helper()
	var walked []rune
	gi, wi := got.Iter(), want.Iter()
	for n := 0; ; n++ {
		gn, wn := gi.Next(), wi.Next()
		if gn != wn {
			t.Fatalf("%s: walk ends after %d characters here, not there (or the other way)", name, n)
		}
		if !gn {
			break
		}
		gr, gg := gi.Char()
		wr, wg := wi.Char()
		if gr != wr || gg != wg {
			t.Fatalf("%s: character %d of the walk: %U → %d, go-text's %U → %d", name, n, gr, gg, wr, wg)
		}
		walked = append(walked, gr)
	}
	check := func(r rune) {
		gg, gok := got.Lookup(r)
		wg, wok := want.Lookup(r)
		if gg != wg || gok != wok {
			t.Fatalf("%s: Lookup(%U) = %d, %v; go-text's %d, %v", name, r, gg, gok, wg, wok)
		}
	}
	for r := rune(0); r < 0x20000; r++ {
		check(r)
	}
	for _, r := range walked {
		check(r - 1)
		check(r)
		check(r + 1)
	}
	if len(walked) == 0 {
		t.Fatalf("%s: nothing walked", name)
	}
}

// TestDirectCmapIsGoTexts: the subtable read in place is the one go-text chooses, with the
// same characters and glyphs, for every shipped face.
func TestDirectCmapIsGoTexts(t *testing.T) {
	formats := map[string]bool{}
	for name, data := range shippedFonts(t) {
		dir, err := readDirectory(data)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := directCmap(dir["cmap"])
		if !ok {
			t.Fatalf("%s: its cmap was not read in place", name)
		}
		switch got.(type) {
		case cmap4:
			formats["4"] = true
		case cmap12:
			formats["12"] = true
		}
		sameCmap(t, name, got, goTextCmap(t, dir["cmap"], dir["OS/2"]))
	}
	if !formats["4"] && !formats["12"] {
		t.Fatal("no format read")
	}
}

// cmapWith makes a cmap table of the given records, each (platform, encoding, subtable).
func cmapWith(records ...struct {
	platform, encoding uint16
	sub                []byte
}) []byte {
	out := binary.BigEndian.AppendUint16(nil, 0)
	out = binary.BigEndian.AppendUint16(out, uint16(len(records)))
	off := 4 + 8*len(records)
	var subs []byte
	for _, r := range records {
		out = binary.BigEndian.AppendUint16(out, r.platform)
		out = binary.BigEndian.AppendUint16(out, r.encoding)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(subs)))
		subs = append(subs, r.sub...)
	}
	return append(out, subs...)
}

// format4 makes a format 4 subtable of segments (start, end, delta, glyphs: nil for a
// segment mapped by delta alone), the 0xFFFF segment added.
func format4(segs ...struct {
	start, end, delta uint16
	glyphs            []uint16
}) []byte {
	segs = append(segs, struct {
		start, end, delta uint16
		glyphs            []uint16
	}{0xFFFF, 0xFFFF, 1, nil})
	n := len(segs)
	var arrays [4][]byte
	var glyphs []byte
	for i, s := range segs {
		arrays[0] = binary.BigEndian.AppendUint16(arrays[0], s.end)
		arrays[1] = binary.BigEndian.AppendUint16(arrays[1], s.start)
		arrays[2] = binary.BigEndian.AppendUint16(arrays[2], s.delta)
		off := uint16(0)
		if s.glyphs != nil {
			off = uint16(2*(n-i) + len(glyphs))
			for _, g := range s.glyphs {
				glyphs = binary.BigEndian.AppendUint16(glyphs, g)
			}
		}
		arrays[3] = binary.BigEndian.AppendUint16(arrays[3], off)
	}
	out := binary.BigEndian.AppendUint16(nil, 4)
	out = binary.BigEndian.AppendUint16(out, uint16(16+8*n+len(glyphs)))
	out = binary.BigEndian.AppendUint16(out, 0)
	out = binary.BigEndian.AppendUint16(out, uint16(2*n))
	out = append(out, 0, 0, 0, 0, 0, 0)
	out = append(out, arrays[0]...)
	out = append(out, 0, 0)
	for _, a := range arrays[1:] {
		out = append(out, a...)
	}
	return append(out, glyphs...)
}

// TestDirectCmapFormat4: segments mapped by delta (wrapping at 16 bits) and by glyph
// arrays (a 0 being no glyph) read as go-text reads them; a symbol cmap, or a choice of
// another format, is left to go-text.
func TestDirectCmapFormat4(t *testing.T) {
	type seg = struct {
		start, end, delta uint16
		glyphs            []uint16
	}
	type rec = struct {
		platform, encoding uint16
		sub                []byte
	}
	sub := format4(seg{0x20, 0x7E, 0xFFE3, nil}, seg{0xA0, 0xA4, 0, []uint16{3, 0, 9, 0xFFFF, 12}},
		seg{0x100, 0x102, 5, []uint16{1, 0, 0xFFFE}}, seg{0xFF00, 0xFFFE, 0x0200, nil})
	table := cmapWith(rec{3, 1, sub})
	got, ok := directCmap(table)
	if !ok {
		t.Fatal("a format 4 cmap was not read in place")
	}
	sameCmap(t, "format 4", got, goTextCmap(t, table, nil))

	// The same subtable under (0, 3) and a preferred (3, 10) one of format 6: go-text's.
	f6 := []byte{0, 6, 0, 12, 0, 0, 0, 0x41, 0, 1, 0, 7}
	if _, ok := directCmap(cmapWith(rec{0, 3, sub}, rec{3, 10, f6})); ok {
		t.Error("a cmap whose chosen subtable is of format 6 was read in place")
	}
	if _, ok := directCmap(cmapWith(rec{3, 1, sub}, rec{3, 0, sub})); ok {
		t.Error("a symbol cmap was read in place")
	}
	// A glyph array past the table's end: go-text's error, not a read past the end.
	bad := format4(seg{0x41, 0x45, 0, []uint16{1, 2, 3, 4, 5}})
	if _, ok := directCmap(cmapWith(rec{3, 1, bad[:len(bad)-2]})); ok {
		t.Error("a truncated glyph array was read in place")
	}
}

// TestGlyphClassesAreGDEFs: the glyph classes read from GDEF's class definition alone are
// those of go-text's whole parse of GDEF, for every shipped face.
func TestGlyphClassesAreGDEFs(t *testing.T) {
	withClasses := 0
	for name, data := range shippedFonts(t) {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		got := f.glyphClasses()
		var want []uint8
		if gd, _, err := tables.ParseGDEF(f.tables["GDEF"]); err == nil && gd.GlyphClassDef != nil {
			want = make([]uint8, f.numGlyphs)
			for g := range want {
				if c, ok := gd.GlyphClassDef.Class(uint16(g)); ok && c < 256 {
					want[g] = uint8(c)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: glyph classes differ from go-text's GDEF", name)
		}
		if slices.ContainsFunc(got, func(c uint8) bool { return c == 3 }) {
			withClasses++
		}
	}
	if withClasses == 0 {
		t.Error("no shipped face has mark glyphs: the comparison tests nothing")
	}
}

// TestAdvancesAreHmtxs: the advances read in place are hmtx's as go-text parses it (the last
// repeating past numberOfHMetrics), and the widths in 1/1000 em follow them, for every
// glyph of every shipped face.
func TestAdvancesAreHmtxs(t *testing.T) {
	for name, data := range shippedFonts(t) {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		nh := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
		hmtx, _, err := tables.ParseHmtx(f.tables["hmtx"], nh, f.numGlyphs-nh)
		if err != nil {
			t.Fatal(err)
		}
		for g := range f.numGlyphs {
			want := int(hmtx.Metrics[min(g, nh-1)].AdvanceWidth)
			if got := f.GlyphWidth(uint16(g)); got != want {
				t.Fatalf("%s: glyph %d advances %d, hmtx says %d", name, g, got, want)
			}
			if got := f.GlyphMilli(uint16(g)); got != want*1000/f.UnitsPerEm {
				t.Fatalf("%s: glyph %d is %d/1000 em wide, not %d", name, g, got, want*1000/f.UnitsPerEm)
			}
		}
		if f.GlyphWidth(uint16(f.numGlyphs)) != 0 {
			t.Errorf("%s: a glyph past the last has a width", name)
		}
	}
}
