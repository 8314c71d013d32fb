package font

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Charis SIL 6.101 has no kerning at all (GPOS holds only mark and mkmk),
// so the GPOS reader is tested on Charis with a GPOS table built here:
// known pairs, both subtable formats, extension lookups, several lookups.

// be is a tiny big-endian writer.
type be struct{ b []byte }

func (w *be) u16(v ...int) *be {
	for _, x := range v {
		w.b = binary.BigEndian.AppendUint16(w.b, uint16(x))
	}
	return w
}
func (w *be) u32(v int) *be    { w.b = binary.BigEndian.AppendUint32(w.b, uint32(v)); return w }
func (w *be) tag(t string) *be { w.b = append(w.b, t...); return w }
func (w *be) put16(at, v int)  { binary.BigEndian.PutUint16(w.b[at:], uint16(v)) }

// pairs1 is a PairPos format 1 subtable: first glyph → second → XAdvance.
type pairs1 map[uint16]map[uint16]int

// classes2 is a PairPos format 2 subtable. Class 0 of either side is
// every glyph not listed.
type classes2 struct {
	cov     []uint16 // covered first glyphs
	class1  map[uint16]int
	class2  map[uint16]int
	n1, n2  int
	matrix  map[[2]int]int // (class1, class2) → XAdvance
	xPlace2 bool           // also give the second glyph an XPlacement (must be ignored)
}

func coverage(glyphs []uint16) []byte {
	g := slices.Clone(glyphs)
	slices.Sort(g)
	w := &be{}
	w.u16(1, len(g))
	for _, x := range g {
		w.u16(int(x))
	}
	return w.b
}

func (p pairs1) bytes() []byte {
	var firsts []uint16
	for g := range p {
		firsts = append(firsts, g)
	}
	slices.Sort(firsts)
	w := &be{}
	w.u16(1, 0, 0x4, 0, len(firsts))
	covAt := 2
	offs := len(w.b)
	for range firsts {
		w.u16(0)
	}
	w.put16(covAt, len(w.b))
	w.b = append(w.b, coverage(firsts)...)
	for i, g1 := range firsts {
		w.put16(offs+2*i, len(w.b))
		var seconds []uint16
		for g2 := range p[g1] {
			seconds = append(seconds, g2)
		}
		slices.Sort(seconds)
		w.u16(len(seconds))
		for _, g2 := range seconds {
			w.u16(int(g2), p[g1][g2])
		}
	}
	return w.b
}

func classDef(m map[uint16]int) []byte {
	var gs []uint16
	for g := range m {
		gs = append(gs, g)
	}
	slices.Sort(gs)
	w := &be{}
	w.u16(2, len(gs)) // format 2, one range per glyph
	for _, g := range gs {
		w.u16(int(g), int(g), m[g])
	}
	return w.b
}

func (c classes2) bytes() []byte {
	vf2 := 0
	if c.xPlace2 {
		vf2 = 0x1
	}
	rec := 1 + popcount(vf2)
	w := &be{}
	w.u16(2, 0, 0x4, vf2, 0, 0, c.n1, c.n2)
	for i := 0; i < c.n1; i++ {
		for j := 0; j < c.n2; j++ {
			w.u16(c.matrix[[2]int{i, j}])
			if rec == 2 {
				w.u16(-500)
			}
		}
	}
	w.put16(2, len(w.b))
	w.b = append(w.b, coverage(c.cov)...)
	w.put16(8, len(w.b))
	w.b = append(w.b, classDef(c.class1)...)
	w.put16(10, len(w.b))
	w.b = append(w.b, classDef(c.class2)...)
	return w.b
}

type subtabler interface{ bytes() []byte }

// lookup is one GPOS lookup; ext wraps each subtable in an extension
// (type 9) subtable.
type lookup struct {
	subs []subtabler
	ext  bool
	flag int
}

func (l lookup) bytes() []byte {
	w := &be{}
	typ := 2
	if l.ext {
		typ = 9
	}
	w.u16(typ, l.flag, len(l.subs))
	offs := len(w.b)
	for range l.subs {
		w.u16(0)
	}
	for i, s := range l.subs {
		w.put16(offs+2*i, len(w.b))
		body := s.bytes()
		if l.ext {
			w.u16(1, 2).u32(8)
		}
		w.b = append(w.b, body...)
	}
	return w.b
}

// buildGPOS makes a GPOS table whose only script is script, with a kern
// feature using all lookups, plus, if mark is not nil, a "mark" feature
// with that one subtable, which the kerning reader must ignore.
func buildGPOS(script string, lookups []lookup, mark subtabler) []byte {
	w := &be{}
	w.u16(1, 0, 10, 0, 0)
	// ScriptList: one script, default LangSys with features 0 and maybe 1.
	nFeat := 1
	if mark != nil {
		nFeat = 2
	}
	w.u16(1).tag(script).u16(8)
	w.u16(4, 0)                   // Script: default LangSys at +4, no others
	w.u16(0, 0xFFFF, nFeat, 0, 1) // LangSys
	if nFeat == 1 {
		w.b = w.b[:len(w.b)-2]
	}
	// FeatureList
	w.put16(6, len(w.b))
	fl := len(w.b)
	w.u16(nFeat).tag("kern").u16(0)
	if nFeat == 2 {
		w.tag("mark").u16(0)
	}
	w.put16(fl+2+4, len(w.b)-fl)
	w.u16(0, len(lookups))
	for i := range lookups {
		w.u16(i)
	}
	if nFeat == 2 {
		w.put16(fl+2+6+4, len(w.b)-fl)
		w.u16(0, 1, len(lookups))
	}
	// LookupList
	w.put16(8, len(w.b))
	ll := len(w.b)
	all := slices.Clone(lookups)
	if mark != nil {
		all = append(all, lookup{subs: []subtabler{mark}})
	}
	w.u16(len(all))
	for range all {
		w.u16(0)
	}
	for i, l := range all {
		w.put16(ll+2+2*i, len(w.b)-ll)
		w.b = append(w.b, l.bytes()...)
	}
	return w.b
}

// withTable returns font data with table tag replaced by (or set to) body,
// appended at the end of the file.
func withTable(t testing.TB, font []byte, tag string, body []byte) []byte {
	t.Helper()
	out := slices.Clone(font)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if string(out[rec:rec+4]) == tag {
			binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
			binary.BigEndian.PutUint32(out[rec+12:], uint32(len(body)))
			return append(out, body...)
		}
	}
	t.Fatalf("font has no %s table", tag)
	return nil
}

func charisBytes(t testing.TB, style string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/CharisSIL-" + style + ".ttf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// kernedCharis is Charis Regular with a GPOS exercising every rule the
// reader implements. The expected kerning is in kernedCharisWant.
func kernedCharis(t testing.TB) ([]byte, *Face) {
	t.Helper()
	plain, err := Parse("CharisSIL-Regular.ttf", charisBytes(t, "Regular"))
	if err != nil {
		t.Fatal(err)
	}
	g := func(r rune) uint16 {
		gid := plain.glyph(r)
		if gid == 0 {
			t.Fatalf("Charis lacks %q", r)
		}
		return gid
	}
	lookups := []lookup{
		{subs: []subtabler{
			// Specific pairs first, as font compilers emit them.
			pairs1{
				g('A'): {g('V'): -150, g('v'): -60},
				g('T'): {g('o'): -120, g('y'): -100, g('a'): 0}, // T-a explicitly 0
				g('L'): {g('T'): -160},
			},
			// Then classes: T and F before a/e/o get -80; P before anything
			// unlisted (class 0) gets -30.
			classes2{
				cov:    []uint16{g('T'), g('F'), g('P')},
				class1: map[uint16]int{g('T'): 1, g('F'): 1, g('P'): 2},
				class2: map[uint16]int{g('a'): 1, g('e'): 1, g('o'): 1},
				n1:     3, n2: 2,
				matrix:  map[[2]int]int{{1, 1}: -80, {2, 0}: -30},
				xPlace2: true,
			},
			// Never reached for T (decided above): must not apply.
			pairs1{g('T'): {g('e'): -999}},
		}},
		// A second lookup adds up, through an extension subtable.
		{ext: true, subs: []subtabler{pairs1{g('A'): {g('V'): -10}, g('f'): {g('f'): 20}}}},
	}
	gpos := buildGPOS("latn", lookups, pairs1{g('A'): {g('V'): -999}, g('x'): {g('y'): -999}})
	data := withTable(t, charisBytes(t, "Regular"), "GPOS", gpos)
	f, err := Parse("kerned-charis.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	return data, f
}

var kernedCharisWant = []struct {
	pair string
	kern int
}{
	{"AV", -160}, // -150 + -10 from the second lookup
	{"Av", -60},
	{"To", -120}, // format 1 wins over the class value
	{"Ty", -100},
	{"Ta", 0}, // explicit zero in format 1 decides the pair
	{"Te", -80},
	{"Fo", -80},
	{"Fe", -80},
	{"LT", -160},
	{"Pz", -30}, // class 0: unlisted second glyph
	{"PA", -30},
	{"Pa", 0}, // class 1 row for P is zero
	{"ff", 20},
	{"VA", 0},
	{"AA", 0},
	{"xy", 0},
}

func TestGPOSPairKerningFormats1And2(t *testing.T) {
	_, f := kernedCharis(t)
	for _, tc := range kernedCharisWant {
		r := []rune(tc.pair)
		if got := f.Kern(r[0], r[1]); got != tc.kern {
			t.Errorf("Kern(%q) = %d, want %d", tc.pair, got, tc.kern)
		}
	}
	if f.KernPairs() < 8 {
		t.Errorf("KernPairs = %d, want the class pairs expanded too", f.KernPairs())
	}
}

func TestGPOSKerningAgreesWithHarfBuzzShaper(t *testing.T) {
	// go-text's port of HarfBuzz is an independent implementation of the
	// same rules: shaping each pair must move the second glyph by exactly
	// our kerning.
	data, f := kernedCharis(t)
	gf, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var shaper shaping.HarfbuzzShaper
	// No 'P': its kerning comes from class 0 of ClassDef2 (glyphs the
	// class definition does not list). The OpenType spec and C HarfBuzz
	// apply that class; go-text v0.3.5's port instead treats unlisted
	// second glyphs as no match (applyGPOSPair2 returns false), so the
	// two would differ there by design.
	runes := []rune("AVTaeoyLFfvxz.,")
	for _, a := range runes {
		for _, b := range runes {
			text := []rune{a, b}
			out := shaper.Shape(shaping.Input{
				Text: text, RunStart: 0, RunEnd: 2, Face: gf,
				Size:     fixed.I(f.UnitsPerEm), // 1 unit = 1 font unit
				Script:   language.Latin,
				Language: language.NewLanguage("en"),
				// The fake "mark" feature must not count; real ligatures would
				// merge the pair.
				FontFeatures: []shaping.FontFeature{
					{Tag: otTag("liga"), Value: 0}, {Tag: otTag("clig"), Value: 0}, {Tag: otTag("mark"), Value: 0},
				},
			})
			if len(out.Glyphs) != 2 {
				continue // a ligature or decomposition: not a pair
			}
			got := out.Glyphs[0].Advance.Round() - f.GlyphAdvance(a)
			if want := f.Kern(a, b); got != want {
				t.Errorf("pair %q: HarfBuzz kerns %d, we say %d", string(text), got, want)
			}
		}
	}
}

func otTag(s string) gofont.Tag { return gofont.Tag(binary.BigEndian.Uint32([]byte(s))) }

func TestGPOSKernFeatureUnderDFLTScriptIsUsed(t *testing.T) {
	plain, err := Parse("r", charisBytes(t, "Regular"))
	if err != nil {
		t.Fatal(err)
	}
	gA, gV := plain.glyph('A'), plain.glyph('V')
	gpos := buildGPOS("DFLT", []lookup{{subs: []subtabler{pairs1{gA: {gV: -77}}}}}, nil)
	f, err := Parse("dflt", withTable(t, charisBytes(t, "Regular"), "GPOS", gpos))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Kern('A', 'V'); got != -77 {
		t.Errorf("Kern(AV) = %d, want -77", got)
	}
	// Under a script we do not read (e.g. Cyrillic only), no kerning.
	gpos = buildGPOS("cyrl", []lookup{{subs: []subtabler{pairs1{gA: {gV: -77}}}}}, nil)
	f, err = Parse("cyrl", withTable(t, charisBytes(t, "Regular"), "GPOS", gpos))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Kern('A', 'V'); got != 0 {
		t.Errorf("cyrl-only kern: Kern(AV) = %d, want 0", got)
	}
}

func TestGPOSIgnoreMarksLookupDoesNotKernMarks(t *testing.T) {
	plain, err := Parse("r", charisBytes(t, "Regular"))
	if err != nil {
		t.Fatal(err)
	}
	gA, gMark, gV := plain.glyph('A'), plain.glyph('\u0301'), plain.glyph('V')
	gpos := buildGPOS("latn", []lookup{{flag: ignoreMarks, subs: []subtabler{pairs1{gA: {gMark: -50, gV: -40}}}}}, nil)
	f, err := Parse("marks", withTable(t, charisBytes(t, "Regular"), "GPOS", gpos))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Kern('A', '\u0301'); got != 0 {
		t.Errorf("Kern(A, combining acute) = %d, want 0: the lookup skips marks", got)
	}
	if got := f.Kern('A', 'V'); got != -40 {
		t.Errorf("Kern(AV) = %d, want -40", got)
	}
}

func FuzzReadKerning(f *testing.F) {
	_, kerned := kernedCharis(f)
	plain, err := Parse("r", charisBytes(f, "Regular"))
	if err != nil {
		f.Fatal(err)
	}
	g := func(r rune) uint16 { return plain.glyph(r) }
	f.Add(buildGPOS("latn", []lookup{{subs: []subtabler{pairs1{g('A'): {g('V'): -1}}}}}, nil))
	f.Add(buildGPOS("DFLT", []lookup{{ext: true, subs: []subtabler{classes2{
		cov: []uint16{g('T')}, class1: map[uint16]int{g('T'): 1}, class2: map[uint16]int{g('o'): 1},
		n1: 2, n2: 2, matrix: map[[2]int]int{{1, 1}: -5},
	}}}}, pairs1{g('A'): {g('V'): -1}}))
	f.Add([]byte{0, 1, 0, 0, 0, 10, 0, 12, 0, 14})
	info := glyphInfo{numGlyphs: plain.numGlyphs, reachable: make([]bool, plain.numGlyphs)}
	for g := range info.reachable {
		info.reachable[g] = true
	}
	_ = kerned
	f.Fuzz(func(t *testing.T, gpos []byte) {
		if len(gpos) > 1<<16 {
			return
		}
		k, err := readKerning(gpos, info)
		if err != nil {
			return
		}
		if len(k.first) != 0 && len(k.first) != info.numGlyphs+1 {
			t.Fatalf("row index has %d entries", len(k.first))
		}
		for g1 := 0; g1+1 < len(k.first); g1++ {
			row := k.seconds[k.first[g1]:k.first[g1+1]]
			if !slices.IsSorted(row) {
				t.Fatalf("row %d not sorted", g1)
			}
		}
	})
}

// TestGPOSKerningOfRealFontsAgreesWithHarfBuzz checks the reader on real
// kerned fonts named in $BINDERY_KERN_FONTS (colon-separated paths; e.g.
// DejaVu or Liberation from Debian's fonts-dejavu-core and
// fonts-liberation2). Charis has no kerning, so this is how the reader
// was checked on production data; it is skipped when the variable is unset.
func TestGPOSKerningOfRealFontsAgreesWithHarfBuzz(t *testing.T) {
	paths := os.Getenv("BINDERY_KERN_FONTS")
	if paths == "" {
		t.Skip("BINDERY_KERN_FONTS not set")
	}
	runes := []rune("ACFJKLPTVWYacdegmnorsuvwxyfAVTo.,;:-’'\"“”)(0147")
	for _, path := range filepath.SplitList(paths) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(path, data)
		if err != nil {
			t.Fatal(err)
		}
		gf, err := gofont.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var shaper shaping.HarfbuzzShaper
		pairs, bad, kerned := 0, 0, 0
		for _, a := range runes {
			for _, b := range runes {
				if !f.HasRune(a) || !f.HasRune(b) {
					continue
				}
				out := shaper.Shape(shaping.Input{
					Text: []rune{a, b}, RunStart: 0, RunEnd: 2, Face: gf,
					Size: fixed.I(f.UnitsPerEm), Script: language.Latin, Language: language.NewLanguage("en"),
					FontFeatures: []shaping.FontFeature{{Tag: otTag("liga"), Value: 0}, {Tag: otTag("clig"), Value: 0}},
				})
				if len(out.Glyphs) != 2 {
					continue
				}
				pairs++
				got := out.Glyphs[0].Advance.Round() - f.GlyphAdvance(a)
				if got != 0 {
					kerned++
				}
				if want := f.Kern(a, b); got != want {
					bad++
					t.Errorf("%s: pair %q: HarfBuzz kerns %d, we say %d", filepath.Base(path), string([]rune{a, b}), got, want)
				}
			}
		}
		t.Logf("%s: %d pairs compared, %d kerned, %d differ; %d kerning pairs in the table",
			filepath.Base(path), pairs, kerned, bad, f.KernPairs())
	}
}
