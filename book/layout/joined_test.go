package layout_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"bindery/book/layout"
)

// TestPagesCutAsChaptersJoin: a pass cuts its pages as its chapters are joined, while the
// rest are set on the other cores; the pages, map, outline and warnings (in their order)
// are those of cutting them once every chapter is set, on one core and on several.
func TestPagesCutAsChaptersJoin(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/books/*")
	dirs = append(dirs, "../../manuscript", warningBook(t))
	*layout.StreamPasses = false // every pass the same way, the last one's pages drawn whole
	defer func() { *layout.StreamPasses = true }()
	warned := 0
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, s := bookToSet(t, dir)
			*layout.PaginateAsJoined = false
			after, err := layout.Typeset(b.Book, s)
			*layout.PaginateAsJoined = true
			if err != nil {
				t.Fatal(err)
			}
			warned += len(after.Warnings)
			t.Logf("%d warnings", len(after.Warnings))
			for _, procs := range []int{1, 4} {
				old := runtime.GOMAXPROCS(procs)
				joined, err := layout.Typeset(b.Book, s)
				runtime.GOMAXPROCS(old)
				if err != nil {
					t.Fatal(err)
				}
				samePages(t, joined, after)
			}
		})
	}
	if warned == 0 {
		t.Error("no book gave a warning: their order is not compared")
	}
}

// warningBook writes a book whose chapters warn in the print layout: words wider than the
// measure, characters the font lacks (each reported once, in the first chapter that has it).
func warningBook(t *testing.T) string {
	dir := t.TempDir()
	var chapters []string
	for i := range 12 {
		name := fmt.Sprintf("ch%02d.md", i)
		chapters = append(chapters, "  - "+name)
		text := fmt.Sprintf("# Chapter %d\n\n", i)
		for j := range 30 + 10*(i%3) {
			text += fmt.Sprintf("Paragraph %d of chapter %d, plain words to fill a page or two of text. ", j, i)
			if j%7 == i%7 {
				text += "Pneumonoultramicroscopicsilicovolcanoconiosis" + strings.Repeat("x", 10*i) + " "
			}
			if j == i%5 {
				text += string(rune(0x2600+i%4)) + " " // ☀ ☁ ☂ ☃, again in later chapters
			}
			text += "\n\n"
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	yaml := "title: Warnings\nauthor: A. Author\nlanguage: en\nidentifier: urn:uuid:4c2e9a7b-8d1f-4e3a-b5c6-0f1e2d3c4b5b\ndate: 2026-04-01\ntrim: A5\nchapters:\n" + strings.Join(chapters, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
