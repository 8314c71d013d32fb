package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitLeavesRoomForAThirdOfTheLiveHeap(t *testing.T) {
	for _, c := range []struct{ live, want int64 }{
		{0, memoryFloor},
		{100 << 20, memoryFloor},
		{memoryFloor / 2, memoryFloor},
		{memoryFloor * 3 / 4, memoryFloor},
		{300 << 20, 400 << 20}, // the 100-fold default book at its peak
		{600 << 20, 800 << 20},
		{3 << 30, 4 << 30},
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d MB) = %d MB; want %d MB", c.live>>20, got>>20, c.want>>20)
		}
		if got := memoryLimit(c.live); got-c.live < c.live/3 {
			t.Errorf("memoryLimit(%d MB) leaves the collector %d MB, less than a third of the live heap", c.live>>20, (got-c.live)>>20)
		}
	}
}

// The watcher looks at every collection, again and again, and never lowers the limit.
func TestFollowLiveHeapLooksAfterEachCollection(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	debug.SetMemoryLimit(memoryFloor)
	followLiveHeap(false, false, true)
	start := heapChecks.Load()
	for i := 0; i < 50 && heapChecks.Load() < start+3; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	if n := heapChecks.Load() - start; n < 3 {
		t.Fatalf("%d collections looked at after 50 collections; want at least 3", n)
	}
	if got := debug.SetMemoryLimit(-1); got != memoryFloor {
		t.Errorf("the limit moved to %d MB with a small live heap; want %d MB", got>>20, memoryFloor>>20)
	}
}

// A short book keeps GOGC 100 on small pages; a long one's live heap sets 400, once, after a
// collection; on huge pages every book starts at 400.
func TestGCPercentFollowsTheLiveHeap(t *testing.T) {
	if gcPercent(10<<20, false) != 100 || gcPercent(bigHeap-1, false) != 100 || gcPercent(bigHeap, false) != 400 || gcPercent(650<<20, false) != 400 {
		t.Fatalf("gcPercent: 10 MB %d, just under bigHeap %d, bigHeap %d, 650 MB %d; want 100, 100, 400, 400",
			gcPercent(10<<20, false), gcPercent(bigHeap-1, false), gcPercent(bigHeap, false), gcPercent(650<<20, false))
	}
	if gcPercent(0, true) != 400 || gcPercent(10<<20, true) != 400 {
		t.Fatalf("gcPercent on a heap of huge pages: empty %d, 10 MB %d; want 400 (a fresh page is cheap there)",
			gcPercent(0, true), gcPercent(10<<20, true))
	}
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	followLiveHeap(true, false, false)
	live := make([]byte, bigHeap+(1<<20))
	start := heapChecks.Load()
	for i := 0; i < 50 && heapChecks.Load() < start+2; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	runtime.KeepAlive(live)
	if got := debug.SetGCPercent(-1); got != 400 {
		t.Errorf("GOGC is %d with %d MB live; want 400", got, len(live)>>20)
	}
}

// On huge pages the first goal is firstGCPercent's (a short book then runs no collection),
// and the first collection sets 400, once.
func TestHugePagesFirstGoalThenGOGC400(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB") // the limit is not this test's: leave it as it is
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	percent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	tuneGC(true)
	if got := percent(); got != firstGCPercent {
		t.Fatalf("GOGC is %d before the first collection on huge pages; want %d", got, firstGCPercent)
	}
	start := heapChecks.Load()
	for i := 0; i < 50 && heapChecks.Load() < start+2; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	if got := percent(); got != 400 {
		t.Errorf("GOGC is %d after a collection on huge pages; want 400", got)
	}
}
