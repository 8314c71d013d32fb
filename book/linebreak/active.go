package linebreak

import "slices"

// collect drops the passive nodes that no active node's path goes through
// and renumbers the rest, so that memory stays proportional to the
// number of lines rather than to the number of feasible breakpoints (TeX
// keeps them all until the paragraph ends). It runs when the passive list
// has doubled since the last collection, so its cost is amortised
// constant per passive node.
func (b *lineBreaker) collect() {
	n := len(b.passive)
	if cap(b.remap) < n {
		b.remap = make([]int32, n)
	}
	remap := b.remap[:n]
	clear(remap) // 0: unreachable, 1: reachable
	for r := b.first; r >= 0; r = b.nodes[r].next {
		for q := b.nodes[r].passive; q >= 0 && remap[q] == 0; q = b.passive[q].prev {
			remap[q] = 1
		}
	}
	// Compact in order: a node's prev is always older, so it has been
	// renumbered already.
	live := int32(0)
	for q := range b.passive {
		if remap[q] == 0 {
			continue
		}
		pn := b.passive[q]
		if pn.prev >= 0 {
			pn.prev = remap[pn.prev]
		}
		b.passive[live] = pn
		remap[q] = live
		live++
	}
	b.passive = b.passive[:live]
	for r := b.first; r >= 0; r = b.nodes[r].next {
		if q := b.nodes[r].passive; q >= 0 {
			b.nodes[r].passive = remap[q]
		}
	}
	b.collectAt = max(2*int(live), minCollect)
}

// minCollect is the smallest passive list that collect bothers with.
const minCollect = 1 << 12

// maxActiveNodes bounds the active list. An ordinary paragraph needs a few
// dozen active nodes; a long one with Looseness or ShapeLines < 0 a few
// hundred (about 1200 for 10,000 words). Only pathological input, such as
// thousands of breakpoints with nothing between them that could fill a
// line, gets here; then the costliest nodes are dropped (prune), so the
// result may not be optimal, but the time stays linear in the paragraph.
const maxActiveNodes = 4096

// lbCost orders paths: least overfullness, then least demerits.
type lbCost struct {
	ovf Length
	d   int64
}

// compare orders costs for sorting: -1 if c is better than o, 1 if worse.
func (c lbCost) compare(o lbCost) int {
	switch {
	case lbBetter(c.ovf, c.d, o.ovf, o.d):
		return -1
	case lbBetter(o.ovf, o.d, c.ovf, c.d):
		return 1
	}
	return 0
}

// prune drops all but the maxActiveNodes/2 cheapest active nodes.
func (b *lineBreaker) prune() {
	b.costs = b.costs[:0]
	for r := b.first; r >= 0; r = b.nodes[r].next {
		b.costs = append(b.costs, lbCost{b.nodes[r].ovf, b.nodes[r].demerits})
	}
	slices.SortFunc(b.costs, lbCost.compare)
	keep := maxActiveNodes / 2
	limit := b.costs[keep-1]
	ties := keep // how many nodes costing exactly limit may stay
	for _, c := range b.costs[:keep] {
		if c.compare(limit) < 0 {
			ties--
		}
	}
	prev := int32(-1)
	for r := b.first; r >= 0; {
		n := &b.nodes[r]
		switch c := (lbCost{n.ovf, n.demerits}).compare(limit); {
		case c < 0:
		case c == 0 && ties > 0:
			ties--
		default:
			r = b.deactivate(prev, r)
			continue
		}
		prev, r = r, n.next
	}
}

// lbBetter reports whether (ovf, d) is strictly better than (ovf2, d2).
func lbBetter(ovf Length, d int64, ovf2 Length, d2 int64) bool {
	return ovf < ovf2 || ovf == ovf2 && d < d2
}

// deactivate unlinks node r, whose predecessor is prev (-1: r is first),
// frees it and returns its successor.
func (b *lineBreaker) deactivate(prev, r int32) int32 {
	next := b.nodes[r].next
	if prev < 0 {
		b.first = next
	} else {
		b.nodes[prev].next = next
	}
	if next < 0 {
		b.last = prev
	}
	b.free = append(b.free, r)
	b.active--
	return next
}

// insert creates active nodes for a break at pos, one for each fitness class
// whose best demerits are within AdjDemerits of the best overall (TeX
// §836, §845), linking them between prev and r. It returns the last node
// inserted (the new prev) and resets the per-class minima.
func (b *lineBreaker) insert(prev, r int32, pos int, hyphenated bool) int32 {
	after, t := b.afterBreak(pos) // cached: the same for a second class at pos
	limit := b.minD
	adj := int64(b.p.AdjDemerits)
	if adj < 0 {
		adj = -adj // TeX uses abs(adj_demerits)
	}
	if adj < 0 || limit > awfulBad-1-adj {
		limit = awfulBad - 1
	} else {
		limit += adj
	}
	for f := range b.best {
		if b.best[f].minimal <= limit && b.best[f].ovf == b.minDOvf {
			b.passive = append(b.passive, lbPassive{
				demerits: b.best[f].minimal,
				pos:      pos,
				prev:     b.best[f].place,
				fitness:  int8(f),
			})
			nd := lbActive{
				t:          *t,
				demerits:   b.best[f].minimal,
				ovf:        b.best[f].ovf,
				line:       b.best[f].line + 1,
				after:      after,
				next:       r,
				passive:    int32(len(b.passive) - 1),
				fitness:    int8(f),
				hyphenated: hyphenated,
			}
			var q int32
			if n := len(b.free); n > 0 {
				q = b.free[n-1]
				b.free = b.free[:n-1]
				b.nodes[q] = nd
			} else {
				q = int32(len(b.nodes))
				b.nodes = append(b.nodes, nd)
			}
			b.active++
			if prev < 0 {
				b.first = q
			} else {
				b.nodes[prev].next = q
			}
			if r < 0 {
				b.last = q
			}
			prev = q
		}
		b.best[f].minimal = awfulBad
		b.best[f].ovf = 0
	}
	b.minD, b.minDOvf = awfulBad, 0
	return prev
}
