package layout

import "bindery/book/doc"

// partTitle sets a part's title: centred, larger than a chapter's, alone on its page (the
// page builder sinks it to a third of the text block).
func (t *typesetter) partTitle(h *doc.Heading) {
	size := t.s.FontSize * 2
	spec := textSpec{Size: size, Leading: size * 5 / 4, Style: Bold, Width: t.s.TextWidth(), Centered: true, NoHyphenation: true, Kind: LinePartTitle, block: h}
	for i, lb := range t.setParagraph(h.Inlines, spec) {
		it := vitem{kind: vLine, line: lb, keep: i > 0}
		if i == 0 {
			it.heading = h
		}
		t.vlist = append(t.vlist, it)
	}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: 2 * t.s.Leading, keep: true})
	t.keepNext, t.noIndent = true, true
}

// chapterTitle sets a chapter's title: bold, ragged, larger than any heading in the text,
// with two lines of room under it.
func (t *typesetter) chapterTitle(h *doc.Heading) {
	size := t.s.FontSize * 16 / 10
	spec := textSpec{Size: size, Leading: size * 5 / 4, Style: Bold, Width: t.s.TextWidth(), Ragged: true, NoHyphenation: true, Kind: LineChapterTitle, block: h}
	lines := t.setParagraph(h.Inlines, spec)
	for i, lb := range lines {
		it := vitem{kind: vLine, line: lb, keep: i > 0}
		if i == 0 {
			it.heading = h
		}
		t.vlist = append(t.vlist, it)
	}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: 2 * t.s.Leading, keep: true})
	t.keepNext, t.noIndent = true, true
}

// headingSize is the size of a heading of a level in text of a size: the higher the level, the
// larger, so that headings never invert (a level 1 inside a quotation or a note stands above a
// level 2 beside it). A chapter's own title is larger still (chapterTitle).
func headingSize(level int, size Length) Length {
	switch {
	case level <= 1:
		return size * 13 / 10
	case level == 2:
		return size * 115 / 100
	}
	return size
}

// heading sets a heading in the text, kept with what follows it (TeX's \nobreak).
func (t *typesetter) heading(h *doc.Heading, c textSpec) {
	size := headingSize(h.Level, c.Size)
	style := Bold
	if h.Level >= 4 {
		style = BoldItalic
	}
	spec := textSpec{Size: size, Leading: c.Leading * size / c.Size, Style: style, Width: c.Width, Ragged: true, NoHyphenation: true, Kind: LineHeading, block: h}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: c.Leading, keep: t.keepNext})
	lines := t.setParagraph(h.Inlines, spec)
	for i, lb := range lines {
		it := vitem{kind: vLine, line: lb, keep: i > 0 || t.keepNext}
		if i == 0 {
			it.heading = h
		}
		t.vlist = append(t.vlist, it)
	}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: c.Leading / 2, keep: true})
	t.keepNext, t.noIndent = true, true
}
