package layout

import "bindery/book/doc"

// vkind is the kind of an item of the main vertical list, which the page builder cuts into
// pages (see the package doc, "Pages").
type vkind uint8

const (
	vLine    vkind = iota // a line of text, a picture or a rule: TeX's box, at its leading
	vSpace                // fixed vertical space (TeX's glue), discarded at a page break
	vChapter              // a chapter starts: a new page (TeX's \eject)
)

// vitem is one item of the main vertical list.
type vitem struct {
	space   Length // vSpace: how much
	line    *lineBox
	x       Length // vLine: left offset within the text block
	chapter *doc.Chapter
	heading *doc.Heading // vLine: first line of this heading
	// head are lines set above this one when a page begins with it: a table's header,
	// repeated on each page the table continues onto (heads). A pointer, shared by the
	// table's rows: nil on nearly every item of a book, 56 bytes an item, not 72.
	head *[]*lineBox
	kind vkind // the small fields together
	// keep forbids a page break just before this item (TeX's \penalty10000 there).
	keep bool
	// depth is, on a vChapter item, how many lines longer (or, if negative, shorter) than
	// the text block the chapter's pages run, to rescue its last page (rescue.go).
	depth int8
}

// heads are the lines repeated above the item when a page begins with it (head).
func (it *vitem) heads() []*lineBox {
	if it.head == nil {
		return nil
	}
	return *it.head
}

// chapter adds a chapter to the vertical list.
func (t *typesetter) chapter(ch *doc.Chapter) {
	t.vlist = append(t.vlist, vitem{kind: vChapter, chapter: ch})
	t.noIndent = true
	t.keepNext = false
	t.columns = max(ch.Columns, 1)
	for i, b := range ch.Blocks {
		t.warnPlace = b.Position()
		if h, ok := b.(*doc.Heading); ok && i == 0 {
			if ch.Part {
				t.partTitle(h)
			} else {
				t.chapterTitle(h)
			}
			continue
		}
		t.block(b, t.body())
	}
	// The chapter's notes are set with it (on its own core); the page builder places them.
	for _, f := range ch.Footnotes {
		t.noteLines(f)
	}
}

// body is the context of ordinary text: the full measure, or a column's.
func (t *typesetter) body() textSpec {
	if t.columns > 1 {
		// Text in columns (the index) is set a size smaller, as reference matter usually is.
		return textSpec{Size: t.s.FontSize * 9 / 10, Leading: t.s.Leading * 9 / 10, Width: t.columnWidth(), Kind: LineParagraph}
	}
	return textSpec{Size: t.s.FontSize, Leading: t.s.Leading, Width: t.columnWidth(), Kind: LineParagraph}
}

// gutter is the space between columns.
func (t *typesetter) gutter() Length { return 2 * t.s.FontSize }

// columnWidth is the measure of the chapter's text: a column's, or the text block's.
func (t *typesetter) columnWidth() Length {
	if t.columns <= 1 {
		return t.s.TextWidth()
	}
	return (t.s.TextWidth() - t.gutter()*Length(t.columns-1)) / Length(t.columns)
}

// lines adds a paragraph's lines with widow and orphan control: no page break after its
// first line or before its last, so at least two lines stand together on each page.
func (t *typesetter) lines(lines []*lineBox, x Length) {
	n := len(lines)
	for i, lb := range lines {
		keep := i > 0 && !(i >= 2 && n-i >= 2)
		if i == 0 {
			keep = t.keepNext
			lb.Metrics.First = true
		}
		t.vlist = append(t.vlist, vitem{kind: vLine, line: lb, x: x, keep: keep})
	}
	if n > 0 {
		t.keepNext = false
	}
}

// space adds vertical space to the list, kept as the next line would be.
func (t *typesetter) space(h Length) {
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: h, keep: t.keepNext})
}

// divert sets blocks into a vertical list of their own instead of the main one, the state of
// the text around them kept aside meanwhile.
func (t *typesetter) divert(set func()) []vitem {
	vlist, keepNext, noIndent, place := t.vlist, t.keepNext, t.noIndent, t.warnPlace
	t.vlist, t.keepNext, t.noIndent = nil, false, true
	set()
	out := t.vlist
	t.vlist, t.keepNext, t.noIndent, t.warnPlace = vlist, keepNext, noIndent, place
	return out
}
