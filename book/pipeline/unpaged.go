package pipeline

import (
	"bindery/book/backmatter"
	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/lang"
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
	labels := chapterLabels{of: make(map[string]int32, placesIn(b, len(chs))), titles: make([]string, 0, len(chs))}
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

// placesIn is about how many places newChapterLabels labels in b: the index's marks and the
// glossary's uses (most of a long book's) and a few headings a chapter; the map is made that
// large once instead of grown by doubling.
func placesIn(b *doc.Book, chapters int) int {
	n := b.Apparatus.Places()
	return n + n/8 + 8*chapters
}
