package layout

import (
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/linebreak"
	"strings"
)

// Style is the face a run of text is set in: a style of the book's family, or with Mono of
// the code family (Mono|Bold is code in bold). Its value indexes the PDF's fonts.
type Style uint8

const (
	Roman Style = iota
	Italic
	Bold
	BoldItalic
	// Mono sets the style in the code family (book/font's monospaced faces).
	Mono
)

// bold, italic and mono say what a style is made of.
func (s Style) bold() bool   { return s&Bold != 0 }
func (s Style) italic() bool { return s&Italic != 0 }
func (s Style) mono() bool   { return s&Mono != 0 }

// with is the style of text in s made bold, or emphasised (italic in roman text, roman
// in italics).
func (s Style) with(bold, italic bool) Style {
	b, i := s.bold() || bold, s.italic() != italic // emphasis inside italics turns roman
	out := s & Mono
	if b {
		out |= Bold
	}
	if i {
		out |= Italic
	}
	return out
}

// textSpec says how a block of text is set. The fields go widest first: at 96 bytes a
// parKey and a parSource fit in a map's slot; at 112 every paragraph's were allocations
// of their own (Go's maps hold keys and values over 128 bytes apart).
type textSpec struct {
	Size, Leading Length
	Width         Length   // the measure
	Indent        Length   // first-line indent
	offset        Length   // left offset of the lines within the text block (quotes, lists)
	Hang          Length   // indent of every line but the first (index entries)
	Kind          LineKind // what the lines are, for LineMetrics
	block         doc.Block
	// looseness asks the line breaker for that many lines more or fewer than the best
	// (TeX's \looseness), when a chapter's last page is rescued (rescue.go).
	looseness int8
	Style     Style
	Ragged    bool // ragged right instead of justified
	Centered  bool
	// Display text (titles and headings) is balanced over its lines, breaks at a phrase
	// boundary when one is near, and never leaves one word alone on its last line.
	Display       bool
	NoHyphenation bool
	// task is the check box a task list item's first paragraph opens with.
	task doc.Task
	// note is set on text inside a footnote (figures there are kept smaller).
	note bool
	// hangNumber is set on a note's first paragraph: the number it opens with hangs in
	// the margin (notenumber.go).
	hangNumber bool
	// breakAnywhere lets words break between any two characters, with no hyphen: the cells
	// of a column narrower than a syllable, so that nothing runs out of its cell.
	breakAnywhere bool
}

// fragment is the material of one box: a piece of a word in one style. Its bytes go
// last, together (128 bytes, not 144: a paragraph's fragments are copied as set).
type fragment struct {
	text  string
	size  Length
	raise Length // baseline shift upwards (superscripts)
	link  string // URL, or "#id" inside the book
	lang  string // a passage's language (look.lang)
	note  *doc.Footnote
	noteN int
	marks []string // destinations at the start of this fragment (anchors, index marks)
	word  int      // index of the word in the paragraph, counting from 0
	// picture is an image set in the line (its size; placed when the line is built), check a
	// task item's check box: both are boxes without text.
	picture *Picture
	check   doc.Task
	style   Style
	// struck text has a rule through it (deleted text).
	struck bool
}

// paragraphSetter turns inlines into Knuth–Plass items and lines.
type paragraphSetter struct {
	s       *Settings
	t       *typesetter
	spec    textSpec
	items   []linebreak.Item
	frags   []fragment
	pending []string // marks waiting for the next word (mark)
	// markBuf holds the paragraph's marks, those from markFrom on still pending.
	markBuf  []string
	markFrom int
	at       diag.Pos // where the text being set comes from, for messages
	words    int      // words seen so far, counted at each space
	inSpace  bool     // a space ended the last word: more white space starts no other
	// described is set while an image's description stands in for it: the image is one box
	// of the word it touches, so the spaces of its description start no word.
	described int
	// quotes is the depth of quotations (<q>) being set; opening holds the marks of the
	// quotations just opened, waiting for the text they stand before.
	quotes  int
	opening []quoteMark
	// lines are the lines set before a display (mathematics set apart), when there is one.
	lines []*lineBox
	// hang is how far a note's number reaches into the margin, numberWidth its width
	// (notenumber.go).
	hang, numberWidth Length
	// spaceAbove is extra room for the first line set next (after a display).
	spaceAbove Length
	// runs is scratch for the runs of the lines being set (setLines), breaks and pieces for
	// a word's break points and syllables (word), widths for a line's set widths, runText for
	// the text of a run (extend), lineScratch for the paragraph's breaks (breakLines).
	runs       []Run
	breaks     []wordBreak
	pieces     []string
	setScratch []setPiece // a word's set pieces when the goroutine's cache has no room
	widths     []Length
	rooms      []roomOf // the room each line of a paragraph needs (setLines)
	gapScratch []int32  // a justified line's boxes' letter gaps (justify)
	// letters are the characters of each fragment letterSpacing counted, by index (0: not
	// counted), for justify to count no text twice.
	letters     []int32
	runText     []byte
	lineScratch []linebreak.Line
	// texts holds the text of the runs that gather words (closeText), a paragraph's in one
	// allocation: a string a run was one allocation a line. Never reused: the lines' runs
	// point into it. textRoom is what it is first given: the paragraph's text length
	// (textLen) and a hyphen a line.
	texts             strings.Builder
	textLen, textRoom int
	// measure is the line widths breakParams gave the last paragraph, for measureOf (its
	// width and hang): kept from paragraph to paragraph.
	measure   func(line int) Length
	measureOf [2]Length
}

// setParagraph sets inlines as a paragraph in spec and returns its lines, from the cache
// when an earlier pass set the same paragraph (parcache.go).
func (t *typesetter) setParagraph(ins []doc.Inline, spec textSpec) []*lineBox {
	// A paragraph without page references breaks the same way in every pass of the
	// page-number fixpoint: set it once.
	if spec.block != nil {
		if l, ok := t.loose[spec.block]; ok {
			spec.looseness = int8(l)
		}
		if t.sources != nil {
			t.sources[spec.block] = parSource{ins, spec}
		}
	}
	var key parKey
	var (
		rkey           reuseKey
		refs, reusable bool
		notes          []*doc.Footnote
		keyed          bool
	)
	if len(ins) > 0 && t.cache != nil {
		key = textKey(ins, spec)
		if t.generating {
			// Generated text is made anew in each pass: know it by its content. In a rebuild
			// the reuse key is that and more (language, spec, page references as printed),
			// so the text is not hashed twice; a paragraph with references is never in the
			// per-pass cache, and its key's side effects are the ones setting it has.
			rkey, refs, notes, reusable = t.reuseKeyOf(ins, spec)
			keyed = true
			if reusable {
				key.content, key.first = rkey, nil
			} else {
				key.content, key.first = t.contentKey(ins)
			}
			key.spec.block = nil
		}
		c, ok := t.cache[key]
		if !ok && t.lastPass != nil {
			c, ok = t.lastPass[key]
			delete(t.lastPass, key) // its lines go as this pass's are placed
		}
		if ok {
			t.warnings = append(t.warnings, c.warnings...)
			// The lines are shared with the cache: callers that change one make it
			// their own first (own).
			lines := t.placed(c.lines, spec.block)
			if t.generating {
				// Kept as placed in this pass: the last pass's lines point into the
				// last pass's generated chapters, which would stay alive through them.
				t.cache[key] = setParagraphResult{append([]*lineBox(nil), lines...), c.warnings}
			}
			return lines
		}
	}
	// Set in an earlier build (Settings.Reuse)?
	if !keyed {
		rkey, refs, notes, reusable = t.reuseKeyOf(ins, spec)
	}
	if reusable {
		if lines, ok := t.s.Reuse.get(rkey); ok {
			// Placed once for this build: the later passes find them in this block already.
			// The cache's lines and the caller's copy share one allocation.
			lines = renote(lines, notes)
			if t.cache != nil && !refs {
				n := len(lines)
				both := make([]*lineBox, 2*n)
				cached := t.placedInto(both[:0:n], lines, spec.block)
				t.cache[key] = setParagraphResult{lines: cached}
				return append(both[n:n:2*n], cached...)
			}
			return t.placed(lines, spec.block)
		}
	}
	before, warned, missing := t.references, len(t.warnings), len(t.missing)
	t.references = false
	lines := t.setParagraphOnce(ins, spec)
	if t.s.Reuse != nil {
		t.s.Reuse.set.Add(1)
	}
	if len(ins) > 0 && t.cache != nil && !t.references {
		t.cache[key] = setParagraphResult{append([]*lineBox(nil), lines...), append(diag.List(nil), t.warnings[warned:]...)}
	}
	// Kept for later builds only with no warning: their positions move with the text, and a
	// character missing from the font is reported once, where it first stands.
	// A page reference is in the key as printed (reuseKeyOf): such a paragraph is kept too.
	if reusable && (!t.references || refs) && len(t.warnings) == warned && len(t.missing) == missing && missing == 0 {
		t.s.Reuse.put(rkey, lines)
	}
	t.references = t.references || before
	return lines
}

// placed returns shared set lines for the paragraph in block: each line that stood in
// another block (an earlier build's model) is copied first, the copies made in one slice.
// A copy shares the line's slices and extras as the line did: it is as shared as the line,
// and callers make it their own before changing it (own).
func (t *typesetter) placed(shared []*lineBox, block doc.Block) []*lineBox {
	return t.placedInto(nil, shared, block)
}

// placedInto is placed in room the caller gives (lines: empty, with the capacity).
func (t *typesetter) placedInto(lines, shared []*lineBox, block doc.Block) []*lineBox {
	lines = append(lines, shared...)
	var copies []lineBox
	for i, lb := range lines {
		if lb.block != block || lb.part != block {
			if copies == nil {
				copies = make([]lineBox, 0, len(lines)-i)
			}
			copies = append(copies, *lb)
			c := &copies[len(copies)-1]
			c.block, c.part = block, block
			lines[i] = c
		}
	}
	return lines
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

// setParagraphOnce sets a paragraph: its item list, then its lines (breakLines).
func (t *typesetter) setParagraphOnce(ins []doc.Inline, spec textSpec) []*lineBox {
	p := t.setter(textLen(ins))
	defer t.release(p)
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
		p.pending, p.markFrom, p.items = nil, len(p.markBuf), p.items[:0]
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
	return look{style: p.spec.Style, size: p.spec.Size, figures: p.figures()}
}

// setters are finished paragraph setters whose buffers the next paragraph reuses: a book
// sets thousands of paragraphs, and their items and fragments are not kept once the lines
// are made. One belongs to each goroutine setting chapters (setChapters), kept from pass to
// pass, so a chapter starts with buffers already sized; a stack, as a paragraph may set
// others while it is set (a table's cells).
type setters struct {
	free []*paragraphSetter
	// plan holds the lines of pages that are only counted (chapterEnd).
	plan []placed
	// key holds a paragraph's inlines written out for its reuse key (reuseKeyOf).
	key keyBytes
	// hyphens are the hyphenation points of the words in the book's language this goroutine
	// has set, in front of typesetter.hyphens (hyphenate).
	hyphens map[string][]int
	// pointRoom is where the hyphenation points this goroutine finds are kept (points).
	pointRoom []int
	// words are the set forms of the words this goroutine has set (wordcache.go).
	words wordCache
	// asciiFaces are the last faces found to draw every printable ASCII character.
	asciiFaces [4]*font.Face
	// packed holds the runs this goroutine packed as set (packLines), packBuf and packEnds
	// are its scratch.
	packed   packArena
	packBuf  []byte
	packEnds []int
}

// setter returns a paragraph setter with room for n bytes of text, reusing the buffers of
// one that finished.
func (t *typesetter) setter(n int) *paragraphSetter {
	if t.setters == nil {
		t.setters = &setters{}
	}
	var p *paragraphSetter
	if k := len(t.setters.free); k > 0 {
		p, t.setters.free = t.setters.free[k-1], t.setters.free[:k-1]
		clear(p.frags) // let go of the last paragraph's text (frags only grow while set)
		clear(p.markBuf)
		*p = paragraphSetter{items: p.items[:0], frags: p.frags[:0], runs: p.runs[:0], markBuf: p.markBuf[:0],
			breaks: p.breaks[:0], pieces: p.pieces[:0], setScratch: p.setScratch[:0], widths: p.widths[:0], rooms: p.rooms[:0], gapScratch: p.gapScratch[:0], letters: p.letters[:0], runText: p.runText[:0], lineScratch: p.lineScratch[:0],
			measure: p.measure, measureOf: p.measureOf}
	} else {
		p = &paragraphSetter{}
	}
	p.s, p.t, p.textLen = t.s, t, n
	// About one item in three bytes of text and a fragment in four.
	if cap(p.items) < n/3+8 {
		p.items = make([]linebreak.Item, 0, n/3+8)
	}
	if cap(p.frags) < n/4+8 {
		p.frags = make([]fragment, 0, n/4+8)
	}
	return p
}

// release gives a finished setter's buffers back for the next paragraph.
// It keeps no typesetter or lines: the setters serve every pass, and the main typesetter of
// a pass holds its whole vertical list.
func (t *typesetter) release(p *paragraphSetter) {
	p.s, p.t, p.lines = nil, nil, nil
	t.setters.free = append(t.setters.free, p)
}

// face is the book's face of a style.
func (p *paragraphSetter) face(st Style) *font.Face { return p.s.Face(st) }
