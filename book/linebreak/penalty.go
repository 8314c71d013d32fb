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
