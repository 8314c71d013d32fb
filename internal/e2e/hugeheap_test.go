//go:build linux && (amd64 || arm64 || ppc64le || riscv64 || s390x || loong64)

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestHugeHeapInitialisedBeforeTheModules: internal/hugeheap's initialiser runs before those
// of the modules whose start-up allocations it is for (GODEBUG=inittrace lists the order), in
// the bindery binary built from this tree: importing runtime/debug (fmt) put it after them.
func TestHugeHeapInitialisedBeforeTheModules(t *testing.T) {
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, _ := cmd.CombinedOutput()
	order := map[string]int{}
	n := 0
	for line := range bytes.Lines(out) {
		if f := bytes.Fields(line); len(f) > 1 && string(f[0]) == "init" {
			n++
			order[string(f[1])] = n
		}
	}
	self, ok := order["bindery/internal/hugeheap"]
	if !ok {
		t.Fatalf("bindery/internal/hugeheap not in the initialisers' trace:\n%s", out)
	}
	for _, pkg := range []string{"github.com/yuin/goldmark/util", "github.com/yuin/goldmark/parser", "golang.org/x/net/html", "go.yaml.in/yaml/v3"} {
		if k, ok := order[pkg]; ok && k < self {
			t.Errorf("%s is initialised before bindery/internal/hugeheap (%d, %d)", pkg, k, self)
		}
	}
}

// TestHugeHeapStartsWithOneCollection: the block internal/hugeheap maps ahead is made with
// the collector off and let go by one forced collection. Made with the collector on, it
// started one of its own first, which the start-up waited for besides the forced one.
func TestHugeHeapStartsWithOneCollection(t *testing.T) {
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=gctrace=1")
	out, _ := cmd.CombinedOutput()
	var cycles [][]byte
	for line := range bytes.Lines(out) {
		if bytes.HasPrefix(line, []byte("gc ")) {
			cycles = append(cycles, line)
		}
	}
	if len(cycles) == 0 {
		t.Skipf("no collection at start (no huge pages here?):\n%s", out)
	}
	if !bytes.Contains(cycles[0], []byte("(forced)")) || !bytes.Contains(cycles[0], []byte("->0 MB")) {
		t.Errorf("the first collection is not the forced one that lets the block go:\n%s", bytes.Join(cycles, nil))
	}
	if len(cycles) > 1 {
		t.Errorf("%d collections at start, want 1:\n%s", len(cycles), bytes.Join(cycles, nil))
	}
}
