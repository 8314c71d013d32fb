package pipeline

import (
	"bindery/book/backmatter"
	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/lang"
	"bindery/book/parallel"
)

// unpagedPrint is what the EPUB takes when it goes without the print edition (page_list:
// false): the generated back matter alone, its references naming the chapters their places
// are in. No page numbers, so no print layout to make.
func unpagedPrint(b *Book) *epub.Print {
	return &epub.Print{Generated: backmatter.Chapters(b.Apparatus, newChapterLabels(b.Book), lang.For(b.Config.Language, b.Config.Labels))}
}

// chapterLabels labels every place in the text (headings, anchors, index marks, glossary
// uses) with the title of its chapter: by the chapter's number in titles, a 4-byte value
// where a string's header was 16 (a long book has hundreds of thousands of places).
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
func (chapterLabels) Unpaged() {}

var _ backmatter.Unpaged = chapterLabels{}

func newChapterLabels(b *doc.Book) chapterLabels {
	chs := b.AllChapters()
	labels := chapterLabels{of: make(map[string]int32, placesIn(b, len(chs))), titles: make([]string, len(chs))}
	// Each chapter's places are found on every core (the walks were a serial third of a
	// millisecond before the back matter); the map is filled in reading order, so that an
	// ID in two chapters keeps the first's title.
	ids := make([][]string, len(chs))
	parallel.For(len(chs), func(_, i int) {
		ch := chs[i]
		labels.titles[i] = doc.PlainText(ch.Title)
		found := []string{ch.ID}
		doc.Walk(ch.Blocks, func(bl doc.Block) bool {
			if h, ok := bl.(*doc.Heading); ok {
				found = append(found, h.ID)
			}
			return true
		})
		doc.WalkInlines(ch, func(in doc.Inline) {
			switch in := in.(type) {
			case *doc.TextAnchor:
				found = append(found, in.ID)
			case *doc.IndexMark:
				found = append(found, in.ID)
			case *doc.GlossaryRef:
				found = append(found, in.ID)
			case *doc.Span:
				found = append(found, in.ID)
			}
		})
		ids[i] = found
	})
	for n, found := range ids {
		for _, id := range found {
			if _, dup := labels.of[id]; id != "" && !dup {
				labels.of[id] = int32(n)
			}
		}
	}
	return labels
}

// placesIn is about how many places newChapterLabels labels in b: the index's marks and the
// glossary's uses (most of a long book's) and a few headings a chapter; the map is made that
// large once instead of grown by doubling.
func placesIn(b *doc.Book, chapters int) int {
	n := b.Apparatus.Places()
	return n + n/8 + 8*chapters
}
