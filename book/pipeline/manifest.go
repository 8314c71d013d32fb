package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"bindery/book/diag"
)

// ManifestName is the file in the output folder that lists the outputs bindery wrote there,
// so that --clean can tell its own earlier outputs from anything else in the folder.
const ManifestName = ".bindery-outputs.json"

// maxManifest bounds the manifest read: a folder of books lists a few hundred outputs.
const maxManifest = 1 << 20

// manifest is the output folder's record of the files bindery wrote in it.
type manifest struct {
	Version int             `json:"version"` // 1
	Outputs []manifestEntry `json:"outputs"`
}

// manifestEntry is one output: a file directly in the output folder, the book it was built
// from, the name it was written under, and its bytes' hash, so that a file since replaced by
// something else is not taken for bindery's.
type manifestEntry struct {
	File   string `json:"file"`   // the file's name in the output folder, no path
	Book   string `json:"book"`   // the book's folder, absolute
	Name   string `json:"name"`   // OutputName when it was written
	Draft  bool   `json:"draft"`  // written by a draft build
	SHA256 string `json:"sha256"` // of the file's bytes, hex
}

// Cleanup is what a build found in its output folder about outputs it wrote earlier.
type Cleanup struct {
	// Stale are outputs an earlier build of this book wrote under another name (another
	// title, or the draft of a book now finished) and still there: paths in the output folder.
	Stale []string
	// Removed are the stale outputs removed (Options.Clean).
	Removed []string
	// Refused names what the manifest lists that bindery will not touch: a name outside the
	// output folder, a link, something that is not a regular file.
	Refused []string
	// Err is a failure to read or write the manifest, or to remove a file; the build's
	// outputs are written all the same.
	Err error
}

// safeOutputName reports whether name can be an output bindery wrote: a plain file name in
// the output folder (no path, not hidden) of an EPUB or a PDF.
func safeOutputName(name string) bool {
	return name != "" && filepath.IsLocal(name) && filepath.Base(name) == name &&
		!strings.ContainsAny(name, `/\:`) && !strings.HasPrefix(name, ".") &&
		(strings.HasSuffix(name, ".epub") || strings.HasSuffix(name, ".pdf"))
}

// cleanOutputs records this build's outputs in the output folder's manifest and finds the
// stale outputs of the same book, removing them if clean. Nothing is removed that is not a
// regular file directly in the output folder whose bytes are those the manifest records.
// If committed is given, the manifest is put in place only once it gives true (the outputs
// are in place), else its temporary file is removed.
func cleanOutputs(outDir string, files []*pendingFile, b *Book, clean, sync bool, committed <-chan bool) Cleanup {
	var c Cleanup
	bookDir, err := filepath.Abs(b.Config.Dir)
	if err != nil {
		c.Err = err
		return c
	}
	// The same book named by another path (through a link) is the same book.
	if real, err := filepath.EvalSymlinks(bookDir); err == nil {
		bookDir = real
	}
	path := filepath.Join(outDir, ManifestName)
	removeStale(path) // a temporary manifest a killed build left
	unlock, locked := lockDir(outDir, true)
	if locked {
		defer unlock()
	}
	root, err := os.OpenRoot(outDir)
	if err != nil {
		c.Err = err
		return c
	}
	defer root.Close()
	old, err := readManifest(root)
	if err != nil {
		c.Err = fmt.Errorf("%s: %w; nothing removed, and it is written anew", path, err)
	}
	name := OutputName(b.Config)
	var next manifest
	next.Version = 1
	written := map[string]bool{}
	for _, f := range files {
		file := filepath.Base(f.path)
		written[file] = true
		next.Outputs = append(next.Outputs, manifestEntry{File: file, Book: bookDir, Name: name, Draft: b.Draft, SHA256: hex.EncodeToString(f.sum)})
	}
	for _, e := range old.Outputs {
		if written[e.File] {
			continue
		}
		if !safeOutputName(e.File) {
			c.Refused = append(c.Refused, e.File)
			continue
		}
		info, err := root.Lstat(e.File)
		if err != nil {
			continue // gone
		}
		if !info.Mode().IsRegular() {
			c.Refused = append(c.Refused, e.File)
			continue
		}
		stale := e.Book == bookDir && (e.Name != name || e.Draft && !b.Draft)
		if !stale {
			next.Outputs = append(next.Outputs, e)
			written[e.File] = true
			continue
		}
		if !sameHash(root, e.File, e.SHA256) {
			continue // no longer what bindery wrote: not ours to remove or mention
		}
		p := filepath.Join(outDir, e.File)
		if !clean {
			c.Stale = append(c.Stale, p)
			next.Outputs = append(next.Outputs, e)
			written[e.File] = true
			continue
		}
		if err := root.Remove(e.File); err != nil {
			c.Err = errors.Join(c.Err, err)
			next.Outputs = append(next.Outputs, e)
			written[e.File] = true
			continue
		}
		c.Removed = append(c.Removed, p)
	}
	slices.SortFunc(next.Outputs, func(a, b manifestEntry) int { return strings.Compare(a.File, b.File) })
	if err := writeManifest(outDir, path, next, sync, committed); err != nil {
		c.Err = errors.Join(c.Err, err)
	}
	return c
}

// readManifest reads the manifest, if there is one: a regular file (not a link), of a known
// version. A missing manifest is an empty one.
func readManifest(root *os.Root) (manifest, error) {
	var m manifest
	info, err := root.Lstat(ManifestName)
	if errors.Is(err, os.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	if !info.Mode().IsRegular() {
		return m, errors.New("not a regular file")
	}
	f, err := root.Open(ManifestName)
	if err != nil {
		return m, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return m, err
	}
	if len(data) > maxManifest {
		return manifest{}, errors.New("too large to be bindery's")
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return manifest{}, fmt.Errorf("not bindery's manifest (%v)", err)
	}
	if m.Version != 1 {
		return manifest{}, fmt.Errorf("version %d, not one this bindery reads", m.Version)
	}
	return m, nil
}

// writeManifest puts the manifest in place through a temporary file, once committed (if
// given) gives true. The caller holds the folder's lock, so this takes no other (writeTemp
// would wait for it).
func writeManifest(dir, path string, m manifest, sync bool, committed <-chan bool) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := temps.createUnlocked(dir, tempPattern(path)) // removed if interrupted
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer temps.remove(tmp.Name())
	_, err = tmp.Write(append(data, '\n'))
	if err == nil && sync {
		err = syncFile(tmp)
		if errors.Is(err, os.ErrInvalid) {
			err = nil
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && committed != nil && !<-committed {
		err = errors.New("the outputs were not put in place")
	}
	if err == nil {
		err = rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// sameHash reports whether the file's bytes have the SHA-256 sum want (hex).
func sameHash(root *os.Root, name, want string) bool {
	sum, err := hex.DecodeString(want)
	if err != nil || len(sum) != sha256.Size {
		return false
	}
	f, err := root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return bytes.Equal(h.Sum(nil), sum)
}

// Notes are the lines that tell the author about the output folder: stale outputs and how to
// remove them, what the manifest names that was left alone, a manifest that could not be
// read or written. Removed outputs are the caller's to list.
func (c Cleanup) Notes() []string {
	var notes []string
	if len(c.Stale) > 0 {
		names := make([]string, len(c.Stale))
		for i, p := range c.Stale {
			names[i] = diag.VisibleFile(filepath.Base(p))
		}
		them := "them"
		if len(names) == 1 {
			them = "it"
		}
		notes = append(notes, fmt.Sprintf("%s/ still holds %s, written by an earlier build of this book under another name (--clean removes %s)",
			diag.VisibleFile(filepath.Dir(c.Stale[0])), strings.Join(names, ", "), them))
	}
	if len(c.Refused) > 0 {
		names := make([]string, len(c.Refused))
		for i, n := range c.Refused {
			names[i] = strconv.Quote(n)
		}
		notes = append(notes, fmt.Sprintf("%s names what bindery did not write in its folder, left alone: %s", ManifestName, strings.Join(names, ", ")))
	}
	if c.Err != nil {
		notes = append(notes, diag.Visible(c.Err.Error()))
	}
	return notes
}
