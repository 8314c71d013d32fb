package font

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signintech/gopdf"
)

// sampleText is ordinary book prose with the punctuation, accents and
// figures a book has; its words feed the gopdf comparisons.
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

func gopdfFor(t testing.TB, path string, opt gopdf.TtfOption) *gopdf.GoPdf {
	t.Helper()
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.AddPage()
	if err := pdf.AddTTFFontWithOption("f", path, opt); err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestMeasureMatchesGopdfMeasureTextWidth(t *testing.T) {
	words := strings.Fields(sampleText)
	if len(words) < 300 {
		t.Fatalf("only %d words", len(words))
	}
	fam := charisFamily(t)
	for style, f := range faces(fam) {
		pdf := gopdfFor(t, "../../fonts/"+f.Name, gopdf.TtfOption{})
		for _, pts := range []float64{10, 10.5, 9, 11.7} {
			// The layout works in scaled points; the writer hands gopdf
			// exactly that size (11.7pt is 766771sp = 11.69999695pt).
			sizeSp := int64(math.Round(pts * pt))
			size := float64(sizeSp) / pt
			if err := pdf.SetFont("f", "", size); err != nil {
				t.Fatal(err)
			}
			worst := 0.0
			for _, w := range append(words, sampleText[:200]) {
				want, err := pdf.MeasureTextWidth(w)
				if err != nil {
					t.Fatal(err)
				}
				got := float64(f.Measure(w, sizeSp, false)) / pt
				worst = max(worst, math.Abs(got-want))
				// Half a scaled point of rounding, plus float noise.
				if math.Abs(got-want) > 0.5/pt+1e-9 {
					t.Errorf("%s %gpt: Measure(%q) = %.6fpt, gopdf %.6fpt", style, size, w, got, want)
				}
				// The 1/1000 em sum is gopdf's integer exactly.
				if milli := float64(f.MeasureMilli(w, false)) * (size / 1000); milli != want {
					t.Errorf("%s %gpt: MeasureMilli(%q)*size/1000 = %v, gopdf %v", style, size, w, milli, want)
				}
			}
			t.Logf("%s %gpt: worst difference from gopdf %.2g pt", style, size, worst)
		}
	}
}

func TestEveryMappedRuneHasGopdfsWidth(t *testing.T) {
	f := charisFamily(t).Regular
	pdf := gopdfFor(t, "../../fonts/"+f.Name, gopdf.TtfOption{})
	if err := pdf.SetFont("f", "", 1000); err != nil { // 1000pt: width in pt = width in 1/1000 em
		t.Fatal(err)
	}
	check := func(r rune) {
		got, err := pdf.MeasureTextWidth(string(r))
		if err != nil {
			t.Fatalf("gopdf %U: %v", r, err)
		}
		if int(got) != f.AdvanceMilli(r) || got != math.Trunc(got) {
			t.Errorf("%U: gopdf width %v, AdvanceMilli %d", r, got, f.AdvanceMilli(r))
		}
	}
	// Every character below fastRunes, mapped or not, then the rest.
	n := 0
	for r := range rune(fastRunes) {
		check(r)
		if f.HasRune(r) {
			n++
		}
	}
	for r := range f.slow {
		check(r)
		n++
	}
	// And characters the font lacks: gopdf draws a space for them.
	for _, r := range []rune{'\u4E00', '\u0378', '😀', '\n'} {
		check(r)
	}
	t.Logf("%d mapped characters agree with gopdf", n)
}

func TestGopdfDrawsGPOSKerningThroughKernOverride(t *testing.T) {
	data, f := kernedCharis(t)
	path := filepath.Join(t.TempDir(), "kerned.ttf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := gopdfFor(t, path, gopdf.TtfOption{UseKerning: true})
	if err := pdf.KernOverride("f", f.KernOverride()); err != nil {
		t.Fatal(err)
	}
	if err := pdf.SetFont("f", "", 10); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"AVAST", "Tokyo", "LT", "Type", "Toe", "Pz", "plain"} {
		want, err := pdf.MeasureTextWidth(w)
		if err != nil {
			t.Fatal(err)
		}
		if got := float64(f.Measure(w, 10*pt, true)) / pt; math.Abs(got-want) > 0.5/pt+1e-9 {
			t.Errorf("Measure(%q, kern) = %.6fpt, gopdf with KernOverride %.6fpt", w, got, want)
		}
	}
	// The drawn page carries the kerning as TJ adjustments: A-V is -160
	// units = -78/1000 em, written as 78 between the glyphs.
	pdf.SetNoCompression()
	pdf.SetXY(72, 72)
	if err := pdf.Text("AV"); err != nil {
		t.Fatal(err)
	}
	out, err := pdf.GetBytesPdfReturnErr()
	if err != nil {
		t.Fatal(err)
	}
	gA, gV := f.glyph('A'), f.glyph('V')
	if want := []byte(strings.ToUpper(hex4(gA) + ">78<" + hex4(gV))); !bytes.Contains(out, want) {
		t.Errorf("PDF content lacks the kerned TJ %q", want)
	}
}

func hex4(g uint16) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[g>>12], digits[g>>8&15], digits[g>>4&15], digits[g&15]})
}
