package doc

import (
	"unicode/utf8"

	"bindery/book/diag"
)

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

// Text is plain text, typographic quotes and dashes already applied. Text read from several
// source lines (or pieces) is one node; Starts says where each piece after the first begins,
// so that a place inside the text can still be named by line and column (PosAt).
type Text struct {
	At
	Text   string
	Starts []TextStart
}

// TextStart is where a piece of a Text begins: its byte offset in Text and its place in the
// source.
type TextStart struct {
	Offset int
	Pos    diag.Pos
}

// Slice returns the text from byte offset from to byte offset to as a new Text, with its
// positions.
func (t *Text) Slice(from, to int) *Text {
	out := new(Text)
	t.SliceAt(out, from, to, t.PosAt(from))
	return out
}

// SliceAt is Slice made in out, given from's position (t.PosAt(from)): the linker cuts
// thousands of texts, the pieces of each made together, their positions counted as it goes.
func (t *Text) SliceAt(out *Text, from, to int, pos diag.Pos) {
	*out = Text{At: At{Pos: pos}, Text: t.Text[from:to]}
	for _, s := range t.Starts {
		if s.Offset > from && s.Offset < to {
			out.Starts = append(out.Starts, TextStart{Offset: s.Offset - from, Pos: s.Pos})
		}
	}
}

// PosAt returns the source position of byte offset off in the text.
func (t *Text) PosAt(off int) diag.Pos {
	pos, from := t.Pos, 0
	for _, s := range t.Starts {
		if s.Offset > off {
			break
		}
		pos, from = s.Pos, s.Offset
	}
	if pos.Line > 0 && off > from && off <= len(t.Text) {
		pos.Col += utf8.RuneCountInString(t.Text[from:off])
	}
	return pos
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

// Link goes to an external URL or to an anchor in the book ("#id"). A link to another file
// of the book is read with File set (and URL empty); the linker resolves it to "#id". A link
// whose URL is empty is its text alone (a link the book cannot carry).
type Link struct {
	At
	Role     Role // set on generated links: RoleIndexLocator, RoleSee, RoleSeeAlso, RolePage, RoleGlossarySeeAlso
	URL      string
	Title    string
	Children []Inline
	// File is the linked file, relative to the book's folder with slashes ("src/intro.md"),
	// and Fragment the ID after its "#", until the linker resolves them.
	File, Fragment string
}

// Image is an inline picture.
type Image struct {
	At
	Src   string
	Alt   string
	Title string
	// Width and Height are the size the author asked for in pixels (HTML's width and
	// height attributes); 0 when not given.
	Width, Height int
}

// Styled is text with a meaning HTML gives it: superscript, subscript, keys, deleted or small
// text, a quotation, an abbreviation, small capitals.
type Styled struct {
	At
	Style    TextStyle
	Title    string // an abbreviation's expansion (<abbr title>)
	Children []Inline
}

// TextStyle is the meaning of a Styled inline.
type TextStyle uint8

const (
	Superscript  TextStyle = iota + 1 // <sup>, ^text^
	Subscript                         // <sub>, ~text~
	Keyboard                          // <kbd>: a key or input
	Deleted                           // <del>, <s>, ~~text~~
	Small                             // <small>
	Quoted                            // <q>: printed in quotation marks
	Abbreviation                      // <abbr>
	SmallCaps                         // [text]{.smallcaps}, <span class="smallcaps">: lower case as small capitals
)

// Math is TeX mathematics ($…$ or $$…$$), printed as written.
type Math struct {
	At
	Text    string // without the dollar signs
	Display bool   // $$…$$: set apart
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
func (*Styled) inline()      {}
func (*Math) inline()        {}
func (*FootnoteRef) inline() {}

// Inlines returns the children of an emphasis.
func (e *Emphasis) Inlines() []Inline { return e.Children }

// Inlines returns the children of a strong emphasis.
func (s *Strong) Inlines() []Inline { return s.Children }

// Inlines returns the styled text.
func (s *Styled) Inlines() []Inline { return s.Children }

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
	// Found is set on marks the linker placed where a term's form occurs in the text, and
	// Form is the text's words it found there ("nationalised" for nationalisation).
	Found bool
	Form  string
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
// EPUB, its title and page in print. Written as a link with no text: [](#id), or
// [](other.md#id) with File set until the linker resolves it to Target.
type CrossRef struct {
	At
	Target string
	File   string
}

// Unresolved is what a draft prints for a reference that leads nowhere (LaTeX's convention).
const Unresolved = "??"

func (*TextAnchor) inline()  {}
func (*IndexMark) inline()   {}
func (*GlossaryRef) inline() {}
func (*CrossRef) inline()    {}

// Inlines returns the used term's text.
func (g *GlossaryRef) Inlines() []Inline { return g.Children }

// Span gives generated text a meaning: RoleIndexTerm, or RoleDefinedTerm (a defined term, with ID).
// With Lang, it is a passage in another language than the book's ([texto]{lang=es}, a
// ::: {lang=es} block, a heading's {lang=es}): hyphenated and quoted as that language, and
// marked with lang in the EPUB.
type Span struct {
	At
	Role     Role
	ID       string
	Lang     string // a BCP 47 tag; "" for the language around it
	Children []Inline
}

func (*Span) inline() {}

// Inlines returns the span's text.
func (s *Span) Inlines() []Inline { return s.Children }
