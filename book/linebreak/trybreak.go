package linebreak

import "math"

// tryBreak considers a break at items[pos] with penalty pi (TeX's
// try_break, §829): it computes the line from every active node to pos,
// records the best way to reach pos in each fitness class, deactivates
// nodes from which a line would now be overfull, and inserts new active
// nodes for pos. A line of finite stretch with material is judged here,
// without a call (most are, and most are not recorded); lineFrom does the rest.
// It keeps the active list within maxActiveNodes and reports whether any
// active node is left.
func (b *lineBreaker) tryBreak(pos int, pi int, hyphenated bool) bool {
	forced := pi <= EjectPenalty
	if forced {
		pi = EjectPenalty
	}
	var pw Length // width added to the line if it breaks here
	if pos < len(b.items) && b.items[pos].Kind == KindPenalty {
		pw = b.items[pos].Width
	}
	// A line's totals are these less those at its start (nd.t), the same for every node.
	w, st, sh := b.bg.width+pw+b.cur.width, b.bg.stretch[Normal]+b.cur.stretch[Normal], b.bg.shrink+b.cur.shrink
	pd, hd := b.breakDemerits(pi, hyphenated, pos == b.final)
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
				prev = b.insert(prev, r, pos, hyphenated)
			}
			if r < 0 {
				if b.active > maxActiveNodes || len(b.passive) >= b.collectAt && !b.noCollect {
					b.tidy()
				}
				return b.first >= 0
			}
			lw, oldL = b.classOf(l)
		}
		nd := &b.nodes[r]
		bad, fit, lineOvf := 0, int8(FitDecent), Length(0)
		if nd.after <= b.infAt || pos < nd.after {
			bad, fit, lineOvf = b.lineFrom(nd, pos, pw, lw)
		} else if shortfall := lw - (w - nd.t.width); shortfall > 0 {
			// lineFrom's finite stretch, written out.
			if bad = Badness(shortfall, st-nd.t.stretch[Normal]); bad > b.threshold && !forced && oldL == math.MaxInt-1 && nd.after > b.negAt {
				// Too loose, and the later nodes' lines looser still: none records (TeX
				// walks them all).
				prev, r = b.last, -1
				continue
			} else if bad > 99 {
				fit = FitVeryLoose
			} else if bad > 12 {
				fit = FitLoose
			}
		} else if shortfall < 0 {
			if lsh := sh - nd.t.shrink; -shortfall > lsh {
				bad, lineOvf = InfBad+1, -shortfall-max(lsh, 0)
			} else {
				bad = Badness(-shortfall, lsh)
			}
			if bad > 12 {
				fit = FitTight
			}
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

		// Record the feasible break (TeX §855).
		d := b.lineDemerits(nd, bad, fit, pd, hd)
		b.record(&b.best[fit], nd.passive, l, d, nd.ovf+lineOvf)
		if stays {
			r = nd.next
			continue
		}
		r = b.deactivate(prev, r)
	}
}

// classOf returns the measure of line l and the line-number class it starts: l, or all the
// lines past easyLine together.
func (b *lineBreaker) classOf(l int) (Length, int) {
	if l > b.easyLine {
		return b.second, math.MaxInt - 1
	}
	return b.measure(l), l
}

// lineDemerits is demerits with the break's own part from breakDemerits: the same sums in
// the same order. Small enough to be inlined.
func (b *lineBreaker) lineDemerits(nd *lbActive, bad int, fit int8, pd, hd int64) int64 {
	d := int64(b.p.LinePenalty) + int64(bad)
	if d >= 10000 || d <= -10000 {
		d = 100000000
	} else {
		d *= d
	}
	d += pd
	if nd.hyphenated {
		d += hd
	}
	if df := fit - nd.fitness; df > 1 || df < -1 {
		d += int64(b.p.AdjDemerits)
	}
	return d + nd.demerits
}

// breakDemerits are the parts of demerits that depend on the break alone: the penalty's
// ±pi², and what a line to it adds when the line before it ends hyphenated too (0 unless this
// break is hyphenated).
func (b *lineBreaker) breakDemerits(pi int, hyphenated, final bool) (pd, hd int64) {
	if pi > 0 {
		pd = int64(pi) * int64(pi)
	} else if pi < 0 && pi > EjectPenalty {
		pd = -int64(pi) * int64(pi)
	}
	if hyphenated {
		hd = int64(b.p.DoubleHyphenDemerits)
		if final {
			hd = int64(b.p.FinalHyphenDemerits)
		}
	}
	return pd, hd
}

// lineFrom measures the line from active node nd to a break at pos (TeX
// §851–853): its badness and fitness class, and how far it sticks out past
// the measure lw with all its glue shrunk. pw is the width the break adds
// (a discretionary's hyphen).
func (b *lineBreaker) lineFrom(nd *lbActive, pos int, pw, lw Length) (bad int, fit int8, ovf Length) {
	w, sh, st := b.bg.width+pw, b.bg.shrink, b.bg.stretch[Normal]
	between := pos >= nd.after // else only discardable items lie between: an empty line
	if between {
		w += b.cur.width - nd.t.width
		sh += b.cur.shrink - nd.t.shrink
		st += b.cur.stretch[Normal] - nd.t.stretch[Normal]
	}
	shortfall := lw - w
	switch {
	case shortfall > 0:
		// Stretch of an infinite order: most lines have none, their totals of those orders
		// being those of the line's start, with margins that have none (bgInfinite).
		infinite := between && (b.cur.stretch[Fil] != nd.t.stretch[Fil] || b.cur.stretch[Fill] != nd.t.stretch[Fill] || b.cur.stretch[Filll] != nd.t.stretch[Filll])
		if b.bgInfinite {
			infinite = b.infiniteStretch(nd, between)
		}
		if infinite {
			return 0, FitDecent, 0
		}
		if shortfall > 7230584 && st < 1663497 {
			return InfBad, FitVeryLoose, 0
		}
		bad = Badness(shortfall, st)
		switch {
		case bad > 99:
			return bad, FitVeryLoose, 0
		case bad > 12:
			return bad, FitLoose, 0
		}
		return bad, FitDecent, 0
	case shortfall < 0:
		if -shortfall > sh {
			bad = InfBad + 1
			ovf = -shortfall - max(sh, 0)
		} else {
			bad = Badness(-shortfall, sh)
		}
		if bad > 12 {
			return bad, FitTight, ovf
		}
		return bad, FitDecent, ovf
	}
	return 0, FitDecent, 0
}

// infiniteStretch reports whether the line from nd has stretch of an infinite order (any
// order's total not 0), with the margins' (bg) counted.
func (b *lineBreaker) infiniteStretch(nd *lbActive, between bool) bool {
	st := b.bg.stretch
	if between {
		for o := Fil; o <= Filll; o++ {
			st[o] += b.cur.stretch[o] - nd.t.stretch[o]
		}
	}
	return st[Fil] != 0 || st[Fill] != 0 || st[Filll] != 0
}

// demerits are the total demerits of the best path to active node nd
// followed by a line of badness bad and fitness class fit ending at a
// break of penalty pi (TeX §859): (line penalty + badness)² ± pi², the
// double- or final-hyphen demerits, and the adjacency demerits when the
// fitness classes of the two lines differ by more than one.
func (b *lineBreaker) demerits(nd *lbActive, bad, pi int, fit int8, hyphenated, final bool) int64 {
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
	return d + nd.demerits
}

// record keeps a feasible break in c, the best of its fitness class so far, if it is no
// worse (TeX §855; ties go to the later node, as in TeX): reached from the active node whose
// passive node is place, on line l, with total demerits d and overfullness ovf. Small
// enough to be inlined.
func (b *lineBreaker) record(c *lbBest, place int32, l int, d int64, ovf Length) {
	if c.minimal == awfulBad || !lbBetter(c.ovf, c.minimal, ovf, d) {
		// d <= minimal_demerits[fit]: later nodes win ties, as in TeX.
		*c = lbBest{minimal: d, ovf: ovf, place: place, line: l}
		if b.minD == awfulBad || lbBetter(ovf, d, b.minDOvf, b.minD) {
			b.minD, b.minDOvf = d, ovf
		}
	}
}
