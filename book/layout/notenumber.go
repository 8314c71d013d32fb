package layout

import "bindery/book/linebreak"

// A footnote's number hangs in the margin, as a book designer sets notes: the number and
// the space after it stand left of the text block, right-aligned on the space, and every
// line of the note, its first too, starts on the text's left edge (TeX's \llap). The
// number stays the note's first word (the EPUB's page list counts it), only out of the
// measure: its boxes and the no-break space after it take no width in the line breaker.

// hangNumber takes the number that opens a note's first paragraph out of the measure:
// the boxes before the first break-forbidding penalty (the number, "12.") and the
// no-break space after it get no width, and p.hang remembers how far they reach left.
func (p *paragraphSetter) hangNumber(items []linebreak.Item) {
	p.hang, p.numberWidth = 0, 0
	if !p.spec.hangNumber || len(p.lines) > 0 {
		return
	}
	i := 0
	for i < len(items) && (items[i].Kind != linebreak.KindBox || items[i].Payload < 0 || p.frags[items[i].Payload].text == "") {
		i++ // marks and an indent before the number
	}
	from := i
	var number Length
	for ; i < len(items) && items[i].Kind == linebreak.KindBox; i++ {
		number += items[i].Width
	}
	if i+1 >= len(items) || items[i].Kind != linebreak.KindPenalty || items[i].Penalty < linebreak.InfPenalty || items[i+1].Kind != linebreak.KindGlue {
		return // not a number before a no-break space: a note opening with a block
	}
	for k := from; k < i; k++ {
		items[k].Width, items[k].Stretch, items[k].Shrink = 0, 0, 0
	}
	p.hang, p.numberWidth = number+items[i+1].Width, number
	items[i+1] = linebreak.NewGlue(0, 0, 0)
}

// hangRun moves the number of a note's first line, set at the line's start with no
// width, into the margin: it ends a space before the text's left edge.
func (p *paragraphSetter) hangRun(lb *lineBox) {
	if p.hang == 0 || len(lb.Runs) == 0 {
		return
	}
	r := &lb.Runs[0]
	r.X -= int32(p.hang)
	r.Width, r.Tracking = int32(p.numberWidth), 0
	if p.s.Metrics {
		lb.Metrics.more.Text = lineText(lb.Runs) // with the space after the number again
	}
}
