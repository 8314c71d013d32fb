package pipeline

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bindery/book/diag"
	"bindery/book/starter"
)

// unfinished is the starter book with its apparatus left behind by the text: a dangling
// cross-reference, a chronology entry whose anchor was deleted, an index mark of no entry,
// an index term and a glossary entry nothing uses, and a "see" to a term that is not there.
func unfinished(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	edit := func(name, old, new string) {
		path := filepath.Join(dir, name)
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", name, old)
		}
		os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	}
	edit("01-the-codex.md", "[](#press-to-screen)", "[](#the-future)")
	edit("01-the-codex.md", "{^reading!finding a place}find", "{^vellum}find")
	edit("02-from-press-to-screen.md", "{#c-aldus}", "")
	edit("index.yaml", "- term: e-book\n  see: EPUB", "- term: e-book\n  see: ebook\n- term: parchment")
	edit("glossary.yaml", "- id: codex", "- id: quire\n  term: quire\n  definition: A gathering of folded sheets.\n- id: codex")
	return dir
}

// TestDraft: an unfinished book does not build; as a draft it does, with every problem
// reported as a warning, "??" for each reference that leads nowhere in both editions, the
// unused entries left out, DRAFT on every page, and the outputs under their own names.
func TestDraft(t *testing.T) {
	dir := unfinished(t)
	out := t.TempDir()
	opt := Options{Dir: dir, OutDir: out, Formats: Formats, KeepLayout: true} // its runs are read
	res, err := Build(opt)
	errs := 0
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			errs++
		}
	}
	if err == nil || errs < 5 {
		t.Fatalf("the unfinished book built (%v, %d errors):\n%v", err, errs, res.Diagnostics)
	}

	opt.Draft = true
	res, err = Build(opt)
	if err != nil {
		t.Fatalf("the draft did not build: %v\n%v", err, res.Diagnostics)
	}
	if !res.Book.Draft {
		t.Error("the draft is not marked as one")
	}
	warned := 0
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			t.Errorf("an error in a draft that built: %s", d)
		}
		if d.Draft {
			warned++
		}
	}
	if warned != errs {
		t.Errorf("%d problems reported in the draft, %d in the book", warned, errs)
	}
	epubPath := filepath.Join(out, "a-short-book-about-books.draft.epub")
	pdfPath := filepath.Join(out, "a-short-book-about-books.draft.pdf")
	if strings.Join(res.Outputs, " ") != epubPath+" "+pdfPath {
		t.Errorf("outputs %v", res.Outputs)
	}

	// Print: DRAFT on every page, "??" for the cross-reference and the chronology's page.
	marked, unresolved := 0, 0
	for _, p := range res.Layout.Pages {
		for _, r := range p.Runs {
			if r.Text == "DRAFT" {
				marked++
			}
			if strings.Contains(r.Text, "??") {
				unresolved++
				if r.Link != 0 {
					t.Errorf("page %s: ?? links to %s", p.Label, r.Link.Target())
				}
			}
		}
	}
	if marked != len(res.Layout.Pages) {
		t.Errorf("DRAFT on %d of %d pages", marked, len(res.Layout.Pages))
	}
	if unresolved < 2 {
		t.Errorf("?? printed %d times, want the cross-reference and the chronology's page", unresolved)
	}

	// The EPUB: the same "??", no link to nowhere, unused entries left out.
	files := unzip(t, epubPath)
	if !strings.Contains(files["OEBPS/text/codex.xhtml"], "to the screen: see ??.") {
		t.Error("the EPUB's dangling cross-reference is not ??")
	}
	if !strings.Contains(files["OEBPS/text/chronology.xhtml"], "(p.\u00a0??)") {
		t.Error("the EPUB's chronology entry without its anchor has no ??")
	}
	for _, word := range []string{"parchment", "quire", "vellum", "ebook"} {
		if strings.Contains(files["OEBPS/text/index.xhtml"]+files["OEBPS/text/glossary.xhtml"], word) {
			t.Errorf("%q is in the draft's back matter", word)
		}
	}
	if strings.Contains(files["OEBPS/text/index.xhtml"], `id="ix-e-book"`) {
		t.Error("an index entry whose only see leads nowhere is in the draft")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, _ := exec.Command("pdftotext", pdfPath, "-").Output()
		if strings.Count(string(text), "DRAFT") != len(res.Layout.Pages) || !strings.Contains(string(text), "??") {
			t.Errorf("pdftotext: %d DRAFT for %d pages", strings.Count(string(text), "DRAFT"), len(res.Layout.Pages))
		}
	}

	// Mended, the draft is the book: its own names, no marks.
	res, err = Build(Options{Dir: starterCopy(t), OutDir: out, Formats: Formats, Draft: true, KeepLayout: true})
	if err != nil || res.Book.Draft || filepath.Base(res.Outputs[1]) != "a-short-book-about-books.pdf" {
		t.Errorf("a draft with nothing to forgive: %v, %v", err, res.Outputs)
	}
	for _, r := range res.Layout.Pages[0].Runs {
		if r.Text == "DRAFT" {
			t.Error("DRAFT on the finished book")
		}
	}
}

func starterCopy(t *testing.T) string {
	dir := t.TempDir()
	if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func unzip(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
	}
	return files
}
