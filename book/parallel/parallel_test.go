package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestForWorksOnTheCaller: For starts one goroutine fewer than it has workers, the caller
// being the last (a new goroutine's stack grows by copies); every piece is done once.
func TestForWorksOnTheCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	before := runtime.NumGoroutine()
	var most atomic.Int64
	done := make([]atomic.Int32, 100)
	For(len(done), func(w, i int) {
		if w < 0 || w >= 4 {
			t.Errorf("worker %d of 4", w)
		}
		n := int64(runtime.NumGoroutine() - before)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		done[i].Add(1)
	})
	for i := range done {
		if n := done[i].Load(); n != 1 {
			t.Errorf("piece %d done %d times", i, n)
		}
	}
	if m := most.Load(); m > 3 {
		t.Errorf("For ran %d goroutines besides the caller's for 4 workers, not 3", m)
	}
}

// TestForWaitsWhenTheCallerPanics: a panic in the caller's share leaves For only once the
// other workers are done. The other worker's piece waits for the caller to have taken one:
// on a loaded machine it could otherwise take both pieces before the caller ran, and no
// panic would happen.
func TestForWaitsWhenTheCallerPanics(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var done atomic.Int32
	callerIn := make(chan struct{})
	func() {
		defer func() { _ = recover() }()
		For(2, func(w, i int) {
			if w == 1 { // the caller's
				close(callerIn)
				panic("a bug")
			}
			<-callerIn
			for range 1000 {
				runtime.Gosched()
			}
			done.Add(1)
		})
	}()
	if done.Load() != 1 {
		t.Error("For returned by its panic while a worker was still running")
	}
}
