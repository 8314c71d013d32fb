package layout

import (
	"fmt"
	"strings"

	"bindery/book/diag"
	"bindery/book/doc"
)

// setParagraphResult is a cached paragraph: its lines and the warnings setting it gave.
type setParagraphResult struct {
	lines    []*lineBox
	warnings diag.List
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
				b.WriteString("\x01s" + in.ID + "\x03" + in.Lang + "\x03")
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
