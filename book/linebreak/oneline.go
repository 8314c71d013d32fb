package linebreak

// A paragraph that fits on one line, with infinite stretch to fill it (\parfillskip), is
// one line whatever the search: that line is feasible in the first pass (badness 0), its
// start stays active to the end (no shorter line is overfull, no break is forced), and
// every other way has two lines or more, each costing at least (LinePenalty)² demerits
// when no penalty or demerit is negative, so it costs more. Index entries, headings and
// captions are mostly such paragraphs: they are given that line without the search.

// oneLine reports whether the paragraph is one line as above, and if so gives the breaker
// that line's break, as a pass would leave it (the start node's path to the final break).
func (b *lineBreaker) oneLine() bool {
	p := &b.p
	threshold := p.Pretolerance
	if threshold < 0 {
		threshold = p.Tolerance
	}
	if p.Looseness != 0 || p.LinePenalty < 1 || threshold < 0 || p.AdjDemerits < 0 ||
		p.DoubleHyphenDemerits < 0 || p.FinalHyphenDemerits < 0 {
		return false
	}
	lw := b.measure(0)
	t := b.skips
	for i := 0; i < b.final; i++ {
		it := &b.items[i]
		switch it.Kind {
		case KindGlue:
			if t.width > lw {
				return false // a break here could end an overfull line
			}
			t.addGlue(it)
		case KindPenalty:
			if it.Penalty < 0 || t.width+it.Width > lw {
				return false
			}
		default:
			t.addBox(it)
		}
	}
	pw := Length(0)
	if b.final < len(b.items) && b.items[b.final].Kind == KindPenalty {
		pw = b.items[b.final].Width
	}
	if t.width+pw > lw || t.width+pw < lw && t.stretch[Fil] == 0 && t.stretch[Fill] == 0 && t.stretch[Filll] == 0 {
		return false
	}
	start := lbActive{next: -1, passive: -1, fitness: FitDecent}
	d := b.demerits(&start, 0, EjectPenalty, FitDecent, true, true)
	b.passive = append(b.passive[:0], lbPassive{demerits: d, pos: b.final, prev: -1, fitness: FitDecent})
	start.passive = 0
	b.nodes = append(b.nodes[:0], start)
	return true
}

// oneLineFirst lets Break take a paragraph's one line without the search; the tests turn
// it off, to compare.
var oneLineFirst = true
