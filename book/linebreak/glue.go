package linebreak

// KindGlue is glue: space with a natural Width that may Stretch and Shrink,
// such as an inter-word space. Glue is a legal breakpoint when the item
// before it is a box; the line then ends before the glue and the glue is
// discarded (together with any glue and penalties that follow it, up to
// the next box).
const KindGlue ItemKind = 1

// GlueOrder is the order of infinity of glue stretch or shrink (TeX's
// glue_order): any amount of fil stretch outweighs all finite stretch, any
// fill outweighs fil, and filll outweighs fill.
type GlueOrder uint8

// Orders of infinity. Orders above Filll are treated as Filll.
const (
	Normal GlueOrder = iota // finite, in scaled points
	Fil                     // first-order infinite (TeX "fil")
	Fill                    // second-order infinite (TeX "fill")
	Filll                   // third-order infinite (TeX "filll")
)

// NewGlue returns finite glue with the given natural width, stretch and
// shrink, all in scaled points.
func NewGlue(width, stretch, shrink Length) Item {
	return Item{Kind: KindGlue, Width: width, Stretch: stretch, Shrink: shrink}
}

// NewFilGlue returns glue of natural width 0 that stretches by stretch
// units of the given order, e.g. NewFilGlue(Pt, Fil) is TeX's \hfil
// (0pt plus 1fil).
func NewFilGlue(stretch Length, order GlueOrder) Item {
	return Item{Kind: KindGlue, Stretch: stretch, StretchOrder: order}
}

// ParFillSkip returns TeX's default \parfillskip, 0pt plus 1fil: the glue
// Finish puts at the end of a paragraph so that its last line is set at
// natural width instead of being stretched to the measure.
func ParFillSkip() Item { return NewFilGlue(Pt, Fil) }

// glueOrderIndex maps a GlueOrder to an index 0..3 of a per-order total.
func glueOrderIndex(o GlueOrder) int {
	if o > Filll {
		return int(Filll)
	}
	return int(o)
}
