package linebreak

import "math"

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
