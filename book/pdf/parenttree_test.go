package pdf

import (
	"io"
	"testing"
)

// An edit that splits a paragraph's text on one page into more marked content (a line more,
// the same elements) changes one leaf of the parent tree: the other leaves' streams are kept
// (not compressed again), and their boundaries do not move.
func TestParentTreeEditChangesOneLeaf(t *testing.T) {
	const pages, annots = 40, 600
	tree := func(grown int) *structure {
		s := &structure{arena: &treeArena{}}
		num := int32(100)
		for i := range pages {
			var pt pageTags
			for range 5 + i%3 {
				e := s.newElem("P", nil)
				e.num = num
				pt.mcids = append(pt.mcids, e.id)
				num++
			}
			if i == grown {
				last := pt.mcids[len(pt.mcids)-1]
				pt.mcids = append(pt.mcids, last, last, last)
			}
			s.pages = append(s.pages, pt)
		}
		for range annots {
			s.annots.add(annotation{elem: &elem{num: num}})
			num++
		}
		return s
	}
	streams := NewStreams()
	write := func(s *structure) {
		streams.begin()
		f := newFile(io.Discard, nil)
		f.streams = streams
		s.writeParentTree(f, nil)
		f.flushObjects()
		f.drain() // the streams are compressed beside the file's goroutine
		streams.end()
	}
	write(tree(-1))
	// 40 pages in leaves of parentLeafPages, 600 annotations in leaves of parentLeafAnnots,
	// each leaf a stream, and the root's.
	leaves := (pages+parentLeafPages-1)/parentLeafPages + (annots+parentLeafAnnots-1)/parentLeafAnnots
	if streams.Made() != leaves+1 {
		t.Fatalf("the tree took %d streams; want %d leaves and the root", streams.Made(), leaves)
	}
	write(tree(20))
	if streams.Made() != 1 {
		t.Errorf("after page 20 gained marked content %d streams were compressed; want its leaf's", streams.Made())
	}
}
