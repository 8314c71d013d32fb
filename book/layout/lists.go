package layout

import (
	"slices"
	"strconv"
	"strings"

	"bindery/book/doc"
)

// list sets a list: its items indented, each one's label (a bullet, a number) hanging in the
// indent of its first line, a task's check box opening its first paragraph instead.
func (t *typesetter) list(l *doc.List, c textSpec) {
	if l.Role == doc.RoleIndexEntryList {
		t.indexList(l, c)
		return
	}
	indent := 2 * c.Size
	if c.Width-indent < t.s.TextWidth()/3 {
		indent = 0 // nested too deep to indent further and still set text
	}
	inner := c
	inner.Width = c.Width - indent
	inner.offset = c.offset + indent
	inner.Kind = LineList
	t.space(c.Leading / 3)
	for n, it := range l.Items {
		label := "•"
		switch {
		case l.Ordered:
			label = strconv.Itoa(l.Start+n) + "."
		case it.Task != doc.NoTask:
			label = "" // the check box stands in the bullet's stead
		}
		start := len(t.vlist)
		t.noIndent = true
		blocks := it.Blocks
		if it.Task != doc.NoTask {
			// The check box opens the item's first paragraph; an item that does not begin
			// with one gets a paragraph of its own for it.
			task := inner
			task.task = it.Task
			first, ok := firstBlock(blocks).(*doc.Paragraph)
			if !ok {
				first = &doc.Paragraph{At: it.At}
			} else {
				blocks = blocks[1:]
			}
			t.block(first, task)
		}
		for _, b := range blocks {
			t.block(b, inner)
		}
		// Hang the label in the indent, on the item's first line.
		for k := start; k < len(t.vlist) && label != ""; k++ {
			if t.vlist[k].kind == vLine && t.vlist[k].line != nil {
				face := t.s.Family.Face(false, false)
				w := Length(face.Measure(label, int64(c.Size), true))
				lb := own(t.vlist[k].line)
				t.vlist[k].line = lb
				lb.Runs = append([]Run{{X: int32(-w - c.Size/2), Style: Roman, Size: int32(c.Size), Text: label, Width: int32(w), Block: blockRef(&lb.more().blocks, it)}}, lb.Runs...)
				break
			}
		}
		if !l.Tight {
			t.space(c.Leading / 3)
		}
	}
	t.space(c.Leading / 3)
	t.noIndent = true
}

// indexList sets index entries flush left, their sub-entries indented, no labels. The lines
// of an entry's sub-entries carry a line "Term (continued)" for the page builder to set at
// the head of a column or page that opens among them.
func (t *typesetter) indexList(l *doc.List, c textSpec) {
	inner := c
	if t.nestedIndex {
		inner.offset += c.Size
		inner.Width -= c.Size
	}
	for _, it := range l.Items {
		var cont *continuation
		// Only sub-entries carry the "(continued)" line: an entry without any (most) has no
		// use for it, and setting it was two fifths of the index's cost in a rebuild.
		subs := slices.ContainsFunc(it.Blocks, func(b doc.Block) bool { _, ok := b.(*doc.List); return ok })
		for _, b := range it.Blocks {
			if sub, ok := b.(*doc.List); ok {
				was := t.nestedIndex
				t.nestedIndex = true
				from := len(t.vlist)
				t.indexList(sub, inner)
				t.nestedIndex = was
				for k := from; k < len(t.vlist) && cont != nil; k++ {
					if t.vlist[k].kind == vLine && t.vlist[k].line.ex().cont == nil {
						t.vlist[k].line = ownAllButRuns(t.vlist[k].line)
						t.vlist[k].line.more().cont = cont
					}
				}
				continue
			}
			if p, ok := b.(*doc.Paragraph); ok && subs && cont == nil && len(p.Inlines) > 0 {
				if lb := t.continuedLine(p.Inlines[0], inner); lb != nil {
					cont = &continuation{line: lb, x: inner.offset}
				}
			}
			t.noIndent = true
			t.block(b, inner)
		}
	}
}

// continuedLine sets "Term (continued)" for an index entry whose term is term.
func (t *typesetter) continuedLine(term doc.Inline, c textSpec) *lineBox {
	spec := c
	spec.Ragged, spec.Hang, spec.Kind, spec.NoHyphenation, spec.Indent = true, 2*c.Size, LineContinued, true, 0
	cont := &doc.Text{Text: " " + t.continuedWord()}
	lines := t.setParagraph([]doc.Inline{term, cont}, spec)
	if len(lines) > 1 {
		// Too long for the column's line ("Sánchez de Lozada, Gonzalo (continued)"): the
		// term up to its first comma names the entry as well, as a running head would.
		if head, _, ok := strings.Cut(doc.PlainText([]doc.Inline{term}), ","); ok {
			if short := t.setParagraph([]doc.Inline{&doc.Text{Text: head}, cont}, spec); len(short) == 1 {
				lines = short
			}
		}
	}
	if len(lines) == 0 {
		return nil
	}
	lb := ownAllButRuns(lines[0])
	lb.block, lb.word = nil, -1
	lb.Marks, lb.Links = nil, nil
	lb.Metrics.First, lb.Metrics.Last = true, true
	return lb
}
