package pipeline

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// WriteFileAtomic writes a file through write into a temporary file in the same folder and
// renames it into place only when everything was written and synced. On any failure the
// previous file at path is left as it was and the temporary file is removed.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	f, err := writeTemp(path, true, write)
	if err != nil {
		return err
	}
	return f.commit()
}

// pendingFile is an output written in full to a temporary file, waiting to be put in place.
// A build commits its outputs only when all of them were written, so that a failure in one
// format leaves every earlier output as it was.
type pendingFile struct {
	tmp, path string
	sum       []byte   // SHA-256 of the bytes, for the output folder's manifest
	lock      *os.File // held until the file is put in place: the file is in use
	unsynced  *os.File // still open, its writing to disk begun: synced before it is put in place
}

// tempPattern names the temporary file of an output: ".NAME.epub.tmp-123456789".
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-*" }

// removeStale removes the temporary files of path that a killed build left in its folder:
// only names of our own pattern, only regular files, only those no running build holds. Each
// build locks its temporary files from the moment it makes them (under a shared lock on the
// folder, which this takes exclusively) until they are put in place; the system lets go of
// a dead process's locks, SIGKILL included, so an unlocked one is stale.
func removeStale(path string) {
	dir := filepath.Dir(path)
	prefix := "." + filepath.Base(path) + ".tmp-"
	unlock, ok := lockDir(dir, true)
	if !ok {
		return
	}
	defer unlock()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		digits := strings.TrimPrefix(e.Name(), prefix)
		if digits == e.Name() || digits == "" || strings.Trim(digits, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if release, free := tryLock(name); free {
			os.Remove(name)
			release()
		}
	}
}

// syncFile waits for the disk to hold f (a variable for the tests, which count the calls).
var syncFile = (*os.File).Sync

// writeTemp writes a temporary file beside path through write and, if sync, waits for the
// disk to hold it, or (where the system can begin it) leaves that wait to sync.
func writeTemp(path string, sync bool, write func(io.Writer) error) (_ *pendingFile, err error) {
	removeStale(path)
	dir := filepath.Dir(path)
	tmp, lock, err := temps.create(dir, tempPattern(path))
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			temps.remove(tmp.Name())
			unlockFile(lock)
		}
	}()
	sum := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(tmp, sum), 1<<16)
	if err := write(bw); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	pf := &pendingFile{tmp: tmp.Name(), path: path, sum: sum.Sum(nil), lock: lock}
	if !sync {
		if err := tmp.Close(); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		return pf, nil
	}
	pf.unsynced = tmp
	if startWriteback(tmp) {
		return pf, nil // synced before it is put in place
	}
	if err := pf.sync(); err != nil {
		return nil, err
	}
	return pf, nil
}

// putInPlace renames an output into place (a variable for the tests, which hold it back).
var putInPlace = rename

// sync waits for the disk to hold a file writeTemp left open, and closes it. A build syncs
// all its outputs before it puts any in place: a failure leaves every earlier output as it
// was.
func (f *pendingFile) sync() error {
	tmp := f.unsynced
	if tmp == nil {
		return nil
	}
	f.unsynced = nil
	if err := syncFile(tmp); err != nil && !errors.Is(err, os.ErrInvalid) {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	return nil
}

// commit syncs the file if it is not yet and renames it into place.
func (f *pendingFile) commit() error {
	defer temps.remove(f.tmp)
	defer unlockFile(f.lock)
	if err := f.sync(); err != nil {
		os.Remove(f.tmp)
		return err
	}
	if err := putInPlace(f.tmp, f.path); err != nil {
		os.Remove(f.tmp)
		return fmt.Errorf("cannot put %s in place: %w", f.path, err)
	}
	return nil
}

// discard removes the temporary file.
func (f *pendingFile) discard() {
	if f.unsynced != nil {
		f.unsynced.Close()
		f.unsynced = nil
	}
	os.Remove(f.tmp)
	temps.remove(f.tmp)
	unlockFile(f.lock)
}

// temps are the temporary files being written, so that an interrupted build can remove them.
var temps = tempFiles{names: map[string]*os.File{}}

type tempFiles struct {
	mu      sync.Mutex
	names   map[string]*os.File // open while being written
	stopped bool                // the build was interrupted: create no more
}

// create makes a temporary file, records it and locks it in one step, so that an
// interruption can never miss one, nor another build take it for a stale one (it is made
// and locked under a shared lock on the folder, which removeStale takes exclusively).
func (t *tempFiles) create(dir, pattern string) (*os.File, *os.File, error) {
	if unlock, ok := lockDir(dir, false); ok {
		defer unlock()
	}
	f, err := t.createUnlocked(dir, pattern)
	if err != nil {
		return nil, nil, err
	}
	return f, lockFile(f.Name()), nil
}

// createUnlocked makes and records a temporary file, for a caller that holds the folder's
// lock already (the manifest's writer).
func (t *tempFiles) createUnlocked(dir, pattern string) (*os.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return nil, errors.New("the build was interrupted")
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	t.names[f.Name()] = f
	return f, nil
}

func (t *tempFiles) remove(name string) {
	t.mu.Lock()
	delete(t.names, name)
	t.mu.Unlock()
}

// RemoveTemporaryFiles deletes the temporary files of writes still in progress. Call it when
// the build is interrupted (Ctrl-C): finished outputs are whole, earlier ones untouched, and
// no partial file is left behind.
func RemoveTemporaryFiles() {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	temps.stopped = true
	for name, f := range temps.names {
		f.Close() // Windows removes no file that is open; a write in progress then fails
		os.Remove(name)
		delete(temps.names, name)
	}
}
