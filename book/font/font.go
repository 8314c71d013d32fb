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
//
// # The one TrueType reader
//
// This package is the only one in bindery that reads a font file: the
// layout measures with a Face, book/pdf makes its subsets from the face's
// tables, glyph records and components, and book/cover draws the outlines.
// A Face keeps the file it was parsed from. The files: font.go parses a
// face and measures; tables.go reads the table directory and the metrics
// tables (hhea, hmtx, post, GDEF); cmap.go maps characters to glyphs;
// glyf.go finds glyph records (loca), components and outlines; gpos.go
// reads pair kerning; family.go loads the four faces of a family.
package font

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	ot "github.com/go-text/typesetting/font/opentype"
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
	// ItalicAngle is post's, in degrees counter-clockwise from the vertical
	// (negative for text leaning right).
	ItalicAngle float64
	// BBox bounds every glyph of the font (head's xMin, yMin, xMax, yMax).
	BBox [4]int

	tables    directory // the file's tables; the face keeps the file
	loca      []byte
	glyf      []byte
	longLoca  bool // loca holds 32-bit offsets
	numGlyphs int
	hmtx      []byte      // the advances in font units, read in place (advanceUnits)
	hMetrics  int         // hhea's numberOfHMetrics: at least 1, within hmtx
	milli     []int32     // advance*1000/UnitsPerEm truncated, as the PDF's /W array
	fast      []uint16    // glyph drawn for runes below fastRunes (missing → substitute)
	has       []uint64    // bit set of runes below fastRunes the font maps
	slow      []runeGlyph // the characters mapped at or past fastRunes, in order
	missing   uint16      // glyph drawn for a character the font lacks
	kern      kernTable

	// The characters, widths and kerning above (fast to kern) are read on first use
	// (lazy.go): ready is set once they are, readOnce reads them, readErr is what went wrong.
	ready    atomic.Bool
	readOnce sync.Once
	readErr  error

	data []byte // the file, for go-text's shaper (variants.go)
	// variantTable holds the glyphs only GSUB features reach, found on first use
	// (variantOnce); atomic, as glyph reads it while another goroutine may load it.
	variantOnce  sync.Once
	variantTable atomic.Pointer[variants]
	featureOnce  sync.Once
	gsubFeatures map[ot.Tag]bool // the GSUB's feature tags (variants.go)
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
// panic. The face keeps data (its tables and outlines are read from it):
// do not change it afterwards.
func Parse(name string, data []byte) (*Face, error) {
	f, err := ParseLazy(name, data)
	if err != nil {
		return nil, err
	}
	f.read()
	if err := f.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// ParseLazy is Parse reading now only the header (names, heights, the tables'
// directory and lengths): the characters, widths and kerning are read when the face is
// first asked for a glyph or a metric, so a face a book never draws costs next to
// nothing. What that later read finds wrong is reported by Err; the face then maps no
// character. For fonts known to be sound, as the ones bindery embeds.
func ParseLazy(name string, data []byte) (f *Face, err error) {
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

// parse reads the header; the rest is read by readBody.
func parse(name string, data []byte) (*Face, error) {
	t, err := readDirectory(data)
	if err != nil {
		return nil, err
	}
	if _, err := ot.NewLoader(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("not a font file: %w", err)
	}
	if t["CFF "] != nil || t["CFF2"] != nil {
		return nil, errors.New("has CFF (PostScript) outlines; only TrueType (glyf) fonts can be embedded in the PDF")
	}
	for _, tag := range []string{"glyf", "hhea", "hmtx", "maxp"} {
		if t[tag] == nil {
			return nil, fmt.Errorf("not a TrueType font: no %q table", tag)
		}
	}
	// Only the tables the layout needs are parsed: go-text's NewFont would also decode
	// every glyph outline (megabytes for a family, on every build).
	head := t["head"]
	if len(head) < 54 {
		return nil, errors.New("head table missing or truncated")
	}
	f := &Face{Name: name, Family: familyName(t), UnitsPerEm: int(binary.BigEndian.Uint16(head[18:])), tables: t, data: data}
	if f.UnitsPerEm < 16 || f.UnitsPerEm > 16384 {
		return nil, fmt.Errorf("unitsPerEm %d outside 16..16384", f.UnitsPerEm)
	}
	f.BBox = [4]int{s16(head, 36), s16(head, 38), s16(head, 40), s16(head, 42)}
	f.loca, f.glyf, f.longLoca = t["loca"], t["glyf"], binary.BigEndian.Uint16(head[50:]) == 1

	maxp := t["maxp"]
	if len(maxp) < 6 {
		return nil, errors.New("maxp table truncated")
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, errors.New("font has no glyphs")
	}
	if err := f.readMetrics(); err != nil {
		return nil, err
	}
	if err := f.readHeights(); err != nil {
		return nil, err
	}
	f.readPost()
	return f, nil
}

// NumGlyphs returns the number of glyphs in the font.
func (f *Face) NumGlyphs() int { return f.numGlyphs }

// GlyphAdvance returns the advance width of r in font units. A character
// the font lacks measures as what is drawn instead: a space (see
// MissingAdvance).
func (f *Face) GlyphAdvance(r rune) int { return int(f.advanceUnits(f.glyph(r))) }

// MissingAdvance returns the advance, in font units, of what is drawn
// for a character the font lacks. A space is drawn instead,
// so it is the space's advance (the .notdef advance only if the
// font has no space). A book should check HasRune and report such
// characters rather than rely on this.
func (f *Face) MissingAdvance() int {
	f.read()
	return int(f.advanceUnits(f.missing))
}

// Kern returns the pair kerning between left and right in font units,
// negative to tighten, 0 if none.
func (f *Face) Kern(left, right rune) int {
	f.read()
	if f.kern.first == nil {
		return 0
	}
	return f.kern.lookup(f.glyph(left), f.glyph(right))
}

// KernPairs returns the number of non-zero kerning pairs between glyphs
// that some character maps to.
func (f *Face) KernPairs() int {
	f.read()
	return f.kern.len()
}

// AdvanceMilli returns r's width in 1/1000 em exactly as the PDF's /W array gives it
// it (advance*1000/UnitsPerEm, truncated).
func (f *Face) AdvanceMilli(r rune) int {
	g := f.glyph(r) // reads the face first
	return int(f.milli[g])
}

// KernMilli returns the kerning between left and right in 1/1000 em as
// the PDF writer applies it (truncated toward zero).
func (f *Face) KernMilli(left, right rune) int {
	return f.Kern(left, right) * 1000 / f.UnitsPerEm
}

// MeasureMilli returns the width of s in 1/1000 em: the sum a PDF
// viewer makes, with kerning between adjacent characters if
// kern is set. It does not allocate.
func (f *Face) MeasureMilli(s string, kern bool) int {
	f.read()
	w := 0
	kern = kern && f.kern.first != nil
	var prev uint16
	for i, r := range s {
		g := f.readGlyph(r)
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
	f.read()
	if int(g) >= len(f.milli) {
		return 0
	}
	return int(f.milli[g])
}

// KernGlyphsMilli returns the kerning between glyphs left and right in
// 1/1000 em, truncated toward zero as KernMilli.
func (f *Face) KernGlyphsMilli(left, right uint16) int {
	f.read()
	if f.kern.first == nil {
		return 0
	}
	return f.kern.lookup(left, right) * 1000 / f.UnitsPerEm
}

// GlyphWidth returns glyph g's advance in font units (0 past the last glyph).
func (f *Face) GlyphWidth(g uint16) int {
	if int(g) >= f.numGlyphs {
		return 0
	}
	return int(f.advanceUnits(g))
}

// KernGlyphs returns the kerning between glyphs left and right in font units, negative to
// tighten, 0 if none.
func (f *Face) KernGlyphs(left, right uint16) int {
	f.read()
	if f.kern.first == nil {
		return 0
	}
	return f.kern.lookup(left, right)
}

// HasKerning reports whether the face has any pair kerning.
func (f *Face) HasKerning() bool {
	f.read()
	return f.kern.first != nil
}
