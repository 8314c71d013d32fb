package layout

import (
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"bindery/book/linebreak"
)

// A paragraph is set in four steps: its inlines become a horizontal list of items (hlist.go),
// the list is broken into lines (here, by book/linebreak), each line becomes a line box of
// placed runs (linebox.go), and a justified line that would be too loose has its letters
// spaced out (tracking.go).

// generatedBroken counts the generated chapters' paragraphs broken into lines in this
// process: the tests read it, to know the back matter is set once a build, not once a pass.
var generatedBroken atomic.Int64

// breakLines breaks the items gathered in p into lines and makes their line boxes. A line
// that sticks out of the measure is reported.
func (t *typesetter) breakLines(p *paragraphSetter) []*lineBox {
	items := p.finish()
	if len(items) == 0 {
		return nil
	}
	if t.generating {
		generatedBroken.Add(1)
	}
	params, measure := p.breakParams()
	lines, err := breakAvoidingLadders(p.lineScratch, items, measure, params)
	lines, err = avoidShortLast(items, measure, params, lines, err)
	// Nothing keeps a paragraph's breaks once its lines are made: the next paragraph's are
	// broken into the same storage.
	p.lineScratch = lines[:0]
	if err != nil {
		// (be escapes to the heap: only for a paragraph with a bad line.)
		var be *linebreak.BreakError
		if errors.As(err, &be) && len(be.Overfull) > 0 {
			t.warnings.WarnKind(t.warnPlace, "overfull", "a line is wider than the measure: %s", strings.TrimSpace(p.lineText(items, lines)))
		}
	}
	return p.setLines(items, lines, params)
}

// finish ends the item list as TeX ends a paragraph (linebreak.Finish). A hard break at the
// very end is dropped first: it would leave an empty last line (TeX's underfull box).
// Centred text gets TeX's \parfillskip=0pt, so that its last line is centred like the
// others.
func (p *paragraphSetter) finish() []linebreak.Item {
	for n := len(p.items); n >= 3 && p.items[n-1].Kind == linebreak.KindPenalty && p.items[n-1].Penalty == linebreak.EjectPenalty; n = len(p.items) {
		p.items = p.items[:n-3]
	}
	items := linebreak.Finish(p.items)
	if (p.spec.Centered || p.spec.Display) && len(items) >= 2 {
		items[len(items)-2] = linebreak.NewGlue(0, 0, 0)
	}
	if p.spec.Display {
		items = tieLastWords(items)
	} else if !p.spec.Ragged && !p.spec.Centered {
		items = shortLastLine(items)
		p.letterSpacing(items)
	}
	p.hangNumber(items)
	return items
}

// shortLastPenalty is the cost of a break before a justified paragraph's last word, which
// would leave it alone on the last line: dear enough that the breaker finds another way
// when the tolerance allows one (with the letters' stretch, it mostly does: 150 left 3 of
// the default book's 159 paragraphs so, 400 leaves 2, more changes nothing).
const shortLastPenalty = 400

// shortLastLine puts shortLastPenalty on the breaks that would leave the paragraph's last
// word, or a piece of it, alone on the last line: before it, and at its hyphenation points.
func shortLastLine(items []linebreak.Item) []linebreak.Item {
	last := lastSpace(items)
	if last < 0 {
		return items
	}
	for j := last + 1; j < len(items); j++ {
		if it := &items[j]; it.Kind == linebreak.KindPenalty && it.Flagged && it.Penalty < linebreak.InfPenalty {
			it.Penalty += shortLastPenalty
		}
	}
	if items[last-1].Kind == linebreak.KindPenalty {
		items[last-1].Penalty += shortLastPenalty
		return items
	}
	return slices.Insert(items, last, linebreak.NewPenalty(shortLastPenalty))
}

// avoidShortLast breaks again, with hyphenation, a justified paragraph that TeX's first
// pass (without hyphens, within \pretolerance) set with its last word alone on the last
// line: that pass takes the first solution it finds, however dear the shortLastPenalty
// made it, and only a hyphen earlier in the paragraph can make room for the word beside
// others (the paragraph's other words rarely move a whole word's width within the
// tolerance). The new breaks are taken when they save the last line without an overfull
// line, a line beyond the tolerance or a ladder of hyphens.
func avoidShortLast(items []linebreak.Item, measure func(int) Length, params linebreak.Params, lines []linebreak.Line, err error) ([]linebreak.Line, error) {
	if len(lines) < 2 || params.Pretolerance < 0 || err != nil || !oneWordLast(items, lines) {
		return lines, err
	}
	params.Pretolerance = -1
	l2, err2 := breakAvoidingLadders(nil, items, measure, params) // lines may be kept
	if err2 != nil || oneWordLast(items, l2) || hyphenLadder(items, l2) > 2 {
		return lines, err
	}
	for _, ln := range l2 {
		if ln.IsOverfull() || ln.Badness > params.Tolerance {
			return lines, err
		}
	}
	return l2, nil
}

// oneWordLast reports whether the last line of a paragraph broken into lines holds one
// word, or a piece of one: no inter-word space.
func oneWordLast(items []linebreak.Item, lines []linebreak.Line) bool {
	ln := lines[len(lines)-1]
	for _, it := range items[ln.Start:min(ln.End, len(items))] {
		if it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal && it.Width > 0 {
			return false
		}
	}
	return true
}

// lastSpace is the index of the last inter-word glue (a glue after a box, or after the
// penalty that prices a break there), or -1. \parfillskip follows a penalty of its own.
func lastSpace(items []linebreak.Item) int {
	for i := len(items) - 1; i > 0; i-- {
		if items[i].Kind != linebreak.KindGlue {
			continue
		}
		if items[i-1].Kind == linebreak.KindBox {
			return i
		}
		if i > 1 && items[i-1].Kind == linebreak.KindPenalty && items[i-1].Penalty < linebreak.InfPenalty && items[i-2].Kind == linebreak.KindBox {
			return i
		}
	}
	return -1
}

// tieLastWords forbids the break before a display's last word when at least two words
// stand before it, so that its last line never holds one word alone (a widowed word).
func tieLastWords(items []linebreak.Item) []linebreak.Item {
	last := lastSpace(items)
	if last < 0 || lastSpace(items[:last]) < 0 {
		return items
	}
	if items[last-1].Kind == linebreak.KindPenalty {
		items[last-1] = linebreak.NewPenalty(linebreak.InfPenalty)
		return items
	}
	return slices.Insert(items, last, linebreak.NewPenalty(linebreak.InfPenalty))
}

// breakParams are the line-breaking parameters and the measure of the text being set. Ragged
// right is plain TeX's \raggedright (a \rightskip that stretches, here by 3 em, and any
// badness tolerated); centred lines have \leftskip and \rightskip of 0pt plus 1fil. Neither
// tries a first pass without hyphens, nor does text that is not hyphenated. A hanging
// indentation (index entries) narrows every line after the first, as \hangindent with
// \hangafter=1 does.
func (p *paragraphSetter) breakParams() (linebreak.Params, func(line int) Length) {
	params := p.s.Params
	params.Looseness = int(p.spec.looseness)
	if p.spec.Ragged || p.spec.Centered || p.spec.NoHyphenation {
		params.Pretolerance = -1
	}
	if p.spec.Ragged {
		params.RightSkip = linebreak.NewGlue(0, 3*p.spec.Size, 0)
		params.Tolerance = linebreak.InfBad
	}
	if p.spec.Centered {
		params.LeftSkip = linebreak.NewFilGlue(Pt, linebreak.Fil)
		params.RightSkip = linebreak.NewFilGlue(Pt, linebreak.Fil)
		params.Tolerance = linebreak.InfBad
	}
	if p.spec.Display {
		// Balanced: a finite stretch of half the measure, and no \parfillskip (finish),
		// make every line's shortfall cost, the last line's too, so that the breaker
		// evens the lines out instead of filling all but the last (a line half empty has
		// badness 100).
		params.RightSkip = linebreak.NewGlue(0, p.spec.Width/2, 0)
		if p.spec.Centered {
			params.LeftSkip = linebreak.NewGlue(0, p.spec.Width/4, 0)
			params.RightSkip = linebreak.NewGlue(0, p.spec.Width/4, 0)
		}
		params.Tolerance = linebreak.InfBad
	}
	width, hang := p.spec.Width, max(p.spec.Hang, 0)
	if hang > 0 {
		params.ShapeLines = 1
	}
	// The measure is a function the breaker calls; made anew for every paragraph it was an
	// allocation each. The setter keeps the last, for the next paragraph of its measure.
	if p.measure == nil || p.measureOf != [2]Length{width, hang} {
		p.measureOf = [2]Length{width, hang}
		if hang == 0 {
			p.measure = linebreak.FixedMeasure(width)
		} else {
			p.measure = func(n int) Length {
				if n == 0 {
					return width
				}
				return width - hang
			}
		}
	}
	return params, p.measure
}

// breakAvoidingLadders breaks items into lines. More than two hyphenated lines in a row is a
// ladder: consecutive hyphens are made dearer until it goes, as a compositor would, and
// when the ladder is the only solution within tolerance, a little looser spacing is
// accepted (the tolerance doubled, up to three times). The first try's lines are broken
// into into's storage.
func breakAvoidingLadders(into []linebreak.Line, items []linebreak.Item, measure func(int) Length, params linebreak.Params) ([]linebreak.Line, error) {
	lines, err := linebreak.BreakInto(into, items, measure, params)
	if hyphenLadder(items, lines) <= 2 {
		return lines, err
	}
	retry := params
	retry.DoubleHyphenDemerits *= 100
	for try := 0; try < 3; try++ {
		retry.Tolerance *= 2
		l2, err2 := linebreak.Break(items, measure, retry)
		if hyphenLadder(items, l2) <= 2 {
			return l2, err2
		}
	}
	return lines, err
}

// hyphenLadder is the longest run of consecutive lines ending in a discretionary hyphen.
func hyphenLadder(items []linebreak.Item, lines []linebreak.Line) int {
	run, longest := 0, 0
	for _, ln := range lines {
		if ln.Hyphenated && ln.End < len(items) && items[ln.End].Width > 0 {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// lineText is the text of the first overfull line, for the warning about it.
func (p *paragraphSetter) lineText(items []linebreak.Item, lines []linebreak.Line) string {
	for _, ln := range lines {
		if ln.IsOverfull() {
			var b strings.Builder
			for _, it := range items[ln.Start:ln.End] {
				if it.Kind == linebreak.KindBox && it.Payload >= 0 {
					b.WriteString(p.frags[it.Payload].text)
				} else if it.Kind == linebreak.KindGlue {
					b.WriteByte(' ')
				}
			}
			return truncateText(b.String(), 60)
		}
	}
	return ""
}

// truncateText shortens s to n characters and an ellipsis.
func truncateText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
