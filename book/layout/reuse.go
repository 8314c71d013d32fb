package layout

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
	"sync/atomic"

	"bindery/book/doc"
	"bindery/book/memo"
)

// Reuse keeps set paragraphs from one Typeset to the next, for rebuilds (bindery watch and
// serve): a paragraph whose text, marks, setting and language are those of a paragraph set
// in an earlier build is not set again, and the hyphenation of every word is kept. Only what
// depends on the paragraph alone is kept: a paragraph with a page reference under the
// reference as printed, one calling a footnote under the note's number (and pointed at this
// build's note when taken); never a paragraph with a picture or a warning.
//
// A Reuse serves one book with one set of settings (fonts, sizes, hyphenation, language):
// the caller keeps one per settings, as book/pipeline's Cache does. It is safe for the
// concurrent chapters of one Typeset; Typesets using it must not run at the same time.
type Reuse struct {
	mu    sync.Mutex // guards labels, sizes, anchors and vlist
	lines memo.LastUsed[reuseKey, []*lineBox]

	hyphens hyphenCache // word → hyphenation points, as kept.hyphens
	// labels are the page labels the last Typeset settled on: the next starts from them.
	labels *labelSet
	// sizes are the chapter slots' sizes the last Typeset ended with (kept.sizes).
	sizes []slotSize
	// anchors is how many anchors the last Typeset's document placed (Document.Map).
	anchors int
	// vlist is the last Typeset's vertical list, emptied: the next one's storage (kept.vlist).
	vlist []vitem
	set   atomic.Int64
	found atomic.Int64
	// runs are the arrays of the last document's pages' runs, once painted (ReleaseRuns).
	runs spareRuns
	// pages are the chapters' pages as last cut, for a pass whose chapters would be cut
	// the same (keptpages.go).
	pages keptPages
}

// reuseKey is a paragraph as setting sees it: a 128-bit hash of its inlines written out
// (reuseContent), then its language and its textSpec without the block it stands in
// (keyBytes.spec). The hash is maphash, seeded per process: a Reuse lives in memory only,
// and one value is hashed and compared by the map at a stroke, where a key holding the
// spec and the language was hashed field by field at every lookup.
type reuseKey [2]uint64

// NewReuse returns an empty Reuse.
func NewReuse() *Reuse { return &Reuse{} }

// Set is how many paragraphs the last Typeset set, counting each pass of the page-number
// fixpoint: those neither kept from an earlier build nor from an earlier pass.
func (r *Reuse) Set() int { return int(r.set.Load()) }

// Found is how many paragraphs the last Typeset took from an earlier build.
func (r *Reuse) Found() int { return int(r.found.Load()) }

// Paginated is how many chapters the last Typeset's passes cut into pages afresh, and for
// how many they took the pages kept from an earlier pass or build.
func (r *Reuse) Paginated() (cut, kept int) { return r.pages.cut, r.pages.replayed }

// Drawn is how many pages of the chapters whose pages were kept the last Typeset drew
// afresh, and how many it drew as the build before had.
func (r *Reuse) Drawn() (drawn, kept int) { return r.pages.redrawn[0], r.pages.redrawn[1] }

// Len is the number of paragraphs kept.
func (r *Reuse) Len() int { return r.lines.Len() }

// begin starts a Typeset.
func (r *Reuse) begin() {
	r.lines.Begin()
	r.set.Store(0)
	r.found.Store(0)
	r.pages.replayed, r.pages.cut, r.pages.redrawn = 0, 0, [2]int{}
	clear(r.pages.heads)
}

// end lets go of the paragraphs the finished Typeset did not use: text edited away.
func (r *Reuse) end() { r.lines.End() }

// settledLabels are the page labels the last Typeset settled on, nil before the first.
func (r *Reuse) settledLabels() *labelSet {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.labels
}

// slotSizes are the chapter slots' sizes the last Typeset ended with, nil before the first.
func (r *Reuse) slotSizes() []slotSize {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sizes
}

// keepSlotSizes keeps the slots' sizes a Typeset ended with for the next.
func (r *Reuse) keepSlotSizes(sizes []slotSize) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sizes = sizes
}

// settle keeps the labels a Typeset settled on for the next, and how many anchors its
// document placed.
func (r *Reuse) settle(labels *labelSet, anchors int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.labels, r.anchors = labels, anchors
}

// takeVlist is the last Typeset's vertical list's storage, nil before the first.
func (r *Reuse) takeVlist() []vitem {
	r.mu.Lock()
	defer r.mu.Unlock()
	v := r.vlist
	r.vlist = nil
	return v
}

// keepVlist keeps a finished Typeset's vertical list's storage for the next, emptied: the
// book's list grown anew was 3 % of what a 10× rebuild allocated.
func (r *Reuse) keepVlist(v []vitem) {
	clear(v[:cap(v)]) // nothing of this build stays alive through it
	r.mu.Lock()
	defer r.mu.Unlock()
	r.vlist = v[:0]
}

// anchorCount is how many anchors the last Typeset's document placed (0 for a nil r), to
// size the next one's map: grown from nothing, it was 9 % of what a 10× rebuild allocated.
func (r *Reuse) anchorCount() int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.anchors
}

// get returns the lines kept for k, shared: callers make a line their own before changing it.
func (r *Reuse) get(k reuseKey) ([]*lineBox, bool) {
	lines, ok := r.lines.Get(k)
	if ok {
		r.found.Add(1)
	}
	return lines, ok
}

func (r *Reuse) put(k reuseKey, lines []*lineBox) {
	r.lines.Put(k, append([]*lineBox(nil), lines...))
}

// reuseContent writes out everything about the inlines that setting them depends on, and
// reports false for a paragraph whose lines depend on more than its text: a picture (its
// file), or an inline this function does not know. A footnote call is written out by the
// note's ID and number, a cross-reference as crossRef prints it (its title and page in this
// pass), and refs says there was one; with crossRef nil a paragraph with one is not kept.
// Positions are left out: a paragraph moved by an edit above it sets the same (its warnings
// would not, and a paragraph with warnings is not kept). TestReuseKeyCoversTheModel fails
// when the document model gains a field to decide on here.
func reuseContent(ins []doc.Inline, crossRef func(target string) string) (content string, refs, ok bool) {
	b, refs, _, ok := reuseContentNotes(nil, ins, crossRef)
	return string(b), refs, ok
}

// reuseSeeds seed the two halves of a reuseKey's (and a parKey's) hash.
var reuseSeeds = sync.OnceValue(func() [2]maphash.Seed { return [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()} })

// keyBytes is a paragraph's inlines written out for a key: each inline a tag byte and its
// fields, every string with its length first (so no text can pass for a mark), a '.' after
// each inline but a text, ending a container's children.
type keyBytes []byte

func (b *keyBytes) tag(c byte) { *b = append(*b, c) }

func (b *keyBytes) str(s string) {
	*b = append(binary.AppendUvarint(*b, uint64(len(s))), s...)
}

func (b *keyBytes) num(v int) { *b = binary.AppendVarint(*b, int64(v)) }

func (b *keyBytes) flag(v bool) {
	if v {
		b.tag(1)
	} else {
		b.tag(0)
	}
}

// sum is the 128-bit hash of the bytes.
func (b keyBytes) sum() [2]uint64 {
	seeds := reuseSeeds()
	return [2]uint64{maphash.Bytes(seeds[0], b), maphash.Bytes(seeds[1], b)}
}

// reuseContentNotes is reuseContent that keeps a paragraph calling footnotes too, writing
// onto b: a note is written out by its ID and number, and notes are the notes called, for
// renote to point the kept lines at this build's notes.
func reuseContentNotes(b keyBytes, ins []doc.Inline, crossRef func(target string) string) (out keyBytes, refs bool, notes []*doc.Footnote, ok bool) {
	var walk func([]doc.Inline) bool
	walk = func(ins []doc.Inline) bool {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.tag('t')
				b.str(in.Text)
				continue
			case *doc.Code:
				b.tag('c')
				b.str(in.Text)
			case *doc.Math:
				b.tag('m')
				b.flag(in.Display)
				b.str(in.Text)
			case *doc.Break:
				b.tag('r')
				b.flag(in.Hard)
			case *doc.TextAnchor:
				b.tag('a')
				b.str(in.ID)
			case *doc.IndexMark:
				b.tag('x')
				b.str(in.ID)
			case *doc.Emphasis:
				b.tag('i')
			case *doc.Strong:
				b.tag('b')
			case *doc.Link:
				b.tag('l')
				b.str(in.URL)
			case *doc.Span:
				b.tag('s')
				b.str(in.ID)
				b.str(string(in.Role))
				b.str(in.Lang)
			case *doc.Styled:
				b.tag('y')
				b.num(int(in.Style))
				b.str(in.Title)
			case *doc.GlossaryRef:
				entry := ""
				if in.Entry != nil {
					entry = in.Entry.ID
				}
				b.tag('g')
				b.str(in.ID)
				b.flag(in.Linked)
				b.str(entry)
			case *doc.CrossRef:
				if crossRef == nil {
					return false
				}
				// What is printed (title, page, or the mark of a reference leading nowhere)
				// and where it leads.
				b.tag('k')
				b.str(in.Target)
				b.str(crossRef(in.Target))
				refs = true
			case *doc.FootnoteRef:
				b.tag('f')
				b.str(in.Note.ID)
				b.num(in.Note.Number)
				b.num(in.N)
				notes = append(notes, in.Note)
			default: // *doc.Image, and anything new
				return false
			}
			if c, ok := in.(doc.Container); ok && !walk(c.Inlines()) {
				return false
			}
			b.tag('.')
		}
		return true
	}
	if !walk(ins) {
		return b, false, nil, false
	}
	return b, refs, notes, true
}

// renote points lines kept from an earlier build at this build's notes (the model is read
// anew by every build), by their IDs; a line that calls one is copied first.
func renote(lines []*lineBox, notes []*doc.Footnote) []*lineBox {
	if len(notes) == 0 {
		return lines
	}
	byID := make(map[string]*doc.Footnote, len(notes))
	for _, n := range notes {
		byID[n.ID] = n
	}
	out := append([]*lineBox(nil), lines...)
	for i, lb := range out {
		if len(lb.ex().Notes) == 0 {
			continue
		}
		c := own(lb)
		c.x.Notes = make([]*doc.Footnote, len(lb.x.Notes))
		for k, n := range lb.x.Notes {
			c.x.Notes[k] = byID[n.ID]
		}
		out[i] = c
	}
	return out
}

// reuseKeyOf is the key a paragraph is kept under across builds, if it can be, whether its
// content holds page references (then it is never kept from one pass to the next by
// parKey), and the notes it calls.
func (t *typesetter) reuseKeyOf(ins []doc.Inline, spec textSpec) (key reuseKey, refs bool, notes []*doc.Footnote, ok bool) {
	if t.s.Reuse == nil || len(ins) == 0 {
		return reuseKey{}, false, nil, false
	}
	// The cross-references are printed as this pass prints them (which marks their labels
	// used and the pass as one with references, as setting the paragraph would).
	var buf keyBytes
	if t.setters != nil {
		buf = t.setters.key[:0]
	}
	buf, refs, notes, ok = reuseContentNotes(buf, ins, t.crossRefText)
	if t.setters != nil {
		t.setters.key = buf
	}
	if !ok {
		return reuseKey{}, false, nil, false
	}
	buf.tag('|') // the inlines end: the language and the spec follow
	buf.str(t.language())
	buf.spec(spec)
	buf.flag(refs)
	if t.setters != nil {
		t.setters.key = buf
	}
	return buf.sum(), refs, notes, true
}

// spec writes out every field of a textSpec but its block (the paragraph's place, which a
// kept paragraph does not depend on). TestReuseKeyCoversTheSpec sets each field and sees
// the bytes change: a field added to textSpec fails it until it is written here.
func (b *keyBytes) spec(s textSpec) {
	b.num(int(s.Size))
	b.num(int(s.Leading))
	b.num(int(s.Style))
	b.num(int(s.Width))
	b.num(int(s.Indent))
	b.flag(s.Ragged)
	b.flag(s.Centered)
	b.flag(s.Display)
	b.flag(s.NoHyphenation)
	b.str(string(s.Kind))
	b.num(int(s.offset))
	b.num(int(s.Hang))
	b.num(int(s.task))
	b.flag(s.note)
	b.flag(s.hangNumber)
	b.flag(s.breakAnywhere)
	b.num(int(s.looseness))
}
