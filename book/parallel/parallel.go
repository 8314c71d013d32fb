// Package parallel runs independent pieces of work on every core: the chapters of a book
// while it is read and set, the pages of the PDF, the entries of the EPUB.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines For uses for n pieces of work: one per core, at most n.
func Workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// For calls do(worker, i) for every i in [0, n) and returns when all calls have returned.
// worker, below Workers(n), numbers the goroutine making the call, for state kept per
// worker; pieces are handed out in order as workers become free.
func For(n int, do func(worker, i int)) {
	workers := Workers(n)
	if workers == 1 {
		for i := range n {
			do(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	work := func(w int) {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			do(w, i)
		}
	}
	for w := range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(w)
		}()
	}
	// The last worker is the caller, which waits anyway: its stack has grown already, where a
	// new goroutine's grows by copies (2.5 % of an EPUB-only build's CPU). Should its share
	// panic, the others are waited for first: For never leaves them running.
	defer wg.Wait()
	work(workers - 1)
}
