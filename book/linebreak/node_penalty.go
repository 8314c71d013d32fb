package linebreak

// KindPenalty is a penalty: a potential breakpoint with an aesthetic cost
// (Penalty) and, when Flagged, a hyphenation point whose Width is the
// width of the hyphen typeset at the end of the line if it breaks there.
// A penalty has no width when the line does not break at it, and it is
// discarded at the start of a line.
const KindPenalty ItemKind = 2

// Penalty limits, as in TeX.
const (
	// InfPenalty (TeX's inf_penalty, 10000): a penalty this large or
	// larger is never a breakpoint.
	InfPenalty = 10000
	// EjectPenalty (TeX's eject_penalty, -10000): a penalty this small or
	// smaller forces a break.
	EjectPenalty = -InfPenalty
)

// NewPenalty returns an unflagged penalty of the given cost and no width:
// NewPenalty(InfPenalty) is TeX's \nobreak, NewPenalty(EjectPenalty) its
// \break.
func NewPenalty(penalty int) Item {
	return Item{Kind: KindPenalty, Penalty: penalty}
}

// NewDiscretionary returns a hyphenation point inside a word, TeX's \- or a
// point found by the hyphenation patterns: a flagged penalty whose width is
// the width of the hyphen glyph (the Knuth–Plass convention) and whose cost
// is penalty, normally Params.HyphenPenalty (TeX's \hyphenpenalty). The
// breaker ignores it in the first pass (TeX's first pass runs before
// hyphenation). A word "hy-phen" becomes box("hy"),
// NewDiscretionary(w("-"), p.HyphenPenalty), box("phen").
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

// clampPenalty limits p to [EjectPenalty, InfPenalty] so that sums and
// squares of penalties cannot overflow.
func clampPenalty(p int) int {
	if p > InfPenalty {
		return InfPenalty
	}
	if p < EjectPenalty {
		return EjectPenalty
	}
	return p
}
