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
