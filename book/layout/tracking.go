package layout

import (
	"math"
	"slices"
	"unicode/utf8"

	"bindery/book/linebreak"
)

// Justified text is set as a careful compositor with a modern composer sets it: the
// inter-word spaces take most of a line's shortfall or excess, and the letters a little
// of it (Settings.LetterStretch and LetterShrink, a few thousandths of an em per letter
// gap, InDesign's letter-spacing limits; about what pdfTeX's microtype gets from font
// expansion, which bindery cannot do). The letters' share is in the line breaker's items
// (a text box stretches and shrinks by its letter gaps), so the breaker finds breaks with
// evener spaces; each line then gets one letter spacing (the PDF's Tc), so the letters of
// a line are spaced alike.

// maxTracking is the most letter spacing a line may get, as a fraction of the type size,
// when even its letters' usual stretch leaves it looser than the tolerance.
const maxTracking = 4 // per cent of an em

// letterSpacing gives each text box of a justified paragraph the stretch and shrink of
// its letter gaps (letterGapsAt).
func (p *paragraphSetter) letterSpacing(items []linebreak.Item) {
	st, sh := p.letterUnits()
	if st == 0 && sh == 0 {
		return
	}
	letters := slices.Grow(p.letters[:0], len(p.frags))[:len(p.frags)]
	clear(letters)
	p.letters = letters
	for i := range items {
		it := &items[i]
		if it.Kind != linebreak.KindBox || it.Payload < 0 {
			continue
		}
		f := &p.frags[it.Payload]
		if f.picture != nil || f.text == "" {
			continue
		}
		chars := utf8.RuneCountInString(f.text)
		letters[it.Payload] = int32(chars)
		n := Length(letterGapsAt(items, i, len(items), chars))
		it.Stretch, it.Shrink = n*st, n*sh
	}
}

// letterUnits are the stretch and shrink of one letter gap at the paragraph's size.
func (p *paragraphSetter) letterUnits() (stretch, shrink Length) {
	return p.spec.Size * Length(p.s.LetterStretch) / 1000, p.spec.Size * Length(p.s.LetterShrink) / 1000
}

// justify sets the widths of a justified line's items: the shortfall (or excess) the
// breaker's ratio gave them is shared between the spaces and one letter spacing for the
// whole line. A line looser than the tolerance even so has its spaces set as loose as the
// tolerance allows and the rest spread between the letters (at most maxTracking), as
// pdfTeX's microtype would rather than leave rivers. It rewrites widths in place and
// returns the line's ratio (of its spaces' stretch or shrink), its badness and the letter
// spacing. (A line looser than the tolerance keeps its breaker's badness in ln, for
// Underfull.)
func (p *paragraphSetter) justify(items []linebreak.Item, ln linebreak.Line, widths []Length, tolerance int) (float64, int, Length) {
	var stretch, shrink, extra Length
	gaps := 0
	// Each box's letter gaps (0 for a box that takes none), counted once for both loops.
	boxGaps := slices.Grow(p.gapScratch[:0], len(widths))[:len(widths)]
	p.gapScratch = boxGaps
	line := items[ln.Start : ln.Start+len(widths)]
	// A box's gaps depend on the item after it (letterGapsAt): the box waiting for it is
	// open, with its character count.
	open, openN := -1, 0
	for k := range line {
		it := &line[k]
		switch it.Kind {
		case linebreak.KindGlue:
			if open >= 0 {
				boxGaps[open] = int32(openN - 1)
				gaps += openN - 1
				open = -1
			}
			if it.StretchOrder == linebreak.Normal {
				stretch += it.Stretch
				shrink += it.Shrink
				extra += widths[k] - it.Width
			}
		case linebreak.KindBox:
			if open >= 0 {
				boxGaps[open] = int32(openN)
				gaps += openN
				open = -1
			}
			extra += widths[k] - it.Width
			boxGaps[k] = 0
			if it.Payload >= 0 && (it.Stretch != 0 || it.Shrink != 0 || ln.Badness > tolerance) {
				open, openN = k, p.charsOf(it.Payload)
			}
		case linebreak.KindPenalty:
			if open >= 0 && it.Flagged {
				boxGaps[open] = int32(openN) // a hyphenation point: the word goes on
				gaps += openN
				open = -1
			}
		}
	}
	if open >= 0 {
		boxGaps[open] = int32(p.lastBoxGaps(items, ln, openN))
		gaps += int(boxGaps[open])
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
	for k := range line {
		it := &line[k]
		switch it.Kind {
		case linebreak.KindGlue:
			if it.StretchOrder != linebreak.Normal {
				continue
			}
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
		case linebreak.KindBox:
			widths[k] = it.Width + cs*Length(boxGaps[k])
		}
	}
	if flex <= 0 {
		return ln.Ratio, ln.Badness, cs
	}
	return float64(spaces) / float64(flex), linebreak.Badness(max(spaces, -spaces), flex), cs
}

// charsOf is the number of characters of fragment i's text, as letterSpacing counted them.
func (p *paragraphSetter) charsOf(i int) int {
	if i < len(p.letters) && p.letters[i] > 0 {
		return int(p.letters[i])
	}
	return utf8.RuneCountInString(p.frags[i].text)
}

// lastBoxGaps is letterGaps for the last box of a line to take letter spacing when no item
// after it on the line ended its word: the line's end ends it unless the line is hyphenated
// (its hyphen, items[ln.End], follows the letters).
func (p *paragraphSetter) lastBoxGaps(items []linebreak.Item, ln linebreak.Line, n int) int {
	if ln.Hyphenated && ln.End < len(items) && items[ln.End].Width > 0 {
		return letterGapsAt(items, ln.End-1, ln.End+1, n)
	}
	return n - 1
}

// letterGapsAt counts the letter spaces of box i, of n characters, among items[:end]: one
// after each of its characters, except after the last character of a word (before a space,
// a penalty that is not a hyphenation point, or end).
func letterGapsAt(items []linebreak.Item, i, end, n int) int {
	for j := i + 1; j < end; j++ {
		switch it := &items[j]; it.Kind {
		case linebreak.KindBox:
			return n // the word goes on
		case linebreak.KindGlue:
			return n - 1
		case linebreak.KindPenalty:
			if it.Flagged {
				return n // a hyphenation point: the word goes on, or its hyphen follows
			}
		}
	}
	return n - 1
}
