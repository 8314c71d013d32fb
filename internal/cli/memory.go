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
// higher GOGC would touch fresh ones (on this project's VM a first touch of a page costs more
// than the collection it saves: the starter book took 19 % fewer page faults at GOGC 100
// than 400 for the same CPU, the default book 29 %). A long book's live heap is large, and
// each collection marks all of it: past bigHeap the collector runs seldom (GOGC 400). It
// runs within a soft memory limit. A fixed limit fails a long book: once the live heap
// nears it, every few megabytes allocated start another collection of the whole heap (the
// 100-fold default book, 650 MB live under a 768 MiB limit, spent more than half its CPU
// time collecting). So the limit follows the live heap: it leaves the collector part of the
// live heap again (half, as GOGC 50 would, until the tenth round; twice the live heap cost the 100-fold book 200 MB more
// peak for a few per cent less CPU, docs/notes.md, issue 19 sixth round), and a short book
// keeps the low fixed limit. Since the print edition is streamed (issue 19, tenth round:
// stream23) the 100-fold book's live heap peaks near 300 MB: a third of it again (as GOGC
// 33 would), over a floor of 384 MiB, keeps it at 430–450 MB peak RSS for about 15 % more
// CPU than half of it over 512 MiB (540 MB); half over 384 MiB gave 503–515 MB. Since the
// runs kept between passes are packed (compact23) the live heap peaks near 280 MiB as the
// collector sees it, so the floor decides: 384 MiB gave 408–413 MB, 400 MiB 425–427 MB for
// 3–4 % less CPU (three collections fewer); half again over 384 MiB gave 444–473 MB, two
// fifths 416–436 MB.

// memoryFloor is the limit for books whose live heap stays under three quarters of it.
const memoryFloor = 400 << 20

// bigHeap is the live heap past which the collector runs seldom.
const bigHeap = 64 << 20

// memoryLimit is the soft limit for a live heap of live bytes.
func memoryLimit(live int64) int64 {
	return max(memoryFloor, live+live/3)
}

// gcPercent is GOGC for a live heap of live bytes.
func gcPercent(live int64) int {
	if live >= bigHeap {
		return 400
	}
	return 100
}

// tuneGC sets the collector for a short-lived build that allocates a lot. GOGC and
// GOMEMLIMIT, when set, are the user's to decide.
func tuneGC() {
	setPercent := os.Getenv("GOGC") == ""
	setLimit := os.Getenv("GOMEMLIMIT") == ""
	if setLimit {
		debug.SetMemoryLimit(memoryFloor)
	}
	if setPercent || setLimit {
		followLiveHeap(setPercent, setLimit)
	}
}

// heapChecks counts the collections followLiveHeap has looked at, for the tests.
var heapChecks atomic.Int64

// followLiveHeap, after each collection, raises GOGC once the live heap passes bigHeap, and
// the memory limit when the live heap is past half of it: a cleanup on an object nothing
// holds runs once per collection, and arms the next.
func followLiveHeap(setPercent, setLimit bool) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		sentinel := new([32]byte) // large enough not to share a tiny block with others
		runtime.AddCleanup(sentinel, func(struct{}) {
			heapChecks.Add(1)
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := int64(sample[0].Value.Uint64())
				if setPercent && gcPercent(live) > 100 {
					debug.SetGCPercent(gcPercent(live))
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
