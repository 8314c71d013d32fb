package layout_test

import (
	"strings"
	"testing"

	"bindery/book/layout"
)

// headingLines gathers the lines of each heading of a kind, in order: a heading's lines are
// consecutive lines of that kind on a page.
func headingLines(d *layout.Document, kinds ...layout.LineKind) [][]string {
	var out [][]string
	for _, p := range d.Pages {
		prev := false
		for _, l := range p.Lines {
			is := false
			for _, k := range kinds {
				is = is || l.Kind == k
			}
			if is && prev && l.First {
				prev = false
			}
			if is {
				if !prev {
					out = append(out, nil)
				}
				out[len(out)-1] = append(out[len(out)-1], l.Text)
			}
			prev = is
		}
	}
	return out
}

// TestDisplayHeadingsBalanced: a title or heading that breaks leaves no word alone on its
// last line, its lines are of like length, and it breaks at a phrase boundary near the
// middle rather than after an article or a preposition.
func TestDisplayHeadingsBalanced(t *testing.T) {
	titles := []string{
		"The gas war and the overthrow of President Mesa in the autumn of Mesa",
		"From the defensive to the offensive after the election of 1999, and the years after",
		"Shock therapy; the New Economic Policy and its consequences for the miners",
		"Counting, grouping and naming the very large numbers that astronomers use",
	}
	var src []string
	for _, ti := range titles {
		src = append(src, "# "+ti+"\n\n"+lorem+"\n\n## "+ti+" "+ti+"\n\n"+lorem+"\n")
	}
	d := typeset(t, book(t, src...), settings(t))
	n := 0
	for _, h := range headingLines(d, layout.LineChapterTitle, layout.LineHeading) {
		if len(h) < 2 {
			continue
		}
		n++
		last := strings.Fields(h[len(h)-1])
		if len(last) < 2 {
			t.Errorf("heading %q: one word alone on its last line", h)
		}
		for _, l := range h[:len(h)-1] {
			words := strings.Fields(l)
			switch strings.ToLower(words[len(words)-1]) {
			case "the", "of", "a", "and", "to", "in":
				t.Errorf("heading %q: a line ends with %q", h, words[len(words)-1])
			}
		}
		short, long := len(h[0]), len(h[0])
		for _, l := range h {
			short, long = min(short, len(l)), max(long, len(l))
		}
		if short*2 < long {
			t.Errorf("heading %q: lines of %d and %d characters are not balanced", h, short, long)
		}
	}
	if n < 4 {
		t.Fatalf("only %d headings broke: the test sets nothing", n)
	}
}

// TestRunningHeadEllipsis: a chapter title too long for the running head is cut after a
// word and ends in an ellipsis, on one line.
func TestRunningHeadEllipsis(t *testing.T) {
	long := "An extraordinarily long chapter title about the overthrow of governments, the gas war, and the years of the interrevolutionary period"
	body := strings.Repeat(lorem+"\n\n", 40)
	d := typeset(t, book(t, "# "+long+"\n\n"+body), settings(t))
	found := false
	for _, p := range d.Pages {
		if !p.Recto || p.Kind != layout.BodyPage {
			continue
		}
		for _, r := range p.Runs {
			if layout.Length(r.Y) < d.Settings.Top && strings.HasPrefix(r.Text, "An ") {
				found = true
				if !strings.HasSuffix(r.Text, "…") || !strings.HasPrefix(long, strings.TrimSuffix(r.Text, "…")) {
					t.Errorf("page %s: running head %q", p.Label, r.Text)
				}
				if layout.Length(r.X)+layout.Length(r.Width) > d.Settings.PageWidth-d.Settings.Outer {
					t.Errorf("page %s: running head runs into the margin", p.Label)
				}
			}
		}
	}
	if !found {
		t.Fatal("no running head with the chapter's title")
	}
}

// TestChapterOpeningOnGrid: under a chapter title of one line or two, the text stands on
// the baselines of a full page of text.
func TestChapterOpeningOnGrid(t *testing.T) {
	s := settings(t)
	d := typeset(t, book(t,
		"# Short\n\n"+strings.Repeat(lorem+"\n\n", 14),
		"# A chapter title long enough to take two lines at the size of chapter titles\n\n"+strings.Repeat(lorem+"\n\n", 14)), s)
	first := s.Top + s.FontSize
	checked := 0
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Kind != layout.LineParagraph {
				continue
			}
			if (l.Y-first)%s.Leading != 0 {
				t.Errorf("page %s (kind %d): baseline %v is off the grid (%v + n×%v): %q", p.Label, p.Kind, l.Y, first, s.Leading, l.Text)
			}
			checked++
			break
		}
	}
	if checked < 4 {
		t.Fatalf("%d pages checked", checked)
	}
}
