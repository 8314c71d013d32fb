package layout

import (
	"strings"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/linebreak"
)

// lineBox is a finished line: runs relative to its left edge and baseline.
type lineBox struct {
	Runs    []Run
	Links   []Link
	Marks   []Mark
	Metrics lineMetrics
	Leading Length // distance from the previous baseline
	Size    Length
	// block and word locate the line's first word in the document: the EPUB marks the
	// start of each print page there. inWord is set when the line begins inside that word
	// (hyphenated, or broken after a dash, at the end of the line before).
	block  doc.Block
	word   int32 // a paragraph has fewer than 2^31 words
	inWord bool
	// part is the block whose text the line sets, for the tagged PDF (Run.Block): block
	// may stand for a larger one (a figure's first line, a table row's first cell).
	part doc.Block
	// packed holds the runs, when a pass has packed them for the next (packedruns.go): Runs
	// is then nil.
	packed string
	// x holds what few lines have (rules, pictures, notes, blocks of their own, a
	// continuation): nil on most, 8 bytes instead of 104 on each of a long book's lines.
	x *lineExtras
}

// lineExtras are the parts of a line that most lines lack.
type lineExtras struct {
	Notes    []*doc.Footnote // footnotes referenced on this line, first references only
	rules    []Rule          // relative to the line's left edge and baseline
	pictures []Picture       // figures and pictures in the text, relative to the left edge and baseline
	// blocks are the blocks of the line's runs that are not part (Run.Block numbers them).
	blocks []doc.Block
	// cont is, on the lines of an index entry's sub-entries, the line that repeats the
	// entry's term with "(continued)" when a column or page opens among them.
	cont *continuation
}

// none is what a line without extras reads.
var none lineExtras

// ex is the line's extras, to read (the shared empty ones when it has none).
func (lb *lineBox) ex() *lineExtras {
	if lb.x == nil {
		return &none
	}
	return lb.x
}

// more is the line's extras, to change: made on first use. A line shared with the paragraph
// cache is owned first (own), which copies them.
func (lb *lineBox) more() *lineExtras {
	if lb.x == nil {
		lb.x = &lineExtras{}
	}
	return lb.x
}

// continuation is an index entry's "(continued)" line and its offset in the column.
type continuation struct {
	line *lineBox
	x    Length
}

// setLines makes the line boxes of a broken paragraph, as TeX's post_line_break packs each
// line into an \hbox of the measure: its glue set (and its letters spaced, on a line too
// loose otherwise), its text gathered into runs, with its marks, links, pictures and rules,
// and the metrics the tests and the page map read.
func (p *paragraphSetter) setLines(items []linebreak.Item, lines []linebreak.Line, params linebreak.Params) []*lineBox {
	out := make([]*lineBox, 0, len(lines))
	// One allocation for the paragraph's line boxes and one for their runs. A line has at
	// most a run per box, and a hyphen, but words join into far fewer: the runs are set in
	// the setter's scratch, sized for the most, then copied to a slice of the size used
	// (set lines live until the book is drawn).
	// The lines' marks and links, far fewer, are each given a window, capped, of one
	// slice of the most they can hold.
	boxes := make([]lineBox, len(lines))
	room, marks, links := 0, 0, 0
	rooms := p.rooms[:0] // each line's, read again below
	for _, ln := range lines {
		r := p.lineRoom(items[ln.Start:ln.End])
		rooms = append(rooms, r)
		room, marks, links = room+1+int(r.boxes), marks+int(r.marks), links+int(r.links)
	}
	p.rooms = rooms
	if cap(p.runs) < room {
		p.runs = make([]Run, 0, room)
	}
	runs, widths := p.runs[:0], p.widths
	p.texts, p.textRoom = strings.Builder{}, p.textLen+4*len(lines)
	var markRoom []Mark
	var linkRoom []Link
	if marks > 0 {
		markRoom = make([]Mark, 0, marks)
	}
	if links > 0 {
		linkRoom = make([]Link, 0, links)
	}
	lastWord := -1 // of the last box set
	for li, ln := range lines {
		lb := &boxes[li]
		*lb = lineBox{Leading: p.spec.Leading, Size: p.spec.Size, block: p.spec.block, part: p.spec.block, word: -1}
		room, marks, links := int(rooms[li].boxes)+1, int(rooms[li].marks), int(rooms[li].links)
		if marks > 0 {
			lb.Marks, markRoom = markRoom[:0:marks], markRoom[marks:cap(markRoom)]
		}
		if links > 0 {
			lb.Links, linkRoom = linkRoom[:0:links], linkRoom[links:cap(linkRoom)]
		}
		if len(runs)+room > cap(runs) {
			runs = make([]Run, 0, max(room, len(items)/4))
		}
		lb.Runs = runs[len(runs) : len(runs) : len(runs)+room]
		widths = ln.AppendWidths(widths[:0], items)
		lastWord = p.setLine(lb, items, ln, widths, params, li, li == len(lines)-1, lastWord)
		if li == 0 {
			p.hangRun(lb)
		}
		runs = runs[:len(runs)+min(len(lb.Runs), room)]
		out = append(out, lb)
	}
	p.widths = widths
	if p.s.packAsSet {
		p.packLines(boxes)
	}
	keepRuns(boxes)
	return out
}

// keepRuns moves the runs of a paragraph's lines out of the setter's scratch into one
// slice of their own, each line's capped (own relies on it). Packed lines have none.
func keepRuns(boxes []lineBox) {
	n := 0
	for i := range boxes {
		n += len(boxes[i].Runs)
	}
	all := make([]Run, 0, n)
	for i := range boxes {
		lb := &boxes[i]
		if lb.packed != "" {
			continue
		}
		at := len(all)
		all = append(all, lb.Runs...)
		lb.Runs = all[at:len(all):len(all)]
	}
}

// lineRoom is, for the items of a line, the number of boxes, and the most marks and links
// the line can have: each fragment's marks and a note's reference, a link a box.
func (p *paragraphSetter) lineRoom(items []linebreak.Item) (r roomOf) {
	for _, it := range items {
		if it.Kind != linebreak.KindBox {
			continue
		}
		r.boxes++
		if it.Payload < 0 {
			continue
		}
		f := &p.frags[it.Payload]
		r.marks += int32(len(f.marks))
		if f.note != nil && f.noteN == 1 {
			r.marks++
		}
		if f.link != "" {
			r.links++
		}
	}
	return r
}

// roomOf is what lineRoom counts (a line has fewer than 2^31 items).
type roomOf struct{ boxes, marks, links int32 }

// setLine fills line box lb with line ln of a paragraph, the li-th; widths are the set
// widths of its items. lastWord is the word of the last box of the line before; it returns
// that of this line's.
func (p *paragraphSetter) setLine(lb *lineBox, items []linebreak.Item, ln linebreak.Line, widths []Length, params linebreak.Params, li int, last bool, lastWord int) int {
	justified := !p.spec.Ragged && !p.spec.Centered && !last && ln.Order == linebreak.Normal
	ratio, badness := ln.Ratio, ln.Badness
	var tracking Length
	// A paragraph's last line too is shrunk, letters and all, when its words are wider
	// than the measure at their natural width.
	if justified || ln.Ratio < 0 && !p.spec.Ragged && !p.spec.Centered {
		ratio, badness, tracking = p.justify(items, ln, widths, params.Tolerance)
	}
	x := ln.GlueWidth(params.LeftSkip)
	if li > 0 {
		x += p.spec.Hang
	}
	s := lineSetter{p: p, lb: lb, x: x, right: x, last: -1, joinAt: -1, open: -1, tracking: tracking, before: lastWord, lastWord: lastWord}
	for k, w := range widths {
		switch it := &items[ln.Start+k]; {
		case it.Kind == linebreak.KindGlue:
			s.glue(it, w)
		case it.Kind == linebreak.KindBox && it.Payload >= 0:
			s.fragment(&p.frags[it.Payload], w)
			continue
		case it.Kind == linebreak.KindBox:
			s.right = s.x + w
		}
		s.x += w
	}
	s.x = s.right
	if ln.Hyphenated && ln.End < len(items) && items[ln.End].Width > 0 {
		s.hyphen(items[ln.End].Width)
	}
	s.closeText()
	s.strike.end(lb)
	for i, r := range lb.Runs {
		if r.Link == 0 {
			continue
		}
		x, w, size := Length(r.X), Length(r.Width), Length(r.Size)
		// The words of one link on a line are one clickable area (one annotation).
		if n := len(lb.Links); n > 0 && i > 0 && lb.Runs[i-1].Link == r.Link && lb.Links[n-1].Target == r.Link.Target() {
			l := &lb.Links[n-1]
			top := min(l.Y, -size*8/10)
			l.W, l.H = x+w-l.X, max(l.Y+l.H, -size*8/10+size)-top
			l.Y = top
			continue
		}
		lb.Links = append(lb.Links, Link{X: x, Y: -size * 8 / 10, W: w, H: size, Target: r.Link.Target()})
	}
	natural := Length(0)
	if sp := spaceWidth(p); sp > 0 {
		natural = sp
	}
	lb.Metrics = compact(LineMetrics{
		Kind: p.spec.Kind, Width: p.spec.Width, Natural: ln.Width, Ratio: ratio, Badness: badness, Tracking: tracking,
		Underfull:  justified && ln.Badness > params.Tolerance && !ln.IsOverfull(),
		Hyphenated: ln.Hyphenated && items[ln.End].Width > 0, Overfull: ln.Overfull,
		Justified: justified,
		Spaces:    s.spaces, NaturalSpace: natural, Last: last,
		Right: s.x,
	}, p.s.Metrics)
	if p.s.Metrics {
		lb.Metrics.more.Text = lineText(lb.Runs)
		if s.box != "" {
			lb.Metrics.more.Text = strings.TrimSpace(s.box + " " + lb.Metrics.more.Text)
		}
	}
	lb.Runs = append(lb.Runs, s.drawn...)
	return s.lastWord
}

// lineSetter follows the items of one line from left to right, gathering its text into runs:
// a word joins the run before it when nothing but a natural space parts them, so that the
// PDF draws far fewer pieces of text.
type lineSetter struct {
	p  *paragraphSetter
	lb *lineBox
	x  Length // where the next item starts, from the line's left edge
	// right is where the content ends: after the last box.
	right Length
	// last is the run a following box may extend, or -1; joinAt the run a word after a
	// natural-width space may join, joinW that space.
	last, joinAt int
	joinW        Length
	// open is the run whose text is being gathered in p.text, or -1 (extend).
	open     int
	tracking Length   // the line's letter spacing
	spaces   []Length // the set widths of the inter-word spaces
	strike   strikeThrough
	drawn    []Run  // drawn after the line's text is known (a check box's tick)
	box      string // what a check box stands for in the line's text
	// before is the word of the last box of the line before, lastWord that of the last box
	// set.
	before, lastWord int
}

// glue follows a space of set width w. A space set at its natural width can be drawn as the
// font's own space, so the words on both sides stay one run.
func (s *lineSetter) glue(it *linebreak.Item, w Length) {
	if it.StretchOrder == linebreak.Normal && s.p.s.Metrics {
		s.spaces = append(s.spaces, w)
	}
	s.joinAt, s.joinW = -1, 0
	if r := lastRun(s.lb.Runs, s.last); r != nil && s.tracking == 0 && r.Raise == 0 && w == s.p.t.spaceWidth(s.p.face(r.Style), Length(r.Size)) {
		s.joinAt, s.joinW = s.last, w
	}
	s.last = -1
}

// fragment sets the material of a box of set width w: text, a picture or a check box, and
// the marks waiting at its start.
func (s *lineSetter) fragment(f *fragment, w Length) {
	lb, x := s.lb, s.x
	if lb.word < 0 {
		lb.word, lb.inWord = int32(f.word), f.word == s.before
	}
	s.lastWord = f.word
	for _, id := range f.marks {
		lb.Marks = append(lb.Marks, Mark{ID: id, X: x})
	}
	s.strike.box(lb, f, x, w)
	if f.picture != nil || f.check != doc.NoTask {
		s.figure(f, w)
		return
	}
	if f.text == "" {
		return // marks alone: nothing to draw, nothing to advance
	}
	if r := lastRun(lb.Runs, s.joinAt); r != nil && s.last < 0 && sameRun(r, f) {
		s.extend(s.joinAt, " ", f.text)
		r.Width += int32(s.joinW + w)
		s.last = s.joinAt
	} else if r := lastRun(lb.Runs, s.last); r != nil && sameRun(r, f) {
		s.extend(s.last, "", f.text)
		r.Width += int32(w)
	} else {
		lb.Runs = append(lb.Runs, Run{X: int32(x), Style: f.style, Size: int32(f.size), Raise: int32(f.raise), Text: f.text, Width: int32(w), Link: linkID(f.link), Lang: langID(f.lang), Tracking: int32(s.tracking)})
		s.last = len(lb.Runs) - 1
		if f.note != nil {
			s.last = -1
			if f.noteN == 1 {
				lb.more().Notes = append(lb.ex().Notes, f.note)
				lb.Marks = append(lb.Marks, Mark{ID: f.note.ID + "-ref", X: x})
			}
		}
	}
	s.right = x + w
	s.x += w
}

// extend appends sep and text to the text of run i. The words a run gathers are written in
// the setter's scratch and made a string once the run is complete (closeText), not a string
// a word: a line's runs hold ten words and more.
func (s *lineSetter) extend(i int, sep, text string) {
	if s.open != i {
		s.closeText()
		s.open = i
		s.p.runText = append(s.p.runText[:0], s.lb.Runs[i].Text...)
	}
	s.p.runText = append(append(s.p.runText, sep...), text...)
}

// closeText gives the run being extended its text, cut from the paragraph's texts. A
// Builder only appends, so what String returned stays as it was when the Builder grows.
func (s *lineSetter) closeText() {
	if s.open >= 0 {
		b := &s.p.texts
		if b.Cap()-b.Len() < len(s.p.runText) {
			b.Grow(max(s.p.textRoom, len(s.p.runText)))
			s.p.textRoom = 0 // past the estimate: grown as needed
		}
		at := b.Len()
		b.Write(s.p.runText)
		s.lb.Runs[s.open].Text = b.String()[at:]
		s.open = -1
	}
}

// sameRun reports whether text f may be drawn as part of run r: same face, size, shift,
// link and language, and not a note's number (which stands alone, with its mark).
func sameRun(r *Run, f *fragment) bool {
	return r.Style == f.style && Length(r.Size) == f.size && Length(r.Raise) == f.raise && r.Link == linkID(f.link) && r.Lang == langID(f.lang) && f.note == nil
}

// figure sets a picture in the text or a task's check box, of width w: either ends the run,
// and text after it starts a new one.
func (s *lineSetter) figure(f *fragment, w Length) {
	lb, x := s.lb, s.x
	if f.picture != nil {
		pic := *f.picture
		pic.X, pic.Y = x, -f.raise-pic.H
		lb.more().pictures = append(lb.ex().pictures, pic)
		if f.link != "" {
			lb.Links = append(lb.Links, Link{X: x, Y: pic.Y, W: pic.W, H: pic.H, Target: f.link})
		}
	} else {
		rules, tick := s.p.t.checkBoxMarks(f, x)
		lb.more().rules = append(lb.ex().rules, rules...)
		s.drawn = append(s.drawn, tick...)
		s.box = checkBoxText(f.check)
	}
	s.last, s.joinAt = -1, -1
	s.right = x + w
	s.x += w
}

// hyphen sets the hyphen of a line that ends at a discretionary, w wide, after its last run.
func (s *lineSetter) hyphen(w Length) {
	if r := lastRun(s.lb.Runs, s.last); r != nil {
		s.extend(s.last, "", "-")
		r.Width += int32(w)
		r.Hyphen = true
	} else {
		s.lb.Runs = append(s.lb.Runs, Run{X: int32(s.x), Style: s.p.spec.Style, Size: int32(s.p.spec.Size), Text: "-", Width: int32(w), Hyphen: true})
	}
	s.strike.extend(s.x + w)
	s.x += w
}

// lastRun is runs[i], or nil when i is not a run.
func lastRun(runs []Run, i int) *Run {
	if i < 0 || i >= len(runs) {
		return nil
	}
	return &runs[i]
}

// spaceWidth is the width of a space in the paragraph's own face and size (remembered by the
// typesetter: asked for every line).
func spaceWidth(p *paragraphSetter) Length {
	return p.t.spaceWidth(p.face(p.spec.Style), p.spec.Size)
}

// lineText is the text of a line's runs, with a space where runs are apart.
func lineText(runs []Run) string {
	var b strings.Builder
	for i, r := range runs {
		if i > 0 && Length(r.X) > Length(runs[i-1].X+runs[i-1].Width)+Pt/2 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Text)
	}
	return font.Letters(b.String())
}

// blockOf is the block run r of the line sets: its own, else the line's part.
func (lb *lineBox) blockOf(r Run) doc.Block {
	if r.Block == 0 {
		return lb.part
	}
	return lb.x.blocks[r.Block-1]
}
