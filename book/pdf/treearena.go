package pdf

import "bindery/book/doc"

// The memory the structure tree is cut from (tags.go): chunks of elements and kids handed
// out in order, an element's id naming its place in them, kept by a Paintings from one
// Write to the next.

// treeArena is the memory a Write's tree is cut from: its chunks of elements and kids, and
// its pages' MCID elements and links' annotations, its annotations, and the model's keys
// (index, slots). A rebuild makes as many again (a tenth of what a 10× rebuild allocated was the tree's), so a
// Paintings keeps them from one Write to the next; a chunk is cleared when it is handed out
// again.
type treeArena struct {
	elems        [][]elem
	kids         [][]kid
	mcids        []int32
	linkAnnots   []int
	annots       annotList
	index        map[any]int32 // cleared, keeping its room
	slots        []slot
	nElem, nKids int // chunks handed out in this Write
}

// elemChunkSize is how many elements a chunk holds: an element's id is its chunk's index
// times this, plus its place in the chunk.
const elemChunkSize = 256

func (a *treeArena) elemChunk() []elem { return nextChunk(&a.elems, &a.nElem, elemChunkSize) }

func (a *treeArena) kidChunk() []kid { return nextChunk(&a.kids, &a.nKids, 512) }

// nextChunk hands out the next of chunks, cleared, or a new one of size when all are out.
func nextChunk[T any](chunks *[][]T, out *int, size int) []T {
	if *out == len(*chunks) {
		*chunks = append(*chunks, make([]T, size))
	} else {
		clear((*chunks)[*out])
	}
	*out++
	return (*chunks)[*out-1]
}

// keep gives the tree's memory to the Paintings for the next Write, once nothing reads the
// tree any more (it is written). The chunks past what this Write used go: a book that
// shrank does not hold its longest tree's memory.
func (s *structure) keep() {
	if s.kept == nil {
		return
	}
	a := s.arena
	clear(a.elems[a.nElem:])
	clear(a.kids[a.nKids:])
	a.elems, a.kids = a.elems[:a.nElem], a.kids[:a.nKids]
	a.nElem, a.nKids = 0, 0
	s.annots.reset()
	clear(s.index) // nothing of this build's model stays alive through the arena
	clear(s.slots)
	a.mcids, a.annots, a.index, a.slots = s.mcids[:0], s.annots, s.index, s.slots[:0]
	a.linkAnnots = s.linkAnnots[:0]
	// This Write's MCIDs and link numbers were cut from chunks; the next gets room for
	// them all in one, so that a rebuild cuts none.
	mcids, links := 0, 0
	for i := range s.pages {
		mcids, links = mcids+len(s.pages[i].mcids), links+len(s.pages[i].annots)
	}
	if cap(a.mcids) < mcids {
		a.mcids = make([]int32, 0, mcids)
	}
	if cap(a.linkAnnots) < links {
		a.linkAnnots = make([]int, 0, links)
	}
	s.kept.arena, s.arena, s.mcids, s.linkAnnots = a, nil, nil, nil
}

// kidsFromChunk is the most kids an element gets room for from the chunk; more, and append
// grows them.
const kidsFromChunk = 32

// annotList is the book's link annotations, by number, in chunks: grown by append, a long
// book's hundred thousand were copied over four times (a fifth of a 100× Write's allocation).
type annotList struct {
	chunks [][]annotation
	n      int
}

// annotChunk is how many annotations a chunk holds.
const annotChunk = 1024

// add appends a and returns its number.
func (l *annotList) add(a annotation) int {
	if l.n == len(l.chunks)*annotChunk {
		l.chunks = append(l.chunks, make([]annotation, annotChunk))
	}
	l.chunks[l.n/annotChunk][l.n%annotChunk] = a
	l.n++
	return l.n - 1
}

// at is annotation a.
func (l *annotList) at(a int) *annotation { return &l.chunks[a/annotChunk][a%annotChunk] }

func (l *annotList) len() int { return l.n }

// reset empties the list, keeping its chunks (cleared: nothing of a build stays alive).
func (l *annotList) reset() {
	for _, c := range l.chunks[:(l.n+annotChunk-1)/annotChunk] {
		clear(c)
	}
	l.n = 0
}

// roomFor is buf, or a new chunk when buf has no room for n more: slices handed out of it
// stay where they are, where append would copy them all. The chunks double from 256 up
// to limit (a short book's stay small).
func roomFor[T any](buf []T, n, limit int) []T {
	if cap(buf)-len(buf) >= n {
		return buf
	}
	return make([]T, 0, max(n, min(max(2*cap(buf), 256), limit)))
}

// modelKeys is how many keys model places for chapters (blocks counts them as it goes):
// the index and slots are sized once, where a long book's grew from nothing.
func modelKeys(chapters []*doc.Chapter) int {
	n := 0
	for _, ch := range chapters {
		n += 1 + blockKeys(ch.Blocks) + len(ch.Footnotes)
		for _, fn := range ch.Footnotes {
			n += blockKeys(fn.Blocks)
		}
	}
	return n
}

func blockKeys(bs []doc.Block) int {
	n := len(bs)
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.BlockQuote:
			n += blockKeys(b.Blocks)
		case *doc.List:
			for _, it := range b.Items {
				n += 3 + blockKeys(it.Blocks)
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				n += 3
				for _, def := range it.Definitions {
					n += blockKeys(def)
				}
			}
		case *doc.Table:
			n += 1 + len(b.Header)
			for _, r := range b.Rows {
				n += 1 + len(r)
			}
		case *doc.Figure:
			n += 1 + blockKeys(b.Blocks)
		}
	}
	return n
}
