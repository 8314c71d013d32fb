package cover

import (
	"bytes"
	"image"
	"image/draw"
	"math"
	"slices"

	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// canvas is the cover being drawn, with the page size in pixels. U is the unit that type and
// ornament sizes are proportional to: the width, except on covers so wide that the width
// would make them too big for the height.
//
// What is drawn is kept as a list of operations and painted a row at a time as the PNG is
// written (row): a whole 1600×2560 coverage mask is 4 MB of fresh memory whose page faults
// cost more than the drawing. Each pixel gets the operations that touch it in the order they
// were drawn, so the picture is the one a mask painted in that order holds.
type canvas struct {
	bounds  image.Rectangle
	ops     []op
	W, H, U float64
	runs    []byte  // scratch: a mask being coded
	starts  []int32 // scratch: its rows' starts
}

// op is one drawing operation: ink through a coverage mask (a glyph, a lozenge) over dr, or
// a rectangle's exact coverage, the product of a column's and a row's.
type op struct {
	dr     image.Rectangle // within the canvas
	runs   []byte          // its mask's rows run-coded (runs.go); nil for a rectangle
	starts []int32         // where each row starts in runs
	x0, x1 float64         // a rectangle's left and right edges
	y0, y1 float64         // its top and bottom edges
	in0    int             // its columns wholly inside [x0, x1): in0 to in1-1
	in1    int
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

// composite paints ink through the coverage mask m (at mp) onto dr. The canvas keeps the
// part that shows, run-coded: m is the caller's again (a face's scratch mask).
func (c *canvas) composite(dr image.Rectangle, m *image.Alpha, mp image.Point) {
	clip := dr.Intersect(c.bounds)
	if clip.Empty() {
		return
	}
	mp = mp.Add(clip.Min.Sub(dr.Min))
	// Coded into scratch, then kept at their size: appending to one buffer would copy it at
	// every doubling.
	c.runs, c.starts = appendRuns(c.runs[:0], c.starts[:0], m, image.Rectangle{Min: mp, Max: mp.Add(clip.Size())})
	c.ops = append(c.ops, op{dr: clip, runs: bytes.Clone(c.runs), starts: slices.Clone(c.starts)})
}

// rect fills the axis-aligned rectangle [x0,x1)×[y0,y1) with exact
// anti-aliased coverage at its fractional edges.
func (c *canvas) rect(x0, y0, x1, y1 float64) {
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(c.bounds)
	if r.Empty() {
		return
	}
	c.ops = append(c.ops, op{dr: r, x0: x0, x1: x1, y0: y0, y1: y1, in0: int(math.Ceil(x0)), in1: int(math.Floor(x1))})
}

// overlap is how much of the pixel p (0..1) the interval [lo, hi) covers. (The built-in min
// and max are math.Min's and math.Max's, signed zeros and all, without a call.)
func overlap(p int, lo, hi float64) float64 {
	return max(0, min(float64(p+1), hi)-max(float64(p), lo))
}

// row paints row y of the cover's coverage (0 background, 255 ink) into dst, one byte a
// pixel: every operation that touches the row, in the order drawn.
func (c *canvas) row(y int, dst []byte) {
	clear(dst)
	for i := range c.ops {
		if o := &c.ops[i]; o.dr.Min.Y <= y && y < o.dr.Max.Y {
			c.paint(o, y, dst)
		}
	}
}

// paint paints op o's part of row y onto dst.
func (c *canvas) paint(o *op, y int, dst []byte) {
	d := dst[o.dr.Min.X-c.bounds.Min.X : o.dr.Max.X-c.bounds.Min.X]
	if o.runs != nil {
		overRuns(d, o.runs[o.starts[y-o.dr.Min.Y]:])
		return
	}
	cy := 255 * overlap(y, o.y0, o.y1)
	// Columns wholly inside [x0, x1) are covered exactly 1 (overlap's difference of two
	// consecutive integers): one coverage for them all; the edges' own.
	in0, in1 := o.in0, o.in1
	for x := 0; x < len(d); x++ {
		p := o.dr.Min.X + x
		if p >= in0 && p < in1 {
			end := min(len(d), in1-o.dr.Min.X)
			overConst(d[x:end], uint32(math.Round(cy)))
			x = end - 1
			continue
		}
		a := uint32(math.Round(cy * overlap(p, o.x0, o.x1)))
		d[x] = uint8((a*255 + uint32(d[x])*(255-a) + 127) / 255)
	}
}

// overConst paints ink of coverage a (0..255) over all of d, as over does.
func overConst(d []byte, a uint32) {
	switch a {
	case 0:
	case 255:
		for i := range d {
			d[i] = 255
		}
	default:
		for i, v := range d {
			d[i] = uint8((a*255 + uint32(v)*(255-a) + 127) / 255)
		}
	}
}

// rowPainter paints a canvas's rows from the top, as row does, looking only at the
// operations that touch each row, and not at all when a row repeats the one above: most
// of a cover's rows lie between its letters, or cross the same part of a rule or stroke.
type rowPainter struct {
	c       *canvas
	byStart []int // the operations by their first row (in the order drawn where equal)
	next    int   // the first of byStart not yet active
	active  []int // the operations that touch the row, in the order drawn
	painted bool  // a row was painted: dst holds it
	count   int   // rows painted (the others repeated the row above), for the tests
}

func (c *canvas) rowPainter() *rowPainter {
	p := &rowPainter{c: c, byStart: make([]int, len(c.ops))}
	for i := range p.byStart {
		p.byStart[i] = i
	}
	slices.SortStableFunc(p.byStart, func(a, b int) int { return c.ops[a].dr.Min.Y - c.ops[b].dr.Min.Y })
	return p
}

// row paints row y into dst; the rows are asked for in order, one after the other, and dst
// holds the last row painted. same reports that row y repeats row y-1, left in dst.
func (p *rowPainter) row(y int, dst []byte) (same bool) {
	ops := p.c.ops
	changed := !p.painted
	k := 0
	for _, i := range p.active {
		if y < ops[i].dr.Max.Y {
			p.active[k] = i
			k++
		} else {
			changed = true
		}
	}
	p.active = p.active[:k]
	for ; p.next < len(p.byStart) && ops[p.byStart[p.next]].dr.Min.Y <= y; p.next++ {
		i := p.byStart[p.next]
		if ops[i].dr.Max.Y <= y {
			continue // above the rows asked for (a canvas asked from its top)
		}
		at, _ := slices.BinarySearch(p.active, i)
		p.active = slices.Insert(p.active, at, i)
		changed = true
	}
	if !changed && p.repeats(y) {
		return true // dst holds row y-1, and row y is the same
	}
	clear(dst)
	for _, i := range p.active {
		p.c.paint(&ops[i], y, dst)
	}
	p.painted = true
	p.count++
	return false
}

// repeats reports whether every active operation paints row y as it painted row y-1 (each
// was active there too).
func (p *rowPainter) repeats(y int) bool {
	for _, i := range p.active {
		o := &p.c.ops[i]
		if o.runs == nil {
			if overlap(y, o.y0, o.y1) != overlap(y-1, o.y0, o.y1) {
				return false
			}
			continue
		}
		r := y - o.dr.Min.Y
		end := len(o.runs)
		if r+1 < len(o.starts) {
			end = int(o.starts[r+1])
		}
		if !bytes.Equal(o.runs[o.starts[r]:end], o.runs[o.starts[r-1]:o.starts[r]]) {
			return false
		}
	}
	return true
}

// over paints opaque ink through the coverage s onto d (Porter-Duff "over").
func over(d, s []byte) {
	s = s[:len(d)]
	for x, a := range s {
		if a == 0 {
			continue
		}
		d[x] = uint8((uint32(a)*255 + uint32(d[x])*(255-uint32(a)) + 127) / 255)
	}
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
