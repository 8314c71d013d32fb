package pdf

import (
	"strings"
	"testing"

	"bindery/book/layout"
)

// BenchmarkPaintPage paints a page of 40 justified lines of running text, as painter.page
// does for every page of a book: the glyphs, their codes and widths, the lines' moves and
// the gaps between words.
func BenchmarkPaintPage(b *testing.B) {
	f := charis(b)
	d := newDocument(1, 0)
	p := d.Pages[0]
	words := strings.Fields("Bolivia’s revolution of 1952 gave the peasantry land, the vote and schooling; “the ayllu” stayed")
	for k := range 40 {
		p.Runs = append(p.Runs, line(f, layout.Roman, 10.5, 50, 100+float64(k)*13.1, 3.217+float64(k%7)/10, words...)...)
	}
	s := newStructure(d, sortedIDs(nil), nil)
	s.tagPage(0, p)
	faces := f.faces()
	pt := &painter{faces: faces, pageH: 842, images: map[string]int{}, use: newGlyphUse(faces), codes: new([numFaces]*codes)}
	for i, face := range faces {
		pt.codes[i] = newCodes(face)
	}
	buf := make([]byte, 0, 64<<10)
	cpu := processCPU()
	for b.Loop() {
		buf = pt.page(buf[:0], p, &s.pages[0])
	}
	// CPU time, which a shared machine's load moves less than the wall time.
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	b.SetBytes(int64(len(buf)))
}
