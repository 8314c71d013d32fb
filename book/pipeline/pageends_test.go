package pipeline

import (
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

// chapterEnds lists, for every chapter of more than one page that is not set in columns,
// its last page: the page and how many lines (text and notes) it carries.
func chapterEnds(d *layout.Document) (pages []*layout.Page) {
	for i, p := range d.Pages {
		if p.Chapter == nil || p.Chapter.Columns > 1 || p.Chapter.Part {
			continue
		}
		if i+1 < len(d.Pages) && d.Pages[i+1].Chapter == p.Chapter {
			continue
		}
		if p.Kind == layout.OpeningPage {
			continue // the whole chapter on one page
		}
		pages = append(pages, p)
	}
	return pages
}

// TestChapterEndPages: no chapter that runs over a page ends on a page of fewer than five
// lines, in the default book and the fixture books.
func TestChapterEndPages(t *testing.T) {
	for _, c := range []struct{ name, dir string }{
		{"default", "../../manuscript"},
		{"features", "../../testdata/books/features"},
		{"commonmark", "../../testdata/books/commonmark"},
		{"mdbook", "../../testdata/books/mdbook"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, list, err := Load(c.dir)
			if err != nil {
				t.Fatalf("%v\n%v", err, list)
			}
			d, _, err := Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			short := 0
			for _, p := range chapterEnds(d) {
				t.Logf("page %s ends %q with %d lines", p.Label, doc.PlainText(p.Chapter.Title), len(p.Lines))
				if len(p.Lines) < 5 {
					short++
					t.Errorf("page %s: %q ends with %d lines", p.Label, doc.PlainText(p.Chapter.Title), len(p.Lines))
				}
			}
			t.Logf("%d pages, %d chapter ends under 5 lines", len(d.Pages), short)
		})
	}
}
