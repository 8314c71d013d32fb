package cover

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
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
		var m *image.Alpha
		if o.runs != nil {
			m = decodeRuns(o)
		} else {
			m = image.NewAlpha(image.Rect(0, 0, o.dr.Dx(), o.dr.Dy()))
			for y := range o.dr.Dy() {
				cy := overlap(o.dr.Min.Y+y, o.y0, o.y1)
				for x := range o.dr.Dx() {
					m.Pix[m.PixOffset(x, y)] = uint8(math.Round(255 * cy * overlap(o.dr.Min.X+x, o.x0, o.x1)))
				}
			}
		}
		composite(o.dr, m)
	}
	return mask.Pix
}

// decodeRuns unpacks an op's run-coded mask (runs.go's format, read here on its own).
func decodeRuns(o op) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, o.dr.Dx(), o.dr.Dy()))
	for y := range o.dr.Dy() {
		code := o.runs[o.starts[y]:]
		row := m.Pix[y*m.Stride : (y+1)*m.Stride]
		for x := 0; x < len(row); {
			z, n := binary.Uvarint(code)
			l, k := binary.Uvarint(code[n:])
			code = code[n+k:]
			x += int(z)
			x += copy(row[x:x+int(l)], code[:l])
			code = code[l:]
			f, j := binary.Uvarint(code)
			code = code[j:]
			for range f {
				row[x] = 255
				x++
			}
		}
	}
	return m
}

// TestRunsKeepEveryMask: masks of random coverage (no ink, full ink, partial, in runs of
// every length), coded whole or clipped, decode to the same pixels, and overRuns paints
// what over paints with the whole row.
func TestRunsKeepEveryMask(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 500 {
		w, h := 1+r.IntN(300), 1+r.IntN(4)
		m := image.NewAlpha(image.Rect(0, 0, w, h))
		for i := 0; i < len(m.Pix); {
			v := []uint8{0, 255, uint8(1 + r.IntN(254))}[r.IntN(3)]
			for k := r.IntN(200); k >= 0 && i < len(m.Pix); k-- {
				m.Pix[i] = v
				if v != 0 && v != 255 && r.IntN(2) == 0 {
					m.Pix[i] = uint8(1 + r.IntN(254))
				}
				i++
			}
		}
		clip := image.Rect(r.IntN(w), r.IntN(h), w, h)
		if n%2 == 0 {
			clip = m.Rect
		}
		runs, starts := appendRuns(nil, nil, m, clip)
		o := op{dr: image.Rectangle{Max: clip.Size()}, runs: runs, starts: starts}
		got := decodeRuns(o)
		for y := range clip.Dy() {
			want := m.Pix[m.PixOffset(clip.Min.X, clip.Min.Y+y):][:clip.Dx()]
			if !bytes.Equal(got.Pix[y*got.Stride:(y+1)*got.Stride], want) {
				t.Fatalf("mask %d, row %d: decoded %v, want %v", n, y, got.Pix[y*got.Stride:(y+1)*got.Stride], want)
			}
			d1 := make([]byte, clip.Dx())
			for i := range d1 {
				d1[i] = uint8(r.IntN(256))
			}
			d2 := bytes.Clone(d1)
			over(d1, want)
			overRuns(d2, runs[starts[y]:])
			if !bytes.Equal(d1, d2) {
				t.Fatalf("mask %d, row %d: overRuns painted %v, over %v", n, y, d2, d1)
			}
		}
	}
}

// TestRowPainterIsRow: the rows painted in order, skipping those that repeat the one above,
// are the rows painted one by one from every operation, and a row said to repeat does; and
// most rows of a cover are not painted again.
func TestRowPainterIsRow(t *testing.T) {
	f := loadFonts(t)
	for _, s := range []Spec{
		defaultSpec,
		{Title: "A Short Book about Books", Author: "Ann Author"},
		{Title: "Wide", Author: "W", Width: 3000, Height: 700},
		{Title: "Tiny", Author: "T", Width: 64, Height: 64},
	} {
		c, err := render(s, f)
		if err != nil {
			t.Fatal(err)
		}
		p := c.rowPainter()
		got, want := make([]byte, c.bounds.Dx()), make([]byte, c.bounds.Dx())
		above := make([]byte, c.bounds.Dx())
		for y := c.bounds.Min.Y; y < c.bounds.Max.Y; y++ {
			copy(above, want)
			same := p.row(y, got)
			c.row(y, want)
			if !bytes.Equal(got, want) {
				t.Fatalf("%q: row %d differs", s.Title, y)
			}
			if same && (y == c.bounds.Min.Y || !bytes.Equal(want, above)) {
				t.Fatalf("%q: row %d said to repeat the row above, which differs", s.Title, y)
			}
		}
		if rows := c.bounds.Dy(); s.Width == 0 && p.count > rows/2 {
			t.Errorf("%q: %d of %d rows painted", s.Title, p.count, rows)
		}
	}
}
