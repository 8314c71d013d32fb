package layout_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/hyphen"
	"bindery/book/layout"
	"bindery/book/markdown"
)

func settings(t *testing.T) layout.Settings {
	t.Helper()
	fam, err := font.LoadFamily("../../fonts", "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	hy, err := hyphen.New("en-GB")
	if err != nil {
		t.Fatal(err)
	}
	s, err := layout.NewSettings(27494318, 39012270, fam, hy) // A5
	if err != nil {
		t.Fatal(err)
	}
	if s.Code, err = font.LoadFamily("../../fonts", "DejaVuSansMono"); err != nil {
		t.Fatal(err)
	}
	s.Metrics = true // the tests read the pages' line metrics
	return s
}

func book(t *testing.T, chapters ...string) *doc.Book {
	t.Helper()
	b := &doc.Book{Meta: &doc.Metadata{Title: "Test", Author: "A", Identifier: "x"}, Anchors: doc.NewAnchors()}
	for i, src := range chapters {
		ch, list := markdown.Parse(fmt.Sprintf("c%d.md", i), []byte(src), doc.BodyMatter)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		b.Chapters = append(b.Chapters, ch)
	}
	if err := markdown.RegisterAnchors(b).Err(); err != nil {
		t.Fatal(err)
	}
	return b
}

const lorem = "The workers and peasants of the country organised themselves in assemblies and councils, " +
	"blockaded the roads and marched on the capital, demanding the nationalisation of the gas and a " +
	"constituent assembly, while the government hesitated and the army split under the pressure. "

// continuesNote reports whether a page's notes open with the rest of a note split on the
// page before (a line without its number).
func continuesNote(p *layout.Page) bool {
	for _, l := range p.Lines {
		if l.Kind == "footnote" {
			return !regexp.MustCompile(`^\d+\.`).MatchString(l.Text)
		}
	}
	return false
}

// TestFootnotesOnTheirReferencePage: every note starts on the page that calls it (or right
// behind a note split there), notes sit
// below the text, and a note too long for the rest of its page continues on the next.
func TestFootnotesOnTheirReferencePage(t *testing.T) {
	var src strings.Builder
	src.WriteString("# Notes {#notes}\n\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&src, "%s%s[^n%d] %s\n\n", lorem, lorem, i, lorem)
	}
	for i := 0; i < 30; i++ {
		note := "A short note."
		if i == 7 {
			note = strings.Repeat(lorem, 20) // longer than a page
		}
		fmt.Fprintf(&src, "[^n%d]: %s\n", i, note)
	}
	b := book(t, src.String())
	d, err := layout.Typeset(b, settings(t))
	if err != nil {
		t.Fatal(err)
	}
	ch := b.Chapters[0]
	if len(ch.Footnotes) != 30 {
		t.Fatalf("%d notes", len(ch.Footnotes))
	}
	for _, f := range ch.Footnotes {
		note, ok1 := d.Map.Get(f.ID)
		ref, ok2 := d.Map.Get(f.ID + "-ref")
		if !ok1 || !ok2 {
			t.Fatalf("note %s not in the page map", f.ID)
		}
		// A note called on the page where a note too long for it is split waits behind
		// the rest of that note, at the head of the next page's notes (as TeX holds over
		// the insertions after a split one).
		if note.Page != ref.Page && !(note.Page == ref.Page+1 && continuesNote(d.Pages[note.Page])) {
			t.Errorf("note %d is on page %s, its reference on page %s", f.Number, note.Label, ref.Label)
		}
	}
	split := 0
	for _, p := range d.Pages {
		lowestText, highestNote := layout.Length(0), layout.Length(1<<62)
		notes := 0
		for _, l := range p.Lines {
			if l.Kind == "footnote" {
				highestNote = min(highestNote, l.Y)
				notes++
			} else {
				lowestText = max(lowestText, l.Y)
			}
		}
		if notes > 0 && lowestText >= highestNote-d.Settings.Leading {
			t.Errorf("page %s: text (baseline %v) runs into the notes (%v)", p.Label, lowestText, highestNote)
		}
		for _, l := range p.Lines {
			if l.Kind == "footnote" {
				// A page whose notes start with an unnumbered line continues a split note.
				if !regexp.MustCompile(`^\d+\.`).MatchString(l.Text) {
					split++
				}
				break
			}
		}
		for _, l := range p.Lines {
			if l.Y > d.Settings.TextBottom() {
				t.Errorf("page %s: line below the text block: %q", p.Label, l.Text)
			}
		}
	}
	if split == 0 {
		t.Error("the long note was not continued on a following page")
	}
	if noteLines := countKind(d, "footnote"); noteLines < 60 {
		t.Fatalf("only %d note lines", noteLines)
	}
}

func countKind(d *layout.Document, kind layout.LineKind) int {
	n := 0
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Kind == kind {
				n++
			}
		}
	}
	return n
}

// TestHeadingsKeepWithText: no page ends with a heading, whatever the text before it.
func TestHeadingsKeepWithText(t *testing.T) {
	var src strings.Builder
	src.WriteString("# Sections\n\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&src, "## Section %d\n\n%s\n\n", i, strings.Repeat(lorem, 1+i%4))
	}
	d, err := layout.Typeset(book(t, src.String()), settings(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Pages {
		var body []layout.LineMetrics
		for _, l := range p.Lines {
			if l.Kind != "footnote" {
				body = append(body, l)
			}
		}
		if len(body) == 0 {
			continue
		}
		last := body[len(body)-1]
		if last.Kind == "heading" {
			t.Errorf("page %s ends with heading %q", p.Label, last.Text)
		}
		if len(body) >= 2 && body[len(body)-2].Kind == "heading" {
			t.Errorf("page %s: heading %q followed by one line only", p.Label, body[len(body)-2].Text)
		}
		if last.First && !last.Last && last.Kind == "paragraph" {
			t.Errorf("page %s: orphan %q", p.Label, last.Text)
		}
		if first := body[0]; first.Last && !first.First && first.Kind == "paragraph" {
			t.Errorf("page %s: widow %q", p.Label, first.Text)
		}
	}
}
