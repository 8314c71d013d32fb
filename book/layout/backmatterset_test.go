package layout_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

// TestBackMatterSetOncePerBuild: a cold build of the default book makes and sets its back
// matter once: the first pass makes it from its own text's labels and sets it after the
// text; the second (streamed) is given the same labels for every ID the back matter asked,
// takes the chapters the first made and the paragraphs it set instead of setting them
// again. Counted by the paragraphs of the generated chapters broken into lines in each pass.
func TestBackMatterSetOncePerBuild(t *testing.T) {
	b, s := bookToSet(t, "../../manuscript")
	made := 0
	generate := s.Generate
	s.Generate = func(a *doc.Apparatus, pages layout.PageLabels, lang string) []*doc.Chapter {
		made++
		return generate(a, pages, lang)
	}
	at := []int64{layout.GeneratedBroken.Load()} // the count at the start and after each pass
	*layout.AfterPass = func(int) { at = append(at, layout.GeneratedBroken.Load()) }
	defer func() { *layout.AfterPass = nil }()
	d, err := layout.Typeset(b.Book, s)
	if err != nil {
		t.Fatal(err)
	}
	if d.Passes != 2 || made != 1 {
		t.Fatalf("%d passes, the back matter made %d times: want 2 and 1", d.Passes, made)
	}
	first, second := at[1]-at[0], at[2]-at[1]
	t.Logf("back matter paragraphs set: pass 1 %d, pass 2 %d", first, second)
	if first < 100 || second > first/20 {
		t.Errorf("back matter paragraphs set: pass 1 %d, pass 2 %d; want pass 2 to reuse pass 1's", first, second)
	}
}

// TestFirstPassMakesTheBackMatter: a first pass that makes the back matter from its own
// text's labels gives the pages, map, outline and warnings of one that leaves it to the
// second pass, on the default book and every test book, streamed or not, in one pass fewer
// where the text refers to the back matter's chapters by page (the default book: 2, not 3).
// Its last pass has the back matter's labels to check, whether it made the back matter or
// took the first pass's: passes not streamed print the same labels either way (a streamed
// one prints the contents' too).
func TestFirstPassMakesTheBackMatter(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/books/*")
	dirs = append(dirs, "../../manuscript")
	for _, dir := range dirs {
		for _, stream := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/stream=%v", filepath.Base(dir), stream), func(t *testing.T) {
				b, s := bookToSet(t, dir)
				*layout.StreamPasses = stream
				defer func() { *layout.StreamPasses = true }()
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
				if a, b := layout.UsedLabels(early), layout.UsedLabels(late); !stream && a != b {
					t.Errorf("the last pass printed %d labels, %d leaving the back matter to the second", a, b)
				}
				early.Passes = late.Passes
				samePages(t, early, late)
			})
		}
	}
}

// TestFirstPassCanBeLast: a book whose text prints no page reference is set in one pass:
// the back matter its first pass made from the text's final labels is drawn, with no pass
// to confirm it. de, es and fr each print one (a cross-reference by page) and take two; each
// with that reference made plain text takes one. One pass gives the pages, map, outline and
// warnings of two (the first pass not let be the last, the second streamed), and prints as
// many labels as a second pass not streamed (a streamed one prints the contents' too).
func TestFirstPassCanBeLast(t *testing.T) {
	for _, c := range []struct{ book, file, reference string }{
		{"de", "aufstieg.md", "[](#zensur)"},
		{"es", "revolucion.md", "[](#revolucion)"},
		{"fr", "greve.md", "[](#compagnons)"},
	} {
		t.Run(c.book, func(t *testing.T) {
			shipped := filepath.Join("../../testdata/books", c.book)
			if d := typesetIn(t, shipped); d.Passes != 2 {
				t.Errorf("as shipped, %d passes: want 2 (its text refers to a page)", d.Passes)
			}
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(shipped)); err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil || !bytes.Contains(text, []byte(c.reference)) {
				t.Fatalf("%s: no %s (%v)", c.file, c.reference, err)
			}
			text = bytes.ReplaceAll(text, []byte(c.reference), []byte("…"))
			if err := os.WriteFile(filepath.Join(dir, c.file), text, 0o644); err != nil {
				t.Fatal(err)
			}
			one := typesetIn(t, dir)
			if one.Passes != 1 {
				t.Fatalf("with no page reference, %d passes: want 1", one.Passes)
			}
			*layout.FirstCanBeLast = false
			defer func() { *layout.FirstCanBeLast, *layout.StreamPasses = true, true }()
			two := typesetIn(t, dir)
			*layout.StreamPasses = false
			whole := typesetIn(t, dir)
			if two.Passes != 2 || whole.Passes != 2 {
				t.Fatalf("the first pass not let be the last: %d and %d passes, want 2", two.Passes, whole.Passes)
			}
			if a, b := layout.UsedLabels(one), layout.UsedLabels(whole); a != b || a == 0 {
				t.Errorf("the one pass printed %d labels, %d in a second pass", a, b)
			}
			one.Passes = two.Passes
			samePages(t, one, two)
		})
	}
}

// typesetIn sets the book in dir.
func typesetIn(t *testing.T, dir string) *layout.Document {
	t.Helper()
	b, s := bookToSet(t, dir)
	d, err := layout.Typeset(b.Book, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
