package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"bindery/book/diskcache"
)

// buildStored builds the book in dir into out as `bindery build --cache` does: a new process
// each time, with only the on-disk cache. It returns the outputs and what the cache found,
// missed and wrote.
func buildStored(t *testing.T, dir, out string) (files map[string][]byte, hits, misses, writes int) {
	t.Helper()
	dc, err := diskcache.Open(dir, diskcache.WithIdentity("pipeline test"))
	if err != nil {
		t.Fatal(err)
	}
	c := NewStoreCache(dc)
	files, _ = buildInto(t, dir, out, c)
	if err := dc.Close(); err != nil {
		t.Fatal(err)
	}
	hits, misses, writes = dc.Stats()
	return files, hits, misses, writes
}

func sameFiles(t *testing.T, step string, warm, cold map[string][]byte) {
	t.Helper()
	if len(warm) != len(cold) || len(cold) < 2 {
		t.Fatalf("%s: the cached build wrote %d files, the cold one %d", step, len(warm), len(cold))
	}
	for name, want := range cold {
		if !bytes.Equal(warm[name], want) {
			t.Errorf("%s: %s differs from a cold build's", step, name)
		}
	}
}

// Builds through the on-disk cache write a cold build's bytes, each in a fresh process-like
// cache, through a series of edits; an unchanged book finds everything, an edit misses only
// what it changed.
func TestStoredBuildsMatchColdBuilds(t *testing.T) {
	dir := copyBook(t, "../../testdata/books/features", nil)
	tmp := t.TempDir()
	check := func(step string) (hits, misses, writes int) {
		t.Helper()
		warm, hits, misses, writes := buildStored(t, dir, filepath.Join(tmp, "warm"))
		t.Logf("%s: %d found, %d missed, %d written", step, hits, misses, writes)
		cold, _ := buildInto(t, dir, filepath.Join(tmp, "cold"), nil)
		sameFiles(t, step, warm, cold)
		return hits, misses, writes
	}
	if h, m, w := check("first build"); h != 0 || m == 0 || w != m {
		t.Errorf("a first build found %d, missed %d, wrote %d: want 0, all, all", h, m, w)
	}
	total, _, _ := check("no change")
	if _, m, w := check("no change, again"); m != 0 || w != 0 {
		t.Errorf("an unchanged build missed %d and wrote %d entries of %d", m, w, total)
	}
	edit(t, dir, "one.md", "paragraph", "passage")
	if h, m, _ := check("a word"); m == 0 || m*2 > total || h == 0 {
		t.Errorf("a one-word edit found %d and missed %d of %d entries", h, m, total)
	}
	edit(t, dir, "one.md", "# The first chapter {#first}\n", "# The first chapter {#first}\n\nThe MNR and the COB, said Sánchez de Lozada.\n")
	check("a term's use")
	edit(t, dir, "glossary.yaml", "centre", "central body")
	check("the glossary")
	edit(t, dir, "book.yaml", "title: \"Features: a test book\"", "title: \"Features: another test book\"")
	check("the title (the cover)")
	edit(t, dir, "book.yaml", "trim: A5\n", "trim: A5\nprint:\n  font_size: 11pt\n")
	check("the type size")
	edit(t, dir, "book.yaml", "print:\n  font_size: 11pt\n", "")
	edit(t, dir, "one.md", "passage", "paragraph")
	check("back")
}

// Every entry of the cache damaged (its value's bytes changed, or replaced by another
// entry's file): the build finds nothing, trusts nothing, and writes a cold build's bytes.
func TestDamagedStoreBuildsCold(t *testing.T) {
	dir := copyBook(t, "../../testdata/books/features", nil)
	tmp := t.TempDir()
	cold, _ := buildInto(t, dir, filepath.Join(tmp, "cold"), nil)
	buildStored(t, dir, filepath.Join(tmp, "warm"))
	versions, err := filepath.Glob(filepath.Join(dir, diskcache.Dir, "v*"))
	if err != nil || len(versions) != 1 {
		t.Fatalf("cache folders: %v, %v", versions, err)
	}
	entries, _ := os.ReadDir(versions[0])
	var first []byte
	for i, e := range entries {
		p := filepath.Join(versions[0], e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case i == 0:
			first = data
			data[len(data)-1] ^= 0xff
		case i%2 == 0:
			data = first // another entry's file
		default:
			data[len(data)/2+len(data)%7] ^= 0x10
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	warm, hits, _, _ := buildStored(t, dir, filepath.Join(tmp, "warm"))
	if hits != 0 {
		t.Errorf("%d damaged entries were used", hits)
	}
	sameFiles(t, "a damaged cache", warm, cold)
	// And the cache is whole again.
	if _, _, m, _ := buildStored(t, dir, filepath.Join(tmp, "warm")); m != 0 {
		t.Errorf("after a damaged cache was rewritten, %d entries missed", m)
	}
}

// watch with --cache: the first build of the process reads what an earlier one kept.
func TestRebuildCacheReadsTheStore(t *testing.T) {
	dir := copyBook(t, "../../testdata/books/features", nil)
	tmp := t.TempDir()
	buildStored(t, dir, filepath.Join(tmp, "first"))
	dc, err := diskcache.Open(dir, diskcache.WithIdentity("pipeline test"))
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	c := NewCache()
	c.SetStore(dc)
	warm, _ := buildInto(t, dir, filepath.Join(tmp, "warm"), c)
	if n := c.pdf.Made(); n != 0 {
		t.Errorf("the first build of a watch compressed %d PDF streams the store held", n)
	}
	if n := c.EPUBEntries(); n != 0 {
		t.Errorf("the first build of a watch compressed %d EPUB entries the store held", n)
	}
	cold, _ := buildInto(t, dir, filepath.Join(tmp, "cold"), nil)
	sameFiles(t, "watch", warm, cold)
}
