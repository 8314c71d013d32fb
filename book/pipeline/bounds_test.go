package pipeline

import (
	"testing"

	"bindery/book/layout"
)

// TestEverythingInsideTheTextBlock: every run, rule and picture of every page of the default
// book lies inside the page's margins (running heads and folios above and below the text
// block, inside the page), so nothing is cut off or set over the gutter.
func TestEverythingInsideTheTextBlock(t *testing.T) {
	b, _, err := Load("../../manuscript")
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := Layout(b)
	if err != nil {
		t.Fatal(err)
	}
	s := d.Settings
	for _, p := range d.Pages {
		left := s.Outer
		if p.Recto {
			left = s.Inner
		}
		right := left + s.TextWidth()
		for _, r := range p.Runs {
			// A list label may hang into the margin, by less than the margin.
			if layout.Length(r.X) < left-s.Outer/2 || layout.Length(r.X)+layout.Length(r.Width) > right+1 || layout.Length(r.Y) < 0 || layout.Length(r.Y) > s.PageHeight {
				t.Errorf("page %s: %q at x %.1f–%.1fpt, y %.1fpt lies outside the text block (x %.1f–%.1fpt)",
					p.Label, r.Text, toPt(layout.Length(r.X)), toPt(layout.Length(r.X)+layout.Length(r.Width)), toPt(layout.Length(r.Y)), toPt(left), toPt(right))
			}
		}
		for _, r := range p.Rules {
			if r.X < left || r.X+r.W > right+1 {
				t.Errorf("page %s: a rule at x %.1f–%.1fpt lies outside the text block", p.Label, toPt(r.X), toPt(r.X+r.W))
			}
		}
	}
}

func toPt(l layout.Length) float64 { return float64(l) / float64(layout.Pt) }
