package linebreak

import (
	"slices"
	"testing"
)

// TestPassiveCollection: dropping unreachable passive nodes during a long
// paragraph changes nothing in the result, and keeps their number small.
func TestPassiveCollection(t *testing.T) {
	items := Finish(fakeWords(20000, true))
	for _, p := range []Params{DefaultParams(), {Tolerance: 10000, Pretolerance: -1, LinePenalty: 10, AdjDemerits: 10000}} {
		b := newLineBreaker(items, FixedMeasure(340*Pt), p)
		if !b.run(p.Tolerance, true, 0, false) {
			t.Fatal("no feasible breaks")
		}
		best, _ := b.choose(true)
		with := b.lines(best)
		live := len(b.passive)

		b.noCollect = true
		b.run(p.Tolerance, true, 0, false)
		best, _ = b.choose(true)
		without := b.lines(best)
		t.Logf("tolerance %d: %d lines, %d passive nodes kept, %d without collection", p.Tolerance, len(with), live, len(b.passive))
		if !slices.Equal(with, without) {
			t.Fatal("collection changed the result")
		}
		if live > 4*len(with)+2*minCollect {
			t.Errorf("%d passive nodes kept for %d lines", live, len(with))
		}
	}
}
