package backmatter

import (
	"hash/maphash"
	"strconv"
	"sync"
	"sync/atomic"

	"bindery/book/doc"
	"bindery/book/lang"
	"bindery/book/memo"
)

// Kept keeps the index's lines from one build to the next (bindery watch and serve): a line
// is made again only when what it shows changed — its entry's term and ID, the pages its
// marks are on and which of them open a range, the entries its references name, the words
// and language it is written in. Most of an index's lines survive an edit. A kept line is
// shared by the builds that use it: nothing changes a generated chapter once it is made.
// Safe for the concurrent entries of one Index; builds sharing one must not run at the same
// time.
type Kept struct {
	lines memo.LastUsed[lineSum, *doc.Paragraph]
	made  atomic.Int64
}

// lineSum is a line's key as a 128-bit hash (maphash under two seeds made once a process):
// a Kept lives in memory only, and the map hashed and compared the written-out key, and
// made it a string to keep, for every line of the index at every build.
type lineSum [2]uint64

var lineSeeds = sync.OnceValue(func() [2]maphash.Seed { return [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()} })

func sumOf(key []byte) lineSum {
	s := lineSeeds()
	return lineSum{maphash.Bytes(s[0], key), maphash.Bytes(s[1], key)}
}

// NewKept returns an empty Kept.
func NewKept() *Kept { return &Kept{} }

// Begin starts a build (all its layout passes).
func (k *Kept) Begin() {
	k.lines.Begin()
	k.made.Store(0)
}

// End lets go of the lines the finished build did not use.
func (k *Kept) End() { k.lines.End() }

// Made is how many index lines the last build made (the others were kept).
func (k *Kept) Made() int { return int(k.made.Load()) }

// line returns the line kept under key, or makes and keeps it.
func (k *Kept) line(key []byte, build func() *doc.Paragraph) *doc.Paragraph {
	sum := sumOf(key)
	if p, ok := k.lines.Get(sum); ok {
		return p
	}
	p := build()
	k.lines.Put(sum, p)
	k.made.Add(1)
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
