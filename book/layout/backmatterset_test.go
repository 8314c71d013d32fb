package layout_test

import (
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

// TestBackMatterSetOncePerBuild: a cold build of the default book takes three passes, and
// the back matter joins from the second; the third (streamed) takes the second's back
// matter paragraphs whose text is the same instead of setting them again. Counted by the
// paragraphs of the generated chapters broken into lines in each pass.
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
	if d.Passes != 3 || len(at) != 3 {
		t.Fatalf("%d passes, the back matter made %d times: want 3 and 2", d.Passes, len(at)-1)
	}
	second, third := at[1]-at[0], at[2]-at[1]
	t.Logf("back matter paragraphs set: pass 2 %d, pass 3 %d", second, third)
	if second < 100 || third > second/20 {
		t.Errorf("back matter paragraphs set: pass 2 %d, pass 3 %d; want pass 3 to reuse pass 2's", second, third)
	}
}
