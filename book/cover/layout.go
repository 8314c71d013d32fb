package cover

import (
	"math"
	"strings"
)

// layout places and draws everything: the frame, then from the foot up the publisher and
// the author, then the title group in the room left above them.
func (c *canvas) layout(title string, subs []string, author, publisher string, regular, italic, bold *typeface) {
	// Drop characters the fonts cannot draw.
	// A title made only of such characters leaves the title lines out
	// (the rest of the cover is still drawn).
	title = bold.filter(title)
	var kept []string
	for _, sub := range subs {
		if sub = italic.filter(sub); sub != "" {
			kept = append(kept, sub)
		}
	}
	author = regular.filter(author)
	publisher = strings.ToUpper(regular.filter(publisher))

	inner := c.border()
	footY := c.publisher(regular, publisher, inner)
	authorTop := c.author(regular, author, footY)
	c.titleGroup(title, kept, bold, italic, inner, authorTop)
}

// border draws the frame, a double rule inset by the same distance on every side (unless the
// cover is oddly proportioned), always clear of the outer 4% of the cover. It returns the
// inside edge of the frame's top and bottom.
func (c *canvas) border() float64 {
	W, H, U := c.W, c.H, c.U
	ix, iy := math.Max(0.07*U, 0.046*W), math.Max(0.07*U, 0.046*H)
	if m := math.Max(ix, iy); m < 0.1*math.Min(W, H) {
		ix, iy = m, m
	}
	ix, iy = math.Round(ix), math.Round(iy)
	outerT := math.Max(1, 0.004*U)
	innerT := math.Max(1, 0.0018*U)
	step := 0.014 * U
	c.frame(ix, iy, W-ix, H-iy, outerT)
	c.frame(ix+step, iy+step, W-ix-step, H-iy-step, innerT)
	return iy + step
}

// publisher sets the publisher in small spaced capitals just above the foot of the frame and
// returns the baseline the author's lines stand on.
func (c *canvas) publisher(regular *typeface, publisher string, inner float64) float64 {
	W, H, U := c.W, c.H, c.U
	footY := H - inner - 0.045*U // baseline
	if publisher == "" {
		return footY - 0.02*U
	}
	// Shrink a long name to fit one line; if that would make it too
	// small, use more (at most three) lines.
	size := 0.026 * U
	pf := regular.face(size, 0.18)
	pw := 0.66 * W
	if w := pf.width(publisher); w > pw {
		size = math.Max(size*pw/w, 0.019*U)
		pf = regular.face(size, 0.18)
	}
	lines, _ := wrap(pf, publisher, pw)
	if len(lines) > 3 {
		lines = lines[:3]
	}
	lead := 1.9 * pf.capH
	c.centred(pf, lines, footY-lead*float64(len(lines)-1), lead)
	return footY - (lead*float64(len(lines)-1) + pf.capH + 0.05*U)
}

// author sets the author in spaced capitals above footY and returns the top of its first
// line (footY when there is no author).
func (c *canvas) author(regular *typeface, author string, footY float64) float64 {
	if author == "" {
		return footY
	}
	W, U := c.W, c.U
	// Several authors go one to a line; a single long name may take
	// two lines.
	names := splitNames(author)
	for i := range names {
		names[i] = strings.ToUpper(names[i])
	}
	size := 0.048 * U
	var af *face
	var lines []string
	for {
		af = regular.face(size, 0.12)
		lines = lines[:0]
		over := false
		for _, n := range names {
			l, o := wrap(af, n, 0.78*W)
			lines = append(lines, l...)
			over = over || o
		}
		fits := len(lines) == len(names) || (len(names) == 1 && len(lines) <= 2)
		if (!over && fits) || size < 0.028*U {
			break
		}
		size *= 0.92
	}
	lead := 1.9 * af.capH
	last := footY - 0.04*U
	first := last - lead*float64(len(lines)-1)
	c.centred(af, lines, first, lead)
	return first - af.capH
}

// group is the title, the ornament and the subtitles, set at one size.
type group struct {
	tf, sf         *face
	tLines         []string
	sLines         [][]string
	tLead, sLead   float64
	height         float64
	ornGap, subGap float64
}

// setGroup sets the group with the title at k times its full size, and reports whether it
// fits the height avail without breaking words (or at k below one half, where very long
// words are better broken than tiny), in at most four lines of title.
func (c *canvas) setGroup(k float64, title string, subs []string, bold, italic *typeface, avail float64) (group, bool) {
	W, U := c.W, c.U
	measure := 0.80 * W // width available to the title
	titleSize := 0.15 * U
	var g group
	g.tf = bold.face(titleSize*k, 0)
	g.sf = italic.face(0.06*U*math.Min(1, 0.35+k), 0)
	var over bool
	g.tLines, over = wrap(g.tf, title, measure)
	ok := (!over || k < 0.5) && len(g.tLines) <= 4
	g.tLead = 1.12 * g.tf.size
	g.sLead = 1.3 * g.sf.size
	g.ornGap = 0.35*g.tf.capH + 0.05*U
	g.subGap = 0.05 * U
	if len(g.tLines) > 0 {
		g.height = g.tf.capH + g.tLead*float64(len(g.tLines)-1)
	}
	g.height += g.ornGap
	if len(subs) > 0 {
		g.height += g.subGap + g.sf.capH
		for i, s := range subs {
			l, o := wrap(g.sf, s, 0.72*W)
			ok = ok && (!o || k < 0.5)
			g.sLines = append(g.sLines, l)
			if i > 0 {
				g.height += 1.6 * g.sLead
			}
			g.height += g.sLead * float64(len(l)-1)
		}
		g.height += 0.25 * g.sf.size // descenders
	}
	return g, ok && g.height <= avail
}

// titleGroup sets the title, the ornament and the subtitles as one group in the upper part,
// shrinking it until it fits between the frame and authorTop.
func (c *canvas) titleGroup(title string, subs []string, bold, italic *typeface, inner, authorTop float64) {
	W, U := c.W, c.U
	regionTop := inner + 0.09*U
	regionBot := authorTop - 0.10*U
	avail := regionBot - regionTop
	titleSize := 0.15 * U
	var g group
	for k := 1.0; ; k *= 0.94 {
		var ok bool
		if g, ok = c.setGroup(k, title, subs, bold, italic, avail); ok || titleSize*k < 0.03*U {
			break
		}
	}

	// Sit the group a little above the middle of its region, but never
	// above the region's top.
	top := regionTop + math.Max(0, (avail-g.height)*0.42)
	y := top
	if len(g.tLines) > 0 {
		y = c.centred(g.tf, g.tLines, top+g.tf.capH, g.tLead)
	}
	y += g.ornGap
	c.ornament(W/2, y)
	if len(g.sLines) > 0 {
		y += g.subGap + g.sf.capH
		for i, l := range g.sLines {
			if i > 0 {
				y += 1.6 * g.sLead
			}
			y = c.centred(g.sf, l, y, g.sLead)
		}
	}
}
