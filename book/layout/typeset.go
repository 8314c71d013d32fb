package layout

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
)

// vkind is the kind of an item of the vertical list that pages are cut from.
type vkind uint8

const (
	vLine    vkind = iota // a line of text (or a rule) advancing by its leading
	vSpace                // vertical space, discarded at the top of a page
	vChapter              // a chapter starts: new page
)

// vitem is one item of the main vertical list.
type vitem struct {
	kind    vkind
	space   Length // vSpace: how much
	line    *lineBox
	x       Length // vLine: left offset within the text block
	keep    bool   // no page break allowed just before this item
	chapter *doc.Chapter
	heading *doc.Heading // vLine: first line of this heading
}

type typesetter struct {
	s         *Settings
	book      *doc.Book
	flow      []vitem
	keepNext  bool // the next line must stay on the page of the previous one (after headings)
	noIndent  bool // the next paragraph starts flush (after headings, quotes, lists)
	notes     map[*doc.Footnote][]vitem
	warnings  diag.List
	warnPlace diag.Pos

	hyphens *sync.Map // word → hyphenation points, shared by the chapters' typesetters
	spaces  map[spaceKey]Length

	// labels are the page labels of the previous pass, for page references in the text;
	// used records which of them the pass printed.
	labels map[string]string
	used   map[string]bool
	// references is set when the text holds a page reference (a cross-reference).
	references bool
	// columns is the number of columns of the chapter being set.
	columns int
	// nestedIndex is set while setting index sub-entries.
	nestedIndex bool
	// columnChapter is the chapter set in columns that the page builder is in, if any.
	columnChapter *doc.Chapter
	// cache keeps set paragraphs across the passes of the page-number fixpoint.
	cache map[parKey]setParagraphResult
	// missingAt gives, for a warning about a character missing from the font, the character:
	// chapters are set apart, and a character is reported once in a book.
	missingAt map[int]rune
	// generating is set while generated chapters are set.
	generating bool
	// setters are finished paragraph setters whose buffers the next paragraph reuses.
	setters []*paragraphSetter
	// missing are the characters already reported as absent from the font.
	missing map[rune]bool
}

// Label gives the page label of an anchor as laid out in the previous pass.
func (t *typesetter) Label(id string) string {
	t.used[id] = true
	return t.labels[id]
}

// crossRefText is the print form of a cross-reference: the target's title and its page.
func (t *typesetter) crossRefText(id string) string {
	title := id
	if a, ok := t.book.Anchors.Lookup(id); ok {
		title = a.Title
	}
	t.references = true
	t.used[id] = true
	page := t.labels[id]
	if page == "" {
		page = "?"
	}
	return doc.CrossRefText(title, page)
}

// Typeset lays out a whole book: front matter, chapters, back matter.
func Typeset(b *doc.Book, s Settings) (*Document, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	// Page references (cross-references, the index, the glossary's pages) can change what
	// they number: lay out again with the labels of the previous pass until they settle.
	labels := map[string]string{}
	keep := &kept{hyphens: &sync.Map{}}
	for pass := 1; ; pass++ {
		t, d, err := typesetOnce(b, s, labels, keep)
		if err != nil {
			return nil, err
		}
		next := pageLabels(t, d)
		// Settled when every page number the pass printed is the page its target landed on.
		// The first pass leaves the back matter out, so it is never the last when there is any.
		firstWithout := pass == 1 && generates(b, &s)
		if !firstWithout && (settled(labels, next, d.used) || !d.references) {
			// Only the last pass is drawn: the others were needed for their page numbers.
			// The paragraphs kept for later passes are let go, and each line once it is
			// on its page (see place), so a long book is not held twice while drawn.
			keep.slots = nil
			t.draw(d)
			d.Passes = pass
			return d, nil
		}
		if pass == maxPasses {
			return nil, fmt.Errorf("layout: page numbers did not settle after %d passes (page references keep moving the text)", maxPasses)
		}
		labels = next
	}
}

// pageLabels gives the label of the page each anchor lands on, from the pages' plans: what
// drawing the pages would put in the document's map, without drawing them.
func pageLabels(t *typesetter, d *Document) map[string]string {
	out := make(map[string]string, len(t.labels))
	note := func(id, label string) {
		if _, dup := out[id]; !dup {
			out[id] = label
		}
	}
	for _, p := range d.Pages {
		for _, m := range p.Marks {
			note(m.ID, p.Label)
		}
		plan := p.pending
		if plan == nil {
			continue
		}
		for _, pl := range plan.lines {
			it := &t.flow[pl.idx]
			if it.line == nil {
				continue
			}
			for _, m := range it.line.Marks {
				note(m.ID, p.Label)
			}
			if it.heading != nil {
				note(it.heading.ID, p.Label)
			}
		}
		for _, it := range plan.notes {
			for _, m := range it.line.Marks {
				note(m.ID, p.Label)
			}
			if it.heading != nil {
				note(it.heading.ID, p.Label)
			}
		}
	}
	return out
}

// generates reports whether the settings make chapters from the book's apparatus: their
// page numbers point into the text, so they join from the second pass.
func generates(b *doc.Book, s *Settings) bool {
	return s.Generate != nil && b.Apparatus != nil && len(b.Apparatus.Generated()) > 0
}

// maxPasses bounds the page-number fixpoint; two or three passes are usual.
const maxPasses = 6

func settled(used, result map[string]string, ids map[string]bool) bool {
	for id := range ids {
		if used[id] != result[id] {
			return false
		}
	}
	return true
}

// typesetOnce makes one pass of the layout: the chapters are set and cut into pages, which are
// numbered but not yet drawn (see draw).
func typesetOnce(b *doc.Book, s Settings, labels map[string]string, keep *kept) (*typesetter, *Document, error) {
	t := &typesetter{s: &s, book: b, notes: map[*doc.Footnote][]vitem{}, labels: labels, used: map[string]bool{}, hyphens: keep.hyphens}
	// The first pass knows no page yet: it lays out the text alone, which is all the back
	// matter's page references point into; the back matter joins from the second pass.
	var generated []*doc.Chapter
	if len(labels) > 0 && s.Generate != nil {
		generated = s.Generate(b.Apparatus, t, b.Meta.Language)
	}
	chapters := append(b.AllChapters(), generated...)
	// Slot 0 keeps the front matter's paragraphs (the contents); chapters use the rest.
	if len(keep.slots) == 0 {
		keep.slots = append(keep.slots, newChapterSlot())
	}
	t.cache = keep.slots[0].paragraphs
	if err := t.setChapters(chapters, keep); err != nil {
		return nil, nil, err
	}
	body, err := t.paginate()
	if err != nil {
		return nil, nil, err
	}
	front := t.frontMatter(body, chapters)
	d := &Document{Settings: s, Map: map[string]Location{}, BodyStart: len(front), Generated: generated, chapters: chapters}
	d.references = t.references || generates(b, &s)
	d.used = t.used
	d.Pages = append(front, body...)
	for i, p := range d.Pages {
		p.Index = i
		p.Recto = i%2 == 0
		if p.Roman {
			p.Label = roman(p.Number)
		} else {
			p.Label = strconv.Itoa(p.Number)
		}
	}
	return t, d, nil
}

// draw places the lines of every page and adds running heads and folios, and fills the
// map of anchors and the outline.
func (t *typesetter) draw(d *Document) {
	// Running heads repeat a title whose problems were reported where it stands.
	d.Warnings = t.warnings
	for _, p := range d.Pages {
		t.furniture(p)
		for _, m := range p.Marks {
			if _, dup := d.Map[m.ID]; !dup {
				d.Map[m.ID] = Location{Page: p.Index, Label: p.Label, X: m.X, Y: m.Y}
			}
		}
	}
	// The chapters after a part nest under it, until the next part or the back matter.
	inPart := false
	for _, ch := range d.chapters {
		switch {
		case ch.Part:
			inPart = true
		case ch.Matter != doc.BodyMatter || ch.Generated:
			inPart = false
		}
		deeper := 0
		if inPart && !ch.Part {
			deeper = 1
		}
		for _, h := range sections(ch) {
			if h.Role == doc.RoleIndexGroup {
				continue
			}
			d.Outline = append(d.Outline, OutlineEntry{Title: doc.PlainText(h.Inlines), Level: h.Level + deeper, ID: h.ID})
		}
	}
}

// sections are the headings of a chapter that the contents and the outline list: its own,
// not headings quoted in its quotations, list items or figures, which belong to the text
// they stand in (a level 1 there is no chapter).
func sections(ch *doc.Chapter) []*doc.Heading {
	var hs []*doc.Heading
	for _, b := range ch.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// chapter adds a chapter to the vertical list.
func (t *typesetter) chapter(ch *doc.Chapter) {
	t.flow = append(t.flow, vitem{kind: vChapter, chapter: ch})
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

func (t *typesetter) columnWidth() Length {
	if t.columns <= 1 {
		return t.s.TextWidth()
	}
	return (t.s.TextWidth() - t.gutter()*Length(t.columns-1)) / Length(t.columns)
}

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
		t.flow = append(t.flow, it)
	}
	t.flow = append(t.flow, vitem{kind: vSpace, space: 2 * t.s.Leading, keep: true})
	t.keepNext, t.noIndent = true, true
}

func (t *typesetter) chapterTitle(h *doc.Heading) {
	size := t.s.FontSize * 16 / 10
	spec := textSpec{Size: size, Leading: size * 5 / 4, Style: Bold, Width: t.s.TextWidth(), Ragged: true, NoHyphenation: true, Kind: LineChapterTitle, block: h}
	lines := t.setParagraph(h.Inlines, spec)
	for i, lb := range lines {
		it := vitem{kind: vLine, line: lb, keep: i > 0}
		if i == 0 {
			it.heading = h
		}
		t.flow = append(t.flow, it)
	}
	t.flow = append(t.flow, vitem{kind: vSpace, space: 2 * t.s.Leading, keep: true})
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

func (t *typesetter) heading(h *doc.Heading, c textSpec) {
	size := headingSize(h.Level, c.Size)
	style := Bold
	if h.Level >= 4 {
		style = BoldItalic
	}
	spec := textSpec{Size: size, Leading: c.Leading * size / c.Size, Style: style, Width: c.Width, Ragged: true, NoHyphenation: true, Kind: LineHeading, block: h}
	t.flow = append(t.flow, vitem{kind: vSpace, space: c.Leading, keep: t.keepNext})
	lines := t.setParagraph(h.Inlines, spec)
	for i, lb := range lines {
		it := vitem{kind: vLine, line: lb, keep: i > 0 || t.keepNext}
		if i == 0 {
			it.heading = h
		}
		t.flow = append(t.flow, it)
	}
	t.flow = append(t.flow, vitem{kind: vSpace, space: c.Leading / 2, keep: true})
	t.keepNext, t.noIndent = true, true
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
		t.flow = append(t.flow, vitem{kind: vLine, line: lb, x: x, keep: keep})
	}
	if n > 0 {
		t.keepNext = false
	}
}

func (t *typesetter) space(h Length) {
	t.flow = append(t.flow, vitem{kind: vSpace, space: h, keep: t.keepNext})
}

func (t *typesetter) block(b doc.Block, c textSpec) {
	switch b := b.(type) {
	case *doc.Heading:
		t.heading(b, c)
	case *doc.Paragraph:
		// An image alone in a paragraph the reader did not make a figure is placed as one,
		// without a caption.
		if img, ok := loneImage(b); ok && c.task == doc.NoTask {
			t.space(c.Leading / 2)
			if t.picture(img, b, c) {
				t.space(c.Leading / 2)
				t.keepNext, t.noIndent = false, true
				return
			}
			t.flow = t.flow[:len(t.flow)-1]
		}
		spec := c
		spec.block = b
		if !t.noIndent && b.Role == "" {
			spec.Indent = c.Size
		}
		if b.Role == doc.RoleIndexEntry {
			spec.Ragged, spec.Hang, spec.Kind = true, c.Size, "index"
		}
		t.noIndent = false
		lines := t.setParagraph(b.Inlines, spec)
		if b.ID != "" && len(lines) > 0 {
			lines[0] = own(lines[0])
			lines[0].Marks = append(lines[0].Marks, Mark{ID: b.ID})
		}
		t.lines(lines, c.Width0(t.s))
	case *doc.BlockQuote:
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
	case *doc.List:
		t.list(b, c)
	case *doc.DefinitionList:
		for _, it := range b.Items {
			term := c
			term.Style = c.Style.with(true, false)
			term.Kind = LineTerm
			term.block = it
			t.space(c.Leading / 3)
			lines := t.setParagraph(it.Term, term)
			if it.ID != "" && len(lines) > 0 {
				lines[0] = own(lines[0])
				lines[0].Marks = append(lines[0].Marks, Mark{ID: it.ID})
			}
			t.lines(lines, c.offset)
			t.keepNext = true
			def := c
			def.Width = c.Width - 2*c.Size
			def.offset = c.offset + 2*c.Size
			def.Kind = LineDefinition
			// Generated entries (glossary, chronology) are short and full of names: ragged.
			def.Ragged = b.Role != ""
			for _, d := range it.Definitions {
				t.noIndent = true
				for _, db := range d {
					t.block(db, def)
				}
			}
		}
		t.noIndent = true
	case *doc.Rule:
		lb := &lineBox{Leading: 2 * c.Leading, Size: c.Size}
		w := c.Width / 4
		lb.rules = append(lb.rules, Rule{X: (c.Width - w) / 2, Y: -c.Leading / 2, W: w, H: Pt / 2})
		t.flow = append(t.flow, vitem{kind: vLine, line: lb, x: c.offset, keep: t.keepNext})
		t.space(c.Leading / 2)
		t.keepNext, t.noIndent = false, true
	case *doc.CodeBlock:
		spec := c
		spec.Size = c.Size * 85 / 100
		spec.Leading = c.Leading * 85 / 100
		spec.Ragged, spec.NoHyphenation, spec.Kind = true, true, "code"
		spec.Width = c.Width - c.Size // the lines are indented by c.Size
		t.space(c.Leading / 2)
		var all []*lineBox
		space := t.spaceWidth(t.s.Family.Face(spec.Style.bold(), spec.Style.italic()), spec.Size)
		spec.block = b
		words := 0 // of the lines before, for locating a page that begins in the code
		for _, src := range strings.Split(b.Text, "\n") {
			// A line keeps its indentation, and so do its continuations if it is too long.
			cols, text := codeIndent(src)
			line := spec
			if text != "" {
				line.Indent = min(Length(cols)*space, spec.Width/2)
				line.Hang = line.Indent
			}
			ls := t.setParagraph([]doc.Inline{&doc.Text{Text: text}}, line)
			if len(ls) == 0 {
				ls = []*lineBox{{Leading: spec.Leading, Size: spec.Size}}
			}
			for i := range ls {
				if words > 0 && ls[i].word >= 0 {
					ls[i] = own(ls[i])
					ls[i].word += words
				}
			}
			words += len(strings.Fields(text))
			all = append(all, ls...)
		}
		t.lines(all, c.offset+c.Size)
		t.space(c.Leading / 2)
		t.noIndent = true
	case *doc.Table:
		t.table(b, c)
	case *doc.Figure:
		t.figure(b, c)
	}
}

// codeIndent splits a line of code into the columns of its indentation (a tab to the next
// multiple of four) and its text.
func codeIndent(line string) (int, string) {
	cols := 0
	for i, r := range line {
		switch r {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return cols, line[i:]
		}
	}
	return cols, ""
}

// loneImage reports whether a paragraph is an image alone.
func loneImage(p *doc.Paragraph) (*doc.Image, bool) {
	if len(p.Inlines) != 1 {
		return nil, false
	}
	img, ok := p.Inlines[0].(*doc.Image)
	return img, ok
}

// Width0 is the left offset of a context's lines.
func (c textSpec) Width0(*Settings) Length { return c.offset }

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
		start := len(t.flow)
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
		for k := start; k < len(t.flow) && label != ""; k++ {
			if t.flow[k].kind == vLine && t.flow[k].line != nil {
				face := t.s.Family.Face(false, false)
				w := Length(face.Measure(label, int64(c.Size), true))
				lb := own(t.flow[k].line)
				t.flow[k].line = lb
				lb.Runs = append([]Run{{X: -w - c.Size/2, Style: Roman, Size: c.Size, Text: label, Width: w}}, lb.Runs...)
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

func firstBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

// indexList sets index entries flush left, their sub-entries indented, no labels.
func (t *typesetter) indexList(l *doc.List, c textSpec) {
	inner := c
	if t.nestedIndex {
		inner.offset += c.Size
		inner.Width -= c.Size
	}
	for _, it := range l.Items {
		for _, b := range it.Blocks {
			if sub, ok := b.(*doc.List); ok {
				was := t.nestedIndex
				t.nestedIndex = true
				t.indexList(sub, inner)
				t.nestedIndex = was
				continue
			}
			t.noIndent = true
			t.block(b, inner)
		}
	}
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

func truncateText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

var _ = fmt.Sprintf
