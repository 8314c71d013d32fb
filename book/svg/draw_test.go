package svg

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"bindery/fonts"
)

var writePNG = flag.String("png", "", "write the test drawing to this PNG file, to look at")

func bookFaces(t *testing.T) *Faces {
	t.Helper()
	var f Faces
	for i, dst := range []*[]byte{&f.Regular, &f.Bold, &f.Italic, &f.BoldItalic} {
		data, err := fonts.Read(fonts.Default.File([]string{"Regular", "Bold", "Italic", "BoldItalic"}[i]))
		if err != nil {
			t.Fatal(err)
		}
		*dst = data
	}
	return &f
}

func rasterize(t *testing.T, path string, scale int) (*image.RGBA, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Sanitize(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	img, missing, err := Rasterize(p, int(p.Width)*scale, int(p.Height)*scale, bookFaces(t))
	if err != nil {
		t.Fatal(err)
	}
	return img.(*image.RGBA), missing
}

// TestRasterize draws a test drawing of every kind of element print draws, and checks
// colours where they must be.
func TestRasterize(t *testing.T) {
	img, missing := rasterize(t, "testdata/drawing.svg", 2)
	if *writePNG != "" {
		f, _ := os.Create(*writePNG)
		png.Encode(f, img)
		f.Close()
	}
	if len(missing) != 0 {
		t.Errorf("missing %q", missing)
	}
	at := func(x, y int) color.RGBA { return img.RGBAAt(2*x, 2*y) }
	for _, c := range []struct {
		x, y int
		want color.RGBA
		what string
	}{
		{100, 20, color.RGBA{0xff, 0xcc, 0x66, 0xff}, "the rounded rectangle's fill"},
		{11, 11, color.RGBA{0xa1, 0xd0, 0xff, 0xff}, "the sky outside the rectangle's rounded corner"},
		{200, 70, color.RGBA{0x9b, 0x6c, 0xbf, 0xff}, "the half-transparent triangle over the sky"},
	} {
		got := at(c.x, c.y)
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		if d(got.R, c.want.R) > 24 || d(got.G, c.want.G) > 24 || d(got.B, c.want.B) > 24 || d(got.A, c.want.A) > 24 {
			t.Errorf("%s at %d,%d: %v, want about %v", c.what, c.x, c.y, got, c.want)
		}
	}
	// The radial gradient: bright blue at the centre, darker towards the edge.
	if mid, edge := at(300, 185), at(225, 170); mid.B < edge.B+20 || mid.B < 150 || edge.R > 80 {
		t.Errorf("the lake's gradient: %v near the centre, %v near the edge", mid, edge)
	}
	// Strokes: the rectangle's outline, the dashed curve (a dash and a gap), the text.
	if c := at(10, 40); c.R > 0x60 {
		t.Errorf("no stroke on the rectangle's left edge: %v", c)
	}
	dark := 0
	for x := 20; x < 200; x++ {
		for y := 140; y < 210; y++ {
			if c := at(x, y); c.R < 0x40 && c.G < 0x40 && c.B < 0x40 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Errorf("the dashed curve is missing (%d dark pixels)", dark)
	}
}
