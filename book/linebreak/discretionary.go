package linebreak

// NewDiscretionary returns a hyphenation point inside a word, TeX's \- or a
// point found by the hyphenation patterns: a flagged penalty whose width is
// the width of the hyphen glyph (the Knuth–Plass convention) and whose cost
// is penalty, normally Params.HyphenPenalty (TeX's \hyphenpenalty). The
// breaker ignores it in the first pass (TeX's first pass runs before
// hyphenation). A word "hy-phen" becomes box("hy"),
// NewDiscretionary(w("-"), p.HyphenPenalty), box("phen").
//
// TeX's discretionary node holds three lists (before the break, after it,
// and without it); a book's hyphenation needs only the first, a hyphen, so
// a discretionary is this one flagged penalty between the syllables' boxes.
func NewDiscretionary(hyphenWidth Length, penalty int) Item {
	return Item{Kind: KindPenalty, Width: hyphenWidth, Penalty: penalty, Flagged: true}
}

// NewExHyphen returns the breakpoint after an explicit hyphen, as in
// "MNR-army": a flagged penalty of width 0, normally with cost
// Params.ExHyphenPenalty (TeX's \exhyphenpenalty), that follows the box
// holding "-": box("MNR-"), NewExHyphen(p.ExHyphenPenalty), box("army").
// The breaker considers it in every pass.
func NewExHyphen(penalty int) Item {
	return Item{Kind: KindPenalty, Penalty: penalty, Flagged: true}
}
