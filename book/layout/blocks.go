package layout

import (
	"bindery/book/doc"
)

// block adds a block of the document to the vertical list, set in context c (the measure,
// size and kind of text it stands in).
func (t *typesetter) block(b doc.Block, c textSpec) {
	switch b := b.(type) {
	case *doc.Heading:
		t.heading(b, c)
	case *doc.Paragraph:
		t.paragraph(b, c)
	case *doc.BlockQuote:
		t.quotation(b, c)
	case *doc.List:
		t.list(b, c)
	case *doc.DefinitionList:
		t.definitions(b, c)
	case *doc.Rule:
		t.rule(c)
	case *doc.CodeBlock:
		t.code(b, c)
	case *doc.Table:
		t.table(b, c)
	case *doc.Figure:
		t.figure(b, c)
	}
}

// paragraph sets a paragraph, indented unless it follows a heading, a quotation or a list.
// Index entries hang their continuation lines. An image alone in a paragraph the reader did
// not make a figure is placed as one, without a caption.
func (t *typesetter) paragraph(b *doc.Paragraph, c textSpec) {
	if img, ok := loneImage(b); ok && c.task == doc.NoTask {
		t.space(c.Leading / 2)
		if t.picture(img, b, c) {
			t.space(c.Leading / 2)
			t.keepNext, t.noIndent = false, true
			return
		}
		t.vlist = t.vlist[:len(t.vlist)-1]
	}
	spec := c
	spec.block = b
	if !t.noIndent && b.Role == "" {
		spec.Indent = c.Size
	}
	if b.Role == doc.RoleIndexEntry {
		// Turnover lines stand two ems in, deeper than sub-entries (one em): an entry's and
		// a sub-entry's alike, so a turnover is never taken for a sub-entry.
		hang := 2 * c.Size
		if t.nestedIndex {
			hang = c.Size
		}
		spec.Ragged, spec.Hang, spec.Kind, spec.NoHyphenation = true, hang, LineIndex, true
	}
	t.noIndent = false
	lines := t.setParagraph(b.Inlines, spec)
	if b.ID != "" && len(lines) > 0 {
		lines[0] = ownAllButRuns(lines[0])
		lines[0].Marks = append(lines[0].Marks, Mark{ID: b.ID})
	}
	t.lines(lines, c.offset)
}

// quotation sets a block quotation's blocks a little smaller, indented on both sides.
func (t *typesetter) quotation(b *doc.BlockQuote, c textSpec) {
	inner := c
	inner.Size = c.Size * 95 / 100
	inner.Leading = c.Leading * 95 / 100
	inner.Width = c.Width - 3*c.Size
	inner.Kind = LineQuote
	inner.offset = c.offset + 3*c.Size/2
	if inner.Width < t.s.TextWidth()/3 {
		inner.Width, inner.offset = c.Width, c.offset // nested too deep to indent further
	}
	t.space(c.Leading / 2)
	t.noIndent = true
	for _, qb := range b.Blocks {
		t.block(qb, inner)
	}
	t.space(c.Leading / 2)
	t.noIndent = true
}

// definitions sets a definition list: each term in bold, kept with its definitions,
// which are indented.
func (t *typesetter) definitions(b *doc.DefinitionList, c textSpec) {
	for _, it := range b.Items {
		term := c
		term.Style = c.Style.with(true, false)
		term.Kind = LineTerm
		term.block = it
		t.space(c.Leading / 3)
		lines := t.setParagraph(it.Term, term)
		if it.ID != "" && len(lines) > 0 {
			lines[0] = ownAllButRuns(lines[0])
			lines[0].Marks = append(lines[0].Marks, Mark{ID: it.ID})
		}
		t.lines(lines, c.offset)
		t.keepNext = true
		def := c
		def.Width = c.Width - 2*c.Size
		def.offset = c.offset + 2*c.Size
		def.Kind = LineDefinition
		// Generated entries (glossary, chronology) are short and full of names: ragged, and
		// never hyphenated, as reference matter is set.
		def.Ragged = b.Role != ""
		def.NoHyphenation = b.Role != ""
		for _, d := range it.Definitions {
			t.noIndent = true
			for _, db := range d {
				t.block(db, def)
			}
		}
	}
	t.noIndent = true
}

// rule sets a thematic break: a short rule, centred, on a line of its own.
func (t *typesetter) rule(c textSpec) {
	lb := &lineBox{Leading: 2 * c.Leading, Size: c.Size}
	w := c.Width / 4
	lb.more().rules = append(lb.ex().rules, Rule{X: (c.Width - w) / 2, Y: -c.Leading / 2, W: w, H: Pt / 2})
	t.vlist = append(t.vlist, vitem{kind: vLine, line: lb, x: c.offset, keep: t.keepNext})
	t.space(c.Leading / 2)
	t.keepNext, t.noIndent = false, true
}

// loneImage reports whether a paragraph is an image alone.
func loneImage(p *doc.Paragraph) (*doc.Image, bool) {
	if len(p.Inlines) != 1 {
		return nil, false
	}
	img, ok := p.Inlines[0].(*doc.Image)
	return img, ok
}

// firstBlock is the first of blocks, or nil.
func firstBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}
