package markdown

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/text/unicode/norm"
)

// inlines reads the inlines of a node. Inline HTML tags among them are gathered into a tree
// with the Markdown between them, as for blocks.
func (c *conv) inlines(parent ast.Node) []doc.Inline {
	// Room for what the children make (a line of text and the space that ends it, most
	// of them), where growing the list a child at a time copied it over and over.
	n := 0
	for ch := parent.FirstChild(); ch != nil; ch = ch.NextSibling() {
		n++
		if t, ok := ch.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			n++
		}
	}
	out := make([]doc.Inline, 0, n)
	var tree *htmlTree
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if raw, ok := n.(*ast.RawHTML); ok {
			if tree == nil {
				tree = newHTMLTree()
				for _, in := range out {
					tree.add(&hnode{inline: in, pos: in.Position()})
				}
				out = nil
			}
			var b []byte
			for i := 0; i < raw.Segments.Len(); i++ {
				seg := raw.Segments.At(i)
				b = append(b, c.src[seg.Start:seg.Stop]...)
			}
			start := 0
			if raw.Segments.Len() > 0 {
				start = raw.Segments.At(0).Start
			}
			tree.feed(string(b), func(off int) diag.Pos { return c.lines.Pos(start + off) })
			continue
		}
		if t, ok := n.(*ast.Text); ok && tree == nil {
			out = c.appendText(out, t) // into the list, not a list of its own first
			continue
		}
		ins := c.inline(n)
		if tree != nil {
			for _, in := range ins {
				tree.add(&hnode{inline: in, pos: in.Position()})
			}
		} else {
			out = append(out, ins...)
		}
	}
	if tree != nil {
		if tree.tags == 0 && len(tree.root.kids) == 0 {
			return nil
		}
		return c.htmlInlines(tree.root.kids)
	}
	if len(out) == 0 {
		out = nil // as when it was grown from nil
	}
	return c.spans(mergeTexts(out))
}

// text makes a text inline of source text: control characters out, composed (NFC).
func (c *conv) text(at doc.At, s string) []doc.Inline {
	s = c.clean(at, s)
	if s == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{At: at, Text: s}}
}

// clean is source text with its control characters out, composed (NFC).
func (c *conv) clean(at doc.At, s string) string {
	bad, composed := scanClean(s)
	if bad >= 0 {
		s, composed = c.dropControlsFrom(s, bad, at.Pos), false
	}
	if composed {
		return s // what norm.NFC.String returns for it, without its rune-by-rune look
	}
	return norm.NFC.String(s)
}

// scanClean gives the byte offset of s's first control character (-1 for none) and whether
// s is already composed by a rule cheaper than NFC's quick check: every character is ASCII
// or one of composedAlone's. Printable ASCII, most of a book, is taken eight bytes at a time.
func scanClean(s string) (bad int, composed bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	composed = true
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := diag.Load64(s, i)
			// A byte below 0x20 borrows, 0x7f carries and one beyond ASCII has its top bit:
			// none of them, no byte's top bit set. Else the lowest marked is the first such
			// (a borrow or carry goes up only), where the look goes on.
			marked := ((x - 0x20*ones) | (x + ones) | x) & highs
			if marked == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(marked) >> 3
		}
		b := s[i]
		switch {
		case b < 0x20 && b != '\t' && b != '\n' || b == 0x7f:
			return i, false
		case b < utf8.RuneSelf:
			i++
			continue
		case b == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f: // U+0080–U+009F
			return i, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if composed && !composedAlone(r) {
			composed = false
		}
		i += size
	}
	return -1, composed
}

// composedAlone says r is in NFC whatever is around it (NFC_QC yes, combining class 0, never
// the second of a composed pair): the Latin-1 letters and signs, and the dashes, quotation
// marks and ellipsis of General Punctuation (not U+2000 and U+2001, which NFC changes).
// TestComposedAloneIsNFC checks every one against x/text's tables.
func composedAlone(r rune) bool {
	return r >= 0xa0 && r <= 0xff || r >= 0x2010 && r <= 0x2027
}

// appendText appends to out what a text node makes: its text, and the break or space that
// ends its line.
func (c *conv) appendText(out []doc.Inline, n *ast.Text) []doc.Inline {
	at := doc.At{Pos: c.pos(n)}
	raw := string(n.Segment.Value(c.src))
	if !n.IsRaw() {
		raw = decodeText(raw)
	}
	if s := c.clean(at, raw); s != "" {
		out = append(out, &doc.Text{At: at, Text: s})
	}
	if n.HardLineBreak() {
		out = append(out, &doc.Break{At: at, Hard: true})
	} else if n.SoftLineBreak() {
		out = append(out, &doc.Text{At: at, Text: " "})
	}
	return out
}

func (c *conv) inline(n ast.Node) []doc.Inline {
	at := doc.At{Pos: c.pos(n)}
	switch n := n.(type) {
	case *ast.Text:
		return c.appendText(make([]doc.Inline, 0, 2), n)
	case *ast.String:
		return c.text(at, string(n.Value))
	case *ast.CodeSpan:
		var b strings.Builder
		for t := n.FirstChild(); t != nil; t = t.NextSibling() {
			if tt, ok := t.(*ast.Text); ok {
				b.Write(tt.Segment.Value(c.src))
				c.codeSpans = append(c.codeSpans, [2]int{tt.Segment.Start, tt.Segment.Stop})
			} else if s, ok := t.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		// A code span's line endings are spaces (CommonMark).
		code := strings.ReplaceAll(b.String(), "\n", " ")
		return []doc.Inline{&doc.Code{At: at, Text: c.dropControls(code, at.Pos)}}
	case *ast.Emphasis:
		kids := c.inlines(n)
		if n.Level >= 2 {
			return []doc.Inline{&doc.Strong{At: at, Children: kids}}
		}
		return []doc.Inline{&doc.Emphasis{At: at, Children: kids}}
	case *east.Strikethrough:
		return []doc.Inline{&doc.Styled{At: at, Style: doc.Deleted, Children: c.inlines(n)}}
	case *ast.Link:
		return c.link(at, string(n.Destination), decodeText(string(n.Title)), c.inlines(n))
	case *ast.AutoLink:
		url := string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		return c.link(at, url, "", []doc.Inline{&doc.Text{At: at, Text: string(n.Label(c.src))}})
	case *ast.Image:
		alt := doc.PlainText(c.inlines(n))
		return c.image(at, string(n.Destination), alt, decodeText(string(n.Title)), 0, 0)
	case *east.FootnoteLink:
		note := c.noteFor(n.Index)
		if note.Refs == 0 {
			c.order = append(c.order, note)
		}
		note.Refs++
		return []doc.Inline{&doc.FootnoteRef{At: at, Note: note, N: note.Refs}}
	case *east.FootnoteBacklink, *east.TaskCheckBox:
		// The renderers make their own back-links; a task's box is on its list item.
		return nil
	case *mathNode:
		if !c.mathWarned {
			c.mathWarned = true
			c.diags.WarnKind(at.Pos, "math", "TeX mathematics is printed as written ($…$): bindery does not set formulas")
		}
		return []doc.Inline{&doc.Math{At: at, Text: c.dropControls(n.tex, at.Pos), Display: n.display}}
	case *markNode:
		switch n.sigil {
		case 'a':
			if n.body == "" {
				return nil
			}
			return []doc.Inline{&doc.TextAnchor{At: at, ID: doc.SafeID(n.body)}}
		case '#':
			if n.body == "" {
				c.diags.Errorf(at.Pos, "anchor {#} names no ID: write {#some-id}")
				return nil
			}
			return []doc.Inline{&doc.TextAnchor{At: at, ID: doc.SafeID(n.body)}}
		case '^':
			term, sub, rng := indexMark(n.body)
			if term == "" {
				c.diags.Errorf(at.Pos, "index mark {^%s} names no term", n.body)
				return nil
			}
			return []doc.Inline{&doc.IndexMark{At: at, TermText: term, SubText: sub, Range: rng}}
		}
		return nil
	}
	return c.inlines(n)
}

// mergeTexts joins adjacent texts into one, remembering where each piece began so that
// positions inside the text stay right.
func mergeTexts(ins []doc.Inline) []doc.Inline {
	out := ins[:0]
	for i := 0; i < len(ins); {
		t, ok := ins[i].(*doc.Text)
		j := i + 1
		if ok {
			for j < len(ins) {
				if _, next := ins[j].(*doc.Text); !next {
					break
				}
				j++
			}
		}
		if !ok || j == i+1 {
			out = append(out, ins[i])
			i = j
			continue
		}
		// Sized at once: the pieces of a paragraph's text are many (goldmark splits it at
		// every character an inline may start with).
		size, starts := 0, j-i-1
		for _, in := range ins[i:j] {
			size += len(in.(*doc.Text).Text)
			starts += len(in.(*doc.Text).Starts)
		}
		var b strings.Builder
		b.Grow(size)
		merged := &doc.Text{At: t.At, Starts: make([]doc.TextStart, 0, starts)}
		for _, in := range ins[i:j] {
			piece := in.(*doc.Text)
			off := b.Len()
			if off > 0 {
				merged.Starts = append(merged.Starts, doc.TextStart{Offset: off, Pos: piece.Pos})
			}
			for _, s := range piece.Starts {
				merged.Starts = append(merged.Starts, doc.TextStart{Offset: off + s.Offset, Pos: s.Pos})
			}
			b.WriteString(piece.Text)
		}
		merged.Text = b.String()
		out = append(out, merged)
		i = j
	}
	return out
}

// dropControls removes control characters (a pasted BEL, NUL, DEL or C1 code), which no
// font draws and XML forbids, saying where the first one was.
func (c *conv) dropControls(s string, pos diag.Pos) string {
	if i, _ := scanClean(s); i >= 0 {
		return c.dropControlsFrom(s, i, pos)
	}
	return s
}

// dropControlsFrom is dropControls with the first control character found, at byte i.
func (c *conv) dropControlsFrom(s string, i int, pos diag.Pos) string {
	bad := func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f }
	r, _ := utf8.DecodeRuneInString(s[i:])
	if pos.Line > 0 {
		pos.Col += utf8.RuneCountInString(s[:i])
	}
	c.diags.Warnf(pos, "control character %U was removed from the text", r)
	return strings.Map(func(r rune) rune {
		if bad(r) {
			return -1
		}
		return r
	}, s)
}
