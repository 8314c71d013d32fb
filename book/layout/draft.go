package layout

// draftMark is what a draft prints on every page.
const draftMark = "DRAFT"

// MarkDraft prints a small "DRAFT" in the outer margin of every page, level with the top of
// the text, so that no page of a draft (built with its apparatus unfinished) passes for one
// of the book. The text and its page numbers are not moved.
func (d *Document) MarkDraft() {
	s := d.Settings
	size := s.FontSize * 7 / 10
	w := Length(s.Family.Face(false, false).Measure(draftMark, int64(size), true))
	for _, p := range d.Pages {
		x := (s.Outer - w) / 2 // a verso's outer margin is on the left
		if p.Recto {
			x = s.Inner + s.TextWidth() + (s.Outer-w)/2
		}
		p.Runs = append(p.Runs, Run{X: int32(x), Y: int32(s.Top + size), Size: int32(size), Text: draftMark, Width: int32(w)})
	}
}
