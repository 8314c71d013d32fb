package linebreak

import "testing"

// TestRaggedRight: with fixed inter-word spaces and a stretchable
// RightSkip (plain TeX's \raggedright), every inter-word space keeps its
// natural width, no line is wider than the measure, and the right margin
// takes the slack.
func TestRaggedRight(t *testing.T) {
	const em = 10 * Pt
	var items []Item
	for _, it := range fakeParagraph(frogKing, true) {
		if it.Kind == KindGlue {
			it = NewGlue(fakeSpace, 0, 0)
		}
		items = append(items, it)
	}
	items = Finish(items)
	p := DefaultParams()
	p.RightSkip = NewGlue(0, 2*em, 0)
	measure := 320 * Pt
	lines, err := Break(items, FixedMeasure(measure), p)
	if err != nil {
		t.Fatal(err)
	}
	checkLineCover(t, items, lines, p)
	ragged := 0
	for k, l := range lines {
		ws := l.AppendWidths(nil, items)
		for i, w := range ws {
			if it := items[l.Start+i]; it.Kind == KindGlue && it.StretchOrder == Normal && w != fakeSpace {
				t.Fatalf("line %d: space set to %v", k, w)
			}
		}
		set := setLineWidth(items, l)
		if set > measure {
			t.Fatalf("line %d: %v wider than the measure", k, set)
		}
		if k < len(lines)-1 {
			if got := set + l.GlueWidth(p.LeftSkip) + l.GlueWidth(p.RightSkip); got < measure-1 || got > measure+1 {
				t.Fatalf("line %d: content %v + right skip %v != measure", k, set, l.GlueWidth(p.RightSkip))
			}
			if set < measure {
				ragged++
			}
		}
	}
	if ragged == 0 {
		t.Fatal("no ragged lines")
	}
}
