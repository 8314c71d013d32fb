package layout_test

import (
	"path/filepath"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

// TestBackMatterSetOncePerBuild: a cold build of the default book sets its back matter
// once: the first pass sets it after the text, from the text's labels, and the second
// (streamed) takes those paragraphs whose text is the same instead of setting them again.
// Counted by the paragraphs of the generated chapters broken into lines in each pass.
func TestBackMatterSetOncePerBuild(t *testing.T) {
	b, s := bookToSet(t, "../../manuscript")
	var at []int64 // the count when each pass made the back matter
	generate := s.Generate
	s.Generate = func(a *doc.Apparatus, pages layout.PageLabels, lang string) []*doc.Chapter {
		at = append(at, layout.GeneratedBroken.Load())
		return generate(a, pages, lang)
	}
	d, err := layout.Typeset(b.Book, s)
	if err != nil {
		t.Fatal(err)
	}
	at = append(at, layout.GeneratedBroken.Load())
	if d.Passes != 2 || len(at) != 3 {
		t.Fatalf("%d passes, the back matter made %d times: want 2 and 2", d.Passes, len(at)-1)
	}
	first, second := at[1]-at[0], at[2]-at[1]
	t.Logf("back matter paragraphs set: pass 1 %d, pass 2 %d", first, second)
	if first < 100 || second > first/20 {
		t.Errorf("back matter paragraphs set: pass 1 %d, pass 2 %d; want pass 2 to reuse pass 1's", first, second)
	}
}

// TestFirstPassMakesTheBackMatter: a first pass that makes the back matter from its own
// text's labels gives the pages, map, outline and warnings of one that leaves it to the
// second pass, on the default book and every test book, in one pass fewer where the text
// refers to the back matter's chapters by page (the default book: 2, not 3).
func TestFirstPassMakesTheBackMatter(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/books/*")
	dirs = append(dirs, "../../manuscript")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, s := bookToSet(t, dir)
			early, err := layout.Typeset(b.Book, s)
			if err != nil {
				t.Fatal(err)
			}
			*layout.FirstWithBackMatter = false
			late, err := layout.Typeset(b.Book, s)
			*layout.FirstWithBackMatter = true
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d passes, %d leaving the back matter to the second", early.Passes, late.Passes)
			if early.Passes > late.Passes || filepath.Base(dir) == "manuscript" && early.Passes != 2 {
				t.Errorf("%d passes, %d leaving the back matter to the second", early.Passes, late.Passes)
			}
			early.Passes = late.Passes
			samePages(t, early, late)
		})
	}
}
