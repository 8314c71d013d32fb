package layout

import (
	"bindery/book/diag"
	"bindery/book/doc"
)

// setParagraphResult is a cached paragraph: its lines and the warnings setting it gave.
type setParagraphResult struct {
	lines    []*lineBox
	warnings diag.List
}

// parKey identifies a paragraph set with a spec: its first inline and, in content, its
// length (textKey), or for generated text a hash of its content (contentKey). At 128 bytes
// it fits in a map's slot: Go's maps hold a key over 128 bytes apart, and the caches'
// inserts were one allocation each (TestParagraphKeysFitInTheirMaps).
type parKey struct {
	first   doc.Inline
	content [2]uint64
	spec    textSpec
}

// textKey is the cache key of a paragraph of the text (not generated) set with spec.
func textKey(ins []doc.Inline, spec textSpec) parKey {
	return parKey{first: ins[0], content: [2]uint64{uint64(len(ins))}, spec: spec}
}

// contentKey is a 128-bit hash (maphash, seeded per process as reuseKey's: the cache lives
// for one Typeset) of what setting inlines depends on: text, styles, links and marks,
// written out with every string's length first. An inline it does not know is not expected
// in generated text; first is then that inline, so its lines are never shared.
func (t *typesetter) contentKey(ins []doc.Inline) (content [2]uint64, first doc.Inline) {
	var b keyBytes
	if t.setters != nil {
		b = t.setters.key[:0]
	}
	var walk func([]doc.Inline) bool
	walk = func(ins []doc.Inline) bool {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.tag('t')
				b.str(in.Text)
				continue
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
			case *doc.Code:
				b.tag('c')
				b.str(in.Text)
			case *doc.Math:
				b.tag('m')
				b.flag(in.Display)
				b.str(in.Text)
			case *doc.Image:
				b.tag('g')
				b.str(in.Src)
				b.num(in.Width)
				b.num(in.Height)
				b.str(in.Alt)
			case *doc.Break:
				b.tag('r')
				b.flag(in.Hard)
			default:
				first = in
				return false
			}
			if c, ok := in.(doc.Container); ok && !walk(c.Inlines()) {
				return false
			}
			b.tag('.') // the end of the inline (and its children)
		}
		return true
	}
	walk(ins)
	if t.setters != nil {
		t.setters.key = b
	}
	return b.sum(), first
}

// own returns a copy of a set line that the caller may change. Set lines are shared with
// the paragraph cache (and so between the passes of the page-number fixpoint); the slices
// are capped, so that appending to one copies it, and code that changes their elements in
// place copies them first.
func own(lb *lineBox) *lineBox {
	c := ownAllButRuns(lb)
	if lb.packed != "" {
		c.Runs, c.packed = lb.runList(), "" // changed only unpacked
	}
	return c
}

// ownAllButRuns is own for a caller that changes anything but the line's runs: packed runs
// stay packed and shared (own unpacks them into new storage: for every term of the
// glossary and the chronology and every index line with a continuation, in every pass).
func ownAllButRuns(lb *lineBox) *lineBox {
	c := *lb
	c.Runs = lb.Runs[:len(lb.Runs):len(lb.Runs)]
	c.Links = lb.Links[:len(lb.Links):len(lb.Links)]
	c.Marks = lb.Marks[:len(lb.Marks):len(lb.Marks)]
	if lb.x != nil {
		x := *lb.x
		x.Notes = x.Notes[:len(x.Notes):len(x.Notes)]
		x.rules = x.rules[:len(x.rules):len(x.rules)]
		x.pictures = x.pictures[:len(x.pictures):len(x.pictures)]
		x.blocks = x.blocks[:len(x.blocks):len(x.blocks)]
		c.x = &x
	}
	return &c
}
