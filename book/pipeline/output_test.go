package pipeline

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestFailedWriteKeepsPreviousFile: a write that fails half-way (a full disk) leaves the
// previous file byte for byte and no temporary file.
func TestFailedWriteKeepsPreviousFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.pdf")
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "good"); return err }); err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half a book ", 100000))
		return full
	})
	if !errors.Is(err, full) || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "good" {
		t.Fatalf("previous file changed: %q", data[:min(len(data), 20)])
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

// TestWriteToFullDevice writes through /dev/full where it exists: the error is reported.
func TestWriteToFullDevice(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer f.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "book.epub")
	os.WriteFile(path, []byte("earlier"), 0o644)
	err = WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.Copy(f, strings.NewReader(strings.Repeat("x", 1<<16)))
		return err
	})
	if err == nil {
		t.Fatal("writing to /dev/full succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != "earlier" {
		t.Fatalf("previous file changed: %q", data)
	}
}

func TestUnwritableFolder(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root writes anywhere")
	}
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no read-only folders (the read-only attribute of a folder is ignored)")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := WriteFileAtomic(filepath.Join(dir, "x"), func(io.Writer) error { return nil }); err == nil {
		t.Fatal("wrote into a read-only folder")
	}
}

func TestRemoveTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	started := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- WriteFileAtomic(filepath.Join(dir, "out.pdf"), func(w io.Writer) error {
			close(started)
			<-release
			return errors.New("interrupted")
		})
	}()
	<-started
	RemoveTemporaryFiles() // what main does on Ctrl-C
	defer func() {         // the process would exit now; the other tests go on writing
		temps.mu.Lock()
		temps.stopped = false
		temps.mu.Unlock()
	}()
	if _, err := writeTemp(filepath.Join(dir, "late.pdf"), true, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("a file was begun after the interruption")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("temporary files left: %v", entries)
	}
	close(release)
	<-done
}

// TestStaleTemporaryFiles (issue 11): a build removes the temporary files of its outputs that
// a killed build left (unlocked), and nothing else: not another running build's (locked), not
// names of another pattern or output, not a link.
func TestStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("part of a book"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := mk(".book.epub.tmp-123456")
	busy := mk(".book.epub.tmp-654321")
	others := []string{
		mk(".book.epub.tmp-12x"), mk("book.epub.tmp-1"), mk(".other.epub.tmp-1"),
		mk(".book.pdf.tmp-1"), mk(".book.epub.tmp-"),
	}
	link := filepath.Join(dir, ".book.epub.tmp-777")
	os.Symlink(stale, link)
	if lock := lockFile(busy); lock != nil { // another build, still writing
		defer unlockFile(lock)
	} else {
		t.Skip("no advisory locks here")
	}
	if err := WriteFileAtomic(filepath.Join(dir, "book.epub"), func(w io.Writer) error { _, err := io.WriteString(w, "book"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file is still there")
	}
	for _, p := range append(others, busy, link) {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

// TestBuildsIntoOneFolder: builds writing into the same folder at once never take each
// other's temporary files for stale ones (run with -race).
func TestBuildsIntoOneFolder(t *testing.T) {
	out := t.TempDir()
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := Build(Options{Dir: "../../testdata/books/features", OutDir: out, Formats: Formats})
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if entries := files(t, out); len(entries) != 2 {
		t.Errorf("the output folder holds %v, want the EPUB and the PDF (and the manifest)", entries)
	}
}

// A build waits for the disk to hold each output and the manifest before it puts them in
// place; a NoSync build (watch, serve) does not, and writes the same bytes.
func TestNoSyncWritesTheSameFilesUnsynced(t *testing.T) {
	var syncs atomic.Int64
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	syncFile = func(f *os.File) error { syncs.Add(1); return f.Sync() }
	epoch := time.Unix(1700000000, 0).UTC()
	outputs := map[bool]string{}
	for _, noSync := range []bool{false, true} {
		syncs.Store(0)
		out := t.TempDir()
		if _, err := Build(Options{Dir: "../../testdata/books/es", OutDir: out, Formats: Formats, Epoch: &epoch, NoSync: noSync}); err != nil {
			t.Fatal(err)
		}
		outputs[noSync] = out
		if n := syncs.Load(); noSync && n != 0 || !noSync && n != 3 {
			t.Errorf("NoSync %v: %d files synced; want %d (the EPUB, the PDF, the manifest)", noSync, n, map[bool]int{false: 3, true: 0}[noSync])
		}
	}
	for _, name := range []string{"*.epub", "*.pdf", ManifestName} {
		synced, _ := filepath.Glob(filepath.Join(outputs[false], name))
		unsynced, _ := filepath.Glob(filepath.Join(outputs[true], name))
		if len(synced) != 1 || len(unsynced) != 1 {
			t.Fatalf("%s: %d and %d files", name, len(synced), len(unsynced))
		}
		a, _ := os.ReadFile(synced[0])
		b, _ := os.ReadFile(unsynced[0])
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between a synced and an unsynced build", filepath.Base(synced[0]))
		}
	}
}
