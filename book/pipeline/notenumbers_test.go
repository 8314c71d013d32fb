package pipeline

import (
	"regexp"
	"testing"

	"bindery/book/layout"
)

// noteNumber is the text a note's first line opens with: its number.
var noteNumber = regexp.MustCompile(`^\d+\.\s`)

// TestNoteNumbersHang: in the default book and in every language fixture, a footnote's
// number hangs in the margin (it ends left of the text block's edge) and every line of the
// note, its first too, starts on that edge (issue 16). Before, the number stood on the edge
// and the note's first line started after it.
func TestNoteNumbersHang(t *testing.T) {
	for _, dir := range []string{"../../manuscript", "../../testdata/books/de", "../../testdata/books/es", "../../testdata/books/fr"} {
		t.Run(dir, func(t *testing.T) {
			b, list, err := Load(dir)
			if err != nil {
				t.Fatalf("%v\n%v", err, list)
			}
			d, _, err := Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			notes := 0
			for _, p := range d.Pages {
				for _, l := range p.Lines {
					if l.Kind != layout.LineFootnote || l.NoteBlock != layout.LineParagraph {
						continue
					}
					var runs []layout.Run // the line's runs, left to right
					for _, r := range p.Runs {
						if layout.Length(r.Y) == layout.Length(l.Y) && r.Text != "" {
							runs = append(runs, r)
						}
					}
					if len(runs) == 0 {
						continue
					}
					text := runs[0]
					if l.First && noteNumber.MatchString(l.Text) {
						notes++
						number := runs[0]
						if len(runs) < 2 {
							t.Fatalf("page %s: a note's first line has its number and nothing else: %q", p.Label, l.Text)
						}
						text = runs[1]
						if end := layout.Length(number.X) + layout.Length(number.Width); end >= layout.Length(l.X) || end < layout.Length(l.X)-layout.Length(l.Width)/20 {
							t.Errorf("page %s: note number %q ends at %v, not just left of the text's edge %v", p.Label, number.Text, end, l.X)
						}
					}
					if d := layout.Length(text.X) - layout.Length(l.X); d < -layout.Pt/100 || d > layout.Pt/100 {
						t.Errorf("page %s: a note's line starts at %v, not on the text's edge %v: %q", p.Label, text.X, l.X, l.Text)
					}
				}
			}
			if notes == 0 {
				t.Fatal("no footnotes found")
			}
			t.Logf("%d notes", notes)
		})
	}
}
