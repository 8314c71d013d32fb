package layout_test

import (
	"math"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

func partOf(id, title string) *doc.Chapter {
	ch := chapterOf(id, title)
	ch.Part = true
	return ch
}

// partsBook: a chapter, two parts of chapters (one with a section), and back matter. The
// chapter before the second part ends with a note too long for its page.
func partsBook() *doc.Book {
	section := &doc.Heading{At: at(), Level: 2, ID: "b-s", Inlines: []doc.Inline{txt("A section of B")}}
	note := &doc.Footnote{ID: "c-n1", Label: "n1", Number: 1, Refs: 1, Blocks: []doc.Block{para(txt(strings.Repeat(lorem, 12)))}}
	c := chapterOf("c", "Chapter C", para(txt(lorem)), para(txt(strings.Repeat(lorem, 9)+"Its last words call a note."), &doc.FootnoteRef{At: at(), Note: note, N: 1}))
	c.Footnotes = []*doc.Footnote{note}
	back := chapterOf("e", "Edition notes", para(txt(lorem)))
	back.Matter = doc.BackMatter
	b := modelBook(
		chapterOf("a", "Chapter A", para(txt(lorem))),
		partOf("p1", "Part I: Foundations"),
		chapterOf("b", "Chapter B", para(txt(lorem)), section, para(txt(lorem))),
		c,
		partOf("p2", "Part II: The Struggle"),
		chapterOf("d", "Chapter D", para(txt(lorem))),
	)
	b.Back = []*doc.Chapter{back}
	return b
}

// TestPartTitlePages: a part's title stands alone on its page, centred, larger than a chapter's
// title, a third of the way down, without running head or folio; the next chapter opens a
// page of its own; notes still running end before the part's page. With chapters on rectos,
// the part is on a recto too.
func TestPartTitlePages(t *testing.T) {
	for _, recto := range []bool{false, true} {
		s := settings(t)
		s.RectoChapters = recto
		d := typeset(t, partsBook(), s)
		parts := 0
		_, chapterTitle, _ := run(&layout.Document{Pages: d.Pages[d.BodyStart:]}, "Chapter A")
		for i, p := range d.Pages {
			if p.Kind != layout.PartPage {
				continue
			}
			parts++
			if len(p.Lines) != 1 || p.Lines[0].Kind != "part-title" || !strings.HasPrefix(p.Lines[0].Text, "Part ") {
				t.Errorf("recto %v: part page %s holds %+v", recto, p.Label, p.Lines)
				continue
			}
			if len(p.Runs) != 1 || len(p.Rules) != 0 {
				t.Errorf("recto %v: part page %s has more than its title: %v %v", recto, p.Label, p.Runs, p.Rules)
			}
			r, l := p.Runs[0], p.Lines[0]
			if left, right := layout.Length(r.X)-layout.Length(l.X), layout.Length(l.X)+layout.Length(l.Width)-(layout.Length(r.X)+layout.Length(r.Width)); abs(left-right) > layout.Pt/10 {
				t.Errorf("part title not centred: %v, %v", left, right)
			}
			if r.Size <= chapterTitle.Size || r.Style != layout.Bold {
				t.Errorf("part title at %v %v, chapter title at %v", r.Size, r.Style, chapterTitle.Size)
			}
			third := s.Top + (s.TextBottom()-s.Top)/3
			if layout.Length(r.Y) < third || layout.Length(r.Y) > third+2*layout.Length(r.Size) {
				t.Errorf("part title at y %v, a third of the text block is %v", r.Y, third)
			}
			if recto && !p.Recto {
				t.Errorf("part page %s is a verso", p.Label)
			}
			next := d.Pages[i+1]
			if recto && next.Kind == layout.BlankPage {
				next = d.Pages[i+2]
			}
			if next.Kind != layout.OpeningPage || len(noteLinesOf(next)) > 0 && strings.HasPrefix(next.Lines[0].Text, "Part") {
				t.Errorf("after part page %s: a %v page", p.Label, next.Kind)
			}
			if recto && !next.Recto {
				t.Errorf("the chapter after part page %s opens on a verso", p.Label)
			}
			if p.Start == nil || p.Start.Word != 0 || p.Start.Block != p.Chapter.Blocks[0] {
				t.Errorf("part page %s starts at %+v", p.Label, p.Start)
			}
		}
		if parts != 2 {
			t.Errorf("recto %v: %d part pages", recto, parts)
		}
		// Chapter C's long note ends on pages before part II, which holds none of it.
		note, part2 := d.Map.At("c-n1"), d.Map.At("p2")
		last := -1
		for i, p := range d.Pages {
			if len(noteLinesOf(p)) > 0 {
				last = i
			}
		}
		if last < note.Page || last >= part2.Page {
			t.Errorf("recto %v: the note runs from page %d to %d, part II is on page %d", recto, note.Page, last, part2.Page)
		}
	}
}

// TestPartsInContentsAndOutline: in the contents a part is bold, flush and without a page
// number; in the outline the chapters after a part nest under it, up to the next part, and
// the back matter does not.
func TestPartsInContentsAndOutline(t *testing.T) {
	d := typeset(t, partsBook(), settings(t))
	var contents []layout.Run
	for _, p := range d.Pages[:d.BodyStart] {
		if p.Kind == layout.ContentsPage {
			contents = append(contents, p.Runs...)
		}
	}
	for _, title := range []string{"Part I: Foundations", "Part II: The Struggle", "Chapter B"} {
		var entry layout.Run
		numbered := false
		for _, r := range contents {
			if r.Text == title {
				entry = r
			}
		}
		for _, r := range contents {
			if r.Y == entry.Y && r.X > entry.X+entry.Width && r.Text != "." {
				numbered = true
			}
		}
		part := strings.HasPrefix(title, "Part")
		if entry.Text == "" || (entry.Style == layout.Bold) != part || numbered == part {
			t.Errorf("contents entry %q: %+v, page number %v", title, entry, numbered)
		}
	}
	type entry struct {
		title string
		level int
	}
	var got []entry
	for _, e := range d.Outline {
		got = append(got, entry{e.Title, e.Level})
	}
	want := []entry{{"Chapter A", 1}, {"Part I: Foundations", 1}, {"Chapter B", 2}, {"A section of B", 3}, {"Chapter C", 2},
		{"Part II: The Struggle", 1}, {"Chapter D", 2}, {"Edition notes", 1}}
	if len(got) != len(want) {
		t.Fatalf("outline %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("outline entry %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestHeadingsInContainersAreNotSections: a heading inside a quotation or a list item is set
// in the text but is no entry of the contents or the outline.
func TestHeadingsInContainersAreNotSections(t *testing.T) {
	quoted := &doc.Heading{At: at(), Level: 1, ID: "quoted", Inlines: []doc.Inline{txt("A quoted title")}}
	ch := chapterOf("c", "Chapter", &doc.BlockQuote{At: at(), Blocks: []doc.Block{quoted, para(txt("Quoted text."))}})
	d := typeset(t, modelBook(ch), settings(t))
	if _, l, ok := line(d, "A quoted title"); !ok || l.Kind != "heading" {
		t.Fatal("the quoted heading is not set")
	}
	for _, e := range d.Outline {
		if e.ID == "quoted" {
			t.Error("the quoted heading is in the outline")
		}
	}
	for _, p := range d.Pages[:d.BodyStart] {
		if strings.Contains(p.TextOf(), "quoted title") {
			t.Error("the quoted heading is in the contents")
		}
	}
	if _, ok := d.Map.Get("quoted"); !ok {
		t.Error("the quoted heading has no place in the page map")
	}
}

// TestEmptyAndDegenerateModel: what a reader should not produce still lays out without error
// or panic: an empty chapter, a part without a title, an empty figure, a task item without
// blocks, empty display mathematics, an empty quotation, a figure without picture or caption.
func TestEmptyAndDegenerateModel(t *testing.T) {
	s := withImages(settings(t))
	for i, b := range []*doc.Book{
		modelBook(chapterOf("a", "A"), &doc.Chapter{ID: "empty"}, chapterOf("b", "B")),
		modelBook(chapterOf("a", "A"), &doc.Chapter{ID: "p", Part: true}, chapterOf("b", "B")),
		modelBook(chapterOf("a", "A", &doc.Figure{}, &doc.Figure{Number: 4}, &doc.List{Items: []*doc.ListItem{{Task: doc.TaskDone}}},
			para(&doc.Math{Display: true}), para(styled(doc.Quoted)), para(styled(doc.Superscript, styled(doc.Superscript, styled(doc.Superscript, txt("deep"))))),
			para(&doc.Image{Src: "icon.png", Width: math.MaxInt, Height: 3}), para(&doc.Image{Src: "wide.png", Height: -5}))),
	} {
		d, err := layout.Typeset(b, s)
		if err != nil {
			t.Errorf("book %d: %v", i, err)
			continue
		}
		if len(d.Pages) == 0 {
			t.Errorf("book %d: no pages", i)
		}
	}
}
