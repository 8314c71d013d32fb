package layout_test

import (
	"strings"
	"testing"
)

// TestTiesHoldAtLineEnds: a number never starts a line after "p.", "Law" or "No.", a unit
// never starts a line after its number, a name never after its initial, wherever they fall
// in a paragraph; and the author's own words (Settings.Ties) are tied too.
func TestTiesHoldAtLineEnds(t *testing.T) {
	var src strings.Builder
	src.WriteString("# Ties\n\n")
	// The pairs at every offset, so that some fall at the end of a line.
	pairs := []string{"p. 12", "Law 1008", "No. 3", "Decree 21060", "70 km", "15 million", "F. Quispe", "Clause 4"}
	for i := 0; i < 40; i++ {
		src.WriteString(strings.Repeat("word ", i%11))
		for _, p := range pairs {
			src.WriteString("and " + p + " then ")
		}
		src.WriteString("end.\n\n")
	}
	s := settings(t)
	s.Ties = []string{"Clause"}
	d := typeset(t, book(t, src.String()), s)
	firsts := map[string]bool{"12": true, "1008": true, "3": true, "21060": true, "km": true, "million": true, "Quispe": true, "4": true}
	lasts := map[string]bool{"p.": true, "Law": true, "No.": true, "Decree": true, "70": true, "15": true, "F.": true, "Clause": true}
	lines := 0
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			w := strings.Fields(l.Text)
			if len(w) == 0 || l.Kind != "paragraph" {
				continue
			}
			lines++
			if firsts[w[0]] {
				t.Errorf("page %s: a line starts with %q: %q", p.Label, w[0], l.Text)
			}
			if lasts[w[len(w)-1]] {
				t.Errorf("page %s: a line ends with %q: %q", p.Label, w[len(w)-1], l.Text)
			}
		}
	}
	if lines < 100 {
		t.Fatalf("%d lines set", lines)
	}
}
