package layout

import (
	"fmt"

	"bindery/book/diag"

	"bindery/book/doc"
)

// placed is a line put on a page at baseline y.
type placed struct {
	y  Length
	dx Length // column offset
	// line, when set, is a line of the page builder's own at item idx's place: an index
	// entry's "(continued)" line, set before the item's line.
	line *lineBox
	x    Length // line's offset in the column, when line is set
	idx  int32  // in the vertical list (int32: a page's plan is kept for every page of a book)
	// head is 0 for the item's own line, k+1 for line k of the lines repeated above it (a
	// table's header on a page the table continues onto).
	head int32
}

// pagePlan is what one page holds: vertical-list items up to end, and note lines at its foot.
type pagePlan struct {
	end    int
	lines  []placed
	notes  []vitem
	carry  []vitem // note lines continued on the next page
	forced bool    // a keep had to be broken
	bottom Length  // the lowest baseline, where the notes stand
}

// noteHeight is the height of note lines stacked at the foot of a page.
func noteHeight(lines []vitem) Length {
	var h Length
	for _, it := range lines {
		h += it.line.Leading
	}
	return h
}

// noteBreak moves a break in note lines, before lines[k], back to where the note may break
// (not inside a keep: a widow, an orphan, a caption's first lines). It returns 0 when there
// is no such place before k.
func noteBreak(lines []vitem, k int) int {
	for k > 0 && k < len(lines) && lines[k].keep {
		k--
	}
	return k
}

// sinkLines is how far below the top of the text block a chapter title starts, in lines.
const sinkLines = 4

// openingSink is how far a chapter's opening page is sunk below the top of the text block.
func (t *typesetter) openingSink() Length { return sinkLines * t.s.Leading }

// buildPage decides what goes on the page that starts at vertical-list item start, its text
// sunk from the top of the text block by sink (a chapter's opening, a part's title), with
// the note lines carry held over from the page before: as many lines as fit above the notes
// they call, broken only where the keeps allow (see the package doc, "Pages").
func (t *typesetter) buildPage(start int, carry []vitem, sink Length) pagePlan {
	var b pageBuilder
	t.fillPage(&b, start, carry, sink, len(t.vlist), 0)
	if b.cols > 1 && b.colTop >= 0 && len(b.plan.notes) == 0 && len(b.plan.carry) == 0 {
		return t.balanceColumns(&b, carry, sink)
	}
	return b.plan
}

// balanceColumns sets the page of b again with its columns as even as they can be (LaTeX's
// multicol balances a last page; a reference work balances every page, so that no column
// stops short while its neighbour is full): the lowest column bottom at which the same
// items still fit. Column 1's bottom in the balanced page is one of its baselines in b.
// When a letter heading that moved to the next column leaves a full page's columns more
// than a line apart, the longer columns are cut a line below the shortest, the rest going
// over to the next page.
func (t *typesetter) balanceColumns(b *pageBuilder, carry []vitem, sink Length) pagePlan {
	var limits []Length
	for _, pl := range b.plan.lines {
		if pl.dx == 0 && pl.y >= b.colTop {
			limits = append(limits, pl.y)
		}
	}
	plan := b.plan
	// The plans tried and not taken give their arrays back (spareRuns.keepPlanLines): an index
	// page is planned a few times over. Not a plan only counted: its array is the setters'.
	drop := func(pl []placed) {
		if !t.counting {
			t.planSpares().keepPlanLines(pl)
		}
	}
	// Column 1 holds at least its share of the page: start the search there.
	var c pageBuilder
	for _, limit := range limits[max(len(limits)/b.cols-1, 0):] {
		t.fillPage(&c, b.start, carry, sink, b.plan.end, limit)
		if c.plan.end == b.plan.end && !c.plan.forced && len(c.plan.notes) == 0 && len(c.plan.carry) == 0 {
			drop(b.plan.lines)
			plan = c.plan
			break
		}
		drop(c.plan.lines)
	}
	low, high := columnBottoms(plan)
	if lead := t.body().Leading; high-low > lead {
		t.fillPage(&c, b.start, carry, sink, len(t.vlist), low+lead)
		if c.plan.end > b.start && !c.plan.forced && len(c.plan.notes) == 0 && len(c.plan.carry) == 0 {
			if l, h := columnBottoms(c.plan); h-l <= lead {
				drop(plan.lines)
				return c.plan
			}
		}
		drop(c.plan.lines)
	}
	return plan
}

// columnBottoms gives the highest and the lowest last baseline of a page's columns.
func columnBottoms(plan pagePlan) (low, high Length) {
	bottoms := map[Length]Length{}
	for _, pl := range plan.lines {
		bottoms[pl.dx] = max(bottoms[pl.dx], pl.y)
	}
	low = -1
	for _, y := range bottoms {
		if low < 0 || y < low {
			low = y
		}
		high = max(high, y)
	}
	return low, high
}

// fillPage fills the page that starts at vertical-list item start, up to item stop at most;
// colLimit, if not 0, is the lowest baseline a column of a chapter in columns may have. It
// fills the caller's b, which can stay on the caller's stack (a page is filled several
// times over a book's passes: 9 MB of builders at 100×).
func (t *typesetter) fillPage(b *pageBuilder, start int, carry []vitem, sink Length, stop int, colLimit Length) {
	*b = pageBuilder{t: t, start: start, top: t.s.Top + sink, bottom: t.s.TextBottom() + t.depth, sep: t.s.Leading,
		y: -1, cols: 1, colTop: -1, lastLegal: -1, colLimit: colLimit, colFresh: true}
	b.plan.bottom = b.bottom
	b.heldOver(carry)
	if t.columnChapter != nil && start < len(t.vlist) {
		b.cols = t.columnChapter.Columns
	}
	// A page holds about a text block's lines in each column: room for them at once, not
	// grown line by line (a book fills a page several times over its passes).
	if lead := t.s.Leading; lead > 0 && b.bottom > b.top {
		n := b.cols * (int((b.bottom-b.top)/lead) + 2)
		if t.counting && cap(t.setters.plan) >= n {
			b.plan.lines = t.setters.plan[:0] // only counted, and let go before the next
		} else {
			b.plan.lines = t.planSpares().planLines(n)
		}
	}
	i := start
	for i < stop {
		it := &t.vlist[i]
		if it.kind == vChapter {
			break
		}
		if !it.keep && len(b.plan.lines) > 0 {
			// A legal breakpoint: the page could end before this item.
			b.lastLegal, b.legalNotes, b.legalLines, b.legalRest = i, len(b.notes), len(b.plan.lines), b.rest
		}
		if it.kind == vSpace {
			if b.y >= 0 {
				b.pending += it.space
			}
			i++
			continue
		}
		var full bool
		if i, full = b.line(i); full {
			break
		}
	}
	b.plan.end, b.plan.notes, b.plan.carry = i, b.notes, b.rest
}

// pageBuilder is the state of the page being built (TeX's page builder, simplified: lines
// have a fixed leading, so a page breaks at the last legal breakpoint before it is full).
type pageBuilder struct {
	t     *typesetter
	plan  pagePlan
	start int // the vertical-list item the page starts at
	// top is the top of the text block, less any sink; the first line's baseline stands
	// its type size below it (TeX's \topskip). bottom is the lowest baseline (\vsize).
	top, bottom Length
	sep         Length // room for the rule between the text and the notes (\skip\footins)
	y           Length // baseline of the last line placed; -1 while the page is empty
	pending     Length // space after it, dropped if the page breaks there
	// notes are the note lines at the foot of the page (TeX's insertions); rest those
	// waiting for the next page.
	notes, rest []vitem
	// cols is the number of columns of the chapter, col the one being filled, at dx from
	// the left of the text block; colTop is the baseline of the first line of the page.
	cols, col  int
	colTop, dx Length
	// colLimit, if not 0, is the lowest baseline of a column (balancing); colFresh is set
	// while the column being filled holds no line of text yet.
	colLimit Length
	colFresh bool
	// The last legal breakpoint: the item it stands before, and how many notes and lines
	// the page held there, and the notes then waiting.
	lastLegal, legalNotes, legalLines int
	legalRest                         []vitem
}

// heldOver starts the page with the note lines continued from the page before: up to half
// the page, cut where the notes may break, and at least one line.
func (b *pageBuilder) heldOver(carry []vitem) {
	k := 0
	for k < len(carry) && noteHeight(carry[:k+1]) <= (b.bottom-b.t.s.Top)/2 {
		k++
	}
	k = max(k, min(1, len(carry)))
	if legal := noteBreak(carry, k); legal > 0 {
		k = legal
	}
	b.notes = append([]vitem(nil), carry[:k]...)
	b.rest = carry[k:]
}

// noteRoom is the height note lines take at the foot of a page, with the room above them.
func (b *pageBuilder) noteRoom(n []vitem) Length {
	if len(n) == 0 {
		return 0
	}
	return noteHeight(n) + b.sep
}

// line places the line at vertical-list item i with the notes it calls, if they fit, and
// returns the item to go on from. full is set when the page ends: then next is where the
// next page starts.
func (b *pageBuilder) line(i int) (next int, full bool) {
	t := b.t
	if b.y < 0 && b.cols == 1 && len(t.vlist[i].heads()) > 0 {
		// A table continues on a new page: its header first.
		for k, h := range t.vlist[i].heads() {
			ny := b.top + h.Size
			if b.y >= 0 {
				ny = b.y + h.Leading
			}
			b.plan.lines = append(b.plan.lines, placed{idx: int32(i), y: ny, dx: b.dx, head: int32(k + 1)})
			b.y = ny
		}
	}
	lb := t.vlist[i].line
	b.continued(i)
	ny := b.top + lb.Size
	if b.y >= 0 {
		ny = b.y + b.pending + lb.Leading
	}
	var need []vitem
	if len(b.rest) == 0 {
		need = t.notesCalled(lb.ex().Notes, need)
	} else {
		// Earlier notes are still being continued: new ones wait behind them.
		b.rest = t.notesCalled(lb.ex().Notes, b.rest)
	}
	all := b.notes // read only, unless the line calls notes
	if len(need) > 0 {
		all = append(b.notes[:len(b.notes):len(b.notes)], need...)
	}
	fits := ny+b.noteRoom(all) <= b.bottom && (b.colLimit == 0 || b.colTop < 0 || ny <= b.colLimit)
	// A note leaves room for the lines that must follow the line calling it (the rest of
	// an orphan, say); else it is split below (or placed whole if it cannot break there).
	var room Length
	if len(need) > 0 {
		room = t.keptAfter(i)
	}
	if fits && ny+room+b.noteRoom(all) <= b.bottom {
		if b.colTop < 0 && lb.Metrics.Kind() != LineChapterTitle {
			b.colTop = ny // the chapter's title spans the columns, which start under it
		}
		b.place(i, ny, need)
		return i + 1, false
	}
	if b.cols > 1 && b.col+1 < b.cols && b.colTop >= 0 && len(need) == 0 {
		b.nextColumn(lb, i)
		return i, false
	}
	if len(need) > 0 {
		if fit := b.splitNotes(need, all, ny, room, fits); fit >= 1 {
			b.place(i, ny, need[:fit])
			b.rest = append(need[fit:], b.rest...)
			return i + 1, false
		}
	}
	if b.y < 0 {
		// Nothing fits on an empty page (a line taller than the page): place it anyway.
		b.plan.lines = append(b.plan.lines, placed{idx: int32(i), y: ny, dx: b.dx})
		b.rest = append(need, b.rest...)
		return i + 1, true
	}
	if t.vlist[i].keep {
		if b.lastLegal <= b.start {
			b.plan.forced = true // no legal breakpoint on the page: break the keep
			return i, true
		}
		// Back to the last legal breakpoint.
		b.rest = b.legalRest
		b.notes = b.notes[:b.legalNotes]
		b.plan.lines = b.plan.lines[:b.legalLines]
		return b.lastLegal, true
	}
	return i, true
}

// place puts the line at item i on the page at baseline y, and the note lines it brings.
func (b *pageBuilder) place(i int, y Length, notes []vitem) {
	b.plan.lines = append(b.plan.lines, placed{idx: int32(i), y: y, dx: b.dx})
	if b.t.vlist[i].line.Metrics.Kind() != LineChapterTitle {
		b.colFresh = false
	}
	if len(notes) > 0 { // most lines call none: no copy of nothing
		b.notes = append(b.notes, notes...)
	}
	b.y, b.pending = y, 0
}

// nextColumn goes on in the next column of a chapter set in columns, at the height of the
// first, with item i: a group heading at the foot of the full column moves with it, and so
// do the lines i is kept with (an index entry is not parted from its turnover line), if
// the column keeps a line of its own.
func (b *pageBuilder) nextColumn(lb *lineBox, i int) {
	t := b.t
	k := len(b.plan.lines)
	if t.vlist[i].keep && b.lastLegal > b.start {
		first := k
		for first > 0 && b.plan.lines[first-1].dx == b.dx && int(b.plan.lines[first-1].idx) >= b.lastLegal {
			first--
		}
		if first > 0 && b.plan.lines[first-1].dx == b.dx && t.vlist[b.plan.lines[first-1].idx].line.Metrics.Kind() != LineChapterTitle {
			k = first
		}
	}
	b.col++
	b.dx = Length(b.col) * (t.columnWidth() + t.gutter())
	for k > 0 && t.vlist[b.plan.lines[k-1].idx].line != nil && t.vlist[b.plan.lines[k-1].idx].line.Metrics.Kind() == LineHeading {
		k--
	}
	carried := append([]placed(nil), b.plan.lines[k:]...)
	b.plan.lines = b.plan.lines[:k]
	b.y = b.colTop
	if len(carried) > 0 && carried[0].line == nil {
		// Sub-entries carried over open the column with their entry's "(continued)" line,
		// as a column that opens among them does (continued).
		if first := t.vlist[carried[0].idx].line; first != nil && first.ex().cont != nil {
			b.plan.lines = append(b.plan.lines, placed{idx: carried[0].idx, y: b.y, dx: b.dx, line: first.x.cont.line, x: first.x.cont.x})
			b.y += first.Leading
		}
	}
	for j, pl := range carried {
		if j > 0 {
			b.y += t.vlist[pl.idx].line.Leading
		}
		b.plan.lines = append(b.plan.lines, placed{idx: pl.idx, y: b.y, dx: b.dx, head: pl.head, line: pl.line, x: pl.x})
	}
	if len(carried) == 0 {
		b.y = b.colTop - lb.Leading
	}
	b.pending = 0
	b.colFresh = len(carried) == 0
}

// continued sets, at the head of a column or page of a chapter in columns that opens among
// an index entry's sub-entries (item i is the first line), the entry's "(continued)" line,
// if it and the line after it fit.
func (b *pageBuilder) continued(i int) {
	lb := b.t.vlist[i].line
	if b.cols <= 1 || !b.colFresh || lb.ex().cont == nil || (b.y >= 0 && b.colTop < 0) {
		return
	}
	c := lb.x.cont.line
	y := b.top + c.Size
	if b.y >= 0 {
		y = b.y + c.Leading
	}
	if b.colTop >= 0 && b.colTop > y {
		y = b.colTop
	}
	if y+lb.Leading > b.bottom || (b.colLimit != 0 && b.colTop >= 0 && y+lb.Leading > b.colLimit) {
		return
	}
	if b.colTop < 0 {
		b.colTop = y
	}
	b.plan.lines = append(b.plan.lines, placed{idx: int32(i), y: y, dx: b.dx, line: c, x: lb.x.cont.x})
	b.y, b.pending, b.colFresh = y, 0, false
}

// splitNotes is how many of the note lines need may stand on the page with the line at
// baseline ny that calls them, when they do not all fit (TeX splits an insertion with
// \vsplit): as many as fit, cut back to where the notes may break, at least two lines (one
// on an empty page); else all of them if the line fits with them, or none.
func (b *pageBuilder) splitNotes(need, all []vitem, ny, room Length, fits bool) int {
	fit := 0
	for fit < len(need) && ny+room+b.noteRoom(all[:len(b.notes)+fit+1]) <= b.bottom {
		fit++
	}
	switch legal := noteBreak(need, fit); {
	case legal >= 2 || (legal >= 1 && b.y < 0):
		fit = legal
	case fits:
		fit = len(need)
	case b.y >= 0:
		fit = 0
	}
	return fit
}

// keptAfter is the height of the lines that must stay on the page of vertical-list item i
// (up to a few: a keep longer than that is broken anyway).
func (t *typesetter) keptAfter(i int) Length {
	var h, space Length
	for j, n := i+1, 0; j < len(t.vlist) && t.vlist[j].keep && n < 3; j++ {
		switch it := &t.vlist[j]; it.kind {
		case vSpace:
			space += it.space
		case vLine:
			h += space + it.line.Leading
			space = 0
			n++
		default:
			return h
		}
	}
	return h
}

// paginator is where the page builder stands in the vertical list, so that the pages of a
// chapter can be cut as soon as the chapter is joined (a streamed pass, typeset.go).
type paginator struct {
	pages   []*Page
	carry   []vitem // note lines waiting for the next page
	chapter *doc.Chapter
	i       int // the vertical-list item the next page starts at
	// hyphenated is set when the last page's text ends in a hyphen: read when it was made,
	// as its lines may be drawn and let go before the next page is built.
	hyphenated bool
	drawn      int // how many of pages are drawn (a streamed pass)
	// chapters counts the chapter openings met; cut is the chapter being cut afresh, to
	// keep its pages for the next rebuild (keptpages.go).
	chapters int
	cut      *chapterCut
}

// paginateTo cuts the vertical list into body pages up to item stop: every page that starts
// before it.
// Item stop must be a chapter's start (or the list's end), so that a page stops there as it
// would in the whole list; final (the list's end) also ends the notes still running.
func (t *typesetter) paginateTo(pg *paginator, stop int, final bool) error {
	for pg.i < stop || (final && len(pg.carry) > 0) {
		if len(pg.pages) >= t.s.MaxPages {
			return fmt.Errorf("layout: the book needs more than %d pages; is a block unbreakable?", t.s.MaxPages)
		}
		i, carry := pg.i, pg.carry
		kind, sink, from := BodyPage, Length(0), i
		if i < len(t.vlist) && t.vlist[i].kind == vChapter {
			if t.vlist[i].chapter.Part && len(carry) > 0 {
				// A part's title page holds nothing else: notes still running end first, on
				// a page of their own.
				plan := t.buildPage(i, carry, 0)
				pg.add(t, plan, BodyPage)
				pg.carry = plan.carry
				continue
			}
			pg.chapters++
			if kp := t.keptPagesOf(); kp != nil && len(carry) == 0 {
				var replayed bool
				if pg.cut, replayed = t.openChapter(pg, kp, pg.chapters-1, i); replayed {
					continue
				}
			}
			pg.chapter = t.vlist[i].chapter
			t.depth = Length(t.vlist[i].depth) * t.s.Leading
			t.columnChapter = nil
			// Chapters were set by typesetters of their own: the column count is the page
			// builder's to know again.
			t.columns = max(pg.chapter.Columns, 1)
			if pg.chapter.Columns > 1 {
				t.columnChapter = pg.chapter
			}
			kind, sink = OpeningPage, t.openingSink()
			if pg.chapter.Part {
				kind, sink = PartPage, (t.s.TextBottom()-t.s.Top)/3
			}
			if t.s.RectoChapters && len(pg.pages)%2 == 1 && len(carry) == 0 {
				pg.pages = append(pg.pages, &Page{Kind: BlankPage, Chapter: pg.chapter, Number: len(pg.pages) + 1})
				pg.hyphenated = false
			}
			i++
		}
		plan := t.buildPage(i, carry, sink)
		if pg.hyphenated {
			plan = t.noHyphenPair(plan, i, carry, sink)
		}
		if plan.forced {
			t.warnForced(plan, len(pg.pages)+1)
		}
		pg.add(t, plan, kind)
		// A page that opens a chapter is progress, even if the chapter is empty.
		if plan.end == from && len(plan.carry) >= len(carry) && len(plan.lines) == 0 && len(plan.notes) == 0 {
			return fmt.Errorf("layout: page %d: no progress (internal error)", len(pg.pages))
		}
		pg.i, pg.carry = plan.end, plan.carry
		if pg.cut != nil && pg.i >= pg.cut.end {
			t.keepCut(pg, t.keptPagesOf(), pg.cut)
			pg.cut = nil
		}
	}
	return nil
}

// warnForced reports a page, numbered page, whose plan had to break a keep.
func (t *typesetter) warnForced(plan pagePlan, page int) {
	var at diag.Pos
	if plan.end < len(t.vlist) && t.vlist[plan.end].line != nil && t.vlist[plan.end].line.block != nil {
		at = t.vlist[plan.end].line.block.Position()
	}
	t.pageWarnings.Warnf(at, "a block longer than a page had to be broken where it should not be (page %d)", page)
}

// add makes the next page from its plan.
func (pg *paginator) add(t *typesetter, plan pagePlan, kind PageKind) {
	p := t.newPage(plan, kind, pg.chapter)
	p.Number = len(pg.pages) + 1
	pg.pages = append(pg.pages, p)
	pg.hyphenated = t.endsHyphenated(p.pending)
}

// endsHyphenated says whether a page's last line of text ends in a hyphen.
func (t *typesetter) endsHyphenated(plan *pagePlan) bool {
	if plan == nil || len(plan.lines) == 0 {
		return false
	}
	last := plan.lines[len(plan.lines)-1]
	return last.line == nil && t.vlist[last.idx].line != nil && t.vlist[last.idx].line.Metrics.Hyphenated
}

// noHyphenPair ends a page a line early when it would end in a hyphen as the page before
// does (TeX's \brokenpenalty weighs against a page break after a hyphen; two in a row are
// what a compositor avoids): a page a line short, when the break before its last line is
// legal and the line before that does not end in a hyphen too. Pages in columns are left
// as they are.
func (t *typesetter) noHyphenPair(plan pagePlan, start int, carry []vitem, sink Length) pagePlan {
	if t.columnChapter != nil || !t.endsHyphenated(&plan) || plan.end >= len(t.vlist) || len(plan.lines) < 2 {
		return plan
	}
	k := int(plan.lines[len(plan.lines)-1].idx)
	if t.vlist[k].keep {
		return plan
	}
	var b pageBuilder
	t.fillPage(&b, start, carry, sink, k, 0)
	if b.plan.end != k || b.plan.forced || len(b.plan.lines) == 0 || t.endsHyphenated(&b.plan) {
		return plan
	}
	return b.plan
}

// newPage makes a page of a kind from its plan; its lines are placed when it is shipped out
// (only the last pass of the page-number fixpoint ships its pages out).
func (t *typesetter) newPage(plan pagePlan, kind PageKind, ch *doc.Chapter) *Page {
	return &Page{Kind: kind, Chapter: ch, pending: &plan}
}
