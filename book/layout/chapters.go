package layout

import (
	"fmt"
	"slices"
	"sync"

	"bindery/book/doc"
	"bindery/book/parallel"
)

// Chapters are set concurrently: setting a chapter's paragraphs does not depend on where its
// pages fall (every chapter starts a new page, and the page builder places lines only once
// the chapters are joined), so each chapter gets a typesetter of its own and the results are
// joined in book order. The outcome is the same as setting them one after another.

// kept is what the passes of the page-number fixpoint keep for the next: each chapter's set
// paragraphs, and the hyphenation of every word of the book (shared by the chapters).
type kept struct {
	slots   []*chapterSlot
	hyphens *hyphenCache // word → hyphenation points
	// setters are the paragraph setters of each goroutine that sets chapters, and of the
	// main one (the first): their buffers serve every pass.
	setters []*setters
	// vlist is the book's vertical list of the last pass, whose storage the next pass
	// fills: a pass is done with the one before once its labels are found.
	vlist []vitem
	// sizes are the slots' sizes in the last build (Reuse), which new slots start at: maps
	// grown from nothing in every rebuild were 3 % of a 1× rebuild.
	sizes []slotSize
	// backMatter is the back matter the first pass made (firstpass.go), for the second.
	backMatter *madeBackMatter
}

// settersFor returns the paragraph setters of n goroutines besides the main one's, which is
// the first of the slice returned.
func (k *kept) settersFor(n int) []*setters {
	for len(k.setters) < 1+n {
		k.setters = append(k.setters, &setters{})
	}
	return k.setters[:1+n]
}

// chapterSlot keeps one chapter's set paragraphs, and what setting them a line tighter or
// looser would cost (rescue.go): the measure only, as few of those settings are used.
type chapterSlot struct {
	paragraphs map[parKey]setParagraphResult
	measures   map[parKey]looseMeasure
	// items is how long the chapter's vertical list was in the last pass, sources how many
	// paragraphs it set: the next pass allocates them once.
	items, sources int
	// list is the storage of the chapter's vertical list in the last pass or build, emptied
	// once joined into the book's, for the next pass's (fork): 4 % of a rebuild's
	// allocations. Kept in a rebuild (Settings.Reuse) only.
	list []vitem
	// sourceMap is the last pass's (or build's) map of the paragraphs' sources, emptied,
	// for the next (takeSources).
	sourceMap map[doc.Block]parSource
}

// slotSize is how much a chapter's slot held at the end of a build, and its list's and
// maps' storage: a rebuild's maps made anew were about 4 % of what it allocated. The maps
// are emptied when handed out (newSlot) and once the build is drawn (emptyMaps).
type slotSize struct {
	paragraphs, measures, items, sources int
	list                                 []vitem
	paragraphMap                         map[parKey]setParagraphResult
	measureMap                           map[parKey]looseMeasure
	sourceMap                            map[doc.Block]parSource
}

// newSlot is an empty slot for the i-th slot, sized as it was in the last build.
func (k *kept) newSlot(i int) *chapterSlot {
	var z slotSize
	if i < len(k.sizes) {
		z = k.sizes[i]
	}
	slot := &chapterSlot{items: z.items, sources: z.sources, list: z.list, sourceMap: z.sourceMap}
	// Emptied here as well: a Typeset that failed handed them out and kept them full.
	if slot.paragraphs = z.paragraphMap; slot.paragraphs != nil {
		clear(slot.paragraphs)
	} else {
		slot.paragraphs = make(map[parKey]setParagraphResult, z.paragraphs)
	}
	if slot.measures = z.measureMap; slot.measures != nil {
		clear(slot.measures)
	} else {
		slot.measures = make(map[parKey]looseMeasure, z.measures)
	}
	return slot
}

// emptyMaps empties the maps sizes keep for the next build: nothing of this build stays
// alive through them.
func emptyMaps(sizes []slotSize) {
	for _, z := range sizes {
		clear(z.paragraphMap)
		clear(z.measureMap)
		clear(z.sourceMap)
	}
}

// slotSizes are the slots' sizes now, for the next build.
func (k *kept) slotSizes() []slotSize {
	sizes := make([]slotSize, len(k.slots))
	for i, sl := range k.slots {
		sizes[i] = slotSize{len(sl.paragraphs), len(sl.measures), sl.items, sl.sources, sl.list, sl.paragraphs, sl.measures, sl.sourceMap}
	}
	return sizes
}

// fork returns a typesetter for one chapter, sharing t's read-only state.
func (t *typesetter) fork(slot *chapterSlot, ps *setters) *typesetter {
	return &typesetter{
		s: t.s, book: t.book, labels: t.labels,
		notes: map[*doc.Footnote][]vitem{},
		cache: slot.paragraphs, hyphens: t.hyphens, setters: ps,
		vlist: slot.takeList(t.lists),
	}
}

// takeList is storage for the chapter's vertical list: the last pass's if it is large
// enough, else one of this pass's chapters' already joined (pool, if not nil).
func (slot *chapterSlot) takeList(pool *listPool) []vitem {
	if l := slot.list; cap(l) >= slot.items && cap(l) > 0 {
		slot.list = nil
		return l
	}
	if l := pool.take(slot.items); l != nil {
		return l
	}
	return make([]vitem, 0, slot.items)
}

// A listPool holds a cold pass's chapters' lists once joined into the book's, emptied, for
// the chapters set after them: made afresh, they were 19 MB of a 100× build's allocation.
type listPool struct {
	mu   sync.Mutex
	free [][]vitem
}

// listsKept bounds a pool: only the chapters set ahead of the one joined take lists.
const listsKept = 64

// take is the smallest list in p with room for n items, or nil.
func (p *listPool) take(n int) []vitem {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	best := -1
	for i, l := range p.free {
		if cap(l) >= n && cap(l) > 0 && (best < 0 || cap(l) < cap(p.free[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	l := p.free[best]
	last := len(p.free) - 1
	p.free[best], p.free[last] = p.free[last], nil
	p.free = p.free[:last]
	return l
}

// give keeps l, joined, for a later chapter (p may be nil).
func (p *listPool) give(l []vitem) {
	if p == nil || cap(l) == 0 {
		return
	}
	clear(l[:cap(l)]) // nothing of the chapter stays alive through it
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) < listsKept {
		p.free = append(p.free, l[:0])
	}
}

// firstItems is a guess at the length of ch's vertical list, for a first pass, which has no
// last pass's to go by: a line is about 60 bytes of the default book's running text, the
// index's lines shorter. Grown by append from nothing, the lists of the 100-fold book's
// chapters cost 0.14 s.
func firstItems(ch *doc.Chapter) int {
	n := 0
	doc.WalkInlines(ch, func(in doc.Inline) {
		if t, ok := in.(*doc.Text); ok {
			n += len(t.Text)
		}
	})
	return n/56 + len(ch.Blocks)
}

// firstParagraphs is a guess at how many paragraphs setting ch sets, for a first pass's
// maps of them: its blocks, its notes' and its tables' cells. The maps grown from nothing
// were a tenth of a 100-fold book's first pass (their rehashing).
func firstParagraphs(ch *doc.Chapter) int {
	n := 0
	count := func(b doc.Block) bool {
		n++
		if t, ok := b.(*doc.Table); ok {
			n += len(t.Header) * (1 + len(t.Rows))
		}
		return true
	}
	doc.Walk(ch.Blocks, count)
	for _, f := range ch.Footnotes {
		doc.Walk(f.Blocks, count)
	}
	return n
}

// giveList keeps the storage of a chapter's list once joined into the book's, emptied.
func (slot *chapterSlot) giveList(l []vitem) {
	clear(l[:cap(l)]) // nothing of this pass stays alive through it
	slot.list = l[:0]
}

// join appends what a chapter's typesetter set to t, the labels it used to used; missing is
// the set of characters already reported as absent from the font.
func (t *typesetter) join(c *typesetter, missing map[rune]bool, used *usedLabels) {
	t.vlist = append(t.vlist, c.vlist...)
	for fn, lines := range c.notes {
		t.notes[fn] = lines
	}
	used.join(&c.used)
	t.references = t.references || c.references
	for i, w := range c.warnings {
		if r, ok := c.missingAt[i]; ok {
			if missing[r] {
				continue
			}
			missing[r] = true
		}
		if tag, ok := c.missingLang[i]; ok {
			if t.langsMissing[tag] {
				continue
			}
			if t.langsMissing == nil {
				t.langsMissing = map[string]bool{}
			}
			t.langsMissing[tag] = true
		}
		t.warnings = append(t.warnings, w)
	}
}

// setChapters sets the chapters on every core and joins them into t's vertical list, each
// as soon as it and those before it are set, calling joined with where it starts in the list:
// the page builder cuts the pages before it while the rest are set, instead of alone on one
// core once they all are. The back matter (generate, if not nil) is made on a goroutine of
// its own while the first chapters are set, and its chapters, which follow the others, are
// handed out as soon as they are made: the index is often the longest chapter, and set last
// it would finish alone on one core. The order of the work changes nothing but the time. It
// returns the generated chapters. In a streamed pass (stream), the text's chapters are set
// only a few ahead of the last joined, so that those joined can be paginated, drawn and let
// go while the rest are set, and a joined chapter's paragraphs are not kept.
func (t *typesetter) setChapters(chapters []*doc.Chapter, generate func() []*doc.Chapter, keep *kept, joined func(start int) error, stream bool) ([]*doc.Chapter, error) {
	// The last pass's list is only storage now: its items would keep that pass's lines and
	// generated chapters alive while this pass sets its own.
	clear(keep.vlist[:cap(keep.vlist)])
	q := &chapterQueue{chapters: chapters, body: len(chapters), keep: keep, made: make(chan struct{})}
	q.cond = sync.NewCond(&q.mu)
	q.parts, q.errs = make([]*typesetter, len(chapters), len(chapters)+3), make([]error, len(chapters), len(chapters)+3)
	q.grow()
	if !stream && t.s.Reuse == nil {
		// Before the back matter's maker grows the slots.
		q.order = longestLast(chapters, keep, 4*parallel.Workers(len(chapters)))
	}
	if len(t.vlist) == 0 {
		// The book's list as long as the last pass's or build's, not grown chapter by
		// chapter (read before the slots are set again).
		n := 0
		for _, sl := range keep.slots[1:] {
			n += sl.items
		}
		t.vlist = slices.Grow(keep.vlist[:0], n)
	}
	if generate == nil {
		close(q.made)
	} else {
		// t.Label records the labels the back matter uses in t.used, which no chapter's
		// typesetter touches; they are joined into it after this is done.
		go q.generate(generate)
	}
	var wg sync.WaitGroup
	// The back matter adds a chapter or three.
	pools := keep.settersFor(parallel.Workers(len(chapters) + 3))
	t.setters = pools[0] // the front matter's, set once the chapters are joined
	if stream {
		q.window = 2 * len(pools)
	}
	for _, ps := range pools[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ch, slot := q.next()
				if ch == nil {
					return
				}
				part, err := t.setChapter(ch, slot, ps)
				q.mu.Lock()
				q.parts[i], q.errs[i] = part, err
				q.cond.Broadcast()
				q.mu.Unlock()
			}
		}()
	}
	err := t.joinAsSet(q, keep, joined, stream)
	if t.first != nil {
		t.first.give(nil) // after an error: the back matter's maker waits no more
	}
	q.mu.Lock()
	q.stop = true // after an error: no more chapters
	q.cond.Broadcast()
	q.mu.Unlock()
	wg.Wait()
	<-q.made
	if err != nil || len(q.chapters) == q.body {
		return nil, err // as before: no back matter is nil
	}
	return q.chapters[q.body:], nil
}

// joinAsSet joins the chapters of q into t's vertical list in order, each as soon as it is
// set, and calls joined with where it starts. In a streamed pass, a joined chapter's slot is
// emptied: the pass is expected to be the last, and a pass after it sets the chapter afresh.
func (t *typesetter) joinAsSet(q *chapterQueue, keep *kept, joined func(start int) error, stream bool) error {
	missing := map[rune]bool{}
	// The back matter records the labels it uses in t.used while it is made: the chapters'
	// are gathered apart until it is.
	var used usedLabels
	for i := 0; ; i++ {
		if i == q.body && t.first != nil {
			// The text is joined: its labels make a first pass's back matter.
			labels, err := t.first.cut()
			t.first.give(labels)
			if err != nil {
				return err
			}
		}
		q.mu.Lock()
		for i >= q.body && i >= len(q.chapters) && !q.isMade() {
			q.mu.Unlock()
			<-q.made
			q.mu.Lock()
		}
		if i >= len(q.chapters) {
			err := q.err
			q.mu.Unlock()
			keep.vlist = t.vlist
			t.used.join(&used) // the back matter, which records its own in t.used, is made
			return err
		}
		for q.parts[i] == nil && q.errs[i] == nil {
			q.cond.Wait()
		}
		c, err := q.parts[i], q.errs[i]
		q.parts[i] = nil
		q.joined = i + 1
		slot := keep.slots[1+i] // under the lock: the back matter's chapters grow the slots
		start, room := len(t.vlist), 0
		if c != nil && start+len(c.vlist) > cap(t.vlist) {
			room = q.foretell(i, start+len(c.vlist), len(c.vlist))
		}
		q.cond.Broadcast()
		q.mu.Unlock()
		if err != nil {
			return err
		}
		if room > 0 {
			// Not slices.Grow, which grows a long list by a quarter at least.
			t.vlist = append(make([]vitem, 0, room), t.vlist...)
		}
		t.join(c, missing, &used)
		switch {
		case stream:
			slot.paragraphs, slot.measures = map[parKey]setParagraphResult{}, map[parKey]looseMeasure{}
		case t.s.Reuse != nil:
			// A rebuild's only: a cold build's passes are few, and their lists kept live
			// between them showed as page faults, not fewer.
			slot.giveList(c.vlist)
		}
		t.lists.give(c.vlist) // a cold pass's: for the chapters set after this one
		if !stream && !paginateAsJoined {
			continue
		}
		if err := joined(start); err != nil {
			return err
		}
	}
}

// foretell is how long the book's list will be, with need items once chapter i, of last
// items, is joined (under q.mu). A first pass knows no chapter's length: the list is grown
// to the chapters set so far and, for each of the rest and one more, what those joined
// foretell — in the back matter, as long as the last (an index's chapters are long) —, not
// doubled again and again (25 MB of a 100× build's allocation before).
func (q *chapterQueue) foretell(i, need, last int) int {
	n := need + need/(i+1) // one more
	for j := i + 1; j < len(q.chapters); j++ {
		switch p := q.parts[j]; {
		case p != nil:
			n += len(p.vlist)
		case i >= q.body:
			n += last
		default:
			n += need / (i + 1)
		}
	}
	return n + n/16 // a foretelling a little short would grow the list by a quarter
}

// paginateAsJoined lets a pass that is not streamed cut its pages as the chapters are
// joined; the tests turn it off, to compare with pages cut once every chapter is set.
var paginateAsJoined = true

// setChapter sets one chapter on a typesetter of its own.
func (t *typesetter) setChapter(ch *doc.Chapter, slot *chapterSlot, ps *setters) (part *typesetter, err error) {
	// A bug must not take the process down from a goroutine no caller can recover in:
	// report it as this chapter's error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("layout: chapter %q: internal error: %v", ch.Title, r)
		}
	}()
	if slot.items == 0 {
		slot.items = firstItems(ch)
	}
	if slot.sources == 0 && len(slot.paragraphs) == 0 {
		// A first pass: nothing to size the maps by but the chapter.
		slot.sources = firstParagraphs(ch)
		slot.paragraphs = make(map[parKey]setParagraphResult, slot.sources)
	}
	c := t.fork(slot, ps)
	c.generating = ch.Generated
	if ch.Generated {
		// Generated text is made anew in each pass, and its lines point into it: what this
		// pass does not set again would keep the last pass's back matter alive.
		// The new map is made as large as the last pass's (or the last build's, which the
		// empty slot of a rebuild's first pass is sized by): grown from nothing, it was a
		// sixth of what a rebuild's layout allocated.
		if len(slot.paragraphs) > 0 {
			c.lastPass, slot.paragraphs = slot.paragraphs, make(map[parKey]setParagraphResult, len(slot.paragraphs))
		}
		c.cache = slot.paragraphs
	}
	c.sources = slot.takeSources()
	c.chapter(ch)
	c.lastPass = nil // what this pass did not set again goes now, not once joined
	part = t.rescueEnd(c, ch, slot)
	slot.items, slot.sources = len(part.vlist), len(c.sources)
	clear(c.sources) // read by rescueEnd only: kept, empty, for the next pass
	slot.sourceMap, c.sources = c.sources, nil
	return part, nil
}

// takeSources is an empty map for the paragraphs' sources: the last pass's or build's.
func (slot *chapterSlot) takeSources() map[doc.Block]parSource {
	m := slot.sourceMap
	slot.sourceMap = nil
	if m == nil {
		return make(map[doc.Block]parSource, slot.sources)
	}
	clear(m)
	return m
}

// chapterQueue hands out the chapters of a pass to the goroutines setting them: the back
// matter's as soon as it is made, else the text's in order.
type chapterQueue struct {
	mu       sync.Mutex
	cond     *sync.Cond     // on mu: a chapter set, joined, or the back matter made
	chapters []*doc.Chapter // the text's, then the back matter's once made
	body     int            // how many are the text's
	taken    int            // of the text's, handed out
	takenGen int            // of the back matter's, handed out
	keep     *kept          // whose slots grow with the chapters
	made     chan struct{}  // closed once the back matter is made (or there is none)
	err      error
	// parts and errs are what setting each chapter gave.
	parts []*typesetter
	errs  []error
	// window, if not 0, is how many of the text's chapters may be handed out past the last
	// joined (joined of them); stop ends the handing out.
	window, joined int
	stop           bool
	// order, if set, is the order the text's chapters are handed out in (longestLast).
	order []int
}

// longestLast orders a cold build's chapters for handing out: in book order, but the last
// tail of them the longest first (by their last pass's lists, else by their blocks: walking
// their text, as firstItems does, took 10 ms at 100x), so that the last set are short. In
// book order the default book's longest chapters came last, and one was set alone while the
// other setter waited for the back matter. A pass that is not streamed joins each chapter once
// it and those before it are set: only the tail's joins, and the pages cut at them, wait.
func longestLast(chapters []*doc.Chapter, keep *kept, tail int) []int {
	order, weight := make([]int, len(chapters)), make([]int, len(chapters))
	for i, ch := range chapters {
		order[i] = i
		if weight[i] = keep.slots[1+i].items; weight[i] == 0 {
			weight[i] = len(ch.Blocks)
		}
	}
	from := max(0, len(order)-tail)
	slices.SortStableFunc(order[from:], func(a, b int) int { return weight[b] - weight[a] })
	return order
}

// generate makes the back matter and adds its chapters to the queue.
func (q *chapterQueue) generate(gen func() []*doc.Chapter) {
	defer close(q.made)
	var generated []*doc.Chapter
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("layout: back matter: internal error: %v", r)
			}
		}()
		generated = gen()
	}()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.chapters = append(q.chapters[:q.body:q.body], generated...)
	for len(q.parts) < len(q.chapters) {
		q.parts, q.errs = append(q.parts, nil), append(q.errs, nil)
	}
	q.err = err
	q.grow()
	q.cond.Broadcast()
}

// isMade reports whether the back matter is made.
func (q *chapterQueue) isMade() bool {
	select {
	case <-q.made:
		return true
	default:
		return false
	}
}

// grow gives every chapter a slot for its paragraphs, kept across passes.
func (q *chapterQueue) grow() {
	for len(q.keep.slots) < 1+len(q.chapters) {
		q.keep.slots = append(q.keep.slots, q.keep.newSlot(len(q.keep.slots)))
	}
}

// next hands out a chapter, its index among all and its slot; nil once all are taken.
func (q *chapterQueue) next() (int, *doc.Chapter, *chapterSlot) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		i := -1
		switch {
		case q.stop:
			return -1, nil, nil
		case q.body+q.takenGen < len(q.chapters):
			i = q.body + q.takenGen
			q.takenGen++
		case q.taken < q.body && (q.window == 0 || q.taken < q.joined+q.window):
			i = q.taken
			if q.order != nil {
				i = q.order[q.taken]
			}
			q.taken++
		case q.taken < q.body:
			q.cond.Wait() // the window is full: wait for a chapter to be joined
			continue
		case q.isMade():
			return -1, nil, nil
		default:
			// Nothing else to do: wait for the back matter.
			q.mu.Unlock()
			<-q.made
			q.mu.Lock()
			continue
		}
		return i, q.chapters[i], q.keep.slots[1+i]
	}
}
