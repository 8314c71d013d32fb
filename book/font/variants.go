package font

import (
	"bytes"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// This file gives glyphs that only a GSUB feature reaches (small capitals, oldstyle or
// lining figures) a character of their own, so that the layout measures, kerns and breaks
// them, and the PDF writer draws them, as it does any other character.
//
// The substitutions are found through go-text's HarfBuzz port, not by reading GSUB here:
// each character the feature may change is shaped alone with the feature on, and a single
// glyph that differs from the character's own is its variant. That is done for each character
// the first time it is asked for (a go-text parse of the face, without its outlines, costs a
// few milliseconds on the first request; a book that asks for no variant never pays it).
//
// A variant's character is in the Supplementary Private Use Area and spells what it stands
// for, so Letter reads it back without the face:
//
//	U+F0000 + r               the small capital of r (r below U+10000): c2sc for a capital,
//	                          smcp for a lower-case letter; the text keeps which was written
//	U+100000 + style<<8 + r   digit r (below U+100) in a FigureStyle
const (
	smallCapBase = 0xF0000
	figureBase   = 0x100000
	variantFirst = smallCapBase
)

// FigureStyle is a set of figures a font may have besides its default ones.
type FigureStyle uint8

const (
	// DefaultFigures are the figures the font maps the digits to.
	DefaultFigures FigureStyle = iota
	// Oldstyle figures (onum) have ascenders and descenders, as lower-case letters do: for
	// running text.
	Oldstyle
	// Lining figures (lnum) stand on the baseline at about the height of capitals.
	Lining
	// TabularLining figures (lnum and tnum) are lining and all one width: for columns.
	TabularLining
	numFigureStyles
)

// figureFeatures are the GSUB features of each figure style.
var figureFeatures = [numFigureStyles][]string{Oldstyle: {"onum"}, Lining: {"lnum"}, TabularLining: {"lnum", "tnum"}}

// variantSet is every variant of a face, by its private character: what SmallCaps and Figures
// count (a walk of the whole face).
type variantSet struct {
	glyph map[rune]uint16
	// smcp and c2sc count the letters each feature changes; figures, the digits each
	// style does.
	smcp, c2sc int
	figures    [numFigureStyles]int
}

// variants finds a face's variants a character at a time, as the text asks for them: a book
// sets a few dozen letters in small capitals, and shaping each of the face's thousands of
// letters (as was done on first use) cost about 3 % of the default book's build.
type variants struct {
	f     *Face
	mu    sync.Mutex // the shaper and go-text's face are one goroutine's at a time
	sh    shaping.HarfbuzzShaper
	face  *gofont.Face // nil: no variants (none in the font, or its GSUB broke the shaper)
	found sync.Map     // private character → int32: its glyph, or -1 for none
	// all is the whole set, walked on the first SmallCaps or Figures.
	allOnce sync.Once
	all     *variantSet
}

// newVariants shapes with go-text's parse of file.
func newVariants(f *Face, file []byte) (*variants, error) {
	face, err := gofont.ParseTTF(bytes.NewReader(file))
	if err != nil {
		return nil, err
	}
	return &variants{f: f, face: face}, nil
}

// smallCapFeature is the feature that makes r a small capital: smcp for a lower-case letter,
// c2sc for a capital, none for any other character.
func smallCapFeature(r rune) string {
	switch {
	case unicode.IsLower(r):
		return "smcp"
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return "c2sc"
	}
	return ""
}

// glyphOf returns the glyph of private character c, if the face has that variant.
func (v *variants) glyphOf(c rune) (uint16, bool) {
	if v == nil {
		return 0, false
	}
	if g, ok := v.found.Load(c); ok {
		return uint16(g.(int32)), g.(int32) >= 0
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if g, ok := v.found.Load(c); ok {
		return uint16(g.(int32)), g.(int32) >= 0
	}
	g, ok := v.shapeVariant(c)
	k := int32(-1)
	if ok {
		k = int32(g)
	}
	v.found.Store(c, k)
	return g, ok
}

// shapeVariant finds the glyph of private character c (v.mu held).
func (v *variants) shapeVariant(c rune) (uint16, bool) {
	if v.face == nil {
		return 0, false
	}
	switch {
	case c >= smallCapBase && c < smallCapBase+0x10000:
		r := c - smallCapBase
		if t := smallCapFeature(r); t != "" && v.f.HasRune(r) {
			return v.shape(r, t)
		}
	case c >= figureBase && c < figureBase+rune(numFigureStyles)<<8:
		s, r := FigureStyle((c-figureBase)>>8), (c-figureBase)&0xFF
		if s != DefaultFigures && unicode.IsDigit(r) && smallCapFeature(r) == "" && v.f.HasRune(r) {
			return v.shape(r, figureFeatures[s]...)
		}
	}
	return 0, false
}

// shape shapes r alone with features on: its variant is a single glyph that is not r's own.
func (v *variants) shape(r rune, features ...string) (g uint16, ok bool) {
	defer func() {
		// A malformed GSUB must cost the book its small capitals, not the build: the face
		// has no more variants. (The shipped faces are walked whole by the tests.)
		if p := recover(); p != nil {
			v.face, g, ok = nil, 0, false
		}
	}()
	f := v.f
	in := shaping.Input{Text: []rune{r}, RunEnd: 1, Direction: di.DirectionLTR, Face: v.face,
		Size: fixed.I(int(f.UnitsPerEm)), Script: language.LookupScript(r)}
	for _, t := range features {
		in.FontFeatures = append(in.FontFeatures, shaping.FontFeature{Tag: ot.MustNewTag(t), Value: 1})
	}
	out := v.sh.Shape(in)
	if len(out.Glyphs) != 1 {
		return 0, false
	}
	g = uint16(out.Glyphs[0].GlyphID)
	return g, int(g) < f.numGlyphs && g != 0 && g != f.glyph(r)
}

// characters calls yield with each character below U+10000 the face maps, in order, until
// it returns false.
func (f *Face) characters(yield func(rune) bool) {
	f.read()
	for r := rune(0); r < fastRunes; r++ {
		if f.has[r/64]&(1<<(r%64)) != 0 && !yield(r) {
			return
		}
	}
	for _, m := range f.slow {
		if m.r >= 0x10000 || !yield(m.r) {
			return
		}
	}
}

// every walks the whole face: each letter with smcp or c2sc, each digit below U+100 in each
// figure style.
func (v *variants) every() *variantSet {
	v.allOnce.Do(func() {
		all := &variantSet{glyph: map[rune]uint16{}}
		v.f.characters(func(r rune) bool {
			switch t := smallCapFeature(r); {
			case t != "":
				if g, ok := v.glyphOf(smallCapBase + r); ok {
					all.glyph[smallCapBase+r] = g
					if t == "smcp" {
						all.smcp++
					} else {
						all.c2sc++
					}
				}
			case r < 0x100 && unicode.IsDigit(r):
				for s := Oldstyle; s < numFigureStyles; s++ {
					c := figureBase + rune(s)<<8 + r
					if g, ok := v.glyphOf(c); ok {
						all.glyph[c] = g
						all.figures[s]++
					}
				}
			}
			return true
		})
		v.all = all
	})
	return v.all
}

// SmallCap returns the character that draws r as a small capital (smcp for a lower-case
// letter, c2sc for a capital), and false when the face has none for it: r is then drawn as
// it is.
func (f *Face) SmallCap(r rune) (rune, bool) {
	if r >= 0x10000 || !unicode.IsLetter(r) {
		return r, false
	}
	if !f.hasFeature("smcp", "c2sc") {
		return r, false
	}
	if _, ok := f.loadVariants().glyphOf(smallCapBase + r); ok {
		return smallCapBase + r, true
	}
	return r, false
}

// Figure returns the character that draws digit r in style s, and false when the face has
// no such figure (or r is not a digit it changes): r is then drawn as it is.
func (f *Face) Figure(r rune, s FigureStyle) (rune, bool) {
	if r >= 0x100 || s == DefaultFigures || s >= numFigureStyles || !unicode.IsDigit(r) {
		return r, false
	}
	if !f.hasFeature(figureFeatures[s]...) {
		return r, false
	}
	c := figureBase + rune(s)<<8 + r
	if _, ok := f.loadVariants().glyphOf(c); ok {
		return c, true
	}
	return r, false
}

// SmallCaps reports how many letters the face's smcp (lower case) and c2sc (capitals)
// features turn into small capitals: 0 and 0 for a face without small capitals.
func (f *Face) SmallCaps() (lower, capitals int) {
	if !f.hasFeature("smcp", "c2sc") {
		return 0, 0
	}
	v := f.loadVariants()
	if v == nil {
		return 0, 0
	}
	all := v.every()
	return all.smcp, all.c2sc
}

// HasSmallCapitals reports whether c2sc turns some capital of the face into a small capital
// (SmallCaps' second count is not 0), shaping the capitals only until one does.
func (f *Face) HasSmallCapitals() bool {
	if !f.hasFeature("smcp", "c2sc") {
		return false
	}
	v, found := f.loadVariants(), false
	f.characters(func(r rune) bool {
		if smallCapFeature(r) == "c2sc" {
			_, found = v.glyphOf(smallCapBase + r)
		}
		return !found
	})
	return found
}

// HasFigures reports whether the face draws some digit differently in style s (Figures is
// not 0), shaping the digits only until one is.
func (f *Face) HasFigures(s FigureStyle) bool {
	if s == DefaultFigures || s >= numFigureStyles || !f.hasFeature(figureFeatures[s]...) {
		return false
	}
	for r := rune('0'); r <= 0xFF; r++ {
		if _, ok := f.Figure(r, s); ok {
			return true
		}
	}
	return false
}

// Figures reports how many digits the face draws differently in style s: 0 when it has no
// such figures, or when its default figures are already those.
func (f *Face) Figures(s FigureStyle) int {
	if s >= numFigureStyles || !f.hasFeature(figureFeatures[s]...) {
		return 0
	}
	v := f.loadVariants()
	if v == nil {
		return 0
	}
	return v.every().figures[s]
}

// Letter returns the character a variant character stands for (its letter or digit as
// written), and any other character unchanged.
func Letter(r rune) rune {
	switch {
	case r >= figureBase && r < figureBase+rune(numFigureStyles)<<8:
		return (r - figureBase) & 0xFF
	case r >= smallCapBase && r < smallCapBase+0x10000:
		return r - smallCapBase
	}
	return r
}

// IsSmallCap reports whether r is a variant character drawing a small capital.
func IsSmallCap(r rune) bool { return r >= smallCapBase && r < smallCapBase+0x10000 }

// Letters returns text as its reader wrote it: variant characters as their letters and
// digits, and the standard ligatures' presentation forms (U+FB00–FB06) as their letters.
func Letters(s string) string {
	if !strings.ContainsFunc(s, drawnForm) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteString(LetterString(r))
	}
	return b.String()
}

// LetterString is the text one drawn character stands for: a ligature's letters, a
// variant's letter, else the character.
func LetterString(r rune) string {
	switch r {
	case 0xFB00:
		return "ff"
	case 0xFB01:
		return "fi"
	case 0xFB02:
		return "fl"
	case 0xFB03:
		return "ffi"
	case 0xFB04:
		return "ffl"
	case 0xFB05, 0xFB06:
		return "st"
	}
	return string(Letter(r))
}

// drawnForm reports whether r is drawn for other text: a ligature or a variant.
func drawnForm(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 || r >= variantFirst }

// variantGlyph returns the glyph of a variant character, if the face has it.
func (f *Face) variantGlyph(r rune) (uint16, bool) {
	// Found here too when the text was set by another process (build --cache): its
	// variants were then never asked for.
	return f.loadVariants().glyphOf(r)
}

// loadVariants makes the face's variant finder on first use; nil when it has none.
func (f *Face) loadVariants() *variants {
	f.read()
	f.variantOnce.Do(func() {
		v, err := f.findVariants()
		if err != nil || v == nil {
			v = &variants{f: f} // no variants: every character is drawn as it is
		}
		f.variantTable.Store(v)
	})
	return f.variantTable.Load()
}

// findVariants parses the face for go-text's shaper.
func (f *Face) findVariants() (v *variants, err error) {
	defer func() {
		// A malformed GSUB must cost the book its small capitals, not the build.
		if p := recover(); p != nil {
			v, err = nil, nil
		}
	}()
	if n := len(f.slow); n > 0 && f.slow[n-1].r >= variantFirst {
		return nil, nil // the font maps the private characters itself: leave them its own
	}
	return newVariants(f, f.substitutionFont())
}

// shapeVariants finds every variant by shaping with go-text's parse of file.
func (f *Face) shapeVariants(file []byte) (*variantSet, error) {
	v, err := newVariants(f, file)
	if err != nil {
		return nil, err
	}
	return v.every(), nil
}

// substitutionTables are the tables a character's glyph after GSUB depends on: the
// mapping, GSUB itself, the glyph classes it skips marks by, the metrics and the variation
// axes. Left out, above all: the outlines (glyf, loca), which go-text's parse decodes every
// one of (most of a 13 ms parse of a Charis SIL face), and GPOS, which only moves glyphs.
// TestSubstitutionFontFindsTheSameVariants holds the shipped faces to their whole files.
var substitutionTables = []string{"GDEF", "GSUB", "OS/2", "avar", "cmap", "fvar", "head", "hhea", "hmtx", "maxp"}

// substitutionFont is the face's file with only the substitutionTables, for go-text's
// shaper.
func (f *Face) substitutionFont() []byte {
	var kept []ot.Table
	for _, tag := range substitutionTables { // in tag order, as WriteTTF wants
		if t, ok := f.tables[tag]; ok {
			// Capped: WriteTTF's checksum appends to a table whose length is not a multiple
			// of four, and the file may lie in read-only memory (fonts.Shared).
			kept = append(kept, ot.Table{Tag: ot.MustNewTag(tag), Content: t[:len(t):len(t)]})
		}
	}
	return ot.WriteTTF(kept)
}

// hasFeature reports whether the face's GSUB lists one of the features: read with go-text
// once, without the rest of the font, so that a book whose faces lack a feature it asks
// for (oldstyle figures in Charis SIL) does not pay for the variants.
func (f *Face) hasFeature(tags ...string) bool {
	f.featureOnce.Do(func() {
		f.gsubFeatures = map[ot.Tag]bool{}
		defer func() { _ = recover() }() // a malformed GSUB: no features
		if raw := f.tables["GSUB"]; raw != nil {
			if layout, _, err := tables.ParseLayout(raw); err == nil {
				for _, rec := range layout.FeatureList.Records {
					f.gsubFeatures[rec.Tag] = true
				}
			}
		}
	})
	for _, t := range tags {
		if f.gsubFeatures[ot.MustNewTag(t)] {
			return true
		}
	}
	return false
}
