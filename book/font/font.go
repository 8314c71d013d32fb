// Package font gives the layout engine the metrics of TrueType faces: the
// width of every character and pair kerning, exactly as the PDF writer
// (book/pdf) places the glyphs.
//
// # Widths as the PDF places them
//
// A PDF viewer does not position glyphs with the font's own advances but
// with the /W array of the font dictionary: one number per glyph in 1/1000
// em. book/pdf writes integers there, computed as
//
//	pdfWidth = advance * 1000 / unitsPerEm   (integer division: truncated)
//
// so the truncated widths are what appears on the page: with Charis SIL
// (2048 units per em) every glyph is up to 1/1000 em narrower than its
// design advance (0.01pt at 10pt), and the error would add up over a line
// if the layout measured with the design advances. Kerning is truncated
// toward zero in the same way and written as a TJ adjustment.
//
// This package measures the same way: AdvanceMilli, KernMilli and
// MeasureMilli give those integer 1/1000 em values (GlyphMilli and
// KernGlyphsMilli by glyph, for the writer); Advance, KernSp and Measure
// scale them to TeX scaled points (1/65536 pt) at a size given in scaled
// points, rounding once to the nearest sp. Sums of Measure over pieces may
// differ from Measure of the whole by that rounding; sum MeasureMilli
// values and Scale once when it matters.
//
// The writer places every run at the x the layout computed, moving the
// text position with a TJ number computed from these same widths, so the
// error does not accumulate along a line.
//
// A character the font lacks is measured and drawn as a space (the
// .notdef glyph only if the font has no space). Use HasRune to find and
// report such characters.
//
// Only TrueType-outline (glyf) fonts are accepted: the writer embeds
// CIDFontType2 subsets. Kerning comes from the GPOS kern feature (pair
// adjustment, formats 1 and 2).
package font

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Face is one loaded font face. All lengths are in font units unless a
// method says otherwise. A Face is read-only after loading and safe for
// concurrent use.
type Face struct {
	Name       string // as given to Parse (Load passes the path, LoadFamily the file name)
	Family     string // family name from the font, e.g. "Charis SIL"
	UnitsPerEm int

	// Ascent and Descent (negative below the baseline) and LineGap come
	// from hhea.
	Ascent, Descent, LineGap int
	CapHeight, XHeight       int
	// UnderlinePosition (negative below the baseline) and UnderlineThickness
	// come from post.
	UnderlinePosition, UnderlineThickness int

	numGlyphs int
	advance   []uint16 // font units, per glyph
	milli     []int32  // advance*1000/UnitsPerEm truncated, as the PDF's /W array
	fast      []uint16 // glyph drawn for runes below fastRunes (missing → substitute)
	has       []uint64 // bit set of runes below fastRunes the font maps
	slow      map[rune]uint16
	missing   uint16 // glyph drawn for a character the font lacks
	kern      kernTable
}

// fastRunes covers Latin, Greek, Cyrillic, IPA and general punctuation
// (quotes, dashes, ellipsis) with a flat table: 24 KiB a face buys a
// lookup with no hashing for nearly all book text.
const fastRunes = 0x3000

// Load reads and parses the font file at path.
func Load(path string) (*Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return Parse(path, data)
}

// Parse parses a TrueType font; name is used in errors and as Face.Name.
// Corrupt or unsupported data gives an error naming the font, never a
// panic.
func Parse(name string, data []byte) (f *Face, err error) {
	defer func() {
		// go-text is hardened against bad fonts, but a panic on one
		// malformed book font must not take the whole build down.
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("font %s: corrupt font data (%v)", name, p)
		}
	}()
	f, err = parse(name, data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return f, nil
}

var (
	tagGlyf = ot.MustNewTag("glyf")
	tagCFF  = ot.MustNewTag("CFF ")
	tagCFF2 = ot.MustNewTag("CFF2")
	tagHhea = ot.MustNewTag("hhea")
	tagHmtx = ot.MustNewTag("hmtx")
	tagMaxp = ot.MustNewTag("maxp")
	tagGPOS = ot.MustNewTag("GPOS")
	tagGDEF = ot.MustNewTag("GDEF")
	tagHead = ot.MustNewTag("head")
	tagOS2  = ot.MustNewTag("OS/2")
	tagCmap = ot.MustNewTag("cmap")
	tagPost = ot.MustNewTag("post")
	tagLoca = ot.MustNewTag("loca")
)

func parse(name string, data []byte) (*Face, error) {
	if err := checkDirectory(data); err != nil {
		return nil, err
	}
	ld, err := ot.NewLoader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a font file: %w", err)
	}
	if ld.HasTable(tagCFF) || ld.HasTable(tagCFF2) {
		return nil, errors.New("has CFF (PostScript) outlines; only TrueType (glyf) fonts can be embedded in the PDF")
	}
	for _, t := range []ot.Tag{tagGlyf, tagHhea, tagHmtx, tagMaxp} {
		if !ld.HasTable(t) {
			return nil, fmt.Errorf("not a TrueType font: no %q table", t.String())
		}
	}
	// Only the tables the layout needs are parsed: go-text's NewFont would also decode
	// every glyph outline (megabytes for a family, on every build).
	head, err := ld.RawTable(tagHead)
	if err != nil || len(head) < 54 {
		return nil, errors.New("head table missing or truncated")
	}
	desc, _ := gofont.Describe(ld, nil)
	f := &Face{Name: name, Family: desc.Family, UnitsPerEm: int(binary.BigEndian.Uint16(head[18:]))}
	if f.UnitsPerEm < 16 || f.UnitsPerEm > 16384 {
		return nil, fmt.Errorf("unitsPerEm %d outside 16..16384", f.UnitsPerEm)
	}

	maxp, err := ld.RawTable(tagMaxp)
	if err != nil || len(maxp) < 6 {
		return nil, errors.New("maxp table truncated")
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, errors.New("font has no glyphs")
	}
	if err := f.readMetrics(ld); err != nil {
		return nil, err
	}

	os2Raw, _ := ld.RawTable(tagOS2) // optional
	os2, _, _ := tables.ParseOs2(os2Raw)
	cmapRaw, err := ld.RawTable(tagCmap)
	if err != nil {
		return nil, errors.New("no cmap table")
	}
	cmapTable, _, err := tables.ParseCmap(cmapRaw)
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	cmap, _, err := gofont.ProcessCmap(cmapTable, os2.FontPage())
	if err != nil {
		return nil, fmt.Errorf("cmap: %w", err)
	}
	s16 := func(b []byte, off int) int {
		if len(b) < off+2 {
			return 0
		}
		return int(int16(binary.BigEndian.Uint16(b[off:])))
	}
	if os2.Version >= 2 {
		f.XHeight, f.CapHeight = s16(os2Raw, 86), s16(os2Raw, 88)
	} else {
		// As the OpenType specification suggests: the tops of "x" and "H".
		if g, ok := cmap.Lookup('x'); ok {
			f.XHeight = glyphTop(ld, head, int(g))
		}
		if g, ok := cmap.Lookup('H'); ok {
			f.CapHeight = glyphTop(ld, head, int(g))
		}
	}
	post, _ := ld.RawTable(tagPost)
	f.UnderlinePosition, f.UnderlineThickness = s16(post, 8), s16(post, 10)

	reachable, err := f.readCmap(cmap)
	if err != nil {
		return nil, err
	}

	var gdef []uint8
	if raw, err := ld.RawTable(tagGDEF); err == nil {
		if gd, _, err := tables.ParseGDEF(raw); err == nil && gd.GlyphClassDef != nil {
			gdef = make([]uint8, f.numGlyphs)
			for g := range gdef {
				if c, ok := gd.GlyphClassDef.Class(uint16(g)); ok && c < 256 {
					gdef[g] = uint8(c)
				}
			}
		}
	}
	gpos, _ := ld.RawTable(tagGPOS) // absent: no kerning
	f.kern, err = readKerning(gpos, glyphInfo{numGlyphs: f.numGlyphs, reachable: reachable, gdefClass: gdef})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// checkDirectory accepts only a single TrueType or OpenType font whose
// tables all lie inside the data. go-text allocates a table's declared
// length before reading it, so a corrupt length would otherwise cost
// gigabytes before failing.
func checkDirectory(data []byte) error {
	if len(data) < 12 {
		return errors.New("not a font file: too short")
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return errors.New("has CFF (PostScript) outlines; only TrueType (glyf) fonts can be embedded in the PDF")
	case "ttcf":
		return errors.New("is a font collection; give a single .ttf")
	case "wOFF", "wOF2":
		return errors.New("is a WOFF web font; give the .ttf")
	default:
		return errors.New("not a TrueType font file")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return fmt.Errorf("table directory truncated (%d tables)", n)
	}
	for i := range n {
		rec := data[12+16*i:]
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		length := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return fmt.Errorf("table %q extends past the end of the file", rec[:4])
		}
	}
	return nil
}

// readMetrics reads hhea and hmtx directly: the last
// advance repeats for glyphs past numberOfHMetrics.
func (f *Face) readMetrics(ld *ot.Loader) error {
	hhea, err := ld.RawTable(tagHhea)
	if err != nil || len(hhea) < 36 {
		return errors.New("hhea table truncated")
	}
	s16 := func(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
	f.Ascent, f.Descent, f.LineGap = s16(hhea, 4), s16(hhea, 6), s16(hhea, 8)
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx, err := ld.RawTable(tagHmtx)
	if err != nil {
		return errors.New("hmtx table unreadable")
	}
	if nh == 0 || len(hmtx) < 4*nh {
		return fmt.Errorf("hmtx table truncated (%d bytes for %d metrics)", len(hmtx), nh)
	}
	f.advance = make([]uint16, f.numGlyphs)
	f.milli = make([]int32, f.numGlyphs)
	for g := range f.advance {
		a := binary.BigEndian.Uint16(hmtx[4*min(g, nh-1):])
		f.advance[g] = a
		f.milli[g] = int32(int(a) * 1000 / f.UnitsPerEm)
	}
	return nil
}

// readCmap fills the rune → glyph tables and returns which glyphs some
// rune maps to.
func (f *Face) readCmap(cmap gofont.Cmap) ([]bool, error) {
	f.slow = map[rune]uint16{}
	f.has = make([]uint64, fastRunes/64)
	reachable := make([]bool, f.numGlyphs)
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
			f.has[r/64] |= 1 << (r % 64)
		} else {
			f.slow[r] = uint16(g)
		}
		reachable[g] = true
	}
	// A character the font lacks is drawn as a space (the layout has
	// warned about it); with no space glyph either, as .notdef.
	if g, ok := cmap.Lookup(' '); ok && int(g) < f.numGlyphs {
		f.missing = uint16(g)
	}
	f.fast = make([]uint16, fastRunes)
	for r := range f.fast {
		f.fast[r] = f.missing
		if f.has[r/64]&(1<<(r%64)) != 0 {
			g, _ := cmap.Lookup(rune(r))
			f.fast[r] = uint16(g)
		}
	}
	return reachable, nil
}

// glyph returns the glyph drawn for r: its own, or the substitute
// for a character the font lacks.
func (f *Face) glyph(r rune) uint16 {
	if uint32(r) < fastRunes {
		return f.fast[r]
	}
	if g, ok := f.slow[r]; ok {
		return g
	}
	return f.missing
}

// HasRune reports whether the font has a glyph for r.
func (f *Face) HasRune(r rune) bool {
	if uint32(r) < fastRunes {
		return f.has[r/64]&(1<<(r%64)) != 0
	}
	_, ok := f.slow[r]
	return ok
}

// NumGlyphs returns the number of glyphs in the font.
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// GlyphAdvance returns the advance width of r in font units. A character
// the font lacks measures as what is drawn instead: a space (see
// MissingAdvance).
func (f *Face) GlyphAdvance(r rune) int { return int(f.advance[f.glyph(r)]) }

// MissingAdvance returns the advance, in font units, of what is drawn
// for a character the font lacks. A space is drawn instead,
// so it is the space's advance (the .notdef advance only if the
// font has no space). A book should check HasRune and report such
// characters rather than rely on this.
func (f *Face) MissingAdvance() int { return int(f.advance[f.missing]) }

// Kern returns the pair kerning between left and right in font units,
// negative to tighten, 0 if none.
func (f *Face) Kern(left, right rune) int {
	if f.kern.first == nil {
		return 0
	}
	return f.kern.lookup(f.glyph(left), f.glyph(right))
}

// KernPairs returns the number of non-zero kerning pairs between glyphs
// that some character maps to.
func (f *Face) KernPairs() int { return f.kern.len() }

// AdvanceMilli returns r's width in 1/1000 em exactly as the PDF's /W array gives it
// it (advance*1000/UnitsPerEm, truncated).
func (f *Face) AdvanceMilli(r rune) int { return int(f.milli[f.glyph(r)]) }

// KernMilli returns the kerning between left and right in 1/1000 em as
// the PDF writer applies it (truncated toward zero).
func (f *Face) KernMilli(left, right rune) int {
	return f.Kern(left, right) * 1000 / f.UnitsPerEm
}

// MeasureMilli returns the width of s in 1/1000 em: the sum a PDF
// viewer makes, with kerning between adjacent characters if
// kern is set. It does not allocate.
func (f *Face) MeasureMilli(s string, kern bool) int {
	w := 0
	kern = kern && f.kern.first != nil
	var prev uint16
	for i, r := range s {
		g := f.glyph(r)
		w += int(f.milli[g])
		if kern && i > 0 {
			if k := f.kern.lookup(prev, g); k != 0 {
				w += k * 1000 / f.UnitsPerEm
			}
		}
		prev = g
	}
	return w
}

// Advance returns r's width in scaled points at size sizeSp (scaled points).
func (f *Face) Advance(r rune, sizeSp int64) int64 { return Scale(f.AdvanceMilli(r), sizeSp) }

// KernSp returns the kerning between left and right in scaled points at
// size sizeSp.
func (f *Face) KernSp(left, right rune, sizeSp int64) int64 {
	return Scale(f.KernMilli(left, right), sizeSp)
}

// Measure returns the width of s in scaled points at size sizeSp (scaled
// points), with kerning if kern is set: what the PDF will place. It does
// not allocate.
func (f *Face) Measure(s string, sizeSp int64, kern bool) int64 {
	return Scale(f.MeasureMilli(s, kern), sizeSp)
}

// Units returns a length of v font units in scaled points at size sizeSp,
// rounded to nearest: for ascent, x-height and the like, which are not
// truncated.
func (f *Face) Units(v int, sizeSp int64) int64 {
	return roundDiv(int64(v)*sizeSp, int64(f.UnitsPerEm))
}

// Scale converts a width in 1/1000 em to scaled points at size sizeSp,
// rounding to the nearest scaled point (halves away from zero).
func Scale(milli int, sizeSp int64) int64 { return roundDiv(int64(milli)*sizeSp, 1000) }

func roundDiv(a, b int64) int64 {
	if a < 0 {
		return -((-a + b/2) / b)
	}
	return (a + b/2) / b
}

// Glyph returns the glyph drawn for r: its own, or the substitute for a
// character the font lacks (see MissingAdvance).
func (f *Face) Glyph(r rune) uint16 { return f.glyph(r) }

// GlyphMilli returns glyph g's advance in 1/1000 em, truncated: the width
// the PDF's /W array gives it, and so where a viewer puts the next glyph.
func (f *Face) GlyphMilli(g uint16) int {
	if int(g) >= len(f.milli) {
		return 0
	}
	return int(f.milli[g])
}

// KernGlyphsMilli returns the kerning between glyphs left and right in
// 1/1000 em, truncated toward zero as KernMilli.
func (f *Face) KernGlyphsMilli(left, right uint16) int {
	if f.kern.first == nil {
		return 0
	}
	return f.kern.lookup(left, right) * 1000 / f.UnitsPerEm
}

// HasKerning reports whether the face has any pair kerning.
func (f *Face) HasKerning() bool { return f.kern.first != nil }

// glyphTop returns the top of glyph g's outline (yMax of its glyf header), or 0.
func glyphTop(ld *ot.Loader, head []byte, g int) int {
	loca, err1 := ld.RawTable(tagLoca)
	glyf, err2 := ld.RawTable(tagGlyf)
	if err1 != nil || err2 != nil {
		return 0
	}
	var from int
	if binary.BigEndian.Uint16(head[50:]) == 1 {
		if 4*g+4 > len(loca) {
			return 0
		}
		from = int(binary.BigEndian.Uint32(loca[4*g:]))
	} else {
		if 2*g+2 > len(loca) {
			return 0
		}
		from = 2 * int(binary.BigEndian.Uint16(loca[2*g:]))
	}
	if from+10 > len(glyf) {
		return 0
	}
	return int(int16(binary.BigEndian.Uint16(glyf[from+8:])))
}
