package layout

import (
	"bindery/book/doc"
	"strings"
)

// lineBox is a finished line: runs relative to its left edge and baseline.
type lineBox struct {
	Runs     []Run
	Links    []Link
	Marks    []Mark
	Notes    []*doc.Footnote // footnotes referenced on this line, first references only
	Metrics  LineMetrics
	Leading  Length // distance from the previous baseline
	Size     Length
	rules    []Rule    // relative to the line's left edge and baseline
	pictures []Picture // figures and pictures in the text, relative to the left edge and baseline
	// block and word locate the line's first word in the document: the EPUB marks the
	// start of each print page there. inWord is set when the line begins inside that word
	// (hyphenated, or broken after a dash, at the end of the line before).
	block  doc.Block
	word   int
	inWord bool
}

func lastRun(runs []Run, i int) *Run {
	if i < 0 || i >= len(runs) {
		return nil
	}
	return &runs[i]
}

func spaceWidth(p *paragraphSetter) Length {
	return Length(p.face(p.spec.Style).Measure(" ", int64(p.spec.Size), false))
}

func lineText(runs []Run) string {
	var b strings.Builder
	for i, r := range runs {
		if i > 0 && r.X > runs[i-1].X+runs[i-1].Width+Pt/2 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Text)
	}
	return b.String()
}
