package doc

import "bindery/book/diag"

// Block is a block-level element: heading, paragraph, quotation, list, table, rule, code.
type Block interface {
	Position() diag.Pos
	block()
}

// At gives a node its source position.
type At struct{ Pos diag.Pos }

// Position returns where the node starts in its source.
func (a At) Position() diag.Pos { return a.Pos }

// Heading is a section title. Level 1 opens a chapter.
type Heading struct {
	At
	Role    Role // set on generated headings: RoleIndexGroup for a letter of the index
	Level   int
	ID      string // unique across the book
	Classes []string
	Inlines []Inline
	// Explicit is true when the author gave the ID with {#id}.
	Explicit bool
	// Base is the ID derived from the heading's text before IDs repeated in the book were
	// numbered ("summary" for the second "Summary", whose ID is "summary-1"); empty when the
	// ID is explicit. Links written for other tools name headings by it.
	Base string
}

// HasClass reports whether the author gave the heading class c ({.c}).
func (h *Heading) HasClass(c string) bool {
	for _, x := range h.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// Paragraph is running text.
type Paragraph struct {
	At
	Inlines []Inline
	// ID and Role are set on generated text (an index entry, a glossary entry) so that the
	// renderers can give it its semantics; empty in the author's text.
	ID   string
	Role Role
}

// BlockQuote is a quotation set off from the text.
type BlockQuote struct {
	At
	Blocks []Block
}

// List is an ordered or bulleted list.
type List struct {
	At
	Role    Role // set on generated lists: RoleIndexEntryList
	Ordered bool
	Start   int  // first number of an ordered list
	Tight   bool // items without blank lines between them
	Items   []*ListItem
}

// ListItem is one entry of a list.
type ListItem struct {
	At
	Blocks []Block
	// Task is set on the items of a task list (GFM's "- [ ]" and "- [x]").
	Task Task
}

// Task is the state of a task list item's check box.
type Task uint8

const (
	NoTask   Task = iota // an ordinary item
	TaskOpen             // [ ]
	TaskDone             // [x]
)

// Table is a grid of cells with a header row.
type Table struct {
	At
	Align  []Align
	Header []*TableCell
	Rows   [][]*TableCell
	// Caption is the table's caption (pandoc's "Table: …" line, HTML's <caption>); may be
	// empty.
	Caption []Inline
}

// Align is a table column's alignment.
type Align int

const (
	AlignNone Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// TableCell is one cell of a table.
type TableCell struct {
	At
	Inlines []Inline
}

// Rule is a thematic break (a scene change).
type Rule struct{ At }

// CodeBlock is preformatted text.
type CodeBlock struct {
	At
	Language string
	Text     string
}

// Figure is a picture set apart from the text with its caption: an image alone in its
// paragraph (pandoc's implicit figure) or an HTML <figure>. Its content is usually one
// paragraph holding one image, but an HTML figure may hold any blocks.
type Figure struct {
	At
	ID      string // from <figure id>, empty if none
	Blocks  []Block
	Caption []Inline // the image's title, else its description; <figcaption>; may be empty
	// Number is the figure's number in the book (1, 2, …) when book.yaml asks for numbered
	// figures; 0 otherwise.
	Number int
	// Labelled is set when the source numbers the figure itself (a <Listing number="2-1">,
	// whose label opens its caption): the book's figure numbering passes it by.
	Labelled bool
}

// Image returns the figure's picture when its content is one image alone.
func (f *Figure) Image() (*Image, bool) {
	if len(f.Blocks) != 1 {
		return nil, false
	}
	p, ok := f.Blocks[0].(*Paragraph)
	if !ok || len(p.Inlines) != 1 {
		return nil, false
	}
	img, ok := p.Inlines[0].(*Image)
	return img, ok
}

// DefinitionList pairs terms with their definitions.
type DefinitionList struct {
	At
	Role  Role // set on generated lists: RoleGlossary, RoleChronology
	Items []*DefinitionItem
}

// DefinitionItem is one term with one or more definitions.
type DefinitionItem struct {
	At
	ID          string // the entry's anchor, on generated lists
	Term        []Inline
	Definitions [][]Block
}

func (*Heading) block()        {}
func (*Paragraph) block()      {}
func (*BlockQuote) block()     {}
func (*List) block()           {}
func (*Table) block()          {}
func (*Rule) block()           {}
func (*CodeBlock) block()      {}
func (*DefinitionList) block() {}
func (*Figure) block()         {}

// A definition item and a table cell are blocks of their own for locating print pages in
// them (a page that begins in a table begins at a row, in its first cell); a list item, for
// the tagged PDF to know whose label a run sets.
func (*DefinitionItem) block() {}
func (*TableCell) block()      {}
func (*ListItem) block()       {}
