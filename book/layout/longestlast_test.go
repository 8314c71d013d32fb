package layout

import (
	"slices"
	"sync"
	"testing"

	"bindery/book/doc"
)

// TestColdPassHandsOutLongestLast: a cold build's pass that is not streamed hands its
// chapters out in book order but its tail the longest first (by blocks, ties in book order),
// so that the last set are short; the back matter's, once made, still come before the
// text's left.
func TestColdPassHandsOutLongestLast(t *testing.T) {
	var chapters []*doc.Chapter
	for _, n := range []int{9, 1, 5, 3, 5, 2} {
		chapters = append(chapters, &doc.Chapter{Blocks: make([]doc.Block, n)})
	}
	keep := &kept{}
	keep.slots = append(keep.slots, keep.newSlot(0))
	q := &chapterQueue{chapters: chapters, body: len(chapters), keep: keep, made: make(chan struct{})}
	q.cond = sync.NewCond(&q.mu)
	q.grow()
	q.order = longestLast(chapters, keep, 5)
	var got []int
	for range 2 {
		i, _, _ := q.next()
		got = append(got, i)
	}
	// The back matter made: its chapter is handed out next.
	q.chapters = append(q.chapters, &doc.Chapter{Generated: true})
	q.grow()
	close(q.made)
	for {
		i, ch, _ := q.next()
		if ch == nil {
			break
		}
		got = append(got, i)
	}
	if want := []int{0, 2, 6, 4, 3, 5, 1}; !slices.Equal(got, want) {
		t.Errorf("handed out %v, want %v", got, want)
	}
	// A pass whose slots know their lists' lengths goes by them.
	for i, n := range []int{60, 10, 40, 20, 30, 50} {
		keep.slots[1+i].items = n
	}
	if got, want := longestLast(chapters, keep, 5), []int{0, 5, 2, 4, 3, 1}; !slices.Equal(got, want) {
		t.Errorf("by the lists' lengths: %v, want %v", got, want)
	}
	if got, want := longestLast(chapters, keep, 9), []int{0, 5, 2, 4, 3, 1}; !slices.Equal(got, want) {
		t.Errorf("a tail longer than the book: %v, want %v", got, want)
	}
}
