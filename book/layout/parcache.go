package layout

import (
	"encoding/binary"
	"hash/maphash"

	"bindery/book/diag"
	"bindery/book/doc"
)

// setParagraphResult is a cached paragraph: its lines and the warnings setting it gave.
type setParagraphResult struct {
	lines    []*lineBox
	warnings diag.List
}

// parKey identifies a paragraph set with a spec: its first inline and length, or for
// generated text a hash of its content (contentKey).
type parKey struct {
	first   doc.Inline
	content [2]uint64
	n       int
	spec    textSpec
}

// contentKey is a 128-bit hash (maphash, seeded per process as reuseKey's: the cache lives
// for one Typeset) of what setting inlines depends on: text, styles, links and marks,
// written out with every string's length first. An inline it does not know is not expected
// in generated text; first is then that inline, so its lines are never shared.
func (t *typesetter) contentKey(ins []doc.Inline) (content [2]uint64, first doc.Inline) {
	var b []byte
	if t.setters != nil {
		b = t.setters.key[:0]
	}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(v int64) { b = binary.AppendVarint(b, v) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	var walk func([]doc.Inline) bool
	walk = func(ins []doc.Inline) bool {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b = append(b, 't')
				str(in.Text)
				continue
			case *doc.Emphasis:
				b = append(b, 'i')
			case *doc.Strong:
				b = append(b, 'b')
			case *doc.Link:
				b = append(b, 'l')
				str(in.URL)
			case *doc.Span:
				b = append(b, 's')
				str(in.ID)
				str(string(in.Role))
				str(in.Lang)
			case *doc.Styled:
				b = append(b, 'y')
				num(int64(in.Style))
				str(in.Title)
			case *doc.Code:
				b = append(b, 'c')
				str(in.Text)
			case *doc.Math:
				b = append(b, 'm')
				flag(in.Display)
				str(in.Text)
			case *doc.Image:
				b = append(b, 'g')
				str(in.Src)
				num(int64(in.Width))
				num(int64(in.Height))
				str(in.Alt)
			case *doc.Break:
				b = append(b, 'r')
				flag(in.Hard)
			default:
				first = in
				return false
			}
			if c, ok := in.(doc.Container); ok && !walk(c.Inlines()) {
				return false
			}
			b = append(b, '.') // the end of the inline (and its children)
		}
		return true
	}
	walk(ins)
	if t.setters != nil {
		t.setters.key = b
	}
	seeds := reuseSeeds()
	return [2]uint64{maphash.Bytes(seeds[0], b), maphash.Bytes(seeds[1], b)}, first
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
