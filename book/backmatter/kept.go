package backmatter

import (
	"strconv"
	"sync"

	"bindery/book/doc"
	"bindery/book/lang"
)

// Kept keeps the index's lines from one build to the next (bindery watch and serve): a line
// is made again only when what it shows changed — its entry's term and ID, the pages its
// marks are on and which of them open a range, the entries its references name, the words
// and language it is written in. Most of an index's lines survive an edit. A kept line is
// shared by the builds that use it: nothing changes a generated chapter once it is made.
// Safe for the concurrent entries of one Index; builds sharing one must not run at the same
// time.
type Kept struct {
	mu    sync.Mutex
	lines map[string]*keptLine
	gen   int // the build running, counted from 1
	made  int
}

type keptLine struct {
	p   *doc.Paragraph
	gen int
}

// NewKept returns an empty Kept.
func NewKept() *Kept { return &Kept{lines: map[string]*keptLine{}} }

// Begin starts a build (all its layout passes).
func (k *Kept) Begin() {
	k.mu.Lock()
	k.gen++
	k.made = 0
	k.mu.Unlock()
}

// End lets go of the lines the finished build did not use.
func (k *Kept) End() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for key, l := range k.lines {
		if l.gen != k.gen {
			delete(k.lines, key)
		}
	}
}

// Made is how many index lines the last build made (the others were kept).
func (k *Kept) Made() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.made
}

// line returns the line kept under key, or makes and keeps it.
func (k *Kept) line(key []byte, build func() *doc.Paragraph) *doc.Paragraph {
	k.mu.Lock()
	l, ok := k.lines[string(key)]
	if ok {
		l.gen = k.gen
	}
	k.mu.Unlock()
	if ok {
		return l.p
	}
	p := build()
	k.mu.Lock()
	k.lines[string(key)] = &keptLine{p: p, gen: k.gen}
	k.made++
	k.mu.Unlock()
	return p
}

// lineKey writes out everything indexLine reads, after buf: TestLineKeyCoversTheLine
// changes each and sees the key change.
func lineKey(buf []byte, e *doc.IndexEntry, pages Pages, byTerm map[string]*doc.IndexEntry, labels lang.Labels, unpaged bool) []byte {
	str := func(s string) {
		buf = strconv.AppendInt(buf, int64(len(s)), 10)
		buf = append(buf, ':')
		buf = append(buf, s...)
	}
	str(labels.Lang())
	str(labels.Get(lang.See))
	str(labels.Get(lang.SeeAlso))
	if unpaged {
		buf = append(buf, 'u')
	}
	str(e.ID)
	str(e.Term)
	buf = strconv.AppendInt(buf, int64(len(e.Marks)), 10)
	for _, m := range e.Marks {
		str(m.ID)
		str(pages.Label(m.ID))
		if m.Range == doc.RangeStart {
			buf = append(buf, 's')
		}
	}
	ref := func(t string) {
		str(t)
		if x, ok := byTerm[t]; ok {
			str(x.ID)
		} else {
			buf = append(buf, '-')
		}
	}
	ref(e.See)
	buf = strconv.AppendInt(buf, int64(len(e.SeeAlso)), 10)
	for _, t := range e.SeeAlso {
		ref(t)
	}
	return buf
}
