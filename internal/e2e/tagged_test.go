package e2e

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
		})
	}
}
