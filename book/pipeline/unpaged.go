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
// uses) with the title of its chapter.
type chapterLabels map[string]string

func (c chapterLabels) Label(id string) string { return c[id] }
func (chapterLabels) Unpaged()                 {}

var _ backmatter.Unpaged = chapterLabels(nil)

func newChapterLabels(b *doc.Book) chapterLabels {
	labels := chapterLabels{}
	note := func(id, title string) {
		if _, dup := labels[id]; id != "" && !dup {
			labels[id] = title
		}
	}
	for _, ch := range b.AllChapters() {
		title := doc.PlainText(ch.Title)
		note(ch.ID, title)
		doc.Walk(ch.Blocks, func(bl doc.Block) bool {
			if h, ok := bl.(*doc.Heading); ok {
				note(h.ID, title)
			}
			return true
		})
		doc.WalkInlines(ch, func(in doc.Inline) {
			switch in := in.(type) {
			case *doc.TextAnchor:
				note(in.ID, title)
			case *doc.IndexMark:
				note(in.ID, title)
			case *doc.GlossaryRef:
				note(in.ID, title)
			case *doc.Span:
				note(in.ID, title)
			}
		})
	}
	return labels
}
