package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitLeavesRoomForTheLiveHeap(t *testing.T) {
	for _, c := range []struct{ live, want int64 }{
		{0, memoryFloor},
		{100 << 20, memoryFloor},
		{memoryFloor / 2, memoryFloor},
		{650 << 20, 1300 << 20}, // the 100-fold default book
		{2 << 30, 4 << 30},
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d MB) = %d MB; want %d MB", c.live>>20, got>>20, c.want>>20)
		}
		if got := memoryLimit(c.live); got-c.live < c.live {
			t.Errorf("memoryLimit(%d MB) leaves the collector %d MB, less than the live heap", c.live>>20, (got-c.live)>>20)
		}
	}
}

// The watcher looks at every collection, again and again, and never lowers the limit.
func TestFollowLiveHeapLooksAfterEachCollection(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	debug.SetMemoryLimit(memoryFloor)
	followLiveHeap()
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
