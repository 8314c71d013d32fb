package layout

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"

	"bindery/book/linebreak"
)

// justifyOld is justify as it was before its letter gaps were counted in its first loop
// (each box's by letterGapsOld, a scan of the items after it), kept as the oracle of
// TestJustifyAsBefore.
func (p *paragraphSetter) justifyOld(items []linebreak.Item, ln linebreak.Line, widths []Length, tolerance int) (float64, int, Length) {
	var stretch, shrink, extra Length
	gaps := 0
	// Each box's letter gaps, counted once for both loops.
	boxGaps := slices.Grow(p.gapScratch[:0], len(widths))[:len(widths)]
	p.gapScratch = boxGaps
	for k, w := range widths {
		it := &items[ln.Start+k]
		switch {
		case it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal:
			stretch += it.Stretch
			shrink += it.Shrink
			extra += w - it.Width
		case it.Kind == linebreak.KindBox:
			extra += w - it.Width
			if it.Payload >= 0 && (it.Stretch != 0 || it.Shrink != 0 || ln.Badness > tolerance) {
				boxGaps[k] = int32(p.letterGapsOld(items, ln, k))
				gaps += int(boxGaps[k])
			}
		}
	}
	st, sh := p.letterUnits()
	var cs Length // the letter spacing
	switch {
	case gaps == 0 || ln.Order != linebreak.Normal:
	case extra > 0 && ln.Badness > tolerance && !ln.IsOverfull():
		rMax := math.Cbrt(float64(tolerance) / 100) // badness 100·r³ = tolerance
		cs = (extra - Length(rMax*float64(stretch))) / Length(gaps)
		cs = min(max(cs, Length(rMax*float64(st))), p.spec.Size*maxTracking/100)
	case extra > 0:
		cs = linebreak.RoundSP(float64(extra) * float64(st) / float64(stretch+Length(gaps)*st))
	case extra < 0:
		cs = linebreak.RoundSP(float64(extra) * float64(sh) / float64(shrink+Length(gaps)*sh))
		cs = max(cs, -sh)
	}
	if cs == 0 && gaps == 0 {
		return ln.Ratio, ln.Badness, 0
	}
	// What the letters do not take, the spaces keep, spread by their stretch (or shrink)
	// with the running total rounded, so that the line's widths add up to its measure.
	spaces := extra - cs*Length(gaps)
	flex := stretch
	if spaces < 0 {
		flex = shrink
	}
	var cum, prev Length
	for k := range widths {
		it := &items[ln.Start+k]
		switch {
		case it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal:
			if flex <= 0 {
				widths[k] = it.Width
				continue
			}
			if spaces < 0 {
				cum += it.Shrink
			} else {
				cum += it.Stretch
			}
			adj := linebreak.RoundSP(float64(spaces) * float64(cum) / float64(flex))
			widths[k] = it.Width + adj - prev
			prev = adj
		case it.Kind == linebreak.KindBox && it.Payload >= 0 && (it.Stretch != 0 || it.Shrink != 0 || ln.Badness > tolerance):
			widths[k] = it.Width + cs*Length(boxGaps[k])
		case it.Kind == linebreak.KindBox:
			widths[k] = it.Width
		}
	}
	if flex <= 0 {
		return ln.Ratio, ln.Badness, cs
	}
	return float64(spaces) / float64(flex), linebreak.Badness(max(spaces, -spaces), flex), cs
}
func (p *paragraphSetter) letterGapsOld(items []linebreak.Item, ln linebreak.Line, k int) int {
	end := ln.End
	if ln.Hyphenated && ln.End < len(items) && items[ln.End].Width > 0 {
		end++ // the hyphen goes on the word
	}
	return letterGapsAt(items, ln.Start+k, end, utf8.RuneCountInString(p.frags[items[ln.Start+k].Payload].text))
}

// TestJustifyAsBefore: justify gives the widths, ratio, badness and letter spacing that
// justifyOld gave, on random lines of boxes (with text of one or more characters, past
// ASCII, none, a picture, or no fragment; counted by letterSpacing or made after it), glue of finite and infinite stretch, penalties flagged or
// not with and without a hyphen's width, items of an unknown kind, lines hyphenated or not,
// ending inside the items or at their end, looser or tighter than the tolerance.
func TestJustifyAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(39, 19))
	iters := 100000
	if testing.Short() {
		iters = 10000
	}
	stale, staleLetters := make([]int32, 0, 32), make([]int32, 0, 64)
	for range cap(stale) {
		stale = append(stale, int32(r.IntN(9)))
	}
	for range cap(staleLetters) {
		staleLetters = append(staleLetters, int32(1+r.IntN(9)))
	}
	texts := []string{"", "a", "of", "type", "setting", "naïve", "«café»", "ﬁ", "x\xffy"}
	for it := range iters {
		n := 1 + r.IntN(30)
		// letters as setter leaves them: empty, over another paragraph's counts.
		p := &paragraphSetter{s: &Settings{}, spec: textSpec{Size: Length(6+r.IntN(8)) * linebreak.Pt}, letters: staleLetters[:0]}
		if r.IntN(5) > 0 {
			p.s.LetterStretch, p.s.LetterShrink = r.IntN(40), r.IntN(20)
		}
		items := make([]linebreak.Item, n)
		for i := range items {
			switch k := r.IntN(20); {
			case k < 9:
				payload := -1
				if r.IntN(6) > 0 {
					payload = len(p.frags)
					f := fragment{text: texts[r.IntN(len(texts))]}
					if r.IntN(8) == 0 {
						f.picture = &Picture{} // not counted by letterSpacing
					}
					p.frags = append(p.frags, f)
				}
				items[i] = linebreak.NewBox(Length(r.IntN(40))*linebreak.Pt, payload)
			case k < 16:
				items[i] = linebreak.NewGlue(Length(r.IntN(5))*linebreak.Pt, Length(r.IntN(4))*linebreak.Pt, Length(r.IntN(3))*linebreak.Pt)
				if r.IntN(10) == 0 {
					items[i] = linebreak.NewFilGlue(linebreak.Pt, linebreak.GlueOrder(1+r.IntN(3)))
				}
			case k < 19:
				items[i] = linebreak.NewPenalty(r.IntN(200))
				if r.IntN(2) == 0 {
					items[i] = linebreak.NewDiscretionary(Length(r.IntN(2))*3*linebreak.Pt, 50)
				}
			default:
				items[i] = linebreak.Item{Kind: 3, Width: linebreak.Pt}
			}
		}
		p.letterSpacing(items)
		if r.IntN(4) == 0 { // a fragment made after letterSpacing counted (hangNumber's)
			for i := range items {
				if items[i].Kind == linebreak.KindBox && r.IntN(4) == 0 {
					items[i].Payload = len(p.frags)
					p.frags = append(p.frags, fragment{text: texts[r.IntN(len(texts))]})
				}
			}
		}
		if r.IntN(4) == 0 { // letter stretch on boxes letterSpacing did not give it
			for i := range items {
				if items[i].Kind == linebreak.KindBox && r.IntN(3) == 0 {
					items[i].Stretch, items[i].Shrink = Length(r.IntN(3)), Length(r.IntN(2))
				}
			}
		}
		start := r.IntN(n)
		end := start + r.IntN(n-start+1)
		ln := linebreak.Line{Start: start, End: end, Badness: r.IntN(400), Hyphenated: r.IntN(3) == 0}
		if end < n && items[end].Kind == linebreak.KindPenalty && r.IntN(2) == 0 {
			ln.Hyphenated = items[end].Flagged
		}
		switch r.IntN(6) {
		case 0:
			ln.Order = linebreak.Fil
		case 1:
			ln.Overfull = Length(r.IntN(3))
		}
		ln.Ratio = []float64{0, 0.5, -0.5, -1, 2, math.Inf(-1)}[r.IntN(6)]
		tolerance := []int{100, 200, 1000, 10000}[r.IntN(4)]
		widths := ln.AppendWidths(nil, items)
		for k := range widths {
			if r.IntN(3) == 0 {
				widths[k] += Length(r.IntN(2001) - 1000)
			}
		}
		wantWidths := slices.Clone(widths)
		p.gapScratch = stale // the scratch holds another line's counts
		gr, gb, gc := p.justify(items, ln, widths, tolerance)
		p.gapScratch = stale
		wr, wb, wc := p.justifyOld(items, ln, wantWidths, tolerance)
		if math.Float64bits(gr) != math.Float64bits(wr) || gb != wb || gc != wc || !slices.Equal(widths, wantWidths) {
			t.Fatalf("%d: line %+v, tolerance %d, items %v:\n got %v %d %d %v\nwant %v %d %d %v", it, ln, tolerance, items, gr, gb, gc, widths, wr, wb, wc, wantWidths)
		}
	}
}
