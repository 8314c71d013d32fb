package layout

import "testing"

// TestStreamSparesAreBoundedAndExact: a streamed pass's spares keep at most streamSpares
// arrays of runs let go, hand one out only when it is large enough, and make a new one as
// long as asked (not rounded up, as a rebuild's are).
func TestStreamSparesAreBoundedAndExact(t *testing.T) {
	sp := &spareRuns{most: streamSpares}
	d := &Document{spare: sp}
	for i := 0; i < streamSpares+5; i++ {
		d.ReleaseRuns(&Page{Runs: make([]Run, 3, runsClass+10)})
	}
	if sp.n != streamSpares {
		t.Fatalf("%d arrays kept, want %d", sp.n, streamSpares)
	}
	got := sp.newRuns(runsClass)
	if cap(got) != runsClass+10 || len(got) != 0 {
		t.Fatalf("len %d cap %d: not a kept array, emptied", len(got), cap(got))
	}
	if sp.n != streamSpares-1 {
		t.Fatalf("%d arrays kept after one taken", sp.n)
	}
	if big := sp.newRuns(3 * runsClass); cap(big) != 3*runsClass {
		t.Fatalf("a miss made cap %d, want %d", cap(big), 3*runsClass)
	}
	if odd := sp.newRuns(2*runsClass + 1); cap(odd) != 2*runsClass+1 {
		t.Fatalf("a miss made cap %d, want %d", cap(odd), 2*runsClass+1)
	}
	for i := 0; i < streamSpares+5; i++ {
		sp.keepPlanLines(make([]placed, 1, 4))
	}
	if len(sp.plans) != streamSpares {
		t.Fatalf("%d plans kept, want %d", len(sp.plans), streamSpares)
	}
	if pl := sp.planLines(100); cap(pl) != 100 {
		t.Fatalf("a plan's miss made cap %d, want 100", cap(pl))
	}
	if pl := sp.planLines(4); cap(pl) != 4 || len(pl) != 0 {
		t.Fatalf("a kept plan: len %d cap %d", len(pl), cap(pl))
	}
	// Without spares (a cold pass not streamed) nothing is kept.
	(&Document{}).ReleaseRuns(&Page{Runs: make([]Run, 0, runsClass)})
}
