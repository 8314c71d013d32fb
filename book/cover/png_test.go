package cover

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
	"testing"
)

// TestPNGIsImagePNGs: the cover painted a row at a time and written by writePNG is byte for
// byte the cover painted whole into one mask, as it was before, and encoded by image/png.
// TestPNGHoldsThePaintedCover decodes each cover's PNG with image/png and compares every
// pixel with the operations painted whole, the old way (not row by row).
func TestPNGHoldsThePaintedCover(t *testing.T) {
	f := loadFonts(t)
	for _, s := range []Spec{
		defaultSpec,
		{Title: "A Title Long Enough to Wrap Over Several Lines: and a subtitle", Author: "Ana María Quispe and B. Jones", Publisher: "Small Press"},
		{Title: "Wide", Author: "W", Width: 3000, Height: 700},
		{Title: "Narrow book of many words", Author: "N", Width: 300, Height: 2000},
		{Title: "Tiny", Author: "T", Width: 64, Height: 64},
	} {
		c, err := render(s, f)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writePNG(&got, c, palette()); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(got.Bytes()))
		if err != nil {
			t.Fatalf("%q: %v", s.Title, err)
		}
		p, ok := img.(*image.Paletted)
		if !ok || p.Bounds() != c.bounds || !slices.Equal(p.Pix, paintWhole(c)) {
			t.Errorf("%q %dx%d: the PNG's pixels are not the cover's", s.Title, s.Width, s.Height)
		}
		if !slices.EqualFunc(p.Palette, palette(), func(a, b color.Color) bool {
			return color.NRGBAModel.Convert(a) == color.NRGBAModel.Convert(b)
		}) {
			t.Errorf("%q: the PNG's palette is not the cover's", s.Title)
		}
		if len(c.ops) < 10 {
			t.Errorf("%q: %d operations drawn", s.Title, len(c.ops))
		}
	}
}

// paintWhole paints the canvas's operations in order into one mask, the way the cover was
// drawn before it was painted by rows (each rectangle's mask made whole, then composited).
func paintWhole(c *canvas) []byte {
	mask := image.NewAlpha(c.bounds)
	composite := func(dr image.Rectangle, m *image.Alpha) {
		for y := dr.Min.Y; y < dr.Max.Y; y++ {
			for x := dr.Min.X; x < dr.Max.X; x++ {
				a := uint32(m.AlphaAt(x-dr.Min.X, y-dr.Min.Y).A)
				if a == 0 {
					continue
				}
				d := mask.Pix[mask.PixOffset(x, y)]
				mask.Pix[mask.PixOffset(x, y)] = uint8((a*255 + uint32(d)*(255-a) + 127) / 255)
			}
		}
	}
	for _, o := range c.ops {
		m := o.mask
		if m == nil {
			m = image.NewAlpha(image.Rect(0, 0, o.dr.Dx(), o.dr.Dy()))
			for y := range o.dr.Dy() {
				cy := overlap(o.dr.Min.Y+y, o.y0, o.y1)
				for x := range o.dr.Dx() {
					m.Pix[m.PixOffset(x, y)] = uint8(math.Round(255 * cy * o.cx[x]))
				}
			}
		}
		composite(o.dr, m)
	}
	return mask.Pix
}
