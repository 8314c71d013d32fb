//go:build linux && (amd64 || arm64 || ppc64le || riscv64 || s390x || loong64)

package hugeheap

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"unsafe"
)

// TestPreferHugePages: after it, the heap's mapping is marked for huge pages, so the heap
// that a build then grows into faults in 2 MB at a time.
func TestPreferHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || bytes.Contains(mode, []byte("[never]")) {
		t.Skip("this kernel gives no transparent huge pages")
	}
	if !preferHugePages() {
		t.Fatal("preferHugePages: the heap was not marked, on a kernel that gives huge pages")
	}
	later := make([]byte, 8<<20) // a block the build would allocate after
	flags := vmFlags(t, uintptr(unsafe.Pointer(&later[0])))
	if !bytes.Contains(flags, []byte(" hg")) {
		t.Errorf("the heap's mapping is not marked for huge pages: VmFlags:%s", flags)
	}
}

func TestMappingStart(t *testing.T) {
	block := make([]byte, 1<<20)
	p := uintptr(unsafe.Pointer(&block[512<<10]))
	start := mappingStart(p)
	if start > p || start == p {
		t.Fatalf("mappingStart(%#x) = %#x, want the start of the heap mapping below it", p, start)
	}
	if got := mappingStart(1); got != 1 {
		t.Errorf("mappingStart of an unmapped address = %#x, want it back", got)
	}
}

// vmFlags is the VmFlags line of the mapping that holds p.
func vmFlags(t *testing.T, p uintptr) []byte {
	t.Helper()
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	head := []byte(fmt.Sprintf("%x-", mappingStart(p)))
	inside := false
	for line := range bytes.Lines(smaps) {
		if bytes.HasPrefix(line, head) {
			inside = true
		}
		if inside && bytes.HasPrefix(line, []byte("VmFlags:")) {
			return bytes.TrimSpace(line[len("VmFlags:"):])
		}
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", p)
	return nil
}

// TestStartSkips: the initialiser maps nothing ahead for `bindery version` alone or in a
// test binary (this one: active is false here whatever the kernel).
func TestStartSkips(t *testing.T) {
	if Active() {
		t.Fatal("the test binary's heap was put in huge pages by the initialiser")
	}
	for _, args := range [][]string{{"bindery", "version"}, {"cli.test", "-test.run=X"}, {"x", "build", "-test.v"}} {
		if start(args) {
			t.Errorf("start(%q) mapped the heap ahead", args)
		}
	}
}
