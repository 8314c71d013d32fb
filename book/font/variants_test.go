package font

import (
	"bytes"
	"maps"
	"os"
	"sync"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// harfbuzzWord shapes a whole word with features on, as a shaping engine sets it: the
// reference the per-character variants must agree with.
func harfbuzzWord(t *testing.T, path, word string, features ...string) []uint16 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	face, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(word)
	in := shaping.Input{Text: text, RunEnd: len(text), Direction: di.DirectionLTR, Face: face, Size: fixed.I(10), Script: language.Latin, Language: language.NewLanguage("en")}
	for _, f := range features {
		in.FontFeatures = append(in.FontFeatures, shaping.FontFeature{Tag: ot.MustNewTag(f), Value: 1})
	}
	var sh shaping.HarfbuzzShaper
	var out []uint16
	for _, g := range sh.Shape(in).Glyphs {
		out = append(out, uint16(g.GlyphID))
	}
	return out
}

// TestSmallCapsAreHarfBuzzGlyphs: an acronym set in small capitals draws, glyph for glyph,
// what HarfBuzz gives for the whole word with c2sc on (and smcp for lower case), in every
// face of Charis SIL; and the variant characters read back as the letters written.
func TestSmallCapsAreHarfBuzzGlyphs(t *testing.T) {
	fam := charisFamily(t)
	for style, f := range faces(fam) {
		for _, c := range []struct{ word, feature string }{{"MNR", "c2sc"}, {"CSUTCB", "c2sc"}, {"ÉTAT", "c2sc"}, {"small", "smcp"}} {
			want := harfbuzzWord(t, "../../fonts/"+f.Name, c.word, c.feature)
			var drawn []rune
			for _, r := range c.word {
				v, ok := f.SmallCap(r)
				if !ok {
					t.Errorf("%s: no small capital for %q", style, r)
				}
				drawn = append(drawn, v)
			}
			var got []uint16
			for _, r := range drawn {
				got = append(got, f.Glyph(r))
			}
			if len(got) != len(want) {
				t.Fatalf("%s %q: glyphs %v, HarfBuzz %v", style, c.word, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s %q: glyph %d is %d, HarfBuzz draws %d", style, c.word, i, got[i], want[i])
				}
				if got[i] == f.Glyph([]rune(c.word)[i]) {
					t.Errorf("%s %q: glyph %d is the letter's own", style, c.word, i)
				}
			}
			if back := Letters(string(drawn)); back != c.word {
				t.Errorf("%s: %q reads back as %q", style, c.word, back)
			}
			// Measured as drawn: a small capital is narrower than its capital.
			if c.feature == "c2sc" && f.MeasureMilli(string(drawn), true) >= f.MeasureMilli(c.word, true) {
				t.Errorf("%s: %q in small capitals measures %d, in capitals %d", style, c.word,
					f.MeasureMilli(string(drawn), true), f.MeasureMilli(c.word, true))
			}
		}
		if lower, caps := f.SmallCaps(); lower < 26 || caps < 26 {
			t.Errorf("%s: smcp changes %d letters, c2sc %d", style, lower, caps)
		}
	}
}

// TestNoSmallCapsFallBack: a face without small capitals (DejaVu Sans Mono) keeps every
// letter as it is, and characters that are not letters are never changed.
func TestNoSmallCapsFallBack(t *testing.T) {
	fam, err := LoadFamily("../../fonts", "DejaVuSansMono")
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := fam.Regular.SmallCap('M'); ok || r != 'M' {
		t.Errorf("DejaVu Sans Mono: SmallCap('M') = %q, %v", r, ok)
	}
	if lower, caps := fam.Regular.SmallCaps(); lower != 0 || caps != 0 {
		t.Errorf("DejaVu Sans Mono: %d, %d small capitals", lower, caps)
	}
	charis := charisFamily(t).Regular
	for _, r := range "1-. \u00a0" {
		if v, ok := charis.SmallCap(r); ok || v != r {
			t.Errorf("SmallCap(%q) = %q, %v", r, v, ok)
		}
	}
	// Charis SIL has no oldstyle figures (no onum): the digits stay its own, and asking
	// costs no shaping (the GSUB's feature list says so).
	fresh := charisFamily(t).Bold
	if r, ok := fresh.Figure('7', Oldstyle); ok || r != '7' || fresh.variantTable.Load() != nil {
		t.Errorf("Charis SIL Bold: Figure('7') = %q, %v; variants loaded: %v", r, ok, fresh.variantTable.Load() != nil)
	}
	if n := charis.Figures(Oldstyle); n != 0 {
		t.Errorf("Charis SIL: %d oldstyle figures", n)
	}
	if r, ok := charis.Figure('7', Oldstyle); ok || r != '7' {
		t.Errorf("Charis SIL: Figure('7') = %q, %v", r, ok)
	}
}

// TestFigureStyles: a face with oldstyle and tabular figures (a subset of Lato) draws each
// digit as HarfBuzz does with onum, or lnum and tnum, on; the digits read back as written.
func TestFigureStyles(t *testing.T) {
	const path = "testdata/figures/FiguresTest-Regular.ttf"
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		style    FigureStyle
		features []string
		changed  int // digits unlike the default: Lato's own are tabular lining
	}{{Oldstyle, []string{"onum"}, 10}, {TabularLining, []string{"lnum", "tnum"}, 0}} {
		want := harfbuzzWord(t, path, "2026", c.features...)
		var drawn []rune
		for _, r := range "2026" {
			v, _ := f.Figure(r, c.style)
			drawn = append(drawn, v)
		}
		for i, r := range drawn {
			if g := f.Glyph(r); g != want[i] {
				t.Errorf("style %d: digit %d drawn as glyph %d, HarfBuzz %d", c.style, i, g, want[i])
			}
		}
		if Letters(string(drawn)) != "2026" {
			t.Errorf("style %d: reads back as %q", c.style, Letters(string(drawn)))
		}
		if f.Figures(c.style) != c.changed {
			t.Errorf("style %d: %d figures", c.style, f.Figures(c.style))
		}
	}
	if _, ok := f.Figure('2', Oldstyle); !ok {
		t.Error("no oldstyle 2")
	}
	if v, ok := f.Figure('M', Oldstyle); ok || v != 'M' {
		t.Errorf("Figure('M') = %q, %v", v, ok)
	}
}

// TestVariantsLoadOnceConcurrently: faces are shared by the chapters' goroutines; the first
// requests race to load the variants (run with -race).
func TestVariantsLoadOnceConcurrently(t *testing.T) {
	f := charisFamily(t).Italic
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := f.SmallCap('q')
			_ = f.Glyph(r)
			_ = f.Glyph(0xF0000 + 'Q')
		}()
	}
	wg.Wait()
}

func TestLetter(t *testing.T) {
	for in, want := range map[rune]rune{'a': 'a', 0xF0000 + 'M': 'M', 0xF0000 + 'é': 'é', figureBase + 1<<8 + '7': '7', 0xFB01: 0xFB01} {
		if got := Letter(in); got != want {
			t.Errorf("Letter(%U) = %q, want %q", in, got, want)
		}
	}
	if got := Letters("\ufb01nd \U000F004D\U000F004E\U000F0052"); got != "find MNR" {
		t.Errorf("Letters = %q", got)
	}
}

// TestSmallCapsKernAsHarfBuzz: small capitals are measured as HarfBuzz positions them. The
// face's kerning covers the glyphs its cmap reaches only; Gentium Book Plus, the kerned
// family, has no pairs for its small capitals (HarfBuzz sets them unkerned too). A font that
// kerns them fails here: then read GPOS again with the variants' glyphs.
func TestSmallCapsKernAsHarfBuzz(t *testing.T) {
	fam, err := LoadFamily("../../fonts", "GentiumBookPlus")
	if err != nil {
		t.Fatal(err)
	}
	f := fam.Regular
	const word = "AVAWAY"
	var drawn []uint16
	for _, r := range word {
		v, ok := f.SmallCap(r)
		if !ok {
			t.Fatalf("no small capital %q", r)
		}
		drawn = append(drawn, f.Glyph(v))
	}
	data, err := os.ReadFile("../../fonts/" + f.Name)
	if err != nil {
		t.Fatal(err)
	}
	face, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(word)
	var sh shaping.HarfbuzzShaper
	out := sh.Shape(shaping.Input{Text: text, RunEnd: len(text), Direction: di.DirectionLTR, Face: face, Size: fixed.I(f.UnitsPerEm),
		Script: language.Latin, FontFeatures: []shaping.FontFeature{{Tag: ot.MustNewTag("c2sc"), Value: 1}}})
	for i, g := range out.Glyphs {
		if uint16(g.GlyphID) != drawn[i] {
			t.Fatalf("glyph %d: HarfBuzz %d, face %d", i, g.GlyphID, drawn[i])
		}
		want := g.XAdvance.Round()
		got := f.GlyphWidth(drawn[i])
		if i+1 < len(drawn) {
			got += f.KernGlyphs(drawn[i], drawn[i+1])
		}
		if got != want {
			t.Errorf("glyph %d of %q: advance and kerning %d, HarfBuzz %d", i, word, got, want)
		}
	}
	if f.KernGlyphs(f.Glyph('A'), f.Glyph('V')) == 0 {
		t.Error("Gentium Book Plus does not kern AV: the font is not the one this test is about")
	}
}

// TestSubstitutionFontFindsTheSameVariants: go-text's shaper, given only the
// substitutionTables, finds every shipped face's variants as it does with the whole file.
func TestSubstitutionFontFindsTheSameVariants(t *testing.T) {
	found := 0
	for name, data := range shippedFonts(t) {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		want, err := f.shapeVariants(f.data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.shapeVariants(f.substitutionFont())
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got.glyph, want.glyph) || got.smcp != want.smcp || got.c2sc != want.c2sc || got.figures != want.figures {
			t.Errorf("%s: %d variants (smcp %d, c2sc %d, figures %v) from the substitution tables; %d (%d, %d, %v) from the file",
				name, len(got.glyph), got.smcp, got.c2sc, got.figures, len(want.glyph), want.smcp, want.c2sc, want.figures)
		}
		found += len(want.glyph)
	}
	if found < 1000 {
		t.Fatalf("only %d variants in all the shipped faces: the comparison holds little", found)
	}
}

// A variant character is drawn as its glyph by a face that was never asked for variants: the
// text was set by another process (bindery build --cache keeps set lines), and only the PDF
// writer meets the character here.
func TestVariantDrawnWithoutBeingAskedFor(t *testing.T) {
	asked := charisFamily(t).Italic
	v, ok := asked.SmallCap('M')
	if !ok {
		t.Fatal("Charis SIL Italic has no small capital M")
	}
	fresh := charisFamily(t).Italic
	if g, want := fresh.glyph(v), asked.glyph(v); g != want || g == fresh.missing {
		t.Errorf("a fresh face draws U+%X as glyph %d; want %d", v, g, want)
	}
}

// walkVariants is the reference: every character below U+10000 the face has, shaped with
// the feature that may change it, as the variants were found before they were found one at
// a time.
func walkVariants(t *testing.T, f *Face, file []byte) *variantSet {
	t.Helper()
	face, err := gofont.ParseTTF(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	v := &variantSet{glyph: map[rune]uint16{}}
	var sh shaping.HarfbuzzShaper
	shape := func(r rune, features ...string) (uint16, bool) {
		in := shaping.Input{Text: []rune{r}, RunEnd: 1, Direction: di.DirectionLTR, Face: face,
			Size: fixed.I(int(f.UnitsPerEm)), Script: language.LookupScript(r)}
		for _, t := range features {
			in.FontFeatures = append(in.FontFeatures, shaping.FontFeature{Tag: ot.MustNewTag(t), Value: 1})
		}
		out := sh.Shape(in)
		if len(out.Glyphs) != 1 {
			return 0, false
		}
		g := uint16(out.Glyphs[0].GlyphID)
		return g, int(g) < f.numGlyphs && g != 0 && g != f.Glyph(r)
	}
	for r := rune(0); r < 0x10000; r++ {
		if !f.HasRune(r) {
			continue
		}
		switch {
		case unicode.IsLower(r):
			if g, ok := shape(r, "smcp"); ok {
				v.glyph[smallCapBase+r] = g
				v.smcp++
			}
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if g, ok := shape(r, "c2sc"); ok {
				v.glyph[smallCapBase+r] = g
				v.c2sc++
			}
		case r < 0x100 && unicode.IsDigit(r):
			for s := Oldstyle; s < numFigureStyles; s++ {
				if g, ok := shape(r, figureFeatures[s]...); ok {
					v.glyph[figureBase+rune(s)<<8+r] = g
					v.figures[s]++
				}
			}
		}
	}
	return v
}

// TestVariantsAskedOneAtATimeAreTheWalks: a face asked for its variants a character at a time
// (from several goroutines, in no order) finds what walking every character finds, for
// every shipped face; HasSmallCapitals and HasFigures agree with the walk's counts, and so
// do SmallCaps and Figures.
func TestVariantsAskedOneAtATimeAreTheWalks(t *testing.T) {
	for name, data := range shippedFonts(t) {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		want := walkVariants(t, f, f.substitutionFont())
		fresh, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if got := fresh.HasSmallCapitals(); got != (want.c2sc > 0) {
			t.Errorf("%s: HasSmallCapitals %v, the walk's c2sc %d", name, got, want.c2sc)
		}
		for s := Oldstyle; s < numFigureStyles; s++ {
			if got := fresh.HasFigures(s); got != (want.figures[s] > 0) {
				t.Errorf("%s: HasFigures(%d) %v, the walk's %d", name, s, got, want.figures[s])
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		got := map[rune]uint16{}
		for part := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range rune(0x10000) {
					r := (0xFFFF - i) // backwards, as the walk goes forwards
					if int(r)%4 != part {
						continue
					}
					var cs []rune
					if c, ok := fresh.SmallCap(r); ok {
						cs = append(cs, c)
					}
					for s := Oldstyle; s < numFigureStyles; s++ {
						if c, ok := fresh.Figure(r, s); ok {
							cs = append(cs, c)
						}
					}
					for _, c := range cs {
						g := fresh.Glyph(c)
						mu.Lock()
						got[c] = g
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		if !maps.Equal(got, want.glyph) {
			t.Errorf("%s: %d variants asked one at a time, %d from the walk", name, len(got), len(want.glyph))
		}
		if lower, capitals := fresh.SmallCaps(); lower != want.smcp || capitals != want.c2sc {
			t.Errorf("%s: SmallCaps %d, %d; the walk's %d, %d", name, lower, capitals, want.smcp, want.c2sc)
		}
		for s := Oldstyle; s < numFigureStyles; s++ {
			if n := fresh.Figures(s); n != want.figures[s] {
				t.Errorf("%s: Figures(%d) %d, the walk's %d", name, s, n, want.figures[s])
			}
		}
	}
}

// TestVariantsShapeWhatIsAsked: a small capital asked for shapes that letter, not the face:
// HasSmallCapitals stops at the first capital that has one.
func TestVariantsShapeWhatIsAsked(t *testing.T) {
	f := charisFamily(t).Regular
	if _, ok := f.SmallCap('M'); !ok {
		t.Fatal("no small capital M")
	}
	if !f.HasSmallCapitals() {
		t.Fatal("Charis SIL: no small capitals")
	}
	shaped := 0
	f.loadVariants().found.Range(func(any, any) bool { shaped++; return true })
	if shaped > 2 {
		t.Errorf("%d characters shaped for M and the first capital", shaped)
	}
}
