package layout

import (
	"fmt"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/highlight"
	"bindery/book/hyphen"
	"bindery/book/lang"
	"bindery/book/linebreak"
)

// Settings are the typographic decisions for one printed book. Lengths are in scaled points of
// a PostScript point (1/72 in): the PDF's own unit, so no conversion is ever rounded twice.
type Settings struct {
	// PageWidth and PageHeight are the trim size.
	PageWidth, PageHeight Length
	// Margins; Inner is the binding side (left on rectos, right on versos).
	Top, Bottom, Inner, Outer Length
	// FontSize and Leading (baseline to baseline, TeX's \baselineskip) of the body text.
	FontSize, Leading Length
	// Family is the book's typeface, its four styles.
	Family *font.Family
	// Code is the monospaced family code is set in (Mono styles); nil: the book's family.
	Code *font.Family
	// TabWidth is the columns a tab in a code block advances to the next multiple of; 0: 4.
	TabWidth int
	// LineNumbers numbers the lines of code blocks.
	LineNumbers bool
	// Highlight splits a code block's lines into spans of a kind by its language (nil, or a
	// nil result: the block is set plain); Palette says how each kind looks.
	Highlight func(lang, text string) [][]highlight.Span
	Palette   [highlight.NumKinds]highlight.Look
	// Hyphenator finds hyphenation points in the book's language; nil: no hyphenation.
	Hyphenator *hyphen.Hyphenator
	// HyphenatorFor gives the hyphenator of a passage in another language (a BCP 47 tag);
	// nil, or a nil result: such passages are not hyphenated.
	HyphenatorFor func(lang string) *hyphen.Hyphenator
	// Labels are the words the layout writes itself (Contents, Figure, the imprint's), in
	// the book's language; the zero value is English.
	Labels lang.Labels
	// Params are the line-breaking parameters for justified text.
	Params linebreak.Params
	// LetterStretch and LetterShrink are how far the letters of a justified line may be
	// spaced out or drawn together besides its inter-word spaces, in thousandths of an em
	// per letter gap (InDesign's letter-spacing limits; tracking.go); 0 and 0 justify by
	// the spaces alone.
	LetterStretch, LetterShrink int
	// RectoChapters opens every chapter on a right-hand page.
	RectoChapters bool
	// MaxPages bounds the page builder (a runaway manuscript fails instead of hanging).
	MaxPages int
	// Metrics fills each page's Lines (LineMetrics, their Text and Spaces included), which
	// only tests and the layout golden read: a build leaves them out (a long book has a
	// line's metrics, a string and a slice for each of its lines).
	Metrics bool
	// ImageSize gives the pixel size of an image the manuscript names, if it can be printed
	// (nil, or ok false: the image's description is printed instead).
	ImageSize func(src string) (width, height int, ok bool)
	// Generate makes the chapters generated from the book's apparatus (chronology, glossary,
	// index) with the page labels of the previous pass, in each pass of the page-number
	// fixpoint but the first; nil leaves them out. book/pipeline passes book/backmatter's
	// Chapters: the layout sets these chapters without knowing how they are made.
	Generate func(a *doc.Apparatus, pages PageLabels, lang string) []*doc.Chapter
	// Ties are words a number after them is tied to (never broken from it at a line's end),
	// besides those every book gets ("p.", "No.", "Law", "Article", "Decree"…; ties.go).
	Ties []string
	// Acronyms, if set, are the book's acronyms, set in small capitals (c2sc) in running
	// text where the face has them (variants.go); nil: in capitals.
	Acronyms *doc.Acronyms
	// Figures are the figures of running text (font.Oldstyle, font.Lining); headings are
	// set in lining figures and tables in tabular lining ones where the face has them.
	Figures font.FigureStyle
	// Reuse, if set, keeps set paragraphs for the next Typeset with the same settings (a
	// rebuild): see Reuse.
	Reuse *Reuse
	// Sink, if set, takes the pages of a streamed pass as each is drawn (stream.go): a
	// writer can paint a page and let it go while the pass sets the chapters after it.
	Sink PageSink

	ties *ties
	// packAsSet is set for a pass of a cold build that is not expected to be drawn: its
	// lines' runs are packed as each paragraph is set (packLines), not copied and packed at
	// the pass's end.
	packAsSet bool
}

// Face is the face of a style: the code family's for a Mono style.
func (s *Settings) Face(st Style) *font.Face {
	if st.mono() && s.Code != nil {
		return s.Code.Face(st.bold(), st.italic())
	}
	return s.Family.Face(st.bold(), st.italic())
}

// tabWidth is the tab width of code blocks.
func (s *Settings) tabWidth() int {
	if s.TabWidth <= 0 {
		return 4
	}
	return s.TabWidth
}

// PageLabels gives the printed page label of an anchor as the previous layout pass placed
// it, or "" when that pass did not place it. Label may be called from several goroutines
// at once.
type PageLabels interface {
	Label(id string) string
}

// TextWidth is the measure of a full line of body text.
func (s *Settings) TextWidth() Length { return s.PageWidth - s.Inner - s.Outer }

// LinesPerPage is how many body lines fit the text block.
func (s *Settings) LinesPerPage() int {
	return int((s.PageHeight-s.Top-s.Bottom-s.FontSize)/s.Leading) + 1
}

// TextBottom is the lowest baseline allowed for body text, measured from the top edge.
func (s *Settings) TextBottom() Length {
	return s.Top + s.FontSize + Length(s.LinesPerPage()-1)*s.Leading
}

// NewSettings derives settings for a page size from a stated canon: Van de Graaf's
// construction (Tschichold's "golden canon"), in which the text block has the page's own
// proportions and sits with inner margin to outer, and top to bottom, as 1 to 2, so that a
// spread's two text blocks read as one and the white frames them (inner:top:outer:bottom =
// 2:3:4:6 on a 2:3 page). The canon's margins are a ninth and two ninths of the page; a
// pamphlet's small page would keep too little text, so here they are a twelfth and a sixth
// (canonUnit): the text block is three quarters of the page each way. A5 (148 × 210 mm):
// inner 12.3 mm, outer 24.7, top 17.5, bottom 35; a measure of 111 mm, about 65 characters
// at the 10pt body size. book.yaml's print: margins: overrides any of the four.
func NewSettings(width, height Length, fam *font.Family, hy *hyphen.Hyphenator) (Settings, error) {
	if fam == nil || fam.Regular == nil {
		return Settings{}, fmt.Errorf("layout: no fonts")
	}
	s := Settings{
		PageWidth: width, PageHeight: height,
		Inner: width / canonUnit, Outer: 2 * width / canonUnit,
		Top: height / canonUnit, Bottom: 2 * height / canonUnit,
		Family: fam, Hyphenator: hy,
		MaxPages: 100000,
	}
	// Body size: 10pt on A5's measure, growing with the measure, within 9–12pt.
	measure := s.TextWidth()
	size := Length(int64(measure) * int64(10*Pt) / int64(315*Pt))
	size = min(max(size, 9*Pt), 12*Pt)
	size = (size + Pt/8) / (Pt / 4) * (Pt / 4) // to the nearest quarter point
	// Lines longer than about 70 characters tire the eye: widen the margins instead, in the
	// canon's proportion.
	if most := 34 * size; measure > most {
		extra := measure - most
		s.Inner += extra / 3
		s.Outer += extra - extra/3
	}
	s.FontSize = size
	s.Leading = size * 13 / 10
	p := linebreak.DefaultParams()
	// TeX's \emergencystretch is usually a few ems: used only when no other solution exists.
	p.EmergencyStretch = 3 * size / 2
	p.Tolerance = 200
	s.Params = p
	s.LetterStretch, s.LetterShrink = letterStretch, letterShrink
	return s, nil
}

// canonUnit divides the page into the margins' unit: the inner and top margins are one
// unit of the width and height, the outer and bottom two (NewSettings).
const canonUnit = 12

// letterStretch and letterShrink are the letter-spacing limits of justified text, in
// thousandths of an em per letter gap (tracking.go).
const letterStretch, letterShrink = 15, 8

// Validate reports settings that cannot make a page.
func (s *Settings) Validate() error {
	switch {
	case s.Family == nil:
		return fmt.Errorf("layout: no fonts")
	case s.FontSize <= 0 || s.Leading <= 0:
		return fmt.Errorf("layout: font size and leading must be positive")
	case s.TextWidth() < 10*s.FontSize:
		return fmt.Errorf("layout: the text block is narrower than ten ems (%.1fpt); use smaller margins or a larger page", s.TextWidth().Points())
	case s.LinesPerPage() < 8:
		return fmt.Errorf("layout: fewer than eight lines fit on a page; use smaller margins or a larger page")
	}
	return nil
}
