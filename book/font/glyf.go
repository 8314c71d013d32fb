package font

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// This file reads glyph outlines: where each glyph's record lies in glyf (loca), the
// components of composite glyphs (for the PDF writer's subsets) and the contours themselves
// (for the cover, which draws its type). The layout of the records follows the OpenType
// specification, "glyf — Glyph Data"; the contours are split into segments exactly as
// golang.org/x/image/font/sfnt splits them, which the tests check glyph by glyph.

// Point is a point of an outline in font units, y up.
type Point struct{ X, Y int32 }

// SegmentOp says what a Segment draws.
type SegmentOp uint8

const (
	MoveTo SegmentOp = iota // start a contour at Args[0]
	LineTo                  // a straight line to Args[0]
	QuadTo                  // a quadratic Bézier curve with control point Args[0], ending at Args[1]
)

// Segment is one piece of an outline; the points its Op does not use are zero.
type Segment struct {
	Op   SegmentOp
	Args [2]Point
}

// Flags of a simple glyph's points and of a composite glyph's components.
const (
	flagOnCurve     = 0x01
	flagXShort      = 0x02
	flagYShort      = 0x04
	flagRepeat      = 0x08
	flagXSame       = 0x10 // with flagXShort: the short x is positive
	flagYSame       = 0x20
	argsAreWords    = 0x0001
	argsAreXYValues = 0x0002
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
)

// Limits on what one glyph may expand to, so that a hostile font cannot nest composites into
// millions of segments: x/image's depth and component limits, and budgets of segments and of
// glyphs visited far above any real glyph's.
const (
	maxComponentDepth = 8
	maxComponentStack = 64
	maxSegments       = 1 << 16
	maxGlyphVisits    = 1 << 12
)

var errOutlineTooComplex = errors.New("glyph outline too complex")

// glyphRange returns where glyph g's record lies in glyf.
func (f *Face) glyphRange(g int) (int, int, error) {
	var from, to int
	if f.longLoca {
		if g < 0 || 4*(g+2) > len(f.loca) {
			return 0, 0, errors.New("loca table truncated")
		}
		from, to = int(binary.BigEndian.Uint32(f.loca[4*g:])), int(binary.BigEndian.Uint32(f.loca[4*g+4:]))
	} else {
		if g < 0 || 2*(g+2) > len(f.loca) {
			return 0, 0, errors.New("loca table truncated")
		}
		from, to = 2*int(binary.BigEndian.Uint16(f.loca[2*g:])), 2*int(binary.BigEndian.Uint16(f.loca[2*g+2:]))
	}
	if from > to || to > len(f.glyf) {
		return 0, 0, fmt.Errorf("glyph %d lies outside the glyf table", g)
	}
	return from, to, nil
}

// GlyphRecord returns glyph g's record in the glyf table (its outline, or its components),
// empty for a glyph without an outline such as the space. It is the file's own bytes.
func (f *Face) GlyphRecord(g uint16) ([]byte, error) {
	if int(g) >= f.numGlyphs {
		return nil, fmt.Errorf("glyph %d of %d", g, f.numGlyphs)
	}
	from, to, err := f.glyphRange(int(g))
	if err != nil {
		return nil, err
	}
	return f.glyf[from:to:to], nil
}

// component is one part of a composite glyph: another glyph, moved and maybe transformed.
type component struct {
	glyph, flags   uint16
	dx, dy         int32
	xx, xy, yx, yy int16 // the transform, in 2.14 fixed point
	transformed    bool
}

// readComponents reads the components of a composite glyph's record (numberOfContours < 0);
// a simple glyph has none.
func readComponents(rec []byte) ([]component, error) {
	if len(rec) < 10 || int16(binary.BigEndian.Uint16(rec)) >= 0 {
		return nil, nil
	}
	var out []component
	p := rec[10:]
	for {
		if len(p) < 4 {
			return nil, errors.New("composite glyph truncated")
		}
		c := component{flags: binary.BigEndian.Uint16(p), glyph: binary.BigEndian.Uint16(p[2:])}
		p = p[4:]
		if c.flags&argsAreWords != 0 {
			if len(p) < 4 {
				return nil, errors.New("composite glyph truncated")
			}
			c.dx, c.dy = int32(int16(binary.BigEndian.Uint16(p))), int32(int16(binary.BigEndian.Uint16(p[2:])))
			p = p[4:]
		} else {
			if len(p) < 2 {
				return nil, errors.New("composite glyph truncated")
			}
			c.dx, c.dy = int32(int8(p[0])), int32(int8(p[1]))
			p = p[2:]
		}
		var n int
		switch {
		case c.flags&haveScale != 0:
			n = 2
		case c.flags&haveXYScale != 0:
			n = 4
		case c.flags&haveTwoByTwo != 0:
			n = 8
		}
		if len(p) < n {
			return nil, errors.New("composite glyph truncated")
		}
		s := func(i int) int16 { return int16(binary.BigEndian.Uint16(p[2*i:])) }
		switch n {
		case 2:
			c.xx, c.yy = s(0), s(0)
		case 4:
			c.xx, c.yy = s(0), s(1)
		case 8:
			c.xx, c.xy, c.yx, c.yy = s(0), s(1), s(2), s(3)
		}
		c.transformed = n > 0
		p = p[n:]
		out = append(out, c)
		if c.flags&moreComponents == 0 {
			return out, nil
		}
	}
}

// Components returns the glyphs composite glyph g is built from, in order; none for a simple
// glyph. A PDF subset must keep them with g.
func (f *Face) Components(g uint16) ([]uint16, error) {
	rec, err := f.GlyphRecord(g)
	if err != nil {
		return nil, err
	}
	comps, err := readComponents(rec)
	var out []uint16
	for _, c := range comps {
		out = append(out, c.glyph)
	}
	return out, err
}

// AppendOutline appends glyph g's outline to dst: each contour a MoveTo, then lines and
// quadratic curves, closed by a last segment back to its start. Composite glyphs are resolved
// into the contours of their components. A glyph without an outline appends nothing, nor does
// one that cannot be read (with an error).
func (f *Face) AppendOutline(dst []Segment, g uint16) ([]Segment, error) {
	visits := maxGlyphVisits
	out, err := f.appendOutline(dst, g, 0, maxComponentStack, &visits)
	if err != nil {
		return out[:len(dst)], err
	}
	return out, nil
}

func (f *Face) appendOutline(dst []Segment, g uint16, depth, stack int, visits *int) ([]Segment, error) {
	if *visits--; *visits < 0 {
		return dst, errOutlineTooComplex
	}
	rec, err := f.GlyphRecord(g)
	if err != nil || len(rec) == 0 {
		return dst, err
	}
	if len(rec) < 10 {
		return dst, fmt.Errorf("glyph %d: record truncated", g)
	}
	contours := int(int16(binary.BigEndian.Uint16(rec)))
	if contours >= 0 {
		return appendContours(dst, rec, contours)
	}
	if depth++; depth == maxComponentDepth {
		return dst, errOutlineTooComplex
	}
	comps, err := readComponents(rec)
	if err != nil {
		return dst, fmt.Errorf("glyph %d: %w", g, err)
	}
	if stack -= len(comps); stack < 0 {
		return dst, errOutlineTooComplex
	}
	for _, c := range comps {
		if c.flags&argsAreXYValues == 0 {
			return dst, fmt.Errorf("glyph %d: components placed by matching points are not supported", g)
		}
		base := len(dst)
		if dst, err = f.appendOutline(dst, c.glyph, depth, stack, visits); err != nil {
			return dst, err
		}
		for i := range dst[base:] {
			s := &dst[base+i]
			s.Args[0] = c.place(s.Args[0])
			if s.Op == QuadTo {
				s.Args[1] = c.place(s.Args[1])
			}
		}
	}
	return dst, nil
}

// place moves (and transforms) a point of the component's glyph into the composite, rounding
// as x/image does.
func (c component) place(p Point) Point {
	if !c.transformed {
		return Point{p.X + c.dx, p.Y + c.dy}
	}
	const half = 1 << 13
	mul := func(v int32, t int16) int32 { return int32((int64(v)*int64(t) + half) >> 14) }
	return Point{c.dx + mul(p.X, c.xx) + mul(p.Y, c.yx), c.dy + mul(p.X, c.xy) + mul(p.Y, c.yy)}
}

// glyphPoint is a point of a simple glyph as stored.
type glyphPoint struct {
	x, y int16
	on   bool
}

// appendContours appends the contours of a simple glyph's record.
func appendContours(dst []Segment, rec []byte, contours int) ([]Segment, error) {
	pts, err := readPoints(rec, contours)
	if err != nil {
		return dst, err
	}
	if len(dst)+2*len(pts)+2*contours > maxSegments {
		return dst, errOutlineTooComplex
	}
	prevEnd := -1
	for c := range contours {
		end := int(binary.BigEndian.Uint16(rec[10+2*c:]))
		if end <= prevEnd || end >= len(pts) {
			return dst, errors.New("glyph contours out of order")
		}
		dst = appendContour(dst, pts[prevEnd+1:end+1])
		prevEnd = end
	}
	return dst, nil
}

// readPoints decodes a simple glyph's points: flags (with repeats), then the x and the y
// deltas.
func readPoints(rec []byte, contours int) ([]glyphPoint, error) {
	if contours == 0 {
		return nil, nil
	}
	p := 10 + 2*contours
	if p+2 > len(rec) {
		return nil, errors.New("glyph record truncated")
	}
	n := 1 + int(binary.BigEndian.Uint16(rec[p-2:]))
	p += 2 + int(binary.BigEndian.Uint16(rec[p:])) // skip the instructions
	pts := make([]glyphPoint, n)
	flags := make([]byte, n)
	for i := 0; i < n; {
		if p >= len(rec) {
			return nil, errors.New("glyph flags truncated")
		}
		fl, repeat := rec[p], 1
		p++
		if fl&flagRepeat != 0 {
			if p >= len(rec) {
				return nil, errors.New("glyph flags truncated")
			}
			repeat += int(rec[p])
			p++
		}
		if i+repeat > n {
			return nil, errors.New("glyph flags repeat past the last point")
		}
		for ; repeat > 0; repeat-- {
			flags[i] = fl
			i++
		}
	}
	var ok bool
	if p, ok = readCoordinates(rec, p, flags, pts, flagXShort, flagXSame, func(gp *glyphPoint) *int16 { return &gp.x }); !ok {
		return nil, errors.New("glyph x coordinates truncated")
	}
	if _, ok = readCoordinates(rec, p, flags, pts, flagYShort, flagYSame, func(gp *glyphPoint) *int16 { return &gp.y }); !ok {
		return nil, errors.New("glyph y coordinates truncated")
	}
	for i, fl := range flags {
		pts[i].on = fl&flagOnCurve != 0
	}
	return pts, nil
}

// readCoordinates reads one axis of deltas from rec at p into the points' field; each is a
// byte (signed by the same flag), a word, or nothing (the same as the point before).
func readCoordinates(rec []byte, p int, flags []byte, pts []glyphPoint, short, same byte, field func(*glyphPoint) *int16) (int, bool) {
	var v int16 // wraps as x/image's does
	for i, fl := range flags {
		switch {
		case fl&short != 0:
			if p >= len(rec) {
				return p, false
			}
			if fl&same != 0 {
				v += int16(rec[p])
			} else {
				v -= int16(rec[p])
			}
			p++
		case fl&same == 0:
			if p+2 > len(rec) {
				return p, false
			}
			v += int16(binary.BigEndian.Uint16(rec[p:]))
			p += 2
		}
		*field(&pts[i]) = v
	}
	return p, true
}

// appendContour appends one closed contour. It starts at the first on-curve point, or, when
// the contour begins with two off-curve points, at the point implied between them; the points
// before the start are visited last. Two off-curve points in a row imply an on-curve point
// midway.
func appendContour(dst []Segment, pts []glyphPoint) []Segment {
	pt := func(p glyphPoint) Point { return Point{int32(p.x), int32(p.y)} }
	mid := func(a, b Point) Point { return Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2} }
	var start, off Point
	hasOff := false
	var rest []glyphPoint
	switch {
	case pts[0].on:
		start, rest = pt(pts[0]), pts[1:]
	case len(pts) == 1:
		return dst // a lone off-curve point draws nothing
	case pts[1].on:
		start, rest = pt(pts[1]), append(pts[2:len(pts):len(pts)], pts[0])
	default:
		start, off, hasOff = mid(pt(pts[0]), pt(pts[1])), pt(pts[1]), true
		rest = append(pts[2:len(pts):len(pts)], pts[0])
	}
	dst = append(dst, Segment{Op: MoveTo, Args: [2]Point{start}})
	for _, gp := range rest {
		p := pt(gp)
		switch {
		case gp.on && hasOff:
			dst = append(dst, Segment{Op: QuadTo, Args: [2]Point{off, p}})
			hasOff = false
		case gp.on:
			dst = append(dst, Segment{Op: LineTo, Args: [2]Point{p}})
		case hasOff:
			dst = append(dst, Segment{Op: QuadTo, Args: [2]Point{off, mid(off, p)}})
			off = p
		default:
			off, hasOff = p, true
		}
	}
	if hasOff {
		return append(dst, Segment{Op: QuadTo, Args: [2]Point{off, start}})
	}
	return append(dst, Segment{Op: LineTo, Args: [2]Point{start}})
}
