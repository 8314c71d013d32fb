package linebreak

import (
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
