package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// buildEPUB builds the book's EPUB alone (no print layout: quick) into out.
func buildEPUB(t *testing.T, dir, out string, clean, draft bool) *Result {
	t.Helper()
	res, err := Build(Options{Dir: dir, OutDir: out, Formats: []Format{EPUB}, NoPageList: true, Clean: clean, Draft: draft})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cleanup.Err != nil {
		t.Fatal(res.Cleanup.Err)
	}
	return res
}

func retitle(t *testing.T, dir, title string) {
	t.Helper()
	path := filepath.Join(dir, "book.yaml")
	data, _ := os.ReadFile(path)
	s := strings.Replace(string(data), "title: A Short Book About Books", "title: "+title, 1)
	if s == string(data) {
		t.Fatal("book.yaml has no title to change")
	}
	os.WriteFile(path, []byte(s), 0o644)
}

// files lists the output folder, the manifest left out.
func files(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ManifestName {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestCleanAfterRetitle: a build under a new title finds the outputs of the old one stale
// and says so; with Clean it removes them and keeps the new ones.
func TestCleanAfterRetitle(t *testing.T) {
	dir, out := starterCopy(t), t.TempDir()
	buildEPUB(t, dir, out, false, false)
	retitle(t, dir, "The Long Book")
	res := buildEPUB(t, dir, out, false, false)
	old := filepath.Join(out, "a-short-book-about-books.epub")
	if !slices.Equal(res.Cleanup.Stale, []string{old}) || len(res.Cleanup.Removed) != 0 {
		t.Fatalf("without Clean: stale %v, removed %v", res.Cleanup.Stale, res.Cleanup.Removed)
	}
	if got := files(t, out); !slices.Equal(got, []string{"a-short-book-about-books.epub", "the-long-book.epub"}) {
		t.Fatalf("without Clean the folder holds %v", got)
	}
	// Still stale at the next build: the manifest keeps what it did not remove.
	res = buildEPUB(t, dir, out, true, false)
	if !slices.Equal(res.Cleanup.Removed, []string{old}) || len(res.Cleanup.Stale) != 0 {
		t.Fatalf("with Clean: stale %v, removed %v", res.Cleanup.Stale, res.Cleanup.Removed)
	}
	if got := files(t, out); !slices.Equal(got, []string{"the-long-book.epub"}) {
		t.Fatalf("with Clean the folder holds %v", got)
	}
	if res := buildEPUB(t, dir, out, true, false); len(res.Cleanup.Removed)+len(res.Cleanup.Stale) != 0 {
		t.Fatalf("nothing left to clean, got %+v", res.Cleanup)
	}
}

// TestCleanDrafts: a draft never makes the finished book's outputs stale; the finished book
// makes its draft stale.
func TestCleanDrafts(t *testing.T) {
	dir, out := starterCopy(t), t.TempDir()
	buildEPUB(t, dir, out, true, false)
	ch := filepath.Join(dir, "01-the-codex.md")
	text, _ := os.ReadFile(ch)
	os.WriteFile(ch, append(text, []byte("\nSee [](#nowhere-at-all).\n")...), 0o644)
	res := buildEPUB(t, dir, out, true, true)
	if !res.Book.Draft || len(res.Cleanup.Removed)+len(res.Cleanup.Stale) != 0 {
		t.Fatalf("draft: draft %v, cleanup %+v", res.Book.Draft, res.Cleanup)
	}
	if got := files(t, out); !slices.Equal(got, []string{"a-short-book-about-books.draft.epub", "a-short-book-about-books.epub"}) {
		t.Fatalf("after the draft the folder holds %v", got)
	}
	os.WriteFile(ch, text, 0o644)
	res = buildEPUB(t, dir, out, false, true) // nothing to forgive: the book's own
	if res.Book.Draft || !slices.Equal(res.Cleanup.Stale, []string{filepath.Join(out, "a-short-book-about-books.draft.epub")}) {
		t.Fatalf("finished: draft %v, cleanup %+v", res.Book.Draft, res.Cleanup)
	}
	buildEPUB(t, dir, out, true, true)
	if got := files(t, out); !slices.Equal(got, []string{"a-short-book-about-books.epub"}) {
		t.Fatalf("after cleaning the folder holds %v", got)
	}
}

// TestCleanHostileManifest: whatever the manifest names, Clean removes only regular files
// directly in the output folder whose bytes are what bindery wrote; not a file outside it
// (by a relative or absolute path, or through a link), not another book's outputs, not a file
// the author replaced.
func TestCleanHostileManifest(t *testing.T) {
	dir, top := starterCopy(t), t.TempDir()
	out := filepath.Join(top, "a", "out")
	os.MkdirAll(out, 0o755)
	outside := filepath.Join(top, "victim.pdf")
	victim := []byte("%PDF-1.7 not bindery's\n")
	os.WriteFile(outside, victim, 0o644)
	sum := sha256.Sum256(victim)
	hash := hex.EncodeToString(sum[:])
	book, _ := filepath.Abs(dir)
	book, _ = filepath.EvalSymlinks(book)
	os.Symlink(outside, filepath.Join(out, "link.pdf"))
	os.Mkdir(filepath.Join(out, "sub"), 0o755)
	os.WriteFile(filepath.Join(out, "sub", "inner.pdf"), victim, 0o644)
	os.WriteFile(filepath.Join(out, "notes.txt"), victim, 0o644)
	os.WriteFile(filepath.Join(out, "replaced.pdf"), []byte("the author's own"), 0o644)
	os.WriteFile(filepath.Join(out, "other-book.pdf"), victim, 0o644)
	var m manifest
	m.Version = 1
	for _, f := range []string{"../../victim.pdf", "../victim.pdf", outside, "link.pdf", "sub/inner.pdf", `sub\inner.pdf`, "notes.txt", "sub", ".", "..", "", "replaced.pdf"} {
		m.Outputs = append(m.Outputs, manifestEntry{File: f, Book: book, Name: "old-title", SHA256: hash})
	}
	m.Outputs = append(m.Outputs, manifestEntry{File: "other-book.pdf", Book: "/elsewhere", Name: "other", SHA256: hash})
	data, _ := json.Marshal(m)
	os.WriteFile(filepath.Join(out, ManifestName), data, 0o644)

	res := buildEPUB(t, dir, out, true, false)
	if len(res.Cleanup.Removed) != 0 || len(res.Cleanup.Stale) != 0 {
		t.Fatalf("removed %v, stale %v", res.Cleanup.Removed, res.Cleanup.Stale)
	}
	for _, p := range []string{outside, filepath.Join(out, "link.pdf"), filepath.Join(out, "sub", "inner.pdf"), filepath.Join(out, "notes.txt"), filepath.Join(out, "replaced.pdf"), filepath.Join(out, "other-book.pdf")} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if data, _ := os.ReadFile(outside); string(data) != string(victim) {
		t.Error("the file outside the output folder changed")
	}
	if !slices.Contains(res.Cleanup.Refused, "../../victim.pdf") || !slices.Contains(res.Cleanup.Refused, "link.pdf") {
		t.Errorf("refused %q", res.Cleanup.Refused)
	}
	// What it refused is not recorded again; the other book's output is.
	var now manifest
	data, _ = os.ReadFile(filepath.Join(out, ManifestName))
	json.Unmarshal(data, &now)
	var listed []string
	for _, e := range now.Outputs {
		listed = append(listed, e.File)
	}
	if !slices.Equal(listed, []string{"a-short-book-about-books.epub", "other-book.pdf"}) {
		t.Errorf("the manifest now lists %v", listed)
	}
}

// TestCleanManifestNotAFile: a manifest that is a link, or not JSON, is not read (nothing
// removed, the failure said) and is replaced by one of this build.
func TestCleanManifestNotAFile(t *testing.T) {
	dir := starterCopy(t)
	for _, c := range []struct {
		name string
		make func(path string)
	}{
		{"link", func(path string) { os.Symlink("/etc/passwd", path) }},
		{"garbage", func(path string) { os.WriteFile(path, []byte("{\"version\": 1, \"outputs\": ["), 0o644) }},
		{"version", func(path string) { os.WriteFile(path, []byte(`{"version": 7}`), 0o644) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			c.make(filepath.Join(out, ManifestName))
			res, err := Build(Options{Dir: dir, OutDir: out, Formats: []Format{EPUB}, NoPageList: true, Clean: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Cleanup.Err == nil || len(res.Cleanup.Removed) != 0 {
				t.Fatalf("cleanup %+v", res.Cleanup)
			}
			if info, err := os.Lstat(filepath.Join(out, ManifestName)); err != nil || !info.Mode().IsRegular() {
				t.Fatalf("the manifest was not replaced: %v", err)
			}
			if _, err := os.Stat("/etc/passwd"); err != nil && c.name == "link" {
				t.Fatal(err)
			}
		})
	}
}
