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
	Role    string // set on generated headings: "index-group" for a letter of the index
	Level   int
	ID      string // unique across the book
	Classes []string
	Inlines []Inline
	// Explicit is true when the author gave the ID with {#id}.
	Explicit bool
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
	Role string
}

// BlockQuote is a quotation set off from the text.
type BlockQuote struct {
	At
	Blocks []Block
}

// List is an ordered or bulleted list.
type List struct {
	At
	Role    string // set on generated lists: "index-entry-list"
	Ordered bool
	Start   int  // first number of an ordered list
	Tight   bool // items without blank lines between them
	Items   []*ListItem
}

// ListItem is one entry of a list.
type ListItem struct {
	At
	Blocks []Block
}

// Table is a grid of cells with a header row.
type Table struct {
	At
	Align  []Align
	Header []*TableCell
	Rows   [][]*TableCell
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

// DefinitionList pairs terms with their definitions.
type DefinitionList struct {
	At
	Role  string // set on generated lists: "glossary", "chronology"
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

// A definition item is a block of its own for locating print pages in it.
func (*DefinitionItem) block() {}
