package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parseMarkdown reads src with goldmark, the references of the book's other files known.
//
// Linkify looks at every space and '(' of every line (goldmark calls it there), and in a
// source with none of its matches' marks it finds nothing; but goldmark cuts a line's text
// where it looked, and the model keeps those pieces (Text.Starts). Such a source is read
// without linkify, its lines' last texts cut after as linkify's looks would have cut them
// (linkifyCuts): the same tree, a third fewer instructions in the parse. A tree linkifyCuts
// is not sure of is read again with linkify.
func parseMarkdown(src []byte, refs []parser.Reference) ast.Node {
	if linkFree(src) {
		root := plainMarkdownParser().Parse(text.NewReader(src), parser.WithContext(contextWith(refs)))
		if linkifyCuts(root, src) {
			return root
		}
	}
	return markdownParser().Parse(text.NewReader(src), parser.WithContext(contextWith(refs)))
}

func contextWith(refs []parser.Reference) parser.Context {
	pc := parser.NewContext()
	for _, r := range refs {
		pc.AddReference(r)
	}
	return pc
}

// linkFree says linkify can match nothing in src (gfm's mayMatch is false: no '@', "www."
// or protocol), and that src has none of the characters that would make linkifyCuts' rules
// longer: backslashes (escapes), tildes (strikethrough, which may decline its character),
// tabs (padded lines) and carriage returns.
func linkFree(src []byte) bool {
	for _, c := range []byte{'@', '\\', '~', '\t', '\r'} {
		if bytes.IndexByte(src, c) >= 0 {
			return false
		}
	}
	for _, s := range [][]byte{[]byte("www."), []byte("http:"), []byte("https:"), []byte("mailto:")} {
		if bytes.Contains(src, s) {
			return false
		}
	}
	return true
}

// linkifyCuts makes a tree read without linkify the tree read with it, for a source linkFree
// holds for; false if it meets a text it cannot place (then the tree is half changed).
//
// goldmark's inline loop, at a character an inline parser is registered for, puts the text
// before it into the last text node if that one is a text ending there without a soft
// break (else into a new one), and at the line's end adds the rest as a new node with the
// line's break. Linkify adds such cuts at spaces and at '(' (its other characters, '*' '_'
// '~', have parsers anyway). Within a stretch, a cut's text joins the one before; so the
// only node linkify changes is the text a line ends with: the part before its last space
// or '(' goes to the text before it (or a node of its own) and the line's last node starts
// there.
func linkifyCuts(root ast.Node, src []byte) bool {
	ok := true
	var blocks func(n ast.Node)
	blocks = func(n ast.Node) {
		for c := n.FirstChild(); c != nil && ok; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				blocks(c)
			}
		}
		if ok && n.Type() == ast.TypeBlock && !n.IsRaw() && n.Lines().Len() > 0 {
			ok = cutBlock(n, src)
		}
	}
	blocks(root)
	return ok
}

// cutBlock makes the cuts in one block's inlines.
func cutBlock(b ast.Node, src []byte) bool {
	lines := b.Lines()
	for i := range lines.Len() {
		if lines.At(i).Padding != 0 {
			return false
		}
	}
	var inlines func(parent ast.Node) bool
	inlines = func(parent ast.Node) bool {
		for c := parent.FirstChild(); c != nil; {
			next := c.NextSibling()
			switch c := c.(type) {
			case *ast.Text:
				if !cutLineEnd(c, lines, src) {
					return false
				}
			case *ast.Emphasis, *ast.Link, *ast.Image, *east.Strikethrough:
				// Delimiters and labels wrap the texts goldmark's loop made.
				if !inlines(c) {
					return false
				}
			}
			c = next
		}
		return true
	}
	return inlines(b)
}

// cutLineEnd cuts t if it is the text a line ends with and holds a space or '(' after its
// first character.
func cutLineEnd(t *ast.Text, lines *text.Segments, src []byte) bool {
	seg := t.Segment
	j := sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Stop > seg.Start })
	if j == lines.Len() || lines.At(j).Start > seg.Start {
		return seg.Len() == 0 // an empty text at a block's end: nothing to cut
	}
	line := lines.At(j)
	newline := src[line.Stop-1] == '\n'
	var end int // where goldmark's loop stopped reading the line
	switch {
	case t.HardLineBreak(): // two spaces and the newline (no backslashes here)
		end = line.Stop - 3
		if !newline || end < seg.Start || src[end] != ' ' || src[end+1] != ' ' {
			return false
		}
	case t.SoftLineBreak():
		end = line.Stop - 1
		if !newline {
			return false
		}
	case newline:
		return true // not a line's last text: that one has the line's break
	default:
		// The last line of a block, without a newline: its last text ends where the line
		// does, and goldmark's loop, which cut it at every character a parser took, left
		// none of '*' '_' '[' (never declined) inside it. A delimiter or label made into
		// text after the loop may end there too, but holds one.
		end = line.Stop
		if seg.Stop != trimRight(src, seg.Start, end) {
			return true
		}
		for i := seg.Start + 1; i < end; i++ {
			if endsDelimiter(src[i]) {
				return true
			}
		}
	}
	if seg.Stop != trimRight(src, seg.Start, end) {
		return false
	}
	q := -1
	for i := end - 1; i > seg.Start; i-- {
		if c := src[i]; c == ' ' || c == '(' { // no tabs here
			q = i
			break
		}
	}
	if q < 0 {
		return true
	}
	// The part before q joins the text before t as the loop would have joined it: if that
	// was a text when the loop reached t. A delimiter ('*' '_' its last character) was made
	// into text after the loop; a label ('[') too, unless the ']' t starts with declined it.
	if p, ok := t.PreviousSibling().(*ast.Text); ok && p.Segment.Stop == seg.Start && !p.SoftLineBreak() &&
		seg.Start > 0 && textBefore(src[seg.Start-1], src[seg.Start]) {
		p.Segment = p.Segment.WithStop(q)
	} else {
		t.Parent().InsertBefore(t.Parent(), t, ast.NewTextSegment(text.NewSegment(seg.Start, q)))
	}
	t.Segment = text.NewSegment(q, max(q, seg.Stop))
	return true
}

func endsDelimiter(c byte) bool { return c == '*' || c == '_' || c == '[' }

// textBefore says a text ending in last, before a line's last text starting with first, was
// a text already when goldmark's loop went on from it.
func textBefore(last, first byte) bool {
	return !(last == '*' || last == '_' || last == '[' && first != ']')
}

// trimRight is the end of src[start:end] without its trailing spaces (goldmark's
// Segment.TrimRightSpace; isSpaceByte is its util.IsSpace).
func trimRight(src []byte, start, end int) int {
	for end > start && isSpaceByte(src[end-1]) {
		end--
	}
	return end
}
