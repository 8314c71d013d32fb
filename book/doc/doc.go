// Package doc is the semantic model of a book: metadata, chapters of blocks and inlines, and
// the registry of anchors. It is the contract between the manuscript reader and the renderers:
// readers build it, the EPUB and PDF writers consume it, and neither knows the other.
package doc

import (
	"strings"

	"bindery/book/diag"
)

// Book is a whole book, ready to render.
type Book struct {
	Meta     *Metadata
	Chapters []*Chapter // body matter, in reading order
	Back     []*Chapter // back matter from the manuscript (edition notes)
	Anchors  *Anchors
	// Apparatus holds the glossary, chronology and index, when the book has them.
	Apparatus *Apparatus
	// Sources are the manuscript's files by their path in the book's folder ("src/intro.md",
	// with slashes), for links between files.
	Sources map[string]*Source
}

// Source is one Markdown file of the manuscript and what it holds: the chapter it opens or
// continues, and its IDs, for links that name the file ("intro.md#setup").
type Source struct {
	Path    string   // in the book's folder, with slashes
	Chapter *Chapter // the chapter the file's first block belongs to
	// StartID is where a link to the file itself goes: its first heading or anchor.
	StartID string
	// Headings are the file's headings in order; IDs every ID defined in it (headings,
	// anchors, notes).
	Headings []*Heading
	IDs      []string
}

// AllChapters returns body and back matter in reading order.
func (b *Book) AllChapters() []*Chapter {
	out := make([]*Chapter, 0, len(b.Chapters)+len(b.Back))
	out = append(out, b.Chapters...)
	return append(out, b.Back...)
}

// Matter says which part of the book a chapter belongs to.
type Matter int

const (
	BodyMatter Matter = iota
	BackMatter
)

// Chapter is one source file: it opens on a new page in print and is one XHTML file in the EPUB.
type Chapter struct {
	ID     string // the ID of its first heading; also names its EPUB file
	Title  []Inline
	Matter Matter
	Source string // the Markdown file it came from
	Pos    diag.Pos
	Blocks []Block
	// Footnotes in order of first reference.
	Footnotes []*Footnote
	// Generated is set on chapters made from the apparatus (chronology, glossary, index).
	Generated bool
	// Columns is the number of text columns in print (the index has two).
	Columns int
	// Role says which generated chapter it is, if any.
	Role ChapterRole
	// Part is set on a part's title page ("Part I: Foundations"): a chapter with its title
	// alone, which the chapters after it belong to until the next part.
	Part bool
}

// Sections lists the chapter's headings in order, the chapter heading first.
func (c *Chapter) Sections() []*Heading {
	var hs []*Heading
	Walk(c.Blocks, func(b Block) bool {
		if h, ok := b.(*Heading); ok {
			hs = append(hs, h)
		}
		return true
	})
	return hs
}

// Footnote is the text of a note; references to it are FootnoteRef inlines.
type Footnote struct {
	ID     string // stable: chapter ID + the author's label
	Label  string // as the author wrote it: [^label]
	Number int    // 1-based within the chapter, in order of first reference
	Blocks []Block
	Pos    diag.Pos
	// Refs counts the references to this note, so each can have its own back-link.
	Refs int
	// Editorial is set on an editor's note ([^ed-…]): the editor's words, not the author's,
	// closed by EditorSignature (see SignEditorial).
	Editorial bool
}

// EditorialLabelPrefix begins the label of an editor's note: [^ed-oil-1937].
const EditorialLabelPrefix = "ed-"

// EditorSignature closes an editor's note in both editions, so that a reader of either knows
// whose words it holds: "… nationalised in 1937. — Ed.".
const EditorSignature = "— Ed."

// SignEditorial marks a note as the editor's and closes it with EditorSignature, kept on the
// line of the note's last word (no-break spaces). The signature is part of the note's text in
// the model, so the print edition and the EPUB print it, and count its words, alike.
func (f *Footnote) SignEditorial() {
	if f.Editorial {
		return
	}
	f.Editorial = true
	sig := &Text{Text: "\u00a0" + strings.Replace(EditorSignature, " ", "\u00a0", 1)}
	if n := len(f.Blocks); n > 0 {
		if p, ok := f.Blocks[n-1].(*Paragraph); ok {
			sig.At = At{Pos: p.Pos}
			p.Inlines = append(p.Inlines, sig)
			return
		}
	}
	sig.Text = EditorSignature
	sig.At = At{Pos: f.Pos}
	f.Blocks = append(f.Blocks, &Paragraph{At: At{Pos: f.Pos}, Inlines: []Inline{sig}})
}

// Walk visits blocks depth first, descending into containers while visit returns true.
func Walk(blocks []Block, visit func(Block) bool) {
	for _, b := range blocks {
		if !visit(b) {
			continue
		}
		switch b := b.(type) {
		case *BlockQuote:
			Walk(b.Blocks, visit)
		case *List:
			for _, it := range b.Items {
				Walk(it.Blocks, visit)
			}
		case *DefinitionList:
			for _, it := range b.Items {
				for _, d := range it.Definitions {
					Walk(d, visit)
				}
			}
		case *Figure:
			Walk(b.Blocks, visit)
		}
	}
}

// PlainText returns the text of inlines without markup, as a reader would read it aloud.
func PlainText(ins []Inline) string {
	var buf []byte
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *Text:
				buf = append(buf, in.Text...)
			case *Code:
				buf = append(buf, in.Text...)
			case *Math:
				buf = append(buf, in.Text...)
			case *Break:
				buf = append(buf, ' ')
			case *Image:
				buf = append(buf, in.Alt...)
			case Container:
				walk(in.Inlines())
			case *CrossRef:
				// Its text depends on the target; PlainText is for the source's own words.
			}
		}
	}
	walk(ins)
	return string(buf)
}

// WalkInlines calls fn for every inline of the chapter, its notes included, depth first.
func WalkInlines(ch *Chapter, fn func(Inline)) {
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			fn(in)
			if _, ok := in.(*Text); ok { // most inlines: asserting the interface was a third of a walk
				continue
			}
			if c, ok := in.(Container); ok {
				walk(c.Inlines())
			}
		}
	}
	blocks := func(bs []Block) {
		Walk(bs, func(b Block) bool {
			switch b := b.(type) {
			case *Heading:
				walk(b.Inlines)
			case *Paragraph:
				walk(b.Inlines)
			case *Table:
				walk(b.Caption)
				for _, row := range append([][]*TableCell{b.Header}, b.Rows...) {
					for _, c := range row {
						walk(c.Inlines)
					}
				}
			case *DefinitionList:
				for _, it := range b.Items {
					walk(it.Term)
				}
			case *Figure:
				walk(b.Caption)
			}
			return true
		})
	}
	blocks(ch.Blocks)
	for _, f := range ch.Footnotes {
		blocks(f.Blocks)
	}
}
