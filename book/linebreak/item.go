package linebreak

import (
	"strconv"
)

// ItemKind says which of TeX's horizontal-list node kinds an Item is. The
// kinds and their constructors are declared one per file: box.go, glue.go,
// penalty.go and discretionary.go (a flagged penalty). Any value other than
// KindGlue and KindPenalty is treated as a box.
type ItemKind uint8

// String returns "box", "glue" or "penalty".
func (k ItemKind) String() string {
	switch k {
	case KindBox:
		return "box"
	case KindGlue:
		return "glue"
	case KindPenalty:
		return "penalty"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Item is one element of a horizontal list being broken into lines: a box,
// glue or a penalty, as in Knuth and Plass's "Breaking paragraphs into
// lines" (1981). A paragraph is a []Item; the breaker never keeps pointers
// into it and allocates nothing per item, so a slice of these small structs
// is the whole representation.
//
// Which fields matter depends on Kind; the others should be zero.
type Item struct {
	// Kind is box, glue or penalty.
	Kind ItemKind
	// StretchOrder is the order of infinity of Stretch (glue only): Normal
	// for finite stretch, Fil, Fill or Filll for TeX's infinite glue such
	// as \parfillskip (0pt plus 1fil).
	StretchOrder GlueOrder
	// ShrinkOrder is the order of infinity of Shrink (glue only). The line
	// breaker treats all shrink as finite (TeX reports "Infinite glue
	// shrinkage found in a paragraph" and does the same); it is kept for
	// vertical lists.
	ShrinkOrder GlueOrder
	// Flagged marks a penalty as a hyphenation point (Knuth–Plass's
	// flagged penalty): breaking there makes the line "hyphenated" for the
	// double- and final-hyphen demerits. Penalty only.
	Flagged bool
	// Width is the natural width in scaled points. For a box, the width of
	// its content; for glue, the natural space; for a penalty, the width
	// of material typeset at the end of the line only if the line breaks
	// here (the hyphen of a discretionary), otherwise ignored.
	Width Length
	// Stretch is how much glue may grow, in scaled points (or in units of
	// StretchOrder's infinity, still scaled by 65536, so 1fil is
	// Stretch: Pt with StretchOrder: Fil). Glue, and a box whose letters
	// may be spaced (finite only; see KindBox).
	Stretch Length
	// Shrink is how much glue may shrink, in scaled points; glue never
	// shrinks by more than this (a line that would need more is
	// overfull). Glue, and a box whose letters may be spaced.
	Shrink Length
	// Penalty is the aesthetic cost of breaking at a penalty item, in
	// TeX's penalty units: >= InfPenalty (10000) forbids a break,
	// <= EjectPenalty (-10000) forces one, negative values invite one.
	// The breaker uses it as it is, flagged or not: give hyphenation
	// points Params.HyphenPenalty or Params.ExHyphenPenalty when building
	// the list (see NewDiscretionary, NewExHyphen). Penalty only.
	Penalty int
	// Payload is the caller's own reference for the item, typically an
	// index into its table of text runs or glyph boxes; the breaker
	// ignores it.
	Payload int
}

// discardable reports whether the item vanishes at the start of a line:
// glue and penalties are discardable, boxes are not (TeX's
// post_line_break §879).
func (it *Item) discardable() bool { return it.Kind == KindGlue || it.Kind == KindPenalty }
