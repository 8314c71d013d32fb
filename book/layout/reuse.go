package layout

import (
	"strconv"
	"strings"
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
	mu    sync.Mutex // guards labels
	lines memo.LastUsed[reuseKey, []*lineBox]

	hyphens sync.Map // word → hyphenation points, as kept.hyphens
	// labels are the page labels the last Typeset settled on: the next starts from them.
	labels *labelSet
	set    atomic.Int64
	found  atomic.Int64
}

// reuseKey is a paragraph as setting sees it: its inlines written out (reuseContent), its
// language and its textSpec without the block it stands in.
type reuseKey struct {
	content string
	lang    string
	spec    textSpec
	refs    bool // content holds page references: never kept from one pass to the next by parKey
}

// NewReuse returns an empty Reuse.
func NewReuse() *Reuse { return &Reuse{} }

// Set is how many paragraphs the last Typeset set, counting each pass of the page-number
// fixpoint: those neither kept from an earlier build nor from an earlier pass.
func (r *Reuse) Set() int { return int(r.set.Load()) }

// Found is how many paragraphs the last Typeset took from an earlier build.
func (r *Reuse) Found() int { return int(r.found.Load()) }

// Len is the number of paragraphs kept.
func (r *Reuse) Len() int { return r.lines.Len() }

// begin starts a Typeset.
func (r *Reuse) begin() {
	r.lines.Begin()
	r.set.Store(0)
	r.found.Store(0)
}

// end lets go of the paragraphs the finished Typeset did not use: text edited away.
func (r *Reuse) end() { r.lines.End() }

// settledLabels are the page labels the last Typeset settled on, nil before the first.
func (r *Reuse) settledLabels() *labelSet {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.labels
}

// settle keeps the labels a Typeset settled on for the next.
func (r *Reuse) settle(labels *labelSet) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.labels = labels
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
	content, refs, _, ok = reuseContentNotes(ins, crossRef)
	return content, refs, ok
}

// reuseContentNotes is reuseContent that keeps a paragraph calling footnotes too: a note is
// written out by its ID and number, and notes are the notes called, for renote to point the
// kept lines at this build's notes.
func reuseContentNotes(ins []doc.Inline, crossRef func(target string) string) (content string, refs bool, notes []*doc.Footnote, ok bool) {
	var b strings.Builder
	var walk func([]doc.Inline) bool
	open := func(tag byte, args ...string) {
		b.WriteByte(1)
		b.WriteByte(tag)
		for _, a := range args {
			b.WriteString(a)
			b.WriteByte(3)
		}
	}
	walk = func(ins []doc.Inline) bool {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(in.Text)
				continue
			case *doc.Code:
				open('c', in.Text)
			case *doc.Math:
				open('m', strconv.FormatBool(in.Display), in.Text)
			case *doc.Break:
				open('r', strconv.FormatBool(in.Hard))
			case *doc.TextAnchor:
				open('a', in.ID)
			case *doc.IndexMark:
				open('x', in.ID)
			case *doc.Emphasis:
				open('i')
				if !walk(in.Children) {
					return false
				}
			case *doc.Strong:
				open('b')
				if !walk(in.Children) {
					return false
				}
			case *doc.Link:
				open('l', in.URL)
				if !walk(in.Children) {
					return false
				}
			case *doc.Span:
				open('s', in.ID, string(in.Role), in.Lang)
				if !walk(in.Children) {
					return false
				}
			case *doc.Styled:
				open('y', strconv.Itoa(int(in.Style)), in.Title)
				if !walk(in.Children) {
					return false
				}
			case *doc.GlossaryRef:
				entry := ""
				if in.Entry != nil {
					entry = in.Entry.ID
				}
				open('g', in.ID, strconv.FormatBool(in.Linked), entry)
				if !walk(in.Children) {
					return false
				}
			case *doc.CrossRef:
				if crossRef == nil {
					return false
				}
				// What is printed (title, page, or the mark of a reference leading nowhere)
				// and where it leads.
				open('k', in.Target, crossRef(in.Target))
				refs = true
			case *doc.FootnoteRef:
				open('f', in.Note.ID, strconv.Itoa(in.Note.Number), strconv.Itoa(in.N))
				notes = append(notes, in.Note)
			default: // *doc.Image, and anything new
				return false
			}
			b.WriteByte(2)
		}
		return true
	}
	if !walk(ins) {
		return "", false, nil, false
	}
	return b.String(), refs, notes, true
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

// reuseKeyOf is the key a paragraph is kept under across builds, if it can be, and the
// notes it calls.
func (t *typesetter) reuseKeyOf(ins []doc.Inline, spec textSpec) (reuseKey, []*doc.Footnote, bool) {
	if t.s.Reuse == nil || len(ins) == 0 {
		return reuseKey{}, nil, false
	}
	// The cross-references are printed as this pass prints them (which marks their labels
	// used and the pass as one with references, as setting the paragraph would).
	content, refs, notes, ok := reuseContentNotes(ins, t.crossRefText)
	if !ok {
		return reuseKey{}, nil, false
	}
	spec.block = nil
	return reuseKey{content: content, lang: t.language(), spec: spec, refs: refs}, notes, true
}
