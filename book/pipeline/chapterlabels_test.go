package pipeline

import (
	"path/filepath"
	"testing"

	"bindery/book/backmatter"
	"bindery/book/doc"
)

// chapterLabels are labels as they were made here, for the reference.
type chapterLabels struct {
	of     map[string]int32
	titles []string
}

func (c chapterLabels) Label(id string) string {
	if i, ok := c.of[id]; ok {
		return c.titles[i]
	}
	return ""
}

// chapterLabelsInOrder is backmatter.NewChapterLabels as it was written here, one chapter
// after another: the labels walked on every core must be these.
func chapterLabelsInOrder(b *doc.Book) chapterLabels {
	chs := b.AllChapters()
	labels := chapterLabels{of: map[string]int32{}}
	for _, ch := range chs {
		n := int32(len(labels.titles))
		labels.titles = append(labels.titles, doc.PlainText(ch.Title))
		note := func(id string) {
			if _, dup := labels.of[id]; id != "" && !dup {
				labels.of[id] = n
			}
		}
		note(ch.ID)
		doc.Walk(ch.Blocks, func(bl doc.Block) bool {
			if h, ok := bl.(*doc.Heading); ok {
				note(h.ID)
			}
			return true
		})
		doc.WalkInlines(ch, func(in doc.Inline) {
			switch in := in.(type) {
			case *doc.TextAnchor:
				note(in.ID)
			case *doc.IndexMark:
				note(in.ID)
			case *doc.GlossaryRef:
				note(in.ID)
			case *doc.Span:
				note(in.ID)
			}
		})
	}
	return labels
}

// TestChapterLabelsAsInOrder: the chapters' places, found on every core, label every place as
// the walk in reading order did, for the default book and the test books; an ID in two
// chapters keeps the first's title.
func TestChapterLabelsAsInOrder(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/books/*")
	dirs = append(dirs, "../../manuscript")
	for _, dir := range dirs {
		b, _, err := Load(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		got, want := backmatter.NewChapterLabels(b.Book), chapterLabelsInOrder(b.Book)
		differ := 0
		for id := range want.of {
			if got.Label(id) != want.Label(id) {
				differ++
			}
		}
		if differ > 0 || len(want.of) == 0 {
			t.Errorf("%s: %d of %d places labelled otherwise than in order", dir, differ, len(want.of))
		}
	}
	twice := func(title string) *doc.Chapter {
		return &doc.Chapter{ID: title, Title: []doc.Inline{&doc.Text{Text: title}}, Blocks: []doc.Block{
			&doc.Paragraph{Inlines: []doc.Inline{&doc.TextAnchor{ID: "both"}, &doc.Text{Text: "x"}}}}}
	}
	b := &doc.Book{Chapters: []*doc.Chapter{twice("one"), twice("two"), twice("three")}}
	if got := backmatter.NewChapterLabels(b).Label("both"); got != "one" {
		t.Errorf("an ID in three chapters is labelled %q, want the first's, %q", got, "one")
	}
}
