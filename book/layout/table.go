package layout

import "bindery/book/doc"

// shiftLine moves everything on an owned line right by dx. Its slices are shared with the
// paragraph cache: they are copied first.
func shiftLine(lb *lineBox, dx Length) {
	lb.Runs = append([]Run(nil), lb.Runs...)
	lb.Links = append([]Link(nil), lb.Links...)
	lb.rules = append([]Rule(nil), lb.rules...)
	lb.pictures = append([]Picture(nil), lb.pictures...)
	lb.Marks = shiftedMarks(lb.Marks, dx)
	for k := range lb.Runs {
		lb.Runs[k].X += dx
	}
	for k := range lb.Links {
		lb.Links[k].X += dx
	}
	for k := range lb.rules {
		lb.rules[k].X += dx
	}
	for k := range lb.pictures {
		lb.pictures[k].X += dx
	}
}

// shiftedMarks returns a copy of marks moved right by dx.
func shiftedMarks(marks []Mark, dx Length) []Mark {
	out := make([]Mark, len(marks))
	for i, m := range marks {
		m.X += dx
		out[i] = m
	}
	return out
}

func (t *typesetter) table(tb *doc.Table, c textSpec) {
	cols := len(tb.Header)
	for _, r := range tb.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	spec := c
	spec.Size = c.Size * 9 / 10
	spec.Leading = c.Leading * 9 / 10
	spec.Ragged, spec.Kind = true, "table"
	pad := spec.Size / 2
	// Natural widths of each column's widest cell, then scaled to fit the measure.
	natural := make([]Length, cols)
	rows := append([][]*doc.TableCell{tb.Header}, tb.Rows...)
	for ri, r := range rows {
		for i, cell := range r {
			wide := spec
			if ri == 0 {
				wide.Style = c.Style.with(true, false)
			}
			wide.Width = 1000 * c.Width
			for _, lb := range t.setParagraph(cell.Inlines, wide) {
				natural[i] = max(natural[i], lb.Metrics.Right)
			}
		}
	}
	var total Length
	for _, w := range natural {
		total += w + 2*pad
	}
	widths := make([]Length, cols)
	for i, w := range natural {
		widths[i] = w + 2*pad
		if total > c.Width {
			widths[i] = Length(int64(c.Width) * int64(w+2*pad) / int64(total))
		}
		widths[i] = max(widths[i], 2*pad+spec.Size)
	}
	var tableW Length
	for _, w := range widths {
		tableW += w
	}
	left := c.offset + max(0, (c.Width-tableW)/2)
	t.space(c.Leading)
	for ri, r := range rows {
		if ri == 0 && len(tb.Header) == 0 {
			continue
		}
		cellSpec := spec
		if ri == 0 {
			cellSpec.Style = c.Style.with(true, false)
		}
		// Set every cell; the row is as tall as its tallest cell and never splits.
		var cells [][]*lineBox
		height := 0
		for i := 0; i < cols; i++ {
			var ins []doc.Inline
			if i < len(r) {
				ins = r[i].Inlines
			}
			cs := cellSpec
			cs.Width = widths[i] - 2*pad
			cs.block = nil
			if i < len(r) {
				cs.block = r[i]
			}
			ls := t.setParagraph(ins, cs)
			if i < len(tb.Align) && len(ls) > 0 {
				for j := range ls {
					lb := own(ls[j])
					ls[j] = lb
					shift := Length(0)
					switch tb.Align[i] {
					case doc.AlignRight:
						shift = cs.Width - lb.Metrics.Right
					case doc.AlignCenter:
						shift = (cs.Width - lb.Metrics.Right) / 2
					}
					shiftLine(lb, shift)
				}
			}
			cells = append(cells, ls)
			height = max(height, len(ls))
		}
		for k := 0; k < max(height, 1); k++ {
			row := &lineBox{Leading: spec.Leading, Size: spec.Size, word: -1}
			x := Length(0)
			for i := 0; i < cols; i++ {
				if k < len(cells[i]) {
					lb := cells[i][k]
					if row.block == nil && lb.block != nil && lb.word >= 0 {
						// A page that begins at this row begins in its first cell with text.
						row.block, row.word, row.inWord = lb.block, lb.word, lb.inWord
					}
					for _, run := range lb.Runs {
						run.X += x + pad
						row.Runs = append(row.Runs, run)
					}
					for _, ln := range lb.Links {
						ln.X += x + pad
						row.Links = append(row.Links, ln)
					}
					for _, r := range lb.rules {
						r.X += x + pad
						row.rules = append(row.rules, r)
					}
					for _, pic := range lb.pictures {
						pic.X += x + pad
						row.pictures = append(row.pictures, pic)
					}
					row.Marks = append(row.Marks, shiftedMarks(lb.Marks, x+pad)...)
					row.Notes = append(row.Notes, lb.Notes...)
				}
				x += widths[i]
			}
			if k == 0 {
				row.rules = append(row.rules, Rule{X: 0, Y: -spec.Leading + spec.Size/4, W: tableW, H: Pt / 2})
			}
			row.Metrics = LineMetrics{Kind: LineTable, Width: tableW, Right: tableW, Text: lineText(row.Runs), Last: k == height-1}
			t.flow = append(t.flow, vitem{kind: vLine, line: row, x: left, keep: k > 0 || (ri == 1 && len(tb.Header) > 0) || t.keepNext})
			t.keepNext = false
		}
	}
	// Closing rule under the last row.
	end := &lineBox{Leading: spec.Leading / 2, Size: spec.Size}
	end.rules = append(end.rules, Rule{X: 0, Y: -spec.Leading/2 + spec.Size/4, W: tableW, H: Pt / 2})
	t.flow = append(t.flow, vitem{kind: vLine, line: end, x: left, keep: true})
	t.space(c.Leading / 2)
	t.noIndent = true
}
