package linebreak

import (
	"math"
	"slices"
)

// choose picks the active node to end the paragraph at (TeX §873–875):
// the one with fewest demerits or, with Looseness, the one whose line
// count is nearest the optimum plus Looseness. ok is false if Looseness
// was not met and a later pass may do better.
func (b *lineBreaker) choose(final bool) (best int32, ok bool) {
	best = -1
	for r := b.first; r >= 0; r = b.nodes[r].next {
		if best < 0 || lbBetter(b.nodes[r].ovf, b.nodes[r].demerits, b.nodes[best].ovf, b.nodes[best].demerits) {
			best = r
		}
	}
	if b.p.Looseness == 0 {
		return best, true
	}
	bestLine := b.nodes[best].line
	actual := 0
	for r := b.first; r >= 0; r = b.nodes[r].next {
		n := &b.nodes[r]
		diff := n.line - bestLine
		if diff < actual && b.p.Looseness <= diff || diff > actual && b.p.Looseness >= diff {
			best, actual = r, diff
		} else if diff == actual && lbBetter(n.ovf, n.demerits, b.nodes[best].ovf, b.nodes[best].demerits) {
			best = r
		}
	}
	return best, actual == b.p.Looseness || final
}

// lines turns the chain of breaks ending at active node best into Lines,
// setting each line's glue as TeX's hpack would (§649), without emergency
// stretch.
func (b *lineBreaker) lines(best int32) []Line {
	return b.linesInto(nil, best)
}

// linesInto is lines written into dst's storage, grown if too small.
func (b *lineBreaker) linesInto(dst []Line, best int32) []Line {
	count := 0
	for q := b.nodes[best].passive; q >= 0; q = b.passive[q].prev {
		count++
	}
	lines := slices.Grow(dst[:0], count)[:count]
	i := count - 1
	for q := b.nodes[best].passive; q >= 0; q = b.passive[q].prev {
		pn := &b.passive[q]
		d := pn.demerits
		if pn.prev >= 0 {
			d -= b.passive[pn.prev].demerits
		}
		lines[i] = Line{End: pn.pos, Fitness: int(pn.fitness), Demerits: d}
		i--
	}
	items := b.items
	start := 0
	for k := range lines {
		ln := &lines[k]
		end := ln.End
		if start > end {
			start = end
		}
		ln.Start = start
		t := b.skips
		content := Length(0)
		for j := start; j < end; j++ {
			it := &items[j]
			switch it.Kind {
			case KindGlue:
				content += it.Width
				t.addGlue(it)
			case KindPenalty:
			default:
				content += it.Width
				t.addBox(it)
			}
		}
		if end < len(items) && items[end].Kind == KindPenalty {
			ln.Hyphenated = items[end].Flagged
			content += items[end].Width
			t.width += items[end].Width
		}
		ln.Width = content
		setLineGlue(ln, b.measure(k)-t.width, &t)
		// The next line starts after the discardable items.
		start = end + 1
		for start < len(items) && items[start].discardable() {
			start++
		}
	}
	return lines
}

// setLineGlue sets Ratio, Order, Badness and Overfull of a line that must grow
// by shortfall (shrink if negative) with the stretch and shrink in t.
func setLineGlue(ln *Line, shortfall Length, t *lbTotals) {
	switch {
	case shortfall > 0:
		o := Filll
		for o > Normal && t.stretch[o] == 0 {
			o--
		}
		ln.Order = o
		if s := t.stretch[o]; s > 0 {
			ln.Ratio = float64(shortfall) / float64(s)
		}
		if o == Normal {
			ln.Badness = Badness(shortfall, t.stretch[Normal])
		}
	case shortfall < 0:
		if t.shrink > 0 {
			ln.Ratio = float64(shortfall) / float64(t.shrink)
		} else {
			ln.Ratio = math.Inf(-1)
		}
		if -shortfall > t.shrink {
			ln.Badness = InfBad + 1
			ln.Overfull = -shortfall - max(t.shrink, 0)
			if ln.Ratio >= -1 { // negative total shrink
				ln.Ratio = math.Inf(-1)
			}
		} else {
			ln.Badness = Badness(-shortfall, t.shrink)
		}
	}
}
