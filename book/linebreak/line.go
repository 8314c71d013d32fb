package linebreak

import "slices"

// Line is one line of a broken paragraph.
type Line struct {
	// Start and End delimit the line's material, items[Start:End]. End is
	// the index of the item the line breaks at (glue or penalty), or
	// len(items) if the paragraph has no final forced break. Discardable
	// items (glue, penalties) between the previous line's End and Start
	// vanish at the break. A line with Start == End is empty.
	Start, End int
	// Width is the natural width of the line's content in scaled points:
	// the boxes and glue of items[Start:End] plus the width of the penalty
	// it breaks at (the hyphen), without LeftSkip and RightSkip.
	Width Length
	// Ratio is the adjustment ratio r set on the line's glue (TeX's
	// glue_set with its sign): r > 0 stretches every glue of order Order by
	// r times its stretch, -1 <= r < 0 shrinks every glue by -r times its
	// shrink. Ratio < -1 means the line is overfull (it is -Inf if there
	// is no shrink at all); its glue is still shrunk only by its full
	// shrink. Ratio is 0 for an underfull line without stretch.
	Ratio float64
	// Order is the order of infinity of the stretch that Ratio applies to:
	// Normal unless the line has infinite stretch such as \parfillskip.
	Order GlueOrder
	// Hyphenated reports that the line ends at a flagged penalty, so a
	// renderer must draw the hyphen (items[End].Width wide) at its end.
	Hyphenated bool
	// Badness is TeX's badness of the line as set (without emergency
	// stretch): 0 perfect, 100 stretched or shrunk by its full stretch or
	// shrink, InfBad for infinitely bad, InfBad+1 for overfull.
	Badness int
	// Fitness is the fitness class the breaker gave the line (FitVeryLoose
	// .. FitTight), with emergency stretch if the third pass chose it.
	Fitness int
	// Overfull is how far the line sticks out past its measure with all
	// glue shrunk as far as it goes (TeX's "Overfull \hbox (...pt too
	// wide)"); 0 if it fits.
	Overfull Length
	// Demerits are the demerits the breaker charged for this line: (l +
	// b)² ± p², plus any hyphen and adjacency demerits.
	Demerits int64
}

// IsOverfull reports whether the line is wider than its measure even with
// all glue shrunk to the limit (Ratio < -1).
func (l Line) IsOverfull() bool { return l.Overfull > 0 }

// GlueWidth returns the width of glue g on this line once the line's glue is
// set, rounded to the nearest scaled point as TeX's hlist_out does. Only
// glue whose StretchOrder is the line's Order stretches; no glue shrinks by
// more than its Shrink, even on an overfull line. Use it for LeftSkip and RightSkip
// too; AppendWidths does the items of a line with cumulative rounding.
func (l Line) GlueWidth(g Item) Length {
	switch {
	case l.Ratio > 0 && glueOrderIndex(g.StretchOrder) == int(l.Order):
		return g.Width + RoundSP(l.Ratio*float64(g.Stretch))
	case l.Ratio < 0:
		return g.Width + RoundSP(max(l.Ratio, -1)*float64(g.Shrink))
	}
	return g.Width
}

// AppendWidths appends to dst the set width of each item of
// items[l.Start:l.End] and returns the extended slice: a box's width, the
// adjusted width of glue, 0 for a penalty. Like TeX's hlist_out (§625) it
// rounds the running total of glue adjustment rather than each glue, so the
// widths add up to the line's measure (less LeftSkip and RightSkip and the
// hyphen, if any) to within a scaled point. The hyphen of a hyphenated line
// is items[l.End] and is not included.
func (l Line) AppendWidths(dst []Length, items []Item) []Length {
	end := min(l.End, len(items))
	if l.Start >= end {
		return dst
	}
	n := len(dst)
	dst = slices.Grow(dst, end-l.Start)[:n+end-l.Start]
	switch r := l.Ratio; {
	case r > 0:
		stretchedWidths(dst[n:], items[l.Start:end], r, l.Order)
	case r < 0:
		shrunkWidths(dst[n:], items[l.Start:end], max(r, -1))
	default: // 0 (or NaN): every item at its natural width
		for j := range items[l.Start:end] {
			dst[n+j] = 0
			if it := &items[l.Start+j]; it.Kind != KindPenalty {
				dst[n+j] = it.Width
			}
		}
	}
	return dst
}

// stretchedWidths writes to out the widths of line's items stretched by r > 0 on glue of
// order o (and on boxes' letter spacing if o is Normal). An item that adds no stretch keeps
// its width and needs no rounding: the rounded adjustment is then the previous one.
func stretchedWidths(out []Length, line []Item, r float64, o GlueOrder) {
	out = out[:len(line)]
	var cum, prev Length // running total of stretch seen; rounded adjustment so far
	for j := range line {
		it := &line[j]
		switch {
		case it.Kind == KindPenalty:
			out[j] = 0
			continue
		case it.Stretch == 0,
			it.Kind == KindGlue && glueOrderIndex(it.StretchOrder) != int(o),
			it.Kind != KindGlue && o != Normal:
			out[j] = it.Width
			continue
		}
		cum += it.Stretch
		adj := RoundSP(r * float64(cum))
		out[j] = it.Width + adj - prev
		prev = adj
	}
}

// shrunkWidths writes to out the widths of line's items shrunk by -1 <= r < 0, as
// stretchedWidths does.
func shrunkWidths(out []Length, line []Item, r float64) {
	out = out[:len(line)]
	var cum, prev Length
	for j := range line {
		it := &line[j]
		switch {
		case it.Kind == KindPenalty:
			out[j] = 0
			continue
		case it.Shrink == 0:
			out[j] = it.Width
			continue
		}
		cum += it.Shrink
		adj := RoundSP(r * float64(cum))
		out[j] = it.Width + adj - prev
		prev = adj
	}
}

// RoundSP is Pascal's round, as TeX uses: to nearest, halves away from zero: Length(math.Round(x)),
// without math.Round's call (inlined): the fraction left by truncating is exact below 2⁵², and
// from there on (and for NaN and infinities) x is its own rounding.
func RoundSP(x float64) Length {
	i := Length(x)
	if x > -1<<52 && x < 1<<52 {
		switch f := x - float64(i); {
		case f >= 0.5:
			i++
		case f <= -0.5:
			i--
		}
	}
	return i
}
