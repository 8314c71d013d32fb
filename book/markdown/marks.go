package markdown

import (
	"bytes"
	"strings"

	"bindery/book/doc"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Marks is a goldmark extension for the two inline marks of a book manuscript:
//
//	{#id}                an anchor: a place cross-references and the chronology point at
//	{^Term}              an index mark for a concept the text does not name word for word
//	{^Term!Sub-entry}    … for a sub-entry (makeindex's "!")
//	{^Term!Sub|(} … {^Term!Sub|)}   a page range
//
// In other Markdown viewers they show as short bracketed notes and the text stays readable.
var Marks goldmark.Extender = marksExtension{}

type marksExtension struct{}

func (marksExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(markParser{}, 150)))
}

// KindMark is the goldmark node kind of a mark.
var KindMark = ast.NewNodeKind("BookMark")

// markNode is a mark in goldmark's tree: '#' for an anchor, '^' for an index mark.
type markNode struct {
	ast.BaseInline
	sigil byte
	body  string
}

func (n *markNode) Kind() ast.NodeKind { return KindMark }

func (n *markNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Sigil": string(n.sigil), "Body": n.body}, nil)
}

type markParser struct{}

func (markParser) Trigger() []byte { return []byte{'{'} }

func (markParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if end := bytes.IndexByte(line, '}'); end > 1 && bytes.IndexByte(line[1:end], '{') < 0 {
		// pandoc's attributes after an image or link: an ID is an anchor, the rest dropped.
		if id, ok := attributesAfter(parent, string(line[1:end])); ok {
			n := &markNode{sigil: 'a', body: id}
			n.SetPos(seg.Start)
			block.Advance(end + 1)
			return n
		}
	}
	if len(line) < 3 || (line[1] != '#' && line[1] != '^') {
		return nil
	}
	end := bytes.IndexByte(line, '}')
	if end < 2 || bytes.ContainsAny(line[2:end], "{\n") {
		return nil
	}
	body := strings.TrimSpace(string(line[2:end]))
	if line[1] == '#' && strings.ContainsAny(body, " \t") {
		return nil // not an anchor: "{# text}" stays text
	}
	n := &markNode{sigil: line[1], body: body}
	n.SetPos(seg.Start)
	block.Advance(end + 1)
	return n
}

// indexMark reads the body of {^…}: "Term", "Term!Sub", with "|(" or "|)" for a range.
func indexMark(body string) (term, sub string, rng doc.RangeEnd) {
	switch {
	case strings.HasSuffix(body, "|("):
		rng, body = doc.RangeStart, strings.TrimSuffix(body, "|(")
	case strings.HasSuffix(body, "|)"):
		rng, body = doc.RangeStop, strings.TrimSuffix(body, "|)")
	}
	term, sub, _ = strings.Cut(body, "!")
	return strings.TrimSpace(term), strings.TrimSpace(sub), rng
}
