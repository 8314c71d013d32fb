package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildDraft: the starter book with its apparatus left behind (a cross-reference to a
// heading since deleted, an index term the text no longer has) does not build; with --draft
// it does, exit status 0, every problem printed as a warning, "??" and DRAFT in the PDF,
// and the book's own outputs, from an earlier build, left as they were.
func TestBuildDraft(t *testing.T) {
	book := t.TempDir()
	run(t, "init", book)
	out := filepath.Join(book, "out")
	if code, _, stderr := run(t, "build", book, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	finished, _ := os.ReadFile(filepath.Join(out, starterPDF))

	chapter := filepath.Join(book, "01-the-codex.md")
	text, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, []byte(strings.Replace(string(text), "[](#press-to-screen)", "[](#press-to-screem)", 1)), 0o644)
	index, _ := os.ReadFile(filepath.Join(book, "index.yaml"))
	os.WriteFile(filepath.Join(book, "index.yaml"), append(index, "- term: vellum\n"...), 0o644)

	if code, _, stderr := run(t, "build", book, "--out", out); code != 1 || strings.Count(stderr, ": error: ") != 2 {
		t.Fatalf("without --draft: exit %d:\n%s", code, stderr)
	}
	code, stdout, stderr := run(t, "build", book, "--out", out, "--draft")
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		`01-the-codex.md:31:1: warning: cross-reference [](#press-to-screem): no heading, anchor or entry in the book has that ID; did you mean "press-to-screen"?`,
		`index.yaml:58:3: warning: index term "vellum" occurs nowhere in the text`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("no %q in:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "wrote "+filepath.Join(out, "a-short-book-about-books.draft.pdf")) ||
		!strings.Contains(stdout, `built a draft (2 problems above left for later: "??" in the text) of "A Short Book About Books"`) {
		t.Errorf("stdout:\n%s", stdout)
	}
	if now, _ := os.ReadFile(filepath.Join(out, starterPDF)); string(now) != string(finished) {
		t.Error("the draft overwrote the book's PDF")
	}
	needTool(t, "pdftotext", "poppler-utils")
	pdfText, err := exec.Command("pdftotext", filepath.Join(out, "a-short-book-about-books.draft.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Count(string(pdfText), "\f")
	if n := strings.Count(string(pdfText), "DRAFT"); n != pages || pages == 0 {
		t.Errorf("DRAFT on %d of %d pages", n, pages)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(pdfText)), " "), "to the screen: see ??.") {
		t.Errorf("no ?? for the cross-reference:\n%s", pdfText)
	}
}

// TestImposeMistakesAreUsageErrors: a wrong --impose is a command-line mistake (exit 2,
// with the sheet probably meant), said before anything is built, as --format's are.
func TestImposeMistakesAreUsageErrors(t *testing.T) {
	book := t.TempDir()
	run(t, "init", book)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", book, "--impose", "bookelt"}, `--impose "bookelt": use booklet, or a sheet size: A4, A3, Letter, Tabloid (did you mean booklet?)`},
		{[]string{"build", book, "--impose", "A4", "--format", "epub"}, "--impose makes a booklet from the PDF: add pdf to --format"},
		{[]string{"build", book, "--impose", "foo", "--json"}, `--impose "foo"`},
	} {
		if code, _, stderr := run(t, c.args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(book, "out")); err == nil {
		t.Error("a usage mistake built the book")
	}
}
