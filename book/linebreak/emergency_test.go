package linebreak

import (
	"errors"
	"slices"
	"testing"
)

// TestEmergencyPassForNarrowMeasure: at 200pt the frog king has no feasible
// breaks within tolerance 200 even with hyphenation; with EmergencyStretch
// the third pass finds some, which may be underfull but never overfull.
func TestEmergencyPassForNarrowMeasure(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	p := DefaultParams()
	lines, pass, err := breakParagraph(items, FixedMeasure(200*Pt), p)
	var be *BreakError
	if pass != lbPassRescue || !errors.As(err, &be) || len(be.Overfull) != 0 || len(be.Underfull) == 0 {
		t.Fatalf("without emergency stretch: pass %d, err %v; want a BreakError with underfull lines only", pass, err)
	}
	checkLineCover(t, items, lines, p)

	p.EmergencyStretch = 20 * Pt
	lines, pass, err = breakParagraph(items, FixedMeasure(200*Pt), p)
	if err != nil || pass != lbPassEmergency {
		t.Fatalf("with emergency stretch: pass %d, err %v; want the third pass", pass, err)
	}
	checkLineCover(t, items, lines, p)
	loose := 0
	for k, l := range lines {
		if l.IsOverfull() || setLineWidth(items, l) > 200*Pt {
			t.Errorf("line %d overfull", k)
		}
		if l.Badness > p.Tolerance {
			loose++
		}
	}
	if loose == 0 {
		t.Errorf("no line looser than the tolerance: the emergency pass was not needed")
	}
}

// TestUnbreakableBoxOverfull: a single box of 500 characters gives one
// overfull line, reported, without hanging.
func TestUnbreakableBoxOverfull(t *testing.T) {
	items := Finish([]Item{NewBox(500*fakeChar, 0)})
	p := DefaultParams()
	p.EmergencyStretch = 10 * Pt
	lines, err := Break(items, FixedMeasure(300*Pt), p)
	checkLineCover(t, items, lines, p)
	var be *BreakError
	if len(lines) != 1 || !errors.As(err, &be) || !slices.Equal(be.Overfull, []int{0}) {
		t.Fatalf("got %d lines, err %v; want one overfull line", len(lines), err)
	}
	l := lines[0]
	if !l.IsOverfull() || l.Overfull != 2500*Pt-300*Pt || l.Ratio >= -1 || l.Badness != InfBad+1 {
		t.Fatalf("line %+v; want overfull by 2200pt", l)
	}

	// Inside a paragraph, the long box gets a line of its own and the
	// text around it is set normally.
	items = fakeParagraph("In olden times when wishing still helped one", false)
	items = append(items, fakeSpaceGlue(), NewBox(100*fakeChar, 99), fakeSpaceGlue())
	items = Finish(append(items, fakeParagraph("there lived a king whose daughters were all beautiful", false)...))
	lines, err = Break(items, FixedMeasure(150*Pt), p)
	checkLineCover(t, items, lines, p)
	if !errors.As(err, &be) || len(be.Overfull) != 1 {
		t.Fatalf("err %v; want exactly one overfull line", err)
	}
	l = lines[be.Overfull[0]]
	if l.End-l.Start != 1 || items[l.Start].Payload != 99 || l.Overfull != 350*Pt {
		t.Fatalf("overfull line holds items [%d,%d) overfull by %v; want the long box alone, 350pt too wide", l.Start, l.End, l.Overfull)
	}
}
