package layout

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"bindery/book/doc"
	"bindery/book/lang"
	"bindery/book/linebreak"
)

// shiftLine moves everything on an owned line right by dx. Its slices are shared with the
// paragraph cache: they are copied first.
func shiftLine(lb *lineBox, dx Length) {
	lb.Runs, lb.packed = lb.appendRuns(make([]Run, 0, lb.runCount())), "" // a copy, or unpacked into one
	lb.Links = append([]Link(nil), lb.Links...)
	if lb.x != nil {
		x := *lb.x
		x.rules = append([]Rule(nil), x.rules...)
		x.pictures = append([]Picture(nil), x.pictures...)
		lb.x = &x
	}
	lb.Marks = shiftedMarks(lb.Marks, dx)
	for k := range lb.Runs {
		lb.Runs[k].X += int32(dx)
	}
	for k := range lb.Links {
		lb.Links[k].X += dx
	}
	for k := range lb.ex().rules {
		lb.x.rules[k].X += dx
	}
	for k := range lb.ex().pictures {
		lb.x.pictures[k].X += dx
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

// Tables are set as a book sets them (booktabs' rules): a rule above, a thinner one under the
// header and a rule under the last row, no rules between rows but a little room, and padding
// inside each cell. Column widths come from the content as HTML's automatic table layout
// takes them: each column's minimum (its widest word, never hyphenated) and maximum (its
// widest cell on one line); columns at their maximum if all fit, else every column at its
// minimum and the room left shared in proportion to what each column wants beyond it. A
// table whose minimum is wider than the measure is set smaller, down to 80 %, before its
// words are broken. A row never splits (unless it is taller than a page), the header keeps
// with the first row, and the header is repeated at the top of every page the table
// continues onto. A caption (pandoc's "Table: …", HTML's <caption>) stands above the table.

// tableMinScale is the smallest a wide table is set, in percent of its text's size, before
// its words break; tableLastScale the smallest a table of very many columns is set at all.
const (
	tableMinScale  = 80
	tableLastScale = 50
)

// table sets a table.
func (t *typesetter) table(tb *doc.Table, c textSpec) {
	cols := len(tb.Header)
	for _, r := range tb.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	rows := append([][]*doc.TableCell{tb.Header}, tb.Rows...)
	var g tableGrid
	for scale := 100; ; scale -= 5 {
		g = tableGrid{spec: c, cols: cols, metrics: t.s.Metrics}
		g.spec.Size = c.Size * 9 / 10 * Length(scale) / 100
		g.spec.Leading = c.Leading * 9 / 10 * Length(scale) / 100
		g.spec.Ragged, g.spec.Kind, g.spec.Indent, g.spec.Hang, g.spec.task = true, LineTable, 0, 0, doc.NoTask
		// Padding: half an em, less for a table of so many columns that it would eat the
		// measure.
		g.pad = min(g.spec.Size/2, c.Width/Length(8*cols))
		g.vpad = g.spec.Leading / 4
		fits := t.columnWidths(&g, rows, c)
		if fits || scale <= tableMinScale && g.narrowest() >= 3*g.spec.Size || scale <= tableLastScale {
			if scale < tableMinScale {
				t.warnings.Warnf(tb.Pos, "a table of %d columns is too wide for the measure: set at %d %% of the text's size, its words broken where they must be", cols, scale*9/10)
			}
			break
		}
	}
	g.decimals = t.decimalColumns(tb, &g)
	left := c.offset + max(0, (c.Width-g.width)/2)
	t.space(c.Leading / 2)
	if len(tb.Caption) > 0 {
		cap := c
		cap.Size, cap.Leading = c.Size*9/10, c.Leading*9/10
		cap.Centered, cap.Ragged, cap.Indent, cap.Hang, cap.Kind, cap.block = true, false, 0, 0, LineCaption, tb
		cap.Style = c.Style.with(false, true)
		lines := t.setParagraph(tb.Caption, cap)
		t.lines(lines, c.offset)
		for i := range lines {
			t.vlist[len(t.vlist)-len(lines)+i].keep = i > 0
		}
		t.keepNext = true
		t.space(c.Leading / 4)
	}
	var head []*lineBox
	if len(tb.Caption) > 0 && len(tb.Header) > 0 {
		// On the pages the table continues onto, its caption says so above the header.
		cont := c
		cont.Size, cont.Leading = c.Size*9/10, c.Leading*9/10
		cont.Centered, cont.Ragged, cont.Indent, cont.Hang, cont.Kind, cont.block = true, false, 0, 0, LineCaption, nil
		cont.Style = c.Style.with(false, true)
		ins := append(append([]doc.Inline{}, tb.Caption...), &doc.Text{At: tb.At, Text: " " + t.continuedWord()})
		for _, lb := range t.setParagraph(ins, cont) {
			lb = own(lb)
			lb.word, lb.Marks, lb.Links = -1, nil, nil
			// Set on the measure, placed where the table's rows are.
			shiftLine(lb, c.offset-left)
			head = append(head, lb)
		}
	}
	for ri, r := range rows {
		if ri == 0 && len(tb.Header) == 0 {
			continue
		}
		cellSpec := g.spec
		if ri == 0 {
			cellSpec.Style = c.Style.with(true, false)
		}
		cells, height := t.tableCells(&g, tb, r, cellSpec, ri == 0)
		for k := 0; k < max(height, 1); k++ {
			top := ri == 0 || (ri == 1 && len(tb.Header) == 0)
			row := g.rowLine(cells, k, height, top, ri == 0)
			if t.s.Metrics {
				row.Metrics.more.Text = lineText(row.Runs)
			}
			if ri == 0 {
				h := row
				if k == 0 && len(head) > 0 {
					// Under the "(continued)" caption, the room a caption has above a table.
					h = own(row)
					h.Leading += c.Leading / 4
				}
				head = append(head, h)
			}
			it := vitem{kind: vLine, line: row, x: left, keep: k > 0 || (ri == 1 && len(tb.Header) > 0) || t.keepNext}
			if ri > 0 && k == 0 && len(tb.Header) > 0 {
				it.head = &head // repeated above this row when a page begins with it
			}
			t.vlist = append(t.vlist, it)
			t.keepNext = false
		}
	}
	// The closing rule under the last row.
	end := &lineBox{Leading: g.spec.Leading / 2, Size: g.spec.Size, word: -1}
	end.more().rules = append(end.ex().rules, Rule{X: 0, Y: -g.spec.Leading/2 + g.spec.Size/4, W: g.width, H: heavyRule})
	t.vlist = append(t.vlist, vitem{kind: vLine, line: end, x: left, keep: true})
	t.space(c.Leading / 2)
	t.noIndent = true
}

// The rules of a table: heavy above and below, light under the header (booktabs' weights).
const (
	heavyRule = Pt * 7 / 10
	lightRule = Pt * 4 / 10
)

// tableGrid is the shape of a table being set: its columns and how its cells are set.
type tableGrid struct {
	spec   textSpec // the text of the cells
	cols   int
	pad    Length   // room on each side of a cell's text
	vpad   Length   // room above each row
	widths []Length // of each column, its padding included
	width  Length   // of the whole table
	// metrics keeps the rows' whole LineMetrics (Settings.Metrics).
	metrics bool
	// hyphenate is set for a column narrower than its widest word: only there may words
	// break.
	hyphenate []bool
	// decimals is, for a right-aligned column of numbers with decimals, the widest part
	// from a decimal point on: its numbers are aligned on the point.
	decimals []Length
}

// columnWidths shares the measure of c among g's columns by their content (see above); it
// reports false when even the columns' minimum widths do not fit.
func (t *typesetter) columnWidths(g *tableGrid, rows [][]*doc.TableCell, c textSpec) bool {
	minW := make([]Length, g.cols)
	maxW := make([]Length, g.cols)
	for ri, r := range rows {
		for i, cell := range r {
			spec := g.spec
			if ri == 0 {
				spec.Style = c.Style.with(true, false)
			}
			lo, hi := t.contentWidths(cell.Inlines, spec)
			minW[i], maxW[i] = max(minW[i], lo), max(maxW[i], hi)
		}
	}
	room := c.Width - Length(g.cols)*2*g.pad
	var sumMin, sumMax Length
	for i := range minW {
		minW[i] = max(minW[i], g.spec.Size) // an empty column is still an em wide
		maxW[i] = max(maxW[i], minW[i])
		sumMin += minW[i]
		sumMax += maxW[i]
	}
	g.widths = make([]Length, g.cols)
	g.hyphenate = make([]bool, g.cols)
	fits := sumMin <= room
	var short []Length // when the minimums do not fit: each column's share of the room
	if !fits {
		short = fairShares(minW, room)
	}
	for i := range g.widths {
		w := maxW[i]
		switch {
		case sumMax <= room:
		case fits:
			// The room beyond the minimums, shared by what each column wants more.
			w = minW[i] + Length(int64(room-sumMin)*int64(maxW[i]-minW[i])/int64(max(sumMax-sumMin, 1)))
		default:
			w = short[i]
			g.hyphenate[i] = w < minW[i]
		}
		g.widths[i] = w + 2*g.pad
	}
	g.width = 0
	for _, w := range g.widths {
		g.width += w
	}
	return fits
}

// fairShares shares room among columns that want want each, when they want more in all:
// a column that wants less than an equal share gets what it wants, and the others share the
// rest equally (max-min fairness), so that one huge word does not starve its neighbours.
func fairShares(want []Length, room Length) []Length {
	order := make([]int, len(want))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return want[order[a]] < want[order[b]] })
	out := make([]Length, len(want))
	left := room
	for k, i := range order {
		share := left / Length(len(want)-k)
		out[i] = max(min(want[i], share), 0)
		left -= out[i]
	}
	return out
}

// narrowest is the width of the text of the narrowest column whose words must break, or of
// any column if none must.
func (g *tableGrid) narrowest() Length {
	n := Length(-1)
	for i, w := range g.widths {
		if (n < 0 || w-2*g.pad < n) && g.hyphenate[i] {
			n = w - 2*g.pad
		}
	}
	if n < 0 {
		return g.spec.Width
	}
	return n
}

// contentWidths are the minimum and maximum content widths of a cell's text: its widest word
// (whole: neither hyphenation points nor the break points of code and compounds count, so
// that a column is first made wide enough for them) and its width on one line (up to any hard
// line break).
func (t *typesetter) contentWidths(ins []doc.Inline, spec textSpec) (minW, maxW Length) {
	p := t.setter(textLen(ins))
	defer t.release(p)
	spec.NoHyphenation = true
	p.spec = spec
	warned := len(t.warnings)
	p.inlines(ins, p.base())
	t.warnings = t.warnings[:warned] // said when the cell is set
	var piece, line Length
	for _, it := range p.items {
		switch it.Kind {
		case linebreak.KindBox:
			piece += it.Width
			line += it.Width
		case linebreak.KindGlue:
			minW, piece = max(minW, piece), 0
			line += it.Width
		case linebreak.KindPenalty:
			if it.Flagged {
				continue // a hyphen or a break inside code: the widths keep such words whole
			}
			if it.Penalty < linebreak.InfPenalty {
				minW, piece = max(minW, piece), 0
			}
			if it.Penalty <= linebreak.EjectPenalty {
				maxW, line = max(maxW, line), 0
			}
		}
	}
	return max(minW, piece), max(maxW, line)
}

// tableCells sets every cell of a row at its column's width, aligned as the table says. It
// returns the lines of each cell and the number of lines of the tallest.
func (t *typesetter) tableCells(g *tableGrid, tb *doc.Table, r []*doc.TableCell, spec textSpec, header bool) ([][]*lineBox, int) {
	var cells [][]*lineBox
	height := 0
	for i := 0; i < g.cols; i++ {
		var ins []doc.Inline
		if i < len(r) {
			ins = r[i].Inlines
		}
		cs := spec
		cs.Width = g.widths[i] - 2*g.pad
		cs.NoHyphenation = !g.hyphenate[i]
		// A column narrower than a syllable or two breaks its words anywhere.
		cs.breakAnywhere = g.hyphenate[i] && cs.Width < 3*spec.Size
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
					if !header && len(ls) == 1 && i < len(g.decimals) && g.decimals[i] > 0 {
						// Numbers stand on their decimal point.
						shift -= g.decimals[i] - t.fraction(doc.PlainText(ins), spec)
					}
				case doc.AlignCenter:
					shift = (cs.Width - lb.Metrics.Right) / 2
				}
				shiftLine(lb, max(shift, 0))
			}
		}
		cells = append(cells, ls)
		height = max(height, len(ls))
	}
	return cells, height
}

// rowLine is line k of a row of height lines: line k of each cell, side by side. The first
// line of a row has the room above it, with the table's top rule in it for the top row; the
// header's last line has the light rule under it (so a repeated header brings its rule).
func (g *tableGrid) rowLine(cells [][]*lineBox, k, height int, top, header bool) *lineBox {
	row := &lineBox{Leading: g.spec.Leading, Size: g.spec.Size, word: -1}
	x := Length(0)
	for i := 0; i < g.cols; i++ {
		if k < len(cells[i]) {
			lb := cells[i][k]
			if row.block == nil && lb.block != nil && lb.word >= 0 {
				// A page that begins at this row begins in its first cell with text.
				row.block, row.word, row.inWord = lb.block, lb.word, lb.inWord
			}
			for _, run := range lb.runList() {
				run.X += int32(x + g.pad)
				run.Block = blockRef(&row.more().blocks, lb.blockOf(run))
				row.Runs = append(row.Runs, run)
			}
			for _, ln := range lb.Links {
				ln.X += x + g.pad
				row.Links = append(row.Links, ln)
			}
			for _, r := range lb.ex().rules {
				r.X += x + g.pad
				row.more().rules = append(row.ex().rules, r)
			}
			for _, pic := range lb.ex().pictures {
				pic.X += x + g.pad
				if pic.Block == nil {
					pic.Block = lb.part
				}
				row.more().pictures = append(row.ex().pictures, pic)
			}
			row.Marks = append(row.Marks, shiftedMarks(lb.Marks, x+g.pad)...)
			if len(lb.ex().Notes) > 0 {
				row.more().Notes = append(row.ex().Notes, lb.x.Notes...)
			}
		}
		x += g.widths[i]
	}
	if k == 0 {
		row.Leading += g.vpad
	}
	// Rules in the middle of the room between rows: under the descenders of the line
	// above, plus half the room.
	if k == 0 && top {
		y := -row.Leading + g.spec.Size/4 + g.vpad/2
		row.more().rules = append(row.ex().rules, Rule{X: 0, Y: y - heavyRule/2, W: g.width, H: heavyRule})
	}
	if header && k == height-1 {
		y := g.spec.Size/4 + g.vpad/2
		row.more().rules = append(row.ex().rules, Rule{X: 0, Y: y - lightRule/2, W: g.width, H: lightRule})
	}
	row.Metrics = compact(LineMetrics{Kind: LineTable, Width: g.width, Right: g.width, Last: k == height-1}, g.metrics)
	return row
}

// continuedWord is the hint a table's caption carries on the pages the table continues onto,
// and an index entry's term on the column it continues into: "(continued)" in the book's
// language (lang.Continued, which book.yaml's labels: may change).
func (t *typesetter) continuedWord() string {
	return "(" + t.s.Labels.Get(lang.Continued) + ")"
}

// number is a cell that holds a number alone: digits with separators, a sign, a decimal point,
// a per cent sign.
var number = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+−]?[0-9][0-9,\x{00A0}\x{202F}]*(\.[0-9]+)?\s?%?$`)
})

// decimalColumns finds the right-aligned columns whose body cells are all numbers (or empty),
// some with a decimal point, and gives each the width of its widest fraction; a column too
// narrow for its widest whole part and widest fraction side by side stays aligned right.
func (t *typesetter) decimalColumns(tb *doc.Table, g *tableGrid) []Length {
	spec := g.spec
	out := make([]Length, len(tb.Align))
	for i, a := range tb.Align {
		if a != doc.AlignRight {
			continue
		}
		var widest, whole Length
		points, ok := 0, true
		for _, r := range tb.Rows {
			if i >= len(r) {
				continue
			}
			text := strings.TrimSpace(doc.PlainText(r[i].Inlines))
			if text == "" {
				continue
			}
			if !number().MatchString(text) {
				ok = false
				break
			}
			if strings.Contains(text, ".") {
				points++
			}
			frac := t.fraction(text, spec)
			widest = max(widest, frac)
			whole = max(whole, Length(t.s.Face(spec.Style).Measure(text, int64(spec.Size), true))-frac)
		}
		if ok && points > 0 && i < len(g.widths) && whole+widest <= g.widths[i]-2*g.pad {
			out[i] = widest
		}
	}
	return out
}

// fraction is the width of a number's part from its decimal point on (0 without one).
func (t *typesetter) fraction(text string, spec textSpec) Length {
	text = strings.TrimSpace(text)
	k := strings.LastIndexByte(text, '.')
	if k < 0 {
		return 0
	}
	return Length(t.s.Face(spec.Style).Measure(text[k:], int64(spec.Size), true))
}
