package linebreak

import (
	"slices"
	"testing"
)

func consecutiveHyphens(lines []Line) int {
	n := 0
	for k := 1; k < len(lines); k++ {
		if lines[k].Hyphenated && lines[k-1].Hyphenated {
			n++
		}
	}
	return n
}

// TestDoubleHyphenDemeritsAvoidConsecutiveHyphens: across a range of
// measures, DoubleHyphenDemerits never increase the number of consecutive
// hyphenated lines, and somewhere they remove them.
func TestDoubleHyphenDemeritsAvoidConsecutiveHyphens(t *testing.T) {
	items := Finish(withHyphenPenalty(fakeParagraph(frogKing, true), 0))
	with, without := 0, 0
	for m := Length(100); m <= 420; m += 5 {
		p := DefaultParams()
		p.Pretolerance = -1
		p.Tolerance = 1000
		l1, err1 := Break(items, FixedMeasure(m*Pt), p)
		p.DoubleHyphenDemerits = 0
		l0, err0 := Break(items, FixedMeasure(m*Pt), p)
		if (err0 == nil) != (err1 == nil) {
			continue
		}
		c1, c0 := consecutiveHyphens(l1), consecutiveHyphens(l0)
		if c1 > c0 {
			t.Errorf("measure %vpt: %d consecutive hyphens with DoubleHyphenDemerits, %d without", m, c1, c0)
		}
		with += c1
		without += c0
	}
	t.Logf("consecutive hyphenated lines: %d with DoubleHyphenDemerits, %d without", with, without)
	if with >= without {
		t.Fatalf("DoubleHyphenDemerits made no difference (%d vs %d)", with, without)
	}
}

// TestFinalHyphenDemerits: a high FinalHyphenDemerits keeps the second-last
// line from ending in a hyphen wherever the tolerance allows.
func TestFinalHyphenDemerits(t *testing.T) {
	items := Finish(withHyphenPenalty(fakeParagraph(frogKing, true), 0))
	changed := 0
	for m := Length(100); m <= 420; m += 5 {
		p := DefaultParams()
		p.Pretolerance = -1
		p.FinalHyphenDemerits = 0
		l0, err0 := Break(items, FixedMeasure(m*Pt), p)
		p.FinalHyphenDemerits = 1000000
		l1, err1 := Break(items, FixedMeasure(m*Pt), p)
		if err0 != nil || err1 != nil || len(l0) < 2 {
			continue
		}
		if l0[len(l0)-2].Hyphenated && !l1[len(l1)-2].Hyphenated {
			changed++
		}
		if l1[len(l1)-2].Hyphenated && !l0[len(l0)-2].Hyphenated {
			t.Errorf("measure %vpt: FinalHyphenDemerits added a final hyphen", m)
		}
	}
	if changed == 0 {
		t.Skip("no measure where the second-last line would be hyphenated")
	}
}

// TestFirstPassIgnoresDiscretionaries: when the first pass succeeds, no line
// ends at a discretionary hyphen, while an explicit hyphen ("lime-tree") is
// a breakpoint in every pass.
func TestFirstPassIgnoresDiscretionaries(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	for _, m := range []Length{190, 240, 250, 320, 340, 380, 400} {
		lines, pass, err := breakParagraph(items, FixedMeasure(m*Pt), DefaultParams())
		if err != nil || pass != lbPassPretolerance {
			t.Fatalf("measure %vpt: pass %d, %v; want the first pass to succeed", m, pass, err)
		}
		for k, l := range lines {
			if l.Hyphenated && items[l.End].Width > 0 {
				t.Fatalf("measure %vpt: line %d ends at a discretionary in the first pass", m, k)
			}
		}
	}
	// With only an explicit hyphen to break at, the first pass uses it.
	items = Finish(fakeParagraph("xxxxxxxxxx-yyyyyyyyyy", false))
	p := DefaultParams()
	p.Pretolerance = 10000
	lines, pass, err := breakParagraph(items, FixedMeasure(60*Pt), p)
	if err != nil || pass != lbPassPretolerance || len(lines) != 2 || !lines[0].Hyphenated {
		t.Fatalf("explicit hyphen: pass %d, %d lines, err %v", pass, len(lines), err)
	}
	if lines[0].Width != 55*Pt {
		t.Fatalf("explicit hyphen line is %v wide, want 55pt (the hyphen is in the box)", lines[0].Width)
	}
}

// TestHyphenPenaltyIsInTheItems: the cost of a hyphenation point is the
// item's Penalty, so a discretionary of cost 10000 is never taken, and
// Params.HyphenPenalty is not added on top of it.
func TestHyphenPenaltyIsInTheItems(t *testing.T) {
	p := DefaultParams()
	p.Pretolerance = -1
	forbidden := Finish(withHyphenPenalty(fakeParagraph(frogKing, true), InfPenalty))
	normal := Finish(fakeParagraph(frogKing, true))
	for _, m := range []Length{200, 240, 300} {
		lines, _ := Break(forbidden, FixedMeasure(m*Pt), p)
		for k, l := range lines {
			if l.Hyphenated && forbidden[l.End].Width > 0 {
				t.Fatalf("measure %vpt: line %d broke at a discretionary of cost 10000", m, k)
			}
		}
		q := p
		q.HyphenPenalty, q.ExHyphenPenalty = 5000, 5000
		a, _ := Break(normal, FixedMeasure(m*Pt), p)
		b, _ := Break(normal, FixedMeasure(m*Pt), q)
		if !slices.Equal(a, b) {
			t.Fatalf("measure %vpt: Params.HyphenPenalty changed the breaks", m)
		}
	}
	if got := (&lineBreaker{}).penalty(&Item{Kind: KindPenalty, Flagged: true, Penalty: -20000}); got != EjectPenalty {
		t.Errorf("penalty -20000 costs %d, want it clamped to %d", got, EjectPenalty)
	}
}
