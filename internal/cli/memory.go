package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// A build allocates much and lives briefly. A short book's live heap is small: the default
// GOGC 100 collects it cheaply, and each collection lets its pages be used again, where a
// higher GOGC would touch fresh ones (on this project's VM a first touch of a 4 KB page costs
// more than the collection it saves). On a heap of huge pages (internal/hugeheap) a fresh
// page is cheap: the first goal is 32 MB (GOGC 800), which a short book does not reach (its
// one collection at GOGC 400 cost more CPU than the pages it let be used again, and its sweep
// some 400 faults of the runtime's span lists), and after the first collection GOGC is 400
// for every book. A long book's live heap is large, and
// each collection marks all of it: past bigHeap the collector runs seldom (GOGC 400),
// within a soft memory limit. A fixed limit fails a long book (once the live heap nears it, every few megabytes start
// another collection of the whole heap), so the limit follows the live heap, leaving the
// collector a third of it again (as GOGC 33 would), over a floor that short and middling
// books stay under. The 100-fold default book's live heap now peaks near 280 MiB (the
// print edition streamed, the runs kept between passes packed), so the floor decides its
// peak: 425–427 MB RSS. The figures for each rule tried are in docs/notes.md (issue 19,
// tenth round: stream23, compact23).

// memoryFloor is the limit for books whose live heap stays under three quarters of it.
const memoryFloor = 400 << 20

// bigHeap is the live heap past which the collector runs seldom.
const bigHeap = 64 << 20

// firstGCPercent is GOGC until the first collection on a heap of huge pages: the goal is
// then 8 × the runtime's 4 MB minimum, over the 24–28 MB the default book's heap reaches.
const firstGCPercent = 800

// memoryLimit is the soft limit for a live heap of live bytes.
func memoryLimit(live int64) int64 {
	return max(memoryFloor, live+live/3)
}

// gcPercent is GOGC for a live heap of live bytes, on a heap that grows in huge pages or not.
func gcPercent(live int64, hugePages bool) int {
	if live >= bigHeap || hugePages {
		return 400
	}
	return 100
}

// tuneGC sets the collector for a short-lived build that allocates a lot. GOGC and
// GOMEMLIMIT, when set, are the user's to decide.
func tuneGC(hugePages bool) {
	setPercent := os.Getenv("GOGC") == ""
	setLimit := os.Getenv("GOMEMLIMIT") == ""
	if setLimit {
		debug.SetMemoryLimit(memoryFloor)
	}
	if setPercent && hugePages {
		debug.SetGCPercent(firstGCPercent)
	}
	if setPercent || setLimit {
		followLiveHeap(setPercent, hugePages, setLimit)
	}
}

// heapChecks counts the collections followLiveHeap has looked at, for the tests.
var heapChecks atomic.Int64

// followLiveHeap, after each collection, sets GOGC once gcPercent is past 100 (on huge pages
// after the first), and raises the memory limit when the live heap is past half of it: a
// cleanup on an object nothing holds runs once per collection, and arms the next.
func followLiveHeap(setPercent, hugePages, setLimit bool) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([32]byte) // large enough not to share a tiny block with others
		runtime.AddCleanup(sentinel, func(struct{}) {
			heapChecks.Add(1)
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := int64(sample[0].Value.Uint64())
				if setPercent && gcPercent(live, hugePages) > 100 {
					debug.SetGCPercent(gcPercent(live, hugePages))
					setPercent = false // once: it stays
				}
				if limit := memoryLimit(live); setLimit && limit > debug.SetMemoryLimit(-1) {
					debug.SetMemoryLimit(limit)
				}
			}
			if setPercent || setLimit {
				arm()
			}
		}, struct{}{})
	}
	arm()
}
