package linebreak

import (
	"errors"
	"strconv"
)

// BreakError is returned by Break when no set of breakpoints keeps every
// line within Params.Tolerance, even with EmergencyStretch. The lines
// returned with it are the best that could be done: the total overfullness
// is as small as possible and, among such solutions, the demerits are
// least; underfull lines are then preferred to overfull ones.
type BreakError struct {
	// Overfull lists the indices of the lines that are wider than their
	// measure (Line.IsOverfull).
	Overfull []int
	// Underfull lists the indices of the lines whose badness exceeds
	// Params.Tolerance.
	Underfull []int
}

// Error says how many lines are overfull and underfull.
func (e *BreakError) Error() string {
	return "linebreak: no feasible line breaks: " + strconv.Itoa(len(e.Overfull)) +
		" overfull and " + strconv.Itoa(len(e.Underfull)) + " underfull lines"
}

// Which pass of the breaker produced a paragraph.
const (
	lbPassPretolerance = 1 // first pass, no discretionaries
	lbPassTolerance    = 2 // second pass, with hyphenation
	lbPassEmergency    = 3 // third pass, with EmergencyStretch
	lbPassRescue       = 4 // no feasible solution: least overfull one
)

// Break breaks a paragraph into lines with the Knuth–Plass total-fit
// algorithm as TeX implements it (TeX: The Program §813–890). items is the
// paragraph, normally ending in a forced break (see Finish); if it does not,
// its end acts as one. lineWidth(n) is the measure of line n (0-based); see
// Params.ShapeLines for which lines it is asked about.
//
// Legal breakpoints are glue that follows a box, and penalties below
// InfPenalty. Break makes up to three passes like TeX: with Pretolerance
// and no discretionary hyphens, then with Tolerance and hyphens, then, if
// EmergencyStretch is positive, with that much extra stretch on every
// line. Among the feasible solutions it picks the one with least total
// demerits (or, with Looseness, the one nearest the requested number of
// lines). When no pass finds a feasible solution Break still returns lines
// — the solution that minimises the total overfull width, then demerits —
// together with a *BreakError; callers decide whether to use them.
//
// Break runs in time proportional to the number of items times the number
// of candidate breakpoints within one line's reach (more with Looseness or
// ShapeLines < 0, and never more than maxActiveNodes, 4096), and its
// memory beyond the result is proportional to the number of lines. It
// never modifies items. An empty paragraph gives no lines.
func Break(items []Item, lineWidth func(line int) Length, p Params) ([]Line, error) {
	return BreakInto(nil, items, lineWidth, p)
}

// BreakInto is Break with the lines written into dst's storage (grown when too small; what
// dst held is overwritten): a caller that is done with one paragraph's lines before it
// breaks the next allocates none.
func BreakInto(dst []Line, items []Item, lineWidth func(line int) Length, p Params) ([]Line, error) {
	lines, _, err := breakParagraphInto(dst, items, lineWidth, p)
	return lines, err
}

// breakParagraph is Break that also reports which pass succeeded.
func breakParagraph(items []Item, lineWidth func(line int) Length, p Params) ([]Line, int, error) {
	return breakParagraphInto(nil, items, lineWidth, p)
}

// breakParagraphInto is breakParagraph with the lines in dst's storage. Each solution a pass
// finds replaces the one before (only the last is returned), so all share it.
func breakParagraphInto(dst []Line, items []Item, lineWidth func(line int) Length, p Params) ([]Line, int, error) {
	if lineWidth == nil {
		return nil, 0, errors.New("linebreak: Break needs a lineWidth function")
	}
	if len(items) == 0 {
		return nil, 0, nil
	}
	b := newLineBreaker(items, lineWidth, p)
	defer func() {
		b.items, b.lineWidth = nil, nil // keep the buffers, not the paragraph
		breakers.Put(b)
	}()
	if oneLineFirst && b.oneLine() {
		id := lbPassPretolerance
		if p.Pretolerance < 0 {
			id = lbPassTolerance
		}
		return b.linesInto(dst, 0), id, nil
	}
	type pass struct {
		id        int
		threshold int
		hyphenate bool
		emergency Length
		final     bool
	}
	passes := make([]pass, 0, 3)
	if p.Pretolerance >= 0 {
		passes = append(passes, pass{lbPassPretolerance, p.Pretolerance, false, 0, false})
	}
	passes = append(passes, pass{lbPassTolerance, p.Tolerance, true, 0, p.EmergencyStretch <= 0})
	if p.EmergencyStretch > 0 {
		passes = append(passes, pass{lbPassEmergency, p.Tolerance, true, p.EmergencyStretch, true})
	}
	var fallback []Line // a solution that missed Looseness
	fallbackPass := 0
	for _, ps := range passes {
		if !b.run(ps.threshold, ps.hyphenate, ps.emergency, false) {
			continue
		}
		best, ok := b.choose(ps.final)
		if ok {
			return b.linesInto(dst, best), ps.id, nil
		}
		fallback, fallbackPass = b.linesInto(dst, best), ps.id
	}
	if fallback != nil {
		return fallback, fallbackPass, nil
	}
	// TeX would now force "artificial demerits" on the last active node.
	// Instead, accept every underfull line and record the first overfull
	// break from every candidate, minimising overfullness first.
	b.run(InfBad, true, max(p.EmergencyStretch, 0), true)
	best, _ := b.choose(true)
	lines := b.linesInto(dst, best)
	e := &BreakError{}
	for i, l := range lines {
		if l.IsOverfull() {
			e.Overfull = append(e.Overfull, i)
		} else if l.Badness > p.Tolerance {
			e.Underfull = append(e.Underfull, i)
		}
	}
	return lines, lbPassRescue, e
}
