package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// binDir holds the bindery binary the tests build, once for all of them.
var binDir string

func TestMain(m *testing.M) {
	// The tests run bindery where a user of the repository would: in its root, where
	// manuscript/ is the default book and testdata/ the fixtures.
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		panic(err)
	}
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary builds bindery once per test run, without the race detector: the tests that
// run it as a user would, and the big generated books of the bad-input corpus (under the
// race detector their layout takes twenty times as long, and their concurrency is the code
// every other case races).
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "bindery-test-")
	if err != nil {
		return "", err
	}
	binDir = dir
	bin := filepath.Join(dir, "bindery")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", &buildError{err, out}
	}
	return bin, nil
})

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + string(e.out) }

// builtBinary is the binary for a test that runs bindery as a user would.
func builtBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
