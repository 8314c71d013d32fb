package pipeline

import (
	"bytes"
	"image"
	"image/png"
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
// outputs by file name, and how many layout passes the page numbers took.
func buildInto(t *testing.T, dir, out string, cache *Cache) (map[string][]byte, int) {
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
	return files, res.Layout.Passes
}

// A build that reuses what the builds before it kept writes the bytes of a cold build, through
// a series of edits: a word, a new paragraph, a term's use that renumbers the marks after it, a definition in the glossary, the title (the cover), the type size (every
// paragraph), pages added before the page references' targets and taken away again, a note
// that renumbers the others, a cross-reference's target renamed and moved to another chapter,
// index entries renamed and referred to, an index mark added early, a term's use taken away,
// the index's match forms changed and changed back, and back. EPUB chapters are written again when they, or anything they show of the rest of
// the book, changed.
// A rebuild starts the page numbers from those the last build settled on: one pass when
// nothing moved.
func TestCachedBuildsMatchColdBuilds(t *testing.T) {
	dir := copyBook(t, "../../testdata/books/features", nil)
	cache := NewCache()
	tmp := t.TempDir()
	var passes int
	check := func(step string) {
		t.Helper()
		var warm, cold map[string][]byte
		var coldPasses int
		warm, passes = buildInto(t, dir, filepath.Join(tmp, "warm"), cache)
		set, kept := cache.Paragraphs()
		written, reused := cache.EPUBChapters()
		lines := cache.index.Made()
		painted, pagesKept := cache.PDFPages()
		cut, paginated := cache.Paginated()
		cold, coldPasses = buildInto(t, dir, filepath.Join(tmp, "cold"), nil)
		t.Logf("%s: %d paragraphs set, %d kept; %d passes (cold %d); EPUB chapters %d written, %d kept; %d index lines made; PDF pages %d painted, %d kept; chapters cut into pages %d, their pages kept %d", step, set, kept, passes, coldPasses, written, reused, lines, painted, pagesKept, cut, paginated)
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
	if passes < 2 {
		t.Fatalf("a cold build of the fixture book took %d layout pass; the book has page references and back matter, it needs two at least", passes)
	}
	check("no change")
	if _, kept := cache.Paragraphs(); kept == 0 {
		t.Errorf("an unchanged rebuild took no paragraph from the build before")
	}
	if passes != 1 {
		t.Errorf("an unchanged rebuild took %d layout passes; want 1 (the page numbers of the build before hold)", passes)
	}
	edit(t, dir, "one.md", "paragraph", "passage")
	check("a word")
	if passes != 1 {
		t.Errorf("a one-word edit took %d layout passes; want 1", passes)
	}
	// Pages of text before the targets of the page references move every page number after them.
	long := strings.Repeat("A paragraph added to move the pages after it, long enough to fill several lines of the page on its own, with words to hyphenate: extraordinarily, incomprehensibilities.\n\n", 24)
	edit(t, dir, "one.md", "# The first chapter {#first}\n", "# The first chapter {#first}\n\n"+long)
	check("pages added")
	if passes < 2 {
		t.Errorf("pages added before the references' targets took %d layout pass", passes)
	}
	edit(t, dir, "one.md", long, "")
	check("pages taken away")
	edit(t, dir, "two.md", "### Deep heading\n", "### Deep heading\n\nA new paragraph, long enough to be set on more than one line of the page, with words to hyphenate: extraordinarily, incomprehensibilities; and the MNR, the COB and Sánchez de Lozada.\n")
	check("a new paragraph")
	// A term's use before the others renumbers their marks, and takes the glossary link.
	edit(t, dir, "one.md", "# The first chapter {#first}\n", "# The first chapter {#first}\n\nThe MNR and the COB, said Sánchez de Lozada.\n")
	check("a term's use")
	// A note called before the others renumbers them: the paragraphs calling them are set
	// again, and those kept point at this build's notes.
	edit(t, dir, "one.md", "A footnote here[^fact]", "A new note[^first] and a footnote here[^fact]")
	edit(t, dir, "one.md", "[^fact]: A note", "[^first]: The new first note.\n\n[^fact]: A note")
	check("a note renumbers the notes")
	edit(t, dir, "glossary.yaml", "centre", "central body")
	check("the glossary")
	edit(t, dir, "book.yaml", "title: \"Features: a test book\"", "title: \"Features: another test book\"")
	check("the title")
	edit(t, dir, "book.yaml", "trim: A5\n", "trim: A5\nprint:\n  font_size: 11pt\n")
	check("the type size")
	edit(t, dir, "book.yaml", "print:\n  font_size: 11pt\n", "")
	// Chapters that did not change but refer to what did: a cross-reference's target
	// renamed in another chapter, and a heading another chapter refers to moved to a third
	// file (the reference's link changes, its chapter does not).
	edit(t, dir, "one.md", "# The first chapter {#first}\n", "# The first chapter, renamed {#first}\n")
	check("a cross-reference's target renamed")
	if written, _ := cache.EPUBChapters(); written < 2 {
		t.Errorf("a heading renamed rewrote %d EPUB chapters; want its own and the one referring to it", written)
	}
	edit(t, dir, "notes.md", "Nothing to say.", "Nothing to say; see [](#deep-heading).")
	check("a cross-reference to another chapter")
	edit(t, dir, "two.md", "### Deep heading\n", "")
	edit(t, dir, "one.md", "## A section with áccents\n", "## A section with áccents\n\n### Deep heading\n")
	check("a cross-reference's target moved to another chapter")
	if written, _ := cache.EPUBChapters(); written < 3 {
		t.Errorf("a heading moved rewrote %d EPUB chapters; want the two it moved between and the one referring to it", written)
	}
	// The index's lines: a see-reference's target renamed (the line referring to it changes,
	// its own entry does not), and a see-also added.
	edit(t, dir, "index.yaml", "- term: MNR\n", "- term: MNR party\n")
	edit(t, dir, "index.yaml", "  see: MNR\n", "  see: MNR party\n")
	edit(t, dir, "index.yaml", "  see_also: [Revolution]\n", "  see_also: [Revolution, Nationalist party]\n")
	check("the index's entries")
	if n := cache.index.Made(); n == 0 {
		t.Errorf("index entries renamed made no index line again")
	}
	// A letter new to the book on its first text page: the glyphs first drawn after it take
	// other codes, so later pages whose text did not change are painted again.
	edit(t, dir, "one.md", "\"Quotes\" become", "\"Quøtes\" become")
	check("a new letter early in the book")
	if painted, reused := cache.PDFPages(); painted < 2 || reused == 0 {
		t.Errorf("a new letter early in the book painted %d PDF pages and kept %d; want the pages after it painted", painted, reused)
	}
	// A short paragraph moves the page breaks after it, not the page numbers of the targets.
	edit(t, dir, "one.md", "> In two paragraphs.[^fact]\n", "> In two paragraphs.[^fact]\n\n"+strings.Repeat("A short paragraph, added to move the page breaks after it by a few lines. ", 4)+"\n")
	check("a page break moved")
	if painted, _ := cache.PDFPages(); painted < 2 {
		t.Errorf("a page break moved painted %d PDF pages; want the pages it moved painted", painted)
	}
	// A link's target, inside the book and out of it; its words stay.
	edit(t, dir, "one.md", "[the second chapter](#second)", "[the second chapter](#notes-on-the-edition)")
	check("a link's target")
	edit(t, dir, "one.md", "[the second chapter](#notes-on-the-edition)", "[the second chapter](https://example.com/second)")
	check("a link to another site")
	// Relinking: an author's index mark added early (the entry's marks after it renumbered), a
	// term's use taken away (the glossary's uses after it renumbered, its link moved), the
	// index's match forms changed (the term tables made again, then their finds new to the
	// texts after an edit) and changed back.
	edit(t, dir, "one.md", "# The first chapter, renamed {#first}\n", "# The first chapter, renamed {#first}\n\nAn early mark{^Revolution} here.\n")
	check("an index mark added early")
	edit(t, dir, "one.md", "The MNR and the COB, said Sánchez de Lozada.\n", "")
	check("a term's use taken away")
	edit(t, dir, "index.yaml", "match: [Sánchez de Lozada]", "match: [Sánchez de Lozada, Goni]")
	edit(t, dir, "two.md", "came later.", "came later; Goni fled.")
	check("the index's match forms")
	edit(t, dir, "two.md", "Goni fled.", "Goni fled in 2003.")
	check("a text searched with the new forms")
	edit(t, dir, "index.yaml", "match: [Sánchez de Lozada, Goni]", "match: [Sánchez de Lozada]")
	check("the index's match forms back")
	// Texts unchanged, terms changed: a glossary term new to the book found in a chapter no
	// edit touched (its texts' kept finds are not this build's), then its first use moved to
	// an earlier chapter (its uses renumbered, the first-use link in each chapter), taken away.
	edit(t, dir, "glossary.yaml", "- id: cob\n", "- id: goni\n  term: Goni\n  definition: A president's nickname.\n- id: cob\n")
	check("a glossary term found in an unchanged chapter")
	edit(t, dir, "one.md", "An early mark{^Revolution} here.", "An early mark{^Revolution} here, Goni's.")
	check("a glossary term's first use moved to an earlier chapter")
	edit(t, dir, "one.md", "An early mark{^Revolution} here, Goni's.", "An early mark{^Revolution} here.")
	edit(t, dir, "glossary.yaml", "- id: goni\n  term: Goni\n  definition: A president's nickname.\n", "")
	check("the glossary term taken away")
	// Edits that change the structure tree before most of its elements: their object numbers
	// and the parent tree's entries shift, as a wrong reuse of a page's tags would miss.
	writePNG(t, filepath.Join(dir, "pic.png"))
	edit(t, dir, "one.md", "# The first chapter, renamed {#first}\n", "# The first chapter, renamed {#first}\n\n![A small square](pic.png)\n\n: A figure added early\n")
	check("a figure added early")
	edit(t, dir, "one.md", "![A small square](pic.png)", "![A square, described again](pic.png)")
	check("a figure's description")
	edit(t, dir, "one.md", "\n\n: A figure added early\n", "\n\n: A figure added early\n\n- an item [in Spanish]{lang=es}\n- and [a link](https://example.org/item)\n")
	check("a list with a passage and a link added")
	edit(t, dir, "one.md", "passage", "paragraph")
	check("back")
}

// writePNG writes a small PNG picture at path.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// After a one-word edit in a paragraph of the default book, that paragraph alone is set again,
// in one layout pass, and the rest of the work is done again for what the edit changed only.
func TestOneWordEditSetsOneParagraph(t *testing.T) {
	dir := copyBook(t, "../../manuscript", nil)
	cache := NewCache()
	out := filepath.Join(t.TempDir(), "out")
	_, coldPasses := buildInto(t, dir, out, cache)
	cold, _ := cache.Paragraphs()
	coldSearched := cache.terms.Searched()
	buildInto(t, dir, out, cache)
	unchangedSearched := cache.terms.Searched()
	if unchangedSearched != 0 {
		t.Errorf("an unchanged rebuild searched %d texts for terms; want 0", unchangedSearched)
	}
	floor, kept := cache.Paragraphs()
	entries := cache.EPUBEntries()
	const name = "05-urban-classes.md"
	edit(t, dir, name, "with 64% living in cities", "with 64% dwelling in cities")
	warm, passes := buildInto(t, dir, out, cache)
	set, _ := cache.Paragraphs()
	if passes != 1 || coldPasses < 2 {
		t.Errorf("a one-word edit took %d layout passes (a cold build %d); want 1: it moves no page", passes, coldPasses)
	}
	if n := cache.Files(); n != 1 {
		t.Errorf("after a one-word edit %d files were parsed; want the edited one", n)
	}
	// The edited page's contents, the name tree's leaves of the anchors it moved, the
	// structure elements around it and the parent tree (object streams), the cross-reference
	// stream.
	if n := cache.pdf.Made(); n == 0 || n > 8 {
		t.Errorf("after a one-word edit %d PDF streams were compressed; want the edited page's and the objects it changed", n)
	}
	if n := cache.terms.Searched(); n == 0 || n > 6 {
		t.Errorf("after a one-word edit %d texts were searched for the index's and glossary's terms; want the edited paragraph's", n)
	}
	if n := cache.apparatus.Reads(); n != 1 {
		t.Errorf("the apparatus was read %d times in three builds; want once", n)
	}
	t.Logf("paragraphs set: cold %d, unchanged rebuild %d (%d kept), after a one-word edit %d; EPUB entries compressed: unchanged %d, after the edit %d; PDF streams compressed after the edit %d; texts searched for terms: cold %d, unchanged %d, after the edit %d",
		cold, floor, kept, set, entries, cache.EPUBEntries(), cache.pdf.Made(), coldSearched, unchangedSearched, cache.terms.Searched())
	// Paragraphs with page references and note calls are kept too (under the references as
	// printed and the notes' numbers): an unchanged rebuild sets none.
	if floor != 0 {
		t.Errorf("an unchanged rebuild set %d of the %d paragraphs of a cold build; want 0", floor, cold)
	}
	if set != 1 {
		t.Errorf("after a one-word edit %d paragraphs were set; want the edited one", set)
	}
	// The edited chapter's file and the files that show print pages changed; not the rest.
	if n := cache.EPUBEntries(); n == 0 || n > 4 {
		t.Errorf("after a one-word edit %d EPUB entries were compressed; want the edited chapter's and those its pages move", n)
	}
	// No page moved and no term was used: every line of the index is kept.
	if n := cache.index.Made(); n != 0 {
		t.Errorf("after a one-word edit %d lines of the index were made again; want none", n)
	}
	// The edited chapter's XHTML alone is written again; the others' are kept as they were.
	if written, reused := cache.EPUBChapters(); written != 1 || reused == 0 {
		t.Errorf("after a one-word edit %d EPUB chapters were written and %d kept; want the edited one written", written, reused)
	}
	// The edited page alone is painted again (a one-word edit moves no line here).
	if painted, reused := cache.PDFPages(); painted != 1 || reused == 0 {
		t.Errorf("after a one-word edit %d PDF pages were painted and %d kept; want the edited one painted", painted, reused)
	}
	// Pagination starts again at the edited chapter: no other is cut afresh, and the pages
	// the edit did not change are drawn as they were.
	if cut, keptPages := cache.Paginated(); cut != 1 || keptPages == 0 {
		t.Errorf("after a one-word edit %d chapters were cut into pages afresh and %d kept their pages; want the edited one cut", cut, keptPages)
	}
	if drawn, keptDrawn := cache.Drawn(); drawn > 3 || keptDrawn == 0 {
		t.Errorf("after a one-word edit %d pages of kept chapters were drawn afresh and %d as before; want the edited page's few drawn", drawn, keptDrawn)
	} else {
		t.Logf("pages of kept chapters drawn afresh after a one-word edit: %d, as before: %d", drawn, keptDrawn)
	}
	cold2, _ := buildInto(t, dir, filepath.Join(t.TempDir(), "cold"), nil)
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
