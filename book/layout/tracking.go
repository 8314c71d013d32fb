package layout

import (
	"math"
	"unicode/utf8"

	"bindery/book/linebreak"
)

// maxTracking is the most letter spacing a line may get, as a fraction of the type size.
const maxTracking = 4 // per cent of an em

// track sets an underfull justified line the way a careful compositor would rather than
// leave rivers: the spaces stretch as far as the tolerance allows and the rest of the
// shortfall is spread between the letters (at most 0.04 em), like pdfTeX's microtype. It
// rewrites widths in place and returns the line's new ratio and badness and the letter
// spacing.
func (p *paragraphSetter) track(items []linebreak.Item, ln linebreak.Line, widths []Length, tolerance int) (float64, int, Length) {
	var stretch Length
	gaps := 0
	for k := range widths {
		it := &items[ln.Start+k]
		switch {
		case it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal:
			stretch += it.Stretch
		case it.Kind == linebreak.KindBox && it.Payload >= 0:
			gaps += p.letterGaps(items, ln, k)
		}
	}
	if stretch <= 0 || gaps == 0 {
		return ln.Ratio, ln.Badness, 0
	}
	rMax := math.Cbrt(float64(tolerance) / 100) // badness 100·r³ = tolerance
	excess := Length((ln.Ratio - rMax) * float64(stretch))
	cs := min(excess/Length(gaps), p.spec.Size*maxTracking/100)
	if cs <= 0 {
		return ln.Ratio, ln.Badness, 0
	}
	// What the letters do not take, the spaces keep.
	r := ln.Ratio - float64(cs*Length(gaps))/float64(stretch)
	var cum, prev Length
	for k := range widths {
		it := &items[ln.Start+k]
		switch {
		case it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal:
			cum += it.Stretch
			adj := Length(math.Round(r * float64(cum)))
			widths[k] = it.Width + adj - prev
			prev = adj
		case it.Kind == linebreak.KindBox && it.Payload >= 0:
			widths[k] = it.Width + cs*Length(p.letterGaps(items, ln, k))
		}
	}
	return r, linebreak.Badness(Length(r*float64(stretch)), stretch), cs
}

// letterGaps counts the letter spaces a box of a line takes: one after each of its
// characters, except after the last character of a word.
func (p *paragraphSetter) letterGaps(items []linebreak.Item, ln linebreak.Line, k int) int {
	n := utf8.RuneCountInString(p.frags[items[ln.Start+k].Payload].text)
	for j := ln.Start + k + 1; j < ln.End; j++ {
		switch items[j].Kind {
		case linebreak.KindBox:
			return n // the word goes on
		case linebreak.KindGlue:
			return n - 1
		}
	}
	return n - 1
}
