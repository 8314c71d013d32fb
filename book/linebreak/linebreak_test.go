package linebreak

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestFrogKingLinesFitMeasure: for every measure at which the frog-king
// paragraph has feasible breaks, no line is wider than the measure, every
// line but the last has an adjustment ratio in [-1, the tolerance's
// limit], and the set glue makes each justified line exactly the measure.
func TestFrogKingLinesFitMeasure(t *testing.T) {
	p := DefaultParams()
	rmax := maxRatioFor(p.Tolerance)
	for _, hyph := range []bool{false, true} {
		items := Finish(fakeParagraph(frogKing, hyph))
		for _, m := range []Length{190, 240, 250, 280, 320, 340, 380, 400, 420} {
			measure := m * Pt
			lines, err := Break(items, FixedMeasure(measure), p)
			if err != nil {
				t.Fatalf("measure %v hyphenate %v: %v", measure, hyph, err)
			}
			checkLineCover(t, items, lines, p)
			for k, l := range lines {
				set := setLineWidth(items, l)
				if l.IsOverfull() || set > measure {
					t.Errorf("measure %v: line %d is %v wide (overfull %v)\n%s", measure, k, set, l.Overfull, renderLines(items, frogKing, lines))
				}
				if l.Badness > p.Tolerance {
					t.Errorf("measure %v: line %d has badness %d", measure, k, l.Badness)
				}
				if k == len(lines)-1 {
					// \parfillskip takes the slack; the words keep
					// their natural spacing.
					pfs := l.GlueWidth(items[len(items)-2])
					if l.Order != Fil || l.Width+pfs != measure || set != measure {
						t.Errorf("measure %v: last line order %d natural %v, parfillskip %v", measure, l.Order, l.Width, pfs)
					}
					if g := l.GlueWidth(fakeSpaceGlue()); g != fakeSpace {
						t.Errorf("measure %v: last line's spaces set to %v", measure, g)
					}
					continue
				}
				if l.Ratio < -1 || l.Ratio > rmax {
					t.Errorf("measure %v: line %d ratio %.3f outside [-1, %.3f]", measure, k, l.Ratio, rmax)
				}
				if d := set - measure; d < -1 || d > 1 {
					t.Errorf("measure %v: line %d sets to %v, want the measure within 1sp", measure, k, set)
				}
				if l.Width > measure && l.Ratio >= 0 || l.Width < measure && l.Ratio <= 0 {
					t.Errorf("measure %v: line %d natural width %v but ratio %.3f", measure, k, l.Width, l.Ratio)
				}
			}
		}
	}
}

// TestFrogKingGolden pins the breaks of the frog-king paragraph at 340pt
// with hyphenation, the first words of each line, so that changes to the
// breaker show up.
func TestFrogKingGolden(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	lines, err := Break(items, FixedMeasure(340*Pt), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(frogKing)
	var got []string
	for _, l := range lines {
		got = append(got, f[items[l.Start].Payload])
	}
	want := []string{"In", "daughters", "sun", "her", "an", "the", "cool", "it"}
	if !slices.Equal(got, want) {
		t.Fatalf("lines start with %q, want %q\n%s", got, want, renderLines(items, frogKing, lines))
	}
}

// TestTotalFitBeatsFirstFit: on the frog-king paragraph (the example of
// Knuth and Plass's paper) total fit spreads the white space more evenly
// than breaking each line as late as possible: a smaller sum of squared
// adjustment ratios and no line as far from its natural width.
func TestTotalFitBeatsFirstFit(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, false))
	for _, m := range []Length{340, 400} {
		measure := m * Pt
		lines, err := Break(items, FixedMeasure(measure), DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		ff := firstFitRatios(items, measure)
		tf, gf := ratioSquares(lines), ratioSquaresOf(ff)
		worstTF, worstFF := 0.0, 0.0
		for _, l := range lines[:len(lines)-1] {
			worstTF = max(worstTF, math.Abs(l.Ratio))
		}
		for _, r := range ff[:len(ff)-1] {
			worstFF = max(worstFF, math.Abs(r))
		}
		t.Logf("measure %v: total fit Σr²=%.3f max|r|=%.3f; first fit Σr²=%.3f max|r|=%.3f", measure, tf, worstTF, gf, worstFF)
		if tf >= gf || worstTF >= worstFF {
			t.Errorf("measure %v: total fit (Σr² %.3f, max %.3f) is no better than first fit (%.3f, %.3f)", measure, tf, worstTF, gf, worstFF)
		}
	}
}

// TestForcedBreaksHonoured: a penalty of -10000 always ends a line, even
// where the line is short.
func TestForcedBreaksHonoured(t *testing.T) {
	// "beautiful;\break and": box, forced penalty, space, box.
	var items []Item
	for i, part := range strings.Split(frogKing, "; ") {
		if i > 0 {
			items = append(items, NewPenalty(EjectPenalty), fakeSpaceGlue())
		}
		items = append(items, fakeParagraph(part, true)...)
	}
	items = Finish(items)
	p := DefaultParams()
	lines, err := Break(items, FixedMeasure(300*Pt), p)
	checkLineCover(t, items, lines, p)
	var forced int
	for i, it := range items[:len(items)-1] {
		if it.Kind == KindPenalty && it.Penalty == EjectPenalty {
			forced++
			if !slices.ContainsFunc(lines, func(l Line) bool { return l.End == i }) {
				t.Errorf("no line ends at the forced break %d", i)
			}
		}
	}
	if forced != 3 {
		t.Fatalf("%d forced breaks in the test paragraph, want 3", forced)
	}
	// The lines before forced breaks end short: they are underfull unless
	// they happen to fill the line; either way the caller hears of it.
	var be *BreakError
	if err != nil && !errors.As(err, &be) {
		t.Fatal(err)
	}
}

// TestInfPenaltyNeverBroken: penalties of 10000 are never breakpoints,
// neither is glue after them (a tie, "Mr.~Smith"), so a paragraph whose
// spaces are all tied is one overfull line.
func TestInfPenaltyNeverBroken(t *testing.T) {
	p := DefaultParams()
	// Tie every other space.
	var items []Item
	for i, it := range fakeParagraph(frogKing, false) {
		if it.Kind == KindGlue && i%4 == 1 {
			items = append(items, NewPenalty(InfPenalty))
		}
		items = append(items, it)
	}
	items = Finish(items)
	lines, err := Break(items, FixedMeasure(300*Pt), p)
	checkLineCover(t, items, lines, p) // checks no line ends at a penalty >= 10000
	for _, l := range lines {
		if l.End < len(items) && items[l.End].Kind == KindGlue && items[l.End-1].Kind == KindPenalty {
			t.Fatalf("line broke at tied glue %d", l.End)
		}
	}
	if err != nil {
		t.Logf("tied paragraph: %v", err)
	}

	// All spaces tied: nothing to break at but the end.
	items = nil
	for _, it := range fakeParagraph("one two three four five six seven eight nine ten", false) {
		if it.Kind == KindGlue {
			items = append(items, NewPenalty(InfPenalty+500))
		}
		items = append(items, it)
	}
	items = Finish(items)
	lines, err = Break(items, FixedMeasure(100*Pt), p)
	checkLineCover(t, items, lines, p)
	var be *BreakError
	if len(lines) != 1 || !lines[0].IsOverfull() || !errors.As(err, &be) || !slices.Equal(be.Overfull, []int{0}) {
		t.Fatalf("got %d lines, err %v; want one overfull line", len(lines), err)
	}
}

func consecutiveHyphens(lines []Line) int {
	n := 0
	for k := 1; k < len(lines); k++ {
		if lines[k].Hyphenated && lines[k-1].Hyphenated {
			n++
		}
	}
	return n
}

// TestDoubleHyphenDemeritsAvoidConsecutiveHyphens: across a range of
// measures, DoubleHyphenDemerits never increase the number of consecutive
// hyphenated lines, and somewhere they remove them.
func TestDoubleHyphenDemeritsAvoidConsecutiveHyphens(t *testing.T) {
	items := Finish(withHyphenPenalty(fakeParagraph(frogKing, true), 0))
	with, without := 0, 0
	for m := Length(100); m <= 420; m += 5 {
		p := DefaultParams()
		p.Pretolerance = -1
		p.Tolerance = 1000
		l1, err1 := Break(items, FixedMeasure(m*Pt), p)
		p.DoubleHyphenDemerits = 0
		l0, err0 := Break(items, FixedMeasure(m*Pt), p)
		if (err0 == nil) != (err1 == nil) {
			continue
		}
		c1, c0 := consecutiveHyphens(l1), consecutiveHyphens(l0)
		if c1 > c0 {
			t.Errorf("measure %vpt: %d consecutive hyphens with DoubleHyphenDemerits, %d without", m, c1, c0)
		}
		with += c1
		without += c0
	}
	t.Logf("consecutive hyphenated lines: %d with DoubleHyphenDemerits, %d without", with, without)
	if with >= without {
		t.Fatalf("DoubleHyphenDemerits made no difference (%d vs %d)", with, without)
	}
}

// TestFinalHyphenDemerits: a high FinalHyphenDemerits keeps the second-last
// line from ending in a hyphen wherever the tolerance allows.
func TestFinalHyphenDemerits(t *testing.T) {
	items := Finish(withHyphenPenalty(fakeParagraph(frogKing, true), 0))
	changed := 0
	for m := Length(100); m <= 420; m += 5 {
		p := DefaultParams()
		p.Pretolerance = -1
		p.FinalHyphenDemerits = 0
		l0, err0 := Break(items, FixedMeasure(m*Pt), p)
		p.FinalHyphenDemerits = 1000000
		l1, err1 := Break(items, FixedMeasure(m*Pt), p)
		if err0 != nil || err1 != nil || len(l0) < 2 {
			continue
		}
		if l0[len(l0)-2].Hyphenated && !l1[len(l1)-2].Hyphenated {
			changed++
		}
		if l1[len(l1)-2].Hyphenated && !l0[len(l0)-2].Hyphenated {
			t.Errorf("measure %vpt: FinalHyphenDemerits added a final hyphen", m)
		}
	}
	if changed == 0 {
		t.Skip("no measure where the second-last line would be hyphenated")
	}
}

// TestFirstPassIgnoresDiscretionaries: when the first pass succeeds, no line
// ends at a discretionary hyphen, while an explicit hyphen ("lime-tree") is
// a breakpoint in every pass.
func TestFirstPassIgnoresDiscretionaries(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	for _, m := range []Length{190, 240, 250, 320, 340, 380, 400} {
		lines, pass, err := breakParagraph(items, FixedMeasure(m*Pt), DefaultParams())
		if err != nil || pass != lbPassPretolerance {
			t.Fatalf("measure %vpt: pass %d, %v; want the first pass to succeed", m, pass, err)
		}
		for k, l := range lines {
			if l.Hyphenated && items[l.End].Width > 0 {
				t.Fatalf("measure %vpt: line %d ends at a discretionary in the first pass", m, k)
			}
		}
	}
	// With only an explicit hyphen to break at, the first pass uses it.
	items = Finish(fakeParagraph("xxxxxxxxxx-yyyyyyyyyy", false))
	p := DefaultParams()
	p.Pretolerance = 10000
	lines, pass, err := breakParagraph(items, FixedMeasure(60*Pt), p)
	if err != nil || pass != lbPassPretolerance || len(lines) != 2 || !lines[0].Hyphenated {
		t.Fatalf("explicit hyphen: pass %d, %d lines, err %v", pass, len(lines), err)
	}
	if lines[0].Width != 55*Pt {
		t.Fatalf("explicit hyphen line is %v wide, want 55pt (the hyphen is in the box)", lines[0].Width)
	}
}

// TestEmergencyPassForNarrowMeasure: at 200pt the frog king has no feasible
// breaks within tolerance 200 even with hyphenation; with EmergencyStretch
// the third pass finds some, which may be underfull but never overfull.
func TestEmergencyPassForNarrowMeasure(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	p := DefaultParams()
	lines, pass, err := breakParagraph(items, FixedMeasure(200*Pt), p)
	var be *BreakError
	if pass != lbPassRescue || !errors.As(err, &be) || len(be.Overfull) != 0 || len(be.Underfull) == 0 {
		t.Fatalf("without emergency stretch: pass %d, err %v; want a BreakError with underfull lines only", pass, err)
	}
	checkLineCover(t, items, lines, p)

	p.EmergencyStretch = 20 * Pt
	lines, pass, err = breakParagraph(items, FixedMeasure(200*Pt), p)
	if err != nil || pass != lbPassEmergency {
		t.Fatalf("with emergency stretch: pass %d, err %v; want the third pass", pass, err)
	}
	checkLineCover(t, items, lines, p)
	loose := 0
	for k, l := range lines {
		if l.IsOverfull() || setLineWidth(items, l) > 200*Pt {
			t.Errorf("line %d overfull", k)
		}
		if l.Badness > p.Tolerance {
			loose++
		}
	}
	if loose == 0 {
		t.Errorf("no line looser than the tolerance: the emergency pass was not needed")
	}
}

// TestUnbreakableBoxOverfull: a single box of 500 characters gives one
// overfull line, reported, without hanging.
func TestUnbreakableBoxOverfull(t *testing.T) {
	items := Finish([]Item{NewBox(500*fakeChar, 0)})
	p := DefaultParams()
	p.EmergencyStretch = 10 * Pt
	lines, err := Break(items, FixedMeasure(300*Pt), p)
	checkLineCover(t, items, lines, p)
	var be *BreakError
	if len(lines) != 1 || !errors.As(err, &be) || !slices.Equal(be.Overfull, []int{0}) {
		t.Fatalf("got %d lines, err %v; want one overfull line", len(lines), err)
	}
	l := lines[0]
	if !l.IsOverfull() || l.Overfull != 2500*Pt-300*Pt || l.Ratio >= -1 || l.Badness != InfBad+1 {
		t.Fatalf("line %+v; want overfull by 2200pt", l)
	}

	// Inside a paragraph, the long box gets a line of its own and the
	// text around it is set normally.
	items = fakeParagraph("In olden times when wishing still helped one", false)
	items = append(items, fakeSpaceGlue(), NewBox(100*fakeChar, 99), fakeSpaceGlue())
	items = Finish(append(items, fakeParagraph("there lived a king whose daughters were all beautiful", false)...))
	lines, err = Break(items, FixedMeasure(150*Pt), p)
	checkLineCover(t, items, lines, p)
	if !errors.As(err, &be) || len(be.Overfull) != 1 {
		t.Fatalf("err %v; want exactly one overfull line", err)
	}
	l = lines[be.Overfull[0]]
	if l.End-l.Start != 1 || items[l.Start].Payload != 99 || l.Overfull != 350*Pt {
		t.Fatalf("overfull line holds items [%d,%d) overfull by %v; want the long box alone, 350pt too wide", l.Start, l.End, l.Overfull)
	}
}

// TestEmptyParagraph: no items, no lines; a paragraph of only glue is one
// empty line, as in TeX.
func TestEmptyParagraph(t *testing.T) {
	p := DefaultParams()
	for _, items := range [][]Item{nil, {}, Finish(nil)} {
		lines, err := Break(items, FixedMeasure(100*Pt), p)
		if len(lines) != 0 || err != nil {
			t.Fatalf("empty paragraph: %d lines, err %v", len(lines), err)
		}
	}
	items := Finish([]Item{fakeSpaceGlue()})
	lines, err := Break(items, FixedMeasure(100*Pt), p)
	if err != nil || len(lines) != 1 || lines[0].Width != 0 {
		t.Fatalf("paragraph of glue: %+v, %v", lines, err)
	}
	checkLineCover(t, items, lines, p)
	if _, err := Break(items, nil, p); err == nil {
		t.Fatal("nil lineWidth accepted")
	}
}

// TestForcedBreakAtEndMakesEmptyLine: a forced break just before the end of
// a paragraph leaves an empty last line that cannot be filled, which TeX
// reports as "Underfull \hbox (badness 10000)" and Break as a BreakError.
func TestForcedBreakAtEndMakesEmptyLine(t *testing.T) {
	items := Finish(append(fakeParagraph("one two three", false), NewPenalty(EjectPenalty)))
	p := DefaultParams()
	lines, err := Break(items, FixedMeasure(100*Pt), p)
	checkLineCover(t, items, lines, p)
	var be *BreakError
	if len(lines) != 2 || !errors.As(err, &be) || !slices.Equal(be.Underfull, []int{0, 1}) {
		t.Fatalf("got %d lines, err %v", len(lines), err)
	}
	if last := lines[1]; last.Start != last.End || last.Badness != InfBad {
		t.Fatalf("last line %+v; want empty with badness 10000", last)
	}
}

// TestLooseness: Looseness 1 makes the paragraph one line longer where the
// tolerance allows, -1 one line shorter, and an unattainable looseness
// gives the nearest attainable length.
func TestLooseness(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	p := DefaultParams()
	base, err := Break(items, FixedMeasure(340*Pt), p)
	if err != nil {
		t.Fatal(err)
	}
	p.Looseness = 1
	loose, err := Break(items, FixedMeasure(340*Pt), p)
	if err != nil || len(loose) != len(base)+1 {
		t.Fatalf("looseness 1: %d lines (optimum %d), err %v", len(loose), len(base), err)
	}
	checkLineCover(t, items, loose, p)

	p.Looseness = 0
	base, _ = Break(items, FixedMeasure(330*Pt), p)
	p.Looseness = -1
	tight, err := Break(items, FixedMeasure(330*Pt), p)
	if err != nil || len(tight) != len(base)-1 {
		t.Fatalf("looseness -1: %d lines (optimum %d), err %v", len(tight), len(base), err)
	}

	p.Looseness = 5
	base, _ = Break(items, FixedMeasure(380*Pt), DefaultParams())
	most, err := Break(items, FixedMeasure(380*Pt), p)
	if err != nil || len(most) <= len(base) || len(most) >= len(base)+5 {
		t.Fatalf("looseness 5: %d lines (optimum %d), err %v; want some more but not 5", len(most), len(base), err)
	}
}

// TestShapeLines: a hanging measure (the first three lines 100pt shorter)
// is honoured line by line, and treating all later lines alike
// (ShapeLines 3) gives the same breaks as asking lineWidth about every
// line (ShapeLines -1).
func TestShapeLines(t *testing.T) {
	items := Finish(fakeParagraph(frogKing+" "+frogKing, true))
	calls := 0
	lw := func(n int) Length {
		calls++
		if n < 3 {
			return 240 * Pt
		}
		return 340 * Pt
	}
	p := DefaultParams()
	p.ShapeLines = 3
	easy, err := Break(items, lw, p)
	if err != nil {
		t.Fatal(err)
	}
	if calls > 4 {
		t.Errorf("lineWidth called %d times with ShapeLines 3, want at most 4", calls)
	}
	for k, l := range easy {
		if set := setLineWidth(items, l); set > lw(k) || k < len(easy)-1 && set != lw(k) {
			t.Errorf("line %d sets to %v, measure %v", k, set, lw(k))
		}
	}
	p.ShapeLines = -1
	general, err := Break(items, lw, p)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(easy, general) {
		t.Fatalf("ShapeLines 3 and -1 differ:\n%s\n%s", renderLines(items, frogKing+" "+frogKing, easy), renderLines(items, frogKing+" "+frogKing, general))
	}
	// ShapeLines 0: every line has lineWidth(0).
	p.ShapeLines = 0
	uniform, _ := Break(items, lw, p)
	want, _ := Break(items, FixedMeasure(240*Pt), DefaultParams())
	if !slices.Equal(uniform, want) {
		t.Fatal("ShapeLines 0 did not use lineWidth(0) for every line")
	}
}

// TestRaggedRight: with fixed inter-word spaces and a stretchable
// RightSkip (plain TeX's \raggedright), every inter-word space keeps its
// natural width, no line is wider than the measure, and the right margin
// takes the slack.
func TestRaggedRight(t *testing.T) {
	const em = 10 * Pt
	var items []Item
	for _, it := range fakeParagraph(frogKing, true) {
		if it.Kind == KindGlue {
			it = NewGlue(fakeSpace, 0, 0)
		}
		items = append(items, it)
	}
	items = Finish(items)
	p := DefaultParams()
	p.RightSkip = NewGlue(0, 2*em, 0)
	measure := 320 * Pt
	lines, err := Break(items, FixedMeasure(measure), p)
	if err != nil {
		t.Fatal(err)
	}
	checkLineCover(t, items, lines, p)
	ragged := 0
	for k, l := range lines {
		ws := l.AppendWidths(nil, items)
		for i, w := range ws {
			if it := items[l.Start+i]; it.Kind == KindGlue && it.StretchOrder == Normal && w != fakeSpace {
				t.Fatalf("line %d: space set to %v", k, w)
			}
		}
		set := setLineWidth(items, l)
		if set > measure {
			t.Fatalf("line %d: %v wider than the measure", k, set)
		}
		if k < len(lines)-1 {
			if got := set + l.GlueWidth(p.LeftSkip) + l.GlueWidth(p.RightSkip); got < measure-1 || got > measure+1 {
				t.Fatalf("line %d: content %v + right skip %v != measure", k, set, l.GlueWidth(p.RightSkip))
			}
			if set < measure {
				ragged++
			}
		}
	}
	if ragged == 0 {
		t.Fatal("no ragged lines")
	}
}

// TestGlueWidth: a line's glue widths follow its ratio and TeX's rounding.
func TestGlueWidth(t *testing.T) {
	g := NewGlue(10*Pt, 4*Pt, 2*Pt)
	cases := []struct {
		l    Line
		want Length
	}{
		{Line{Ratio: 0.5}, 12 * Pt},
		{Line{Ratio: -0.5}, 9 * Pt},
		{Line{Ratio: -3}, 8 * Pt},                 // overfull: shrinks only by its shrink
		{Line{Ratio: math.Inf(-1)}, 8 * Pt},       // overfull without shrink on the line
		{Line{Ratio: 0.5, Order: Fil}, 10 * Pt},   // finite glue does not stretch against fil
		{Line{Ratio: 1.0 / 3}, 10*Pt + 87381},     // 4pt/3 = 87381.33sp
		{Line{Ratio: 1.0 / 65536 / 8}, 10*Pt + 1}, // 0.5sp rounds away from zero
	}
	for _, c := range cases {
		if got := c.l.GlueWidth(g); got != c.want {
			t.Errorf("ratio %v order %d: %v, want %v", c.l.Ratio, c.l.Order, got, c.want)
		}
	}
	if got := (Line{Ratio: 2, Order: Fil}).GlueWidth(ParFillSkip()); got != 2*Pt {
		t.Errorf("parfillskip at ratio 2: %v", got)
	}
}

// TestAppendWidthsCumulativeRounding: three glues stretched by 1/3 sp each
// add up exactly, as TeX's hlist_out rounds the running total.
func TestAppendWidthsCumulativeRounding(t *testing.T) {
	items := []Item{NewBox(Pt, 0), NewGlue(0, 1, 0), NewBox(Pt, 1), NewGlue(0, 1, 0), NewBox(Pt, 2), NewGlue(0, 1, 0), NewBox(Pt, 3)}
	l := Line{Start: 0, End: len(items), Ratio: 1.0 / 3}
	ws := l.AppendWidths(nil, items)
	var glue []Length
	for i, w := range ws {
		if items[i].Kind == KindGlue {
			glue = append(glue, w)
		}
	}
	if !slices.Equal(glue, []Length{0, 1, 0}) {
		t.Fatalf("glue widths %v, want [0 1 0] (rounded running total 0,1,1)", glue)
	}
}

// TestBadness checks TeX's badness function at known points.
func TestBadness(t *testing.T) {
	cases := []struct {
		t, s Length
		want int
	}{
		{0, 0, 0},
		{1, 0, InfBad},
		{Pt, Pt, 100},
		{Pt, 2 * Pt, 12}, // 100/8 = 12.5
		{2 * Pt, Pt, 800},
		{3 * Pt, Pt, 2698}, // not 2700: TeX's integer approximation
		{Pt * 44 / 10, Pt, InfBad},
		{Pt * 126 / 100, Pt, 200},
		{Pt, 10 * Pt, 0},
		{10000 * Pt, 10000 * Pt, 100}, // the large-t branch
		{10000 * Pt, Pt, InfBad},
	}
	for _, c := range cases {
		if got := Badness(c.t, c.s); got != c.want {
			t.Errorf("Badness(%v, %v) = %d, want %d", c.t, c.s, got, c.want)
		}
	}
}

// TestLengthString checks TeX's way of printing dimensions.
func TestLengthString(t *testing.T) {
	cases := map[Length]string{
		0:           "0.0pt",
		Pt:          "1.0pt",
		-12 * Pt:    "-12.0pt",
		Pt / 2:      "0.5pt",
		fakeSpace:   "3.33333pt",
		fakeStretch: "1.66666pt",
		SP:          "0.00002pt",
		Pc:          "12.0pt",
	}
	for l, want := range cases {
		if got := l.String(); got != want {
			t.Errorf("%d sp prints %q, want %q", int64(l), got, want)
		}
	}
	if got := (Pt * 3 / 2).Points(); got != 1.5 {
		t.Errorf("Points() = %v", got)
	}
}

// TestFinish checks TeX's paragraph ending.
func TestFinish(t *testing.T) {
	items := Finish([]Item{NewBox(Pt, 0), fakeSpaceGlue()})
	want := []Item{NewBox(Pt, 0), NewPenalty(InfPenalty), ParFillSkip(), NewPenalty(EjectPenalty)}
	if !slices.Equal(items, want) {
		t.Fatalf("Finish gave %v", items)
	}
}

// TestHyphenPenaltyIsInTheItems: the cost of a hyphenation point is the
// item's Penalty, so a discretionary of cost 10000 is never taken, and
// Params.HyphenPenalty is not added on top of it.
func TestHyphenPenaltyIsInTheItems(t *testing.T) {
	p := DefaultParams()
	p.Pretolerance = -1
	forbidden := Finish(withHyphenPenalty(fakeParagraph(frogKing, true), InfPenalty))
	normal := Finish(fakeParagraph(frogKing, true))
	for _, m := range []Length{200, 240, 300} {
		lines, _ := Break(forbidden, FixedMeasure(m*Pt), p)
		for k, l := range lines {
			if l.Hyphenated && forbidden[l.End].Width > 0 {
				t.Fatalf("measure %vpt: line %d broke at a discretionary of cost 10000", m, k)
			}
		}
		q := p
		q.HyphenPenalty, q.ExHyphenPenalty = 5000, 5000
		a, _ := Break(normal, FixedMeasure(m*Pt), p)
		b, _ := Break(normal, FixedMeasure(m*Pt), q)
		if !slices.Equal(a, b) {
			t.Fatalf("measure %vpt: Params.HyphenPenalty changed the breaks", m)
		}
	}
	if got := (&lineBreaker{}).penalty(&Item{Kind: KindPenalty, Flagged: true, Penalty: -20000}); got != EjectPenalty {
		t.Errorf("penalty -20000 costs %d, want it clamped to %d", got, EjectPenalty)
	}
}

// TestPassiveCollection: dropping unreachable passive nodes during a long
// paragraph changes nothing in the result, and keeps their number small.
func TestPassiveCollection(t *testing.T) {
	items := Finish(fakeWords(20000, true))
	for _, p := range []Params{DefaultParams(), {Tolerance: 10000, Pretolerance: -1, LinePenalty: 10, AdjDemerits: 10000}} {
		b := newLineBreaker(items, FixedMeasure(340*Pt), p)
		if !b.run(p.Tolerance, true, 0, false) {
			t.Fatal("no feasible breaks")
		}
		best, _ := b.choose(true)
		with := b.lines(best)
		live := len(b.passive)

		b.noCollect = true
		b.run(p.Tolerance, true, 0, false)
		best, _ = b.choose(true)
		without := b.lines(best)
		t.Logf("tolerance %d: %d lines, %d passive nodes kept, %d without collection", p.Tolerance, len(with), live, len(b.passive))
		if !slices.Equal(with, without) {
			t.Fatal("collection changed the result")
		}
		if live > 4*len(with)+2*minCollect {
			t.Errorf("%d passive nodes kept for %d lines", live, len(with))
		}
	}
}
