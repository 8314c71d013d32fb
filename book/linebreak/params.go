package linebreak

// Params are the line-breaking parameters; the names and meanings are
// TeX's. Start from DefaultParams: the zero value has Tolerance 0 and finds
// almost no feasible breaks.
type Params struct {
	// Tolerance is the largest badness accepted in the second and third
	// passes (TeX \tolerance, default 200; 10000 accepts any underfull
	// line).
	Tolerance int
	// Pretolerance is the largest badness accepted in the first pass,
	// which ignores discretionary hyphens (TeX \pretolerance, default
	// 100). A negative value skips the first pass.
	Pretolerance int
	// Looseness asks for that many lines more (or, if negative, fewer)
	// than the optimum, where the tolerance allows (TeX \looseness).
	Looseness int
	// EmergencyStretch, if positive, is finite stretch (scaled points)
	// added to every line in a third pass that runs when the first two
	// find no feasible breaks (TeX \emergencystretch). It only affects the
	// choice of breaks; the lines are then set with their real glue and so
	// may be underfull.
	EmergencyStretch Length
	// LinePenalty is added to the badness of every line before squaring,
	// so that fewer lines are preferred (TeX \linepenalty, default 10).
	LinePenalty int
	// HyphenPenalty is the cost to give discretionary hyphens, flagged
	// penalties with a width (TeX \hyphenpenalty, default 50). Break
	// itself does not read it: the cost is in the items, which the
	// paragraph builder makes with NewDiscretionary(w, p.HyphenPenalty).
	HyphenPenalty int
	// ExHyphenPenalty is the cost to give the break after an explicit
	// hyphen, a flagged penalty of width 0 (TeX \exhyphenpenalty, default
	// 50); like HyphenPenalty it goes into the items, with
	// NewExHyphen(p.ExHyphenPenalty).
	ExHyphenPenalty int
	// DoubleHyphenDemerits are added when two consecutive lines end
	// hyphenated (TeX \doublehyphendemerits, default 10000).
	DoubleHyphenDemerits int
	// FinalHyphenDemerits are added when the second-last line of the
	// paragraph ends hyphenated (TeX \finalhyphendemerits, default 5000).
	FinalHyphenDemerits int
	// AdjDemerits are added when adjacent lines' fitness classes differ by
	// more than one, e.g. a very loose line next to a decent one (TeX
	// \adjdemerits, default 10000).
	AdjDemerits int
	// LeftSkip and RightSkip are glue put at the start and end of every
	// line (TeX \leftskip and \rightskip). Only Width, Stretch,
	// StretchOrder and Shrink are used. Ragged right is RightSkip =
	// NewGlue(0, 2*em, 0) with inter-word glue that neither stretches nor
	// shrinks (plain TeX's \raggedright); centred lines set both to
	// NewFilGlue(Pt, Fil). Renderers place them with Line.GlueWidth.
	LeftSkip, RightSkip Item
	// ShapeLines says how many leading lines may have their own measure,
	// like TeX's \hangafter or \parshape: Break asks lineWidth only about
	// lines 0..ShapeLines, and every line from ShapeLines on has the
	// measure lineWidth(ShapeLines). With 0 (the default) every line has
	// the measure lineWidth(0). Because all later lines are alike, the
	// breaker can treat breaks reached after different numbers of lines as
	// one class (TeX's easy_line), which keeps the work per breakpoint
	// small. A negative value lets lineWidth vary on every line, at the
	// cost of keeping separate candidates for every line number, as does
	// a non-zero Looseness; this is much slower on long paragraphs.
	ShapeLines int
}

// DefaultParams returns plain TeX's settings.
func DefaultParams() Params {
	return Params{
		Tolerance:            200,
		Pretolerance:         100,
		LinePenalty:          10,
		HyphenPenalty:        50,
		ExHyphenPenalty:      50,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
		AdjDemerits:          10000,
		LeftSkip:             NewGlue(0, 0, 0),
		RightSkip:            NewGlue(0, 0, 0),
	}
}

// FixedMeasure returns a lineWidth function for Break that gives every line
// the same width.
func FixedMeasure(width Length) func(line int) Length {
	return func(int) Length { return width }
}

// Finish ends a paragraph the way TeX does (§816): a trailing glue item is
// removed, and \penalty10000 \parfillskip \penalty-10000 are appended, so
// that the last line is set at its natural width and ends in a forced
// break. Like append, Finish may reuse items' backing array; use the
// result. An empty paragraph stays empty (TeX ignores null paragraphs).
func Finish(items []Item) []Item {
	if len(items) == 0 {
		return items
	}
	if items[len(items)-1].Kind == KindGlue {
		items = items[:len(items)-1]
	}
	return append(items, NewPenalty(InfPenalty), ParFillSkip(), NewPenalty(EjectPenalty))
}
