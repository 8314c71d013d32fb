package pipeline

import (
	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/font"
	"bindery/book/layout"
)

// typographySettings sets the figures of running text in s from book.yaml, and notes once
// (not at every word) what the book's face cannot do of what it asks: small capitals,
// oldstyle figures. The face keeps its own forms then.
func typographySettings(cfg *config.Book, s *layout.Settings) diag.List {
	var notes diag.List
	t := cfg.Typography
	s.Figures = font.Lining
	if t.RunningNumerals() == config.Oldstyle {
		s.Figures = font.Oldstyle
	}
	face := s.Family.Regular
	// Asked only when the book wants them: finding the small capitals shapes the face.
	if t.SmallCapAcronyms && !hasSmallCapitals(face) {
		notes.Warnf(t.AcronymsPos, "acronyms: small-caps: the font %s has no small capitals (no c2sc feature); acronyms are printed in full capitals", face.Family)
	}
	if t.Numerals == config.Oldstyle && !face.HasFigures(font.Oldstyle) {
		notes.Warnf(t.NumeralsPos, "numerals: oldstyle: the font %s has no oldstyle figures (no onum feature); the print edition keeps its own figures", face.Family)
	}
	return notes
}

// hasSmallCapitals reports whether the face sets capitals as small capitals (c2sc).
func hasSmallCapitals(f *font.Face) bool { return f.HasSmallCapitals() }
