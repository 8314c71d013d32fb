package linebreak

import (
	"math"
	"slices"
	"testing"
)

// TestGlueWidth: a line's glue widths follow its ratio and TeX's rounding.
func TestGlueWidth(t *testing.T) {
	g := NewGlue(10*Pt, 4*Pt, 2*Pt)
	cases := []struct {
		l    Line
		want Length
	}{
		{Line{Ratio: 0.5}, 12 * Pt},
		{Line{Ratio: -0.5}, 9 * Pt},
		{Line{Ratio: -3}, 8 * Pt},                 // overfull: shrinks only by its shrink
		{Line{Ratio: math.Inf(-1)}, 8 * Pt},       // overfull without shrink on the line
		{Line{Ratio: 0.5, Order: Fil}, 10 * Pt},   // finite glue does not stretch against fil
		{Line{Ratio: 1.0 / 3}, 10*Pt + 87381},     // 4pt/3 = 87381.33sp
		{Line{Ratio: 1.0 / 65536 / 8}, 10*Pt + 1}, // 0.5sp rounds away from zero
	}
	for _, c := range cases {
		if got := c.l.GlueWidth(g); got != c.want {
			t.Errorf("ratio %v order %d: %v, want %v", c.l.Ratio, c.l.Order, got, c.want)
		}
	}
	if got := (Line{Ratio: 2, Order: Fil}).GlueWidth(ParFillSkip()); got != 2*Pt {
		t.Errorf("parfillskip at ratio 2: %v", got)
	}
}

// TestAppendWidthsCumulativeRounding: three glues stretched by 1/3 sp each
// add up exactly, as TeX's hlist_out rounds the running total.
func TestAppendWidthsCumulativeRounding(t *testing.T) {
	items := []Item{NewBox(Pt, 0), NewGlue(0, 1, 0), NewBox(Pt, 1), NewGlue(0, 1, 0), NewBox(Pt, 2), NewGlue(0, 1, 0), NewBox(Pt, 3)}
	l := Line{Start: 0, End: len(items), Ratio: 1.0 / 3}
	ws := l.AppendWidths(nil, items)
	var glue []Length
	for i, w := range ws {
		if items[i].Kind == KindGlue {
			glue = append(glue, w)
		}
	}
	if !slices.Equal(glue, []Length{0, 1, 0}) {
		t.Fatalf("glue widths %v, want [0 1 0] (rounded running total 0,1,1)", glue)
	}
}
