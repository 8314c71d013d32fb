package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"bindery/bench/scalebook"
	"bindery/book/apparatus"
	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/layout"
	"bindery/book/link"
	"bindery/book/markdown"
	"bindery/book/pdf"
)

// Benchmarks of the pipeline. Not part of make test; run with make bench, or one size:
//
//	go test -run '^$' -bench 'Stages/1x' -benchmem ./book/pipeline
//
// BenchmarkStages times each stage on the default book and on its 10- and 100-fold copies
// (bench/scalebook), reporting ns/op, B/op and allocs/op per stage; BenchmarkScale times
// whole builds and the time per page, which should stay flat as the book grows.

// scaled returns the folder of the n-fold default book, made once per benchmark run.
func scaled(b *testing.B, n int) string {
	b.Helper()
	if n == 1 {
		return "../../manuscript"
	}
	dir := filepath.Join(b.TempDir(), "book")
	if err := scalebook.Write("../../manuscript", dir, n); err != nil {
		b.Fatal(err)
	}
	return dir
}

// parse reads a book's sources without linking them: the parse stage.
func parse(b *testing.B, cfg *config.Book) *doc.Book {
	book, list := markdown.LoadBook(cfg)
	var more diag.List
	book.Apparatus, more = apparatus.Load(cfg)
	if err := append(list, more...).Err(); err != nil {
		b.Fatal(err)
	}
	return book
}

func BenchmarkStages(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			dir := scaled(b, n)
			cfg, _, err := loadConfig(dir)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("parse", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					parse(b, cfg)
				}
			})
			b.Run("link", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					book := parse(b, cfg) // linking rewrites the text: start from fresh text
					b.StartTimer()
					if err := link.Resolve(book).Err(); err != nil {
						b.Fatal(err)
					}
				}
			})
			book, _, err := loadBook(cfg, nil, false, nil)
			if err != nil {
				b.Fatal(err)
			}
			s, _, err := printSettings(cfg, book.Pictures)
			if err != nil {
				b.Fatal(err)
			}
			var d *layout.Document
			b.Run("layout", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if d, err = layout.Typeset(book.Book, s); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(d.Pages)), "pages")
			})
			if d == nil {
				return // layout filtered out
			}
			b.Run("pdf", func(b *testing.B) {
				f, err := pdfFonts(cfg)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := pdf.Write(io.Discard, d, pdf.Info{Title: book.Meta.Title}, f); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("epub", func(b *testing.B) {
				cover, mt, err := coverImage(cfg)
				if err != nil {
					b.Fatal(err)
				}
				opt := epub.Options{Cover: cover, CoverType: mt, Print: PrintForEPUB(book, d)}
				b.ReportAllocs()
				for b.Loop() {
					if err := epub.Write(io.Discard, book.Book, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkBuild is the whole build of the default book, both formats, as the CLI runs it.
func BenchmarkBuild(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(Options{Dir: "../../manuscript", OutDir: out, Formats: Formats}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildEPUBUnpaged is the EPUB-only build without the print edition's page
// numbers (--format epub --no-page-list), which makes no print layout: the default book and
// its 10-fold copy.
func BenchmarkBuildEPUBUnpaged(b *testing.B) {
	for _, n := range []int{1, 10} {
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			dir := scaled(b, n)
			out := b.TempDir()
			b.ReportAllocs()
			for b.Loop() {
				res, err := Build(Options{Dir: dir, OutDir: out, Formats: []Format{EPUB}, NoPageList: true})
				if err != nil {
					b.Fatal(err)
				}
				if res.Layout != nil {
					b.Fatal("an EPUB without a page-list made the print layout")
				}
			}
		})
	}
}

// BenchmarkScale builds the default book repeated 1, 10 and 100 times, both formats, and
// reports the time per page: it should stay flat as the book grows.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			dir := scaled(b, n)
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

// BenchmarkRebuild times what bindery watch does after a one-word edit: a build with the
// cache of the builds before it, its outputs not synced, on the default book and its 10-fold
// copy; cold is a build as `bindery build` makes it, for comparison.
func BenchmarkRebuild(b *testing.B) {
	for _, n := range []int{1, 10} {
		src := scaled(b, n)
		b.Run(fmt.Sprintf("%dx/cold", n), func(b *testing.B) {
			out := b.TempDir()
			for b.Loop() {
				if _, err := Build(Options{Dir: src, OutDir: out, Formats: Formats}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%dx/one-word-edit", n), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "book")
			if err := scalebook.Write("../../manuscript", dir, n); err != nil {
				b.Fatal(err)
			}
			chapter := filepath.Join(dir, "001-05-urban-classes.md")
			text, err := os.ReadFile(chapter)
			if err != nil {
				b.Fatal(err)
			}
			words := [2]string{"with 64% living in cities", "with 64% dwelling in cities"}
			if !bytes.Contains(text, []byte(words[0])) {
				b.Fatal("no word to edit")
			}
			out, cache := b.TempDir(), NewCache()
			opt := Options{Dir: dir, OutDir: out, Formats: Formats, Cache: cache, NoSync: true} // as watch.Run
			if _, err := Build(opt); err != nil {
				b.Fatal(err)
			}
			i := 0
			cpu := cpuTime()
			for b.Loop() {
				b.StopTimer()
				edited := bytes.Replace(text, []byte(words[0]), []byte(words[1]), 1)
				if i%2 == 1 {
					edited = text
				}
				i++
				if err := os.WriteFile(chapter, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := Build(opt); err != nil {
					b.Fatal(err)
				}
			}
			// The process's CPU time (user and system, every thread: the collector's too) per
			// rebuild, which a busy machine disturbs less than the wall time.
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			set, _ := cache.Paragraphs()
			b.ReportMetric(float64(set), "paragraphs-set")
		})
	}
}
