package doc

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Parallel calls do(i) for every i in [0, n) on every core and returns when all are done.
// The passes over a book's chapters that touch only their own chapter use it.
func Parallel(n int, do func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}
