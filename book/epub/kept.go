package epub

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"bindery/book/doc"
)

// keptChapter is a chapter's entry as a Write made it, and what rendering it read from outside
// the chapter, for the next Write (a rebuild): when the chapter's key (its model, the pages
// that begin in it, the book's options), which of its pages the chapters before it marked,
// and every fact it looked up (where an anchor is, a cross-reference's text, a picture's
// file) are as they were, its entry is used again and what writing it left behind (page
// markers, heading offsets, undescribed pictures) is replayed: the bytes are the same.
type keptChapter struct {
	key         chapterSum
	premarked   []bool // for each page label of the key, whether a chapter before had marked it
	facts       []fact
	entry       zipEntry
	pages       []pageRef // the markers it wrote, in order
	offsets     []headingOffset
	undescribed []string
	gen         int
}

// headingOffset is where a heading begins in its file (writer.offsets).
type headingOffset struct {
	id     string
	offset int
}

// fact is one lookup a chapter's rendering made outside the chapter, and its answer.
type fact struct {
	kind factKind
	key  string
	val  string
}

type factKind uint8

const (
	factFile     factKind = iota // the file an anchor is in ("" and absent: val "\x00")
	factCrossRef                 // a cross-reference's text
	factImage                    // a picture's file in the EPUB ("\x00": none)
)

// chapterLog is what rendering one chapter looked up and left behind.
type chapterLog struct {
	facts       []fact
	offsets     []headingOffset
	undescribed []string
}

// fileOf is the file anchor id is in, noted for the chapter being rendered.
func (w *writer) fileOf(id string) (string, bool) {
	file, ok := w.file(id)
	if w.log != nil {
		w.log.facts = append(w.log.facts, fact{factFile, id, found(file, ok)})
	}
	return file, ok
}

// file is the file anchor id is in.
func (w *writer) file(id string) (string, bool) {
	if i, ok := w.files.get(id); ok {
		return w.fileNames[i], true
	}
	return "", false
}

// imageOf is the picture read for src, noted for the chapter being rendered.
func (w *writer) imageOf(src string) (image, bool) {
	img, ok := w.images[src]
	if w.log != nil {
		w.log.facts = append(w.log.facts, fact{factImage, src, found(img.href, ok)})
	}
	return img, ok
}

func found(s string, ok bool) string {
	if !ok {
		return "\x00"
	}
	return s
}

// distinct is facts with each asked once: a chapter asks for the same anchors again and
// again (a glossary entry at each use), and every later Write checks each fact it keeps.
// The default book at 10× asks about 21,000 times for 11,500 facts.
func distinct(facts []fact) []fact {
	slices.SortFunc(facts, func(a, b fact) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), strings.Compare(a.key, b.key), strings.Compare(a.val, b.val))
	})
	return slices.Clip(slices.Compact(facts))
}

// holds reports whether fact f has the same answer in this Write.
func (w *writer) holds(f fact) bool {
	switch f.kind {
	case factFile:
		return found(w.file(f.key)) == f.val
	case factCrossRef:
		return w.crossRefText(f.key) == f.val
	case factImage:
		img, ok := w.images[f.key]
		return found(img.href, ok) == f.val
	}
	return false
}

// globalKey is what of the book's options a chapter's XHTML depends on.
func (w *writer) globalKey() chapterSum {
	var acronyms any
	if w.opt.Acronyms != nil {
		acronyms = *w.opt.Acronyms
	}
	s := fmt.Sprintf("%q|%+v|%+v|%q|%q", w.book.Meta.Language, w.labels, acronyms, w.opt.Highlight, w.stylesheets("../"))
	return sumOf([]byte(s))
}

// chapterKeys are the keys of the chapters of this Write, nil when no chapter may be
// reused: no kept chapters, or a page that begins in a block the keys do not see (every page
// break must be in some chapter's key).
type chapterKeys struct {
	keys   []chapterSum
	labels [][]string
	ok     []bool
}

func (w *writer) keys(chs []*doc.Chapter) *chapterKeys {
	c := w.opt.Compressed
	if c == nil || c.once {
		return nil
	}
	global := w.globalKey()
	ks := &chapterKeys{keys: make([]chapterSum, len(chs)), labels: make([][]string, len(chs)), ok: make([]bool, len(chs))}
	breaks := 0
	buf := c.keyBuf
	for i, ch := range chs {
		var n int
		ks.keys[i], ks.labels[i], n, buf, ks.ok[i] = w.chapterKey(ch, global, buf)
		breaks += n
	}
	c.keyBuf = buf[:0]
	if w.opt.Print != nil && breaks != len(w.opt.Print.Breaks) {
		return nil
	}
	return ks
}

// reusable is the kept chapter i when nothing it depends on changed but, perhaps, which of
// its pages the chapters before it marked (replay checks that, in reading order).
func (w *writer) reusable(ks *chapterKeys, i int, ch *doc.Chapter) *keptChapter {
	c := w.opt.Compressed
	if ks == nil || !ks.ok[i] {
		return nil
	}
	k := c.chapters[chapterFile(ch)]
	if k == nil || k.key != ks.keys[i] || len(k.premarked) != len(ks.labels[i]) {
		return nil
	}
	for _, f := range k.facts {
		if !w.holds(f) {
			return nil
		}
	}
	return k
}

// replay returns the entry of k, kept for chapter i, when the chapters before it marked the
// same of its pages as when it was kept, and replays what writing it left behind.
func (w *writer) replay(ks *chapterKeys, i int, k *keptChapter) (*zipEntry, bool) {
	for j, label := range ks.labels[i] {
		if w.marked[label] != k.premarked[j] {
			return nil, false
		}
	}
	for _, p := range k.pages {
		w.marked[p.label] = true
		w.pages = append(w.pages, p)
	}
	for _, o := range k.offsets {
		w.offsets[o.id] = o.offset
	}
	for _, src := range k.undescribed {
		w.undescribed[src] = true
	}
	c := w.opt.Compressed
	k.gen = c.gen
	c.reused++
	e := k.entry
	return &e, true
}

// render writes chapter i, noting what it looks up for the next Write.
func (w *writer) render(ks *chapterKeys, i int, ch *doc.Chapter, css []string) ([]byte, func(*zipEntry)) {
	if c := w.opt.Compressed; c != nil {
		c.written++
	}
	if ks == nil || !ks.ok[i] {
		return w.chapter(i, ch, css), nil
	}
	premarked := make([]bool, len(ks.labels[i]))
	for j, label := range ks.labels[i] {
		premarked[j] = w.marked[label]
	}
	from := len(w.pages)
	w.log = &chapterLog{}
	data := w.chapter(i, ch, css)
	log := w.log
	w.log = nil
	k := &keptChapter{key: ks.keys[i], premarked: premarked, facts: distinct(log.facts), offsets: log.offsets,
		undescribed: log.undescribed, pages: append([]pageRef(nil), w.pages[from:]...)}
	c := w.opt.Compressed
	// Kept once compressed (the packer's goroutine); read by the next Write only.
	return data, func(e *zipEntry) {
		k.entry = *e
		k.gen = c.gen
		c.chapters[chapterFile(ch)] = k
	}
}
