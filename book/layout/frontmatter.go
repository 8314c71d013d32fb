package layout

import (
	"strconv"
	"strings"

	"bindery/book/doc"
	"bindery/book/lang"
)

// frontMatter builds the pages before the text, numbered in roman: half-title, blank, title,
// imprint, contents, and a blank to make the count even, so the text opens on a recto.
// Contents entries carry the body's page numbers, which front matter cannot shift because
// the body is numbered from 1 on its own; pageOf gives them (chapterPages).
func (t *typesetter) frontMatter(pageOf map[string]int, chapters []*doc.Chapter) []*Page {
	s, meta := t.s, t.book.Meta
	var pages []*Page
	add := func(kind PageKind) *Page {
		p := &Page{Kind: kind, Roman: true, Number: len(pages) + 1, Recto: len(pages)%2 == 0}
		pages = append(pages, p)
		return p
	}
	centred := func(size Length, style Style) textSpec {
		return textSpec{Size: size, Leading: size * 13 / 10, Style: style, Width: s.TextWidth(), Centered: true, Display: true, NoHyphenation: true}
	}
	// Each text is a block of its own, made here, so that the tagged PDF has it as a
	// paragraph (a heading, for the title).
	text := func(p *Page, y Length, str string, spec textSpec) Length {
		if str == "" {
			return y
		}
		ins := []doc.Inline{&doc.Text{Text: str}}
		if spec.block == nil {
			spec.block = &doc.Paragraph{Inlines: ins}
		}
		for _, lb := range t.setParagraph(ins, spec) {
			y += lb.Leading
			t.putLine(p, lb, t.left(p.Recto), y)
		}
		return y
	}

	half := add(HalfTitlePage)
	text(half, s.Top+(s.PageHeight-s.Top-s.Bottom)/4, meta.Title, centred(s.FontSize*14/10, Roman))
	add(BlankPage)

	title := add(TitlePage)
	titleSpec := centred(s.FontSize*2, Bold)
	titleSpec.block = &doc.Heading{Level: 1, Inlines: []doc.Inline{&doc.Text{Text: meta.Title}}}
	y := text(title, s.Top+3*s.Leading, meta.Title, titleSpec)
	y = text(title, y+s.Leading/2, meta.Subtitle, centred(s.FontSize*13/10, Italic))
	text(title, y+3*s.Leading, meta.Author, centred(s.FontSize*13/10, Roman))
	// The publisher's imprint at the foot, unless it only says the author's name again.
	publisher := meta.Publisher
	if sameName(publisher, meta.Author) {
		publisher = ""
	}
	if publisher != "" {
		text(title, s.TextBottom()-2*s.Leading, publisher, centred(s.FontSize, Roman))
	}

	imprint := add(ImprintPage)
	// The imprint's text is the EPUB's (doc.Imprint), with the typeface print is set in.
	lines := append(doc.Imprint(meta, s.Labels), s.Labels.Get(lang.SetIn, s.Family.Regular.Family))
	small := textSpec{Size: s.FontSize * 85 / 100, Leading: s.Leading * 85 / 100, Width: s.TextWidth(), Ragged: true, NoHyphenation: true}
	var set [][]*lineBox
	var h Length
	for i, l := range lines {
		spec := small
		if i == 0 {
			spec.Style = Italic // the title, measured in the style it is drawn in
		}
		ins := []doc.Inline{&doc.Text{Text: l}}
		spec.block = &doc.Paragraph{Inlines: ins}
		ls := t.setParagraph(ins, spec)
		set = append(set, ls)
		h += height(ls) + small.Leading/2
	}
	y = s.TextBottom() - h
	for _, ls := range set {
		for _, lb := range ls {
			y += lb.Leading
			t.putLine(imprint, lb, t.left(imprint.Recto), y)
		}
		y += small.Leading / 2
	}

	t.contents(pageOf, chapters, add)
	if len(pages)%2 == 1 {
		add(BlankPage)
	}
	return pages
}

// chapterPages finds the body page number on which each heading starts.
func (t *typesetter) chapterPages(body []*Page) map[string]int {
	out := map[string]int{}
	for n, p := range body {
		t.headingsOn(out, n+1, p)
	}
	return out
}

// headingsOn adds to out the headings that start on body page number n, p, not yet drawn.
func (t *typesetter) headingsOn(out map[string]int, n int, p *Page) {
	if p.pending == nil {
		return
	}
	for _, pl := range p.pending.lines {
		if h := t.vlist[pl.idx].heading; h != nil {
			if _, ok := out[h.ID]; !ok {
				out[h.ID] = n
			}
		}
	}
}

// contents sets the table of contents: chapters and their sections, dot leaders, page numbers.
func (t *typesetter) contents(pageOf map[string]int, chapters []*doc.Chapter, add func(PageKind) *Page) {
	s := t.s
	p := add(ContentsPage)
	headSpec := textSpec{Size: s.FontSize * 16 / 10, Leading: s.FontSize * 2, Style: Bold, Width: s.TextWidth(), Ragged: true, NoHyphenation: true}
	y := s.Top + sinkLines*s.Leading
	contentsTitle := []doc.Inline{&doc.Text{Text: s.Labels.Get(lang.Contents)}}
	headSpec.block = &doc.Heading{Level: 1, Inlines: contentsTitle}
	for _, lb := range t.setParagraph(contentsTitle, headSpec) {
		t.putLine(p, lb, t.left(p.Recto), y)
		y += lb.Leading
	}
	p.Marks = append(p.Marks, Mark{ID: "contents", X: t.left(p.Recto), Y: s.Top})
	y += s.Leading
	face := s.Family.Face(false, false)
	dot := Length(face.Measure(".", int64(s.FontSize), false))
	step := dot * 5 / 2 // leaders: dots on a fixed grid so that they line up
	numW := Length(face.Measure("0000", int64(s.FontSize), false))
	for _, ch := range chapters {
		for _, h := range sections(ch) {
			if h.Level > 2 || h.Role != "" {
				continue
			}
			indent := Length(0)
			if h.Level == 2 {
				indent = 3 * s.FontSize / 2
			}
			num := strconv.Itoa(pageOf[h.ID])
			// The entry's runs point to the heading it lists: the tagged PDF makes them a TOCI.
			spec := textSpec{Size: s.FontSize, Leading: s.Leading, Width: s.TextWidth() - indent - numW - 2*step, Ragged: true, NoHyphenation: true, Kind: LineContents, block: h}
			// A part stands out: in bold, with room above it, and without a page number (its
			// page has a blind folio).
			part := ch.Part && h == ch.Blocks[0]
			above := Length(0)
			if part {
				spec.Style, spec.Kind, spec.Width = Bold, "contents-part", s.TextWidth()
				above = s.Leading / 2
			}
			t.warnPlace = h.Position() // a title too wide for the contents is the heading's problem
			lines := t.setParagraph(h.Inlines, spec)
			if len(lines) == 0 {
				continue
			}
			if y+above+Length(len(lines))*s.Leading > s.TextBottom() {
				p = add(ContentsPage)
				y, above = s.Top+s.FontSize, 0
			}
			y += above
			left := t.left(p.Recto)
			top := y
			for i, lb := range lines {
				t.putLine(p, lb, left+indent, y)
				if i == len(lines)-1 && !part {
					nw := Length(face.Measure(num, int64(s.FontSize), true))
					right := left + s.TextWidth()
					p.Runs = append(p.Runs, Run{X: int32(right - nw), Y: int32(y), Style: Roman, Size: int32(s.FontSize), Text: num, Width: int32(nw), Block: blockRef(&p.Blocks, h)})
					from := left + indent + lb.Metrics.Right + step
					var dots strings.Builder
					first := Length(-1)
					for x := (from/step + 1) * step; x+dot < right-nw-step/2; x += step {
						if first < 0 {
							first = x
						}
						dots.WriteString(".")
						p.Runs = append(p.Runs, Run{X: int32(x), Y: int32(y), Style: Roman, Size: int32(s.FontSize), Text: ".", Width: int32(dot)})
					}
				}
				y += lb.Leading
			}
			p.Links = append(p.Links, Link{X: left + indent, Y: top - s.FontSize, W: s.TextWidth() - indent, H: y - top, Target: "#" + h.ID})
		}
	}
}

// height is the height of lines stacked by their leading.
func height(lines []*lineBox) Length {
	var h Length
	for _, l := range lines {
		h += l.Leading
	}
	return h
}

// sameName says whether two names are the same but for case and spacing.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
