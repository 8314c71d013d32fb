//go:build linux && (amd64 || arm64 || ppc64le || riscv64 || s390x || loong64)

package hugeheap

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"unsafe"
)

// On the VMs this project is measured on, a first touch of a 4 KB page costs about 17 µs,
// and the kernel backs anonymous memory with 2 MB pages only where asked (THP "madvise").
// The Go runtime does not ask for its heap, so a build of the default book took some 4,000
// page faults on its heap, a fifth of its CPU. preferHugePages asks; with the heap in huge
// pages a fresh page is cheap, so tuneGC then lets the heap grow (GOGC 400). The figures are
// in docs/notes.md (issue 19, eleventh round: huge pages).

const (
	hugePage = 2 << 20
	// hugeHeap is how much heap is mapped ahead: a 10-fold book's whole heap at GOGC 400
	// (125–145 MB). Past it the heap grows in small pages as before. Mapping it costs a
	// span table of hugeHeap/8 KB entries (64 page faults).
	hugeHeap = 256 << 20

	madvHugePage = 14 // MADV_HUGEPAGE
	madvCollapse = 25 // MADV_COLLAPSE (Linux 6.1)
)

// preferHugePages has the runtime map hugeHeap bytes of heap ahead, marks the heap's mapping
// for huge pages, lets the untouched block go, and folds the pages the start-up already
// touched into huge ones. It reports whether the heap now grows in huge pages.
func preferHugePages() bool {
	var space syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &space) != nil || space.Cur != ^uint64(0) {
		return false // address space is rationed (ulimit -v): map nothing ahead
	}
	if mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || bytes.Contains(mode, []byte("[never]")) {
		return false
	}
	// The block is made with the collector off. Its size passes the first goal: made with
	// the collector on, it started a collection at once, which could find it still held, and
	// the one runtime.GC() then ran was a second, both waited for (this initialiser took 9-78
	// ms of wall on a loaded machine). One collection, when nothing holds the block, lets it
	// go; it must be done before the initialisers go on, or the spans they take while it runs
	// come from past the block, in small pages (tried: up to 200 page faults more).
	was := setGCPercent(-1)
	ahead := make([]byte, hugeHeap) // fresh memory: mapped, not touched, not cleared
	first := uintptr(unsafe.Pointer(&ahead[0]))
	ahead = nil
	heapStart := mappingStart(first)
	marked := madvise(heapStart, (first+hugeHeap)&^(hugePage-1), madvHugePage) == nil
	setGCPercent(was)
	runtime.GC()
	if !marked {
		return false
	}
	// The pages the start-up touched are small ones; fold each 2 MB of them into one huge
	// page (a range with none touched fails, and is left to fault in as a huge page).
	for p := heapStart &^ (hugePage - 1); p < first; p += hugePage {
		_ = madvise(p, p+hugePage, madvCollapse)
	}
	return true
}

// setGCPercent is debug.SetGCPercent's own, which the runtime gives runtime/debug. Not
// runtime/debug itself: it imports fmt, and this package's initialiser would then run after
// the modules' it must precede.
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(percent int32) int32

// mappingStart is where the mapping that holds p starts, from /proc/self/maps; p if unknown.
func mappingStart(p uintptr) uintptr {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return p
	}
	for line := range bytes.Lines(maps) {
		span, _, _ := bytes.Cut(line, []byte(" "))
		loText, hiText, ok := bytes.Cut(span, []byte("-"))
		lo, err1 := strconv.ParseUint(string(loText), 16, 64)
		hi, err2 := strconv.ParseUint(string(hiText), 16, 64)
		if ok && err1 == nil && err2 == nil && uintptr(lo) <= p && p < uintptr(hi) {
			return uintptr(lo)
		}
	}
	return p
}

func madvise(lo, hi uintptr, advice int) error {
	if hi <= lo {
		return nil
	}
	// The raw call: the range is the runtime's, not a Go slice of ours.
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, uintptr(advice)); errno != 0 {
		return errno
	}
	return nil
}
