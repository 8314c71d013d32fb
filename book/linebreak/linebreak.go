package linebreak

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"sync"
)

// InfBad is TeX's inf_bad, the badness of a line that is infinitely bad
// (stretched to more than about 4.3 times its stretch, or with no stretch at
// all). An overfull line has Badness InfBad+1.
const InfBad = 10000

// Fitness classes of a line (Knuth–Plass; TeX §817), used to charge
// AdjDemerits when two adjacent lines are visually incompatible.
const (
	FitVeryLoose = 0 // stretched with badness >= 100
	FitLoose     = 1 // stretched with badness 13..99
	FitDecent    = 2 // badness <= 12
	FitTight     = 3 // shrunk with badness >= 13
)

// awfulBad is TeX's awful_bad: larger than any real sum of demerits.
const awfulBad = math.MaxInt64

// Params are the line-breaking parameters; the names and meanings are
// TeX's. Start from DefaultParams: the zero value has Tolerance 0 and finds
// almost no feasible breaks.
type Params struct {
	// Tolerance is the largest badness accepted in the second and third
	// passes (TeX \tolerance, default 200; 10000 accepts any underfull
	// line).
	Tolerance int
	// Pretolerance is the largest badness accepted in the first pass,
	// which ignores discretionary hyphens (TeX \pretolerance, default
	// 100). A negative value skips the first pass.
	Pretolerance int
	// Looseness asks for that many lines more (or, if negative, fewer)
	// than the optimum, where the tolerance allows (TeX \looseness).
	Looseness int
	// EmergencyStretch, if positive, is finite stretch (scaled points)
	// added to every line in a third pass that runs when the first two
	// find no feasible breaks (TeX \emergencystretch). It only affects the
	// choice of breaks; the lines are then set with their real glue and so
	// may be underfull.
	EmergencyStretch Length
	// LinePenalty is added to the badness of every line before squaring,
	// so that fewer lines are preferred (TeX \linepenalty, default 10).
	LinePenalty int
	// HyphenPenalty is the cost to give discretionary hyphens, flagged
	// penalties with a width (TeX \hyphenpenalty, default 50). Break
	// itself does not read it: the cost is in the items, which the
	// paragraph builder makes with NewDiscretionary(w, p.HyphenPenalty).
	HyphenPenalty int
	// ExHyphenPenalty is the cost to give the break after an explicit
	// hyphen, a flagged penalty of width 0 (TeX \exhyphenpenalty, default
	// 50); like HyphenPenalty it goes into the items, with
	// NewExHyphen(p.ExHyphenPenalty).
	ExHyphenPenalty int
	// DoubleHyphenDemerits are added when two consecutive lines end
	// hyphenated (TeX \doublehyphendemerits, default 10000).
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the second-last line of the
	// paragraph ends hyphenated (TeX \finalhyphendemerits, default 5000).
	FinalHyphenDemerits int
	// AdjDemerits are added when adjacent lines' fitness classes differ by
	// more than one, e.g. a very loose line next to a decent one (TeX
	// \adjdemerits, default 10000).
	AdjDemerits int
	// LeftSkip and RightSkip are glue put at the start and end of every
	// line (TeX \leftskip and \rightskip). Only Width, Stretch,
	// StretchOrder and Shrink are used. Ragged right is RightSkip =
	// NewGlue(0, 2*em, 0) with inter-word glue that neither stretches nor
	// shrinks (plain TeX's \raggedright); centred lines set both to
	// NewFilGlue(Pt, Fil). Renderers place them with Line.GlueWidth.
	LeftSkip, RightSkip Item
	// ShapeLines says how many leading lines may have their own measure,
	// like TeX's \hangafter or \parshape: Break asks lineWidth only about
	// lines 0..ShapeLines, and every line from ShapeLines on has the
	// measure lineWidth(ShapeLines). With 0 (the default) every line has
	// the measure lineWidth(0). Because all later lines are alike, the
	// breaker can treat breaks reached after different numbers of lines as
	// one class (TeX's easy_line), which keeps the work per breakpoint
	// small. A negative value lets lineWidth vary on every line, at the
	// cost of keeping separate candidates for every line number, as does
	// a non-zero Looseness; this is much slower on long paragraphs.
	ShapeLines int
}

// DefaultParams returns plain TeX's settings.
func DefaultParams() Params {
	return Params{
		Tolerance:            200,
		Pretolerance:         100,
		LinePenalty:          10,
		HyphenPenalty:        50,
		ExHyphenPenalty:      50,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		AdjDemerits:          10000,
		LeftSkip:             NewGlue(0, 0, 0),
		RightSkip:            NewGlue(0, 0, 0),
	}
}

// FixedMeasure returns a lineWidth function for Break that gives every line
// the same width.
func FixedMeasure(width Length) func(line int) Length {
	return func(int) Length { return width }
}

// Finish ends a paragraph the way TeX does (§816): a trailing glue item is
// removed, and \penalty10000 \parfillskip \penalty-10000 are appended, so
// that the last line is set at its natural width and ends in a forced
// break. Like append, Finish may reuse items' backing array; use the
// result. An empty paragraph stays empty (TeX ignores null paragraphs).
func Finish(items []Item) []Item {
	if len(items) == 0 {
		return items
	}
	if items[len(items)-1].Kind == KindGlue {
		items = items[:len(items)-1]
	}
	return append(items, NewPenalty(InfPenalty), ParFillSkip(), NewPenalty(EjectPenalty))
}

// Line is one line of a broken paragraph.
type Line struct {
	// Start and End delimit the line's material, items[Start:End]. End is
	// the index of the item the line breaks at (glue or penalty), or
	// len(items) if the paragraph has no final forced break. Discardable
	// items (glue, penalties) between the previous line's End and Start
	// vanish at the break. A line with Start == End is empty.
	Start, End int
	// Width is the natural width of the line's content in scaled points:
	// the boxes and glue of items[Start:End] plus the width of the penalty
	// it breaks at (the hyphen), without LeftSkip and RightSkip.
	Width Length
	// Ratio is the adjustment ratio r set on the line's glue (TeX's
	// glue_set with its sign): r > 0 stretches every glue of order Order by
	// r times its stretch, -1 <= r < 0 shrinks every glue by -r times its
	// shrink. Ratio < -1 means the line is overfull (it is -Inf if there
	// is no shrink at all); its glue is still shrunk only by its full
	// shrink. Ratio is 0 for an underfull line without stretch.
	Ratio float64
	// Order is the order of infinity of the stretch that Ratio applies to:
	// Normal unless the line has infinite stretch such as \parfillskip.
	Order GlueOrder
	// Hyphenated reports that the line ends at a flagged penalty, so a
	// renderer must draw the hyphen (items[End].Width wide) at its end.
	Hyphenated bool
	// Badness is TeX's badness of the line as set (without emergency
	// stretch): 0 perfect, 100 stretched or shrunk by its full stretch or
	// shrink, InfBad for infinitely bad, InfBad+1 for overfull.
	Badness int
	// Fitness is the fitness class the breaker gave the line (FitVeryLoose
	// .. FitTight), with emergency stretch if the third pass chose it.
	Fitness int
	// Overfull is how far the line sticks out past its measure with all
	// glue shrunk as far as it goes (TeX's "Overfull \hbox (...pt too
	// wide)"); 0 if it fits.
	Overfull Length
	// Demerits are the demerits the breaker charged for this line: (l +
	// b)² ± p², plus any hyphen and adjacency demerits.
	Demerits int64
}

// IsOverfull reports whether the line is wider than its measure even with
// all glue shrunk to the limit (Ratio < -1).
func (l Line) IsOverfull() bool { return l.Overfull > 0 }

// GlueWidth returns the width of glue g on this line once the line's glue is
// set, rounded to the nearest scaled point as TeX's hlist_out does. Only
// glue whose StretchOrder is the line's Order stretches; no glue shrinks by
// more than its Shrink, even on an overfull line. Use it for LeftSkip and RightSkip
// too; AppendWidths does the items of a line with cumulative rounding.
func (l Line) GlueWidth(g Item) Length {
	switch {
	case l.Ratio > 0 && glueOrderIndex(g.StretchOrder) == int(l.Order):
		return g.Width + roundSP(l.Ratio*float64(g.Stretch))
	case l.Ratio < 0:
		return g.Width + roundSP(max(l.Ratio, -1)*float64(g.Shrink))
	}
	return g.Width
}

// AppendWidths appends to dst the set width of each item of
// items[l.Start:l.End] and returns the extended slice: a box's width, the
// adjusted width of glue, 0 for a penalty. Like TeX's hlist_out (§625) it
// rounds the running total of glue adjustment rather than each glue, so the
// widths add up to the line's measure (less LeftSkip and RightSkip and the
// hyphen, if any) to within a scaled point. The hyphen of a hyphenated line
// is items[l.End] and is not included.
func (l Line) AppendWidths(dst []Length, items []Item) []Length {
	r := l.Ratio
	if r < -1 {
		r = -1
	}
	var cum Length  // running total of stretch (or shrink) seen
	var prev Length // rounded adjustment so far
	for i := l.Start; i < l.End && i < len(items); i++ {
		it := &items[i]
		switch it.Kind {
		case KindPenalty:
			dst = append(dst, 0)
		case KindGlue:
			w := it.Width
			switch {
			case r > 0 && glueOrderIndex(it.StretchOrder) == int(l.Order):
				cum += it.Stretch
			case r < 0:
				cum += it.Shrink
			default:
				dst = append(dst, w)
				continue
			}
			adj := roundSP(r * float64(cum))
			dst = append(dst, w+adj-prev)
			prev = adj
		default:
			dst = append(dst, it.Width)
		}
	}
	return dst
}

// roundSP is Pascal's round, as TeX uses: to nearest, halves away from zero.
func roundSP(x float64) Length { return Length(math.Round(x)) }

// Badness is TeX's badness function (§108): approximately 100(t/s)³,
// computed in integers exactly as TeX does and capped at InfBad, for a line
// that must grow (or shrink) by t when its glue can stretch (or shrink) by
// s.
func Badness(t, s Length) int {
	if t <= 0 {
		return 0
	}
	if s <= 0 {
		return InfBad
	}
	var r int64
	switch {
	case t <= 7230584:
		r = int64(t) * 297 / int64(s)
	case s >= 1663497:
		r = int64(t) / (int64(s) / 297)
	default:
		r = int64(t)
	}
	if r > 1290 {
		return InfBad
	}
	return int((r*r*r + 0400000) / 01000000)
}

// BreakError is returned by Break when no set of breakpoints keeps every
// line within Params.Tolerance, even with EmergencyStretch. The lines
// returned with it are the best that could be done: the total overfullness
// is as small as possible and, among such solutions, the demerits are
// least; underfull lines are then preferred to overfull ones.
type BreakError struct {
	// Overfull lists the indices of the lines that are wider than their
	// measure (Line.IsOverfull).
	Overfull []int
	// Underfull lists the indices of the lines whose badness exceeds
	// Params.Tolerance.
	Underfull []int
}

func (e *BreakError) Error() string {
	return "layout: no feasible line breaks: " + strconv.Itoa(len(e.Overfull)) +
		" overfull and " + strconv.Itoa(len(e.Underfull)) + " underfull lines"
}

// Which pass of the breaker produced a paragraph.
const (
	lbPassPretolerance = 1 // first pass, no discretionaries
	lbPassTolerance    = 2 // second pass, with hyphenation
	lbPassEmergency    = 3 // third pass, with EmergencyStretch
	lbPassRescue       = 4 // no feasible solution: least overfull one
)

// Break breaks a paragraph into lines with the Knuth–Plass total-fit
// algorithm as TeX implements it (TeX: The Program §813–890). items is the
// paragraph, normally ending in a forced break (see Finish); if it does not,
// its end acts as one. lineWidth(n) is the measure of line n (0-based); see
// Params.ShapeLines for which lines it is asked about.
//
// Legal breakpoints are glue that follows a box, and penalties below
// InfPenalty. Break makes up to three passes like TeX: with Pretolerance
// and no discretionary hyphens, then with Tolerance and hyphens, then, if
// EmergencyStretch is positive, with that much extra stretch on every
// line. Among the feasible solutions it picks the one with least total
// demerits (or, with Looseness, the one nearest the requested number of
// lines). When no pass finds a feasible solution Break still returns lines
// — the solution that minimises the total overfull width, then demerits —
// together with a *BreakError; callers decide whether to use them.
//
// Break runs in time proportional to the number of items times the number
// of candidate breakpoints within one line's reach (more with Looseness or
// ShapeLines < 0, and never more than maxActiveNodes, 4096), and its
// memory beyond the result is proportional to the number of lines. It
// never modifies items. An empty paragraph gives no lines.
func Break(items []Item, lineWidth func(line int) Length, p Params) ([]Line, error) {
	lines, _, err := breakParagraph(items, lineWidth, p)
	return lines, err
}

// breakParagraph is Break that also reports which pass succeeded.
func breakParagraph(items []Item, lineWidth func(line int) Length, p Params) ([]Line, int, error) {
	if lineWidth == nil {
		return nil, 0, errors.New("layout: Break needs a lineWidth function")
	}
	if len(items) == 0 {
		return nil, 0, nil
	}
	b := newLineBreaker(items, lineWidth, p)
	defer func() {
		b.items, b.lineWidth = nil, nil // keep the buffers, not the paragraph
		breakers.Put(b)
	}()
	type pass struct {
		id        int
		threshold int
		hyphenate bool
		emergency Length
		final     bool
	}
	passes := make([]pass, 0, 3)
	if p.Pretolerance >= 0 {
		passes = append(passes, pass{lbPassPretolerance, p.Pretolerance, false, 0, false})
	}
	passes = append(passes, pass{lbPassTolerance, p.Tolerance, true, 0, p.EmergencyStretch <= 0})
	if p.EmergencyStretch > 0 {
		passes = append(passes, pass{lbPassEmergency, p.Tolerance, true, p.EmergencyStretch, true})
	}
	var fallback []Line // a solution that missed Looseness
	fallbackPass := 0
	for _, ps := range passes {
		if !b.run(ps.threshold, ps.hyphenate, ps.emergency, false) {
			continue
		}
		best, ok := b.choose(ps.final)
		if ok {
			return b.lines(best), ps.id, nil
		}
		fallback, fallbackPass = b.lines(best), ps.id
	}
	if fallback != nil {
		return fallback, fallbackPass, nil
	}
	// TeX would now force "artificial demerits" on the last active node.
	// Instead, accept every underfull line and record the first overfull
	// break from every candidate, minimising overfullness first.
	b.run(InfBad, true, max(p.EmergencyStretch, 0), true)
	best, _ := b.choose(true)
	lines := b.lines(best)
	e := &BreakError{}
	for i, l := range lines {
		if l.IsOverfull() {
			e.Overfull = append(e.Overfull, i)
		} else if l.Badness > p.Tolerance {
			e.Underfull = append(e.Underfull, i)
		}
	}
	return lines, lbPassRescue, e
}

// lbTotals are sums of widths, stretch per order and shrink.
type lbTotals struct {
	width   Length
	stretch [4]Length
	shrink  Length
}

func (t *lbTotals) addGlue(g *Item) {
	t.width += g.Width
	t.stretch[glueOrderIndex(g.StretchOrder)] += g.Stretch
	t.shrink += g.Shrink
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
	cur       lbTotals // totals of items[0:i] at the current item i
	nodes     []lbActive
	free      []int32
	first     int32 // first active node, -1 when none is left
	active    int   // number of active nodes
	passive   []lbPassive
	costs     []lbCost // scratch for prune
	collectAt int      // collect passive nodes when there are this many
	remap     []int32  // scratch for collect
	noCollect bool     // tests: never collect

	minimal   [4]int64 // TeX's minimal_demerits per fitness class
	minOvf    [4]Length
	bestPlace [4]int32
	bestLine  [4]int
	minD      int64 // TeX's minimum_demerits
	minDOvf   Length

	// after-break cache: items (cacheFrom, cacheJ) are all discardable
	cacheFrom, cacheJ int
	cacheT            lbTotals
}

// breakers are reused across paragraphs: their node lists are the line breaker's only
// allocations besides the result.
var breakers = sync.Pool{New: func() any { return new(lineBreaker) }}

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
	b.cur = lbTotals{}
	b.nodes = b.nodes[:0]
	b.free = b.free[:0]
	b.passive = b.passive[:0]
	b.collectAt = minCollect
	b.cacheFrom, b.cacheJ = -1, -1
	for f := range b.minimal {
		b.minimal[f] = awfulBad
	}
	b.minD = awfulBad
	b.nodes = append(b.nodes, lbActive{next: -1, passive: -1, fitness: FitDecent})
	b.first = 0
	b.active = 1

	items := b.items
	for i := 0; i < b.final; i++ {
		it := &items[i]
		switch it.Kind {
		case KindGlue:
			if i > 0 && !items[i-1].discardable() && !b.try(i, 0, false) {
				return false
			}
			b.cur.addGlue(it)
		case KindPenalty:
			if it.Flagged && it.Width > 0 && !hyphenate {
				continue
			}
			if pi := b.penalty(it); pi < InfPenalty && !b.try(i, pi, it.Flagged) {
				return false
			}
		default:
			b.cur.width += it.Width
		}
	}
	// The final break is "hyphenated" so that FinalHyphenDemerits apply
	// (TeX §873 calls try_break(eject_penalty, hyphenated)).
	return b.try(b.final, EjectPenalty, true)
}

// try calls tryBreak, keeps the active list within maxActiveNodes and
// reports whether any active node is left.
func (b *lineBreaker) try(pos, pi int, hyphenated bool) bool {
	b.tryBreak(pos, pi, hyphenated)
	if b.active > maxActiveNodes {
		b.prune()
	}
	if len(b.passive) >= b.collectAt && !b.noCollect {
		b.collect()
	}
	return b.first >= 0
}

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

// afterBreak returns the index of the first item of a line that starts
// after a break at pos, and the totals of the items before it: the break
// item and the glue and penalties that follow it are discarded (TeX §837).
func (b *lineBreaker) afterBreak(pos int) (int, lbTotals) {
	if b.cacheFrom <= pos && pos < b.cacheJ {
		return b.cacheJ, b.cacheT
	}
	items := b.items
	t := b.cur
	if pos >= len(items) {
		return len(items), t
	}
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
	return j, t
}

// lbBetter reports whether (ovf, d) is strictly better than (ovf2, d2).
func lbBetter(ovf Length, d int64, ovf2 Length, d2 int64) bool {
	return ovf < ovf2 || ovf == ovf2 && d < d2
}

// tryBreak considers a break at items[pos] with penalty pi (TeX's
// try_break, §829): it computes the line from every active node to pos,
// records the best way to reach pos in each fitness class, deactivates
// nodes from which a line would now be overfull, and inserts new active
// nodes for pos.
func (b *lineBreaker) tryBreak(pos int, pi int, hyphenated bool) {
	forced := pi <= EjectPenalty
	if forced {
		pi = EjectPenalty
	}
	final := pos == b.final
	var pw Length // width added to the line if it breaks here
	if pos < len(b.items) && b.items[pos].Kind == KindPenalty {
		pw = b.items[pos].Width
	}
	breakKnown := false
	var bj int
	var bt lbTotals
	prev := int32(-1)
	r := b.first
	oldL := -1
	var lw Length
	for {
		l := math.MaxInt
		if r >= 0 {
			l = b.nodes[r].line
		}
		if l > oldL {
			// A new line-number class starts: first create active
			// nodes for the breaks found in the previous class
			// (TeX §835).
			if b.minD < awfulBad && (oldL != b.easyLine || r < 0) {
				if !breakKnown {
					bj, bt = b.afterBreak(pos)
					breakKnown = true
				}
				prev = b.insert(prev, r, pos, bj, &bt, hyphenated)
			}
			if r < 0 {
				return
			}
			if l > b.easyLine {
				lw = b.second
				oldL = math.MaxInt - 1
			} else {
				oldL = l
				lw = b.measure(l)
			}
		}
		nd := &b.nodes[r]

		// The line from nd to pos (TeX §851).
		w, sh := b.bg.width+pw, b.bg.shrink
		st := b.bg.stretch
		if pos >= nd.after {
			w += b.cur.width - nd.t.width
			sh += b.cur.shrink - nd.t.shrink
			for o := range st {
				st[o] += b.cur.stretch[o] - nd.t.stretch[o]
			}
		} // else only discardable items lie between: an empty line
		shortfall := lw - w
		var bad int
		var fit int8
		var lineOvf Length
		switch {
		case shortfall > 0:
			if st[Fil] != 0 || st[Fill] != 0 || st[Filll] != 0 {
				bad, fit = 0, FitDecent
			} else if shortfall > 7230584 && st[Normal] < 1663497 {
				bad, fit = InfBad, FitVeryLoose
			} else {
				bad = Badness(shortfall, st[Normal])
				switch {
				case bad > 99:
					fit = FitVeryLoose
				case bad > 12:
					fit = FitLoose
				default:
					fit = FitDecent
				}
			}
		case shortfall < 0:
			if -shortfall > sh {
				bad = InfBad + 1
				lineOvf = -shortfall - max(sh, 0)
			} else {
				bad = Badness(-shortfall, sh)
			}
			if bad > 12 {
				fit = FitTight
			} else {
				fit = FitDecent
			}
		default:
			bad, fit = 0, FitDecent
		}

		stays := true
		if bad > InfBad || forced {
			// The node cannot reach beyond pos (TeX §854).
			if bad > b.threshold && !(b.rescue && bad > InfBad) {
				r = b.deactivate(prev, r)
				continue
			}
			stays = false
		} else {
			prev = r
			if bad > b.threshold {
				r = nd.next
				continue
			}
		}

		// Record the feasible break (TeX §855, §859).
		d := int64(b.p.LinePenalty) + int64(bad)
		if d >= 10000 || d <= -10000 {
			d = 100000000
		} else {
			d *= d
		}
		if pi > 0 {
			d += int64(pi) * int64(pi)
		} else if pi < 0 && pi > EjectPenalty {
			d -= int64(pi) * int64(pi)
		}
		if hyphenated && nd.hyphenated {
			if final {
				d += int64(b.p.FinalHyphenDemerits)
			} else {
				d += int64(b.p.DoubleHyphenDemerits)
			}
		}
		if df := fit - nd.fitness; df > 1 || df < -1 {
			d += int64(b.p.AdjDemerits)
		}
		d += nd.demerits
		ovf := nd.ovf + lineOvf
		if !lbBetter(b.minOvf[fit], b.minimal[fit], ovf, d) || b.minimal[fit] == awfulBad {
			// d <= minimal_demerits[fit]: later nodes win ties, as in TeX.
			b.minimal[fit], b.minOvf[fit] = d, ovf
			b.bestPlace[fit], b.bestLine[fit] = nd.passive, l
			if b.minD == awfulBad || lbBetter(ovf, d, b.minDOvf, b.minD) {
				b.minD, b.minDOvf = d, ovf
			}
		}
		if stays {
			r = nd.next
			continue
		}
		r = b.deactivate(prev, r)
	}
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
	b.free = append(b.free, r)
	b.active--
	return next
}

// insert creates active nodes for a break at pos, one for each fitness class
// whose best demerits are within AdjDemerits of the best overall (TeX
// §836, §845), linking them between prev and r. It returns the last node
// inserted (the new prev) and resets the per-class minima.
func (b *lineBreaker) insert(prev, r int32, pos, after int, t *lbTotals, hyphenated bool) int32 {
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
	for f := range b.minimal {
		if b.minimal[f] <= limit && b.minOvf[f] == b.minDOvf {
			b.passive = append(b.passive, lbPassive{
				demerits: b.minimal[f],
				pos:      pos,
				prev:     b.bestPlace[f],
				fitness:  int8(f),
			})
			nd := lbActive{
				t:          *t,
				demerits:   b.minimal[f],
				ovf:        b.minOvf[f],
				line:       b.bestLine[f] + 1,
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
			prev = q
		}
		b.minimal[f] = awfulBad
		b.minOvf[f] = 0
	}
	b.minD, b.minDOvf = awfulBad, 0
	return prev
}

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
	count := 0
	for q := b.nodes[best].passive; q >= 0; q = b.passive[q].prev {
		count++
	}
	lines := make([]Line, count)
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
				t.width += it.Width
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

// setGlue sets Ratio, Order, Badness and Overfull of a line that must grow
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
