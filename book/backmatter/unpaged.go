package backmatter

import (
	"bindery/book/doc"
	"bindery/book/parallel"
)

// ChapterLabels are the pages of an EPUB made without the print edition (Unpaged): every
// place in the text (headings, anchors, index marks, glossary uses) is labelled with the
// title of its chapter, by the chapter's number in titles, a 4-byte value where a string's
// header was 16 (a long book has hundreds of thousands of places).
type ChapterLabels struct {
	of     map[string]int32
	titles []string
}

// Label is the title of the chapter id is in, "" for none.
func (c ChapterLabels) Label(id string) string {
	if i, ok := c.of[id]; ok {
		return c.titles[i]
	}
	return ""
}

// Unpaged says the labels are not pages.
func (ChapterLabels) Unpaged() {}

var _ Unpaged = ChapterLabels{}

// NewChapterLabels labels the places of b with their chapters' titles.
func NewChapterLabels(b *doc.Book) ChapterLabels {
	chs := b.AllChapters()
	labels := ChapterLabels{of: make(map[string]int32, placesIn(b, len(chs))), titles: make([]string, len(chs))}
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

// placesIn is about how many places NewChapterLabels labels in b: the index's marks and the
// glossary's uses (most of a long book's) and a few headings a chapter; the map is made that
// large once instead of grown by doubling.
func placesIn(b *doc.Book, chapters int) int {
	n := b.Apparatus.Places()
	return n + n/8 + 8*chapters
}
