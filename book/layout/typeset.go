package layout

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"bindery/book/doc"
)

// Typeset lays out a whole book: front matter, chapters, back matter.
func Typeset(b *doc.Book, s Settings) (*Document, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	s.ties = newTies(s.Ties)
	// Page references (cross-references, the index, the glossary's pages) can change what
	// they number: lay out again with the labels of the previous pass until they settle.
	labels := newLabelSet(newLabelIndex())
	keep := &kept{hyphens: &hyphenCache{}}
	// A rebuild starts from the labels the last build settled on: after an edit that moves
	// no page they hold at once, and one pass is enough.
	seeded := false
	if s.Reuse != nil {
		s.Reuse.begin()
		defer s.Reuse.end()
		keep.hyphens = &s.Reuse.hyphens
		keep.sizes = s.Reuse.slotSizes()
		keep.vlist = s.Reuse.takeVlist()
		if seed := s.Reuse.settledLabels(); seed != nil && seed.n > 0 {
			labels, seeded = seed, true
		}
	}
	ran, whole := 0, false
	for pass := 1; ; pass++ {
		// A pass whose labels came from a whole pass (the back matter in it) is usually the
		// last: it is streamed, its pages drawn a chapter at a time (see typesetOnce). A
		// rebuild's passes are not: their chapters' paragraphs are kept for the next build.
		stream := whole && s.Reuse == nil && streamPasses
		t, d, err := typesetOnce(b, s, labels, keep, stream)
		if err != nil {
			return nil, err
		}
		ran++
		if afterPass != nil {
			afterPass(pass)
		}
		next := pageLabels(t, d)
		// A first pass that made the back matter gave every label (whole).
		firstWithout := pass == 1 && !seeded && generates(b, &s)
		whole = !firstWithout || len(d.Generated) > 0
		if stream {
			streamed.Add(1)
		}
		last := isLastPass(t, d, labels, next, firstWithout)
		if stream && last && voidStreamed.Load() > 0 {
			voidStreamed.Add(-1)
			last = false
		}
		if stream && s.Sink != nil && !last {
			s.Sink.End(nil, false)
		}
		if last {
			// Only the last pass is drawn: the others were needed for their page numbers.
			// The paragraphs kept for later passes are let go, and each line once it is
			// on its page (see shipOut), so a long book is not held twice while drawn.
			var sizes []slotSize
			if s.Reuse != nil {
				sizes = keep.slotSizes()
				s.Reuse.keepSlotSizes(sizes)
			}
			keep.slots = nil
			d.Map.begin(d, t.labels.index, s.Reuse != nil, s.Reuse.anchorCount())
			t.draw(d)
			emptyMaps(sizes) // after draw, which sets the running heads through slot 0's
			d.Passes = ran
			if s.Reuse != nil {
				s.Reuse.settle(next, d.Map.Len())
				s.Reuse.pages.trim(len(d.chapters))
				s.Reuse.keepVlist(t.vlist)
			}
			if stream && s.Sink != nil {
				s.Sink.End(d, true)
			}
			return d, nil
		}
		if s.Reuse == nil {
			// What the next pass reuses is kept packed (a rebuild's lines are kept for
			// the next build as set).
			keep.packSlots()
		}
		if stream {
			// Its pages are void, and its chapters' slots were let go: the next pass sets
			// them afresh.
			voided.Add(1)
		}
		if seeded {
			// The edit moved pages: start again from nothing, as a cold build does, so that
			// the numbers settle where a cold build's settle (were two sets of numbers each
			// consistent, going on from the seed could settle on the other).
			seeded, labels, pass = false, newLabelSet(labels.index), 0
			continue
		}
		if pass == maxPasses {
			return nil, fmt.Errorf("layout: page numbers did not settle after %d passes (page references keep moving the text)", maxPasses)
		}
		labels = next
	}
}

// isLastPass reports whether the pass settled: every page number it printed is the page
// its target landed on. A cold build's first pass, with back matter, records that matter's
// labels apart (firstpass.go) and settles by its own rule.
func isLastPass(t *typesetter, d *Document, used, found *labelSet, first bool) bool {
	if first {
		return t.first.isLast(t, d, found)
	}
	return settled(used, found, &d.used) || !d.references
}

// pageLabels gives the label of the page each anchor lands on, from the pages' plans: what
// drawing the pages would put in the document's map, without drawing them.
func pageLabels(t *typesetter, d *Document) *labelSet { return labelsOf(t, d.Pages) }

// labelsOf gives the label of the page each anchor lands on among pages.
func labelsOf(t *typesetter, pages []*Page) *labelSet {
	out := &labelSet{index: t.labels.index, of: make([]int32, len(t.labels.index.ids))}
	if len(out.index.ids) == 0 {
		// A first pass numbers every ID: the index made as large as the marks, not grown
		// from nothing (half a million IDs in a 100-fold book).
		marks := 0
		eachMark(t, pages, func(string, string) { marks++ })
		out.index.ids = make(map[string]int32, marks)
		out.of = make([]int32, 0, marks)
	}
	eachMark(t, pages, out.note)
	return out
}

// eachMark calls note with every ID marked on pages and the label of its page.
func eachMark(t *typesetter, pages []*Page, note func(id, label string)) {
	for _, p := range pages {
		for _, m := range p.Marks {
			note(m.ID, p.Label)
		}
		plan := p.pending
		if plan == nil {
			continue
		}
		for _, pl := range plan.lines {
			it := &t.vlist[pl.idx]
			if it.line == nil || pl.head > 0 || pl.line != nil {
				continue
			}
			for _, m := range it.line.Marks {
				note(m.ID, p.Label)
			}
			if it.heading != nil {
				note(it.heading.ID, p.Label)
			}
		}
		for _, it := range plan.notes {
			for _, m := range it.line.Marks {
				note(m.ID, p.Label)
			}
			if it.heading != nil {
				note(it.heading.ID, p.Label)
			}
		}
	}
}

// generates reports whether the settings make chapters from the book's apparatus: their
// page numbers point into the text, so the first pass makes them only once its text is
// paginated (firstpass.go).
func generates(b *doc.Book, s *Settings) bool {
	return s.Generate != nil && b.Apparatus != nil && len(b.Apparatus.Generated()) > 0
}

// streamPasses lets passes be streamed; the tests turn it off to compare.
var streamPasses = true

// afterPass, if not nil, is called after each pass of Typeset: the tests count there.
var afterPass func(pass int)

// firstWithBackMatter lets a first pass make the back matter from its own text's labels;
// the tests turn it off, to compare with a first pass that leaves it to the second.
var firstWithBackMatter = true

// streamed counts the passes streamed in this process, voided those of them that were not
// the last after all: the tests read them, to know that the streamed way was taken.
var streamed, voided atomic.Int64

// voidStreamed, for the tests, makes that many streamed passes that settle count as not
// settled: the way back (the next pass sets their chapters afresh) is taken too seldom to
// be tested otherwise.
var voidStreamed atomic.Int64

// maxPasses bounds the page-number fixpoint; one or two passes are usual (a rebuild whose
// edit moved pages: its seeded pass, then a cold build's).
const maxPasses = 6

// settled reports whether every page label that a pass used is the label the pass found.
func settled(used, result *labelSet, ids *usedLabels) bool {
	for _, n := range ids.numbers {
		if used.at(n) != result.at(n) {
			return false
		}
	}
	for _, id := range ids.names {
		if used.get(id) != result.get(id) {
			return false
		}
	}
	return true
}

// typesetOnce makes one pass of the layout: the chapters are set and cut into pages, which are
// numbered but not yet drawn (see draw). A streamed pass draws its body pages as it goes,
// a chapter at a time, each chapter's pages once the next chapter is joined (a page stops
// at a chapter's start, so the next is all it can depend on): a chapter's lines are let go
// once its pages are drawn, instead of the book's being alive together. The pages are those
// of a pass that is not streamed.
func typesetOnce(b *doc.Book, s Settings, labels *labelSet, keep *kept, stream bool) (*typesetter, *Document, error) {
	// A cold build's passes before the streamed one are drawn only when one settles at once
	// (not the first, which never is): their runs are packed as set. (A book that makes
	// no back matter has no such pass, and its first may well be drawn.)
	s.packAsSet = s.Reuse == nil && !stream && generates(b, &s)
	t := &typesetter{s: &s, book: b, notes: map[*doc.Footnote][]vitem{}, labels: labels, hyphens: keep.hyphens}
	if !stream && s.Reuse == nil {
		t.passPlans = &spareRuns{most: plansKept} // most: a plan as long as its page asks
	}
	if s.Reuse == nil {
		t.lists = &listPool{} // a rebuild keeps each chapter's list in its slot instead
	}
	// The back matter is made from the labels of the pass before, on a goroutine of its
	// own; the first pass knows none: it makes it once its own text is paginated.
	var generate func() []*doc.Chapter
	if made := keep.takeBackMatter(labels); made != nil && labels.n > 0 {
		// As the first pass made it: the IDs it asked are this pass's to check.
		generate = func() []*doc.Chapter {
			t.used.join(&made.from.asked)
			return made.chapters
		}
	} else if labels.n > 0 && s.Generate != nil {
		generate = func() []*doc.Chapter { return s.Generate(b.Apparatus, &sharedLabels{t: t}, b.Meta.Language) }
	} else if generates(b, &s) && firstWithBackMatter {
		// A first pass: the back matter from the labels of this pass's text (firstpass.go).
		f := &firstBackMatter{ready: make(chan struct{})}
		generate = func() []*doc.Chapter { return f.generate(b, &s) }
		t.first = f
	}
	// Slot 0 keeps the front matter's paragraphs (the contents); chapters use the rest.
	if len(keep.slots) == 0 {
		keep.slots = append(keep.slots, keep.newSlot(0))
	}
	t.cache = keep.slots[0].paragraphs
	var sp *streamedPass
	var joined func(int) error
	if stream {
		sp = &streamedPass{t: t, sink: s.Sink, chapters: b.AllChapters()}
		t.spare = &spareRuns{most: streamSpares}
		joined = sp.joined
		if generate != nil {
			sp.made = make(chan struct{})
			gen := generate
			generate = func() []*doc.Chapter {
				sp.generated = gen()
				close(sp.made)
				return sp.generated
			}
		}
	}
	pg := &paginator{}
	if stream {
		pg = &sp.pg
	} else {
		// Each chapter's pages are cut as soon as the next is joined, while the rest are set.
		joined = func(start int) error { return t.paginateTo(pg, start, false) }
	}
	if t.first != nil {
		t.first.cut = func() (*labelSet, error) { return t.textLabels(pg) }
	}
	generated, err := t.setChapters(b.AllChapters(), generate, keep, joined, stream)
	if err != nil {
		return nil, nil, err
	}
	chapters := append(b.AllChapters(), generated...)
	if t.first != nil && len(generated) > 0 {
		keep.backMatter = &madeBackMatter{chapters: generated, from: t.first}
	}
	if err := t.paginateTo(pg, len(t.vlist), true); err != nil {
		return nil, nil, err
	}
	body := pg.pages
	t.warnings = append(t.warnings, t.pageWarnings...)
	var front []*Page
	if stream {
		sp.drawAndSend(true)
		front = sp.front
		t.warnings = append(t.warnings, sp.frontWarnings...)
	} else {
		front = t.frontMatter(t.chapterPages(body), chapters)
	}
	d := &Document{Settings: s, BodyStart: len(front), Generated: generated, chapters: chapters}
	d.references = t.references || generates(b, &s)
	d.used = t.used
	d.Pages = append(front, body...)
	for i, p := range d.Pages {
		p.Index = i
		p.Recto = i%2 == 0
		if p.Roman {
			p.Label = roman(p.Number)
		} else {
			p.Label = strconv.Itoa(p.Number)
		}
	}
	return t, d, nil
}

// drawBody draws the body pages cut since it last drew (pg.drawn on), as draw would once
// the front matter is made: the front matter has an even number of pages, so a body page's
// side and label are known from its number. It draws at most most pages, if most > 0.
func (t *typesetter) drawBody(pg *paginator, most int) {
	end := len(pg.pages)
	if most > 0 {
		end = min(end, pg.drawn+most)
	}
	for _, p := range pg.pages[pg.drawn:end] {
		p.Recto = p.Number%2 == 1
		p.Label = strconv.Itoa(p.Number)
	}
	t.drawPages(pg.pages[pg.drawn:end])
	pg.drawn = end
}

// drawPages draws pages whose side and label are known, as draw would. What the running
// heads warn of is not reported (draw's rule).
func (t *typesetter) drawPages(pages []*Page) {
	warnings, missing := t.warnings, t.missing
	t.warnings, t.missing = nil, t.drawMissing
	for _, p := range pages {
		t.furniture(p)
		p.drawn = true
	}
	t.drawMissing, t.warnings, t.missing = t.missing, warnings, missing
}

// sharedLabels is the typesetter's labels for the back matter, which is made on several
// goroutines: Label records each label it gives in t.used.
type sharedLabels struct {
	mu sync.Mutex
	t  *typesetter
}

func (l *sharedLabels) Label(id string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.t.Label(id)
}

// roman is n in lower-case roman numerals, the folios of the front matter.
func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
