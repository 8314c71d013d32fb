package linebreak

import "testing"

// TestLooseness: Looseness 1 makes the paragraph one line longer where the
// tolerance allows, -1 one line shorter, and an unattainable looseness
// gives the nearest attainable length.
func TestLooseness(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	p := DefaultParams()
	base, err := Break(items, FixedMeasure(340*Pt), p)
	if err != nil {
		t.Fatal(err)
	}
	p.Looseness = 1
	loose, err := Break(items, FixedMeasure(340*Pt), p)
	if err != nil || len(loose) != len(base)+1 {
		t.Fatalf("looseness 1: %d lines (optimum %d), err %v", len(loose), len(base), err)
	}
	checkLineCover(t, items, loose, p)

	p.Looseness = 0
	base, _ = Break(items, FixedMeasure(330*Pt), p)
	p.Looseness = -1
	tight, err := Break(items, FixedMeasure(330*Pt), p)
	if err != nil || len(tight) != len(base)-1 {
		t.Fatalf("looseness -1: %d lines (optimum %d), err %v", len(tight), len(base), err)
	}

	p.Looseness = 5
	base, _ = Break(items, FixedMeasure(380*Pt), DefaultParams())
	most, err := Break(items, FixedMeasure(380*Pt), p)
	if err != nil || len(most) <= len(base) || len(most) >= len(base)+5 {
		t.Fatalf("looseness 5: %d lines (optimum %d), err %v; want some more but not 5", len(most), len(base), err)
	}
}
