package layout

import (
	"strings"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/lang"
	"bindery/book/linebreak"
)

// look is how a piece of inline text is set: its face, size and shift from the baseline, the
// link it belongs to, and what it is (deleted, printed as written).
type look struct {
	style  Style
	size   Length
	raise  Length // baseline shift upwards: superscripts; negative for subscripts
	link   string // URL, or "#id" inside the book
	struck bool   // deleted text: a rule through it
	// literal text (code, keys, mathematics) is printed as written: never hyphenated.
	literal bool
	// lang is the language of a passage marked as another than the book's; "" for the book's.
	lang string
	// smallCaps sets lower-case letters as small capitals (smcp); figures is the figure
	// style of digits (variants.go).
	smallCaps bool
	figures   font.FigureStyle
}

// superscript raises text as note numbers are raised, at two thirds of its size.
func superscript(l look) look {
	l.raise += l.size * 36 / 100
	l.size = l.size * 65 / 100
	return l
}

// subscript lowers text below the baseline, at the size of a superscript.
func subscript(l look) look {
	l.raise -= l.size * 18 / 100
	l.size = l.size * 65 / 100
	return l
}

// quoteMarks are the marks a quotation (<q>) is printed in, by its language and how deep the
// quotation is nested (book/lang). French marks take a narrow no-break space inside, which
// binds them to the word like a letter (doc.WordSpace): they count as no words.
func quoteMarks(language string, depth int) (open, close string) {
	q := lang.QuotesFor(language)
	return q.Mark(depth, true), q.Mark(depth, false)
}

// smallSize is the size of <small> text.
func smallSize(size Length) Length { return size * 85 / 100 }

// styled sets text that HTML gives a meaning.
func (p *paragraphSetter) styled(s *doc.Styled, l look) {
	switch s.Style {
	case doc.Superscript:
		l = superscript(l)
	case doc.Subscript:
		l = subscript(l)
	case doc.Keyboard:
		l = p.literal(l)
	case doc.Deleted:
		l.struck = true
	case doc.Small:
		l.size = smallSize(l.size)
	case doc.SmallCaps:
		l.smallCaps = true
	case doc.Quoted:
		language := l.lang
		if language == "" {
			language = p.t.language()
		}
		open, close := quoteMarks(language, p.quotes)
		p.quotes++
		p.opening = append(p.opening, quoteMark{open, l})
		p.inlines(s.Children, l)
		p.openQuotes() // an empty quotation still prints its marks
		p.closeQuote(close, l)
		p.quotes--
		return
	}
	// Abbreviations are printed as they are written.
	p.inlines(s.Children, l)
}

// quoteMark is an opening quotation mark waiting for the text it stands before.
type quoteMark struct {
	text string
	look look
}

// openQuotes sets the opening marks of the quotations just begun, before the word (or box)
// that is about to be set: part of that word, as the EPUB counts it.
func (p *paragraphSetter) openQuotes() {
	if len(p.opening) == 0 {
		return
	}
	marks := p.opening
	p.opening = nil
	for _, m := range marks {
		p.word(m.text, &m.look)
	}
}

// closeQuote sets a closing mark after the quotation's last word, before any space or break
// that ends the quotation: the mark belongs to that word.
func (p *paragraphSetter) closeQuote(mark string, l look) {
	k := len(p.items)
	for k > 0 && p.items[k-1].Kind != linebreak.KindBox {
		k--
	}
	tail := append([]linebreak.Item(nil), p.items[k:]...)
	p.items = p.items[:k]
	from, spaced := len(p.frags), p.inSpace
	p.word(mark, &l)
	p.inSpace = spaced
	if k > 0 && p.items[k-1].Payload >= 0 {
		for i := from; i < len(p.frags); i++ {
			p.frags[i].word = p.frags[p.items[k-1].Payload].word
		}
	}
	p.items = append(p.items, tail...)
}

// language is the book's language, for its quotation marks.
func (t *typesetter) language() string {
	if t.book == nil || t.book.Meta == nil {
		return ""
	}
	return t.book.Meta.Language
}

// pixels is the printed length of n pixels: 150 to the inch, a screen image's usual density in
// print (72 points to the inch).
func pixels(n int) Length { return Length(int64(n) * int64(Pt) * 72 / 150) }

// maxPixels bounds a picture's pixel size as the author gives it (width="…"), so that the
// arithmetic of scaling it stays exact.
const maxPixels = 1 << 20

// pictureSize is the size an image prints at before it is fitted to its place: its pixels at
// 150 to the inch, or the width and height the author asked for (one of them keeps the
// picture's proportions). ok is false when the image cannot be printed.
func (t *typesetter) pictureSize(img *doc.Image) (w, h Length, ok bool) {
	if t.s.ImageSize == nil {
		return 0, 0, false
	}
	px, py, ok := t.s.ImageSize(img.Src)
	if !ok || px <= 0 || py <= 0 {
		return 0, 0, false
	}
	px, py = min(px, maxPixels), min(py, maxPixels)
	aw, ah := min(img.Width, maxPixels), min(img.Height, maxPixels)
	switch {
	case aw > 0 && ah > 0:
		px, py = aw, ah
	case aw > 0:
		px, py = aw, max(1, int(int64(py)*int64(aw)/int64(px)))
	case ah > 0:
		px, py = max(1, int(int64(px)*int64(ah)/int64(py))), ah
	}
	return pixels(px), pixels(py), true
}

// fit scales a picture down, keeping its proportions, until it is at most maxW wide and maxH
// tall; it never enlarges it.
func fit(w, h, maxW, maxH Length) (Length, Length) {
	if w > maxW && maxW > 0 {
		h = max(1, Length(int64(h)*int64(maxW)/int64(w)))
		w = maxW
	}
	if h > maxH && maxH > 0 {
		w = max(1, Length(int64(w)*int64(maxH)/int64(h)))
		h = maxH
	}
	return w, h
}

// inlineHeight is the tallest a picture in a line of text may be: about the height of the
// ascenders (0.8 em), so that it stands on the baseline like a letter and clears the
// descenders of the line above at the book's leading.
func inlineHeight(size Length) Length { return size * 8 / 10 }

// image sets a picture in the line: a box, part of the word it touches, scaled to the text
// and the measure. An image that cannot be printed is replaced by its description in italics,
// which still counts as that one box.
func (p *paragraphSetter) image(img *doc.Image, l look) {
	if w, h, ok := p.t.pictureSize(img); ok {
		w, h = fit(w, h, p.spec.Width, inlineHeight(l.size))
		p.openQuotes()
		p.addFrag(fragment{style: l.style, size: l.size, raise: l.raise, link: l.link, struck: l.struck,
			picture: &Picture{Src: img.Src, W: w, H: h, Alt: img.Alt}})
		p.items = append(p.items, linebreak.NewBox(w, len(p.frags)-1))
		return
	}
	l.style = l.style.with(false, true)
	p.described++
	p.text(img.Alt, l)
	p.described--
}

// checkBoxSize is the side of a task item's check box and the room around it: a square as
// tall as the capitals, as a drawn ☐ is.
func (t *typesetter) checkBoxSize(style Style, size Length) (side, pad Length) {
	face := t.s.Face(style)
	side = Length(face.Units(face.CapHeight, int64(size)))
	if side <= 0 {
		side = size * 2 / 3
	}
	return side, size / 10
}

// checkBox opens a task item's first paragraph with its check box and a space: one word, as
// the EPUB's "☐ " is. Neither book face has ☐ or ☑, so the box is drawn (checkBoxMarks).
func (p *paragraphSetter) checkBox(task doc.Task, l look) {
	side, pad := p.t.checkBoxSize(l.style, l.size)
	p.addFrag(fragment{style: l.style, size: l.size, check: task})
	p.items = append(p.items, linebreak.NewBox(side+2*pad, len(p.frags)-1))
	p.space(&l)
}

// checkBoxText is what a check box stands for in a line's text.
func checkBoxText(task doc.Task) string {
	if task == doc.TaskDone {
		return "☑"
	}
	return "☐"
}

// checkBoxMarks draws a check box at x on a line: a square of hairlines standing on the
// baseline and, when the task is done, a tick (✓, which the faces have) over it.
func (t *typesetter) checkBoxMarks(f *fragment, x Length) ([]Rule, []Run) {
	side, pad := t.checkBoxSize(f.style, f.size)
	th := max(f.size/18, Pt/4)
	left, top := x+pad, -f.raise-side
	rules := []Rule{
		{X: left, Y: top, W: side, H: th},
		{X: left, Y: top + side - th, W: side, H: th},
		{X: left, Y: top, W: th, H: side},
		{X: left + side - th, Y: top, W: th, H: side},
	}
	if f.check != doc.TaskDone {
		return rules, nil
	}
	face := t.s.Face(f.style)
	if !face.HasRune('✓') {
		// A filled square inside the box, for a face without a tick.
		in := side / 4
		return append(rules, Rule{X: left + in, Y: top + in, W: side - 2*in, H: side - 2*in}), nil
	}
	// The tick a little wider than the box, standing on its floor: ticked by hand.
	size := Length(int64(side) * 1150 / int64(max(face.AdvanceMilli('✓'), 1)))
	w := Length(face.Measure("✓", int64(size), false))
	return rules, []Run{{X: int32(left + (side-w)/2 + th), Y: int32(0), Style: f.style, Size: int32(size), Raise: int32(f.raise), Text: "✓", Width: int32(w)}}
}

// strikeThrough draws the rule through deleted text along a line: from the first struck box to
// the last one before text that is not struck, across the spaces between them.
type strikeThrough struct {
	on          bool
	from, to    Length
	y, thick    Length
	face        *font.Face
	size, raise Length
}

// box follows the line's boxes: a struck one starts or extends the rule, another ends it.
func (s *strikeThrough) box(lb *lineBox, f *fragment, x, w Length) {
	if f.text == "" && f.picture == nil && f.check == doc.NoTask {
		return // a mark: no material
	}
	if !f.struck {
		s.end(lb)
		return
	}
	if !s.on {
		s.on, s.from, s.size, s.raise = true, x, f.size, f.raise
	}
	s.to = x + w
}

// extend carries the rule over a hyphen that ends the line.
func (s *strikeThrough) extend(to Length) {
	if s.on {
		s.to = to
	}
}

// end draws the rule so far, if any: through the middle of the lower-case letters, as thick
// as the face's underline.
func (s *strikeThrough) end(lb *lineBox) {
	if !s.on {
		return
	}
	s.on = false
	th := max(s.size/18, Pt/4)
	y := s.size / 4
	lb.more().rules = append(lb.ex().rules, Rule{X: s.from, Y: -s.raise - y - th/2, W: s.to - s.from, H: th})
}

// display sets mathematics apart from the text: centred on lines of its own, one for each
// line of the source, between the text before it and the text after it, which goes on
// unindented as the same paragraph (and the same count of words).
func (p *paragraphSetter) display(m *doc.Math, l look) {
	p.segment()
	saved := p.spec
	p.spec.Centered, p.spec.Ragged, p.spec.NoHyphenation = true, false, true
	p.spec.Indent, p.spec.Hang, p.spec.Kind = 0, 0, "math"
	l = p.literal(l)
	wrote := false
	for _, src := range strings.Split(m.Text, "\n") {
		if src = strings.TrimSpace(src); src == "" {
			continue
		}
		if wrote {
			// The end of a source line still parts two words, as a space does.
			p.space(&l)
			p.trimGlue()
			p.items = append(p.items, linebreak.NewPenalty(linebreak.EjectPenalty))
		}
		p.text(src, l)
		wrote = true
	}
	gap := p.spec.Leading / 3
	p.spaceAbove = max(p.spaceAbove, gap)
	p.segment()
	p.spaceAbove = max(p.spaceAbove, gap)
	p.spec = saved
	p.spec.Indent = 0
}

// segment sets the text gathered so far as lines of their own, and starts the next piece of
// the paragraph.
func (p *paragraphSetter) segment() {
	p.trimGlue()
	if p.hasMaterial() {
		lines := p.t.breakLines(p)
		p.spaceLines(lines)
		p.lines = append(p.lines, lines...)
	}
	p.items = p.items[:0]
}

// spaceLines gives the first of the lines the room a display asked for above them.
func (p *paragraphSetter) spaceLines(lines []*lineBox) {
	if len(lines) > 0 && p.spaceAbove > 0 {
		lines[0].Leading += p.spaceAbove
		p.spaceAbove = 0
	}
}

// hasMaterial reports whether the items gathered hold anything to print (more than an indent).
func (p *paragraphSetter) hasMaterial() bool {
	for _, it := range p.items {
		if it.Kind == linebreak.KindBox && it.Payload >= 0 {
			return true
		}
	}
	return false
}
