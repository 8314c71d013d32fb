package pdf

import (
	"math"
	"strconv"
)

// The print shop's pages: the trimmed page inside a bleed (what is printed beyond the trim,
// cut off after printing) and, with marks, a slug around it that holds crop marks at the
// corners and registration marks at the middle of each side. The page's /TrimBox and
// /BleedBox tell imposition software where they are; the media box holds it all.

// mm is a millimetre in points.
const mm = 72 / 25.4

// Crop marks start this far outside the bleed (so that they are never printed on the trimmed
// page however the cut wanders), and are this long; the slug ends a little beyond them.
const (
	markGap    = 1 * mm
	markLength = 6 * mm
	slugMargin = 2 * mm
)

// margin is how far the trimmed page stands from the media box's edge.
func (info Info) margin() float64 {
	m := info.Bleed
	if info.Marks {
		m += markGap + markLength + slugMargin
	}
	return m
}

// boxes returns a page's /TrimBox and /BleedBox entries for a trimmed page w×h, or "" when
// the page is printed as it is.
func (info Info) boxes(w, h float64) string {
	if info.Bleed <= 0 && !info.Marks {
		return ""
	}
	m, b := info.margin(), info.Bleed
	var s []byte
	s = append(s, " /TrimBox ["...)
	s = appendBox(s, m, m, m+w, m+h)
	s = append(s, "] /BleedBox ["...)
	s = appendBox(s, m-b, m-b, m+w+b, m+h+b)
	return string(append(s, ']'))
}

func appendBox(b []byte, x0, y0, x1, y1 float64) []byte {
	for i, v := range []float64{x0, y0, x1, y1} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v, 3)
	}
	return b
}

// printMarks draws, as an artifact, the crop marks of a trimmed page w×h whose lower left
// corner is at (m, m), and registration marks at the middle of its sides, in the slug. They
// are in registration colour (every ink: CMYK 1 1 1 1), hairlines.
func printMarks(w, h, m, bleed float64) []byte {
	var b []byte
	b = append(b, "/Artifact BMC\nq 0.25 w 1 1 1 1 K\n"...)
	line := func(x0, y0, x1, y1 float64) {
		b = appendNum(b, x0, 3)
		b = append(b, ' ')
		b = appendNum(b, y0, 3)
		b = append(b, " m "...)
		b = appendNum(b, x1, 3)
		b = append(b, ' ')
		b = appendNum(b, y1, 3)
		b = append(b, " l S\n"...)
	}
	near, far := bleed+markGap, bleed+markGap+markLength
	for _, x := range []float64{m, m + w} {
		for _, y := range []float64{m, m + h} {
			dx, dy := -1.0, -1.0 // outwards from the corner
			if x > m {
				dx = 1
			}
			if y > m {
				dy = 1
			}
			line(x+dx*near, y, x+dx*far, y) // along the trim's horizontal edge
			line(x, y+dy*near, x, y+dy*far) // along its vertical edge
		}
	}
	// Registration marks: a circle with a cross, centred in the slug at each side's middle.
	r := markLength / 4
	mid := bleed + markGap + markLength/2
	for _, c := range [][2]float64{{m + w/2, m - mid}, {m + w/2, m + h + mid}, {m - mid, m + h/2}, {m + w + mid, m + h/2}} {
		b = appendCircle(b, c[0], c[1], r)
		line(c[0]-1.6*r, c[1], c[0]+1.6*r, c[1])
		line(c[0], c[1]-1.6*r, c[0], c[1]+1.6*r)
	}
	return append(b, "Q\nEMC\n"...)
}

// appendCircle strokes a circle of radius r at (x, y) as four Bézier arcs.
func appendCircle(b []byte, x, y, r float64) []byte {
	k := r * 4 * (math.Sqrt2 - 1) / 3
	pt := func(px, py float64) {
		b = appendNum(b, px, 3)
		b = append(b, ' ')
		b = appendNum(b, py, 3)
		b = append(b, ' ')
	}
	pt(x+r, y)
	b = append(b, "m "...)
	for _, q := range [][6]float64{
		{x + r, y + k, x + k, y + r, x, y + r}, {x - k, y + r, x - r, y + k, x - r, y},
		{x - r, y - k, x - k, y - r, x, y - r}, {x + k, y - r, x + r, y - k, x + r, y},
	} {
		pt(q[0], q[1])
		pt(q[2], q[3])
		pt(q[4], q[5])
		b = append(b, "c "...)
	}
	return append(b, "S\n"...)
}

// shift is the content that moves a page's own drawing onto its trimmed page, m from the
// media box's corner.
func shift(m float64) []byte {
	return []byte("q 1 0 0 1 " + strconv.FormatFloat(m, 'f', 3, 64) + " " + strconv.FormatFloat(m, 'f', 3, 64) + " cm\n")
}
