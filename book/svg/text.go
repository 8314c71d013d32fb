package svg

import (
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Faces are the TrueType fonts SVG text is drawn with in print (the book's family: print
// does not look for the font a picture names).
type Faces struct{ Regular, Bold, Italic, BoldItalic []byte }

// fontSet is the parsed faces, by bold and italic.
type fontSet struct {
	f   [4]*sfnt.Font
	buf sfnt.Buffer
}

func (r *renderer) font(bold, italic bool) (*sfnt.Font, *sfnt.Buffer) {
	if r.faces == nil {
		return nil, nil
	}
	if r.fonts == nil {
		fs := &fontSet{}
		for i, data := range [][]byte{r.faces.Regular, r.faces.Bold, r.faces.Italic, r.faces.BoldItalic} {
			fs.f[i], _ = sfnt.Parse(data)
		}
		r.fonts = fs
	}
	i := 0
	if bold {
		i++
	}
	if italic {
		i += 2
	}
	f := r.fonts.f[i]
	if f == nil {
		f = r.fonts.f[0]
	}
	return f, &r.fonts.buf
}

// run is a piece of text in one style; x and y, when set, start a new chunk.
type run struct {
	text   string
	s      style
	x, y   *float64
	dx, dy float64
}

func (rn run) positioned() bool { return rn.x != nil || rn.y != nil || rn.dx != 0 || rn.dy != 0 }

// position reads an element's x, y, dx and dy (the first of each list: print sets a run at
// one place, not each character at its own).
func position(n *node) run {
	var rn run
	first := func(name string) *float64 {
		if v, ok := n.get(name); ok {
			if f := numbers(v); len(f) > 0 {
				return &f[0]
			}
		}
		return nil
	}
	rn.x, rn.y = first("x"), first("y")
	if d := first("dx"); d != nil {
		rn.dx = *d
	}
	if d := first("dy"); d != nil {
		rn.dy = *d
	}
	return rn
}

// text draws a <text> element: its text and its <tspan>s, in chunks that start where a
// position is given, each placed by text-anchor.
func (r *renderer) text(n *node, s style, ctm affine) {
	var runs []run
	var collect func(n *node, s style)
	collect = func(n *node, s style) {
		pending := position(n) // applies to the element's first text
		for _, c := range n.children {
			switch {
			case c.name == "":
				rn := pending
				rn.s, rn.text = s, c.text
				runs = append(runs, rn)
				pending = run{}
			case c.name == "tspan" || c.name == "a":
				if pending.positioned() {
					pending.s = s
					runs = append(runs, pending)
					pending = run{}
				}
				if cs := r.computeStyle(c, s); !cs.none {
					collect(c, cs)
				}
			case c.name == "textPath":
				r.miss("text on a path")
			}
		}
	}
	collect(n, s)
	// White space as SVG 1.1 treats it by default.
	preserve := false
	if v, ok := n.get("xml:space"); ok && v == "preserve" {
		preserve = true
	}
	space := true
	for i := range runs {
		runs[i].text = strings.Map(func(r rune) rune {
			switch r {
			case '\n', '\r':
				if preserve {
					return ' '
				}
				return -1
			case '\t':
				return ' '
			}
			return r
		}, runs[i].text)
		if !preserve {
			var b strings.Builder
			for _, c := range runs[i].text {
				if c == ' ' && space {
					continue
				}
				space = c == ' '
				b.WriteRune(c)
			}
			runs[i].text = b.String()
		}
	}
	x, y := 0.0, 0.0
	for start := 0; start < len(runs); {
		end := start + 1
		for end < len(runs) && runs[end].x == nil && runs[end].y == nil {
			end++
		}
		chunk := runs[start:end]
		if chunk[0].x != nil {
			x = *chunk[0].x
		}
		if chunk[0].y != nil {
			y = *chunk[0].y
		}
		if end == len(runs) && !preserve {
			last := &chunk[len(chunk)-1]
			last.text = strings.TrimRightFunc(last.text, unicode.IsSpace)
		}
		width := 0.0
		for _, rn := range chunk {
			width += rn.dx + r.advance(rn)
		}
		switch s.anchor {
		case "middle":
			x -= width / 2
		case "end":
			x -= width
		}
		for _, rn := range chunk {
			x += rn.dx
			y += rn.dy
			x = r.drawRun(rn, x, y, ctm)
		}
		start = end
	}
}

// ppem is the size glyphs are read at: 1000 pixels to the em, in 26.6.
const ppem = fixed.Int26_6(1000 << 6)

// advance is the width of a run in user units.
func (r *renderer) advance(rn run) float64 {
	f, buf := r.font(rn.s.bold, rn.s.italic)
	if f == nil {
		return 0
	}
	w := 0.0
	for _, c := range rn.text {
		gi, err := f.GlyphIndex(buf, c)
		if err != nil {
			continue
		}
		if a, err := f.GlyphAdvance(buf, gi, ppem, font.HintingNone); err == nil {
			w += float64(a) / 64 / 1000 * rn.s.fontSize
		}
	}
	return w
}

// drawRun draws a run's glyphs from their outlines with the run's fill and stroke, and
// returns the pen's position after it.
func (r *renderer) drawRun(rn run, x, y float64, ctm affine) float64 {
	f, buf := r.font(rn.s.bold, rn.s.italic)
	if f == nil {
		if strings.TrimSpace(rn.text) != "" {
			r.miss("text")
		}
		return x
	}
	k := rn.s.fontSize / 1000 / 64
	sh := newShape(ctm)
	for _, c := range rn.text {
		gi, err := f.GlyphIndex(buf, c)
		if err != nil {
			continue
		}
		segs, err := f.LoadGlyph(buf, gi, ppem, nil)
		if err == nil {
			for _, sg := range segs {
				p := func(i int) (float64, float64) {
					return x + float64(sg.Args[i].X)*k, y + float64(sg.Args[i].Y)*k
				}
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					sh.close()
					px, py := p(0)
					sh.moveTo(px, py)
				case sfnt.SegmentOpLineTo:
					px, py := p(0)
					sh.lineTo(px, py)
				case sfnt.SegmentOpQuadTo:
					ax, ay := p(0)
					bx, by := p(1)
					sh.quadTo(ax, ay, bx, by)
				case sfnt.SegmentOpCubeTo:
					ax, ay := p(0)
					bx, by := p(1)
					cx, cy := p(2)
					sh.cubeTo(ax, ay, bx, by, cx, cy)
				}
			}
			sh.close()
		}
		if a, err := f.GlyphAdvance(buf, gi, ppem, font.HintingNone); err == nil {
			x += float64(a) * k
		}
	}
	if !rn.s.hidden {
		r.paint(sh, rn.s)
	}
	return x
}
