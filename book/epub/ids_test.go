package epub_test

import (
	"bytes"
	"fmt"
	"testing"

	"bindery/book/doc"
)

// TestIDsPlacedOnEveryCore: the IDs placed on four cores give the bytes of those placed on
// one, and an ID in two chapters (a book's mistake, or a generated chapter's ID the author
// also gave) is in the later one's file, as when the chapters were walked in order. The
// book has more chapters than cores, each with IDs in every shard; the next to last is long,
// so that the last, short, is placed before it is.
func TestIDsPlacedOnEveryCore(t *testing.T) {
	mb := newModelBook(t)
	first := mb.book.Chapters[0]
	first.Blocks = append(first.Blocks, para(tx("See "), &doc.Link{URL: "#twice", Children: []doc.Inline{tx("twice")}}, tx(".")))
	for i := range 12 {
		var ins []doc.Inline
		n := 40
		if i == 10 {
			n = 20000
		}
		for j := range n {
			ins = append(ins, &doc.TextAnchor{ID: fmt.Sprintf("extra-%d-%d", i, j)}, tx(fmt.Sprintf("word%d ", j)))
		}
		ch := chapter(fmt.Sprintf("extra-%d", i), doc.BodyMatter, heading(1, fmt.Sprintf("extra-%d-title", i), tx("Extra")),
			para(ins...), para(&doc.Span{ID: "twice", Children: []doc.Inline{tx("here")}}, tx(" too.")))
		mb.book.Chapters = append(mb.book.Chapters, ch)
	}
	one := writeOn(t, mb, 1, nil)
	four := writeOn(t, mb, 4, nil)
	if !bytes.Equal(one, four) {
		t.Error("the EPUB on 4 cores differs from the one on 1 core")
		diffEntries(t, one, four)
	}
	_, files := entries(t, four)
	name := "OEBPS/text/" + first.ID + ".xhtml"
	mustContain(t, name, string(files[name]), `href="../text/extra-11.xhtml#twice"`)
}
