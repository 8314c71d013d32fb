package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/doc"
	"bindery/book/linebreak"
)

// partTitle sets a part's title: centred, larger than a chapter's, alone on its page (the
// page builder sinks it to a third of the text block).
func (t *typesetter) partTitle(h *doc.Heading) {
	size := t.s.FontSize * 2
	spec := textSpec{Size: size, Leading: size * 5 / 4, Style: Bold, Width: t.s.TextWidth(), Centered: true, Display: true, NoHyphenation: true, Kind: LinePartTitle, block: h}
	for i, lb := range t.setParagraph(h.Inlines, spec) {
		it := vitem{kind: vLine, line: lb, keep: i > 0}
		if i == 0 {
			it.heading = h
			lb.Metrics.First = true
		}
		t.vlist = append(t.vlist, it)
	}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: 2 * t.s.Leading, keep: true})
	t.keepNext, t.noIndent = true, true
}

// chapterTitle sets a chapter's title: bold, ragged, larger than any heading in the text,
// its lines a line and a half of the text apart, with two to three lines of room under it, so
// that the text under it stands on the same lines as on every other page (the page's grid).
func (t *typesetter) chapterTitle(h *doc.Heading) {
	size := t.s.FontSize * 16 / 10
	lead := t.s.Leading * 3 / 2
	spec := textSpec{Size: size, Leading: lead, Style: Bold, Width: t.s.TextWidth(), Ragged: true, Display: true, NoHyphenation: true, Kind: LineChapterTitle, block: h}
	lines := t.setParagraph(h.Inlines, spec)
	for i, lb := range lines {
		it := vitem{kind: vLine, line: lb, keep: i > 0}
		if i == 0 {
			it.heading = h
			lb.Metrics.First = true
		}
		t.vlist = append(t.vlist, it)
	}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: t.titleSpace(size, lead, len(lines)), keep: true})
	t.keepNext, t.noIndent = true, true
}

// titleSpace is the room under a chapter title of n lines at size and leading lead: two
// lines of text or a little more, so much that the first line of text after it falls on a baseline of
// the page's grid (the first baseline a page of text has, and every line below it).
func (t *typesetter) titleSpace(size, lead Length, n int) Length {
	l := t.s.Leading
	// The first text line stands at sink + size + (n-1)·lead + space + l below the top of
	// the text block, and sink is whole lines: the rest must be FontSize plus whole lines.
	off := (size + Length(max(n-1, 0))*lead + l - t.s.FontSize) % l
	return 2*l + (l-off)%l // at least two lines
}

// phraseBreak puts a price on a display's break after word w: none at the end of a phrase
// (after a comma, colon, semicolon or dash), some inside one, and three times that after a short
// word in lower case (an article, a preposition, a conjunction), which belongs with the
// words after it. Only costs: a bonus would break a title that fits on one line.
func (p *paragraphSetter) phraseBreak(w string) {
	if w == "" {
		return
	}
	last, _ := utf8.DecodeLastRuneInString(w)
	switch {
	case strings.ContainsRune(",;:–—", last):
	case utf8.RuneCountInString(w) <= 3 && strings.ToLower(w) == w && unicode.IsLetter(last):
		p.items = append(p.items, linebreak.NewPenalty(3*phrasePenalty))
	default:
		p.items = append(p.items, linebreak.NewPenalty(phrasePenalty))
	}
}

// phrasePenalty is what a break inside a phrase of a display costs: enough to prefer a
// phrase boundary near the balanced break, not one far from it.
const phrasePenalty = 50

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
	spec := textSpec{Size: size, Leading: c.Leading * size / c.Size, Style: style, Width: c.Width, Ragged: true, Display: true, NoHyphenation: true, Kind: LineHeading, block: h}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: c.Leading, keep: t.keepNext})
	lines := t.setParagraph(h.Inlines, spec)
	for i, lb := range lines {
		it := vitem{kind: vLine, line: lb, keep: i > 0 || t.keepNext}
		if i == 0 {
			it.heading = h
			lb.Metrics.First = true
		}
		t.vlist = append(t.vlist, it)
	}
	after := c.Leading / 2
	if t.columns > 1 && len(lines) > 0 {
		// In columns (the index), the heading with its spaces takes a whole number of the
		// text's lines, so that columns stay on one grid and can be balanced to a line.
		used := c.Leading + after + c.Leading
		for _, lb := range lines {
			used += lb.Leading
		}
		after += (c.Leading - used%c.Leading) % c.Leading
	}
	t.vlist = append(t.vlist, vitem{kind: vSpace, space: after, keep: true})
	t.keepNext, t.noIndent = true, true
}
