package font

import (
	"encoding/binary"
	"strings"
	"sync"
	"testing"
)

// A face parsed lazily gives, before it is read, the same header as Parse's, and once asked
// for a glyph, the same characters, widths and kerning: for every shipped face.
func TestLazyFaceIsParsesFace(t *testing.T) {
	for name, data := range shippedFonts(t) {
		eager, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		lazy, err := ParseLazy(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if lazy.ready.Load() || lazy.milli != nil || lazy.fast != nil {
			t.Fatalf("%s: ParseLazy read the characters or widths", name)
		}
		header := func(f *Face) [17]any {
			return [...]any{f.Name, f.Family, f.UnitsPerEm, f.Ascent, f.Descent, f.LineGap, f.CapHeight,
				f.XHeight, f.UnderlinePosition, f.UnderlineThickness, f.ItalicAngle, f.BBox, f.NumGlyphs(),
				f.longLoca, len(f.loca), len(f.glyf), f.hMetrics}
		}
		if header(lazy) != header(eager) {
			t.Fatalf("%s: lazy header %v, Parse's %v", name, header(lazy), header(eager))
		}
		if lazy.Err() != nil || lazy.ready.Load() {
			t.Fatalf("%s: Err read the face", name)
		}
		// The first use here is a pair's kerning: every entry point must read the face.
		if lazy.KernGlyphs(1, 2) != eager.KernGlyphs(1, 2) || !lazy.ready.Load() {
			t.Fatalf("%s: KernGlyphs did not read the face", name)
		}
		if lazy.KernPairs() != eager.KernPairs() || lazy.MissingAdvance() != eager.MissingAdvance() {
			t.Fatalf("%s: %d kerning pairs against %d", name, lazy.KernPairs(), eager.KernPairs())
		}
		for r := rune(0); r < 0x30000; r++ {
			if lazy.Glyph(r) != eager.Glyph(r) || lazy.HasRune(r) != eager.HasRune(r) {
				t.Fatalf("%s: %U maps to %d, Parse's face %d", name, r, lazy.Glyph(r), eager.Glyph(r))
			}
		}
		for g := range eager.NumGlyphs() + 1 {
			if lazy.GlyphMilli(uint16(g)) != eager.GlyphMilli(uint16(g)) {
				t.Fatalf("%s: glyph %d's width differs", name, g)
			}
		}
		const text = "AVAST, Wolf! “Tý” fi ﬂ —Ævar’s 1234"
		if lazy.MeasureMilli(text, true) != eager.MeasureMilli(text, true) || lazy.Err() != nil {
			t.Fatalf("%s: the text measures differently", name)
		}
	}
}

// Every way into a fresh lazy face reads it first.
func TestEveryEntryReadsTheLazyFace(t *testing.T) {
	// Charis with kerning built in (Charis itself has none): a kerning method that did not
	// read the face would give 0.
	data, want := kernedCharis(t)
	a, v := want.Glyph('A'), want.Glyph('V')
	if want.KernGlyphs(a, v) == 0 {
		t.Fatal("the test font does not kern A–V")
	}
	for name, use := range map[string]func(f *Face) int{
		"GlyphAdvance":    func(f *Face) int { return f.GlyphAdvance('W') },
		"MissingAdvance":  func(f *Face) int { return f.MissingAdvance() },
		"Kern":            func(f *Face) int { return f.Kern('A', 'V') },
		"KernPairs":       func(f *Face) int { return f.KernPairs() },
		"AdvanceMilli":    func(f *Face) int { return f.AdvanceMilli('W') },
		"KernMilli":       func(f *Face) int { return f.KernMilli('A', 'V') },
		"MeasureMilli":    func(f *Face) int { return f.MeasureMilli("AVAST", true) },
		"Advance":         func(f *Face) int { return int(f.Advance('W', 10*pt)) },
		"KernSp":          func(f *Face) int { return int(f.KernSp('A', 'V', 10*pt)) },
		"Measure":         func(f *Face) int { return int(f.Measure("Wolf", 10*pt, true)) },
		"Glyph":           func(f *Face) int { return int(f.Glyph('W')) },
		"GlyphMilli":      func(f *Face) int { return f.GlyphMilli(40) },
		"KernGlyphsMilli": func(f *Face) int { return f.KernGlyphsMilli(a, v) },
		"KernGlyphs":      func(f *Face) int { return f.KernGlyphs(a, v) },
		"HasKerning":      func(f *Face) int { return map[bool]int{true: 1}[f.HasKerning()] },
		"HasRune":         func(f *Face) int { return map[bool]int{true: 1}[f.HasRune('W')] },
		"Lookup":          func(f *Face) int { g, _ := f.Lookup('W'); return int(g) },
		"SmallCaps":       func(f *Face) int { l, c := f.SmallCaps(); return l*1000 + c },
		"SmallCap":        func(f *Face) int { r, _ := f.SmallCap('a'); return int(r) },
		"Figures":         func(f *Face) int { return f.Figures(Oldstyle) },
	} {
		f, err := ParseLazy("r.ttf", data)
		if err != nil {
			t.Fatal(err)
		}
		if got := use(f); got != use(want) {
			t.Errorf("%s on a fresh lazy face: %d, on a parsed one %d", name, got, use(want))
		}
	}
}

// Chapters are set in parallel: the first uses of a lazy face from many goroutines read it
// once and see it whole (run with -race).
func TestLazyFaceReadConcurrently(t *testing.T) {
	data := charisBytes(t, "Italic")
	want, err := Parse("i.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	const text = "Concurrent readers of one face"
	f, err := ParseLazy("i.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]int, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				got[i] = f.MeasureMilli(text, true)
			} else {
				got[i] = f.GlyphMilli(f.Glyph('C')) + f.MeasureMilli(text, true) - f.AdvanceMilli('C')
			}
		}()
	}
	wg.Wait()
	for i, w := range got {
		if w != want.MeasureMilli(text, true) {
			t.Fatalf("reader %d measured %d, not %d", i, w, want.MeasureMilli(text, true))
		}
	}
}

// What is wrong past the header is found on first use: Err reports it naming the font, and
// the face maps nothing rather than half, without a panic. Parse reports it at once.
func TestLazyFaceReportsDamageOnFirstUse(t *testing.T) {
	good := charisBytes(t, "Regular")
	hugeCmap := append([]byte(nil), good...)
	binary.BigEndian.PutUint32(hugeCmap[cmap12Group(t, hugeCmap)+4:], 0x7FFFFFFF)
	for name, data := range map[string][]byte{
		"badgpos.ttf":  withTable(t, good, "GPOS", []byte{0, 1, 0, 0, 0, 10, 0, 0xFF, 0xFF, 0xF0}),
		"hugecmap.ttf": hugeCmap,
	} {
		if _, err := Parse(name, data); err == nil {
			t.Errorf("Parse(%s) succeeded", name)
		}
		f, err := ParseLazy(name, data)
		if err != nil {
			t.Fatalf("ParseLazy(%s) read past the header: %v", name, err)
		}
		if f.Err() != nil {
			t.Errorf("%s: an error before first use", name)
		}
		g, w := f.Glyph('a'), f.MeasureMilli("abc", true)
		if err := f.Err(); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: after first use Err = %v", name, err)
		}
		if g != 0 || f.HasRune('a') || w != 3*f.GlyphMilli(0) || f.HasKerning() {
			t.Errorf("%s: a damaged face still maps 'a' to %d (%d wide)", name, g, w)
		}
		fam := &Family{Regular: f}
		if fam.Err() == nil {
			t.Errorf("%s: the family does not report its face's error", name)
		}
	}
}
