package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TeX mathematics between dollar signs, as pandoc reads it: $…$ in a line, $$…$$ set apart
// (and across lines). bindery does not set mathematics; reading it keeps the formula whole
// (no emphasis made of its underscores and asterisks) so it can be printed as written.
var mathExtension goldmark.Extender = mathExt{}

type mathExt struct{}

func (mathExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(mathParser{}, 120)))
}

var kindMath = ast.NewNodeKind("TeXMath")

type mathNode struct {
	ast.BaseInline
	display bool
	tex     string
}

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"TeX": n.tex}, nil)
}

type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) >= 2 && line[1] == '$' {
		return displayMath(block, seg)
	}
	// Inline: the opening $ is followed by a non-space, the closing one preceded by a
	// non-space and not followed by a digit ("$5 and $10" is not mathematics).
	if len(line) < 3 || isSpaceByte(line[1]) {
		return nil
	}
	for i := 2; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // an escaped character, \$ included
		case '\n':
			return nil
		case '$':
			if isSpaceByte(line[i-1]) || (i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9') {
				continue
			}
			n := &mathNode{tex: string(line[1:i])}
			n.SetPos(seg.Start)
			block.Advance(i + 1)
			return n
		}
	}
	return nil
}

// displayMath reads $$…$$, which may span the lines of its paragraph.
func displayMath(block text.Reader, start text.Segment) ast.Node {
	l, pos := block.Position()
	block.Advance(2)
	var tex []byte
	for {
		line, _ := block.PeekLine()
		if line == nil {
			block.SetPosition(l, pos)
			return nil
		}
		if i := bytes.Index(line, []byte("$$")); i >= 0 {
			tex = append(tex, line[:i]...)
			block.Advance(i + 2)
			n := &mathNode{display: true, tex: string(bytes.TrimSpace(tex))}
			n.SetPos(start.Start)
			return n
		}
		tex = append(tex, line...)
		block.AdvanceLine()
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
