package layout

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
)

// A rebuild (Settings.Reuse) cuts again only the chapters whose pages can change. A
// chapter's page plans are a function of what the page builder reads: its items' kinds,
// spaces and keeps, its lines' sizes, leadings, kinds and hyphens, the note lines they call,
// its repeated table heads and index continuations, its depth and columns, and where the
// builder stands at its opening (no notes running in, a hyphen at the foot of the page
// before, the side the page count puts it on). pagingKey writes all that out; a chapter
// whose key and opening state are those a kept chapter was cut from gets the kept plans,
// pointed at this pass's items. What a page shows beyond its plan (the lines' runs, page
// numbers printed, running heads, folios) is drawn from this pass's lines as before.

// keptChapter is one chapter's pages as the page builder cut them.
type keptChapter struct {
	key   [2]uint64
	items int // the chapter's items, its opening one included
	// odd and hyphenated are the builder's state at the opening: an odd number of pages
	// before it, and a hyphen ending the page before.
	odd, hyphenated bool
	pages           []keptPlan
	// drawn are the pages as the last build drew them, where it did (keptdraw.go).
	drawn []*keptDrawing
}

// keptPlan is a page's plan with its items counted from the chapter's opening and its note
// lines as places in the chapter's note lines (chapterNotes).
type keptPlan struct {
	kind   PageKind
	blank  bool // a blank page before a chapter that opens on a recto
	end    int32
	lines  []placed // line nil; cont says which stand for their item's continuation
	cont   []bool
	notes  []int32
	forced bool
	bottom Length
}

// keptPages are the chapters' kept pages, by the chapter's place in the vertical list.
// Only the main goroutine paginates, and Typesets using one Reuse never run together.
type keptPages struct {
	chapters []*keptChapter
	// buf is the key's bytes, kept for the next chapter.
	buf keyBytes
	// replayed counts the chapters whose kept pages were used in the last Typeset, cut
	// those cut again: the tests read them.
	replayed, cut int
	// redrawn counts the pages of kept chapters drawn afresh, and those drawn as before.
	redrawn [2]int
	// heads are the running heads set in this Typeset for pages drawn as before.
	heads map[headKey]bool
}

// chapterCut is a chapter being cut afresh, to be kept once its pages are.
type chapterCut struct {
	n, start, end, from int
	rec                 *keptChapter
	notes               map[*lineBox]int32
}

// chapterEndAt is where the chapter opening at item i ends: the next chapter's opening, or
// the list's end.
func (t *typesetter) chapterEndAt(i int) int {
	for j := i + 1; j < len(t.vlist); j++ {
		if t.vlist[j].kind == vChapter {
			return j
		}
	}
	return len(t.vlist)
}

// chapterNotes are the note lines the chapter's lines in [start, end) call, in order, as
// the page builder gathers them (notesCalled, line by line).
func (t *typesetter) chapterNotes(start, end int, out []vitem) []vitem {
	for i := start; i < end; i++ {
		if lb := t.vlist[i].line; lb != nil && len(lb.ex().Notes) > 0 {
			out = t.notesCalled(lb.x.Notes, out)
		}
	}
	return out
}

// pagingKey is the hash of what the page builder reads of the chapter in [start, end) and
// of the settings it cuts by, notes the chapter's note lines.
func (t *typesetter) pagingKey(buf keyBytes, start, end int, notes []vitem) (keyBytes, [2]uint64) {
	s := t.s
	b := buf[:0]
	for _, v := range []Length{s.Top, s.TextBottom(), s.Leading, t.body().Leading, t.columnWidth(), t.gutter()} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	// A page that ends the list is cut without a look at the page after (noHyphenPair).
	b = append(b, boolByte(s.RectoChapters), boolByte(end == len(t.vlist)))
	line := func(lb *lineBox) {
		b = binary.LittleEndian.AppendUint32(b, uint32(lb.Size))
		b = binary.LittleEndian.AppendUint32(b, uint32(lb.Leading))
		b = append(b, byte(lb.Metrics.kind), boolByte(lb.Metrics.Hyphenated))
	}
	for i := start; i < end; i++ {
		it := &t.vlist[i]
		b = append(b, byte(it.kind), boolByte(it.keep), byte(it.depth), byte(len(it.heads())))
		b = binary.LittleEndian.AppendUint32(b, uint32(it.space))
		if it.chapter != nil {
			b = append(b, boolByte(it.chapter.Part), byte(it.chapter.Columns))
		}
		for _, h := range it.heads() {
			line(h)
		}
		if it.line == nil {
			continue
		}
		line(it.line)
		x := it.line.ex()
		b = append(b, byte(len(x.Notes)), boolByte(x.cont != nil))
		if x.cont != nil {
			line(x.cont.line)
			b = binary.LittleEndian.AppendUint32(b, uint32(x.cont.x))
		}
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(notes)))
	for _, n := range notes {
		b = binary.LittleEndian.AppendUint32(b, uint32(n.line.Leading))
		b = append(b, boolByte(n.keep), byte(len(n.line.ex().Notes)))
	}
	// Which line calls which notes: each line's count of note lines.
	for i := start; i < end; i++ {
		if lb := t.vlist[i].line; lb != nil && len(lb.ex().Notes) > 0 {
			b = binary.LittleEndian.AppendUint32(b, uint32(i-start))
			b = binary.LittleEndian.AppendUint32(b, uint32(len(t.notesCalled(lb.x.Notes, nil))))
		}
	}
	seeds := reuseSeeds()
	return b, [2]uint64{maphash.Bytes(seeds[0], b), maphash.Bytes(seeds[1], b)}
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// keptPagesOf is the Reuse's kept pages, nil without a Reuse or while pages are only counted.
func (t *typesetter) keptPagesOf() *keptPages {
	if t.s.Reuse == nil || t.counting {
		return nil
	}
	return &t.s.Reuse.pages
}

// openChapter is called where the page builder meets the opening of the n-th chapter at
// item i, no notes running in: it gives the kept pages their places and reports true when
// the chapter's pages can be the kept ones, else starts keeping the pages about to be cut.
func (t *typesetter) openChapter(pg *paginator, kp *keptPages, n, i int) (*chapterCut, bool) {
	end := t.chapterEndAt(i)
	notes := t.chapterNotes(i, end, nil)
	var key [2]uint64
	kp.buf, key = t.pagingKey(kp.buf, i, end, notes)
	odd := len(pg.pages)%2 == 1
	if n < len(kp.chapters) {
		if k := kp.chapters[n]; k != nil && k.key == key && k.items == end-i && k.odd == odd && k.hyphenated == pg.hyphenated &&
			len(pg.pages)+len(k.pages) <= t.s.MaxPages {
			t.replay(pg, k, i, notes)
			kp.replayed++
			return nil, true
		}
	}
	kp.cut++
	cut := &chapterCut{n: n, start: i, end: end, from: len(pg.pages),
		rec: &keptChapter{key: key, items: end - i, odd: odd, hyphenated: pg.hyphenated}}
	if len(notes) > 0 {
		cut.notes = make(map[*lineBox]int32, len(notes))
		for k, it := range notes {
			cut.notes[it.line] = int32(k)
		}
	}
	return cut, false
}

// replay adds the kept pages of a chapter opening at item i, as paginateTo would have cut
// them, and leaves the builder where it would have stood at the chapter's end.
func (t *typesetter) replay(pg *paginator, k *keptChapter, i int, notes []vitem) {
	ch := t.vlist[i].chapter
	pg.chapter = ch
	t.depth = Length(t.vlist[i].depth) * t.s.Leading
	t.columns, t.columnChapter = max(ch.Columns, 1), nil
	if ch.Columns > 1 {
		t.columnChapter = ch
	}
	for _, kp := range k.pages {
		if kp.blank {
			pg.pages = append(pg.pages, &Page{Kind: BlankPage, Chapter: ch, Number: len(pg.pages) + 1})
			pg.hyphenated = false
			continue
		}
		plan := pagePlan{end: i + int(kp.end), forced: kp.forced, bottom: kp.bottom}
		plan.lines = append(t.spares().planLines(len(kp.lines)), kp.lines...)
		for j := range plan.lines {
			pl := &plan.lines[j]
			pl.idx += int32(i)
			if kp.cont[j] {
				c := t.vlist[pl.idx].line.x.cont
				pl.line = c.line
			}
		}
		if len(kp.notes) > 0 {
			plan.notes = make([]vitem, len(kp.notes))
			for j, n := range kp.notes {
				plan.notes[j] = notes[n]
			}
		}
		if plan.forced {
			t.warnForced(plan, len(pg.pages)+1)
		}
		pg.add(t, plan, kp.kind)
	}
	for j, p := range pg.pages[len(pg.pages)-len(k.pages):] {
		p.keptIn, p.keptAt = k, j
	}
	pg.i, pg.carry = i+k.items, nil
}

// keepCut keeps the pages cut for a chapter once the builder has left it with no notes
// running on; a chapter whose notes run into the next is not kept.
func (t *typesetter) keepCut(pg *paginator, kp *keptPages, cut *chapterCut) {
	if len(pg.carry) > 0 || pg.i != cut.end {
		return
	}
	rec := cut.rec
	for _, p := range pg.pages[cut.from:] {
		if p.Kind == BlankPage && p.pending == nil {
			rec.pages = append(rec.pages, keptPlan{blank: true})
			continue
		}
		plan := p.pending
		if plan == nil {
			return
		}
		k := keptPlan{kind: p.Kind, end: int32(plan.end - cut.start), forced: plan.forced, bottom: plan.bottom,
			lines: make([]placed, len(plan.lines)), cont: make([]bool, len(plan.lines))}
		for j, pl := range plan.lines {
			if pl.line != nil {
				k.cont[j] = true
				pl.line = nil
			}
			pl.idx -= int32(cut.start)
			k.lines[j] = pl
		}
		for _, it := range plan.notes {
			n, ok := cut.notes[it.line]
			if !ok {
				return // a note line from elsewhere: not this chapter's to keep
			}
			k.notes = append(k.notes, n)
		}
		rec.pages = append(rec.pages, k)
	}
	for len(kp.chapters) <= cut.n {
		kp.chapters = append(kp.chapters, nil)
	}
	if last := kp.chapters[cut.n]; last != nil {
		carryDrawings(last, rec)
	}
	kp.chapters[cut.n] = rec
	for j, p := range pg.pages[cut.from:] {
		p.keptIn, p.keptAt = rec, j
	}
}

// carryDrawings gives rec the drawings last kept of the pages planned as they were (an
// edit that changed a chapter's pages changes few of them): drawing checks the rest.
func carryDrawings(last, rec *keptChapter) {
	if len(last.drawn) != len(last.pages) {
		return
	}
	rec.drawn = make([]*keptDrawing, len(rec.pages))
	for j := range min(len(last.pages), len(rec.pages)) {
		if last.drawn[j] != nil && last.pages[j].same(&rec.pages[j]) {
			rec.drawn[j] = last.drawn[j]
		}
	}
}

// same reports whether two kept plans place the same items and note lines alike.
func (a *keptPlan) same(b *keptPlan) bool {
	return a.kind == b.kind && a.blank == b.blank && a.end == b.end && a.forced == b.forced && a.bottom == b.bottom &&
		slices.Equal(a.lines, b.lines) && slices.Equal(a.cont, b.cont) && slices.Equal(a.notes, b.notes)
}

// trim lets go of the pages kept for chapters past the book's n: chapters taken away.
func (kp *keptPages) trim(n int) {
	if len(kp.chapters) > n {
		clear(kp.chapters[n:])
		kp.chapters = kp.chapters[:n]
	}
}
