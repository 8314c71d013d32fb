package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckListsEverything: one mistake in each of four files (a misspelt book.yaml key, a
// misspelt index mark, a misspelt chronology key, a misspelt glossary id in the index): all
// four are reported, each once with its suggestion, nothing follows from them, and the
// summary counts them by file. A chapter file book.yaml cannot find does not stop the check
// either: what may follow from it is left out, and said so.
func TestCheckListsEverything(t *testing.T) {
	book := t.TempDir()
	run(t, "init", book)
	edit := func(name, old, new string) {
		path := filepath.Join(book, name)
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", name, old)
		}
		os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}
	edit("book.yaml", "\nsubtitle:", "\nsubtitel:")
	edit("01-the-codex.md", "{^codex!replaces the scroll}took", "{^codx}took")
	edit("chronology.yaml", "  anchor: c-aldus", "  ancor: c-aldus")
	edit("index.yaml", "glossary: recto", "glossary: rceto")

	code, stdout, _ := run(t, "check", book)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var diags []string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.Contains(l, ": error: ") || strings.Contains(l, ": warning: ") {
			diags = append(diags, l[strings.LastIndex(l[:strings.Index(l, ": ")], "/")+1:])
		}
	}
	want := []string{
		`01-the-codex.md:6:1: error: index mark {^codx}: no index entry has the term "codx"; did you mean "codex"?`,
		`book.yaml:6:1: error: unknown key "subtitel": did you mean "subtitle"?`,
		`chronology.yaml:24:3: error: unknown key "ancor": did you mean "anchor"?`,
		`index.yaml:51:13: error: glossary: no glossary entry has the id "rceto"; did you mean "recto"?`,
	}
	if strings.Join(diags, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(diags, "\n"), strings.Join(want, "\n"))
	}
	for _, line := range []string{"book.yaml        1 error\n", "chronology.yaml  1 error\n", "index.yaml       1 error\n", "4 errors, 0 warnings\n"} {
		if !strings.Contains(stdout, line) {
			t.Errorf("no %q in the summary:\n%s", line, stdout)
		}
	}

	// A chapter book.yaml cannot find: reported with the file meant; the rest still checked.
	edit("book.yaml", "  - 02-from-press-to-screen.md", "  - 02-from-press-to-sreen.md")
	_, stdout, _ = run(t, "check", book)
	for _, want := range append(want[:1:1],
		`error: 02-from-press-to-sreen.md: no such file in the book's folder; did you mean "02-from-press-to-screen.md"?`,
		"problems about IDs and the uses of entries not shown: they may follow from the file that could not be read",
		"5 errors, 0 warnings, 1 note\n") {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
}
