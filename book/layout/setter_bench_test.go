package layout

import (
	"testing"

	"bindery/book/doc"
)

// BenchmarkSetParagraph sets a paragraph of 200 words, some long enough to hyphenate, in
// the book's face: the items, the line breaking and the lines.
func BenchmarkSetParagraph(b *testing.B) {
	t := &testing.T{}
	ts := setterTypesetter(t)
	ins := paragraphOf("Benchmarking", 200)
	spec := ts.body()
	b.ReportAllocs()
	for b.Loop() {
		ts.cache = nil
		ts.sources = map[doc.Block]parSource{}
		if lines := ts.setParagraphOnce(ins, spec); len(lines) == 0 {
			b.Fatal("no lines")
		}
	}
}
