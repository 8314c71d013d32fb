package layout

import (
	"strconv"

	"bindery/book/doc"
)

// noteSpec is the context of a footnote's text: the whole measure, at the foot-of-page size.
func (t *typesetter) noteSpec() textSpec {
	return textSpec{Size: t.s.FontSize * 8 / 10, Leading: t.s.Leading * 8 / 10, Width: t.s.TextWidth(), Kind: LineParagraph, note: true}
}

// noteLines sets a footnote once: every block of it (paragraphs, lists, code, quotations,
// tables, figures, definitions), by the code that sets the text, at the note size, its number
// opening its first paragraph. The lines form a list of their own, with the space between
// blocks folded into the lines' leading and the text's keeps (widows, orphans, a caption with
// its picture), which the page builder places and splits at the foot of pages.
func (t *typesetter) noteLines(f *doc.Footnote) []vitem {
	if ls, ok := t.notes[f]; ok {
		return ls
	}
	c := t.noteSpec()
	number := &doc.Text{Text: strconv.Itoa(f.Number) + ".\u00a0"}
	blocks := f.Blocks
	var first *doc.Paragraph
	// own is the note's block that the first paragraph's lines stand for, for a page that
	// begins in the note: the EPUB counts the number as word 0 there too.
	own := firstBlock(blocks)
	if p, ok := own.(*doc.Paragraph); ok {
		first = &doc.Paragraph{At: p.At, ID: p.ID, Role: p.Role, Inlines: append([]doc.Inline{number}, p.Inlines...)}
		blocks = blocks[1:]
	} else {
		// A note that opens with another block has its number on a line of its own, as
		// the EPUB writes it.
		first = &doc.Paragraph{At: doc.At{Pos: f.Pos}, Inlines: []doc.Inline{number}}
	}
	vlist := t.divert(func() {
		t.warnPlace = first.Pos
		fc := c
		fc.hangNumber = true
		t.block(first, fc)
		if len(blocks) > 0 && len(blocks) == len(f.Blocks) {
			// A number alone on its line is kept with what it numbers.
			t.keepNext = true
		}
		for _, b := range blocks {
			t.warnPlace = b.Position()
			t.block(b, c)
		}
	})
	out := noteItems(vlist)
	for _, it := range out {
		if it.line.block == first {
			it.line.block = own
		}
		// The number belongs to the note's first paragraph when it opens one; else it
		// stands for the note itself, as its label.
		if it.line.part == first && own != nil && own != firstBlock(blocks) {
			it.line.part = own
		}
	}
	if len(out) > 0 {
		out[0].line.Marks = append([]Mark{{ID: f.ID}}, out[0].line.Marks...)
	}
	t.notes[f] = out
	return out
}

// noteItems turns a note's vertical list into the lines the foot of a page stacks: each space
// is added to the leading of the line after it (none above the note's first line or after
// its last), and every line is a "footnote" line that says which block it sets.
func noteItems(vlist []vitem) []vitem {
	out := make([]vitem, 0, len(vlist))
	var space Length
	for _, it := range vlist {
		switch it.kind {
		case vSpace:
			if len(out) > 0 {
				space += it.space
			}
		case vLine:
			lb := own(it.line)
			lb.Leading += space
			space = 0
			if lb.Metrics.kind != 0 {
				lb.Metrics.noteBlock, lb.Metrics.kind = lb.Metrics.kind, codeOf(LineFootnote)
			}
			it.line = lb
			if len(out) == 0 {
				it.keep = false
			}
			out = append(out, it)
		}
	}
	return out
}

// notesCalled appends to lines the lines of the notes called, then of the notes those notes
// call in turn, each once.
func (t *typesetter) notesCalled(called []*doc.Footnote, lines []vitem) []vitem {
	return t.callNotes(called, lines, nil)
}

// callNotes is notesCalled, with the notes seen so far.
func (t *typesetter) callNotes(called []*doc.Footnote, lines []vitem, seen map[*doc.Footnote]bool) []vitem {
	for _, f := range called {
		if seen[f] {
			continue
		}
		if seen == nil {
			seen = map[*doc.Footnote]bool{}
		}
		seen[f] = true
		note := t.noteLines(f)
		lines = append(lines, note...)
		for _, it := range note {
			if len(it.line.ex().Notes) > 0 {
				lines = t.callNotes(it.line.ex().Notes, lines, seen)
			}
		}
	}
	return lines
}
