package cover

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/font"
)

func loadFonts(t testing.TB) Fonts {
	t.Helper()
	fam, err := font.LoadFamily(filepath.Join("..", "..", "fonts"), "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	return Fonts{Regular: fam.Regular, Italic: fam.Italic, Bold: fam.Bold}
}

var defaultSpec = Spec{
	Title:     "Bolivia: power within grasp",
	Author:    "Ana María Quispe",
	Publisher: "Bindery Press",
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	return img
}

func TestWriteCover(t *testing.T) {
	out := os.Getenv("COVER_OUT")
	if out == "" {
		t.Skip("set COVER_OUT to write the cover")
	}
	b, err := Render(defaultSpec, loadFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes", len(b))
}

// bg is the background colour as decoded from the PNG.
func isBackground(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, g, b, a := c.RGBA()
	br, bgg, bb, ba := background.RGBA()
	return r == br && g == bgg && b == bb && a == ba
}

func TestDefaultSize(t *testing.T) {
	b, err := Render(defaultSpec, loadFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	if got := img.Bounds(); got != image.Rect(0, 0, 1600, 2560) {
		t.Errorf("bounds = %v, want 1600×2560", got)
	}
	if len(b) > 500<<10 {
		t.Errorf("PNG is %d bytes, want < 500 KB", len(b))
	}
	if !isBackground(img.At(5, 5)) {
		t.Errorf("corner is %v, want background", img.At(5, 5))
	}
	// Some ink must have been laid down in the title area.
	ink := 0
	for y := 0; y < 2560; y += 4 {
		for x := 0; x < 1600; x += 4 {
			if !isBackground(img.At(x, y)) {
				ink++
			}
		}
	}
	if ink < 1000 {
		t.Errorf("only %d inked sample points", ink)
	}
}

func TestCustomSize(t *testing.T) {
	f := loadFonts(t)
	for _, sz := range []image.Point{{600, 960}, {1200, 1600}, {2000, 1200}, {120, 200}, {3000, 400}, {400, 3000}, {64, 64}} {
		s := defaultSpec
		s.Width, s.Height = sz.X, sz.Y
		b, err := Render(s, f)
		if err != nil {
			t.Fatalf("%v: %v", sz, err)
		}
		if got := decode(t, b).Bounds().Size(); got != sz {
			t.Errorf("size = %v, want %v", got, sz)
		}
		checkBorder(t, decode(t, b))
	}
}

func TestDeterministic(t *testing.T) {
	f := loadFonts(t)
	a, err := Render(defaultSpec, f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(defaultSpec, f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same spec differ")
	}
}

// checkBorder fails if anything is drawn in the outer 4% of the cover.
func checkBorder(t *testing.T, img image.Image) {
	t.Helper()
	r := img.Bounds()
	bx, by := r.Dx()*4/100, r.Dy()*4/100
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if x >= bx && x < r.Max.X-bx && y >= by && y < r.Max.Y-by {
				continue
			}
			if !isBackground(img.At(x, y)) {
				t.Fatalf("pixel (%d,%d) in the border band is %v, want background", x, y, img.At(x, y))
			}
		}
	}
}

// checkText fails if any ink lies in the strip between the frame's inner
// line (at about 8.8% of the width on the default cover) and the text
// measure (which starts at 10%), that is, if text spilled over its margins.
func checkText(t *testing.T, img image.Image) {
	t.Helper()
	r := img.Bounds()
	m := r.Dx() * 9 / 100
	inset := r.Dx() * 12 / 100 // rows well clear of the top/bottom frame
	for y := r.Min.Y + inset; y < r.Max.Y-inset; y++ {
		for x := r.Min.X + m; x < r.Min.X+r.Dx()*10/100; x++ {
			if !isBackground(img.At(x, y)) || !isBackground(img.At(r.Max.X-1-(x-r.Min.X), y)) {
				t.Fatalf("ink at x=%d, y=%d, outside the text margins", x, y)
			}
		}
	}
}

func TestLongTitleWraps(t *testing.T) {
	f := loadFonts(t)
	s := Spec{
		Title: "The remarkable and entirely true history of the long journey across the high plateau " +
			"towards the distant city of silver and salt",
		Subtitle:  "with an account of the people, the mines and the politics of a land within grasp of power",
		Author:    "Ana María Quispe and Jonathan Wolfgang Featherstonehaugh-Montgomery",
		Publisher: "The Exceptionally Long Name University Press of the Altiplano and Elsewhere",
	}
	b, err := Render(s, f)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	checkBorder(t, img)
	checkText(t, img)
	if os.Getenv("COVER_OUT") != "" {
		os.WriteFile(os.Getenv("COVER_OUT")+".long.png", b, 0o644)
	}
}

func TestUnbreakableWord(t *testing.T) {
	s := Spec{Title: "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft", Author: "X"}
	b, err := Render(s, loadFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	checkBorder(t, img)
	checkText(t, img)
}

func TestMissingGlyphs(t *testing.T) {
	f := loadFonts(t)
	for _, title := range []string{"北京の歴史", "Война и мир", "Ελληνικά: ἡ ποίησις", "Emoji 🙂 title", "نص عربي"} {
		s := Spec{Title: title, Author: "作者 Author", Publisher: "出版社"}
		b, err := Render(s, f)
		if err != nil {
			t.Errorf("%q: %v", title, err)
			continue
		}
		checkBorder(t, decode(t, b))
	}
}

func TestEmptyTitle(t *testing.T) {
	f := loadFonts(t)
	for _, title := range []string{"", "   ", "\n\t"} {
		if _, err := Render(Spec{Title: title, Author: "A"}, f); err == nil {
			t.Errorf("title %q: no error", title)
		}
	}
}

func TestBadSize(t *testing.T) {
	f := loadFonts(t)
	for _, sz := range []image.Point{{-1, 100}, {100, -5}, {20000, 20000}, {10, 10}} {
		if _, err := Render(Spec{Title: "T", Width: sz.X, Height: sz.Y}, f); err == nil {
			t.Errorf("size %v: no error", sz)
		}
	}
}

func TestFontsTheCoverCannotUse(t *testing.T) {
	if _, err := Render(defaultSpec, Fonts{}); err == nil || !strings.Contains(err.Error(), "no regular font") {
		t.Errorf("no fonts: %v", err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "fonts", "CharisSIL-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	noLatin, err := font.Parse("no-latin.ttf", withTable(t, data, "cmap", cmapOf(0x4E00, 3)))
	if err != nil {
		t.Fatal(err)
	}
	good := loadFonts(t)
	for _, f := range []Fonts{{Regular: noLatin}, {Regular: good.Regular, Bold: noLatin}, {Regular: good.Regular, Italic: noLatin}} {
		if _, err := Render(defaultSpec, f); err == nil || !strings.Contains(err.Error(), "no-latin.ttf has no glyph for 'A'") {
			t.Errorf("a font without Latin letters: %v", err)
		}
	}
	// Damaged outlines in a font that still parses draw nothing, or an error: never a panic.
	for _, n := range []int{1, 7, 31} {
		if f, err := font.Parse("damaged.ttf", corrupt(data, n)); err == nil {
			Render(defaultSpec, Fonts{Regular: f})
		}
	}
}

// corrupt returns a copy of b with every n-th byte after the header
// altered.
func corrupt(b []byte, n int) []byte {
	c := bytes.Clone(b)
	for i := 64; i < len(c); i += n * 97 {
		c[i] ^= 0x5a
	}
	return c
}

// cmapOf is a cmap (format 4) that maps only character r, to glyph g.
func cmapOf(r rune, g int) []byte {
	u16 := func(b []byte, v ...int) []byte {
		for _, x := range v {
			b = binary.BigEndian.AppendUint16(b, uint16(x))
		}
		return b
	}
	sub := u16(nil, 4, 32, 0, 4, 4, 1, 0)              // format, length, language, segCountX2, search range…
	sub = u16(sub, int(r), 0xFFFF, 0)                  // end codes, reserved pad
	sub = u16(sub, int(r), 0xFFFF)                     // start codes
	sub = u16(sub, (g-int(r))&0xFFFF, 1, 0, 0)         // deltas, range offsets
	return append(u16(nil, 0, 1, 3, 1, 0, 12), sub...) // version, one table: Windows Unicode BMP at 12
}

// withTable returns font data with table tag replaced by body, appended at the end.
func withTable(t *testing.T, data []byte, tag string, body []byte) []byte {
	t.Helper()
	out := bytes.Clone(data)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	for i := range int(binary.BigEndian.Uint16(out[4:])) {
		if rec := out[12+16*i:]; string(rec[:4]) == tag {
			binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
			binary.BigEndian.PutUint32(rec[12:], uint32(len(body)))
			return append(out, body...)
		}
	}
	t.Fatalf("no %s table", tag)
	return nil
}

func TestSplitTitle(t *testing.T) {
	for _, tc := range []struct {
		title, sub string
		main       string
		subs       []string
	}{
		{"Bolivia: power within grasp", "", "Bolivia", []string{"power within grasp"}},
		{"Bolivia: power within grasp", "power within grasp", "Bolivia", []string{"power within grasp"}},
		{"Bolivia: power within grasp", "A history", "Bolivia", []string{"power within grasp", "A history"}},
		{"Plain title", "A subtitle", "Plain title", []string{"A subtitle"}},
		{"Re:Zero", "", "Re:Zero", nil},
		{": odd", "", ": odd", nil},
		{"  spaced \n  out  ", "", "spaced out", nil},
	} {
		main, subs := splitTitle(tc.title, tc.sub)
		if main != tc.main || len(subs) != len(tc.subs) {
			t.Errorf("splitTitle(%q, %q) = %q, %q", tc.title, tc.sub, main, subs)
			continue
		}
		for i := range subs {
			if subs[i] != tc.subs[i] {
				t.Errorf("splitTitle(%q, %q) = %q, %q", tc.title, tc.sub, main, subs)
			}
		}
	}
}

// starterSpec is the cover of the book `bindery init` makes.
var starterSpec = Spec{Title: "A Short Book About Books", Subtitle: "A starter for your own", Author: "Your Name"}

func BenchmarkRender(b *testing.B) {
	b.Run("default", func(b *testing.B) { benchmarkRender(b, defaultSpec) })
	b.Run("starter", func(b *testing.B) { benchmarkRender(b, starterSpec) })
}

func benchmarkRender(b *testing.B, s Spec) {
	f := loadFonts(b)
	var n int
	for b.Loop() {
		out, err := Render(s, f)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes")
}

func TestSplitNames(t *testing.T) {
	for in, want := range map[string]string{
		"Ana María Quispe":          "Ana María Quispe",
		"Quispe, Ana María":         "Quispe, Ana María",
		"A. Smith and B. Jones":     "A. Smith|B. Jones",
		"A. Smith & B. Jones; C. D": "A. Smith|B. Jones|C. D",
		"A and B and C and D":       "A and B and C and D",
	} {
		if got := strings.Join(splitNames(in), "|"); got != want {
			t.Errorf("splitNames(%q) = %q, want %q", in, got, want)
		}
	}
}
