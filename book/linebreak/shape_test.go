package linebreak

import (
	"slices"
	"testing"
)

// TestShapeLines: a hanging measure (the first three lines 100pt shorter)
// is honoured line by line, and treating all later lines alike
// (ShapeLines 3) gives the same breaks as asking lineWidth about every
// line (ShapeLines -1).
func TestShapeLines(t *testing.T) {
	items := Finish(fakeParagraph(frogKing+" "+frogKing, true))
	calls := 0
	lw := func(n int) Length {
		calls++
		if n < 3 {
			return 240 * Pt
		}
		return 340 * Pt
	}
	p := DefaultParams()
	p.ShapeLines = 3
	easy, err := Break(items, lw, p)
	if err != nil {
		t.Fatal(err)
	}
	if calls > 4 {
		t.Errorf("lineWidth called %d times with ShapeLines 3, want at most 4", calls)
	}
	for k, l := range easy {
		if set := setLineWidth(items, l); set > lw(k) || k < len(easy)-1 && set != lw(k) {
			t.Errorf("line %d sets to %v, measure %v", k, set, lw(k))
		}
	}
	p.ShapeLines = -1
	general, err := Break(items, lw, p)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(easy, general) {
		t.Fatalf("ShapeLines 3 and -1 differ:\n%s\n%s", renderLines(items, frogKing+" "+frogKing, easy), renderLines(items, frogKing+" "+frogKing, general))
	}
	// ShapeLines 0: every line has lineWidth(0).
	p.ShapeLines = 0
	uniform, _ := Break(items, lw, p)
	want, _ := Break(items, FixedMeasure(240*Pt), DefaultParams())
	if !slices.Equal(uniform, want) {
		t.Fatal("ShapeLines 0 did not use lineWidth(0) for every line")
	}
}
