package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A rebuild cuts into pages afresh only the chapters whose pages can change, takes the
// others' pages as cut before (layout's keptpages.go), and draws a page as the build before
// did when nothing it shows changed (keptdraw.go). Through edits that move page breaks
// without changing a chapter's count of lines (its paragraphs in the other order), push a
// chapter onto one more page (every chapter after it opening on the other side, chapters
// opening on rectos), lengthen a note, rename a chapter (its running heads) and a note, edit
// the first chapter and change the page numbers the edition notes and the back matter
// print, every output is a cold build's.
func TestKeptPagesMatchColdBuilds(t *testing.T) {
	dir := copyBook(t, "../../manuscript", nil)
	edit(t, dir, "book.yaml", "trim: A5\n", "trim: A5\nprint:\n  recto_chapters: true\n")
	cache := NewCache()
	tmp := t.TempDir()
	check := func(step string, wantKept bool) {
		t.Helper()
		warm, passes := buildInto(t, dir, filepath.Join(tmp, "warm"), cache)
		cut, kept := cache.Paginated()
		drawn, drawnKept := cache.Drawn()
		cold, _ := buildInto(t, dir, filepath.Join(tmp, "cold"), nil)
		t.Logf("%s: %d passes; chapters cut into pages %d, their pages kept %d; pages drawn %d, kept as drawn %d", step, passes, cut, kept, drawn, drawnKept)
		for name, want := range cold {
			if !bytes.Equal(warm[name], want) {
				t.Errorf("%s: %s differs from a cold build's", step, name)
			}
		}
		if wantKept && kept == 0 {
			t.Errorf("%s: no chapter kept its pages", step)
		}
	}
	check("first build", false)
	check("no change", true)
	if cut, _ := cache.Paginated(); cut != 0 {
		t.Errorf("an unchanged rebuild cut %d chapters into pages; want none", cut)
	}
	// The chapter's paragraphs in the other order, its title first still: as many lines,
	// its breaks elsewhere (and the anchors in them on other pages).
	const name = "03-defeat-and-recomposition.md"
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	// (Its index ranges made marks: they would close before they open.)
	text := strings.NewReplacer("|(}", "}", "|)}", "}").Replace(string(data))
	paras := strings.Split(strings.TrimRight(text, "\n"), "\n\n")
	slices.Reverse(paras[1:])
	if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(paras, "\n\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("paragraphs in the other order", true)
	edit(t, dir, "00-introduction.md", "\n\n", "\n\nA word in the first chapter.\n\n")
	check("an edit in the first chapter", true)
	// A page's worth added to the first chapter: every chapter after it starts a page later
	// (on the other side, then a blank page before it or none), and every page number printed.
	long := strings.Repeat("A paragraph added to the first chapter to push it onto one more page, long enough to fill several lines on its own. ", 6) + "\n\n"
	edit(t, dir, "00-introduction.md", "A word in the first chapter.\n\n", "A word in the first chapter.\n\n"+strings.Repeat(long, 5))
	check("a page added to the first chapter", true)
	edit(t, dir, "00-introduction.md", strings.Repeat(long, 5), strings.Repeat(long, 2))
	check("pages taken away again", true)
	// The cross-referenced heading's page moves: the edition notes print another number.
	edit(t, dir, "01-the-1952-revolution-and-the-mnr.md", "\n\n", "\n\n"+long+long)
	check("a cross-referenced page moved", true)
	// A note made longer: its chapter's lines as they were, its page's foot taller.
	edit(t, dir, "04-the-indian-majority.md", "(native community lands).", "(native community lands). "+strings.Repeat("A sentence added to the note to make it run over several lines at the foot of its page. ", 8))
	check("a note made longer", true)
	// A chapter's title renamed, as long: its running heads change, its pages do not move.
	edit(t, dir, "05-urban-classes.md", "# Urban classes {#", "# Urban castes {#")
	check("a chapter's title renamed", true)
	// A note's label renamed: its number and lines as they were, its anchor another.
	edit(t, dir, "04-the-indian-majority.md", "[^ed-tco]", "[^ed-tcx]")
	edit(t, dir, "04-the-indian-majority.md", "[^ed-tco]", "[^ed-tcx]")
	check("a note's label renamed", true)
	edit(t, dir, "book.yaml", "  recto_chapters: true\n", "  recto_chapters: false\n")
	check("chapters on either side", false)
	edit(t, dir, "01-the-1952-revolution-and-the-mnr.md", long+long, "")
	check("the cross-referenced page back", true)
}
