package layout

import (
	"slices"

	"bindery/book/doc"
)

// A chapter whose last page would carry a line or two looks unfinished, and wastes a page.
// A compositor rescues it as TeX users do with \looseness: a few of the chapter's
// paragraphs are set one line shorter (or, failing that, one line longer), chosen where
// that costs their spacing least, until the last page goes or holds enough lines.

// minEndLines is the fewest lines a chapter's last page should carry.
const minEndLines = 5

// rescueTries bounds how many more paragraphs than the lines needed a rescue may change.
const rescueTries = 4

// parSource is how a paragraph was set: its inlines and spec, so that it can be set again
// tighter or looser.
type parSource struct {
	ins  []doc.Inline
	spec textSpec
}

// looseOption is a paragraph that can be set with looseness d, at a cost in spacing.
type looseOption struct {
	block doc.Block
	order int // its place in the chapter
	cost  int
}

// rescueEnd returns the typesetter of chapter ch, set by c, or one that sets it with a
// better last page: no fewer than minEndLines lines, unless the chapter is shorter than a
// page. It tries, in turn: paragraphs set a line tighter; the chapter's pages run a line
// long (Bringhurst's remedy for facing pages: a line long or short, never extra space),
// with paragraphs set tighter if that is not enough; paragraphs set a line looser; the
// pages run a line short, with looser paragraphs. Chapters in columns and parts are left as
// they are. The pages are built as paginateTo builds them, from the
// chapter's opening, without notes running in from the chapter before (they are rare, and
// only move the end a little).
func (t *typesetter) rescueEnd(c *typesetter, ch *doc.Chapter, slot *chapterSlot) *typesetter {
	if ch.Part || ch.Columns > 1 {
		return c
	}
	pages, last := c.chapterEnd()
	if pages < 2 || last >= minEndLines {
		return c
	}
	tighter, looser := t.looseOptions(c, slot)
	// try sets the chapter with its pages depth lines deeper and the n cheapest of opts set
	// with looseness d, for n from need on, and returns the first that ends well.
	try := func(depth int8, opts []looseOption, d, need int) *typesetter {
		need = max(need, 0)
		for n := need; n <= min(len(opts), need+rescueTries); n++ {
			loose := make(map[doc.Block]int, n)
			for _, o := range opts[:n] {
				loose[o.block] = d
			}
			r := t.fork(slot, c.setters)
			r.loose = loose
			r.generating = ch.Generated
			r.chapter(ch)
			r.vlist[0].depth = depth
			if p, l := r.chapterEnd(); l >= minEndLines && (p == pages || p == pages-1) {
				return r
			}
		}
		return nil
	}
	shorter, fuller := last, minEndLines-last // lines to take off the last page, or to add
	spare := pages - 1                        // lines a page deeper or shallower moves
	for _, r := range []func() *typesetter{
		func() *typesetter { return try(0, tighter, -1, shorter) },
		func() *typesetter { return try(1, tighter, -1, shorter-spare) },
		func() *typesetter { return try(0, looser, 1, fuller) },
		func() *typesetter { return try(-1, looser, 1, fuller-spare) },
		// Last, a chapter of two pages whose second would hold a line or two: its opening
		// page runs those lines long (LaTeX's \enlargethispage), into the canon's deep bottom
		// margin, rather than leave a page all but empty.
		func() *typesetter {
			if pages != 2 || shorter > 2 {
				return nil
			}
			return try(int8(shorter), nil, -1, 0)
		},
	} {
		if r := r(); r != nil {
			return r
		}
	}
	return c
}

// chapterEnd builds the pages of the chapter in t's own vertical list as paginateTo would,
// and returns how many there are and how many lines (text and notes) the last one carries.
func (t *typesetter) chapterEnd() (pages, lines int) {
	cc, cols := t.columnChapter, t.columns
	t.columnChapter, t.columns = nil, 1
	defer func() { t.columnChapter, t.columns = cc, cols }()
	var carry []vitem
	t.depth = Length(t.vlist[0].depth) * t.s.Leading
	i, sink := 1, t.openingSink()
	// Each page's plan is counted and let go: they are planned in one buffer.
	if t.setters == nil {
		t.setters = &setters{}
	}
	t.counting = true
	defer func() { t.counting = false }()
	for i < len(t.vlist) && pages < t.s.MaxPages {
		plan := t.buildPage(i, carry, sink)
		t.setters.plan = plan.lines
		pages++
		lines = len(plan.lines) + len(plan.notes)
		if plan.end == i && len(plan.carry) >= len(carry) {
			break // no progress: paginateTo reports it
		}
		i, carry, sink = plan.end, plan.carry, 0
	}
	return pages, lines
}

// looseOptions are the chapter's justified paragraphs that set one line shorter (tighter)
// or one line longer (looser) within the tolerance, cheapest first: by the badness the
// change adds to their lines, a hyphen counted as a badness of 100.
func (t *typesetter) looseOptions(c *typesetter, slot *chapterSlot) (tighter, looser []looseOption) {
	lines := map[doc.Block][]*lineBox{}
	var order []doc.Block
	for _, it := range c.vlist {
		lb := it.line
		if lb == nil || lb.block == nil {
			continue
		}
		switch lb.Metrics.Kind() {
		case LineParagraph, LineQuote, LineList:
		default:
			continue
		}
		if _, seen := lines[lb.block]; !seen {
			order = append(order, lb.block)
		}
		lines[lb.block] = append(lines[lb.block], lb)
	}
	e := t.fork(slot, c.setters)
	e.generating = c.generating
	for k, b := range order {
		src, ok := c.sources[b]
		if !ok || src.spec.Ragged || src.spec.Centered || src.spec.looseness != 0 || len(lines[b]) < 2 {
			continue
		}
		old := spacingCost(lines[b])
		for _, d := range []int{-1, 1} {
			spec := src.spec
			spec.looseness = int8(d)
			m := e.measureLoose(src.ins, spec, slot)
			if m.lines != len(lines[b])+d || !m.clean {
				continue
			}
			o := looseOption{block: b, order: k, cost: m.cost - old}
			if d < 0 {
				tighter = append(tighter, o)
			} else {
				looser = append(looser, o)
			}
		}
	}
	byCost := func(a, b looseOption) int {
		if a.cost != b.cost {
			return a.cost - b.cost
		}
		return b.order - a.order // nearer the end first: it moves fewer page breaks
	}
	slices.SortStableFunc(tighter, byCost)
	slices.SortStableFunc(looser, byCost)
	return tighter, looser
}

// looseMeasure is what looseOptions needs of a paragraph set tighter or looser.
type looseMeasure struct {
	lines, cost int
	clean       bool
}

// measureLoose sets a paragraph as setParagraph would and keeps only its measure, in the
// chapter's slot for the passes after: a rescue sets every paragraph of a chapter both
// ways to choose a few, and keeping all those lines held a long book's text three times.
// The few chosen are set again when the chapter is (rescueEnd's try).
func (t *typesetter) measureLoose(ins []doc.Inline, spec textSpec, slot *chapterSlot) looseMeasure {
	if len(ins) == 0 {
		return looseMeasure{}
	}
	key := textKey(ins, spec)
	if t.generating {
		key.content, key.first = t.contentKey(ins)
		key.spec.block = nil
	}
	if m, ok := slot.measures[key]; ok {
		return m
	}
	// The cache of the build before (watch) serves, and is filled, as setParagraph does.
	cache, refs := t.cache, t.references
	t.cache, t.references = nil, false
	lines := t.setParagraph(ins, spec)
	m := looseMeasure{lines: len(lines), cost: spacingCost(lines), clean: clean(lines)}
	if !t.references { // a page reference sets it anew in each pass, as setParagraph does
		slot.measures[key] = m
	}
	t.cache, t.references = cache, refs || t.references
	return m
}

// spacingCost is the badness of a paragraph's lines, a hyphenated line counted 100 more.
func spacingCost(lines []*lineBox) int {
	n := 0
	for _, lb := range lines {
		n += lb.Metrics.Badness
		if lb.Metrics.Hyphenated {
			n += 100
		}
	}
	return n
}

// clean reports whether no line sticks out or is looser than the tolerance.
func clean(lines []*lineBox) bool {
	for _, lb := range lines {
		if lb.Metrics.Overfull > 0 || lb.Metrics.Underfull {
			return false
		}
	}
	return true
}
