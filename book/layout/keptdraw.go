package layout

import (
	"slices"
	"unsafe"

	"bindery/book/doc"
)

// A page whose plan was kept (keptpages.go) is drawn as it was in the last build when
// everything drawing reads is as it was: its number, side and folio, its running head's
// text, and each line it places: the same arrays of runs and rules (lines kept by the Reuse
// share them from build to build, and the kept drawing holds them, so an address is never
// another array's), the same links and marks, size, leading, offset, heading and kind of
// placement.
// The drawing's blocks are this build's: each line's blocks take the places in the page's
// table of blocks the last build's had (Run.Block numbers them), one block to a place; and
// the page's start is found again from this build's lines. Nothing kept points into the
// last build's document.

// keptDrawing is a page as the last build drew it.
type keptDrawing struct {
	number      int
	label, head string
	recto       bool
	runs        []Run
	rules       []Rule
	links       []Link
	marks       []Mark
	blocks      int // how many the page's table held
	lines       []lineSig
}

// lineSig is what drawing reads of a line placed on a page.
type lineSig struct {
	runs     []Run
	links    []Link
	marks    []Mark
	rules    []Rule
	pictures []Picture
	// part and blocks are the line's blocks, read while the signature is compared and
	// never kept; partRef and blockRefs, kept, are their places in the page's table
	// (Run.Block, 0 for none).
	part        doc.Block
	blocks      []doc.Block
	partRef     BlockRef
	blockRefs   []BlockRef
	x, size     Length
	leading     Length // a note line's stands it above the next
	heading     string
	head, cont  bool
	withHeading bool
	packed      bool // its runs packed (a cold build's): never the same
	hasPart     bool
	nBlocks     int
}

// sameArray reports whether a and b are the same elements of the same array.
func sameArray[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.SliceData(a) == unsafe.SliceData(b))
}

func (a *lineSig) same(b *lineSig) bool {
	return !a.packed && !b.packed && len(a.pictures) == 0 && len(b.pictures) == 0 &&
		sameArray(a.runs, b.runs) && slices.Equal(a.links, b.links) && slices.Equal(a.marks, b.marks) &&
		sameArray(a.rules, b.rules) && sameArray(a.pictures, b.pictures) && a.nBlocks == b.nBlocks &&
		a.x == b.x && a.size == b.size && a.leading == b.leading && a.heading == b.heading && a.withHeading == b.withHeading && a.head == b.head && a.cont == b.cont &&
		a.hasPart == b.hasPart
}

// signLine is the signature of a line placed at x.
func signLine(lb *lineBox, x Length) lineSig {
	x2 := lb.ex()
	return lineSig{runs: lb.Runs, links: lb.Links, marks: lb.Marks, rules: x2.rules, pictures: x2.pictures,
		part: lb.part, blocks: x2.blocks, x: x, size: lb.Size, leading: lb.Leading, packed: lb.packed != "",
		hasPart: lb.part != nil, nBlocks: len(x2.blocks)}
}

// sigAt is the signature of the k-th line a page's plan places: its lines, then its notes.
func (t *typesetter) sigAt(plan *pagePlan, k int) lineSig {
	if k >= len(plan.lines) {
		it := &plan.notes[k-len(plan.lines)]
		s := signLine(it.line, it.x)
		if it.heading != nil {
			s.heading, s.withHeading = it.heading.ID, true
		}
		return s
	}
	pl := &plan.lines[k]
	it := &t.vlist[pl.idx]
	var s lineSig
	switch {
	case pl.line != nil:
		s = signLine(pl.line, pl.x+pl.dx)
		s.cont = true
	case pl.head > 0:
		s = signLine(it.heads()[pl.head-1], it.x+pl.dx)
		s.links, s.marks, s.head = nil, nil, true
	default:
		s = signLine(it.line, it.x+pl.dx)
		if it.heading != nil {
			s.heading, s.withHeading = it.heading.ID, true
		}
	}
	return s
}

// touchHead sets p's running head as furniture would, once per head and folio width in a
// Typeset: its lines are then kept by the Reuse for the pages drawn afresh in the next.
func (t *typesetter) touchHead(p *Page, head string) {
	if head == "" {
		return
	}
	folioW := t.folioWidth(p)
	kp := &t.s.Reuse.pages
	k := headKey{head, folioW}
	if kp.heads[k] {
		return
	}
	if kp.heads == nil {
		kp.heads = map[headKey]bool{}
	}
	kp.heads[k] = true
	t.headLines(head, folioW)
}

// headKey is a running head's text and the width of the folio beside it.
type headKey struct {
	head   string
	folioW Length
}

// runningHead is the text of the running head furniture sets on p ("" for none).
func (t *typesetter) runningHead(p *Page) string {
	switch p.Kind {
	case BlankPage, HalfTitlePage, TitlePage, ImprintPage, PartPage, OpeningPage, ContentsPage:
		return ""
	}
	if p.Recto && p.Chapter != nil {
		return doc.PlainText(p.Chapter.Title)
	}
	return t.book.Meta.Title
}

// drawKeeping draws a body page whose plan was kept, as the last build drew it if nothing
// it reads changed, else afresh; either way the drawing is kept for the next build.
func (t *typesetter) drawKeeping(p *Page) {
	kc, j := p.keptIn, p.keptAt
	p.keptIn = nil
	plan := p.pending
	if kc == nil || plan == nil || t.s.Metrics || t.s.Reuse == nil {
		t.furniture(p)
		return
	}
	if len(kc.drawn) != len(kc.pages) {
		kc.drawn = make([]*keptDrawing, len(kc.pages))
	}
	kp := &t.s.Reuse.pages
	head := t.runningHead(p)
	if last := kc.drawn[j]; last != nil && last.number == p.Number && last.label == p.Label && last.recto == p.Recto &&
		last.head == head && len(last.lines) == len(plan.lines)+len(plan.notes) {
		if blocks, ok := t.sameLines(plan, last); ok {
			t.reuseDrawing(p, last, blocks)
			t.touchHead(p, head)
			kp.redrawn[1]++
			return
		}
	}
	sigs := make([]lineSig, len(plan.lines)+len(plan.notes))
	for k := range sigs {
		sigs[k] = t.sigAt(plan, k)
	}
	t.furniture(p)
	kp.redrawn[0]++
	for k := range sigs {
		s := &sigs[k]
		s.partRef = refIn(p.Blocks, s.part)
		if len(s.blocks) > 0 {
			s.blockRefs = make([]BlockRef, len(s.blocks))
			for i, b := range s.blocks {
				s.blockRefs[i] = refIn(p.Blocks, b)
			}
		}
		s.part, s.blocks = nil, nil
	}
	kc.drawn[j] = &keptDrawing{number: p.Number, label: p.Label, head: head, recto: p.Recto,
		runs: p.Runs, rules: p.Rules, links: p.Links, marks: p.Marks, blocks: len(p.Blocks), lines: sigs}
	p.keepRuns = true
}

// refIn is b's place in a page's table of blocks, 0 for none.
func refIn(blocks []doc.Block, b doc.Block) BlockRef {
	if b != nil {
		for i, x := range blocks {
			if x == b {
				return BlockRef(i + 1)
			}
		}
	}
	return 0
}

// sameLines reports whether the lines plan places are those the last drawing placed, and
// gives the page's table of blocks: each line's blocks in the places its blocks had then,
// one block to a place (as blockRef would have numbered them, the runs being the same).
func (t *typesetter) sameLines(plan *pagePlan, last *keptDrawing) ([]doc.Block, bool) {
	blocks := make([]doc.Block, last.blocks)
	place := func(ref BlockRef, b doc.Block) bool {
		if ref == 0 {
			return true
		}
		if at := blocks[ref-1]; at != nil {
			return at == b
		}
		if b == nil || slices.Contains(blocks, b) {
			return false
		}
		blocks[ref-1] = b
		return true
	}
	for k := range last.lines {
		o, n := &last.lines[k], t.sigAt(plan, k)
		if !o.same(&n) || !place(o.partRef, n.part) {
			return nil, false
		}
		for i, r := range o.blockRefs {
			if !place(r, n.blocks[i]) {
				return nil, false
			}
		}
	}
	if slices.Contains(blocks, nil) {
		return nil, false
	}
	return blocks, true
}

// reuseDrawing gives p the last build's drawing, with this build's blocks and start, and
// lets its plan go as shipOut would.
func (t *typesetter) reuseDrawing(p *Page, last *keptDrawing, blocks []doc.Block) {
	plan := p.pending
	p.pending = nil
	p.Start = t.startOf(p, plan)
	for _, pl := range plan.lines {
		if pl.line == nil && pl.head == 0 {
			t.vlist[pl.idx].line = nil // placed once, never needed again (shipOut)
		}
	}
	t.spares().keepPlanLines(plan.lines)
	p.Runs, p.Rules, p.Links, p.Marks, p.Blocks = last.runs, last.rules, last.links, last.marks, blocks
	p.keepRuns = true
}

// startOf is where the text of the page planned by plan begins: its first line of text (not
// an index entry's "(continued)" nor a repeated table header), else, on a page of notes
// alone carried from the page before, its first note line.
func (t *typesetter) startOf(p *Page, plan *pagePlan) *PageStart {
	at := func(lb *lineBox) *PageStart {
		if lb.block != nil && lb.word >= 0 {
			return &PageStart{Chapter: p.Chapter, Block: lb.block, Word: int(lb.word), InWord: lb.inWord}
		}
		return nil
	}
	for _, pl := range plan.lines {
		if pl.line == nil && pl.head == 0 {
			if s := at(t.vlist[pl.idx].line); s != nil {
				return s
			}
		}
	}
	for _, it := range plan.notes {
		if s := at(it.line); s != nil {
			return s
		}
	}
	return nil
}
