package wordcheck

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// newMarkdown is goldmark with the extensions bindery's reader uses (book/markdown's
// newMarkdown), less bindery's own marks and math, and with plain HTML output that keeps raw
// HTML: the reference a reader of the Markdown would see in any CommonMark/GFM viewer.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:"})),
			extension.DefinitionList,
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}

// RenderHTML renders Markdown the way the checker reads it.
func RenderHTML(md []byte) ([]byte, error) {
	var buf bytes.Buffer
	err := newMarkdown().Convert(md, &buf)
	return buf.Bytes(), err
}

// SourceTokens returns the words a reader finds in one Markdown file: running text, and
// separately the images' descriptions and titles, which outputs show as pictures or captions.
// Each word carries the line of the source where it was found (searched forward in the raw
// Markdown; a word the search cannot find gets the line of the word before it).
func SourceTokens(file string, md []byte) (text, alt []Token, err error) {
	text, alt, _, err = sourceTokens(file, md)
	return text, alt, err
}

// sourceTokens is SourceTokens, and the number of links within the book (hrefs without a
// scheme: other files, their anchors, anchors of this one).
func sourceTokens(file string, md []byte) (text, alt []Token, links int, err error) {
	h, err := RenderHTML(otherToolsSyntax(md))
	if err != nil {
		return nil, nil, 0, err
	}
	t, a, links := htmlText(h)
	loc := newLocator(md)
	for _, w := range Words(t) {
		text = append(text, Token{Word: w, File: file, Line: loc.find(w)})
	}
	for _, w := range Words(a) {
		alt = append(alt, Token{Word: w, File: file})
	}
	return text, alt, links, nil
}

// internalLink reports whether an href points within the book: no scheme, not empty.
func internalLink(href string) bool {
	if href == "" {
		return false
	}
	if i := strings.IndexAny(href, ":/?#"); i > 0 && href[i] == ':' {
		return false // http:, mailto:, …
	}
	return !strings.HasPrefix(href, "//")
}

var (
	yamlBlock  = regexp.MustCompile(`^(?s)\A(?:\xEF\xBB\xBF)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\z)`)
	divFence   = regexp.MustCompile(`^[ \t]{0,3}:{3,}`)
	attrsAfter = regexp.MustCompile(`([\])])\{[^{}\n]*\}`)
	attrsEnd   = regexp.MustCompile(`(\S)[ \t]*\{[#.][^{}\n]*\}[ \t]*$`)
)

// otherToolsSyntax removes what pandoc and static-site tools read as markup but goldmark would
// print: a YAML metadata block at the top, the fence lines of fenced divs (::: {.note}),
// attribute blocks right after a link, image or bracketed span ({width=50%}, {.smallcaps}),
// and an identifier or class block at the end of a line (pandoc-crossref's "$$ … $$ {#eq:x}",
// ": Caption {#lst:code}"), outside code. A reader of those tools' output sees none of it.
func otherToolsSyntax(md []byte) []byte {
	md = yamlBlock.ReplaceAllFunc(md, func(b []byte) []byte {
		return bytes.Repeat([]byte("\n"), bytes.Count(b, []byte("\n"))) // keep the line numbers
	})
	lines := strings.SplitAfter(string(md), "\n")
	fence := ""
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t") {
			continue // maybe indented code: leave it
		}
		if divFence.MatchString(l) {
			lines[i] = "\n"
			continue
		}
		// Outside code spans only: the even pieces between backticks.
		parts := strings.Split(l, "`")
		for k := 0; k < len(parts); k += 2 {
			parts[k] = attrsAfter.ReplaceAllString(parts[k], "$1")
		}
		if k := len(parts) - 1; k%2 == 0 {
			nl := strings.HasSuffix(parts[k], "\n")
			parts[k] = attrsEnd.ReplaceAllString(strings.TrimSuffix(parts[k], "\n"), "$1")
			if nl {
				parts[k] += "\n"
			}
		}
		lines[i] = strings.Join(parts, "`")
	}
	return []byte(strings.Join(lines, ""))
}

// inline elements do not separate words: "foo<em>bar</em>" is one word, as it reads.
// Superscripts and subscripts do separate ("2<sup>n</sup>" is 2, n): a PDF's text layer sets
// them as words of their own.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true, atom.Em: true, atom.I: true,
	atom.Ins: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true,
	atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Time: true, atom.U: true, atom.Var: true, atom.Font: true, atom.Strike: true, atom.Tt: true,
	atom.Big: true, atom.Acronym: true,
}

// htmlText extracts the text of an HTML fragment (goldmark's output), skipping scripts, styles,
// comments and goldmark's footnote reference numbers and back-links (generated, not written).
func htmlText(h []byte) (text, alt string, links int) {
	nodes, err := xhtml.ParseFragment(bytes.NewReader(h), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	var t, a strings.Builder
	if err != nil {
		return "", "", 0
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.TextNode:
			t.WriteString(n.Data)
			return
		case xhtml.CommentNode, xhtml.DoctypeNode:
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Head, atom.Title:
				return
			case atom.Img:
				// The title too: other tools make it the caption.
				a.WriteString(attr(n, "alt") + " " + attr(n, "title") + " ")
			}
			if cls := attr(n, "class"); cls == "footnote-ref" || cls == "footnote-backref" {
				return
			}
			if n.DataAtom == atom.A && internalLink(attr(n, "href")) {
				links++
			}
		}
		sep := n.Type == xhtml.ElementNode && !inline[n.DataAtom]
		if sep {
			t.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if sep {
			t.WriteByte(' ')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return t.String(), a.String(), links
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// locator finds words in the raw Markdown, in order, to tell the line of each.
type locator struct {
	lower  string
	starts []int // byte offset of each line
	cursor int
	line   int
}

func newLocator(md []byte) *locator {
	l := &locator{lower: strings.ToLower(Normalize(string(md))), line: 1}
	l.starts = append(l.starts, 0)
	for i := 0; i < len(l.lower); i++ {
		if l.lower[i] == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// window bounds the forward search, so that a word the source spells differently (an
// entity, a typographic quote) does not send the cursor to a far later occurrence.
const window = 4000

func (l *locator) find(w string) int {
	rest := l.lower[l.cursor:]
	if len(rest) > window {
		rest = rest[:window]
	}
	i := strings.Index(rest, w)
	if i < 0 {
		return l.line
	}
	pos := l.cursor + i
	l.cursor = pos + len(w)
	l.line = sort.Search(len(l.starts), func(k int) bool { return l.starts[k] > pos })
	return l.line
}
