package cover

import (
	"image"
	"image/draw"
	"math"

	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// canvas is the coverage mask being drawn, with the page size in pixels.
// U is the unit that type and ornament sizes are proportional to: the
// width, except on covers so wide that the width would make them too big
// for the height.
type canvas struct {
	mask    *image.Alpha
	W, H, U float64
}

// text draws s with its left end of the baseline at (x, y).
func (c *canvas) text(f *face, s string, x, y float64) {
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.kern(prev, r) + f.track
		}
		dr, mask, adv, ok := f.glyph(dot, r)
		if ok {
			c.composite(dr, mask, image.Point{})
		}
		dot.X += adv
		prev = r
	}
}

// centred draws each line centred horizontally, the first baseline at y,
// and returns the baseline of the last line.
func (c *canvas) centred(f *face, lines []string, y, leading float64) float64 {
	for i, l := range lines {
		if i > 0 {
			y += leading
		}
		c.text(f, l, (c.W-f.width(l))/2, y)
	}
	return y
}

// composite paints ink through the coverage mask m (at mp) onto dr.
func (c *canvas) composite(dr image.Rectangle, m *image.Alpha, mp image.Point) {
	clip := dr.Intersect(c.mask.Rect)
	if clip.Empty() {
		return
	}
	mp = mp.Add(clip.Min.Sub(dr.Min))
	for y := 0; y < clip.Dy(); y++ {
		d := c.mask.Pix[c.mask.PixOffset(clip.Min.X, clip.Min.Y+y):]
		s := m.Pix[m.PixOffset(mp.X, mp.Y+y):]
		for x := 0; x < clip.Dx(); x++ {
			a := uint32(s[x])
			if a == 0 {
				continue
			}
			// Porter-Duff "over" with opaque ink.
			d[x] = uint8((a*255 + uint32(d[x])*(255-a) + 127) / 255)
		}
	}
}

// rect fills the axis-aligned rectangle [x0,x1)×[y0,y1) with exact
// anti-aliased coverage at its fractional edges.
func (c *canvas) rect(x0, y0, x1, y1 float64) {
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(c.mask.Rect)
	overlap := func(p int, lo, hi float64) float64 {
		return math.Max(0, math.Min(float64(p+1), hi)-math.Max(float64(p), lo))
	}
	// A column's coverage is the same on every row: computed once (the frame's long rules
	// are most of a cover's drawing).
	cx := make([]float64, r.Dx())
	for i := range cx {
		cx[i] = overlap(r.Min.X+i, x0, x1)
	}
	m := image.NewAlpha(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		cy := 255 * overlap(y, y0, y1)
		row := m.Pix[m.PixOffset(r.Min.X, y):]
		for i, v := range cx {
			row[i] = uint8(math.Round(cy * v))
		}
	}
	c.composite(r, m, r.Min)
}

// frame strokes the rectangle [x0,x1]×[y0,y1] with a line t wide
// (centred on the rectangle's edges).
func (c *canvas) frame(x0, y0, x1, y1, t float64) {
	h := t / 2
	c.rect(x0-h, y0-h, x1+h, y0+h) // top
	c.rect(x0-h, y1-h, x1+h, y1+h) // bottom
	c.rect(x0-h, y0+h, x0+h, y1-h) // left
	c.rect(x1-h, y0+h, x1+h, y1-h) // right
}

// diamond fills a lozenge centred on (cx, cy) with half-width rx and
// half-height ry.
func (c *canvas) diamond(cx, cy, rx, ry float64) {
	r := image.Rect(int(math.Floor(cx-rx)), int(math.Floor(cy-ry)), int(math.Ceil(cx+rx)), int(math.Ceil(cy+ry)))
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	z.DrawOp = draw.Src
	z.MoveTo(float32(cx-ox), float32(cy-ry-oy))
	z.LineTo(float32(cx+rx-ox), float32(cy-oy))
	z.LineTo(float32(cx-ox), float32(cy+ry-oy))
	z.LineTo(float32(cx-rx-ox), float32(cy-oy))
	z.ClosePath()
	m := image.NewAlpha(image.Rect(0, 0, r.Dx(), r.Dy()))
	z.Draw(m, m.Rect, image.Opaque, image.Point{})
	c.composite(r, m, image.Point{})
}

// ornament draws a short rule broken by a lozenge, centred on (cx, cy).
func (c *canvas) ornament(cx, cy float64) {
	W := c.U
	t := math.Max(1, 0.0035*W) // rule thickness
	half := 0.12 * W           // half the ornament's length
	gap := 0.022 * W           // space between rule and lozenge
	rx, ry := 0.011*W, 0.016*W // lozenge
	c.rect(cx-half, cy-t/2, cx-gap, cy+t/2)
	c.rect(cx+gap, cy-t/2, cx+half, cy+t/2)
	c.diamond(cx, cy, rx, ry)
}
