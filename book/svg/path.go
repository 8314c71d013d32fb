package svg

import (
	"math"
	"strconv"
	"strings"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// affine is an SVG transform matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// mul is m × n: n applies first, as a child's transform inside its parent's.
func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

func (m affine) invert() (affine, bool) {
	det := m[0]*m[3] - m[1]*m[2]
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return identity, false
	}
	return affine{m[3] / det, -m[1] / det, -m[2] / det, m[0] / det,
		(m[2]*m[5] - m[3]*m[4]) / det, (m[1]*m[4] - m[0]*m[5]) / det}, true
}

// scale is the transform's mean scale factor, for stroke widths.
func (m affine) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

func translate(x, y float64) affine { return affine{1, 0, 0, 1, x, y} }
func scaling(x, y float64) affine   { return affine{x, 0, 0, y, 0, 0} }

// parseTransform reads a transform list; what it cannot read is left out (identity).
func parseTransform(s string) affine {
	m := identity
	for {
		s = strings.TrimLeft(s, " \t\r\n,")
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return m
		}
		name := strings.TrimSpace(s[:open])
		a := numbers(s[open+1 : end])
		s = s[end+1:]
		var t affine
		switch {
		case name == "matrix" && len(a) == 6:
			t = affine{a[0], a[1], a[2], a[3], a[4], a[5]}
		case name == "translate" && len(a) == 1:
			t = translate(a[0], 0)
		case name == "translate" && len(a) == 2:
			t = translate(a[0], a[1])
		case name == "scale" && len(a) == 1:
			t = scaling(a[0], a[0])
		case name == "scale" && len(a) == 2:
			t = scaling(a[0], a[1])
		case name == "rotate" && (len(a) == 1 || len(a) == 3):
			r := a[0] * math.Pi / 180
			t = affine{math.Cos(r), math.Sin(r), -math.Sin(r), math.Cos(r), 0, 0}
			if len(a) == 3 {
				t = translate(a[1], a[2]).mul(t).mul(translate(-a[1], -a[2]))
			}
		case name == "skewX" && len(a) == 1:
			t = affine{1, 0, math.Tan(a[0] * math.Pi / 180), 1, 0, 0}
		case name == "skewY" && len(a) == 1:
			t = affine{1, math.Tan(a[0] * math.Pi / 180), 0, 1, 0, 0}
		default:
			return identity // an error in a transform list: SVG draws the element untransformed
		}
		m = m.mul(t)
	}
}

// numbers reads a list of numbers separated by white space and commas.
func numbers(s string) []float64 {
	var out []float64
	sc := scanner{s: s}
	for {
		sc.skip()
		v, ok := sc.number()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

// scanner reads the numbers of path data and point lists.
type scanner struct {
	s string
	i int
}

func (sc *scanner) skip() {
	for sc.i < len(sc.s) && strings.IndexByte(" \t\r\n,", sc.s[sc.i]) >= 0 {
		sc.i++
	}
}

// number reads a number: [sign] digits [. digits] [e [sign] digits].
func (sc *scanner) number() (float64, bool) {
	start, i, s := sc.i, sc.i, sc.s
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for i = j; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			}
		}
	}
	v, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	sc.i = i
	return v, true
}

// flag reads an arc flag: a single 0 or 1.
func (sc *scanner) flag() (bool, bool) {
	sc.skip()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return sc.s[sc.i-1] == '1', true
	}
	return false, false
}

// shape collects a path in device space, for the rasteriser.
type shape struct {
	m          affine
	path       rasterx.Path
	open       bool
	x0, y0     float64 // start of the subpath (user space)
	minX, minY float64 // bounding box in user space
	maxX, maxY float64
	length     float64 // in device pixels, roughly (the control polygon)
	lastDX     float64
	lastDY     float64
	empty      bool
}

func newShape(m affine) *shape {
	return &shape{m: m, empty: true, minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
}

// fix converts a user-space point to the rasteriser's device space, clamped so that fixed
// point never overflows.
func (s *shape) fix(x, y float64) fixed.Point26_6 {
	s.minX, s.minY = math.Min(s.minX, x), math.Min(s.minY, y)
	s.maxX, s.maxY = math.Max(s.maxX, x), math.Max(s.maxY, y)
	dx, dy := s.m.apply(x, y)
	const lim = 1 << 20
	dx, dy = math.Max(-lim, math.Min(lim, dx)), math.Max(-lim, math.Min(lim, dy))
	if !s.empty {
		s.length += math.Hypot(dx-s.lastDX, dy-s.lastDY)
	}
	s.lastDX, s.lastDY, s.empty = dx, dy, false
	return fixed.Point26_6{X: fixed.Int26_6(dx * 64), Y: fixed.Int26_6(dy * 64)}
}

func (s *shape) moveTo(x, y float64) {
	if s.open {
		s.path.Stop(false)
	}
	s.path.Start(s.fix(x, y))
	s.open, s.x0, s.y0 = true, x, y
}

func (s *shape) lineTo(x, y float64) {
	if !s.open {
		s.moveTo(s.x0, s.y0)
	}
	s.path.Line(s.fix(x, y))
}

func (s *shape) cubeTo(x1, y1, x2, y2, x, y float64) {
	if !s.open {
		s.moveTo(s.x0, s.y0)
	}
	s.path.CubeBezier(s.fix(x1, y1), s.fix(x2, y2), s.fix(x, y))
}

func (s *shape) quadTo(x1, y1, x, y float64) {
	if !s.open {
		s.moveTo(s.x0, s.y0)
	}
	s.path.QuadBezier(s.fix(x1, y1), s.fix(x, y))
}

func (s *shape) close() {
	if s.open {
		s.path.Stop(true)
		s.open = false
	}
}

func (s *shape) done() {
	if s.open {
		s.path.Stop(false)
		s.open = false
	}
}

// arcTo adds an elliptical arc from (x0, y0) as path data's A command does (SVG 1.1,
// appendix F.6), as cubic Béziers of at most a quarter turn each.
func (s *shape) arcTo(x0, y0, rx, ry, rotation float64, large, sweep bool, x, y float64) {
	if x0 == x && y0 == y {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		s.lineTo(x, y)
		return
	}
	phi := rotation * math.Pi / 180
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (x0-x)/2, (y0-y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		k = -k
	}
	cx1, cy1 := k*rx*y1/ry, -k*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (x0+x)/2
	cy := sin*cx1 + cos*cy1 + (y0+y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	dt := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	if math.IsNaN(dt) || math.IsNaN(t1) {
		s.lineTo(x, y)
		return
	}
	n := int(math.Ceil(math.Abs(dt) / (math.Pi / 2)))
	step := dt / float64(n)
	alpha := 4.0 / 3 * math.Tan(step/4)
	point := func(t float64) (float64, float64) {
		ex, ey := rx*math.Cos(t), ry*math.Sin(t)
		return cos*ex - sin*ey + cx, sin*ex + cos*ey + cy
	}
	deriv := func(t float64) (float64, float64) {
		ex, ey := -rx*math.Sin(t), ry*math.Cos(t)
		return cos*ex - sin*ey, sin*ex + cos*ey
	}
	t := t1
	px, py := point(t)
	for range n {
		qx, qy := point(t + step)
		d1x, d1y := deriv(t)
		d2x, d2y := deriv(t + step)
		s.cubeTo(px+alpha*d1x, py+alpha*d1y, qx-alpha*d2x, qy-alpha*d2y, qx, qy)
		t += step
		px, py = qx, qy
	}
}

// ellipse adds a closed ellipse.
func (s *shape) ellipse(cx, cy, rx, ry float64) {
	const k = 0.5522847498 // a quarter circle as a cubic Bézier
	s.moveTo(cx+rx, cy)
	s.cubeTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	s.cubeTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	s.cubeTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	s.cubeTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	s.close()
}

// pathData adds SVG path data; like a browser, it draws what it read up to an error.
func (s *shape) pathData(d string) {
	sc := scanner{s: d}
	p := pathPen{shape: s, sc: &sc}
	var cmd byte
	for {
		sc.skip()
		if sc.i >= len(sc.s) {
			return
		}
		if c := sc.s[sc.i]; strings.IndexByte("MmLlHhVvCcSsQqTtAaZz", c) >= 0 {
			cmd = c
			sc.i++
		} else if cmd == 0 || cmd == 'Z' || cmd == 'z' {
			return
		}
		var ok bool
		if cmd, ok = p.command(cmd); !ok {
			return
		}
		p.prev = cmd &^ 0x20 // upper case
	}
}

// pathPen reads path data's commands onto a shape, one at a time.
type pathPen struct {
	shape  *shape
	sc     *scanner
	x, y   float64 // the current point
	sx, sy float64 // the start of the subpath
	cx, cy float64 // the last control point, for S and T
	prev   byte    // the previous command, in upper case
}

// command reads the numbers of one command and draws it. It returns the command that further
// numbers continue (after a moveto, a lineto), and false at an error.
func (p *pathPen) command(cmd byte) (byte, bool) {
	ox, oy := 0.0, 0.0
	if cmd >= 'a' { // relative
		ox, oy = p.x, p.y
	}
	switch cmd {
	case 'M', 'm', 'L', 'l', 'H', 'h', 'V', 'v':
		return p.line(cmd, ox, oy)
	case 'C', 'c', 'S', 's', 'Q', 'q', 'T', 't':
		return cmd, p.curve(cmd, ox, oy)
	case 'A', 'a':
		return cmd, p.arc(ox, oy)
	case 'Z', 'z':
		p.shape.close()
		p.x, p.y = p.sx, p.sy
		p.shape.x0, p.shape.y0 = p.sx, p.sy
	}
	return cmd, true
}

// nums reads n numbers.
func (p *pathPen) nums(n int) ([]float64, bool) {
	out := make([]float64, n)
	for i := range out {
		p.sc.skip()
		v, ok := p.sc.number()
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// line draws a moveto or a lineto (L, H, V), from the origin (ox, oy).
func (p *pathPen) line(cmd byte, ox, oy float64) (byte, bool) {
	n := 2
	if cmd == 'H' || cmd == 'h' || cmd == 'V' || cmd == 'v' {
		n = 1
	}
	a, ok := p.nums(n)
	if !ok {
		return cmd, false
	}
	switch cmd {
	case 'M', 'm':
		p.x, p.y = ox+a[0], oy+a[1]
		p.sx, p.sy = p.x, p.y
		p.shape.moveTo(p.x, p.y)
		return map[byte]byte{'M': 'L', 'm': 'l'}[cmd], true // further pairs are lines
	case 'L', 'l':
		p.x, p.y = ox+a[0], oy+a[1]
	case 'H', 'h':
		p.x = ox + a[0]
	case 'V', 'v':
		p.y = oy + a[0]
	}
	p.shape.lineTo(p.x, p.y)
	return cmd, true
}

// curve draws a cubic (C, S) or quadratic (Q, T) Bézier curve, from the origin (ox, oy).
func (p *pathPen) curve(cmd byte, ox, oy float64) bool {
	n := 2 // T
	switch cmd &^ 0x20 {
	case 'C':
		n = 6
	case 'S', 'Q':
		n = 4
	}
	a, ok := p.nums(n)
	if !ok {
		return false
	}
	x, y := p.x, p.y
	switch cmd {
	case 'C', 'c':
		p.shape.cubeTo(ox+a[0], oy+a[1], ox+a[2], oy+a[3], ox+a[4], oy+a[5])
		p.cx, p.cy = ox+a[2], oy+a[3]
		p.x, p.y = ox+a[4], oy+a[5]
	case 'S', 's':
		x1, y1 := x, y
		if p.prev == 'C' || p.prev == 'S' {
			x1, y1 = 2*x-p.cx, 2*y-p.cy
		}
		p.shape.cubeTo(x1, y1, ox+a[0], oy+a[1], ox+a[2], oy+a[3])
		p.cx, p.cy = ox+a[0], oy+a[1]
		p.x, p.y = ox+a[2], oy+a[3]
	case 'Q', 'q':
		p.shape.quadTo(ox+a[0], oy+a[1], ox+a[2], oy+a[3])
		p.cx, p.cy = ox+a[0], oy+a[1]
		p.x, p.y = ox+a[2], oy+a[3]
	case 'T', 't':
		x1, y1 := x, y
		if p.prev == 'Q' || p.prev == 'T' {
			x1, y1 = 2*x-p.cx, 2*y-p.cy
		}
		p.shape.quadTo(x1, y1, ox+a[0], oy+a[1])
		p.cx, p.cy = x1, y1
		p.x, p.y = ox+a[0], oy+a[1]
	}
	return true
}

// arc draws an elliptical arc (A), from the origin (ox, oy).
func (p *pathPen) arc(ox, oy float64) bool {
	r, ok := p.nums(3)
	if !ok {
		return false
	}
	large, ok1 := p.sc.flag()
	sweep, ok2 := p.sc.flag()
	end, ok3 := p.nums(2)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	p.shape.arcTo(p.x, p.y, r[0], r[1], r[2], large, sweep, ox+end[0], oy+end[1])
	p.x, p.y = ox+end[0], oy+end[1]
	return true
}
