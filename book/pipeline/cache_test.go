package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// edit replaces the first old in the book's file name with new.
func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, name)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildInto builds the book in dir into out with the cache (nil: cold) and returns its
// outputs by file name.
func buildInto(t *testing.T, dir, out string, cache *Cache) map[string][]byte {
	t.Helper()
	epoch := time.Unix(1700000000, 0)
	os.RemoveAll(out)
	res, err := Build(Options{Dir: dir, OutDir: out, Formats: Formats, Epoch: &epoch, Generator: "bindery test", Cache: cache})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	files := map[string][]byte{}
	for _, p := range res.Outputs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	return files
}

// A build that reuses what the builds before it kept writes the bytes of a cold build, through
// a series of edits: a word, a new paragraph, a term's use that renumbers the marks after it, a definition in the glossary, the title (the cover), the type size (every
// paragraph), and back.
func TestCachedBuildsMatchColdBuilds(t *testing.T) {
	dir := copyBook(t, "../../testdata/books/features", nil)
	cache := NewCache()
	tmp := t.TempDir()
	check := func(step string) {
		t.Helper()
		warm := buildInto(t, dir, filepath.Join(tmp, "warm"), cache)
		set, kept := cache.Paragraphs()
		t.Logf("%s: %d paragraphs set, %d kept", step, set, kept)
		cold := buildInto(t, dir, filepath.Join(tmp, "cold"), nil)
		if len(warm) != len(cold) || len(cold) < 2 {
			t.Fatalf("%s: warm build wrote %d files, cold %d", step, len(warm), len(cold))
		}
		for name, want := range cold {
			if !bytes.Equal(warm[name], want) {
				t.Errorf("%s: %s differs from a cold build's", step, name)
			}
		}
	}
	check("first build")
	check("no change")
	if _, kept := cache.Paragraphs(); kept == 0 {
		t.Errorf("an unchanged rebuild took no paragraph from the build before")
	}
	edit(t, dir, "one.md", "paragraph", "passage")
	check("a word")
	edit(t, dir, "two.md", "### Deep heading\n", "### Deep heading\n\nA new paragraph, long enough to be set on more than one line of the page, with words to hyphenate: extraordinarily, incomprehensibilities; and the MNR, the COB and Sánchez de Lozada.\n")
	check("a new paragraph")
	// A term's use before the others renumbers their marks, and takes the glossary link.
	edit(t, dir, "one.md", "# The first chapter {#first}\n", "# The first chapter {#first}\n\nThe MNR and the COB, said Sánchez de Lozada.\n")
	check("a term's use")
	edit(t, dir, "glossary.yaml", "centre", "central body")
	check("the glossary")
	edit(t, dir, "book.yaml", "title: \"Features: a test book\"", "title: \"Features: another test book\"")
	check("the title")
	edit(t, dir, "book.yaml", "trim: A5\n", "trim: A5\nprint:\n  font_size: 11pt\n")
	check("the type size")
	edit(t, dir, "book.yaml", "print:\n  font_size: 11pt\n", "")
	edit(t, dir, "one.md", "passage", "paragraph")
	check("back")
}

// After a one-word edit in a paragraph of the default book, that paragraph is set again, and
// beside it only those no build can keep (page references, set in every pass).
func TestOneWordEditSetsOneParagraph(t *testing.T) {
	dir := copyBook(t, "../../manuscript", nil)
	cache := NewCache()
	out := filepath.Join(t.TempDir(), "out")
	buildInto(t, dir, out, cache)
	cold, _ := cache.Paragraphs()
	buildInto(t, dir, out, cache)
	floor, kept := cache.Paragraphs()
	entries := cache.EPUBEntries()
	const name = "05-urban-classes.md"
	edit(t, dir, name, "with 64% living in cities", "with 64% dwelling in cities")
	warm := buildInto(t, dir, out, cache)
	set, _ := cache.Paragraphs()
	if n := cache.Files(); n != 1 {
		t.Errorf("after a one-word edit %d files were parsed; want the edited one", n)
	}
	if n := cache.pdf.Made(); n == 0 || n > 6 {
		t.Errorf("after a one-word edit %d PDF streams were compressed; want the edited page's and the fonts'", n)
	}
	if n := cache.apparatus.Reads(); n != 1 {
		t.Errorf("the apparatus was read %d times in three builds; want once", n)
	}
	t.Logf("paragraphs set: cold %d, unchanged rebuild %d (%d kept), after a one-word edit %d; EPUB entries compressed: unchanged %d, after the edit %d; PDF streams compressed after the edit %d",
		cold, floor, kept, set, entries, cache.EPUBEntries(), cache.pdf.Made())
	if set != floor+1 {
		t.Errorf("after a one-word edit %d paragraphs were set; want %d (those an unchanged rebuild sets, and the edited one)", set, floor+1)
	}
	if floor*4 > cold {
		t.Errorf("an unchanged rebuild set %d of the %d paragraphs of a cold build", floor, cold)
	}
	// The edited chapter's file and the files that show print pages changed; not the rest.
	if n := cache.EPUBEntries(); n == 0 || n > 4 {
		t.Errorf("after a one-word edit %d EPUB entries were compressed; want the edited chapter's and those its pages move", n)
	}
	cold2 := buildInto(t, dir, filepath.Join(t.TempDir(), "cold"), nil)
	for name, want := range cold2 {
		if !bytes.Equal(warm[name], want) {
			t.Errorf("%s differs from a cold build's", name)
		}
	}
}

// The paragraphs kept serve one set of settings: a change of any setting of the layout starts
// afresh, and a rebuild with the same settings keeps them.
func TestReuseFollowsTheSettings(t *testing.T) {
	b, _, err := Load("../../testdata/books/features")
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := PrintSettings(b)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache()
	first := c.reuseFor(b.Config, &s)
	again, _, _ := PrintSettings(b)
	if c.reuseFor(b.Config, &again) != first {
		t.Errorf("the same settings, made again, did not keep the paragraphs")
	}
	wider := s
	wider.Outer -= 1
	if c.reuseFor(b.Config, &wider) == first {
		t.Errorf("other margins kept the paragraphs")
	}
	if !strings.Contains(settingsKey(&s), "FontSize=") || strings.Contains(settingsKey(&s), "Hyphenator") {
		t.Errorf("the settings key: %s", settingsKey(&s))
	}
}
