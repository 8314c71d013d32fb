// Package link resolves the references between parts of a book and rejects those that dangle:
// after it, every "#id" in the document model names an anchor that exists.
package link

import (
	"strings"

	"bindery/book/diag"
	"bindery/book/doc"
)

// Resolve checks every internal link of the book against its anchor registry.
func Resolve(b *doc.Book) diag.List {
	var list diag.List
	for _, ch := range b.AllChapters() {
		visitInlines(ch, func(pos diag.Pos, in doc.Inline) {
			l, ok := in.(*doc.Link)
			if !ok || !strings.HasPrefix(l.URL, "#") {
				return
			}
			id := strings.TrimPrefix(l.URL, "#")
			if _, ok := b.Anchors.Lookup(id); !ok {
				list.Errorf(l.Pos, "link to #%s: no heading, note or anchor in the book has that ID", id)
			}
		})
	}
	return list
}

// visitInlines calls fn for every inline of the chapter, with the position of its block.
func visitInlines(ch *doc.Chapter, fn func(diag.Pos, doc.Inline)) {
	var walk func(pos diag.Pos, ins []doc.Inline)
	walk = func(pos diag.Pos, ins []doc.Inline) {
		for _, in := range ins {
			fn(pos, in)
			if c, ok := in.(doc.Container); ok {
				walk(pos, c.Inlines())
			}
		}
	}
	blocks := func(bs []doc.Block) {
		doc.Walk(bs, func(b doc.Block) bool {
			switch b := b.(type) {
			case *doc.Heading:
				walk(b.Pos, b.Inlines)
			case *doc.Paragraph:
				walk(b.Pos, b.Inlines)
			case *doc.Table:
				for _, c := range b.Header {
					walk(c.Pos, c.Inlines)
				}
				for _, r := range b.Rows {
					for _, c := range r {
						walk(c.Pos, c.Inlines)
					}
				}
			case *doc.DefinitionList:
				for _, it := range b.Items {
					walk(it.Pos, it.Term)
				}
			}
			return true
		})
	}
	blocks(ch.Blocks)
	for _, f := range ch.Footnotes {
		blocks(f.Blocks)
	}
}
