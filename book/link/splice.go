package link

import (
	"bindery/book/diag"
	"bindery/book/doc"
)

// textFinds are the terms found in one text, by offsets in it and the targets' numbers
// (termSearch.targets): the index's forms kept (marks), those an exclusion dropped (dropped,
// each with the exclusion's place in xs), and the glossary's forms in the pieces the marks
// cut the text into (gloss). They depend only on the text and the terms.
type textFinds struct {
	marks, dropped, xs, gloss []keptMatch
}

// clone is tf in memory of its own, one allocation for the four lists: what a search
// returns is its scratch's.
func (tf textFinds) clone() textFinds {
	n := len(tf.marks) + len(tf.dropped) + len(tf.xs) + len(tf.gloss)
	if n == 0 {
		return textFinds{}
	}
	all := make([]keptMatch, 0, n)
	take := func(ms []keptMatch) []keptMatch {
		if len(ms) == 0 {
			return nil
		}
		all = append(all, ms...)
		return all[len(all)-len(ms) : len(all) : len(all)]
	}
	return textFinds{marks: take(tf.marks), dropped: take(tf.dropped), xs: take(tf.xs), gloss: take(tf.gloss)}
}

// note gives a note for each form an exclusion kept out of the index.
func (tf textFinds) note(t *doc.Text, ts *termSearch, notes *diag.List) {
	for k, d := range tf.dropped {
		x := tf.xs[k]
		notes.NoteKind(t.PosAt(int(d.start)), "index-exclusion", "%q, a form of the index term %q, is not indexed here: the entry excludes %q", t.Text[d.start:d.end], entryName(ts.targets[d.target].index), t.Text[x.start:x.end])
	}
}

// part is one inline of what a text becomes: a piece of it [start, end), or the index mark
// or glossary reference of marks[n] or gloss[n].
type part struct {
	kind       uint8
	start, end int32
	n          int32
}

const (
	textPart uint8 = iota
	markPart
	refPart
)

// parts appends to out what a text of length n becomes: a zero-width index mark before each
// mark's form, and a glossary reference around each glossary form, with the pieces of text
// between (none empty). It returns how many of those pieces there are.
func (tf textFinds) parts(n int32, out []part) ([]part, int) {
	pos, texts, g := int32(0), 0, 0
	upTo := func(end int32) { // the text up to end, with its glossary forms
		for ; g < len(tf.gloss) && tf.gloss[g].start < end; g++ {
			m := tf.gloss[g]
			if m.start > pos {
				out = append(out, part{textPart, pos, m.start, 0})
				texts++
			}
			out = append(out, part{refPart, m.start, m.end, int32(g)})
			pos = m.end
		}
		if end > pos {
			out = append(out, part{textPart, pos, end, 0})
			texts++
		}
		pos = end
	}
	for k, m := range tf.marks {
		upTo(m.start)
		out = append(out, part{markPart, m.start, m.end, int32(k)})
	}
	upTo(n)
	return out, texts
}

// glossUse is a glossary reference with its one child and that child's text, made in one
// allocation.
type glossUse struct {
	ref  doc.GlossaryRef
	kids [1]doc.Inline
	text doc.Text
}

// apply appends to out what t becomes with the finds put in (tf.parts): an index mark before
// each kept form, a glossary reference around each glossary form, the pieces of t between.
// The nodes of each kind are made together, one allocation a kind a text.
func (tf textFinds) apply(t *doc.Text, cs *chapterSearch, out []doc.Inline) []doc.Inline {
	sc, ts := cs.sc, cs.sc.ts
	parts, texts := tf.parts(int32(len(t.Text)), sc.parts[:0])
	sc.parts = parts
	pieces := make([]doc.Text, texts)
	var marks []doc.IndexMark
	if len(tf.marks) > 0 {
		marks = make([]doc.IndexMark, len(tf.marks))
	}
	var uses []glossUse
	if len(tf.gloss) > 0 {
		uses = make([]glossUse, len(tf.gloss))
	}
	at := textPos{t: t, base: t.Pos}
	for _, p := range parts {
		pos := at.pos(int(p.start))
		switch p.kind {
		case textPart:
			x := &pieces[0]
			pieces = pieces[1:]
			t.SliceAt(x, int(p.start), int(p.end), pos)
			out = append(out, x)
		case markPart:
			e, sub := ts.targets[tf.marks[p.n].target].index, (*doc.IndexEntry)(nil)
			if e.Parent != nil {
				e, sub = e.Parent, e
			}
			mk := &marks[p.n]
			*mk = doc.IndexMark{At: doc.At{Pos: pos}, Entry: e, Sub: sub, TermText: e.Term, Found: true, Form: t.Text[p.start:p.end]}
			out = append(out, mk)
		case refPart:
			u := &uses[p.n]
			at := doc.At{Pos: pos}
			u.text = doc.Text{At: at, Text: t.Text[p.start:p.end]}
			u.kids[0] = &u.text
			u.ref = doc.GlossaryRef{At: at, Entry: ts.targets[tf.gloss[p.n].target].glossary, Children: u.kids[:]}
			cs.use(&u.ref)
			out = append(out, &u.ref)
		}
	}
	return out
}

// textPos is t.PosAt of offsets asked in increasing order, the characters counted from the
// offset asked before rather than from the text's start (PosAt) each time: a long paragraph
// is cut in many places.
type textPos struct {
	t        *doc.Text
	next     int      // the first of t.Starts not passed
	base     diag.Pos // the position at offset from
	from, at int      // base's offset, and the offset counted up to
	runes    int      // the characters between from and at
}

func (c *textPos) pos(off int) diag.Pos {
	for c.next < len(c.t.Starts) && c.t.Starts[c.next].Offset <= off {
		s := c.t.Starts[c.next]
		c.base, c.from, c.at, c.runes = s.Pos, s.Offset, s.Offset, 0
		c.next++
	}
	c.runes += diag.Columns(c.t.Text[c.at:off])
	c.at = off
	p := c.base
	if p.Line > 0 && off > c.from {
		p.Col += c.runes
	}
	return p
}

// chapterSearch is the term search of one chapter: its glossary uses in reading order, linked
// as links says (by default the first of each entry in the chapter), and its notes.
type chapterSearch struct {
	sc     *findScratch
	found  *Found
	notes  *diag.List
	links  string
	linked map[*doc.GlossaryEntry]bool
	uses   []*doc.GlossaryRef
}

func (cs *chapterSearch) use(ref *doc.GlossaryRef) {
	g := ref.Entry
	switch cs.links {
	case "every":
		ref.Linked = true
	case "first", "":
		ref.Linked = !cs.linked[g]
	}
	if cs.linked == nil {
		cs.linked = map[*doc.GlossaryEntry]bool{}
	}
	cs.linked[g] = true
	cs.uses = append(cs.uses, ref)
}

// blocks puts the finds into the paragraphs, quotes, lists and tables of a chapter.
func (cs *chapterSearch) blocks(blocks []doc.Block) {
	doc.Walk(blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Paragraph:
			b.Inlines = cs.inlines(b.Inlines)
		case *doc.Table:
			for _, c := range b.Header {
				c.Inlines = cs.inlines(c.Inlines)
			}
			for _, row := range b.Rows {
				for _, c := range row {
					c.Inlines = cs.inlines(c.Inlines)
				}
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				it.Term = cs.inlines(it.Term)
			}
		case *doc.Figure:
			b.Caption = cs.inlines(b.Caption)
		}
		return true
	})
}

// inlines searches every text node of the running text, except inside links, code and
// glossary references, and returns the list with the finds put in. A list where nothing was
// found is returned as it was (most lists); the others are made in the scratch's buffer and
// copied out at their length, one allocation a list.
func (cs *chapterSearch) inlines(ins []doc.Inline) []doc.Inline {
	sc := cs.sc
	base, changed := len(sc.buf), false
	for i, in := range ins {
		var tf textFinds
		switch in := in.(type) {
		case *doc.Text:
			tf = cs.found.textFinds(sc, in.Text)
			tf.note(in, sc.ts, cs.notes)
		case *doc.Emphasis:
			in.Children = cs.inlines(in.Children)
		case *doc.Strong:
			in.Children = cs.inlines(in.Children)
		case *doc.Styled:
			if in.Style != doc.Keyboard {
				in.Children = cs.inlines(in.Children)
			}
		}
		found := len(tf.marks)+len(tf.gloss) > 0
		if found && !changed {
			sc.buf, changed = append(sc.buf, ins[:i]...), true
		}
		switch {
		case found:
			sc.buf = tf.apply(in.(*doc.Text), cs, sc.buf)
		case changed:
			sc.buf = append(sc.buf, in)
		}
	}
	if !changed {
		return ins
	}
	out := make([]doc.Inline, len(sc.buf)-base)
	copy(out, sc.buf[base:])
	sc.buf = sc.buf[:base]
	return out
}
