package svg

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// style is the computed style of an element, as far as print draws it.
type style struct {
	fill, stroke               paint
	fillOpacity, strokeOpacity float64
	opacity                    float64 // the product of the ancestors' group opacities
	evenOdd                    bool
	strokeWidth                float64
	lineCap, lineJoin          string
	miterLimit                 float64
	dash                       []float64
	dashOffset                 float64
	color                      color.NRGBA // currentColor
	fontSize                   float64
	bold, italic               bool
	anchor                     string
	stopColor                  paint
	stopOpacity                float64
	hidden                     bool // visibility: hidden
	none                       bool // display: none
}

var initialStyle = style{
	fill: paint{kind: paintColor, c: color.NRGBA{0, 0, 0, 255}}, fillOpacity: 1, strokeOpacity: 1,
	opacity: 1, strokeWidth: 1, lineCap: "butt", lineJoin: "miter", miterLimit: 4,
	color: color.NRGBA{0, 0, 0, 255}, fontSize: 16, anchor: "start",
	stopColor: paint{kind: paintColor, c: color.NRGBA{0, 0, 0, 255}}, stopOpacity: 1,
}

// declaration is a property and its value.
type declaration struct{ prop, value string }

// cssRule is a rule of a <style> element with a selector print understands: an element
// name, #id and .classes, or *.
type cssRule struct {
	elem, id    string
	classes     []string
	specificity int
	order       int
	decls       []declaration
}

// parseCSS reads the rules of a style sheet (comments were removed by Sanitize); rules
// with selectors print cannot match (combinators, attributes, pseudo-classes) are skipped.
func parseCSS(css string, order *int) []cssRule {
	var rules []cssRule
	for {
		open := strings.IndexByte(css, '{')
		end := strings.IndexByte(css, '}')
		if open < 0 || end < open {
			return rules
		}
		selectors, body := css[:open], css[open+1:end]
		css = css[end+1:]
		decls := parseDeclarations(body)
		for _, sel := range strings.Split(selectors, ",") {
			sel = strings.TrimSpace(sel)
			r, ok := parseSelector(sel)
			if !ok {
				continue
			}
			*order++
			r.order, r.decls = *order, decls
			rules = append(rules, r)
		}
	}
}

func parseSelector(sel string) (cssRule, bool) {
	var r cssRule
	if sel == "" || strings.ContainsAny(sel, " >+~[:") {
		return r, false
	}
	if sel == "*" {
		return r, true
	}
	i := strings.IndexAny(sel, "#.")
	if i < 0 {
		i = len(sel)
	}
	r.elem = sel[:i]
	if r.elem != "" {
		r.specificity++
	}
	for rest := sel[i:]; rest != ""; {
		kind := rest[0]
		rest = rest[1:]
		j := strings.IndexAny(rest, "#.")
		if j < 0 {
			j = len(rest)
		}
		name := rest[:j]
		rest = rest[j:]
		if name == "" {
			return r, false
		}
		if kind == '#' {
			r.id = name
			r.specificity += 10000
		} else {
			r.classes = append(r.classes, name)
			r.specificity += 100
		}
	}
	return r, true
}

func parseDeclarations(s string) []declaration {
	var out []declaration
	for _, d := range strings.Split(s, ";") {
		p, v, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		out = append(out, declaration{strings.ToLower(strings.TrimSpace(p)), v})
	}
	return out
}

func (r *cssRule) matches(n *node) bool {
	if r.elem != "" && r.elem != n.name {
		return false
	}
	if r.id != "" {
		if id, _ := n.get("id"); id != r.id {
			return false
		}
	}
	if len(r.classes) > 0 {
		cls, _ := n.get("class")
		have := strings.Fields(cls)
		for _, c := range r.classes {
			if !slices.Contains(have, c) {
				return false
			}
		}
	}
	return true
}

// computeStyle is the style of n inside parent: presentation attributes, then the style
// sheets' rules in order of specificity, then the style attribute, each overriding the one
// before; inherited properties come from the parent.
func (r *renderer) computeStyle(n *node, parent style) style {
	s := parent
	s.none = false // display is not inherited
	groupOpacity := 1.0
	for _, d := range r.cascade(n) {
		v := strings.TrimSpace(d.value)
		switch {
		case v == "inherit":
		case d.prop == "opacity":
			groupOpacity = fraction(v, 1)
		default:
			r.set(&s, parent, d.prop, v)
		}
	}
	s.opacity *= groupOpacity
	return s
}

// cascade is n's declarations in the order they apply: presentation attributes, the style
// sheets' rules by specificity (then order), the style attribute.
func (r *renderer) cascade(n *node) []declaration {
	var decls []declaration
	for _, a := range n.attrs {
		if properties()[a.name] {
			decls = append(decls, declaration{a.name, a.value})
		}
	}
	var matched []*cssRule
	for i := range r.rules {
		if r.rules[i].matches(n) {
			matched = append(matched, &r.rules[i])
		}
	}
	slices.SortStableFunc(matched, func(a, b *cssRule) int {
		if a.specificity != b.specificity {
			return a.specificity - b.specificity
		}
		return a.order - b.order
	})
	for _, m := range matched {
		decls = append(decls, m.decls...)
	}
	if st, ok := n.get("style"); ok {
		decls = append(decls, parseDeclarations(st)...)
	}
	return decls
}

// set sets the property prop of s to the value v (not "inherit"; not opacity, which applies
// to the group: computeStyle). A value it cannot read leaves the property as it was.
func (r *renderer) set(s *style, parent style, prop, v string) {
	switch prop {
	case "fill":
		s.fill = parsePaint(v, s.fill)
	case "stroke":
		s.stroke = parsePaint(v, s.stroke)
	case "fill-opacity":
		s.fillOpacity = fraction(v, s.fillOpacity)
	case "stroke-opacity":
		s.strokeOpacity = fraction(v, s.strokeOpacity)
	case "fill-rule":
		s.evenOdd = v == "evenodd"
	case "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset":
		r.setStroke(s, prop, v)
	case "color":
		if p := parsePaint(v, paint{}); p.kind == paintColor {
			s.color = p.c
		}
	case "font-size":
		if f, ok := r.length(v, parent.fontSize, parent.fontSize); ok && f > 0 {
			s.fontSize = f
		} else if pt, ok := fontKeywords()[v]; ok {
			s.fontSize = pt
		}
	case "font-weight":
		w, err := strconv.Atoi(v)
		s.bold = v == "bold" || v == "bolder" || (err == nil && w >= 600)
	case "font-style":
		s.italic = v == "italic" || v == "oblique"
	case "text-anchor":
		s.anchor = v
	case "visibility":
		s.hidden = v == "hidden" || v == "collapse"
	case "display":
		s.none = v == "none"
	case "stop-color":
		s.stopColor = parsePaint(v, s.stopColor)
	case "stop-opacity":
		s.stopOpacity = fraction(v, 1)
	case "clip-path", "mask", "filter", "marker-start", "marker-mid", "marker-end", "marker":
		if v != "none" {
			what := map[string]string{"clip-path": "clip paths", "mask": "masks", "filter": "filters"}[prop]
			r.miss(cmp.Or(what, "markers"))
		}
	}
}

// setStroke sets a property of the outline: its width, caps, joins and dashes.
func (r *renderer) setStroke(s *style, prop, v string) {
	switch prop {
	case "stroke-width":
		if w, ok := r.length(v, s.fontSize, r.diagonal); ok && w >= 0 {
			s.strokeWidth = w
		}
	case "stroke-linecap":
		s.lineCap = v
	case "stroke-linejoin":
		s.lineJoin = v
	case "stroke-miterlimit":
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 {
			s.miterLimit = f
		}
	case "stroke-dasharray":
		s.dash = nil
		if v != "none" {
			for _, x := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
				f, ok := r.length(x, s.fontSize, r.diagonal)
				if !ok || f < 0 {
					s.dash = nil // an error: no dashes
					break
				}
				s.dash = append(s.dash, f)
			}
			if len(s.dash)%2 == 1 {
				s.dash = append(s.dash, s.dash...)
			}
		}
	case "stroke-dashoffset":
		if f, ok := r.length(v, s.fontSize, r.diagonal); ok {
			s.dashOffset = f
		}
	}
}

var fontKeywords = sync.OnceValue(func() map[string]float64 {
	return map[string]float64{"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32}
})

// fraction reads an opacity: a number or a percentage, clamped to 0–1.
func fraction(v string, def float64) float64 {
	pct := strings.HasSuffix(v, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
	if err != nil || math.IsNaN(f) {
		return def
	}
	if pct {
		f /= 100
	}
	return math.Max(0, math.Min(1, f))
}

// length reads a length in user units; em is the font size, ref what 100% is.
func (r *renderer) length(v string, em, ref float64) (float64, bool) {
	v = strings.TrimSpace(v)
	i := len(v)
	for i > 0 && (v[i-1] < '0' || v[i-1] > '9') && v[i-1] != '.' {
		i--
	}
	num, unit := v[:i], strings.ToLower(v[i:])
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	switch unit {
	case "%":
		return f * ref / 100, true
	case "em":
		return f * em, true
	case "ex":
		return f * em / 2, true
	}
	if u, ok := units()[unit]; ok && unit != "em" && unit != "ex" {
		return f * u, true
	}
	return 0, false
}

// paintKind says how a shape is filled or stroked.
type paintKind int

const (
	paintNone paintKind = iota
	paintColor
	paintCurrent // currentColor
	paintRef     // url(#id): a gradient (or a pattern print does not draw)
)

type paint struct {
	kind     paintKind
	c        color.NRGBA
	ref      string
	fallback *paint
}

// parsePaint reads a fill or stroke; what it cannot read keeps the value before (CSS drops
// an invalid declaration).
func parsePaint(v string, old paint) paint {
	v = strings.TrimSpace(v)
	lower := strings.ToLower(v)
	switch {
	case lower == "none" || lower == "transparent":
		return paint{kind: paintNone}
	case lower == "currentcolor":
		return paint{kind: paintCurrent}
	case strings.HasPrefix(lower, "url("):
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return old
		}
		ref := strings.Trim(strings.TrimSpace(v[4:end]), `'"`)
		p := paint{kind: paintRef, ref: strings.TrimPrefix(ref, "#")}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" {
			fb := parsePaint(rest, paint{kind: paintNone})
			p.fallback = &fb
		}
		return p
	}
	if c, ok := parseColor(lower); ok {
		return paint{kind: paintColor, c: c}
	}
	return old
}

// parseColor reads #rgb, #rrggbb, #rgba, #rrggbbaa, rgb(), rgba() and the colour names.
func parseColor(v string) (color.NRGBA, bool) {
	if c, ok := namedColour(v); ok {
		return color.NRGBA{c.R, c.G, c.B, 255}, true
	}
	if strings.HasPrefix(v, "#") {
		h := v[1:]
		if len(h) == 3 || len(h) == 4 {
			var b strings.Builder
			for _, r := range h {
				b.WriteRune(r)
				b.WriteRune(r)
			}
			h = b.String()
		}
		if len(h) == 6 {
			h += "ff"
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if len(h) != 8 || err != nil {
			return color.NRGBA{}, false
		}
		return color.NRGBA{uint8(n >> 24), uint8(n >> 16), uint8(n >> 8), uint8(n)}, true
	}
	for _, fn := range []string{"rgba(", "rgb("} {
		if strings.HasPrefix(v, fn) && strings.HasSuffix(v, ")") {
			parts := strings.FieldsFunc(v[len(fn):len(v)-1], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
			if len(parts) != 3 && len(parts) != 4 {
				return color.NRGBA{}, false
			}
			var c [4]uint8
			c[3] = 255
			for i, p := range parts {
				pct := strings.HasSuffix(p, "%")
				f, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
				if err != nil || math.IsNaN(f) {
					return color.NRGBA{}, false
				}
				switch {
				case i == 3 && pct:
					f = f * 255 / 100
				case i == 3:
					f *= 255
				case pct:
					f = f * 255 / 100
				}
				c[i] = uint8(math.Round(math.Max(0, math.Min(255, f))))
			}
			return color.NRGBA{c[0], c[1], c[2], c[3]}, true
		}
	}
	return color.NRGBA{}, false
}
