package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/font"
)

// Small capitals and figure styles. The face gives each glyph a GSUB feature reaches a
// character of its own (font.Face.SmallCap, Figure), so a word set with them is a string like
// any other: measured, kerned and broken as drawn, and read back as its letters
// (font.Letters) for the line's text and the PDF's ToUnicode.
//
// Where they are used, as a book designer would: an acronym's capitals (Settings.Acronyms)
// and the lower case of text marked small capitals, in running text, notes, lists, tables,
// and the definitions of the glossary and the chronology; never in code (literal text),
// never in display lines (titles and headings: bold display sizes carry full capitals well,
// and the heading's text is repeated in running heads, the contents and the outline, which
// must agree), and not in headwords (the index's entries and the glossary's terms, read down
// a column by their capitals; bold small capitals beside bold capitals look weak). Running
// text takes the book's figures (Settings.Figures, oldstyle by default); headings and the
// contents lining figures, table cells tabular lining ones, which stand in columns.

// figures is the figure style of a paragraph's text.
func (p *paragraphSetter) figures() font.FigureStyle {
	switch {
	case p.spec.Kind == LineTable:
		return font.TabularLining
	case p.spec.Display, p.spec.Kind == LineContents, p.spec.Kind == LineContentsPart:
		return font.Lining // the contents repeats the headings
	}
	return p.s.Figures
}

// acronyms returns the byte ranges of w's acronyms to set in small capitals, if any. classes
// are w's bytes' (wordClasses).
func (p *paragraphSetter) acronyms(w string, l *look, classes uint8) [][2]int {
	if !p.acronymsAllowed(l) || !mayHaveCapital(w, classes) {
		return nil
	}
	return p.s.Acronyms.Find(w)
}

// hasUpper is strings.ContainsFunc(s, unicode.IsUpper), its ASCII compared a byte at a time
// (a call a character was most of acronyms).
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return strings.ContainsFunc(s[i:], unicode.IsUpper) // from a character's start
		} else if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// acronymsAllowed reports whether text in look l sets acronyms in small capitals.
func (p *paragraphSetter) acronymsAllowed(l *look) bool {
	if p.s.Acronyms == nil || l.literal || p.spec.Display {
		return false
	}
	switch p.spec.Kind {
	case LineIndex, LineTerm, LineContents, LineContentsPart:
		return false // headwords, and the contents, which repeats the headings
	}
	return true
}

// variants returns w[from:to] with its letters and figures in the forms the look asks for:
// small capitals for the letters of an acronym (c2sc) and for lower case in small-capital
// text (smcp), the look's figures for digits. What the face lacks stays as written. classes
// are w's bytes' (wordClasses): a part of a word without a digit has none to look for.
func variants(face *font.Face, w string, from, to int, l *look, acronyms [][2]int, classes uint8) string {
	s := w[from:to]
	if !l.smallCaps && len(acronyms) == 0 && (l.figures == font.DefaultFigures || classes&byteDigit == 0 || !hasDigit(s)) {
		return s // only a digit could change (unicode.IsDigit is 0–9 below U+0100)
	}
	var b strings.Builder
	changed := false
	for i, r := range s {
		v := r
		switch {
		case r < 0x100 && unicode.IsDigit(r):
			v, _ = face.Figure(r, l.figures)
		case unicode.IsLetter(r) && (l.smallCaps && unicode.IsLower(r) || inRanges(acronyms, from+i)):
			v, _ = face.SmallCap(r)
		}
		if v != r && !changed {
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
			changed = true
		}
		if changed {
			b.WriteRune(v)
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// inRanges reports whether byte offset at lies in one of the ranges.
func inRanges(ranges [][2]int, at int) bool {
	for _, r := range ranges {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}
