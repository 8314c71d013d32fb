package pipeline

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// A file that cannot be synced at the commit puts no output in place and leaves no
// temporary file: every output is synced before the first is renamed, and the manifest,
// written beside the syncs, is not put in place either.
func TestNoOutputInPlaceWhenOneCannotBeSynced(t *testing.T) {
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	out := t.TempDir()
	syncFile = func(f *os.File) error {
		if strings.Contains(f.Name(), ".pdf") {
			return errors.New("disk full")
		}
		return f.Sync()
	}
	_, err := Build(Options{Dir: "../../testdata/books/es", OutDir: out, Formats: Formats, Draft: true})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("got %v; want the PDF's sync failure", err)
	}
	left, _ := os.ReadDir(out)
	for _, e := range left {
		if e.Name() != ".bindery.lock" {
			t.Errorf("left in the output folder: %s", e.Name())
		}
	}
}
