package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The manifest is written and synced while the outputs are put in place (without --clean),
// and put in place only after them: an output held back does not hold back its sync.
func TestManifestSyncedBesideTheCommit(t *testing.T) {
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	defer func(f func(string, string) error) { putInPlace = f }(putInPlace)
	synced := make(chan struct{})
	syncFile = func(f *os.File) error {
		if strings.Contains(f.Name(), ManifestName) {
			close(synced)
		}
		return f.Sync()
	}
	out := t.TempDir()
	manifest := filepath.Join(out, ManifestName)
	putInPlace = func(from, to string) error {
		select {
		case <-synced:
		case <-time.After(5 * time.Second):
			return errors.New("the manifest was not synced while the outputs were put in place")
		}
		if _, err := os.Stat(manifest); err == nil {
			return errors.New("the manifest was put in place before an output")
		}
		return rename(from, to)
	}
	if _, err := Build(Options{Dir: "../../testdata/books/es", OutDir: out, Formats: Formats}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(manifest); err != nil {
		t.Error(err)
	}
}

// An output that cannot be put in place leaves the manifest as it was, and no temporary file.
func TestManifestKeptWhenACommitFails(t *testing.T) {
	out := t.TempDir()
	if _, err := Build(Options{Dir: "../../testdata/books/es", OutDir: out, Formats: Formats}); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(out, ManifestName)
	before, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	defer func(f func(string, string) error) { putInPlace = f }(putInPlace)
	putInPlace = func(from, to string) error { return errors.New("refused") }
	if _, err := Build(Options{Dir: "../../testdata/books/es", OutDir: out, Formats: Formats, Draft: true}); err == nil {
		t.Fatal("a build whose outputs could not be put in place succeeded")
	}
	after, _ := os.ReadFile(manifest)
	if string(after) != string(before) {
		t.Errorf("the manifest changed though no output was put in place:\n%s", after)
	}
	temps, _ := filepath.Glob(filepath.Join(out, "."+ManifestName+".tmp-*"))
	if len(temps) != 0 {
		t.Errorf("temporary manifests left: %v", temps)
	}
}
