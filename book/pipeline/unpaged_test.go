package pipeline

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// unzipEPUB reads an EPUB's entries.
func unzipEPUB(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(b)
	}
	return out
}

// Without a page-list (--no-page-list, or page_list: false) an EPUB alone is made without the
// print layout, and is the same EPUB whether or not the PDF is built beside it: no page
// numbers, its back matter pointing to chapters.
func TestEPUBWithoutPageList(t *testing.T) {
	dir := copyBook(t, "../../testdata/books/features", nil)
	epoch := time.Unix(1700000000, 0)
	build := func(opt Options) (*Result, []byte) {
		t.Helper()
		opt.Dir, opt.OutDir, opt.Epoch = dir, t.TempDir(), &epoch
		res, err := Build(opt)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(opt.OutDir, "features-a-test-book.epub"))
		if err != nil {
			t.Fatal(err)
		}
		return res, data
	}
	alone, epubAlone := build(Options{Formats: []Format{EPUB}, NoPageList: true})
	if alone.Layout != nil {
		t.Errorf("an EPUB without a page-list was laid out for print")
	}
	for _, tm := range alone.Timings {
		if tm.Stage == "layout" {
			t.Errorf("an EPUB without a page-list timed a layout")
		}
	}
	_, epubBeside := build(Options{Formats: Formats, NoPageList: true})
	if !bytes.Equal(epubAlone, epubBeside) {
		t.Errorf("without a page-list, the EPUB differs when the PDF is built beside it")
	}
	paged, epubPaged := build(Options{Formats: []Format{EPUB}})
	if paged.Layout == nil {
		t.Errorf("an EPUB with a page-list was not laid out for print")
	}

	files, pagedFiles := unzipEPUB(t, epubAlone), unzipEPUB(t, epubPaged)
	if !strings.Contains(pagedFiles["OEBPS/nav.xhtml"], "page-list") {
		t.Fatalf("the EPUB with a page-list has none")
	}
	if strings.Contains(files["OEBPS/nav.xhtml"], "page-list") || strings.Contains(files["OEBPS/content.opf"], "print-source") {
		t.Errorf("the EPUB without a page-list has one")
	}
	var all strings.Builder
	for name, text := range files {
		if strings.HasSuffix(name, ".xhtml") {
			all.WriteString(text)
		}
	}
	for _, bad := range []string{"p.\u00a0", "p.&#160;", "Pages:", "pagebreak"} {
		if strings.Contains(all.String(), bad) {
			t.Errorf("the EPUB without a page-list has %q", bad)
		}
	}
	glossary := files["OEBPS/text/glossary.xhtml"]
	if !strings.Contains(glossary, "(in <a href=\"../text/second.xhtml#") {
		t.Errorf("the glossary does not name the chapters its terms are used in:\n%s", glossary)
	}
	if !strings.Contains(files["OEBPS/text/chronology.xhtml"], "(in <a href=") {
		t.Errorf("the chronology does not name the chapters of its events")
	}
	if !strings.Contains(files["OEBPS/text/index.xhtml"], ">Second chapter</a>") {
		t.Errorf("the index does not name the chapters of its entries")
	}

	// page_list: false in book.yaml is --no-page-list.
	edit(t, dir, "book.yaml", "trim: A5\n", "trim: A5\npage_list: false\n")
	fromYAML, epubYAML := build(Options{Formats: []Format{EPUB}})
	if fromYAML.Layout != nil || !bytes.Equal(epubYAML, epubAlone) {
		t.Errorf("page_list: false does not make the EPUB --no-page-list makes")
	}
}
