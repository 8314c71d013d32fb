package font

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

const pt = 65536 // scaled points per point

func charisFamily(t testing.TB) *Family {
	t.Helper()
	fam, err := LoadFamily("../../fonts", "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	return fam
}

func faces(fam *Family) map[string]*Face {
	return map[string]*Face{
		"Regular": fam.Regular, "Italic": fam.Italic, "Bold": fam.Bold, "BoldItalic": fam.BoldItalic,
	}
}

func TestLoadAllFourCharisFaces(t *testing.T) {
	fam := charisFamily(t)
	for style, f := range faces(fam) {
		if f == nil {
			t.Fatalf("%s: nil face", style)
		}
		if want := "CharisSIL-" + style + ".ttf"; f.Name != want {
			t.Errorf("%s: Name = %q, want %q", style, f.Name, want)
		}
		if f.Family != "Charis SIL" {
			t.Errorf("%s: Family = %q", style, f.Family)
		}
		if f.UnitsPerEm != 2048 {
			t.Errorf("%s: UnitsPerEm = %d, want 2048", style, f.UnitsPerEm)
		}
		if f.Ascent <= 0 || f.Descent >= 0 || f.CapHeight <= f.XHeight || f.XHeight <= 0 {
			t.Errorf("%s: implausible metrics asc %d desc %d cap %d x %d", style, f.Ascent, f.Descent, f.CapHeight, f.XHeight)
		}
		if f.UnderlinePosition >= 0 || f.UnderlineThickness <= 0 {
			t.Errorf("%s: underline %d/%d", style, f.UnderlinePosition, f.UnderlineThickness)
		}
		if f.NumGlyphs() < 1000 {
			t.Errorf("%s: %d glyphs", style, f.NumGlyphs())
		}
	}
	if fam.Face(false, false) != fam.Regular || fam.Face(false, true) != fam.Italic ||
		fam.Face(true, false) != fam.Bold || fam.Face(true, true) != fam.BoldItalic {
		t.Error("Family.Face picks the wrong style")
	}
}

func TestLoadFamilyFSReadsAnyFileSystem(t *testing.T) {
	m := fstest.MapFS{}
	for _, s := range []string{"Regular", "Italic", "Bold", "BoldItalic"} {
		m["CharisSIL-"+s+".ttf"] = &fstest.MapFile{Data: charisBytes(t, s)}
	}
	fam, err := LoadFamilyFS(m, "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	if fam.Bold.GlyphAdvance('A') == fam.Regular.GlyphAdvance('A') {
		t.Error("Bold and Regular have the same width for A: wrong files?")
	}
}

func TestLoadFamilyMissingFaceNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "X-Regular.ttf"), charisBytes(t, "Regular"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFamily(dir, "X")
	if err == nil || !strings.Contains(err.Error(), "X-Italic.ttf") {
		t.Errorf("LoadFamily with no italic: err = %v, want it to name X-Italic.ttf", err)
	}
}

func TestAdvancesOfKnownGlyphs(t *testing.T) {
	// Design advances of Charis SIL 6.101 Regular (hmtx), and the
	// truncated 1/1000 em widths the PDF's /W array gives them.
	f := charisFamily(t).Regular
	for _, tc := range []struct {
		r            rune
		units, milli int
	}{
		{'A', 1380, 673}, // 673.83 truncated
		{'V', 1364, 666},
		{'T', 1227, 599},
		{'o', 1114, 543},
		{'y', 1085, 529},
		{'L', 1087, 530},
		{' ', 600, 292},
	} {
		if got := f.GlyphAdvance(tc.r); got != tc.units {
			t.Errorf("GlyphAdvance(%q) = %d, want %d", tc.r, got, tc.units)
		}
		if got := f.AdvanceMilli(tc.r); got != tc.milli {
			t.Errorf("AdvanceMilli(%q) = %d, want %d", tc.r, got, tc.milli)
		}
		if got, want := f.AdvanceMilli(tc.r), tc.units*1000/2048; got != want {
			t.Errorf("AdvanceMilli(%q) = %d, want units*1000/2048 = %d", tc.r, got, want)
		}
	}
	// 10pt: 'A' is 673 * 10 / 1000 pt = 6.73pt = 441057.28 sp → 441057.
	if got := f.Advance('A', 10*pt); got != 441057 {
		t.Errorf("Advance(A, 10pt) = %d sp, want 441057", got)
	}
}

func TestMissingRuneMeasuresAsTheSpaceGopdfDraws(t *testing.T) {
	f := charisFamily(t).Regular
	if f.MissingAdvance() != f.GlyphAdvance(' ') || f.MissingAdvance() == int(f.GlyphWidth(0)) {
		t.Fatalf("MissingAdvance = %d, space %d, .notdef %d", f.MissingAdvance(), f.GlyphAdvance(' '), f.GlyphWidth(0))
	}
	for _, r := range []rune{'\u4E00', '😀', '\n', -1, 0x10FFFF + 1} {
		if f.HasRune(r) {
			t.Errorf("HasRune(%U) = true", r)
		}
		if got, want := f.GlyphAdvance(r), f.GlyphAdvance(' '); got != want {
			t.Errorf("GlyphAdvance(%U) = %d, want the space's %d", r, got, want)
		}
	}
}

func TestHasRuneForPunctuationAndAccents(t *testing.T) {
	for style, f := range faces(charisFamily(t)) {
		for _, r := range "‘’“”–—…áéñÁÉÑíóúüçœæß€\u00A0\u2009\u00AD-" {
			if !f.HasRune(r) {
				t.Errorf("%s: HasRune(%q %U) = false", style, r, r)
			}
		}
	}
}

// Charis SIL 6.101 has no kern table and no GPOS kern feature (its GPOS
// holds only mark and mkmk): the book is set without kerning. This test
// pins that, so a font update that adds kerning is noticed.
func TestCharisSIL6101HasNoKerning(t *testing.T) {
	for style, f := range faces(charisFamily(t)) {
		if n := f.KernPairs(); n != 0 {
			t.Errorf("%s: %d kerning pairs; expected none in Charis SIL 6.101", style, n)
		}
		for _, p := range []string{"AV", "To", "Ty", "LT"} {
			r := []rune(p)
			if k := f.Kern(r[0], r[1]); k != 0 {
				t.Errorf("%s: Kern(%s) = %d", style, p, k)
			}
		}
	}
}

func TestClassicKerningPairsAreNegative(t *testing.T) {
	_, f := kernedCharis(t)
	for _, p := range []string{"AV", "To", "Ty", "LT"} {
		r := []rune(p)
		if k := f.Kern(r[0], r[1]); k >= 0 {
			t.Errorf("Kern(%s) = %d, want negative", p, k)
		}
		if k := f.KernSp(r[0], r[1], 10*pt); k >= 0 {
			t.Errorf("KernSp(%s, 10pt) = %d, want negative", p, k)
		}
	}
}

func TestMeasureSumsTruncatedWidthsAndKerning(t *testing.T) {
	_, f := kernedCharis(t)
	// "AVo": 673 + 666 + 543 = 1882 milli-em; kerning AV = -160 units =
	// -78.125 → -78 (truncated toward zero); Vo is not kerned.
	if got := f.MeasureMilli("AVo", false); got != 1882 {
		t.Errorf("MeasureMilli(AVo) = %d, want 1882", got)
	}
	if got := f.MeasureMilli("AVo", true); got != 1882-78 {
		t.Errorf("MeasureMilli(AVo, kern) = %d, want %d", got, 1882-78)
	}
	// 10.5pt = 688128 sp; 1804 * 688128 / 1000 = 1241382.9 → 1241383.
	if got := f.Measure("AVo", 688128, true); got != 1241383 {
		t.Errorf("Measure(AVo, 10.5pt, kern) = %d, want 1241383", got)
	}
	if got := f.Measure("", 10*pt, true); got != 0 {
		t.Errorf("Measure(\"\") = %d", got)
	}
}

func TestScaleRoundsHalfAwayFromZero(t *testing.T) {
	for _, tc := range []struct {
		milli int
		size  int64
		want  int64
	}{
		{1, 500, 1},   // 0.5 → 1
		{1, 499, 0},   // 0.499 → 0
		{-1, 500, -1}, // -0.5 → -1
		{-78, 10 * pt, -51118},
		{1000, 10 * pt, 10 * pt},
	} {
		if got := Scale(tc.milli, tc.size); got != tc.want {
			t.Errorf("Scale(%d, %d) = %d, want %d", tc.milli, tc.size, got, tc.want)
		}
	}
}

func TestMeasureDoesNotAllocate(t *testing.T) {
	_, kerned := kernedCharis(t)
	plain := charisFamily(t).Regular
	s := "The “AVANT-GARDE” typesetter’s café—naïve Tokyo… 1952"
	for name, f := range map[string]*Face{"kerned": kerned, "Charis": plain} {
		if n := testing.AllocsPerRun(100, func() { f.Measure(s, 10*pt, true) }); n != 0 {
			t.Errorf("%s: Measure allocates %.1f times", name, n)
		}
	}
}

func TestCorruptFontsGiveErrorsNamingTheFont(t *testing.T) {
	good := charisBytes(t, "Regular")
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	// A directory with a 'CFF ' table: an OpenType/CFF font.
	cff := (&be{}).tag("OTTO").u16(1, 16, 0, 0).tag("CFF ").u32(0).u32(28).u32(4).u32(0).b
	// hmtx shorter than hhea says.
	shortHmtx := withTable(t, good, "hmtx", good[:8])
	// A table length of nearly 4 GiB: go-text would allocate it all.
	hugeTable := append([]byte(nil), good...)
	binary.BigEndian.PutUint32(hugeTable[12+16*1+12:], 0xFFFFFF00) // GPOS length
	// A cmap format 12 group spanning 2^31 code points.
	hugeCmap := append([]byte(nil), good...)
	if g := cmap12Group(t, hugeCmap); g > 0 {
		binary.BigEndian.PutUint32(hugeCmap[g+4:], 0x7FFFFFFF)
	}

	for name, data := range map[string][]byte{
		"empty.ttf":       nil,
		"random.ttf":      random,
		"truncated.ttf":   good[:1000],
		"half.ttf":        good[:len(good)/2],
		"cff.otf":         cff,
		"shorthmtx.ttf":   shortHmtx,
		"badgpos.ttf":     withTable(t, good, "GPOS", []byte{0, 1, 0, 0, 0, 10, 0, 0xFF, 0xFF, 0xF0}),
		"gposversion.ttf": withTable(t, good, "GPOS", []byte{0, 2, 0, 0, 0, 10, 0, 12, 0, 14}),
		"hugetable.ttf":   hugeTable,
		"hugecmap.ttf":    hugeCmap,
	} {
		// What a table claims is not what Parse allocates: counted, not timed.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f, err := Parse(name, data)
		runtime.ReadMemStats(&after)
		if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 64 {
			t.Errorf("Parse(%s) allocated %d MB", name, mb)
		}
		if err == nil {
			t.Errorf("Parse(%s) succeeded (%d glyphs)", name, f.NumGlyphs())
			continue
		}
		if !strings.Contains(err.Error(), name) {
			t.Errorf("Parse(%s): error %q does not name the font", name, err)
		}
		if name == "cff.otf" && !strings.Contains(err.Error(), "CFF") {
			t.Errorf("Parse(cff.otf): error %q does not say CFF", err)
		}
	}
	if _, err := Load("/nonexistent/Font.ttf"); err == nil || !strings.Contains(err.Error(), "/nonexistent/Font.ttf") {
		t.Errorf("Load(missing) err = %v", err)
	}
}

// cmap12Group returns the offset of the first group of the font's
// format 12 cmap subtable.
func cmap12Group(t *testing.T, font []byte) int {
	t.Helper()
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := font[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		cmap := int(binary.BigEndian.Uint32(rec[8:]))
		for j := range int(binary.BigEndian.Uint16(font[cmap+2:])) {
			enc := font[cmap+4+8*j:]
			sub := cmap + int(binary.BigEndian.Uint32(enc[4:]))
			if binary.BigEndian.Uint16(font[sub:]) == 12 {
				return sub + 16
			}
		}
	}
	t.Fatal("no format 12 cmap")
	return 0
}

func FuzzParse(f *testing.F) {
	good := charisBytes(f, "Regular")
	f.Add(good[:12])
	f.Add(good[:300])
	f.Add(good[:4096])
	f.Add(good[:len(good)/3])
	// The whole font with one table-directory byte changed.
	mut := append([]byte(nil), good...)
	mut[12+16*1+9] ^= 0x40 // GPOS offset
	f.Add(mut)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return // keep each run bounded
		}
		face, err := Parse("fuzz.ttf", data)
		if err != nil {
			return
		}
		// A face that loads must answer every query without panicking.
		for _, r := range "AVTo ‘’…\u4E00" {
			_ = face.GlyphAdvance(r)
			_ = face.HasRune(r)
			_ = face.Kern('A', r)
		}
		_ = face.Measure("AVAST ye", 10*pt, true)
		// And every glyph's record, components and outline read without panicking.
		var segs []Segment
		for g := range min(face.NumGlyphs(), 256) {
			_, _ = face.GlyphRecord(uint16(g))
			_, _ = face.Components(uint16(g))
			if segs, err = face.AppendOutline(segs[:0], uint16(g)); err == nil {
				checkContours(t, segs)
			}
		}
		_, _ = face.Lookup('A')
		_ = face.Table("head")
	})
}

// checkContours checks that an outline is made of contours, each opened by a MoveTo.
func checkContours(t *testing.T, segs []Segment) {
	t.Helper()
	if len(segs) > 0 && segs[0].Op != MoveTo {
		t.Fatalf("an outline starts with %v", segs[0])
	}
	if len(segs) > maxSegments {
		t.Fatalf("an outline of %d segments", len(segs))
	}
}

func BenchmarkMeasure(b *testing.B) {
	plain := charisFamily(b).Regular
	_, kerned := kernedCharis(b)
	words := strings.Fields(sampleText)
	for _, bc := range []struct {
		name string
		f    *Face
		kern bool
	}{
		{"Charis", plain, false},
		{"Charis/kern", plain, true},
		{"KernedCharis/kern", kerned, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink int64
			for b.Loop() {
				for _, w := range words {
					sink += bc.f.Measure(w, 10*pt, bc.kern)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
			_ = sink
		})
	}
}

func BenchmarkLoadFamily(b *testing.B) {
	for b.Loop() {
		charisFamily(b)
	}
}

// sampleText is ordinary book prose with the punctuation, accents and
// figures a book has; its words feed the benchmarks.
const sampleText = `In the spring of 1952 the miners’ militias marched on La Paz, and within
three days the old army had collapsed. The revolution that followed — land reform,
universal suffrage, the nationalisation of the great tin mines — reshaped Bolivia
for a generation. “Nothing will ever be the same,” wrote one observer; another,
more cautious, called it “a beginning, not an end.” Peasant unions (sindicatos)
spread across the altiplano, from Potosí to Cochabamba, and Quechua and Aymara
communities took back the haciendas that had been theirs before the conquest.
Yet the new state was fragile. Inflation ran at hundreds of percent; the United
States offered aid on conditions; the MNR split into factions that quarrelled
over the pace of change. By 1964 General Barrientos had seized power, promising
order and delivering repression… The trade unions survived underground, meeting
in kitchens and chapels, passing leaflets hand to hand. Their newspapers carried
poems, recipes, football scores and, between them, the news that mattered: where
the next strike would be, who had been arrested, which officers could be trusted.
Decades later, after the “New Economic Policy” of 1985 closed the state mines and
scattered thirty thousand workers, many of those same families rebuilt their lives
in El Alto, a city of migrants perched above the capital. There, in 2003, the gas
war began: road blockades, hunger strikes, marches of half a million people.
Sánchez de Lozada fled to Miami; Carlos Mesa, his vice-president, lasted until
June 2005. The crowds demanded nationalisation again — of gas this time — and a
constituent assembly. Fifty-three years after the first revolution, the questions
it had raised were still open: who owns the wealth under the ground, who decides,
and who speaks for the indigenous majority? Ñuñoa, façade, naïve, cœur, Æsop,
œuvre, fiancée, Zürich, São Paulo, Kraków, Łódź, Đorđe, Ångström — and the
typographer’s favourites: AVAST, Tokyo, LTV, Type, WAVE, Yacht, ‘quoted’ «guillemets».`

// TestFamilyNameIsGoTexts: the family read from name and OS/2 is go-text's Describe's, for
// every shipped face.
func TestFamilyNameIsGoTexts(t *testing.T) {
	for name, data := range shippedFonts(t) {
		ld, err := ot.NewLoader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := gofont.Describe(ld, nil)
		dir, err := readDirectory(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := familyName(dir); got != want.Family || got == "" {
			t.Errorf("%s: family %q; go-text's Describe gives %q", name, got, want.Family)
		}
	}
}

// TestFastGlyphsAreTheCmaps: the glyphs of the characters below fastRunes, filled from the
// cmap's walk, are what go-text's Lookup gives each (the substitute for the others), for
// every shipped face.
func TestFastGlyphsAreTheCmaps(t *testing.T) {
	for name, data := range shippedFonts(t) {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		raw, _, err := tables.ParseCmap(f.tables["cmap"])
		if err != nil {
			t.Fatal(err)
		}
		os2, _, _ := tables.ParseOs2(f.tables["OS/2"])
		cmap, _, err := gofont.ProcessCmap(raw, os2.FontPage())
		if err != nil {
			t.Fatal(err)
		}
		mapped := 0
		for r := rune(0); r < fastRunes; r++ {
			want := f.missing
			if g, ok := cmap.Lookup(r); ok && g != 0 && int(g) < f.numGlyphs {
				want = uint16(g)
				mapped++
			}
			if got := f.glyph(r); got != want {
				t.Fatalf("%s: U+%04X drawn with glyph %d; the cmap gives %d", name, r, got, want)
			}
		}
		if mapped < 90 {
			t.Errorf("%s: only %d characters mapped below U+%04X", name, mapped, fastRunes)
		}
		// Past fastRunes, the sorted mappings: every character the cmap has (and only
		// those, but for the variants' private characters) looked up alike.
		above := 0
		for r := rune(fastRunes); r <= unicode.MaxRune; r++ {
			g, ok := cmap.Lookup(r)
			ok = ok && g != 0 && int(g) < f.numGlyphs
			if got, has := f.slowGlyph(r); has != ok || (ok && got != uint16(g)) {
				t.Fatalf("%s: U+%04X maps to %d, %v; the cmap gives %d, %v", name, r, got, has, g, ok)
			}
			if ok {
				above++
			}
		}
		if above != len(f.slow) {
			t.Errorf("%s: %d characters past U+%04X, the cmap has %d", name, len(f.slow), fastRunes, above)
		}
	}
}
