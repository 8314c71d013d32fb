package layout_test

import (
	"testing"

	"bindery/book/font"
	"bindery/book/layout"
)

// TestMarginsFromCanon: on every page size book.yaml names, the margins stand in the
// canon's proportions (inner to outer and top to bottom as 1 to 2: the binding side the
// narrower, issue 16) and the measure keeps a readable 28 to 34 ems (about 60 to 75
// characters), the body between 9 and 12pt.
func TestMarginsFromCanon(t *testing.T) {
	fam, err := font.LoadFamily("../../fonts", "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	const mm = float64(layout.Pt) * 72 / 25.4
	for _, size := range []struct {
		name          string
		width, height float64 // mm
	}{{"A5", 148, 210}, {"A4", 210, 297}, {"Letter", 215.9, 279.4}, {"6x9in", 152.4, 228.6}, {"HalfLetter", 139.7, 215.9}} {
		s, err := layout.NewSettings(layout.Length(size.width*mm), layout.Length(size.height*mm), fam, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.Inner >= s.Outer || s.Top >= s.Bottom {
			t.Errorf("%s: inner %v, outer %v, top %v, bottom %v: the binding side and the head are not the narrower", size.name, s.Inner, s.Outer, s.Top, s.Bottom)
		}
		if d := s.Outer - 2*s.Inner; d < -2 || d > 2 {
			t.Errorf("%s: outer %v is not twice inner %v", size.name, s.Outer, s.Inner)
		}
		if d := s.Bottom - 2*s.Top; d < -2 || d > 2 {
			t.Errorf("%s: bottom %v is not twice top %v", size.name, s.Bottom, s.Top)
		}
		ems := float64(s.TextWidth()) / float64(s.FontSize)
		if ems < 28 || ems > 34 || s.FontSize < 9*layout.Pt || s.FontSize > 12*layout.Pt {
			t.Errorf("%s: a measure of %.1f ems at %v", size.name, ems, s.FontSize)
		}
		t.Logf("%s: inner %.1f mm, outer %.1f, top %.1f, bottom %.1f; %v on %.1f ems, %d lines", size.name,
			float64(s.Inner)/mm, float64(s.Outer)/mm, float64(s.Top)/mm, float64(s.Bottom)/mm, s.FontSize, ems, s.LinesPerPage())
	}
}
