package linebreak

import (
	"math"
	"sync"
)

// lbTotals are sums of widths, stretch per order and shrink.
type lbTotals struct {
	width   Length
	stretch [4]Length
	shrink  Length
}

// addGlue adds glue g to the totals.
func (t *lbTotals) addGlue(g *Item) {
	t.width += g.Width
	t.stretch[glueOrderIndex(g.StretchOrder)] += g.Stretch
	t.shrink += g.Shrink
}

// addBox adds box bx to the totals: its width, and the finite stretch and shrink of a box
// whose letters may be spaced (Item.Stretch).
func (t *lbTotals) addBox(bx *Item) {
	t.width += bx.Width
	t.stretch[Normal] += bx.Stretch
	t.shrink += bx.Shrink
}

// lbActive is a feasible breakpoint from which a line may still start
// (TeX's active node, §819). Instead of TeX's delta nodes it stores the
// totals of the paragraph up to the first item of the line starting here,
// as in Knuth and Plass's paper.
type lbActive struct {
	t          lbTotals // totals of items[0:after]
	demerits   int64    // total demerits of the best way to get here
	ovf        Length   // total overfullness on the way here (last pass only)
	line       int      // number of the line that starts here (0-based)
	after      int      // index of that line's first item
	next       int32    // next active node, or -1
	passive    int32    // the break that got here, index into passive, or -1
	fitness    int8     // fitness class of the line that ended here
	hyphenated bool     // the line that ended here ends at a flagged penalty
}

// lbBest is the best way found to a break in one fitness class: TeX's minimal_demerits,
// best_place and best_pl_line, and the path's overfullness (last pass only).
type lbBest struct {
	minimal int64
	ovf     Length
	place   int32
	line    int
}

// lbPassive records a chosen break and the previous one on its best path
// (TeX's passive node, §821).
type lbPassive struct {
	demerits int64 // total demerits up to and including this break
	pos      int   // index of the break item
	prev     int32 // previous break on the path, or -1 for the start
	fitness  int8  // fitness class of the line ending here
}

// lineBreaker holds the state of one paragraph's line breaking; run makes
// one pass, choose and lines read the result.
type lineBreaker struct {
	items     []Item
	p         Params
	lineWidth func(int) Length

	shapeLines int      // see Params.ShapeLines; < 0: every line its own
	easyLine   int      // lines > easyLine are alike (TeX's easy_line)
	second     Length   // measure of lines >= shapeLines
	widths     []Length // measures of lines < shapeLines (or all), cached
	final      int      // index of the final break (len(items) if implicit)
	skips      lbTotals // LeftSkip + RightSkip

	// per pass
	threshold int
	hyphenate bool
	rescue    bool
	bg        lbTotals // skips plus emergency stretch
	// bgInfinite is set when bg has stretch of an infinite order (centred lines).
	bgInfinite bool
	cur        lbTotals // totals of items[0:i] at the current item i
	// infAt is the last item whose stretch is infinite (MaxInt with bgInfinite): a line that
	// starts after it has only finite stretch, and tryBreak judges it without lineFrom.
	infAt int
	// negAt is the last item of negative width or stretch: from an active node past it the
	// lines to come are shorter and stretch less, node by node, along the last class.
	negAt     int
	nodes     []lbActive
	free      []int32
	first     int32 // first active node, -1 when none is left
	last      int32 // last active node, -1 when none is left
	active    int   // number of active nodes
	passive   []lbPassive
	costs     []lbCost // scratch for prune
	collectAt int      // collect passive nodes when there are this many
	remap     []int32  // scratch for collect
	noCollect bool     // tests: never collect

	best    [4]lbBest // per fitness class
	minD    int64     // TeX's minimum_demerits
	minDOvf Length

	// after-break cache: items (cacheFrom, cacheJ) are all discardable
	cacheFrom, cacheJ int
	cacheT            lbTotals
}

// breakers are reused across paragraphs: their node lists are the line breaker's only
// allocations besides the result.
var breakers = sync.Pool{New: func() any { return new(lineBreaker) }}

// newLineBreaker is a line breaker for a paragraph, from the pool.
func newLineBreaker(items []Item, lineWidth func(int) Length, p Params) *lineBreaker {
	b := breakers.Get().(*lineBreaker)
	*b = lineBreaker{items: items, p: p, lineWidth: lineWidth, shapeLines: p.ShapeLines,
		nodes: b.nodes[:0], free: b.free[:0], passive: b.passive[:0], costs: b.costs[:0], remap: b.remap[:0]}
	if b.shapeLines >= 0 {
		b.second = lineWidth(b.shapeLines)
		b.easyLine = b.shapeLines - 1
	}
	if b.shapeLines < 0 || p.Looseness != 0 {
		b.easyLine = math.MaxInt
	}
	n := len(items)
	b.final = n
	if last := &items[n-1]; last.Kind == KindPenalty && b.penalty(last) <= EjectPenalty {
		b.final = n - 1
	}
	b.skips.addGlue(&p.LeftSkip)
	b.skips.addGlue(&p.RightSkip)
	return b
}

// measure returns the width of line l.
func (b *lineBreaker) measure(l int) Length {
	if b.shapeLines >= 0 && l >= b.shapeLines {
		return b.second
	}
	for len(b.widths) <= l {
		b.widths = append(b.widths, b.lineWidth(len(b.widths)))
	}
	return b.widths[l]
}

// penalty returns the cost of breaking at penalty item it, limited to
// [EjectPenalty, InfPenalty].
func (b *lineBreaker) penalty(it *Item) int { return clampPenalty(it.Penalty) }

// run makes one pass over the paragraph (TeX §863) and reports whether any
// active node survived to the end.
func (b *lineBreaker) run(threshold int, hyphenate bool, emergency Length, rescue bool) bool {
	b.threshold, b.hyphenate, b.rescue = threshold, hyphenate, rescue
	b.bg = b.skips
	b.bg.stretch[Normal] += emergency
	b.bgInfinite = b.bg.stretch[Fil] != 0 || b.bg.stretch[Fill] != 0 || b.bg.stretch[Filll] != 0
	b.cur = lbTotals{}
	b.infAt, b.negAt = -1, -1
	if b.bgInfinite {
		b.infAt = math.MaxInt
	}
	b.nodes = b.nodes[:0]
	b.free = b.free[:0]
	b.passive = b.passive[:0]
	b.collectAt = minCollect
	b.cacheFrom, b.cacheJ = -1, -1
	for f := range b.best {
		b.best[f].minimal = awfulBad
	}
	b.minD = awfulBad
	b.nodes = append(b.nodes, lbActive{next: -1, passive: -1, fitness: FitDecent})
	b.first, b.last = 0, 0
	b.active = 1

	items := b.items
	for i := 0; i < b.final; i++ {
		it := &items[i]
		switch it.Kind {
		case KindGlue:
			if i > 0 && !items[i-1].discardable() && !b.tooLoose(i, 0) && !b.tryBreak(i, 0, false) {
				return false
			}
			b.cur.addGlue(it)
			if it.StretchOrder != Normal {
				b.infAt = max(b.infAt, i) // MaxInt stays
			}
			if it.Width|it.Stretch < 0 { // either negative
				b.negAt = i
			}
		case KindPenalty:
			if it.Flagged && it.Width > 0 && !hyphenate {
				continue
			}
			if pi := b.penalty(it); pi < InfPenalty && (pi <= EjectPenalty || !b.tooLoose(i, it.Width)) && !b.tryBreak(i, pi, it.Flagged) {
				return false
			}
		default:
			b.cur.addBox(it)
			if it.Width|it.Stretch < 0 { // either negative
				b.negAt = i
			}
		}
	}
	// The final break is "hyphenated" so that FinalHyphenDemerits apply
	// (TeX §873 calls try_break(eject_penalty, hyphenated)).
	return b.tryBreak(b.final, EjectPenalty, true)
}

// tooLoose reports whether tryBreak at pos (not a forced break; pw is the width a break
// there adds) would change nothing: the line from the first active node is too loose and
// its exit for such a line is taken there (see tryBreak), so no node is recorded or dropped,
// none is inserted (minD is awfulBad between calls) and no tidying is due. Checked in run,
// it saves the call and its set-up at most of a paragraph's breakpoints.
func (b *lineBreaker) tooLoose(pos int, pw Length) bool {
	nd := &b.nodes[b.first]
	if nd.line <= b.easyLine || nd.after <= b.infAt || pos < nd.after || nd.after <= b.negAt {
		return false
	}
	shortfall := b.second - (b.bg.width + pw + b.cur.width - nd.t.width)
	return shortfall > 0 && Badness(shortfall, b.bg.stretch[Normal]+b.cur.stretch[Normal]-nd.t.stretch[Normal]) > b.threshold
}

// tidy keeps the active list within maxActiveNodes and collects the passive nodes when
// their list has grown enough (tryBreak's end, when one of the two is due).
func (b *lineBreaker) tidy() {
	if b.active > maxActiveNodes {
		b.prune()
	}
	if len(b.passive) >= b.collectAt && !b.noCollect {
		b.collect()
	}
}

// afterBreak returns the index of the first item of a line that starts
// after a break at pos, and the totals of the items before it (the cache's, or cur: read
// them before the next item is added): the break item and the glue and penalties that
// follow it are discarded (TeX §837).
func (b *lineBreaker) afterBreak(pos int) (int, *lbTotals) {
	if b.cacheFrom <= pos && pos < b.cacheJ {
		return b.cacheJ, &b.cacheT
	}
	items := b.items
	if pos >= len(items) {
		return len(items), &b.cur
	}
	t := b.cur
	if items[pos].Kind == KindGlue {
		t.addGlue(&items[pos])
	}
	j := pos + 1
	for ; j < len(items) && items[j].discardable(); j++ {
		if items[j].Kind == KindGlue {
			t.addGlue(&items[j])
		}
	}
	b.cacheFrom, b.cacheJ, b.cacheT = pos, j, t
	return j, &b.cacheT
}
