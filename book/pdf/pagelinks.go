package pdf

import (
	"slices"

	"bindery/book/layout"
)

// A run's link annotation: the page's written links' areas, and the search of a run's
// start among them (tagPage).

// annotationAt is the annotation whose area holds run r's start on its baseline, for the
// same target when the run is a link's text; -1 for none. Of several, the page's first link.
func (s *structure) annotationAt(pt *pageTags, r *layout.Run, near *linksByY) int {
	boxes := near.boxes
	if len(boxes) == 0 {
		return -1
	}
	x, base := layout.Length(r.X), layout.Length(r.Y+r.Raise)
	// The run's own target, looked up once (a lock on the process's names), not per link.
	target := ""
	if r.Link != 0 {
		target = r.Link.Target()
	}
	if near.byY == nil {
		for i := range boxes {
			if boxes[i].holds(x, base, r.Link != 0, target) {
				return pt.annots[boxes[i].k]
			}
		}
		return -1
	}
	// Only the links whose top is within the tallest link's height above the baseline:
	// from the first whose top is that high.
	byY := near.byY
	lo, hi := 0, len(byY)
	for top := base - near.maxH; lo < hi; {
		if m := int(uint(lo+hi) >> 1); boxes[byY[m]].y0 < top {
			lo = m + 1
		} else {
			hi = m
		}
	}
	// Of those that hold the run, the least link: the order of equal tops does not matter.
	best := -1
	for _, i := range byY[lo:] {
		l := &boxes[i]
		if l.y0 > base {
			break
		}
		if (best < 0 || l.k < best) && l.holds(x, base, r.Link != 0, target) {
			best = l.k
		}
	}
	if best < 0 {
		return -1
	}
	return pt.annots[best]
}

// linkBox is a written link's area on its page, and its number among the page's links.
type linkBox struct {
	x0, x1, y0, y1 layout.Length
	k              int
	target         string
}

// holds reports whether the link holds a run's start at x on baseline base; linked tells
// whether the run is a link's text, to target.
func (l *linkBox) holds(x, base layout.Length, linked bool, target string) bool {
	return base >= l.y0 && base <= l.y1 && x >= l.x0 && x < l.x1 && (!linked || target == l.target)
}

// linksByY are a page's written links in its order, their areas side by side, and on a
// page with many (an index page: every run would be tried against every link) their
// indices by top; nil byY for a page with few.
type linksByY struct {
	boxes []linkBox
	byY   []int32
	maxH  layout.Length
}

// manyLinks is how many written links a page has before they are sorted by their top.
const manyLinks = 16

// sortLinks makes page p's linksByY in scratch, the page's until the next page's.
func sortLinks(p *layout.Page, pt *pageTags, scratch *linksByY) linksByY {
	n := linksByY{boxes: scratch.boxes[:0]}
	for k, a := range pt.annots {
		if a >= 0 {
			l := &p.Links[k]
			n.boxes = append(n.boxes, linkBox{l.X, l.X + l.W, l.Y, l.Y + l.H, k, l.Target})
			n.maxH = max(n.maxH, l.H)
		}
	}
	scratch.boxes = n.boxes
	if len(n.boxes) >= manyLinks {
		n.byY = scratch.byY[:0]
		for i := range n.boxes {
			n.byY = append(n.byY, int32(i))
		}
		slices.SortFunc(n.byY, func(a, b int32) int { return cmpLength(n.boxes[a].y0, n.boxes[b].y0) })
		scratch.byY = n.byY
	}
	return n
}

func cmpLength(a, b layout.Length) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
