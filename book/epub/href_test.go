package epub

import (
	"testing"

	"bindery/book/doc"
)

// isChapterFile is the comparison with chapterFile, without the string.
func TestIsChapterFileIsChapterFile(t *testing.T) {
	ids := []string{"intro", "a", "x.xhtml", "text", "", "ch-1"}
	files := []string{"text/intro.xhtml", "text/a.xhtml", "text/x.xhtml.xhtml", "text/x", "text/text.xhtml",
		"text/.xhtml", "intro.xhtml", "text/intro", "text/ch-1.xhtml", "other/a.xhtml", "text/intro.xhtmlx"}
	for _, id := range ids {
		ch := &doc.Chapter{ID: id}
		for _, f := range files {
			if got, want := isChapterFile(f, ch), f == chapterFile(ch); got != want {
				t.Errorf("isChapterFile(%q, %q) = %v, want %v", f, id, got, want)
			}
		}
	}
}
