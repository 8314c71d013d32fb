package svg

import (
	"image/color"
	"math"
	"strconv"
	"strings"
)

// gradientAttr reads an attribute of a gradient, or of the gradients it refers to.
func (r *renderer) gradientAttr(g *node, name string, sameKind bool) (string, bool) {
	for i, n := 0, g; n != nil && i < 16; i++ {
		if v, ok := n.get(name); ok && (!sameKind || n.name == g.name) {
			return v, true
		}
		href, _ := n.get("xlink:href")
		n = r.ids[strings.TrimPrefix(href, "#")]
	}
	return "", false
}

// gradientStops are the stops of the first gradient in the chain that has any.
func (r *renderer) gradientStops(g *node, s style) []stop {
	for i, n := 0, g; n != nil && i < 16; i++ {
		var stops []stop
		last := 0.0
		for _, c := range n.children {
			if c.name != "stop" {
				continue
			}
			cs := r.computeStyle(c, initialStyle)
			off := 0.0
			if v, ok := c.get("offset"); ok {
				off = fraction(strings.TrimSpace(v), 0)
			}
			off = math.Max(off, last) // offsets never go back
			last = off
			col := cs.stopColor.c
			if cs.stopColor.kind == paintCurrent {
				col = s.color
			}
			col.A = uint8(math.Round(float64(col.A) * cs.stopOpacity))
			stops = append(stops, stop{off, col})
		}
		if len(stops) > 0 {
			return stops
		}
		href, _ := n.get("xlink:href")
		n = r.ids[strings.TrimPrefix(href, "#")]
	}
	return nil
}

type stop struct {
	offset float64
	c      color.NRGBA
}

// gradient is a linear or radial gradient's colour at each pixel of a shape, or nil when
// it paints nothing.
func (r *renderer) gradient(g *node, s style, opacity float64, sh *shape) shader {
	stops := r.gradientStops(g, s)
	if len(stops) == 0 {
		return nil
	}
	if len(stops) == 1 {
		c := stopColour(stops, 0, opacity)
		return func(int, int) color.NRGBA { return c }
	}
	units, _ := r.gradientAttr(g, "gradientUnits", false)
	bbox := units != "userSpaceOnUse"
	m := sh.m
	refW, refH := r.diagonal*math.Sqrt2, r.diagonal*math.Sqrt2
	if bbox {
		w, h := sh.maxX-sh.minX, sh.maxY-sh.minY
		if !(w > 0 && h > 0) {
			return nil // SVG: a bounding-box gradient on a flat shape paints nothing
		}
		m = m.mul(affine{w, 0, 0, h, sh.minX, sh.minY})
		refW, refH = 1, 1
	}
	if t, ok := r.gradientAttr(g, "gradientTransform", false); ok {
		m = m.mul(parseTransform(t))
	}
	inv, ok := m.invert()
	if !ok {
		return nil
	}
	coord := func(name string, def, ref float64) float64 {
		v, ok := r.gradientAttr(g, name, true)
		if !ok {
			return def
		}
		if f, ok := r.length(v, 16, ref); ok {
			return f
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f
		}
		return def
	}
	spread, _ := r.gradientAttr(g, "spreadMethod", false)
	var lut [256]color.NRGBA
	for i := range lut {
		lut[i] = stopColour(stops, float64(i)/255, opacity)
	}
	colour := func(t float64) color.NRGBA {
		switch spread {
		case "repeat":
			t -= math.Floor(t)
		case "reflect":
			t = math.Abs(math.Mod(t, 2))
			if t > 1 {
				t = 2 - t
			}
		}
		t = math.Max(0, math.Min(1, t))
		return lut[int(math.Round(t*255))]
	}
	if g.name == "linearGradient" {
		x1, y1 := coord("x1", 0, refW), coord("y1", 0, refH)
		x2, y2 := coord("x2", refW, refW), coord("y2", 0, refH)
		dx, dy := x2-x1, y2-y1
		l2 := dx*dx + dy*dy
		if l2 == 0 {
			last := colour(1)
			return func(int, int) color.NRGBA { return last }
		}
		return func(x, y int) color.NRGBA {
			gx, gy := inv.apply(float64(x)+0.5, float64(y)+0.5)
			return colour(((gx-x1)*dx + (gy-y1)*dy) / l2)
		}
	}
	cx, cy := coord("cx", refW/2, refW), coord("cy", refH/2, refH)
	rad := coord("r", refW/2, math.Hypot(refW, refH)/math.Sqrt2)
	fx, fy := coord("fx", cx, refW), coord("fy", cy, refH)
	if rad <= 0 {
		last := colour(1)
		return func(int, int) color.NRGBA { return last }
	}
	// The focus stays inside the circle (SVG 1.1 moves it onto the edge).
	ex, ey := cx-fx, cy-fy
	if d := math.Hypot(ex, ey); d > 0.99*rad {
		ex, ey = ex*0.99*rad/d, ey*0.99*rad/d
		fx, fy = cx-ex, cy-ey
	}
	a := ex*ex + ey*ey - rad*rad // < 0
	return func(x, y int) color.NRGBA {
		gx, gy := inv.apply(float64(x)+0.5, float64(y)+0.5)
		dx, dy := gx-fx, gy-fy
		b := dx*ex + dy*ey
		c := dx*dx + dy*dy
		// The circle through this point, of centre f + t(c−f) and radius t·r.
		return colour((b - math.Sqrt(b*b-a*c)) / a)
	}
}

// stopColour interpolates between stops (not premultiplied, as SVG 1.1 does).
func stopColour(stops []stop, t, opacity float64) color.NRGBA {
	c := stops[len(stops)-1].c
	if t <= stops[0].offset {
		c = stops[0].c
	} else {
		for i := 1; i < len(stops); i++ {
			if t <= stops[i].offset {
				a, b := stops[i-1], stops[i]
				f := 0.0
				if b.offset > a.offset {
					f = (t - a.offset) / (b.offset - a.offset)
				}
				lerp := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + f*(float64(q)-float64(p)))) }
				c = color.NRGBA{lerp(a.c.R, b.c.R), lerp(a.c.G, b.c.G), lerp(a.c.B, b.c.B), lerp(a.c.A, b.c.A)}
				break
			}
		}
	}
	c.A = uint8(math.Round(float64(c.A) * opacity))
	return c
}
