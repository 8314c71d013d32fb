package svg

import (
	"math"
	"strconv"
	"strings"
	"sync"
)

// The size of a picture with neither a usable width and height nor a viewBox: CSS's
// default for a replaced element.
const defaultWidth, defaultHeight = 300, 150

// maxSide bounds a side of the intrinsic size, in CSS pixels (about 26 m): enough for any
// page, and no overflow in the layout's arithmetic.
const maxSide = 100_000

// intrinsicSize is the root's width and height in CSS pixels, as a browser sizes an <img>
// of it: from width and height, the missing one from the viewBox's proportions.
func intrinsicSize(root *node) (float64, float64) {
	w, wok := length(root, "width")
	h, hok := length(root, "height")
	vb, vbok := viewBox(root)
	switch {
	case wok && hok:
	case wok && vbok:
		h = w * vb[3] / vb[2]
	case hok && vbok:
		w = h * vb[2] / vb[3]
	case vbok:
		w, h = vb[2], vb[3]
	case wok:
		h = defaultHeight
	case hok:
		w = defaultWidth
	default:
		w, h = defaultWidth, defaultHeight
	}
	clamp := func(v float64) float64 { return math.Min(math.Max(v, 1), maxSide) }
	return clamp(w), clamp(h)
}

// units in CSS pixels.
var units = sync.OnceValue(func() map[string]float64 {
	return map[string]float64{
		"": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96,
		"em": 16, "ex": 8,
	}
})

// length reads a width or height attribute in CSS pixels; percentages and nonsense are not
// a size.
func length(n *node, name string) (float64, bool) {
	v, ok := n.get(name)
	if !ok {
		return 0, false
	}
	v = strings.TrimSpace(v)
	i := strings.LastIndexAny(v, "0123456789.") + 1
	num, unit := v[:i], strings.ToLower(strings.TrimSpace(v[i:]))
	f, err := strconv.ParseFloat(num, 64)
	scale, known := units()[unit]
	if err != nil || !known || !(f > 0) || math.IsInf(f, 0) {
		return 0, false
	}
	return f * scale, true
}

// viewBox reads the root's viewBox: x, y, width, height, the last two positive.
func viewBox(n *node) ([4]float64, bool) {
	var vb [4]float64
	v, ok := n.get("viewBox")
	if !ok {
		return vb, false
	}
	f := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) != 4 {
		return vb, false
	}
	for i, s := range f {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return vb, false
		}
		vb[i] = x
	}
	return vb, vb[2] > 0 && vb[3] > 0
}
