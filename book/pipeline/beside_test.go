package pipeline

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// TestRoomBesideFollowsTheMemoryLimit: the EPUB is written beside the streamed PDF's end
// only while the live heap is under half the soft memory limit.
func TestRoomBesideFollowsTheMemoryLimit(t *testing.T) {
	keep := make([]byte, 8<<20) // live through the collection below
	runtime.GC()
	old := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(old)
	if !roomBeside() {
		t.Error("no room under no limit")
	}
	debug.SetMemoryLimit(4 << 20)
	if roomBeside() {
		t.Error("room beside a live heap over half the limit")
	}
	runtime.KeepAlive(keep)
}
