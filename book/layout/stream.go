package layout

import (
	"slices"
	"strconv"

	"bindery/book/diag"
	"bindery/book/doc"
)

// A PageSink takes the pages of a streamed pass (typesetOnce) in order, front matter first,
// each as soon as it is drawn: a writer can paint a page and let its content go while the
// pass sets the chapters after it. Which pass is the last is known only at its end: a
// streamed pass is usually the last, and when it is not, End says so and its pages are void
// (the next pass is streamed again, from Begin).
type PageSink interface {
	// Begin starts a streamed pass: d holds the settings and the chapters (Chapters, the
	// back matter's included), no page yet; anchors, sorted, are the IDs that will have a
	// place in the map if the pass is the last.
	Begin(d *Document, anchors []string)
	// Page takes the next page, drawn, numbered and labelled.
	Page(p *Page)
	// End ends the pass: last is set when it was the last, and d is then the document,
	// its map and outline made; else its pages are void.
	End(d *Document, last bool)
}

// streamedPass is a streamed pass's pages on their way: the front matter is made as soon
// as the back matter is (the contents list its chapters), with the page numbers the labels
// the pass was given say (the pass is the last only if they are the numbers it finds:
// contents records them as used); body pages are handed on after it.
type streamedPass struct {
	t         *typesetter
	sink      PageSink // may be nil: the pages are only drawn as they go
	pg        paginator
	chapters  []*doc.Chapter // the text's
	front     []*Page        // nil until made
	sent      int            // body pages handed on
	generated []*doc.Chapter
	made      chan struct{} // closed once the back matter is made; nil: there is none
	// frontWarnings are the front matter's, reported after the page builder's as when the
	// front matter is made after the body.
	frontWarnings diag.List
}

// joined cuts and draws the pages before vertical-list item start (a chapter just joined)
// and hands them on.
func (sp *streamedPass) joined(start int) error {
	if err := sp.t.paginateTo(&sp.pg, start, false); err != nil {
		return err
	}
	sp.drawAndSend(false)
	return nil
}

// drawStep is how many pages a streamed pass draws before handing them on.
const drawStep = 8

// drawAndSend draws the pages cut and not drawn yet, and hands them on, drawStep at a time:
// the back matter is cut whole at the pass's end (a thousand pages at 100×), and drawn at
// once its pages' runs were alive together until painted (40 MB at 100×); handed on a few
// at a time, the layout waits for the painter instead.
func (sp *streamedPass) drawAndSend(final bool) {
	// Nothing is handed on before the front matter, made once the back matter is: pages
	// drawn meanwhile only waited, their runs unpacked (at 100× the back matter took most
	// of the pass to make, and 54 MB of the body's pages waited for it). Cut, not drawn,
	// their lines stay as set (packed).
	if !final && sp.front == nil && sp.made != nil && !isClosed(sp.made) {
		return
	}
	for {
		sp.t.drawBody(&sp.pg, drawStep)
		sp.send(final)
		if sp.pg.drawn == len(sp.pg.pages) {
			return
		}
	}
}

// send hands on the pages drawn, once the front matter can be made; final makes it.
func (sp *streamedPass) send(final bool) {
	if sp.front == nil {
		if !final && sp.made != nil && !isClosed(sp.made) {
			return
		}
		sp.makeFront()
	}
	for ; sp.sent < sp.pg.drawn; sp.sent++ {
		p := sp.pg.pages[sp.sent]
		p.Index = len(sp.front) + sp.sent
		if sp.sink != nil {
			sp.sink.Page(p)
		}
	}
}

// makeFront makes the front matter from the labels the pass was given, draws it and hands
// it on, after Begin.
func (sp *streamedPass) makeFront() {
	t := sp.t
	chapters := append(slices.Clip(sp.chapters), sp.generated...)
	pageOf := map[string]int{}
	for _, ch := range chapters {
		for _, h := range sections(ch) {
			if h.Level <= 2 && h.Role == "" { // those the contents lists
				pageOf[h.ID], _ = strconv.Atoi(t.Label(h.ID)) // 0, as chapterPages gives, if on no page
			}
		}
	}
	warnings := t.warnings
	t.warnings = nil
	sp.front = t.frontMatter(pageOf, chapters)
	sp.frontWarnings, t.warnings = t.warnings, warnings
	for i, p := range sp.front {
		p.Index, p.Recto, p.Label = i, i%2 == 0, roman(p.Number)
	}
	t.drawPages(sp.front)
	if sp.sink == nil {
		return
	}
	// Room for every ID the pass knows, not grown by append: 190 k of them at 100×.
	anchors := make([]string, 0, len(t.labels.index.ids))
	for id, n := range t.labels.index.ids {
		if t.labels.at(n) != "" {
			anchors = append(anchors, id)
		}
	}
	slices.Sort(anchors)
	sp.sink.Begin(&Document{Settings: *t.s, chapters: chapters, spare: t.spare}, anchors)
	for _, p := range sp.front {
		sp.sink.Page(p)
	}
}

// isClosed reports whether c is closed.
func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
