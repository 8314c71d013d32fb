// Command typst writes a book's chapters as one Typst document, for bench/run.sh to time Typst
// beside bindery on the same text (pandoc 2.17 has no Typst writer). It carries what the
// comparison needs, set as a book: headings, paragraphs, emphasis, lists, quotations,
// footnotes and links; bindery's own marks ({#id}, {^Term}) are dropped.
//
//	go run ./bench/typst -font fonts/CharisSIL-Regular.ttf BOOK/*.md > book.typ
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// marks are bindery's attribute and index marks, which Typst would print.
var marks = regexp.MustCompile(`\{[#^][^}]*\}`)

func main() {
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	// A5, 10 pt on 13 pt, justified and hyphenated: bindery's default print settings.
	fmt.Fprint(w, "#set page(paper: \"a5\", margin: (inside: 16mm, outside: 13mm, top: 17mm, bottom: 23mm), numbering: \"1\")\n")
	fmt.Fprint(w, "#set text(font: \"Charis SIL\", size: 10pt, lang: \"en\", region: \"gb\", hyphenate: true)\n")
	fmt.Fprint(w, "#set par(justify: true, leading: 0.55em, first-line-indent: 1em)\n")
	fmt.Fprint(w, "#show heading.where(level: 1): it => { pagebreak(weak: true); it }\n\n")
	md := goldmark.New(goldmark.WithExtensions(extension.Footnote, extension.Table, extension.Strikethrough))
	for _, path := range flag.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "typst:", err)
			os.Exit(1)
		}
		src = marks.ReplaceAll(src, nil)
		doc := md.Parser().Parse(text.NewReader(src))
		c := &converter{src: src, w: w, notes: map[string]ast.Node{}}
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if d, ok := n.(*east.Footnote); ok && entering {
				c.notes[fmt.Sprint(d.Index)] = d
			}
			return ast.WalkContinue, nil
		})
		c.blocks(doc, "")
	}
}

type converter struct {
	src   []byte
	w     *bufio.Writer
	notes map[string]ast.Node
}

func (c *converter) blocks(parent ast.Node, indent string) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(c.w, "%s%s %s\n\n", indent, strings.Repeat("=", n.Level), c.inlines(n))
		case *ast.Paragraph, *ast.TextBlock:
			fmt.Fprintf(c.w, "%s%s\n\n", indent, c.inlines(n))
		case *ast.Blockquote:
			fmt.Fprintf(c.w, "%s#quote(block: true)[\n", indent)
			c.blocks(n, indent)
			fmt.Fprintf(c.w, "%s]\n\n", indent)
		case *ast.List:
			for item := n.FirstChild(); item != nil; item = item.NextSibling() {
				bullet := "- "
				if n.IsOrdered() {
					bullet = "+ "
				}
				fmt.Fprintf(c.w, "%s%s", indent, bullet)
				c.blocks(item, indent+"  ")
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			fmt.Fprintf(c.w, "%s```\n%s```\n\n", indent, c.lines(n))
		case *ast.ThematicBreak:
			fmt.Fprintf(c.w, "%s#line(length: 30%%)\n\n", indent)
		case *east.FootnoteList:
			// Set where referenced.
		default:
			c.blocks(n, indent)
		}
	}
}

func (c *converter) lines(n ast.Node) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		b.Write(s.Value(c.src))
	}
	return b.String()
}

// inlines writes a block's inlines as Typst markup.
func (c *converter) inlines(parent ast.Node) string {
	var b strings.Builder
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(escape(string(n.Segment.Value(c.src))))
			if n.SoftLineBreak() {
				b.WriteByte(' ')
			}
			if n.HardLineBreak() {
				b.WriteString(" \\\n")
			}
		case *ast.String:
			b.WriteString(escape(string(n.Value)))
		case *ast.Emphasis:
			if n.Level == 2 {
				b.WriteString("#strong[" + c.inlines(n) + "]")
			} else {
				b.WriteString("#emph[" + c.inlines(n) + "]")
			}
		case *ast.CodeSpan:
			b.WriteString("#raw(\"" + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(c.inlines(n)) + "\")")
		case *ast.Link:
			b.WriteString(c.inlines(n))
		case *ast.AutoLink:
			b.WriteString(escape(string(n.URL(c.src))))
		case *east.FootnoteLink:
			if d, ok := c.notes[fmt.Sprint(n.Index)]; ok {
				b.WriteString("#footnote[" + c.noteText(d) + "]")
			}
		default:
			b.WriteString(c.inlines(n))
		}
	}
	return b.String()
}

func (c *converter) noteText(d ast.Node) string {
	var parts []string
	for p := d.FirstChild(); p != nil; p = p.NextSibling() {
		parts = append(parts, c.inlines(p))
	}
	return strings.Join(parts, " ")
}

// escape makes text literal in Typst markup.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\#$*_[]<>@~/=+-`+"`", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
