package build

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"bindery/bench/scalebook"

	"bindery/book/epub"
	"bindery/book/layout"
	"bindery/book/pdf"
)

// Benchmarks of each stage on the default book. Run: go test -run '^$' -bench . ./book/build

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, _, err := Load("../../manuscript"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	book, _, err := Load("../../manuscript")
	if err != nil {
		b.Fatal(err)
	}
	s, _, err := PrintSettings(book)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := layout.Typeset(book, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPDF(b *testing.B) {
	d := layoutDefault(b)
	book, _, _ := Load("../../manuscript")
	f, err := pdfFonts(book.Meta)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := pdf.Write(io.Discard, d, pdf.Info{Title: book.Meta.Title}, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEPUB(b *testing.B) {
	book, _, err := Load("../../manuscript")
	if err != nil {
		b.Fatal(err)
	}
	cover, mt, err := coverImage(book.Meta)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := epub.Write(io.Discard, book, epub.Options{Cover: cover, CoverType: mt}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(Options{Dir: "../../manuscript", OutDir: out, Formats: Formats}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScale builds the default book repeated 1, 10 and 100 times (bench/scalebook),
// both formats, and reports the time per page: it should stay flat as the book grows.
// The 100× book takes seconds per iteration; run it alone with -bench 'Scale/100x'.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "book")
			if err := scalebook.Write("../../manuscript", dir, n); err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			pages := 0
			b.ReportAllocs()
			for b.Loop() {
				res, err := Build(Options{Dir: dir, OutDir: out, Formats: Formats})
				if err != nil {
					b.Fatal(err)
				}
				pages = len(res.Layout.Pages)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages)/1e6, "ms/page")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
