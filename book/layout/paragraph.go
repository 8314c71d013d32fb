package layout

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/linebreak"
)

// Style is the face a run of text is set in.
type Style uint8

const (
	Roman Style = iota
	Italic
	Bold
	BoldItalic
)

func (s Style) bold() bool   { return s == Bold || s == BoldItalic }
func (s Style) italic() bool { return s == Italic || s == BoldItalic }

func (s Style) with(bold, italic bool) Style {
	b, i := s.bold() || bold, s.italic() != italic // emphasis inside italics turns roman
	switch {
	case b && i:
		return BoldItalic
	case b:
		return Bold
	case i:
		return Italic
	}
	return Roman
}

// textSpec says how a block of text is set.
type textSpec struct {
	Size, Leading Length
	Style         Style
	Width         Length // the measure
	Indent        Length // first-line indent
	Ragged        bool   // ragged right instead of justified
	Centered      bool
	NoHyphenation bool
	Kind          LineKind // what the lines are, for LineMetrics
	offset        Length   // left offset of the lines within the text block (quotes, lists)
	Hang          Length   // indent of every line but the first (index entries)
	block         doc.Block
	// task is the check box a task list item's first paragraph opens with.
	task doc.Task
	// note is set on text inside a footnote (figures there are kept smaller).
	note bool
}

// fragment is the material of one box: a piece of a word in one style.
type fragment struct {
	text  string
	style Style
	size  Length
	raise Length // baseline shift upwards (superscripts)
	link  string // URL, or "#id" inside the book
	note  *doc.Footnote
	noteN int
	marks []string // destinations at the start of this fragment (anchors, index marks)
	word  int      // index of the word in the paragraph, counting from 0
	// struck text has a rule through it (deleted text).
	struck bool
	// picture is an image set in the line (its size; placed when the line is built), check a
	// task item's check box: both are boxes without text.
	picture *Picture
	check   doc.Task
}

// lineBox is a finished line: runs relative to its left edge and baseline.
type lineBox struct {
	Runs     []Run
	Links    []Link
	Marks    []Mark
	Notes    []*doc.Footnote // footnotes referenced on this line, first references only
	Metrics  LineMetrics
	Leading  Length // distance from the previous baseline
	Size     Length
	rules    []Rule    // relative to the line's left edge and baseline
	pictures []Picture // figures and pictures in the text, relative to the left edge and baseline
	// block and word locate the line's first word in the document: the EPUB marks the
	// start of each print page there. inWord is set when the line begins inside that word
	// (hyphenated, or broken after a dash, at the end of the line before).
	block  doc.Block
	word   int
	inWord bool
}

// paragraphSetter turns inlines into Knuth–Plass items and lines.
type paragraphSetter struct {
	s       *Settings
	t       *typesetter
	spec    textSpec
	items   []linebreak.Item
	frags   []fragment
	pending []string // marks waiting for the next word
	at      diag.Pos // where the text being set comes from, for messages
	words   int      // words seen so far, counted at each space
	inSpace bool     // a space ended the last word: more white space starts no other
	// described is set while an image's description stands in for it: the image is one box
	// of the word it touches, so the spaces of its description start no word.
	described int
	// quotes is the depth of quotations (<q>) being set; opening holds the marks of the
	// quotations just opened, waiting for the text they stand before.
	quotes  int
	opening []quoteMark
	// lines are the lines set before a display (mathematics set apart), when there is one.
	lines []*lineBox
	// spaceAbove is extra room for the first line set next (after a display).
	spaceAbove Length
}

func (t *typesetter) setParagraph(ins []doc.Inline, spec textSpec) []*lineBox {
	// A paragraph without page references breaks the same way in every pass of the
	// page-number fixpoint: set it once.
	var key parKey
	if len(ins) > 0 && t.cache != nil {
		key = parKey{first: ins[0], n: len(ins), spec: spec}
		if t.generating {
			// Generated text is made anew in each pass: know it by its content.
			key.first, key.content, key.spec.block = nil, contentKey(ins), nil
		}
		if c, ok := t.cache[key]; ok {
			t.warnings = append(t.warnings, c.warnings...)
			// The lines are shared with the cache: callers that change one make it
			// their own first (own).
			lines := append([]*lineBox(nil), c.lines...)
			for i, lb := range lines {
				if lb.block != spec.block {
					lines[i] = own(lb)
					lines[i].block = spec.block
				}
			}
			return lines
		}
	}
	before, warned := t.references, len(t.warnings)
	t.references = false
	lines := t.setParagraphOnce(ins, spec)
	if len(ins) > 0 && t.cache != nil && !t.references {
		t.cache[key] = setParagraphResult{append([]*lineBox(nil), lines...), append(diag.List(nil), t.warnings[warned:]...)}
	}
	t.references = t.references || before
	return lines
}

// setParagraphResult is a cached paragraph: its lines and the warnings setting it gave.
type setParagraphResult struct {
	lines    []*lineBox
	warnings diag.List
}

// textLen is the length in bytes of the text of inlines.
func textLen(ins []doc.Inline) int {
	n := 0
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			n += len(in.Text)
		case doc.Container:
			n += textLen(in.Inlines())
		default:
			n += 8
		}
	}
	return n
}

// parKey identifies a paragraph set with a spec: its first inline and length, or for
// generated text its content.
type parKey struct {
	first   doc.Inline
	content string
	n       int
	spec    textSpec
}

// contentKey writes out what setting inlines depends on: text, styles, links and marks.
func contentKey(ins []doc.Inline) string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(in.Text)
			case *doc.Emphasis:
				b.WriteString("\x01i")
				walk(in.Children)
				b.WriteString("\x02")
			case *doc.Strong:
				b.WriteString("\x01b")
				walk(in.Children)
				b.WriteString("\x02")
			case *doc.Link:
				b.WriteString("\x01l" + in.URL + "\x03")
				walk(in.Children)
				b.WriteString("\x02")
			case *doc.Span:
				b.WriteString("\x01s" + in.ID + "\x03")
				walk(in.Children)
				b.WriteString("\x02")
			case *doc.Styled:
				fmt.Fprintf(&b, "\x01y%d\x03", in.Style)
				walk(in.Children)
				b.WriteString("\x02")
			case *doc.Code:
				b.WriteString("\x01c" + in.Text + "\x02")
			case *doc.Math:
				fmt.Fprintf(&b, "\x01m%t\x03%s\x02", in.Display, in.Text)
			case *doc.Image:
				fmt.Fprintf(&b, "\x01g%s\x03%d\x03%d\x03%s\x02", in.Src, in.Width, in.Height, in.Alt)
			case *doc.Break:
				fmt.Fprintf(&b, "\x01r%t\x02", in.Hard)
			default:
				// Anything else in generated text is not expected; never share its lines.
				fmt.Fprintf(&b, "\x01%p\x02", in)
			}
		}
	}
	walk(ins)
	return b.String()
}

// own returns a copy of a set line that the caller may change. Set lines are shared with
// the paragraph cache (and so between the passes of the page-number fixpoint); the slices
// are capped, so that appending to one copies it, and code that changes their elements in
// place copies them first.
func own(lb *lineBox) *lineBox {
	c := *lb
	c.Runs = lb.Runs[:len(lb.Runs):len(lb.Runs)]
	c.Links = lb.Links[:len(lb.Links):len(lb.Links)]
	c.Marks = lb.Marks[:len(lb.Marks):len(lb.Marks)]
	c.rules = lb.rules[:len(lb.rules):len(lb.rules)]
	c.pictures = lb.pictures[:len(lb.pictures):len(lb.pictures)]
	return &c
}

func (t *typesetter) setParagraphOnce(ins []doc.Inline, spec textSpec) []*lineBox {
	// About one item in three bytes of text and a fragment in six: allocate once.
	n := textLen(ins)
	p := t.setter(n)
	defer func() { t.setters = append(t.setters, p) }()
	p.spec = spec
	if spec.Indent > 0 {
		p.items = append(p.items, linebreak.NewBox(spec.Indent, -1))
	}
	if spec.task != doc.NoTask {
		p.checkBox(spec.task, p.base())
	}
	p.inlines(ins, p.base())
	if len(p.lines) > 0 && !p.hasMaterial() {
		// The paragraph ends with a display: what marks are left stand at its end.
		last := p.lines[len(p.lines)-1]
		for _, id := range p.pending {
			last.Marks = append(last.Marks, Mark{ID: id, X: last.Metrics.Right})
		}
		p.pending, p.items = nil, p.items[:0]
	}
	p.flushMarks()
	lines := t.breakLines(p)
	if len(p.lines) == 0 {
		return lines
	}
	p.spaceLines(lines)
	return append(p.lines, lines...)
}

// base is the look of the paragraph's own text.
func (p *paragraphSetter) base() look {
	return look{style: p.spec.Style, size: p.spec.Size}
}

// setter returns a paragraph setter with room for n bytes of text, reusing the buffers of
// one that finished: a book sets thousands of paragraphs, and their items and fragments are
// not kept once the lines are made.
func (t *typesetter) setter(n int) *paragraphSetter {
	var p *paragraphSetter
	if k := len(t.setters); k > 0 {
		p, t.setters = t.setters[k-1], t.setters[:k-1]
		items, frags := p.items[:0], p.frags[:0]
		clear(frags[:cap(frags)]) // let go of the last paragraph's text
		*p = paragraphSetter{items: items, frags: frags}
	} else {
		p = &paragraphSetter{}
	}
	p.s, p.t = t.s, t
	if cap(p.items) < n/3+8 {
		p.items = make([]linebreak.Item, 0, n/3+8)
	}
	if cap(p.frags) < n/4+8 {
		p.frags = make([]fragment, 0, n/4+8)
	}
	return p
}

func (p *paragraphSetter) face(st Style) *font.Face { return p.s.Family.Face(st.bold(), st.italic()) }

func (p *paragraphSetter) inlines(ins []doc.Inline, l look) {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			p.at = in.Pos
			p.text(in.Text, l)
			p.at = diag.Pos{}
		case *doc.Code:
			p.text(in.Text, literal(l))
		case *doc.Math:
			if in.Display {
				p.display(in, l)
			} else {
				p.text(in.Text, literal(l))
			}
		case *doc.Emphasis:
			e := l
			e.style = l.style.with(false, true)
			p.inlines(in.Children, e)
		case *doc.Strong:
			s := l
			s.style = l.style.with(true, false)
			p.inlines(in.Children, s)
		case *doc.Styled:
			p.styled(in, l)
		case *doc.Link:
			// A link the book cannot carry (no URL) is its text alone.
			k := l
			k.link = in.URL
			p.inlines(in.Children, k)
		case *doc.Span:
			if in.ID != "" {
				p.pending = append(p.pending, in.ID)
			}
			p.inlines(in.Children, l)
		case *doc.TextAnchor:
			p.pending = append(p.pending, in.ID)
		case *doc.IndexMark:
			if in.ID != "" {
				p.pending = append(p.pending, in.ID)
			}
		case *doc.GlossaryRef:
			p.pending = append(p.pending, in.ID)
			g := l
			if in.Linked && g.link == "" {
				g.link = "#" + in.Entry.ID
			}
			p.inlines(in.Children, g)
		case *doc.CrossRef:
			c := l
			c.link = "#" + in.Target
			p.text(p.t.crossRefText(in.Target), c)
		case *doc.Image:
			p.image(in, l)
		case *doc.Break:
			if in.Hard {
				// A forced line break: fill the line and break.
				p.trimGlue()
				p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty), linebreak.NewFilGlue(Pt, linebreak.Fil), linebreak.NewPenalty(linebreak.EjectPenalty))
			} else {
				p.space(l)
			}
		case *doc.FootnoteRef:
			num := strconv.Itoa(in.Note.Number)
			n := superscript(l)
			p.box(num, fragment{text: num, style: Roman, size: n.size, raise: n.raise, link: "#" + in.Note.ID, note: in.Note, noteN: in.N})
		}
	}
}

func (p *paragraphSetter) trimGlue() {
	for len(p.items) > 0 && p.items[len(p.items)-1].Kind == linebreak.KindGlue {
		p.items = p.items[:len(p.items)-1]
	}
}

// space adds inter-word glue: the face's space, stretching by half and shrinking by a third
// (the proportions of TeX's fonts).
func (p *paragraphSetter) space(l look) {
	// A word ends at the first space after some text, as the EPUB counts (even where no glue
	// is set: at the start of the text after a display).
	if !p.inSpace && len(p.frags) > 0 && p.described == 0 {
		p.words++
	}
	p.inSpace = true
	if len(p.items) == 0 {
		return
	}
	if last := p.items[len(p.items)-1]; last.Kind == linebreak.KindGlue {
		return
	}
	w := p.t.spaceWidth(p.face(l.style), l.size)
	if p.spec.Ragged || p.spec.Centered {
		p.items = append(p.items, linebreak.NewGlue(w, 0, 0))
		return
	}
	p.items = append(p.items, linebreak.NewGlue(w, w/2, w/3))
}

func (p *paragraphSetter) text(s string, l look) {
	start := 0
	if p.at.File != "" {
		p.checkGlyphs(s, l.style)
	}
	for i, r := range s {
		if doc.NoBreakSpace(r) { // glue that cannot break
			p.word(s[start:i], l)
			p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			p.space(l)
			start = i + utf8.RuneLen(r)
			continue
		}
		if doc.WordSpace(r) {
			p.word(s[start:i], l)
			p.space(l)
			start = i + utf8.RuneLen(r)
		}
	}
	p.word(s[start:], l)
}

// checkGlyphs reports characters the face cannot draw, once per character in a book, with
// where they first occur: the PDF would otherwise print them silently as blanks.
func (p *paragraphSetter) checkGlyphs(s string, st Style) {
	face := p.face(st)
	col := 0
	for _, r := range s {
		col++
		if r < 0x20 || unicode.IsSpace(r) || face.HasRune(r) || p.t.missing[r] {
			continue
		}
		if p.t.missing == nil {
			p.t.missing = map[rune]bool{}
		}
		p.t.missing[r] = true
		at := p.at
		if at.Line > 0 {
			at.Col += col - 1
		}
		if p.t.missingAt == nil {
			p.t.missingAt = map[int]rune{}
		}
		p.t.missingAt[len(p.t.warnings)] = r
		p.t.warnings.WarnKind(at, "missing-glyph", "the character %U %q is not in the font %s; the PDF shows a blank for it", r, r, face.Family)
	}
}

// box adds one box for a fragment.
func (p *paragraphSetter) box(text string, f fragment) {
	w := Length(p.face(f.style).Measure(text, int64(f.size), true))
	p.openQuotes()
	p.addFrag(f)
	p.items = append(p.items, linebreak.NewBox(w, len(p.frags)-1))
}

// addFrag records a fragment, giving it the marks that wait for it and its word number.
func (p *paragraphSetter) addFrag(f fragment) {
	f.word = p.words
	p.inSpace = false
	if len(p.pending) > 0 {
		f.marks, p.pending = p.pending, nil
	}
	p.frags = append(p.frags, f)
}

// flushMarks puts marks left at the end of a paragraph on a box of no width.
func (p *paragraphSetter) flushMarks() {
	if len(p.pending) > 0 {
		p.addFrag(fragment{size: p.spec.Size})
		p.items = append(p.items, linebreak.NewBox(0, len(p.frags)-1))
	}
}

// word adds a word: boxes for its syllables with discretionary hyphens between them, and a
// break after any explicit hyphen or dash it contains. Kerning is measured across syllables
// (the kern belongs to the box before the break point), and a discretionary's width is what
// the line gains if it breaks there: the hyphen, kerned with the letter before it, less the
// kern that no longer follows that letter. So a line measures exactly what the PDF draws.
func (p *paragraphSetter) word(w string, l look) {
	if w == "" {
		return
	}
	p.openQuotes()
	face := p.face(l.style)
	size := int64(l.size)
	p.kernWithPrevious(w, l)
	breaks := p.breakPoints(w, l) // byte offsets, with whether each is explicit
	prevEnd, prev := 0, 0
	for _, b := range append(breaks, wordBreak{at: len(w)}) {
		milli := face.MeasureMilli(w[:b.at], true)
		end := milli // where the next syllable begins, in 1/1000 em from the word's start
		var last rune
		if b.at < len(w) && !b.explicit {
			last, _ = utf8.DecodeLastRuneInString(w[:b.at])
			next, _ := utf8.DecodeRuneInString(w[b.at:])
			end += face.KernMilli(last, next)
		}
		width := Length(font.Scale(end, size) - font.Scale(prevEnd, size))
		p.addFrag(fragment{text: w[prev:b.at], style: l.style, size: l.size, raise: l.raise, link: l.link, struck: l.struck})
		p.items = append(p.items, linebreak.NewBox(width, len(p.frags)-1))
		if b.at == len(w) {
			break
		}
		if b.explicit {
			p.items = append(p.items, linebreak.NewExHyphen(p.s.Params.ExHyphenPenalty))
		} else {
			hyphenEnd := milli + face.KernMilli(last, '-') + face.AdvanceMilli('-')
			p.items = append(p.items, linebreak.NewDiscretionary(Length(font.Scale(hyphenEnd, size)-font.Scale(end, size)), p.s.Params.HyphenPenalty))
		}
		prevEnd, prev = end, b.at
	}
}

// kernWithPrevious kerns a word with the text it continues without a space (after an index
// mark, say, or the end of a link), when the two will be drawn as one run.
func (p *paragraphSetter) kernWithPrevious(w string, l look) {
	n := len(p.items)
	if n == 0 || p.items[n-1].Kind != linebreak.KindBox || p.items[n-1].Payload < 0 {
		return
	}
	f := &p.frags[p.items[n-1].Payload]
	if f.text == "" || f.style != l.style || f.size != l.size || f.raise != l.raise || f.link != l.link || f.note != nil {
		return
	}
	face := p.face(l.style)
	last, _ := utf8.DecodeLastRuneInString(f.text)
	first, _ := utf8.DecodeRuneInString(w)
	if k := face.KernMilli(last, first); k != 0 {
		p.items[n-1].Width += Length(font.Scale(k, int64(l.size)))
	}
}

type wordBreak struct {
	at       int
	explicit bool
}

// breakPoints finds where a word may break: after explicit hyphens and dashes, else at the
// hyphenation points of its letters. Words with an explicit hyphen break only there.
func (p *paragraphSetter) breakPoints(w string, l look) []wordBreak {
	var out []wordBreak
	for i, r := range w {
		if (r == '-' || r == '–' || r == '—' || r == '/') && i > 0 {
			end := i + utf8.RuneLen(r)
			if end < len(w) {
				out = append(out, wordBreak{at: end, explicit: true})
			}
		}
	}
	if len(out) > 0 || p.spec.NoHyphenation || l.literal || p.s.Hyphenator == nil {
		return out
	}
	// Hyphenate the letters only: leading and trailing punctuation is not part of the word.
	lo := strings.IndexFunc(w, unicode.IsLetter)
	hi := strings.LastIndexFunc(w, unicode.IsLetter)
	if lo < 0 {
		return nil
	}
	_, last := utf8.DecodeRuneInString(w[hi:])
	core := w[lo : hi+last]
	for _, pt := range p.t.hyphenate(core) {
		out = append(out, wordBreak{at: lo + pt})
	}
	return out
}

// breakLines breaks the paragraph and builds its line boxes.
func (t *typesetter) breakLines(p *paragraphSetter) []*lineBox {
	// A hard break at the very end would leave an empty last line (TeX's underfull box).
	for n := len(p.items); n >= 3 && p.items[n-1].Kind == linebreak.KindPenalty && p.items[n-1].Penalty == linebreak.EjectPenalty; n = len(p.items) {
		p.items = p.items[:n-3]
	}
	items := linebreak.Finish(p.items)
	if len(items) == 0 {
		return nil
	}
	params := t.s.Params
	if p.spec.Ragged || p.spec.Centered || p.spec.NoHyphenation {
		params.Pretolerance = -1
	}
	if p.spec.Ragged {
		params.RightSkip = linebreak.NewGlue(0, 3*p.spec.Size, 0)
		params.Tolerance = linebreak.InfBad
	}
	if p.spec.Centered {
		params.LeftSkip = linebreak.NewFilGlue(Pt, linebreak.Fil)
		params.RightSkip = linebreak.NewFilGlue(Pt, linebreak.Fil)
		params.Tolerance = linebreak.InfBad
	}
	if p.spec.Centered && len(items) >= 2 {
		// TeX's \parfillskip=0pt for centred text: the last line is centred like the others.
		items[len(items)-2] = linebreak.NewGlue(0, 0, 0)
	}
	measure := linebreak.FixedMeasure(p.spec.Width)
	if p.spec.Hang > 0 {
		params.ShapeLines = 1
		measure = func(n int) Length {
			if n == 0 {
				return p.spec.Width
			}
			return p.spec.Width - p.spec.Hang
		}
	}
	lines, err := linebreak.Break(items, measure, params)
	// More than two hyphenated lines in a row is a ladder: make consecutive hyphens dearer
	// until it goes, as a compositor would.
	// When the ladder is the only solution within tolerance, accept a little looser spacing.
	if hyphenLadder(items, lines) > 2 {
		retry := params
		retry.DoubleHyphenDemerits *= 100
		for try := 0; try < 3; try++ {
			retry.Tolerance *= 2
			l2, err2 := linebreak.Break(items, measure, retry)
			if hyphenLadder(items, l2) <= 2 {
				lines, err = l2, err2
				break
			}
		}
	}
	var be *linebreak.BreakError
	if errors.As(err, &be) && len(be.Overfull) > 0 {
		t.warnings.WarnKind(t.warnPlace, "overfull", "a line is wider than the measure: %s", strings.TrimSpace(p.lineText(items, lines)))
	}
	out := make([]*lineBox, 0, len(lines))
	// One allocation for the paragraph's line boxes and one for their runs (at most a run
	// per box, and a hyphen): each line's runs are a capped slice of it.
	boxes := make([]lineBox, len(lines))
	room := 0
	for _, ln := range lines {
		room++ // a hyphen
		for _, it := range items[ln.Start:ln.End] {
			if it.Kind == linebreak.KindBox {
				room++
			}
		}
	}
	runs := make([]Run, 0, room)
	var widths []Length
	lastWord := -1 // of the last box set
	for li, ln := range lines {
		lb := &boxes[li]
		*lb = lineBox{Leading: p.spec.Leading, Size: p.spec.Size, block: p.spec.block, word: -1}
		before := lastWord
		room := 1
		for _, it := range items[ln.Start:ln.End] {
			if it.Kind == linebreak.KindBox {
				room++
			}
		}
		if len(runs)+room > cap(runs) {
			runs = make([]Run, 0, max(room, len(items)/4))
		}
		lb.Runs = runs[len(runs) : len(runs) : len(runs)+room]
		x := ln.GlueWidth(params.LeftSkip)
		if li > 0 {
			x += p.spec.Hang
		}
		widths = ln.AppendWidths(widths[:0], items)
		justified := !p.spec.Ragged && !p.spec.Centered && li < len(lines)-1 && ln.Order == linebreak.Normal
		ratio, badness := ln.Ratio, ln.Badness
		var tracking Length
		if justified && ln.Badness > params.Tolerance && !ln.IsOverfull() {
			ratio, badness, tracking = p.track(items, ln, widths, params.Tolerance)
		}
		var spaces []Length
		last := -1 // index of the run a following box may extend
		right := x // where the content ends: after the last box
		// joinAt is the run a word after a natural-width space may join, joinW that space.
		joinAt, joinW := -1, Length(0)
		var strike strikeThrough
		var drawn []Run // drawn after the line's text is known (a check box's tick)
		box := ""       // what a check box stands for in the line's text
		for k, w := range widths {
			it := &items[ln.Start+k]
			switch it.Kind {
			case linebreak.KindGlue:
				if it.StretchOrder == linebreak.Normal {
					spaces = append(spaces, w)
				}
				// A space set at its natural width can be drawn as the font's own space, so
				// the words on both sides stay one run (far fewer text operations in the PDF).
				joinAt, joinW = -1, 0
				if r := lastRun(lb.Runs, last); r != nil && tracking == 0 && r.Raise == 0 && w == p.t.spaceWidth(p.face(r.Style), r.Size) {
					joinAt, joinW = last, w
				}
				last = -1
			case linebreak.KindBox:
				if it.Payload >= 0 {
					f := &p.frags[it.Payload]
					if lb.word < 0 {
						lb.word, lb.inWord = f.word, f.word == before
					}
					lastWord = f.word
					for _, id := range f.marks {
						lb.Marks = append(lb.Marks, Mark{ID: id, X: x})
					}
					strike.box(lb, f, x, w)
					if f.picture != nil || f.check != doc.NoTask {
						// Pictures and check boxes end the run: text after them starts a new one.
						if f.picture != nil {
							pic := *f.picture
							pic.X, pic.Y = x, -f.raise-pic.H
							lb.pictures = append(lb.pictures, pic)
							if f.link != "" {
								lb.Links = append(lb.Links, Link{X: x, Y: pic.Y, W: pic.W, H: pic.H, Target: f.link})
							}
						} else {
							rules, tick := p.t.checkBoxMarks(f, x)
							lb.rules = append(lb.rules, rules...)
							drawn = append(drawn, tick...)
							box = checkBoxText(f.check)
						}
						last, joinAt = -1, -1
						right = x + w
						x += w
						continue
					}
					if f.text == "" {
						continue
					}
					if r := lastRun(lb.Runs, joinAt); r != nil && last < 0 && f.text != "" && r.Style == f.style && r.Size == f.size && r.Raise == f.raise && r.Link == f.link && f.note == nil {
						r.Text += " " + f.text
						r.Width += joinW + w
						last = joinAt
					} else if r := lastRun(lb.Runs, last); r != nil && r.Style == f.style && r.Size == f.size && r.Raise == f.raise && r.Link == f.link && f.note == nil {
						r.Text += f.text
						r.Width += w
					} else {
						lb.Runs = append(lb.Runs, Run{X: x, Style: f.style, Size: f.size, Raise: f.raise, Text: f.text, Width: w, Link: f.link, Tracking: tracking})
						last = len(lb.Runs) - 1
						if f.note != nil {
							last = -1
							if f.noteN == 1 {
								lb.Notes = append(lb.Notes, f.note)
								lb.Marks = append(lb.Marks, Mark{ID: f.note.ID + "-ref", X: x})
							}
						}
					}
				}
				right = x + w
			}
			x += w
		}
		x = right
		if ln.Hyphenated && ln.End < len(items) {
			hy := items[ln.End]
			if hy.Width > 0 {
				if r := lastRun(lb.Runs, last); r != nil {
					r.Text += "-"
					r.Width += hy.Width
				} else {
					lb.Runs = append(lb.Runs, Run{X: x, Style: p.spec.Style, Size: p.spec.Size, Text: "-", Width: hy.Width})
				}
				strike.extend(x + hy.Width)
				x += hy.Width
			}
		}
		strike.end(lb)
		for _, r := range lb.Runs {
			if r.Link != "" {
				lb.Links = append(lb.Links, Link{X: r.X, Y: -r.Size * 8 / 10, W: r.Width, H: r.Size, Target: r.Link})
			}
		}
		natural := Length(0)
		if sp := spaceWidth(p); sp > 0 {
			natural = sp
		}
		lb.Metrics = LineMetrics{
			Kind: p.spec.Kind, Width: p.spec.Width, Natural: ln.Width, Ratio: ratio, Badness: badness, Tracking: tracking,
			Hyphenated: ln.Hyphenated && items[ln.End].Width > 0, Overfull: ln.Overfull,
			Justified: justified,
			Spaces:    spaces, NaturalSpace: natural, Last: li == len(lines)-1, Text: lineText(lb.Runs),
			Right: x,
		}
		if box != "" {
			lb.Metrics.Text = strings.TrimSpace(box + " " + lb.Metrics.Text)
		}
		lb.Runs = append(lb.Runs, drawn...)
		runs = runs[:len(runs)+min(len(lb.Runs), room)]
		out = append(out, lb)
	}
	return out
}

// maxTracking is the most letter spacing a line may get, as a fraction of the type size.
const maxTracking = 4 // per cent of an em

// track sets an underfull justified line the way a careful compositor would rather than
// leave rivers: the spaces stretch as far as the tolerance allows and the rest of the
// shortfall is spread between the letters (at most 0.04 em), like pdfTeX's microtype. It
// rewrites widths in place and returns the line's new ratio and badness and the letter
// spacing.
func (p *paragraphSetter) track(items []linebreak.Item, ln linebreak.Line, widths []Length, tolerance int) (float64, int, Length) {
	var stretch Length
	gaps := 0
	for k := range widths {
		it := &items[ln.Start+k]
		switch {
		case it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal:
			stretch += it.Stretch
		case it.Kind == linebreak.KindBox && it.Payload >= 0:
			gaps += p.letterGaps(items, ln, k)
		}
	}
	if stretch <= 0 || gaps == 0 {
		return ln.Ratio, ln.Badness, 0
	}
	rMax := math.Cbrt(float64(tolerance) / 100) // badness 100·r³ = tolerance
	excess := Length((ln.Ratio - rMax) * float64(stretch))
	cs := min(excess/Length(gaps), p.spec.Size*maxTracking/100)
	if cs <= 0 {
		return ln.Ratio, ln.Badness, 0
	}
	// What the letters do not take, the spaces keep.
	r := ln.Ratio - float64(cs*Length(gaps))/float64(stretch)
	var cum, prev Length
	for k := range widths {
		it := &items[ln.Start+k]
		switch {
		case it.Kind == linebreak.KindGlue && it.StretchOrder == linebreak.Normal:
			cum += it.Stretch
			adj := Length(math.Round(r * float64(cum)))
			widths[k] = it.Width + adj - prev
			prev = adj
		case it.Kind == linebreak.KindBox && it.Payload >= 0:
			widths[k] = it.Width + cs*Length(p.letterGaps(items, ln, k))
		}
	}
	return r, linebreak.Badness(Length(r*float64(stretch)), stretch), cs
}

// letterGaps counts the letter spaces a box of a line takes: one after each of its
// characters, except after the last character of a word.
func (p *paragraphSetter) letterGaps(items []linebreak.Item, ln linebreak.Line, k int) int {
	n := utf8.RuneCountInString(p.frags[items[ln.Start+k].Payload].text)
	for j := ln.Start + k + 1; j < ln.End; j++ {
		switch items[j].Kind {
		case linebreak.KindBox:
			return n // the word goes on
		case linebreak.KindGlue:
			return n - 1
		}
	}
	return n - 1
}

// hyphenate returns the hyphenation points of a word, remembered: a book repeats its words.
func (t *typesetter) hyphenate(word string) []int {
	if pts, ok := t.hyphens.Load(word); ok {
		return pts.([]int)
	}
	pts := t.s.Hyphenator.Points(word)
	t.hyphens.Store(word, pts)
	return pts
}

type spaceKey struct {
	face *font.Face
	size Length
}

// spaceWidth is the width of a face's space at a size, remembered.
func (t *typesetter) spaceWidth(f *font.Face, size Length) Length {
	k := spaceKey{f, size}
	if w, ok := t.spaces[k]; ok {
		return w
	}
	if t.spaces == nil {
		t.spaces = map[spaceKey]Length{}
	}
	w := Length(f.Measure(" ", int64(size), false))
	t.spaces[k] = w
	return w
}

func lastRun(runs []Run, i int) *Run {
	if i < 0 || i >= len(runs) {
		return nil
	}
	return &runs[i]
}

func spaceWidth(p *paragraphSetter) Length {
	return Length(p.face(p.spec.Style).Measure(" ", int64(p.spec.Size), false))
}

func lineText(runs []Run) string {
	var b strings.Builder
	for i, r := range runs {
		if i > 0 && r.X > runs[i-1].X+runs[i-1].Width+Pt/2 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

func (p *paragraphSetter) lineText(items []linebreak.Item, lines []linebreak.Line) string {
	for _, ln := range lines {
		if ln.IsOverfull() {
			var b strings.Builder
			for _, it := range items[ln.Start:ln.End] {
				if it.Kind == linebreak.KindBox && it.Payload >= 0 {
					b.WriteString(p.frags[it.Payload].text)
				} else if it.Kind == linebreak.KindGlue {
					b.WriteByte(' ')
				}
			}
			return truncateText(b.String(), 60)
		}
	}
	return ""
}

// hyphenLadder is the longest run of consecutive lines ending in a discretionary hyphen.
func hyphenLadder(items []linebreak.Item, lines []linebreak.Line) int {
	run, longest := 0, 0
	for _, ln := range lines {
		if ln.Hyphenated && ln.End < len(items) && items[ln.End].Width > 0 {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
