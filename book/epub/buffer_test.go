package epub

import (
	"fmt"
	"testing"

	"bindery/book/doc"
)

// TestLongChapterBufferMadeOnce: a chapter longer than any kept buffer (a long book's index)
// is written into a buffer made once, as large as bytesPerWeight says it likely needs, not
// grown by doubling from a kept one (which at 100× allocated twice the index's 7 MB).
func TestLongChapterBufferMadeOnce(t *testing.T) {
	blocks := []doc.Block{&doc.Heading{Level: 1, ID: "long", Inlines: []doc.Inline{&doc.Text{Text: "Index"}}}}
	for i := range 12000 {
		// An index entry's shape: a term, locators as links, an anchor.
		blocks = append(blocks, &doc.Paragraph{Inlines: []doc.Inline{
			&doc.Text{Text: fmt.Sprintf("Entry number %d of the long chapter, ", i)},
			&doc.Link{URL: fmt.Sprintf("#long-%d", i), Children: []doc.Inline{&doc.Text{Text: "12"}}},
			&doc.TextAnchor{ID: fmt.Sprintf("long-%d", i)}}})
	}
	ch := &doc.Chapter{ID: "long", Matter: doc.BackMatter, Blocks: blocks}
	b := &doc.Book{Meta: &doc.Metadata{Title: "Long", Language: "en"}, Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors()}
	w := &writer{book: b, files: newIDFiles(0), images: map[string]image{}, breaks: map[doc.Block][]PageBreak{},
		marked: map[string]bool{}, offsets: map[string]int{}, undescribed: map[string]bool{}, noteRefs: map[*doc.Footnote][]int{}}
	w.placeIDs(b.Chapters)
	chapterBuffers.put(make([]byte, 0, keptBuffer)) // a kept buffer, as a book's earlier chapters leave
	data := w.chapter(0, ch, nil)
	want := w.weights[0] * bytesPerWeight
	if len(data) <= keptBuffer || len(data) > want {
		t.Fatalf("the chapter is %d bytes, its estimate %d: the test wants one longer than a kept buffer (%d) and within its estimate", len(data), want, keptBuffer)
	}
	if cap(data) != want {
		t.Errorf("the chapter's %d bytes were written into a buffer of %d, not the %d made once for them", len(data), cap(data), want)
	}
}

// TestLinksAndAnchorsAllocateNothing: a link to an anchor (in another file or its own) and an
// anchor in running text are written with no allocation: a long book's index is mostly such
// links, its text such anchors, and their strings were most of what its EPUB allocated
// (at 100×, 514 k allocations a Write before, 136 k after).
func TestLinksAndAnchorsAllocateNothing(t *testing.T) {
	const n = 1000
	var targets, links []doc.Inline
	for i := range n {
		id := fmt.Sprintf("mark-%d", i)
		targets = append(targets, &doc.Text{Text: "word "}, &doc.TextAnchor{ID: id},
			&doc.Link{URL: "#" + id, Children: []doc.Inline{&doc.Text{Text: "here"}}})
		links = append(links, &doc.Text{Text: "see "}, &doc.Link{URL: "#" + id, Children: []doc.Inline{&doc.Text{Text: "12"}}},
			&doc.GlossaryRef{ID: fmt.Sprintf("use-%d", i), Entry: &doc.GlossaryEntry{ID: id}, Linked: true,
				Children: []doc.Inline{&doc.Text{Text: "term"}}})
	}
	from := &doc.Chapter{ID: "from", Blocks: []doc.Block{&doc.Paragraph{Inlines: links}}}
	to := &doc.Chapter{ID: "to", Blocks: []doc.Block{&doc.Paragraph{Inlines: targets}}}
	b := &doc.Book{Meta: &doc.Metadata{Title: "Links", Language: "en"}, Chapters: []*doc.Chapter{from, to}, Anchors: doc.NewAnchors()}
	w := &writer{book: b, files: newIDFiles(0), images: map[string]image{}, breaks: map[doc.Block][]PageBreak{},
		marked: map[string]bool{}, offsets: map[string]int{}, undescribed: map[string]bool{}, noteRefs: map[*doc.Footnote][]int{}}
	w.placeIDs(b.Chapters)
	for i, ch := range b.Chapters {
		allocs := testing.AllocsPerRun(5, func() { chapterBuffers.put(w.chapter(i, ch, nil)) })
		if per := allocs / n; per > 0.1 {
			t.Errorf("chapter %s: %.0f allocations for %d links and anchors, %.2f each; want none", ch.ID, allocs, n, per)
		}
	}
}
