package cover

import (
	"fmt"
	"image"
	"image/draw"
	"math"
	"strings"

	"bindery/book/font"

	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The cover's type: book/font gives the characters, widths, kerning and outlines of the
// book's faces; this file sizes them in pixels and draws each glyph's coverage mask. It
// measures and rasterises exactly as x/image's opentype.Face did (unhinted, at 72 dpi), which
// drew the covers before, so that covers keep their bytes: TestGlyphsAsOpentypeDrewThem
// compares the two.

// typeface is one face of the book's family.
type typeface struct {
	f *font.Face
	s *scratch
}

// scratch is where a cover's glyphs are drawn, one at a time, by all its faces: a buffer
// each would be as many fresh pages again.
type scratch struct {
	rast vector.Rasterizer
	mask []uint8 // the coverage of the glyph being drawn
}

func newTypeface(name string, f *font.Face, fallback *typeface, s *scratch) (*typeface, error) {
	if f == nil {
		if fallback != nil {
			return fallback, nil
		}
		return nil, fmt.Errorf("cover: no %s font", name)
	}
	t := &typeface{f: f, s: s}
	// A font without Latin letters would render nothing; reject it early.
	if !t.has('A') {
		return nil, fmt.Errorf("cover: %s font %s has no glyph for 'A'", name, f.Name)
	}
	return t, nil
}

// glyph returns the font's glyph for r, or 0 (.notdef, which is not drawn) when it has none.
func (t *typeface) glyph(r rune) uint16 {
	g, _ := t.f.Lookup(r)
	return g
}

// has reports whether the font has a real glyph (not .notdef) for r.
func (t *typeface) has(r rune) bool {
	_, ok := t.f.Lookup(r)
	return ok || r == ' '
}

// filter drops the characters the font cannot draw, so that scripts the font does not cover
// are skipped instead of showing .notdef boxes.
func (t *typeface) filter(s string) string {
	s = strings.Map(func(r rune) rune {
		if t.has(r) {
			return r
		}
		return -1
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// face is a typeface at a size, with letter-spacing, and the scratch space to draw glyphs.
type face struct {
	t     *typeface
	size  float64       // pixels per em
	ppem  fixed.Int26_6 // the size as x/image rounds it
	track fixed.Int26_6
	capH  float64 // height of capitals above the baseline, in pixels
	segs  []font.Segment
}

func (t *typeface) face(size, tracking float64) *face {
	// At 72 dots to the inch a point is a pixel; the expression is x/image's, to round alike.
	f := &face{t: t, size: size, ppem: fixed.Int26_6(0.5 + (size * 72 * 64 / 72)), track: fixed.Int26_6(math.Round(tracking * size * 64))}
	f.capH = 0.68 * size
	if g := t.glyph('H'); g != 0 {
		if segs, err := t.f.AppendOutline(nil, g); err == nil {
			if b := f.bounds(segs); b.Min.Y < 0 {
				f.capH = float64(-b.Min.Y) / 64
			}
		}
	}
	return f
}

// scale turns font units into 1/64 pixels, rounding halves away from zero. The product is
// 32-bit, as x/image's is.
func (f *face) scale(v int32) fixed.Int26_6 {
	x, upem := fixed.Int26_6(v)*f.ppem, fixed.Int26_6(f.t.f.UnitsPerEm)
	if x >= 0 {
		return (x + upem/2) / upem
	}
	return (x - upem/2) / upem
}

// point is an outline's point in 1/64 pixels, y down.
func (f *face) point(p font.Point) fixed.Point26_6 {
	return fixed.Point26_6{X: f.scale(p.X), Y: -f.scale(p.Y)}
}

// advance is glyph g's advance width.
func (f *face) advance(g uint16) fixed.Int26_6 { return f.scale(int32(f.t.f.GlyphWidth(g))) }

// kern is the kerning between r0 and r1, scaled like every other metric. (x/image's
// opentype.Face.Kern, which the cover once used, scaled it at unitsPerEm pixels to the em, so
// a kern of k units moved the pen k/64 pixel: Gentium covers were all but unkerned.)
func (f *face) kern(r0, r1 rune) fixed.Int26_6 {
	return f.scale(int32(f.t.f.KernGlyphs(f.t.glyph(r0), f.t.glyph(r1))))
}

// bounds is the box of the points of segments (control points included), scaled.
func (f *face) bounds(segs []font.Segment) (b fixed.Rectangle26_6) {
	if len(segs) == 0 {
		return b
	}
	b = fixed.Rectangle26_6{Min: fixed.Point26_6{X: 1<<31 - 1, Y: 1<<31 - 1}, Max: fixed.Point26_6{X: -1 << 31, Y: -1 << 31}}
	for _, s := range segs {
		n := 1
		if s.Op == font.QuadTo {
			n = 2
		}
		for _, p := range s.Args[:n] {
			q := f.point(p)
			b.Min.X, b.Min.Y = min(b.Min.X, q.X), min(b.Min.Y, q.Y)
			b.Max.X, b.Max.Y = max(b.Max.X, q.X), max(b.Max.Y, q.Y)
		}
	}
	return b
}

// width is the advance width of s in pixels, including kerning and letter-spacing between
// (not after) the characters.
func (f *face) width(s string) float64 {
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += f.kern(prev, r) + f.track
		}
		w += f.advance(f.t.glyph(r))
		prev = r
	}
	return float64(w) / 64
}

// glyph draws r's coverage mask for the pen at dot: where it goes, the mask (the face's
// typefaces' scratch, good until the next glyph: the canvas keeps a coded copy), and how far the pen
// moves. ok is false for a character the font lacks (and for a glyph it cannot read, which
// also moves the pen by nothing).
func (f *face) glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask *image.Alpha, advance fixed.Int26_6, ok bool) {
	g := f.t.glyph(r)
	segs, err := f.t.f.AppendOutline(f.segs[:0], g)
	if err != nil {
		return image.Rectangle{}, nil, 0, false
	}
	f.segs = segs
	b := f.bounds(segs).Add(dot)
	dr = image.Rectangle{Min: image.Point{X: b.Min.X.Floor(), Y: b.Min.Y.Floor()}, Max: image.Point{X: b.Max.X.Ceil(), Y: b.Max.Y.Ceil()}}
	w, h := dr.Dx(), dr.Dy()
	if w < 0 || h < 0 {
		return image.Rectangle{}, nil, 0, false
	}
	// The glyph's position within its first pixel, for the rasteriser.
	bias := fixed.Point26_6{X: dot.X - fixed.Int26_6(dr.Min.X<<6), Y: dot.Y - fixed.Int26_6(dr.Min.Y<<6)}
	s := f.t.s
	if cap(s.mask) < w*h {
		s.mask = make([]uint8, w*h)
	}
	// Not cleared: drawn with draw.Src, the rasteriser writes every pixel of the mask.
	mask = &image.Alpha{Pix: s.mask[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	rast := &s.rast
	rast.Reset(w, h)
	rast.DrawOp = draw.Src
	at := func(p font.Point) (float32, float32) {
		q := f.point(p).Add(bias)
		return float32(q.X) / 64, float32(q.Y) / 64
	}
	for _, s := range segs {
		x0, y0 := at(s.Args[0])
		switch s.Op {
		case font.MoveTo:
			rast.MoveTo(x0, y0)
		case font.LineTo:
			rast.LineTo(x0, y0)
		case font.QuadTo:
			x1, y1 := at(s.Args[1])
			rast.QuadTo(x0, y0, x1, y1)
		}
	}
	rast.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return dr, mask, f.advance(g), g != 0
}
