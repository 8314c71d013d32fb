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

// table sets a table: its columns as wide as their widest cells, scaled down to the measure
// if they are wider, and centred; a rule above each row and under the last. A row is as tall
// as its tallest cell and never splits: its lines are kept together, and the header with
// the first row.
func (t *typesetter) table(tb *doc.Table, c textSpec) {
	cols := len(tb.Header)
	for _, r := range tb.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	g := tableGrid{spec: c, cols: cols}
	g.spec.Size = c.Size * 9 / 10
	g.spec.Leading = c.Leading * 9 / 10
	g.spec.Ragged, g.spec.Kind = true, "table"
	g.pad = g.spec.Size / 2
	rows := append([][]*doc.TableCell{tb.Header}, tb.Rows...)
	t.columnWidths(&g, rows, c)
	left := c.offset + max(0, (c.Width-g.width)/2)
	t.space(c.Leading)
	for ri, r := range rows {
		if ri == 0 && len(tb.Header) == 0 {
			continue
		}
		cellSpec := g.spec
		if ri == 0 {
			cellSpec.Style = c.Style.with(true, false)
		}
		cells, height := t.tableCells(&g, tb, r, cellSpec)
		for k := 0; k < max(height, 1); k++ {
			row := g.rowLine(cells, k, height)
			t.vlist = append(t.vlist, vitem{kind: vLine, line: row, x: left, keep: k > 0 || (ri == 1 && len(tb.Header) > 0) || t.keepNext})
			t.keepNext = false
		}
	}
	// Closing rule under the last row.
	end := &lineBox{Leading: g.spec.Leading / 2, Size: g.spec.Size}
	end.rules = append(end.rules, Rule{X: 0, Y: -g.spec.Leading/2 + g.spec.Size/4, W: g.width, H: Pt / 2})
	t.vlist = append(t.vlist, vitem{kind: vLine, line: end, x: left, keep: true})
	t.space(c.Leading / 2)
	t.noIndent = true
}

// tableGrid is the shape of a table being set: its columns and how its cells are set.
type tableGrid struct {
	spec   textSpec // the text of the cells
	cols   int
	pad    Length   // room on each side of a cell's text
	widths []Length // of each column, its padding included
	width  Length   // of the whole table
}

// columnWidths gives each column of g the natural width of its widest cell, then scales
// them down together to fit the measure of c, each at least an em wide.
func (t *typesetter) columnWidths(g *tableGrid, rows [][]*doc.TableCell, c textSpec) {
	natural := make([]Length, g.cols)
	for ri, r := range rows {
		for i, cell := range r {
			wide := g.spec
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
		total += w + 2*g.pad
	}
	g.widths = make([]Length, g.cols)
	for i, w := range natural {
		g.widths[i] = w + 2*g.pad
		if total > c.Width {
			g.widths[i] = Length(int64(c.Width) * int64(w+2*g.pad) / int64(total))
		}
		g.widths[i] = max(g.widths[i], 2*g.pad+g.spec.Size)
	}
	for _, w := range g.widths {
		g.width += w
	}
}

// tableCells sets every cell of a row at its column's width, aligned as the table says. It
// returns the lines of each cell and the number of lines of the tallest.
func (t *typesetter) tableCells(g *tableGrid, tb *doc.Table, r []*doc.TableCell, spec textSpec) ([][]*lineBox, int) {
	var cells [][]*lineBox
	height := 0
	for i := 0; i < g.cols; i++ {
		var ins []doc.Inline
		if i < len(r) {
			ins = r[i].Inlines
		}
		cs := spec
		cs.Width = g.widths[i] - 2*g.pad
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
	return cells, height
}

// rowLine is line k of a row of height lines: line k of each cell, side by side, and for
// the first the rule above the row.
func (g *tableGrid) rowLine(cells [][]*lineBox, k, height int) *lineBox {
	row := &lineBox{Leading: g.spec.Leading, Size: g.spec.Size, word: -1}
	x := Length(0)
	for i := 0; i < g.cols; i++ {
		if k < len(cells[i]) {
			lb := cells[i][k]
			if row.block == nil && lb.block != nil && lb.word >= 0 {
				// A page that begins at this row begins in its first cell with text.
				row.block, row.word, row.inWord = lb.block, lb.word, lb.inWord
			}
			for _, run := range lb.Runs {
				run.X += x + g.pad
				if run.Block == nil {
					run.Block = lb.part
				}
				row.Runs = append(row.Runs, run)
			}
			for _, ln := range lb.Links {
				ln.X += x + g.pad
				row.Links = append(row.Links, ln)
			}
			for _, r := range lb.rules {
				r.X += x + g.pad
				row.rules = append(row.rules, r)
			}
			for _, pic := range lb.pictures {
				pic.X += x + g.pad
				if pic.Block == nil {
					pic.Block = lb.part
				}
				row.pictures = append(row.pictures, pic)
			}
			row.Marks = append(row.Marks, shiftedMarks(lb.Marks, x+g.pad)...)
			row.Notes = append(row.Notes, lb.Notes...)
		}
		x += g.widths[i]
	}
	if k == 0 {
		row.rules = append(row.rules, Rule{X: 0, Y: -g.spec.Leading + g.spec.Size/4, W: g.width, H: Pt / 2})
	}
	row.Metrics = LineMetrics{Kind: LineTable, Width: g.width, Right: g.width, Text: lineText(row.Runs), Last: k == height-1}
	return row
}
