package linebreak

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The breaker's pass as it was before tryBreak judged lines of finite stretch itself (kp37):
// run, try, tryBreak, afterBreak and insert as they were, for TestTryBreakAsBefore.

// runOld is run as it was.
func (b *lineBreaker) runOld(threshold int, hyphenate bool, emergency Length, rescue bool) bool {
	b.threshold, b.hyphenate, b.rescue = threshold, hyphenate, rescue
	b.bg = b.skips
	b.bg.stretch[Normal] += emergency
	b.bgInfinite = b.bg.stretch[Fil] != 0 || b.bg.stretch[Fill] != 0 || b.bg.stretch[Filll] != 0
	b.cur = lbTotals{}
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
	b.first = 0
	b.active = 1

	items := b.items
	for i := 0; i < b.final; i++ {
		it := &items[i]
		switch it.Kind {
		case KindGlue:
			if i > 0 && !items[i-1].discardable() && !b.tryOld(i, 0, false) {
				return false
			}
			b.cur.addGlue(it)
		case KindPenalty:
			if it.Flagged && it.Width > 0 && !hyphenate {
				continue
			}
			if pi := b.penalty(it); pi < InfPenalty && !b.tryOld(i, pi, it.Flagged) {
				return false
			}
		default:
			b.cur.addBox(it)
		}
	}
	// The final break is "hyphenated" so that FinalHyphenDemerits apply
	// (TeX §873 calls try_break(eject_penalty, hyphenated)).
	return b.tryOld(b.final, EjectPenalty, true)
}

// runBase is run as it was before it asked tooLoose (layout41): every breakpoint tried.
func (b *lineBreaker) runBase(threshold int, hyphenate bool, emergency Length, rescue bool) bool {
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
			if i > 0 && !items[i-1].discardable() && !b.tryBreak(i, 0, false) {
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
			if pi := b.penalty(it); pi < InfPenalty && !b.tryBreak(i, pi, it.Flagged) {
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

// tryOld is try as it was.
func (b *lineBreaker) tryOld(pos, pi int, hyphenated bool) bool {
	b.tryBreakOld(pos, pi, hyphenated)
	if b.active > maxActiveNodes {
		b.prune()
	}
	if len(b.passive) >= b.collectAt && !b.noCollect {
		b.collect()
	}
	return b.first >= 0
}

// afterBreakOld is afterBreak as it was.
func (b *lineBreaker) afterBreakOld(pos int) (int, lbTotals) {
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

// tryBreakOld is tryBreak as it was.
func (b *lineBreaker) tryBreakOld(pos int, pi int, hyphenated bool) {
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
					bj, bt = b.afterBreakOld(pos)
					breakKnown = true
				}
				prev = b.insertOld(prev, r, pos, bj, &bt, hyphenated)
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
		bad, fit, lineOvf := b.lineFrom(nd, pos, pw, lw)

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

		// Record the feasible break (TeX §855).
		d := b.demerits(nd, bad, pi, fit, hyphenated, final)
		b.record(&b.best[fit], nd.passive, l, d, nd.ovf+lineOvf)
		if stays {
			r = nd.next
			continue
		}
		r = b.deactivate(prev, r)
	}
}

// insertOld is insert as it was.
func (b *lineBreaker) insertOld(prev, r int32, pos, after int, t *lbTotals, hyphenated bool) int32 {
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
			prev = q
		}
		b.best[f].minimal = awfulBad
		b.best[f].ovf = 0
	}
	b.minD, b.minDOvf = awfulBad, 0
	return prev
}

// TestTryBreakAsBefore: a pass leaves the same active and passive nodes, the same per-class
// minima and the same result as the old pass (and exactly the state runBase leaves), on random paragraphs with infinite stretch in
// the text (some of it cancelling out), negative kerns and stretch, ragged and centred margins, emergency stretch, rescue
// passes, paragraph shapes, looseness, and demerits parameters that overflow a line's or tie.
func TestTryBreakAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 19))
	iters := 6000
	if testing.Short() {
		iters = 600
	}
	infinite, negative := 0, 0
	for it := range iters {
		items := randomLBParagraph(r, 3+r.IntN(60))
		if it%3 == 0 {
			spaceLetters(items)
		}
		for range r.IntN(3) { // infinite stretch within the text, positive or negative
			i := r.IntN(len(items) - 3)
			g := NewFilGlue(Length(r.IntN(3)-1)*Pt, GlueOrder(1+r.IntN(4)))
			items = slices.Insert(items, i, g)
			infinite++
		}
		for range r.IntN(3) { // a negative kern, or glue that stretches negatively
			i := r.IntN(len(items) - 3)
			k := NewBox(-Length(1+r.IntN(80))*Pt, -1)
			if r.IntN(2) == 0 {
				k = NewGlue(Length(r.IntN(5))*Pt, -Length(1+r.IntN(30))*Pt, 0)
			}
			items = slices.Insert(items, i, k)
			negative++
		}
		for range r.IntN(3) { // a forced break, then a breakpoint before the next line's start
			i := r.IntN(len(items) - 3)
			tail := []Item{NewPenalty(EjectPenalty), NewPenalty(r.IntN(200) - 100), NewGlue(Length(r.IntN(5))*Pt, Length(r.IntN(3))*Pt, 0)}
			items = slices.Insert(items, i, tail...)
		}
		p := DefaultParams()
		p.ShapeLines = r.IntN(5) - 1
		if r.IntN(4) == 0 {
			p.Looseness = r.IntN(5) - 2
		}
		switch r.IntN(5) {
		case 0:
			p.RightSkip = NewGlue(0, 10*Pt, 0) // ragged
		case 1:
			p.LeftSkip, p.RightSkip = NewFilGlue(Pt, Fil), NewFilGlue(Pt, Fil) // centred
		case 2:
			p.LeftSkip = NewGlue(5*Pt, 0, Pt)
		}
		if r.IntN(3) == 0 {
			p.LinePenalty = []int{0, -20, 9995, 20000}[r.IntN(4)]
			p.AdjDemerits = []int{0, -10000, min(1<<40, math.MaxInt)}[r.IntN(3)]
			p.DoubleHyphenDemerits, p.FinalHyphenDemerits = r.IntN(3)*5000, r.IntN(3)*5000
		}
		base := Length(40+r.IntN(220)) * Pt
		lw := func(l int) Length { return base - Length(l%3)*7*Pt }
		threshold := []int{100, 200, 1000, 10000}[r.IntN(4)]
		hyph := r.IntN(2) == 0
		emergency := []Length{0, 10 * Pt, 20 * Pt, 150 * Pt, 250 * Pt}[r.IntN(5)] // 150, 250pt: an empty line may be feasible
		rescue := r.IntN(5) == 0
		if rescue {
			threshold = InfBad
		}
		b, old, pre := newLineBreaker(items, lw, p), newLineBreaker(items, lw, p), newLineBreaker(items, lw, p)
		b.noCollect, old.noCollect, pre.noCollect = it%2 == 0, it%2 == 0, it%2 == 0
		ok, okOld := b.run(threshold, hyph, emergency, rescue), old.runOld(threshold, hyph, emergency, rescue)
		// And as run was before tooLoose: every node and slot the same, free list included.
		if okBase := pre.runBase(threshold, hyph, emergency, rescue); okBase != ok || b.first != pre.first || b.last != pre.last ||
			b.active != pre.active || !slices.Equal(b.nodes, pre.nodes) || !slices.Equal(b.free, pre.free) ||
			!slices.Equal(b.passive, pre.passive) || b.best != pre.best || b.minD != pre.minD || b.minDOvf != pre.minDOvf ||
			b.collectAt != pre.collectAt {
			t.Fatalf("iteration %d: the pass differs from runBase's (ok %v, was %v)", it, ok, okBase)
		}
		if ok != okOld || b.first != old.first || b.active != old.active || !slices.Equal(b.passive, old.passive) ||
			b.best != old.best || b.minD != old.minD || b.minDOvf != old.minDOvf {
			t.Fatalf("iteration %d: the pass differs (ok %v, was %v; %d passive nodes, were %d)", it, ok, okOld, len(b.passive), len(old.passive))
		}
		for r, q := b.first, old.first; r >= 0; r, q = b.nodes[r].next, old.nodes[q].next {
			if b.nodes[r] != old.nodes[q] {
				t.Fatalf("iteration %d: active node %+v, was %+v", it, b.nodes[r], old.nodes[q])
			}
		}
		if ok {
			best, _ := b.choose(true)
			bestOld, _ := old.choose(true)
			if l, lOld := b.linesInto(nil, best), old.linesInto(nil, bestOld); !slices.Equal(l, lOld) {
				t.Fatalf("iteration %d: lines %+v, were %+v", it, l, lOld)
			}
		}
	}
	t.Logf("%d infinite glue items, %d negative", infinite, negative)
}
