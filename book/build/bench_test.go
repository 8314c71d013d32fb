package build

import (
	"io"
	"testing"

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
