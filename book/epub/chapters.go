package epub

import (
	"cmp"
	"slices"

	"bindery/book/doc"
	"bindery/book/parallel"
)

// writeChapters makes the chapters' entries, in reading order. A chapter nothing of which
// changed since the last Write (kept.go) is not written again. The others are written and
// compressed on every core, each apart (chapterView), and what writing them left behind
// (page markers, heading offsets, undescribed pictures) is merged in reading order: a
// long book's EPUB is written after its PDF, and its chapters one after another were most
// of what then ran on one core. Each chapter's XHTML is let go once compressed: a long
// book's text is held compressed, never all of it at once as XHTML.
func (w *writer) writeChapters(chs []*doc.Chapter, css []string) []manifestItem {
	ks := w.keys(chs)
	kept := make([]*keptChapter, len(chs))
	for i, ch := range chs {
		kept[i] = w.reusable(ks, i, ch)
	}
	apart := make([]*renderedChapter, len(chs))
	if parallel.Workers(len(chs)) > 1 {
		// On one core every chapter is written in order below, as the chapters apart
		// would only be merged after.
		order := w.longestFirst()
		parallel.For(len(chs), func(_, n int) {
			if i := order[n]; kept[i] == nil {
				apart[i] = w.renderApart(ks, i, chs[i], css)
			}
		})
	}
	chapters := make([]manifestItem, 0, len(chs))
	var keep []func()
	pk := w.newPacker()
	for i, ch := range chs {
		it := manifestItem{id: "c-" + ch.ID, href: chapterFile(ch), mediaType: xhtmlType, spine: true}
		if isGlossary(ch) {
			it.properties = "glossary"
		}
		if e, ok := w.replayKept(ks, i, kept[i]); ok {
			it.packed = e
		} else if k, ok := w.mergeApart(ks, i, ch, apart[i]); ok {
			it.packed = apart[i].entry
			if k != nil {
				keep = append(keep, k)
			}
		} else {
			// Written in order: on one core; or a page it marked was marked by a chapter
			// before it; or its kept entry was kept with other pages marked before it.
			data, kept := w.render(ks, i, ch, css)
			e := pk.pack(data)
			it.packed = e
			if kept != nil {
				keep = append(keep, func() { kept(e) })
			}
		}
		apart[i] = nil
		chapters = append(chapters, it)
	}
	pk.wait()
	for _, k := range keep {
		k()
	}
	return chapters
}

// longestFirst are the chapters' indices, the longest first: the last to be handed out are
// then short, and the longest (a long book's index, written last in reading order) does not
// run alone at the end.
func (w *writer) longestFirst() []int {
	order := make([]int, len(w.weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(w.weights[b], w.weights[a]) })
	return order
}

// replayKept is replay for a chapter with a kept entry (k not nil).
func (w *writer) replayKept(ks *chapterKeys, i int, k *keptChapter) (*zipEntry, bool) {
	if k == nil {
		return nil, false
	}
	return w.replay(ks, i, k)
}

// renderedChapter is a chapter written apart from the others: its entry, compressed, and the
// writer it was written with, holding what writing it left behind.
type renderedChapter struct {
	entry *zipEntry
	view  *writer
}

// chapterView is w for writing one chapter apart from the others: the book's facts (the
// files of anchors, pictures, note references, page breaks) shared and only read, what
// writing a chapter changes its own. logged asks for the chapter's log (kept.go).
func (w *writer) chapterView(logged bool) *writer {
	v := *w
	v.marked = map[string]bool{}
	v.pages = nil
	v.offsets = map[string]int{}
	v.undescribed = map[string]bool{}
	v.log = nil
	if logged {
		v.log = &chapterLog{}
	}
	return &v
}

// renderApart writes and compresses chapter i with a view of its own.
func (w *writer) renderApart(ks *chapterKeys, i int, ch *doc.Chapter, css []string) *renderedChapter {
	v := w.chapterView(ks != nil && ks.ok[i])
	data := v.chapter(i, ch, css)
	e := &zipEntry{data: data}
	e.compress(w.opt.Compressed)
	chapterBuffers.put(data)
	return &renderedChapter{entry: e, view: v}
}

// mergeApart takes into w what writing chapter i apart left behind, as writing it in order
// would have: unless a page it marked was marked by a chapter before it (where, written in
// order, it would have had no marker), which returns false. The function returned, if
// any, keeps the chapter for the next Write.
func (w *writer) mergeApart(ks *chapterKeys, i int, ch *doc.Chapter, rc *renderedChapter) (func(), bool) {
	if rc == nil {
		return nil, false
	}
	v := rc.view
	for _, p := range v.pages {
		if w.marked[p.label] {
			return nil, false
		}
	}
	c := w.opt.Compressed
	var keep func()
	if v.log != nil {
		premarked := make([]bool, len(ks.labels[i]))
		for j, label := range ks.labels[i] {
			premarked[j] = w.marked[label]
		}
		k := &keptChapter{key: ks.keys[i], premarked: premarked, facts: distinct(v.log.facts), offsets: v.log.offsets,
			undescribed: v.log.undescribed, pages: v.pages}
		keep = func() {
			k.entry = *rc.entry
			k.gen = c.gen
			c.chapters[chapterFile(ch)] = k
		}
	}
	for _, p := range v.pages {
		w.marked[p.label] = true
	}
	w.pages = append(w.pages, v.pages...)
	for id, off := range v.offsets {
		w.offsets[id] = off
	}
	for src := range v.undescribed {
		w.undescribed[src] = true
	}
	if c != nil {
		c.written++
	}
	return keep, true
}
