package layout

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"bindery/book/doc"
)

// BenchmarkSetWords turns the default book's paragraphs (its Markdown as plain text) into
// items, as a cold build's chapters do: fresh caches each time, the book once or ten times
// over (a tenfold book repeats its words as a long book does).
func BenchmarkSetWords(b *testing.B) {
	files, err := filepath.Glob("../../manuscript/*.md")
	if err != nil || len(files) == 0 {
		b.Fatal("no manuscript", err)
	}
	var pars [][]doc.Inline
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for par := range strings.SplitSeq(string(src), "\n\n") {
			if par = strings.TrimSpace(par); par != "" {
				pars = append(pars, []doc.Inline{&doc.Text{Text: strings.ReplaceAll(par, "\n", " ")}})
			}
		}
	}
	ts := setterTypesetter(&testing.T{})
	for _, n := range []int{1, 10} {
		for _, off := range []bool{false, true} {
			b.Run(fmt.Sprintf("%dx/cacheOff=%v", n, off), func(b *testing.B) {
				b.ReportAllocs()
				pprof.Do(context.Background(), pprof.Labels("cache", fmt.Sprint(!off)), func(context.Context) {
					for b.Loop() {
						ts.setters, ts.hyphens = &setters{}, &hyphenCache{}
						ts.setters.words.off = off
						for range n {
							for _, ins := range pars {
								p := ts.setter(textLen(ins))
								p.spec = ts.body()
								p.inlines(ins, p.base())
								ts.release(p)
							}
						}
					}
				})
			})
		}
	}
}
