package svg

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The work of drawing one picture is bounded by counts, never by time: a picture that
// needs more is refused (and printed as its description).
const (
	maxSegments = 100_000_000   // line segments given to the rasteriser (about 10 s of drawing)
	maxArea     = 4_000_000_000 // pixels covered by the shapes drawn, summed
)

// errTooComplex is panicked by the scanner when a budget runs out, and recovered by
// Rasterize.
var errTooComplex = errors.New("it is too complex to draw")

// boxScanner is rasterx's Scanner, drawing each shape only over its own bounding box (rasterx's
// ScannerGV covers the whole picture for every shape), with counted work.
type boxScanner struct {
	dst      *image.RGBA
	r        vector.Rasterizer
	segs     []fixed.Point26_6 // the shape's segments; a start is marked by startMark
	starts   []bool
	min, max fixed.Point26_6
	src      image.Image // a colour
	shade    shader      // or a gradient
	maskPix  []uint8     // a gradient's coverage, reused
	clip     image.Rectangle
	segments int   // drawn so far
	area     int64 // covered so far
}

func newBoxScanner(dst *image.RGBA) *boxScanner {
	s := &boxScanner{dst: dst, src: image.Black}
	s.Clear()
	return s
}

func (s *boxScanner) extend(p fixed.Point26_6) {
	s.min.X, s.min.Y = min(s.min.X, p.X), min(s.min.Y, p.Y)
	s.max.X, s.max.Y = max(s.max.X, p.X), max(s.max.Y, p.Y)
}

func (s *boxScanner) Start(a fixed.Point26_6) { s.add(a, true) }
func (s *boxScanner) Line(b fixed.Point26_6)  { s.add(b, false) }

func (s *boxScanner) add(p fixed.Point26_6, start bool) {
	if s.segments++; s.segments > maxSegments {
		panic(errTooComplex)
	}
	s.extend(p)
	s.segs = append(s.segs, p)
	s.starts = append(s.starts, start)
}

func (s *boxScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{Min: s.min, Max: s.max}
}

func (s *boxScanner) SetBounds(w, h int)      {}
func (s *boxScanner) SetWinding(nonzero bool) {} // x/image/vector fills by the non-zero rule
func (s *boxScanner) SetClip(r image.Rectangle) {
	s.clip = r
}

func (s *boxScanner) SetColor(c any) {
	s.shade = nil
	switch c := c.(type) {
	case color.Color:
		s.src = image.NewUniform(c)
	case shader:
		s.shade = c
	}
}

// shader is a gradient: the colour at each pixel, not premultiplied.
type shader func(x, y int) color.NRGBA

func (s *boxScanner) Clear() {
	s.segs, s.starts = s.segs[:0], s.starts[:0]
	const big = fixed.Int26_6(math.MaxInt32)
	s.min, s.max = fixed.Point26_6{X: big, Y: big}, fixed.Point26_6{X: -big, Y: -big}
}

// Draw rasterises the shape over its bounding box, clipped to the picture.
func (s *boxScanner) Draw() {
	if len(s.segs) == 0 {
		return
	}
	box := image.Rect(s.min.X.Floor(), s.min.Y.Floor(), s.max.X.Ceil()+1, s.max.Y.Ceil()+1).Intersect(s.dst.Bounds())
	if s.clip != image.ZR {
		box = box.Intersect(s.clip)
	}
	if box.Empty() {
		return
	}
	if s.area += int64(box.Dx()) * int64(box.Dy()); s.area > maxArea {
		panic(errTooComplex)
	}
	s.r.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	// No ClosePath: rasterx's fillers and strokers close what must be closed themselves.
	for i, p := range s.segs {
		x, y := float32(p.X)/64-ox, float32(p.Y)/64-oy
		if s.starts[i] {
			s.r.MoveTo(x, y)
		} else {
			s.r.LineTo(x, y)
		}
	}
	s.r.DrawOp = draw.Over
	if s.shade == nil {
		s.r.Draw(s.dst, box, s.src, box.Min)
		return
	}
	// A gradient: the shape's coverage first, then each covered pixel's colour over the
	// picture (x/image/vector's path for a source that is not uniform calls At for every
	// pixel, through an interface).
	// x/image/vector writes an Alpha mask's pixels as one run: the mask is exactly the box.
	n := box.Dx() * box.Dy()
	if cap(s.maskPix) < n {
		s.maskPix = make([]uint8, n)
	}
	mask := &image.Alpha{Pix: s.maskPix[:n], Stride: box.Dx(), Rect: image.Rect(0, 0, box.Dx(), box.Dy())}
	clear(mask.Pix)
	s.r.DrawOp = draw.Src
	s.r.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	for y := range box.Dy() {
		row := mask.Pix[y*mask.Stride:][:box.Dx()]
		for x, m := range row {
			if m == 0 {
				continue
			}
			c := s.shade(box.Min.X+x, box.Min.Y+y)
			a := uint32(c.A) * uint32(m) / 255 // the source's opacity here
			if a == 0 {
				continue
			}
			i := s.dst.PixOffset(box.Min.X+x, box.Min.Y+y)
			d := s.dst.Pix[i : i+4 : i+4]
			for k, v := range [3]uint8{c.R, c.G, c.B} {
				d[k] = uint8((uint32(v)*a + uint32(d[k])*(255-a) + 127) / 255)
			}
			d[3] = uint8(a + (uint32(d[3])*(255-a)+127)/255)
		}
	}
}
