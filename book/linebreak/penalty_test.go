package linebreak

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestForcedBreaksHonoured: a penalty of -10000 always ends a line, even
// where the line is short.
func TestForcedBreaksHonoured(t *testing.T) {
	// "beautiful;\break and": box, forced penalty, space, box.
	var items []Item
	for i, part := range strings.Split(frogKing, "; ") {
		if i > 0 {
			items = append(items, NewPenalty(EjectPenalty), fakeSpaceGlue())
		}
		items = append(items, fakeParagraph(part, true)...)
	}
	items = Finish(items)
	p := DefaultParams()
	lines, err := Break(items, FixedMeasure(300*Pt), p)
	checkLineCover(t, items, lines, p)
	var forced int
	for i, it := range items[:len(items)-1] {
		if it.Kind == KindPenalty && it.Penalty == EjectPenalty {
			forced++
			if !slices.ContainsFunc(lines, func(l Line) bool { return l.End == i }) {
				t.Errorf("no line ends at the forced break %d", i)
			}
		}
	}
	if forced != 3 {
		t.Fatalf("%d forced breaks in the test paragraph, want 3", forced)
	}
	// The lines before forced breaks end short: they are underfull unless
	// they happen to fill the line; either way the caller hears of it.
	var be *BreakError
	if err != nil && !errors.As(err, &be) {
		t.Fatal(err)
	}
}

// TestInfPenaltyNeverBroken: penalties of 10000 are never breakpoints,
// neither is glue after them (a tie, "Mr.~Smith"), so a paragraph whose
// spaces are all tied is one overfull line.
func TestInfPenaltyNeverBroken(t *testing.T) {
	p := DefaultParams()
	// Tie every other space.
	var items []Item
	for i, it := range fakeParagraph(frogKing, false) {
		if it.Kind == KindGlue && i%4 == 1 {
			items = append(items, NewPenalty(InfPenalty))
		}
		items = append(items, it)
	}
	items = Finish(items)
	lines, err := Break(items, FixedMeasure(300*Pt), p)
	checkLineCover(t, items, lines, p) // checks no line ends at a penalty >= 10000
	for _, l := range lines {
		if l.End < len(items) && items[l.End].Kind == KindGlue && items[l.End-1].Kind == KindPenalty {
			t.Fatalf("line broke at tied glue %d", l.End)
		}
	}
	if err != nil {
		t.Logf("tied paragraph: %v", err)
	}

	// All spaces tied: nothing to break at but the end.
	items = nil
	for _, it := range fakeParagraph("one two three four five six seven eight nine ten", false) {
		if it.Kind == KindGlue {
			items = append(items, NewPenalty(InfPenalty+500))
		}
		items = append(items, it)
	}
	items = Finish(items)
	lines, err = Break(items, FixedMeasure(100*Pt), p)
	checkLineCover(t, items, lines, p)
	var be *BreakError
	if len(lines) != 1 || !lines[0].IsOverfull() || !errors.As(err, &be) || !slices.Equal(be.Overfull, []int{0}) {
		t.Fatalf("got %d lines, err %v; want one overfull line", len(lines), err)
	}
}

// TestEmptyParagraph: no items, no lines; a paragraph of only glue is one
// empty line, as in TeX.
func TestEmptyParagraph(t *testing.T) {
	p := DefaultParams()
	for _, items := range [][]Item{nil, {}, Finish(nil)} {
		lines, err := Break(items, FixedMeasure(100*Pt), p)
		if len(lines) != 0 || err != nil {
			t.Fatalf("empty paragraph: %d lines, err %v", len(lines), err)
		}
	}
	items := Finish([]Item{fakeSpaceGlue()})
	lines, err := Break(items, FixedMeasure(100*Pt), p)
	if err != nil || len(lines) != 1 || lines[0].Width != 0 {
		t.Fatalf("paragraph of glue: %+v, %v", lines, err)
	}
	checkLineCover(t, items, lines, p)
	if _, err := Break(items, nil, p); err == nil {
		t.Fatal("nil lineWidth accepted")
	}
}

// TestForcedBreakAtEndMakesEmptyLine: a forced break just before the end of
// a paragraph leaves an empty last line that cannot be filled, which TeX
// reports as "Underfull \hbox (badness 10000)" and Break as a BreakError.
func TestForcedBreakAtEndMakesEmptyLine(t *testing.T) {
	items := Finish(append(fakeParagraph("one two three", false), NewPenalty(EjectPenalty)))
	p := DefaultParams()
	lines, err := Break(items, FixedMeasure(100*Pt), p)
	checkLineCover(t, items, lines, p)
	var be *BreakError
	if len(lines) != 2 || !errors.As(err, &be) || !slices.Equal(be.Underfull, []int{0, 1}) {
		t.Fatalf("got %d lines, err %v", len(lines), err)
	}
	if last := lines[1]; last.Start != last.End || last.Badness != InfBad {
		t.Fatalf("last line %+v; want empty with badness 10000", last)
	}
}

// TestFinish checks TeX's paragraph ending.
func TestFinish(t *testing.T) {
	items := Finish([]Item{NewBox(Pt, 0), fakeSpaceGlue()})
	want := []Item{NewBox(Pt, 0), NewPenalty(InfPenalty), ParFillSkip(), NewPenalty(EjectPenalty)}
	if !slices.Equal(items, want) {
		t.Fatalf("Finish gave %v", items)
	}
}
