package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// A build allocates much and lives briefly: the collector runs seldom (GOGC 400) within a
// soft memory limit. A fixed limit fails a long book: once the live heap nears it, every
// few megabytes allocated start another collection of the whole heap (the 100-fold default
// book, 650 MB live under a 768 MiB limit, spent more than half its CPU time collecting).
// So the limit follows the live heap: it never leaves the collector less room than the
// live heap itself, as GOGC 100 would, and a short book keeps the low fixed limit.

// memoryFloor is the limit for books whose live heap stays under half of it.
const memoryFloor = 768 << 20

// memoryLimit is the soft limit for a live heap of live bytes.
func memoryLimit(live int64) int64 {
	return max(memoryFloor, 2*live)
}

// tuneGC sets the collector for a short-lived build that allocates a lot. GOGC and
// GOMEMLIMIT, when set, are the user's to decide.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryFloor)
		followLiveHeap()
	}
}

// heapChecks counts the collections followLiveHeap has looked at, for the tests.
var heapChecks atomic.Int64

// followLiveHeap raises the memory limit after each collection that finds the live heap
// past half of it: a cleanup on an object nothing holds runs once per collection, and
// arms the next.
func followLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([32]byte) // large enough not to share a tiny block with others
		runtime.AddCleanup(sentinel, func(struct{}) {
			heapChecks.Add(1)
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := int64(sample[0].Value.Uint64())
				if limit := memoryLimit(live); limit > debug.SetMemoryLimit(-1) {
					debug.SetMemoryLimit(limit)
				}
			}
			arm()
		}, struct{}{})
	}
	arm()
}
