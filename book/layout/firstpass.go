package layout

import (
	"strconv"
	"sync"

	"bindery/book/doc"
)

// A cold build's first pass knows no page yet. Its text is set and cut into pages first;
// the back matter, whose page references point into the text, is then made from the labels
// of those pages, and set after it in the same pass. The second pass, given every label,
// the back matter's chapters' own starts among them, is usually the last, where a first
// pass without the back matter left those starts to a second and the book to a third.

// firstBackMatter makes a first pass's back matter once the pass's text is paginated.
type firstBackMatter struct {
	once  sync.Once
	ready chan struct{} // closed once labels is given
	// labels are the text's page labels in this pass; nil when the back matter is left to
	// the next pass (see cut).
	labels *labelSet
	// cut paginates the text, all its chapters joined, and gives its labels.
	cut func() (*labelSet, error)
	// asked are the IDs whose labels the back matter asked for, under mu (it is made on
	// several goroutines).
	mu    sync.Mutex
	asked usedLabels
}

// give hands labels to the back matter's maker, once; nil makes none. Called on the
// goroutine that joins the chapters, as cut is.
func (f *firstBackMatter) give(labels *labelSet) {
	f.once.Do(func() {
		f.labels = labels
		// cut holds the pass's typesetter and pages: the second pass keeps f (kept.backMatter).
		f.cut = nil
		close(f.ready)
	})
}

// generate is the pass's Generate: it waits for the text's labels.
func (f *firstBackMatter) generate(b *doc.Book, s *Settings) []*doc.Chapter {
	<-f.ready
	if f.labels == nil {
		return nil
	}
	return s.Generate(b.Apparatus, f, b.Meta.Language)
}

// Label gives the back matter the label of id among the text's, and records it asked.
func (f *firstBackMatter) Label(id string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked.add(f.labels, id)
	return f.labels.get(id)
}

// isLast reports whether the first pass, which made the back matter (f), is the last: its
// text printed no page reference, the back matter was made (no note ran on past the text),
// and every label the back matter printed is the one the pass found. A second pass would
// then set the same book.
func (f *firstBackMatter) isLast(t *typesetter, d *Document, found *labelSet) bool {
	if f == nil || f.labels == nil || len(d.Generated) == 0 || !firstCanBeLast {
		return false
	}
	if t.references || len(t.used.numbers) > 0 || len(t.used.names) > 0 {
		return false
	}
	if !settled(f.labels, found, &f.asked) {
		return false
	}
	d.used.join(&f.asked) // the labels it printed, recorded as a later pass records them
	return true
}

// firstCanBeLast lets a first pass be the last (isLast); the tests turn it off to compare.
var firstCanBeLast = true

// madeBackMatter is the back matter a first pass made, kept for the second.
type madeBackMatter struct {
	chapters []*doc.Chapter
	from     *firstBackMatter
}

// takeBackMatter gives the back matter the first pass made if the labels it was made from
// are those the pass gave (labels) for every ID it asked: made again, it would be the same.
// Only the pass after the first may take it.
func (k *kept) takeBackMatter(labels *labelSet) *madeBackMatter {
	m := k.backMatter
	k.backMatter = nil
	if m == nil || !settled(m.from.labels, labels, &m.from.asked) {
		return nil
	}
	return m
}

// textLabels cuts the pages of the text, every chapter of which is joined, and gives the
// labels its anchors land on: those a pass ending there would find. Notes still running
// at the text's end would go on the back matter's first page: then it gives nil.
func (t *typesetter) textLabels(pg *paginator) (*labelSet, error) {
	if err := t.paginateTo(pg, len(t.vlist), false); err != nil {
		return nil, err
	}
	if len(pg.carry) > 0 {
		return nil, nil
	}
	for _, p := range pg.pages {
		p.Label = strconv.Itoa(p.Number) // a body page's, as the pass's end numbers it
	}
	return labelsOf(t, pg.pages), nil
}
