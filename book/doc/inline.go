package doc

import "bindery/book/diag"

// Inline is a run of text or markup inside a block. Its position is where it starts in the
// source; text made by the typographer has the position of the text around it.
type Inline interface {
	Position() diag.Pos
	inline()
}

// Container is an inline that holds other inlines.
type Container interface {
	Inline
	Inlines() []Inline
}

// Text is plain text, typographic quotes and dashes already applied.
type Text struct {
	At
	Text string
}

// Emphasis is italic text.
type Emphasis struct {
	At
	Children []Inline
}

// Strong is bold text.
type Strong struct {
	At
	Children []Inline
}

// Code is inline code.
type Code struct {
	At
	Text string
}

// Link goes to an external URL or to an anchor in the book ("#id").
type Link struct {
	At
	Role     string // set on generated links: "index-locator", "see", "see-also", "page"
	URL      string
	Title    string
	Children []Inline
}

// Image is an inline picture.
type Image struct {
	At
	Src string
	Alt string
}

// Break is a line break; Hard breaks are kept in output, soft ones become spaces.
type Break struct {
	At
	Hard bool
}

// FootnoteRef is a reference mark to a footnote.
type FootnoteRef struct {
	At
	Note *Footnote
	// N is 1 for the first reference to Note, 2 for the second, …
	N int
}

func (*Text) inline()        {}
func (*Emphasis) inline()    {}
func (*Strong) inline()      {}
func (*Code) inline()        {}
func (*Link) inline()        {}
func (*Image) inline()       {}
func (*Break) inline()       {}
func (*FootnoteRef) inline() {}

// Inlines returns the children of an emphasis.
func (e *Emphasis) Inlines() []Inline { return e.Children }

// Inlines returns the children of a strong emphasis.
func (s *Strong) Inlines() []Inline { return s.Children }

// Inlines returns the link text.
func (l *Link) Inlines() []Inline { return l.Children }

// TextAnchor is a place in the text the author named with {#id}, for cross-references and
// the chronology to point at.
type TextAnchor struct {
	At
	ID string
}

// IndexMark is a place the index points to: written by the author ({^Term!Sub}) or found by
// the linker where an index term occurs in the text.
type IndexMark struct {
	At
	TermText, SubText string // as written in the mark; resolved to Entry and Sub by the linker
	Entry             *IndexEntry
	Sub               *IndexEntry // nil for the main entry
	Range             RangeEnd
	ID                string // unique in the book: the mark's destination
	// Found is set on marks the linker placed where a term's form occurs in the text.
	Found bool
}

// RangeEnd says whether a mark opens or closes a page range ({^Term|(} … {^Term|)}).
type RangeEnd int

const (
	NoRange RangeEnd = iota
	RangeStart
	RangeStop
)

// GlossaryRef is a use of a glossary term in the text. Linked says whether it is rendered as
// a link to the entry (the first use in a chapter, by default).
type GlossaryRef struct {
	At
	Entry    *GlossaryEntry
	ID       string // unique in the book: where the use is, for back-references
	Linked   bool
	Children []Inline
}

// CrossRef is a reference to an anchor whose text is made from the target: its title in the
// EPUB, its title and page in print. Written as a link with no text: [](#id).
type CrossRef struct {
	At
	Target string
}

func (*TextAnchor) inline()  {}
func (*IndexMark) inline()   {}
func (*GlossaryRef) inline() {}
func (*CrossRef) inline()    {}

// Inlines returns the used term's text.
func (g *GlossaryRef) Inlines() []Inline { return g.Children }

// Span gives generated text a meaning: Role "index-term" or "dfn" (a defined term, with ID).
type Span struct {
	At
	Role     string
	ID       string
	Children []Inline
}

func (*Span) inline() {}

// Inlines returns the span's text.
func (s *Span) Inlines() []Inline { return s.Children }
