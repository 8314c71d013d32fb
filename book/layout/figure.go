package layout

import (
	"strconv"
	"strings"

	"bindery/book/doc"
	"bindery/book/lang"
)

// figureLabel opens the caption of a numbered figure ("Figure 3."). The word is here alone so
// that it can be translated (issue 15); the no-break space keeps the number with it, and both
// count as words, as in the EPUB.
func figureLabel(labels lang.Labels, n int) string {
	return labels.Get(lang.Figure) + "\u00a0" + strconv.Itoa(n) + "."
}

// figureHeight is the tallest a figure's picture may be: two thirds of the text block, so that
// a page never holds a picture alone; a third at the foot of the page, in a note.
func (t *typesetter) figureHeight(c textSpec) Length {
	h := t.s.TextBottom() - t.s.Top
	if c.note {
		return h / 3
	}
	return h * 2 / 3
}

// figure sets a figure: its picture, or the blocks an HTML figure holds, then its caption
// below, the caption's first lines kept with the picture. The figure's first line carries its
// ID and stands for the whole figure in the page map (word 0 of the figure).
func (t *typesetter) figure(f *doc.Figure, c textSpec) {
	t.space(c.Leading / 2)
	start := len(t.vlist)
	img, lone := f.Image()
	switch {
	case lone && t.picture(img, f, c):
	case lone && f.Number == 0 && strings.TrimSpace(img.Alt) == strings.TrimSpace(doc.PlainText(f.Caption)):
		// A picture that cannot be printed is replaced by its description, and here the
		// caption is that description already.
	default:
		t.noIndent = true
		for _, b := range f.Blocks {
			t.block(b, c)
		}
	}
	t.caption(f, c)
	for k := start; k < len(t.vlist); k++ {
		if it := &t.vlist[k]; it.kind == vLine && it.line != nil {
			lb := own(it.line)
			lb.block, lb.word = f, 0
			if f.ID != "" {
				lb.Marks = append([]Mark{{ID: f.ID}}, lb.Marks...)
			}
			it.line = lb
			break
		}
	}
	t.space(c.Leading / 2)
	t.keepNext, t.noIndent = false, true
}

// picture places an image on a line of its own, centred in the measure: its pixels at 150 to
// the inch, but never wider than the measure nor taller than figureHeight. The line stands
// for block in the page map. It reports false, and sets nothing, when the image cannot be
// printed.
func (t *typesetter) picture(img *doc.Image, block doc.Block, c textSpec) bool {
	w, h, ok := t.pictureSize(img)
	if !ok {
		return false
	}
	w, h = fit(w, h, c.Width, t.figureHeight(c))
	lb := &lineBox{Leading: h + c.Leading, Size: h, block: block, part: block, word: 0,
		x: &lineExtras{pictures: []Picture{{Src: img.Src, X: (c.Width - w) / 2, Y: -h, W: w, H: h, Alt: img.Alt}}}}
	// A picture has no words on the page: its line's text is empty.
	lb.Metrics = compact(LineMetrics{Kind: LineFigure, Width: c.Width, Right: c.Width, First: true, Last: true}, t.s.Metrics)
	t.vlist = append(t.vlist, vitem{kind: vLine, line: lb, x: c.offset, keep: t.keepNext})
	t.keepNext = false
	return true
}

// caption sets a figure's caption under it, smaller than the text: centred when it fits on one
// line, else ragged right, after "Figure N." in bold when the book numbers its figures. Its
// words are the figure's own, counted from the label.
func (t *typesetter) caption(f *doc.Figure, c textSpec) {
	ins := f.Caption
	if f.Number > 0 {
		label := []doc.Inline{&doc.Strong{Children: []doc.Inline{&doc.Text{Text: figureLabel(t.s.Labels, f.Number)}}}}
		if len(ins) > 0 {
			label = append(label, &doc.Text{Text: " "})
		}
		ins = append(label, ins...)
	}
	if len(ins) == 0 {
		return
	}
	spec := textSpec{Size: c.Size * 9 / 10, Leading: c.Leading * 9 / 10, Style: c.Style, Width: c.Width,
		Centered: true, Kind: LineCaption, offset: c.offset, block: f, note: c.note}
	lines := t.setParagraph(ins, spec)
	if len(lines) > 1 {
		spec.Centered, spec.Ragged = false, true
		lines = t.setParagraph(ins, spec)
	}
	if len(lines) == 0 {
		return
	}
	lines[0] = own(lines[0])
	lines[0].Leading += c.Leading / 3
	t.keepNext = true
	t.lines(lines, c.offset)
}
