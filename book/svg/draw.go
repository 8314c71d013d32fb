package svg

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // embedded pictures
	_ "image/png"
	"math"
	"strings"

	"github.com/srwiley/rasterx"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
)

// Print draws the rebuilt tree itself, on rasterx's strokers and x/image/vector: shapes and
// paths, fills and strokes (widths, caps, joins, dashes), transforms, nested viewports,
// <use> and <symbol>, linear and radial gradients, group opacity, simple style sheets, text
// in the book's own faces, and embedded PNG and JPEG pictures. It leaves out clip paths,
// masks, filters, markers, patterns and text on a path, and says so.

// maxUseDepth bounds <use> inside <use> (Sanitize has refused cycles already).
const maxUseDepth = 64

// maxEmbedded bounds the size of a picture inside an SVG that print draws.
const maxEmbedded = 16_000_000

// Rasterize draws a sanitised picture at w×h pixels, its viewBox fitted as SVG's
// preserveAspectRatio says, on a transparent background. It returns what the drawing leaves
// out ("clip paths", "masks", …). A picture that needs too much work is refused, counted
// in segments and pixels, never timed.
func Rasterize(p *Picture, w, h int, faces *Faces) (img image.Image, missing []string, err error) {
	if w <= 0 || h <= 0 || int64(w)*int64(h) > 200_000_000 {
		return nil, nil, fmt.Errorf("cannot draw at %d×%d pixels", w, h)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	r := &renderer{dst: dst, ids: map[string]*node{}, faces: faces}
	defer func() {
		if v := recover(); v != nil {
			img, missing = nil, nil
			if v == errTooComplex {
				err = errTooComplex
			} else {
				err = fmt.Errorf("drawing it failed: %v", v)
			}
		}
	}()
	r.scan = newBoxScanner(dst)
	r.filler = rasterx.NewFiller(w, h, r.scan)
	r.dasher = rasterx.NewDasher(w, h, r.scan)
	order := 0
	walk(p.root, func(n *node) {
		if id, ok := n.get("id"); ok {
			r.ids[id] = n
		}
		if n.name == "style" {
			for _, c := range n.children {
				r.rules = append(r.rules, parseCSS(c.text, &order)...)
			}
		}
	})
	// The root viewport is the picture's intrinsic size, scaled to the pixels asked for.
	vw, vh := p.Width, p.Height
	r.diagonal = math.Hypot(vw, vh) / math.Sqrt2
	ctm := scaling(float64(w)/vw, float64(h)/vh).mul(r.viewBox(p.root, vw, vh))
	r.draw(p.root, initialStyle, ctm, 0)
	return dst, r.missing, nil
}

type renderer struct {
	dst      *image.RGBA
	scan     *boxScanner
	filler   *rasterx.Filler
	dasher   *rasterx.Dasher
	ids      map[string]*node
	rules    []cssRule
	faces    *Faces
	fonts    *fontSet
	diagonal float64 // the root viewport's normalised diagonal, for percentages
	missing  []string
}

// miss notes something the print drawing leaves out, once.
func (r *renderer) miss(what string) {
	for _, m := range r.missing {
		if m == what {
			return
		}
	}
	r.missing = append(r.missing, what)
}

// num reads a number attribute in user units, def when absent or unreadable; ref is what
// 100% is.
func (r *renderer) num(n *node, name string, def, ref float64) float64 {
	v, ok := n.get(name)
	if !ok {
		return def
	}
	if f, ok := r.length(v, 16, ref); ok {
		return f
	}
	return def
}

// viewBox is the transform from an element's viewBox to its viewport of w×h, as
// preserveAspectRatio says (xMidYMid meet by default).
func (r *renderer) viewBox(n *node, w, h float64) affine {
	vb, ok := viewBox(n)
	if !ok {
		return identity
	}
	sx, sy := w/vb[2], h/vb[3]
	par, _ := n.get("preserveAspectRatio")
	f := strings.Fields(par)
	align, slice := "xMidYMid", false
	if len(f) > 0 {
		align = f[0]
	}
	if len(f) > 1 {
		slice = f[1] == "slice"
	}
	if align != "none" {
		s := math.Min(sx, sy)
		if slice {
			s = math.Max(sx, sy)
		}
		sx, sy = s, s
	}
	tx, ty := -vb[0]*sx, -vb[1]*sy
	switch {
	case strings.Contains(align, "xMid"):
		tx += (w - vb[2]*sx) / 2
	case strings.Contains(align, "xMax"):
		tx += w - vb[2]*sx
	}
	switch {
	case strings.Contains(align, "YMid"):
		ty += (h - vb[3]*sy) / 2
	case strings.Contains(align, "YMax"):
		ty += h - vb[3]*sy
	}
	return affine{sx, 0, 0, sy, tx, ty}
}

// draw draws an element and its children.
func (r *renderer) draw(n *node, parent style, ctm affine, depth int) {
	if n.name == "" {
		return
	}
	s := r.computeStyle(n, parent)
	if s.none {
		return
	}
	if t, ok := n.get("transform"); ok {
		ctm = ctm.mul(parseTransform(t))
	}
	switch n.name {
	case "svg":
		if depth > 0 { // a nested viewport
			x, y := r.num(n, "x", 0, 0), r.num(n, "y", 0, 0)
			w, h := r.num(n, "width", 0, 0), r.num(n, "height", 0, 0)
			if w <= 0 || h <= 0 {
				if vb, ok := viewBox(n); ok {
					w, h = vb[2], vb[3]
				}
			}
			ctm = ctm.mul(translate(x, y)).mul(r.viewBox(n, w, h))
		}
		r.children(n, s, ctm, depth)
	case "g", "a":
		r.children(n, s, ctm, depth)
	case "switch":
		for _, c := range n.children {
			if c.name != "" {
				r.draw(c, s, ctm, depth+1)
				return
			}
		}
	case "use":
		r.use(n, s, ctm, depth)
	case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		if s.hidden {
			return
		}
		sh := newShape(ctm)
		r.geometry(n, sh)
		sh.done()
		r.paint(sh, s)
	case "text":
		r.text(n, s, ctm)
	case "image":
		if !s.hidden {
			r.image(n, s, ctm)
		}
	case "pattern":
		// Drawn only where used; print fills with the fallback.
	case "textPath":
		r.miss("text on a path")
	}
}

func (r *renderer) children(n *node, s style, ctm affine, depth int) {
	for _, c := range n.children {
		r.draw(c, s, ctm, depth+1)
	}
}

// use draws the element a <use> refers to, inside the <use>, at its x and y.
func (r *renderer) use(n *node, s style, ctm affine, depth int) {
	if depth > maxUseDepth+maxDepth {
		return
	}
	href, _ := n.get("xlink:href")
	t := r.ids[strings.TrimPrefix(href, "#")]
	if t == nil {
		return
	}
	ctm = ctm.mul(translate(r.num(n, "x", 0, 0), r.num(n, "y", 0, 0)))
	if t.name == "symbol" {
		ts := r.computeStyle(t, s)
		if ts.none {
			return
		}
		w, h := r.num(n, "width", 0, 0), r.num(n, "height", 0, 0)
		if vb, ok := viewBox(t); ok {
			if w <= 0 || h <= 0 {
				w, h = vb[2], vb[3]
			}
			ctm = ctm.mul(r.viewBox(t, w, h))
		}
		r.children(t, ts, ctm, depth+1)
		return
	}
	r.draw(t, s, ctm, depth+1)
}

// geometry adds a shape element's outline.
func (r *renderer) geometry(n *node, sh *shape) {
	rw, rh := r.diagonal*math.Sqrt2, r.diagonal*math.Sqrt2 // rough 100% for shapes
	switch n.name {
	case "path":
		d, _ := n.get("d")
		sh.pathData(d)
	case "rect":
		x, y := r.num(n, "x", 0, rw), r.num(n, "y", 0, rh)
		w, h := r.num(n, "width", 0, rw), r.num(n, "height", 0, rh)
		if w <= 0 || h <= 0 {
			return
		}
		_, rxok := n.get("rx")
		_, ryok := n.get("ry")
		cx, cy := r.num(n, "rx", 0, rw), r.num(n, "ry", 0, rh)
		if !rxok && ryok {
			cx = cy
		} else if rxok && !ryok {
			cy = cx
		}
		cx, cy = math.Min(math.Max(cx, 0), w/2), math.Min(math.Max(cy, 0), h/2)
		if cx == 0 || cy == 0 {
			sh.moveTo(x, y)
			sh.lineTo(x+w, y)
			sh.lineTo(x+w, y+h)
			sh.lineTo(x, y+h)
			sh.close()
			return
		}
		sh.moveTo(x+cx, y)
		sh.lineTo(x+w-cx, y)
		sh.arcTo(x+w-cx, y, cx, cy, 0, false, true, x+w, y+cy)
		sh.lineTo(x+w, y+h-cy)
		sh.arcTo(x+w, y+h-cy, cx, cy, 0, false, true, x+w-cx, y+h)
		sh.lineTo(x+cx, y+h)
		sh.arcTo(x+cx, y+h, cx, cy, 0, false, true, x, y+h-cy)
		sh.lineTo(x, y+cy)
		sh.arcTo(x, y+cy, cx, cy, 0, false, true, x+cx, y)
		sh.close()
	case "circle":
		if rr := r.num(n, "r", 0, r.diagonal); rr > 0 {
			sh.ellipse(r.num(n, "cx", 0, rw), r.num(n, "cy", 0, rh), rr, rr)
		}
	case "ellipse":
		rx, ry := r.num(n, "rx", 0, rw), r.num(n, "ry", 0, rh)
		if rx > 0 && ry > 0 {
			sh.ellipse(r.num(n, "cx", 0, rw), r.num(n, "cy", 0, rh), rx, ry)
		}
	case "line":
		sh.moveTo(r.num(n, "x1", 0, rw), r.num(n, "y1", 0, rh))
		sh.lineTo(r.num(n, "x2", 0, rw), r.num(n, "y2", 0, rh))
	case "polyline", "polygon":
		pts, _ := n.get("points")
		v := numbers(pts)
		for i := 0; i+1 < len(v); i += 2 {
			if i == 0 {
				sh.moveTo(v[0], v[1])
			} else {
				sh.lineTo(v[i], v[i+1])
			}
		}
		if n.name == "polygon" {
			sh.close()
		}
	}
}

// paint fills and strokes a shape.
func (r *renderer) paint(sh *shape, s style) {
	if len(sh.path) == 0 {
		return
	}
	if src := r.source(s.fill, s, s.fillOpacity*s.opacity, sh); src != nil {
		r.filler.Clear()
		r.filler.SetWinding(!s.evenOdd)
		sh.path.AddTo(r.filler)
		r.filler.SetColor(src)
		r.filler.Draw()
	}
	width := s.strokeWidth * sh.m.scale()
	if width <= 0 {
		return
	}
	src := r.source(s.stroke, s, s.strokeOpacity*s.opacity, sh)
	if src == nil {
		return
	}
	caps := map[string]rasterx.CapFunc{"round": rasterx.RoundCap, "square": rasterx.SquareCap}
	cp := caps[s.lineCap]
	if cp == nil {
		cp = rasterx.ButtCap
	}
	join := map[string]rasterx.JoinMode{"round": rasterx.Round, "bevel": rasterx.Bevel, "miter-clip": rasterx.MiterClip, "arcs": rasterx.Arc}[s.lineJoin]
	if _, known := map[string]bool{"round": true, "bevel": true, "miter-clip": true, "arcs": true}[s.lineJoin]; !known {
		join = rasterx.Miter
	}
	var dashes []float64
	period := 0.0
	for _, d := range s.dash {
		dashes = append(dashes, d*sh.m.scale())
		period += d * sh.m.scale()
	}
	// A pattern finer than a pixel prints as a solid line; one repeated more than a million
	// times along the path would be work without end.
	if period < 0.5 || sh.length/period > 1e6 {
		dashes = nil
	}
	r.dasher.Clear()
	r.dasher.SetStroke(fixed.Int26_6(math.Min(width, 1<<16)*64), fixed.Int26_6(s.miterLimit*64), cp, nil, nil, join, dashes, s.dashOffset*sh.m.scale())
	sh.path.AddTo(r.dasher)
	r.dasher.SetColor(src)
	r.dasher.Draw()
}

// source is what a paint draws with: a colour, a gradient's colour function, or nil for
// nothing.
func (r *renderer) source(p paint, s style, opacity float64, sh *shape) any {
	switch p.kind {
	case paintNone:
		return nil
	case paintColor:
		return withOpacity(p.c, opacity)
	case paintCurrent:
		return withOpacity(s.color, opacity)
	}
	t := r.ids[p.ref]
	if t != nil && (t.name == "linearGradient" || t.name == "radialGradient") {
		if f := r.gradient(t, s, opacity, sh); f != nil {
			return f
		}
		return nil
	}
	if t != nil && t.name == "pattern" {
		r.miss("patterns")
	}
	if p.fallback != nil {
		return r.source(*p.fallback, s, opacity, sh)
	}
	if t != nil && t.name == "pattern" {
		return withOpacity(color.NRGBA{128, 128, 128, 255}, opacity) // a patterned area, in grey
	}
	return nil
}

func withOpacity(c color.NRGBA, opacity float64) color.Color {
	c.A = uint8(math.Round(float64(c.A) * opacity))
	return c
}

// image draws an embedded PNG or JPEG (a data: URL Sanitize checked).
func (r *renderer) image(n *node, s style, ctm affine) {
	href, _ := n.get("xlink:href")
	_, enc, ok := strings.Cut(href, ";base64,")
	data, err := base64.StdEncoding.DecodeString(enc)
	if !ok || err != nil {
		return
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || int64(cfg.Width)*int64(cfg.Height) > maxEmbedded {
		r.miss("pictures")
		return
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return
	}
	x, y := r.num(n, "x", 0, 0), r.num(n, "y", 0, 0)
	w, h := r.num(n, "width", float64(cfg.Width), 0), r.num(n, "height", float64(cfg.Height), 0)
	if w <= 0 || h <= 0 {
		return
	}
	// The picture's pixels into its box (fitted as preserveAspectRatio says), then the page.
	box := &node{attrs: []attr{{"viewBox", fmt.Sprintf("0 0 %d %d", cfg.Width, cfg.Height)}}}
	if par, ok := n.get("preserveAspectRatio"); ok {
		box.attrs = append(box.attrs, attr{"preserveAspectRatio", par})
	}
	m := ctm.mul(translate(x, y)).mul(r.viewBox(box, w, h))
	area := math.Abs(m[0]*m[3]-m[1]*m[2]) * float64(cfg.Width*cfg.Height)
	if r.scan.area += int64(math.Min(area, 1e12)); r.scan.area > maxArea {
		panic(errTooComplex)
	}
	var op *xdraw.Options
	if s.opacity < 1 {
		op = &xdraw.Options{DstMask: image.NewUniform(color.Alpha{uint8(s.opacity * 255)})}
	}
	xdraw.ApproxBiLinear.Transform(r.dst, f64.Aff3{m[0], m[2], m[4], m[1], m[3], m[5]}, src, src.Bounds(), draw.Over, op)
}
