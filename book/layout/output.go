package layout

import (
	"slices"
	"strings"

	"bindery/book/doc"
	"bindery/book/font"
)

// draw places the lines of every page and adds running heads and folios, as TeX's output
// routine does with each page it is given, and fills the map of anchors and the outline.
func (t *typesetter) draw(d *Document) {
	// Running heads repeat a title whose problems were reported where it stands.
	d.Warnings = t.warnings
	for _, p := range d.Pages {
		if !p.drawn { // a streamed pass drew its body as it went
			t.drawKeeping(p)
		}
		for _, m := range p.Marks {
			d.Map.place(d.Map.index.number(m.ID), p.Index, m.X, m.Y)
		}
	}
	// The chapters after a part nest under it, until the next part or the back matter.
	inPart := false
	for _, ch := range d.chapters {
		switch {
		case ch.Part:
			inPart = true
		case ch.Matter != doc.BodyMatter || ch.Generated:
			inPart = false
		}
		deeper := 0
		if inPart && !ch.Part {
			deeper = 1
		}
		for _, h := range sections(ch) {
			if h.Role == doc.RoleIndexGroup {
				continue
			}
			d.Outline = append(d.Outline, OutlineEntry{Title: doc.PlainText(h.Inlines), Level: h.Level + deeper, ID: h.ID})
		}
	}
}

// sections are the headings of a chapter that the contents and the outline list: its own,
// not headings quoted in its quotations, list items or figures, which belong to the text
// they stand in (a level 1 there is no chapter).
func sections(ch *doc.Chapter) []*doc.Heading {
	var hs []*doc.Heading
	for _, b := range ch.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// left is the left edge of the text block: the inner margin on rectos.
func (t *typesetter) left(recto bool) Length {
	if recto {
		return t.s.Inner
	}
	return t.s.Outer
}

// shipOut puts the page's content at its final horizontal position, once it is known
// whether the page is a recto (TeX's \shipout, which fixes where a page's boxes stand).
func (t *typesetter) shipOut(p *Page) {
	plan := p.pending
	p.pending = nil
	if plan == nil {
		return
	}
	defer t.spares().keepPlanLines(plan.lines) // read no more once the page is out
	left := t.left(p.Recto)
	runs, lines, marks, links := 0, len(plan.lines)+len(plan.notes), 0, 0
	for _, pl := range plan.lines {
		lb := t.placedLine(pl)
		runs += lb.runCount()
		marks, links = marks+len(lb.Marks), links+len(lb.Links)
		if pl.line == nil && pl.head == 0 && t.vlist[pl.idx].heading != nil {
			marks++
		}
	}
	for _, it := range plan.notes {
		runs += it.line.runCount()
		marks, links = marks+len(it.line.Marks), links+len(it.line.Links)
	}
	p.Runs = t.spares().newRuns(runs + 8)
	// Room for the marks and links at once: grown by append they were 6 % of a rebuild's
	// allocations.
	if marks > 0 {
		p.Marks = slices.Grow(p.Marks, marks)
	}
	if links > 0 {
		p.Links = slices.Grow(p.Links, links)
	}
	p.Start = t.startOf(p, plan) // before the loop below lets the lines go
	if t.s.Metrics {
		p.Lines = make([]LineMetrics, 0, lines)
	}
	for _, pl := range plan.lines {
		if pl.line != nil {
			// A line of the page builder's own: an index entry's "(continued)".
			t.putLine(p, pl.line, left+pl.x+pl.dx, pl.y)
			continue
		}
		it := &t.vlist[pl.idx]
		x := left + it.x + pl.dx
		if pl.head > 0 {
			// A repeated table header: not where the page's text begins.
			// Without the anchors and links of the original: they stand where it does.
			lb := own(it.heads()[pl.head-1])
			lb.Marks, lb.Links = nil, nil
			t.putLine(p, lb, x, pl.y)
			if t.s.Metrics {
				p.Lines[len(p.Lines)-1].Repeated = true
			}
			continue
		}
		t.putLine(p, it.line, x, pl.y)
		if it.heading != nil {
			p.Marks = append(p.Marks, Mark{ID: it.heading.ID, X: x, Y: pl.y - it.line.Size})
		}
		it.line = nil // placed once, never needed again
	}
	if len(plan.notes) == 0 {
		return
	}
	// Notes stand on the bottom of the text block, under a short rule.
	ys := make([]Length, len(plan.notes))
	y := plan.bottom
	for j := len(plan.notes) - 1; j >= 0; j-- {
		ys[j] = y
		y -= plan.notes[j].line.Leading
	}
	p.Rules = append(p.Rules, Rule{X: left, Y: ys[0] - plan.notes[0].line.Size - t.s.Leading/2, W: t.s.TextWidth() / 3, H: Pt * 4 / 10})
	for j, it := range plan.notes {
		t.putLine(p, it.line, left+it.x, ys[j])
		if it.heading != nil {
			p.Marks = append(p.Marks, Mark{ID: it.heading.ID, X: left + it.x, Y: ys[j] - it.line.Size})
		}
	}
}

// placedLine is the line a placement puts on the page.
func (t *typesetter) placedLine(pl placed) *lineBox {
	it := &t.vlist[pl.idx]
	if pl.line != nil {
		return pl.line
	}
	if pl.head > 0 {
		return it.heads()[pl.head-1]
	}
	return it.line
}

// putLine puts a line box on a page with its left edge at x and its baseline at y.
func (t *typesetter) putLine(p *Page, lb *lineBox, x, y Length) {
	if lb.packed == "" {
		// One pass over the runs (a rebuild's lines are never packed).
		for _, r := range lb.Runs {
			r.X += int32(x)
			r.Y = int32(y) - r.Raise
			r.Block = blockRef(&p.Blocks, lb.blockOf(r))
			p.Runs = append(p.Runs, r)
		}
	} else {
		from := len(p.Runs)
		p.Runs = lb.appendRuns(p.Runs)
		for i := from; i < len(p.Runs); i++ {
			r := &p.Runs[i]
			r.X += int32(x)
			r.Y = int32(y) - r.Raise
			r.Block = blockRef(&p.Blocks, lb.blockOf(*r))
		}
	}
	for _, r := range lb.ex().rules {
		r.X, r.Y = x+r.X, y+r.Y
		p.Rules = append(p.Rules, r)
	}
	for _, pic := range lb.ex().pictures {
		block := pic.Block
		if block == nil {
			block = lb.part
		}
		p.Pictures = append(p.Pictures, Picture{Src: pic.Src, X: x + pic.X, Y: y + pic.Y, W: pic.W, H: pic.H, Block: block, Alt: pic.Alt})
	}
	for _, l := range lb.Links {
		p.Links = append(p.Links, Link{X: x + l.X, Y: y + l.Y, W: l.W, H: l.H, Target: l.Target})
	}
	for _, m := range lb.Marks {
		p.Marks = append(p.Marks, Mark{ID: m.ID, X: x + m.X, Y: y - lb.Size})
	}
	if lb.Metrics.kind != 0 && t.s.Metrics {
		m := lb.Metrics.full()
		m.X, m.Y = x, y
		p.Lines = append(p.Lines, m)
	}
}

// furniture adds running heads and folios: the book's title on versos, the chapter's on
// rectos, the folio in the outer corner; on chapter openings only a folio at the foot.
func (t *typesetter) furniture(p *Page) {
	s := t.s
	t.shipOut(p)
	// A part's title page has a blind folio, as the pages of the title do.
	if p.Kind == BlankPage || p.Kind == HalfTitlePage || p.Kind == TitlePage || p.Kind == ImprintPage || p.Kind == PartPage {
		return
	}
	size := s.FontSize * 9 / 10
	left := t.left(p.Recto)
	right := left + s.TextWidth()
	folioW := t.folioWidth(p)
	if p.Kind == OpeningPage || p.Kind == ContentsPage {
		y := s.PageHeight - s.Bottom/2
		p.Runs = append(p.Runs, Run{X: int32(left + (s.TextWidth()-folioW)/2), Y: int32(y), Size: int32(size), Text: p.Label, Width: int32(folioW)})
		return
	}
	y := s.Top - s.Leading
	if ls := t.headFor(p, folioW); len(ls) > 0 {
		t.putLine(p, ls[0], left+folioW+2*size, y)
	}
	if p.Recto {
		p.Runs = append(p.Runs, Run{X: int32(right - folioW), Y: int32(y), Size: int32(size), Text: p.Label, Width: int32(folioW)})
	} else {
		p.Runs = append(p.Runs, Run{X: int32(left), Y: int32(y), Size: int32(size), Text: p.Label, Width: int32(folioW)})
	}
}

// folioWidth is the width of p's folio, set a tenth smaller than the text.
func (t *typesetter) folioWidth(p *Page) Length {
	return Length(t.s.Family.Face(false, false).Measure(p.Label, int64(t.s.FontSize*9/10), true))
}

// headMemo is a running head's lines and what they were set for.
type headMemo struct {
	key   headKey
	lines []*lineBox
}

// headFor is the lines of p's running head beside a folio folioW wide. Versos repeat the
// book's title and rectos a chapter's, beside folios mostly as wide: in a cold build the
// lines set for the last page of the same side serve again (putLine only reads them),
// not set afresh on each of a long book's pages (4 MB of a 100× build). A rebuild sets
// each, as touchHead does, for the Reuse to keep.
func (t *typesetter) headFor(p *Page, folioW Length) []*lineBox {
	head := t.runningHead(p)
	if t.s.Reuse != nil {
		return t.headLines(head, folioW)
	}
	m := &t.heads[0]
	if p.Recto {
		m = &t.heads[1]
	}
	if k := (headKey{head, folioW}); m.lines == nil || m.key != k {
		m.key, m.lines = k, t.headLines(head, folioW)
	}
	return m.lines
}

// headLines sets a running head beside a folio folioW wide.
func (t *typesetter) headLines(head string, folioW Length) []*lineBox {
	s := t.s
	size := s.FontSize * 9 / 10
	spec := textSpec{Size: size, Leading: size, Style: Italic, Width: s.TextWidth() - 2*folioW - 4*size, Centered: true, NoHyphenation: true}
	head = shortenHead(s.Family.Face(false, true), head, size, spec.Width)
	return t.setParagraph([]doc.Inline{&doc.Text{Text: head}}, spec)
}

// shortenHead cuts a running head too long for its line after the last word that fits,
// and says so with an ellipsis (a head is never cut silently, nor broken onto two lines).
// A title cut after a colon or comma loses it: "Bolivia: power…" reads better without.
func shortenHead(face *font.Face, head string, size, width Length) string {
	fits := func(s string) bool { return Length(face.Measure(s, int64(size), true)) <= width }
	if fits(head) {
		return head
	}
	words := strings.Fields(head)
	for n := len(words) - 1; n > 0; n-- {
		cut := strings.TrimRight(strings.Join(words[:n], " "), ",;:.–—-")
		if fits(cut + "…") {
			return cut + "…"
		}
	}
	// One word longer than the line: its letters, as many as fit.
	r := []rune(head)
	for n := len(r) - 1; n > 0; n-- {
		if fits(string(r[:n]) + "…") {
			return string(r[:n]) + "…"
		}
	}
	return "…"
}
