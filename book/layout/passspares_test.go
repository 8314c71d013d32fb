package layout

import (
	"testing"

	"bindery/book/doc"
)

// TestStreamSparesKeepLongerPlans: a streamed pass's spares, full of a page's plans, give a
// longer plan tried and dropped (a page in columns) the place of a shorter one, and hand it
// out to a page that asks for as much although it is not the last kept.
func TestStreamSparesKeepLongerPlans(t *testing.T) {
	sp := &spareRuns{most: streamSpares}
	for range streamSpares {
		sp.keepPlanLines(make([]placed, 1, 40))
	}
	long := make([]placed, 1, 80)
	sp.keepPlanLines(long)
	if len(sp.plans) != streamSpares {
		t.Fatalf("%d plans kept, want %d", len(sp.plans), streamSpares)
	}
	sp.keepPlanLines(make([]placed, 1, 40)) // full: takes nobody's place
	if pl := sp.planLines(80); cap(pl) != 80 || &pl[:1][0] != &long[0] {
		t.Fatalf("a page in columns got cap %d, not the longer plan kept", cap(pl))
	}
	if pl := sp.planLines(40); cap(pl) != 40 {
		t.Fatalf("a page got cap %d", cap(pl))
	}
}

// TestListPoolTakesTheSmallestFit: a cold pass's chapter lists, given back once joined, are
// emptied and cleared, and a chapter takes the smallest with room for its items.
func TestListPoolTakesTheSmallestFit(t *testing.T) {
	var nilPool *listPool
	if l := nilPool.take(1); l != nil {
		t.Fatal("no pool gave a list")
	}
	nilPool.give(make([]vitem, 1))
	p := &listPool{}
	line := &lineBox{}
	for _, c := range []int{10, 50, 30} {
		l := make([]vitem, 1, c)
		l[0].line = line
		p.give(l)
	}
	l := p.take(20)
	if cap(l) != 30 || len(l) != 0 {
		t.Fatalf("took len %d cap %d, want the list of 30, emptied", len(l), cap(l))
	}
	if l[:1][0].line != nil {
		t.Fatal("a list given back still holds its chapter's lines")
	}
	if l := p.take(60); l != nil {
		t.Fatalf("took cap %d for 60 items", cap(l))
	}
	if l := p.take(50); cap(l) != 50 {
		t.Fatalf("took cap %d, want 50", cap(l))
	}
	for range listsKept + 3 {
		p.give(make([]vitem, 0, 1))
	}
	if len(p.free) != listsKept {
		t.Fatalf("%d lists kept, want %d", len(p.free), listsKept)
	}
}

// TestForetellCountsChaptersSet: the book's list of a first pass is grown to the chapters
// already set ahead of the one joined, and, in the back matter, to as long as the last
// joined for each not yet set.
func TestForetellCountsChaptersSet(t *testing.T) {
	q := &chapterQueue{chapters: make([]*doc.Chapter, 6), body: 3, parts: make([]*typesetter, 6)}
	q.parts[2] = &typesetter{vlist: make([]vitem, 70)}
	// Chapter 0 joined (100 items): chapter 2 set (70), 1, 3, 4, 5 and one more foretold.
	if got, want := q.foretell(0, 100, 100), 100+70+5*100; got != want+want/16 {
		t.Fatalf("body: foretold %d, want %d", got, want+want/16)
	}
	// Chapter 3, the back matter's first, joined with 400 items (1,000 in all): 4 not set
	// (as long as 3), 5 set (20).
	q.parts[2], q.parts[5] = nil, &typesetter{vlist: make([]vitem, 20)}
	if got, want := q.foretell(3, 1000, 400), 1000+1000/4+400+20; got != want+want/16 {
		t.Fatalf("back matter: foretold %d, want %d", got, want+want/16)
	}
}
