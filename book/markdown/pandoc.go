package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"
)

// What manuscripts written for pandoc (and for static-site tools) carry besides CommonMark:
// a metadata block at the top of the file, fenced divs, and attributes after images and
// links. None of it may end up printed as litter ("---", "title: …", ":::", "{width=50%}").

// frontMatter finds a metadata block at the start of a file — YAML between "---" lines
// (pandoc, Jekyll, Hugo, Obsidian) or pandoc's "% Title" lines — and returns the source with
// the block blanked out (line numbers stay right) and the title it gives, if any.
func frontMatter(src []byte) ([]byte, string) {
	if bytes.HasPrefix(src, []byte("% ")) {
		end := 0
		var title string
		for n := 0; end < len(src) && src[end] == '%' && n < 3; n++ {
			line := src[end:]
			if i := bytes.IndexByte(line, '\n'); i >= 0 {
				line = line[:i]
			}
			if n == 0 {
				title = strings.TrimSpace(string(line[1:]))
			}
			end += len(line) + 1
		}
		return blank(src, min(end, len(src))), title
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src, ""
	}
	rest := src[4:]
	end := -1
	for off := 0; off < len(rest); {
		line := rest[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if t := bytes.TrimRight(line, " \t"); string(t) == "---" || string(t) == "..." {
			end = 4 + off + len(line)
			break
		}
		if len(bytes.TrimSpace(line)) == 0 && off == 0 {
			return src, "" // "---" then a blank line is a rule, not metadata
		}
		off += len(line) + 1
	}
	if end < 0 {
		return src, ""
	}
	var meta map[string]any
	if err := yaml.Unmarshal(src[4:end-3], &meta); err != nil || len(meta) == 0 {
		return src, ""
	}
	title, _ := meta["title"].(string)
	return blank(src, end), strings.TrimSpace(title)
}

// blank replaces the first n bytes of src by as many empty lines.
func blank(src []byte, n int) []byte {
	out := make([]byte, 0, len(src))
	out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(src[:n], []byte("\n")))...)
	return append(out, src[n:]...)
}

// fencedDivs reads pandoc's fenced divs:
//
//	::: {.note #id}
//	Markdown …
//	:::
//
// The div holds its blocks; the reader keeps them (and an ID as an anchor), without the fences.
var fencedDivs goldmark.Extender = fencedDivExt{}

type fencedDivExt struct{}

func (fencedDivExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(fencedDivParser{}, 95)))
}

var kindFencedDiv = ast.NewNodeKind("FencedDiv")

type fencedDiv struct {
	ast.BaseBlock
	id     string
	lang   string // lang=…: the language of the div's text
	closed bool
}

func (n *fencedDiv) Kind() ast.NodeKind { return kindFencedDiv }

func (n *fencedDiv) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id}, nil)
}

var (
	divOpenRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^ {0,3}:{3,}[ \t]*(\{[^}\n]*\}|[\w-]+)[ \t]*:*[ \t]*\n?$`)
	})
	divCloseRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ {0,3}:{3,}[ \t]*\n?$`) })
	divIDRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`#([^\s}]+)`) })
)

type fencedDivParser struct{}

func (fencedDivParser) Trigger() []byte { return []byte{':'} }

func (fencedDivParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := divOpenRE().FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	n := &fencedDiv{}
	if id := divIDRE().FindSubmatch(m[1]); id != nil && m[1][0] == '{' {
		n.id = string(id[1])
	}
	if m[1][0] == '{' {
		if l := langAttrRE().FindSubmatch(m[1][1 : len(m[1])-1]); l != nil {
			n.lang = string(l[1]) + string(l[2]) + string(l[3])
		}
	}
	reader.AdvanceLine()
	return n, parser.HasChildren
}

func (fencedDivParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*fencedDiv)
	// A div open inside this one takes the next closing fence.
	if inner, ok := n.LastChild().(*fencedDiv); ok && !inner.closed {
		return parser.Continue | parser.HasChildren
	}
	line, _ := reader.PeekLine()
	if divCloseRE().Match(line) {
		n.closed = true
		reader.AdvanceLine()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (fencedDivParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	node.(*fencedDiv).closed = true
}

func (fencedDivParser) CanInterruptParagraph() bool { return true }

func (fencedDivParser) CanAcceptIndentedLine() bool { return false }

// attributesAfter reads an attribute group right after an image or a link, as pandoc writes
// them ("![map](map.png){#fig-map width=50%}"): its ID becomes an anchor, the rest is
// dropped (a book sets sizes itself). It reports false for braces that are not one.
func attributesAfter(parent ast.Node, body string) (id string, ok bool) {
	switch parent.LastChild().(type) {
	case *ast.Image, *ast.Link:
	default:
		return "", false
	}
	for _, f := range strings.Fields(body) {
		switch {
		case strings.HasPrefix(f, "#"):
			id = f[1:]
		case strings.HasPrefix(f, "."), strings.Contains(f, "="), f == "-":
		default:
			return "", false
		}
	}
	return id, true
}
