package linebreak

import (
	"math/rand"
	"testing"
)

// lineFromSummed is lineFrom as it was before the infinite orders were compared: every
// order's stretch summed for every line.
func (b *lineBreaker) lineFromSummed(nd *lbActive, pos int, pw, lw Length) (bad int, fit int8, ovf Length) {
	w, sh := b.bg.width+pw, b.bg.shrink
	st := b.bg.stretch
	if pos >= nd.after {
		w += b.cur.width - nd.t.width
		sh += b.cur.shrink - nd.t.shrink
		for o := range st {
			st[o] += b.cur.stretch[o] - nd.t.stretch[o]
		}
	}
	shortfall := lw - w
	switch {
	case shortfall > 0:
		if st[Fil] != 0 || st[Fill] != 0 || st[Filll] != 0 {
			return 0, FitDecent, 0
		}
		if shortfall > 7230584 && st[Normal] < 1663497 {
			return InfBad, FitVeryLoose, 0
		}
		bad = Badness(shortfall, st[Normal])
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

// TestLineFromAsSummed: lineFrom judges a line as summing every order of stretch did, with
// margins of no infinite stretch and of some (centred lines, and margins whose infinite
// stretch the line's own cancels), lines with and without material, and infinite orders
// that differ between the line's start and end or only cancel out.
func TestLineFromAsSummed(t *testing.T) {
	rng := rand.New(rand.NewSource(19))
	small := func() Length { return Length(rng.Intn(5)-2) * Pt } // equal values often
	totals := func(inf bool) lbTotals {
		var x lbTotals
		x.width = Length(rng.Int63n(int64(400 * Pt)))
		x.shrink = Length(rng.Int63n(int64(40 * Pt)))
		x.stretch[Normal] = Length(rng.Int63n(int64(80 * Pt)))
		if inf {
			for o := Fil; o <= Filll; o++ {
				x.stretch[o] = small()
			}
		}
		return x
	}
	tried := 0
	for range 200000 {
		b := &lineBreaker{}
		b.bg = totals(rng.Intn(3) == 0)
		b.bg.width /= 8
		b.bgInfinite = b.bg.stretch[Fil] != 0 || b.bg.stretch[Fill] != 0 || b.bg.stretch[Filll] != 0
		inf := rng.Intn(2) == 0
		b.cur = totals(inf)
		nd := &lbActive{t: totals(inf), after: rng.Intn(10)}
		nd.t.width = b.cur.width - Length(rng.Int63n(int64(360*Pt)))
		if rng.Intn(4) == 0 {
			// The line's own infinite stretch cancels the margins'.
			for o := Fil; o <= Filll; o++ {
				nd.t.stretch[o] = b.cur.stretch[o] + b.bg.stretch[o]
			}
		}
		pos, pw, lw := rng.Intn(10), Length(rng.Intn(3))*Pt, Length(300+rng.Intn(80))*Pt
		bad, fit, ovf := b.lineFrom(nd, pos, pw, lw)
		wbad, wfit, wovf := b.lineFromSummed(nd, pos, pw, lw)
		if bad != wbad || fit != wfit || ovf != wovf {
			t.Fatalf("bg %+v cur %+v node %+v pos %d pw %v lw %v: got %d %d %v, want %d %d %v", b.bg, b.cur, nd, pos, pw, lw, bad, fit, ovf, wbad, wfit, wovf)
		}
		if wbad == 0 && lw > b.bg.width+pw {
			tried++ // an infinite stretch's doing, mostly
		}
	}
	if tried == 0 {
		t.Fatal("no line with infinite stretch tried")
	}
}
