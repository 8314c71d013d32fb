package linebreak

import (
	"math/rand/v2"
	"testing"
)

// refCost is the cost of a path: total overfullness (only in the rescue
// pass), then demerits.
type refCost struct {
	ovf Length
	d   int64
}

var refNone = refCost{0, awfulBad}

func (c refCost) less(o refCost) bool {
	if o.d == awfulBad {
		return c.d != awfulBad
	}
	return c.d != awfulBad && lbBetter(c.ovf, c.d, o.ovf, o.d)
}

// referenceBreak is an independent, deliberately simple O(n²·lines)
// dynamic programme over every pair of breakpoints, with the same badness,
// fitness and demerits rules as TeX. It returns the least cost for each
// number of lines (refNone where impossible) for one pass. A line may
// start at a breakpoint and end at any later one up to the first forced
// break or the first where it is overfull; in the rescue pass that
// overfull line is allowed too, and its excess width counted.
func referenceBreak(items []Item, lineWidth func(int) Length, p Params, threshold int, hyphenate bool, emergency Length, rescue bool) []refCost {
	b := newLineBreaker(items, lineWidth, p)
	type bp struct {
		pos    int
		pi     int
		hyph   bool
		forced bool
	}
	bps := []bp{{pos: -1}}
	for i := 0; i < b.final; i++ {
		it := &items[i]
		switch it.Kind {
		case KindGlue:
			if i > 0 && !items[i-1].discardable() {
				bps = append(bps, bp{pos: i})
			}
		case KindPenalty:
			if it.Flagged && it.Width > 0 && !hyphenate {
				continue
			}
			if pi := b.penalty(it); pi < InfPenalty {
				bps = append(bps, bp{i, max(pi, EjectPenalty), it.Flagged, pi <= EjectPenalty})
			}
		}
	}
	bps = append(bps, bp{b.final, EjectPenalty, true, true})
	after := func(pos int) int {
		if pos < 0 {
			return 0
		}
		j := pos + 1
		for j < len(items) && items[j].discardable() {
			j++
		}
		return j
	}
	nb := len(bps)
	dp := make([][4][]refCost, nb)
	for i := range dp {
		for f := range dp[i] {
			dp[i][f] = make([]refCost, nb+1)
			for l := range dp[i][f] {
				dp[i][f][l] = refNone
			}
		}
	}
	dp[0][FitDecent][0] = refCost{}
	for ai := range nb {
		a := bps[ai]
		start := after(a.pos)
		for fa := range 4 {
			for l := range nb {
				da := dp[ai][fa][l]
				if da.d == awfulBad {
					continue
				}
				for bi := ai + 1; bi < nb; bi++ {
					c := bps[bi]
					t := b.skips
					t.stretch[Normal] += emergency
					for j := start; j < c.pos; j++ {
						switch items[j].Kind {
						case KindGlue:
							t.addGlue(&items[j])
						case KindPenalty:
						default:
							t.width += items[j].Width
							t.stretch[Normal] += items[j].Stretch
							t.shrink += items[j].Shrink
						}
					}
					if c.pos < len(items) && items[c.pos].Kind == KindPenalty {
						t.width += items[c.pos].Width
					}
					short := b.measure(l) - t.width
					bad, fit := 0, FitDecent
					var lineOvf Length
					switch {
					case short > 0:
						if t.stretch[Fil] != 0 || t.stretch[Fill] != 0 || t.stretch[Filll] != 0 {
							break
						}
						if short > 7230584 && t.stretch[Normal] < 1663497 {
							bad = InfBad
						} else {
							bad = Badness(short, t.stretch[Normal])
						}
						if bad > 99 {
							fit = FitVeryLoose
						} else if bad > 12 {
							fit = FitLoose
						}
					case short < 0:
						if -short > t.shrink {
							bad = InfBad + 1
							lineOvf = -short - t.shrink
						} else {
							bad = Badness(-short, t.shrink)
						}
						if bad > 12 {
							fit = FitTight
						}
					}
					if bad <= threshold || rescue {
						d := int64(p.LinePenalty + bad)
						if d >= 10000 || d <= -10000 {
							d = 100000000
						} else {
							d *= d
						}
						if c.pi > 0 {
							d += int64(c.pi * c.pi)
						} else if c.pi < 0 && c.pi > EjectPenalty {
							d -= int64(c.pi * c.pi)
						}
						if c.hyph && a.hyph {
							if c.pos == b.final {
								d += int64(p.FinalHyphenDemerits)
							} else {
								d += int64(p.DoubleHyphenDemerits)
							}
						}
						if fit-fa > 1 || fa-fit > 1 {
							d += int64(p.AdjDemerits)
						}
						if c := (refCost{da.ovf + lineOvf, da.d + d}); c.less(dp[bi][fit][l+1]) {
							dp[bi][fit][l+1] = c
						}
					}
					if c.forced || bad > InfBad {
						break
					}
				}
			}
		}
	}
	best := make([]refCost, nb+1)
	for l := range best {
		best[l] = refNone
		for f := range 4 {
			if c := dp[nb-1][f][l]; c.less(best[l]) {
				best[l] = c
			}
		}
	}
	return best
}

// randomParagraph makes a paragraph of random words with random
// hyphenation points, explicit hyphens, penalties and forced breaks.
func randomLBParagraph(r *rand.Rand, nwords int) []Item {
	var items []Item
	for w := range nwords {
		if w > 0 {
			switch r.IntN(20) {
			case 0:
				items = append(items, NewPenalty(EjectPenalty))
			case 1:
				items = append(items, NewPenalty(r.IntN(200)-100))
			case 2:
				items = append(items, NewPenalty(InfPenalty)) // a tie: the glue is no breakpoint
			}
			items = append(items, fakeSpaceGlue())
		}
		n := 1 + r.IntN(12)
		for n > 0 {
			k := min(n, 2+r.IntN(4))
			items = append(items, NewBox(Length(k)*fakeChar, w))
			n -= k
			if n > 0 {
				switch r.IntN(6) {
				case 0:
					items = append(items, NewExHyphen(50))
				case 1, 2:
					items = append(items, NewDiscretionary(fakeHyphen, r.IntN(150)-20))
				}
			}
		}
	}
	return Finish(items)
}

// TestBreakMatchesReference compares every pass of the breaker with the
// brute-force dynamic programme on random paragraphs, measures and
// paragraph shapes: the same feasibility and the same least demerits,
// with and without looseness.
func TestBreakMatchesReference(t *testing.T) {
	var statFeasible, statInfeasible, statLoose, statRescue, statOverfull int
	defer func() {
		t.Logf("feasible %d, infeasible %d, with looseness %d, rescue passes %d (with overfull lines %d)",
			statFeasible, statInfeasible, statLoose, statRescue, statOverfull)
	}()
	r := rand.New(rand.NewPCG(1, 2))
	iters := 1500
	if testing.Short() {
		iters = 200
	}
	for it := range iters {
		items := randomLBParagraph(r, 3+r.IntN(40))
		if it%3 == 0 {
			spaceLetters(items)
		}
		p := DefaultParams()
		p.ShapeLines = r.IntN(5) - 1
		if r.IntN(4) == 0 {
			p.Looseness = r.IntN(5) - 2
		}
		if r.IntN(4) == 0 {
			p.RightSkip = NewGlue(0, 10*Pt, 0)
		}
		if r.IntN(8) == 0 {
			p.LeftSkip = NewGlue(5*Pt, 0, Pt)
		}
		base := Length(40+r.IntN(220)) * Pt
		special := make([]Length, 8)
		for i := range special {
			special[i] = base - Length(r.IntN(50))*Pt
		}
		lw := func(l int) Length {
			if p.ShapeLines < 0 {
				return special[l%len(special)] // varies on every line
			}
			if l < p.ShapeLines {
				return special[l]
			}
			return base
		}
		threshold := []int{100, 200, 1000, 10000}[r.IntN(4)]
		hyph := r.IntN(2) == 0
		emergency := Length(0)
		if r.IntN(3) == 0 {
			emergency = 20 * Pt
		}
		rescue := r.IntN(5) == 0
		if rescue {
			threshold = InfBad
		}
		b := newLineBreaker(items, lw, p)
		ok := b.run(threshold, hyph, emergency, rescue)
		want := referenceBreak(items, lw, p, threshold, hyph, emergency, rescue)
		feasible := false
		bestL := -1
		for l, c := range want {
			if c.d != awfulBad {
				feasible = true
				if bestL < 0 || c.less(want[bestL]) {
					bestL = l
				}
			}
		}
		if rescue {
			statRescue++
		}
		if rescue && !ok {
			t.Fatalf("iteration %d: the rescue pass failed", it)
		}
		if ok != feasible {
			t.Fatalf("iteration %d: breaker feasible=%v, reference %v", it, ok, feasible)
		}
		if !ok {
			statInfeasible++
			continue
		}
		statFeasible++
		if p.Looseness != 0 {
			statLoose++
		}
		best, _ := b.choose(true)
		got := refCost{b.nodes[best].ovf, b.nodes[best].demerits}
		gotLines := b.nodes[best].line
		wantL := bestL
		if p.Looseness != 0 {
			actual := 0
			for l, c := range want {
				if c.d == awfulBad {
					continue
				}
				diff := l - bestL
				if diff < actual && p.Looseness <= diff || diff > actual && p.Looseness >= diff {
					actual = diff
				}
			}
			wantL = bestL + actual
		}
		if p.Looseness == 0 && got == want[bestL] && want[gotLines] == got {
			wantL = gotLines // ties between line counts may go either way
		}
		if gotLines != wantL || got != want[wantL] {
			t.Fatalf("iteration %d (shape %d, looseness %d, threshold %d, hyph %v): got %d lines with demerits %d, reference %d lines with %d (all %v)",
				it, p.ShapeLines, p.Looseness, threshold, hyph, gotLines, got, wantL, want[wantL], want)
		}
		lines := b.lines(best)
		var sum int64
		var ovf Length
		for _, l := range lines {
			sum += l.Demerits
			ovf += l.Overfull
		}
		if sum != got.d || len(lines) != gotLines || ovf != got.ovf {
			t.Fatalf("iteration %d: lines sum to %d demerits and %v overfull in %d lines, node says %v in %d", it, sum, ovf, len(lines), got, gotLines)
		}
		if rescue && ovf > 0 {
			statOverfull++
		}
		checkLineCover(t, items, lines, p)
		for k, l := range lines {
			// A line that stretches or shrinks is set to its measure, boxes and all.
			if l.Ratio >= -1 && l.Ratio != 0 && l.Order == Normal {
				if got, want := setLineWidth(items, l)+l.GlueWidth(p.LeftSkip)+l.GlueWidth(p.RightSkip), lw(k); got-want > 2 || want-got > 2 {
					t.Fatalf("iteration %d: line %d set %v wide, measure %v (ratio %v)", it, k, got, want, l.Ratio)
				}
			}
		}
	}
}

// spaceLetters lets every box of a paragraph stretch by a fiftieth of its width and shrink
// by a hundredth, as letter spacing does.
func spaceLetters(items []Item) {
	for i := range items {
		if it := &items[i]; it.Kind == KindBox {
			it.Stretch, it.Shrink = it.Width/50, it.Width/100
		}
	}
}
