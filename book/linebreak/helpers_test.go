package linebreak

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The fake font: every character is 5pt wide, and the inter-word space has
// cmr10's proportions (3.33pt plus 1.67pt minus 1.11pt).
const (
	fakeChar    = 5 * Pt
	fakeSpace   = Pt * 10 / 3
	fakeStretch = Pt * 5 / 3
	fakeShrink  = Pt * 10 / 9
	fakeHyphen  = fakeChar
)

// frogKing is the first paragraph of the Grimms' "The Frog King", the
// example of Knuth and Plass's "Breaking paragraphs into lines".
const frogKing = "In olden times when wishing still helped one, there lived a king whose " +
	"daughters were all beautiful; and the youngest was so beautiful that the sun " +
	"itself, which has seen so much, was astonished whenever it shone in her face. " +
	"Close by the king's castle lay a great dark forest, and under an old lime-tree " +
	"in the forest was a well, and when the day was very warm, the king's child went " +
	"out into the forest and sat down by the side of the cool fountain; and when she " +
	"was bored she took a golden ball, and threw it up on high and caught it; and " +
	"this ball was her favorite plaything."

func fakeWidth(s string) Length { return Length(len([]rune(s))) * fakeChar }

func fakeSpaceGlue() Item { return NewGlue(fakeSpace, fakeStretch, fakeShrink) }

// paragraph builds the items of text in the fake font, unfinished. Words
// containing "-" get an explicit-hyphen break after it. With hyphenate,
// words get fake discretionary hyphens: after every third letter, leaving
// at least two letters before and three after. Payload is the word
// number.
func fakeParagraph(text string, hyphenate bool) []Item {
	var items []Item
	for wi, word := range strings.Fields(text) {
		if wi > 0 {
			items = append(items, fakeSpaceGlue())
		}
		parts := strings.SplitAfter(word, "-")
		for pi, part := range parts {
			if pi > 0 {
				items = append(items, NewExHyphen(50))
			}
			runes := []rune(part)
			last := 0
			if hyphenate {
				for k := 3; k <= len(runes)-3; k += 3 {
					if fakeIsLetters(runes[last:k]) && fakeIsLetters(runes[k:]) {
						items = append(items, NewBox(fakeWidth(string(runes[last:k])), wi), NewDiscretionary(fakeHyphen, 50))
						last = k
					}
				}
			}
			items = append(items, NewBox(fakeWidth(string(runes[last:])), wi))
		}
	}
	return items
}

func fakeIsLetters(r []rune) bool {
	for _, c := range r {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// withHyphenPenalty returns a copy of items whose discretionary hyphens
// cost pen.
func withHyphenPenalty(items []Item, pen int) []Item {
	out := slices.Clone(items)
	for i := range out {
		if out[i].Kind == KindPenalty && out[i].Flagged && out[i].Width > 0 {
			out[i].Penalty = pen
		}
	}
	return out
}

// words returns a paragraph of n words taken cyclically from frogKing.
func fakeWords(n int, hyphenate bool) []Item {
	f := strings.Fields(frogKing)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f[i%len(f)])
	}
	return fakeParagraph(b.String(), hyphenate)
}

// render shows the lines as text, for failure messages: boxes become
// their payload's word, glue a space.
func renderLines(items []Item, text string, lines []Line) string {
	f := strings.Fields(text)
	var b strings.Builder
	for k, l := range lines {
		fmt.Fprintf(&b, "%3d r=%+.3f b=%5d ", k, l.Ratio, l.Badness)
		lastWord := -1
		for i := l.Start; i < l.End; i++ {
			it := items[i]
			switch it.Kind {
			case KindBox:
				if it.Payload != lastWord && it.Payload >= 0 && it.Payload < len(f) {
					b.WriteString(f[it.Payload])
					lastWord = it.Payload
				}
			case KindGlue:
				b.WriteByte(' ')
			}
		}
		if l.Hyphenated {
			b.WriteString("-")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// checkCover checks the invariants every result of Break must satisfy:
// lines cover the items in order, only discardable items are skipped
// between lines, every line ends at a legal breakpoint, every forced break
// ends a line, and the last line ends the paragraph.
func checkLineCover(t testing.TB, items []Item, lines []Line, p Params) {
	t.Helper()
	if len(items) == 0 {
		if len(lines) != 0 {
			t.Fatalf("empty paragraph gave %d lines", len(lines))
		}
		return
	}
	if len(lines) == 0 {
		t.Fatalf("no lines for %d items", len(items))
	}
	if lines[0].Start != 0 {
		t.Fatalf("first line starts at %d", lines[0].Start)
	}
	ends := map[int]bool{}
	prevEnd := -1
	for k, l := range lines {
		if l.Start > l.End || l.End > len(items) {
			t.Fatalf("line %d: bad range [%d,%d) of %d items", k, l.Start, l.End, len(items))
		}
		if k > 0 {
			if l.Start <= prevEnd {
				t.Fatalf("line %d starts at %d, not after the previous break %d", k, l.Start, prevEnd)
			}
			for i := prevEnd + 1; i < l.Start; i++ {
				if !items[i].discardable() {
					t.Fatalf("line %d: box %d between lines was dropped", k, i)
				}
			}
		}
		if l.End < len(items) {
			it := items[l.End]
			b := &lineBreaker{p: p}
			switch it.Kind {
			case KindGlue:
				if l.End == 0 || items[l.End-1].discardable() {
					t.Fatalf("line %d ends at glue %d not preceded by a box", k, l.End)
				}
			case KindPenalty:
				if b.penalty(&it) >= InfPenalty {
					t.Fatalf("line %d ends at penalty %d (%d)", k, l.End, it.Penalty)
				}
			default:
				t.Fatalf("line %d ends at a box", k)
			}
			if l.Hyphenated != (it.Kind == KindPenalty && it.Flagged) {
				t.Fatalf("line %d: Hyphenated=%v at %v", k, l.Hyphenated, it)
			}
		}
		ends[l.End] = true
		prevEnd = l.End
	}
	last := lines[len(lines)-1].End
	if last != len(items) && last != len(items)-1 {
		t.Fatalf("last line ends at %d of %d items", last, len(items))
	}
	for i := range last {
		it := items[i]
		if it.Kind == KindPenalty && (&lineBreaker{p: p}).penalty(&it) <= EjectPenalty && !ends[i] {
			t.Fatalf("forced break at %d not taken", i)
		}
	}
}

// setWidth returns the width of a line once set: its items' set widths
// plus the hyphen.
func setLineWidth(items []Item, l Line) Length {
	var sum Length
	for _, w := range l.AppendWidths(nil, items) {
		sum += w
	}
	if l.End < len(items) && items[l.End].Kind == KindPenalty {
		sum += items[l.End].Width
	}
	return sum
}

// maxRatio is the largest adjustment ratio whose TeX badness is within tol.
func maxRatioFor(tol int) float64 {
	r := 0.0
	for Badness(Length(r*1000*float64(Pt)), 1000*Pt) <= tol && r < 100 {
		r += 0.001
	}
	return r
}

// sumSquares returns the sum of squared adjustment ratios of all lines but
// the last.
func ratioSquares(lines []Line) float64 {
	s := 0.0
	for _, l := range lines[:len(lines)-1] {
		s += l.Ratio * l.Ratio
	}
	return s
}

// firstFit breaks items the way a simple typesetter does: every line takes
// as many words as fit with the glue shrunk as far as it may. It returns
// the adjustment ratios of the lines.
func firstFitRatios(items []Item, measure Length) []float64 {
	var ratios []float64
	start := 0
	n := len(items)
	for start < n {
		var w, st, sh Length
		lastBreak := -1
		var lw, lst, lsh Length
		i := start
		for ; i < n; i++ {
			it := items[i]
			legal := it.Kind == KindGlue && i > 0 && !items[i-1].discardable() ||
				it.Kind == KindPenalty && it.Penalty < InfPenalty
			if legal {
				extra := Length(0)
				if it.Kind == KindPenalty {
					extra = it.Width
				}
				if w+extra-sh > measure && lastBreak >= 0 {
					break
				}
				lastBreak, lw, lst, lsh = i, w+extra, st, sh
				if it.Kind == KindPenalty && it.Penalty <= EjectPenalty {
					break
				}
			}
			switch it.Kind {
			case KindGlue:
				w += it.Width
				if it.StretchOrder == Normal {
					st += it.Stretch
				} else {
					st += 1 << 40
				}
				sh += it.Shrink
			case KindBox:
				w += it.Width
			}
		}
		if lastBreak < 0 {
			lastBreak, lw, lst, lsh = n, w, st, sh
		}
		var r float64
		if d := measure - lw; d > 0 {
			r = float64(d) / float64(lst)
		} else if d < 0 {
			r = float64(d) / float64(lsh)
		}
		ratios = append(ratios, r)
		start = lastBreak + 1
		for start < n && items[start].discardable() {
			start++
		}
	}
	return ratios
}

func ratioSquaresOf(rs []float64) float64 {
	s := 0.0
	for _, r := range rs[:len(rs)-1] {
		s += r * r
	}
	return s
}
