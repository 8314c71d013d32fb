package e2e

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/pipeline"
	"bindery/internal/tagcheck"
)

// TestTaggedPDF walks the structure tree of the default book and of the fixture book with
// tagcheck (qpdf's reading of the file): every text, picture and rule painted is tagged
// content the tree reaches or an artifact, the tree reads in the content's order, figures
// have Alt, heading levels do not skip and are the document model's, annotations are in the
// tree; poppler says Tagged: yes.
func TestTaggedPDF(t *testing.T) {
	needTool(t, "qpdf", "qpdf")
	needTool(t, "pdfinfo", "poppler-utils")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	for _, book := range []struct{ dir, pdf string }{
		{defaultBookDir, pdfName},
		{"testdata/books/features", "features-a-test-book.pdf"},
		{"testdata/books/es", "bolivia-en-cinco-fechas.pdf"}, // passages in Aymara and English
	} {
		t.Run(filepath.Base(book.dir), func(t *testing.T) {
			out := t.TempDir()
			if code, _, stderr := run(t, "build", book.dir, "--format", "pdf", "--out", out); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			path := filepath.Join(out, book.pdf)
			info, _ := exec.Command("pdfinfo", path).CombinedOutput()
			if !strings.Contains(string(info), "Tagged:          yes") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			r, err := tagcheck.File(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range r.Problems {
				t.Error(p)
			}
			b, _, err := pipeline.Load(book.dir)
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := pipeline.Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			// The title page's title, the contents' heading, then the model's headings, a
			// level the author skipped tagged one below the heading before.
			want := []int{1, 1}
			for _, ch := range d.Chapters() {
				for _, h := range ch.Sections() {
					want = append(want, min(h.Level, want[len(want)-1]+1, 6))
				}
			}
			if !slices.Equal(r.Headings, want) {
				t.Errorf("the tree's headings %v, the model's %v", r.Headings, want)
			}
			if r.Types["P"] < 10 || r.Types["Link"] == 0 || r.Marked < 100 {
				t.Errorf("a thin tree: %v, %d marked", r.Types, r.Marked)
			}
			checkPassages(t, d.Chapters(), r.Langs)
		})
	}
}

// checkPassages compares the /Lang of the tree's elements with the passages the model
// marks in another language: each passage's language is on at least as many elements as
// the model has passages in it (a heading's is on its contents entry too), and no element
// has a language the model does not mark.
func checkPassages(t *testing.T, chapters []*doc.Chapter, langs []string) {
	t.Helper()
	model := map[string]int{}
	for _, ch := range chapters {
		doc.WalkInlines(ch, func(in doc.Inline) {
			if sp, ok := in.(*doc.Span); ok && sp.Lang != "" {
				model[sp.Lang]++
			}
		})
	}
	tree := map[string]int{}
	for _, l := range langs {
		tree[l]++
	}
	for l, n := range model {
		if tree[l] < n {
			t.Errorf("%d passages in %s, %d elements with /Lang %s", n, l, tree[l], l)
		}
	}
	for l := range tree {
		if model[l] == 0 {
			t.Errorf("/Lang %s in the tree, no passage in %s in the model", l, l)
		}
	}
}

// TestPrintShopBuild builds a book with print: bleed, marks and paper, a back cover and a print
// ISBN, with --cover-pdf: the PDF's pages and the cover have the sizes the settings give, the
// cover says its back text and its barcode's ISBN.
func TestPrintShopBuild(t *testing.T) {
	needTool(t, "pdfinfo", "poppler-utils")
	dir := copyBook(t, "testdata/books/features")
	f, err := os.OpenFile(filepath.Join(dir, "book.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("print:\n  bleed: 3mm\n  marks: true\n  paper: {caliper: 0.2mm}\nprint_isbn: 978-0-306-40615-7\nback_cover: |\n  The back of the features book.\n")
	f.Close()
	out := t.TempDir()
	if code, _, stderr := run(t, "build", dir, "--format", "pdf", "--cover-pdf", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	book, cover := filepath.Join(out, "features-a-test-book.pdf"), filepath.Join(out, "features-a-test-book-cover.pdf")
	size := func(path string) (float64, float64) {
		b, _ := exec.Command("pdfinfo", path).Output()
		m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no page size:\n%s", path, b)
		}
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		return w, h
	}
	const mm = 72 / 25.4
	margin := 3*mm + 9*mm // the bleed, and the slug that holds the marks
	a5w, a5h := 148*mm, 210*mm
	if w, h := size(book); math.Abs(w-(a5w+2*margin)) > 0.5 || math.Abs(h-(a5h+2*margin)) > 0.5 {
		t.Errorf("page %g × %g, want A5 and %g around it", w, h, margin)
	}
	pages := pageCount(t, book)
	spine := float64(pages) * 0.2 * mm / 2
	if w, _ := size(cover); math.Abs(w-(2*a5w+spine+2*margin)) > 0.1*mm {
		t.Errorf("cover %g wide, want two A5 pages, a spine of %g for %d pages and %g around", w, spine, pages, margin)
	}
	text, _ := exec.Command("pdftotext", cover, "-").Output()
	for _, want := range []string{"The back of the features book.", "ISBN 9780306406157", "Features: a test"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the cover lacks %q:\n%s", want, text)
		}
	}
}

// TestPrintCoverPicture: with a cover: picture in book.yaml, --cover-pdf puts it on the
// front (its pixels as print needs them), and the front has no typographic title then (the
// publisher's name, on the front alone, is gone; the back keeps its text).
func TestPrintCoverPicture(t *testing.T) {
	needTool(t, "pdfimages", "poppler-utils")
	dir := copyBook(t, "testdata/books/features")
	pic, err := os.ReadFile("testdata/books/commonmark/figures/gradient.png")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "front.png"), pic, 0o644)
	f, err := os.OpenFile(filepath.Join(dir, "book.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("cover: front.png\nprint: {bleed: 3mm}\nback_cover: The back of the features book.\n")
	f.Close()
	out := t.TempDir()
	if code, _, stderr := run(t, "build", dir, "--format", "pdf", "--cover-pdf", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cover := filepath.Join(out, "features-a-test-book-cover.pdf")
	list, _ := exec.Command("pdfimages", "-list", cover).Output()
	if rows := strings.Split(strings.TrimSpace(string(list)), "\n"); len(rows) != 3 || !strings.Contains(rows[2], " image ") {
		t.Errorf("pdfimages -list: want the cover picture alone:\n%s", list)
	}
	text, _ := exec.Command("pdftotext", cover, "-").Output()
	if strings.Contains(string(text), "The Test Press") || !strings.Contains(string(text), "The back of the features book.") {
		t.Errorf("the cover's text, over a picture:\n%s", text)
	}
	if res, err := exec.Command("qpdf", "--check", cover).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, res)
	}
}
