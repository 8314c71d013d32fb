// Package markdown reads a book's Markdown files into the document model, using goldmark
// (CommonMark with footnotes, tables, definition lists and typographic punctuation).
package markdown

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// newMarkdown builds the goldmark parser. Typographic punctuation is produced as Unicode
// characters, not HTML entities, because the model is not HTML.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.DefinitionList,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation][]byte{
				extension.LeftSingleQuote:  []byte("‘"),
				extension.RightSingleQuote: []byte("’"),
				extension.LeftDoubleQuote:  []byte("“"),
				extension.RightDoubleQuote: []byte("”"),
				extension.EnDash:           []byte("–"),
				extension.EmDash:           []byte("—"),
				extension.Ellipsis:         []byte("…"),
				extension.Apostrophe:       []byte("’"),
				extension.LeftAngleQuote:   nil,
				extension.RightAngleQuote:  nil,
			})),
			Marks,
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}

// markdownParser is built once: goldmark's parser keeps no state between documents, and a
// book parses hundreds of short texts (definitions, events) besides its chapters.
var markdownParser = sync.OnceValue(func() parser.Parser { return newMarkdown().Parser() })

// ReadFile reads one chapter file.
func ReadFile(path, display string, matter doc.Matter) (*doc.Chapter, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		var l diag.List
		l.Errorf(diag.Pos{File: display}, "cannot read: %v", err)
		return nil, l
	}
	return Parse(display, data, matter)
}

// Parse reads Markdown source into a chapter. IDs of headings and footnotes are set but not yet
// checked for uniqueness across the book; Assemble does that.
func Parse(file string, src []byte, matter doc.Matter) (*doc.Chapter, diag.List) {
	var list diag.List
	if d, bad := diag.InvalidUTF8(file, src); bad {
		list = append(list, d)
		return nil, list
	}
	if bytes.IndexByte(src, 0) >= 0 {
		list.Errorf(diag.NewLineIndex(file, src).Pos(bytes.IndexByte(src, 0)), "contains a NUL byte: is this a binary file?")
		return nil, list
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))

	c := &conv{src: src, lines: diag.NewLineIndex(file, src), file: file, list: &list, notes: map[int]*doc.Footnote{}}
	root := markdownParser().Parse(text.NewReader(src))
	ch := &doc.Chapter{Matter: matter, Source: file, Pos: diag.Pos{File: file, Line: 1, Col: 1}}
	c.chapter = ch
	ch.Blocks = c.blocks(root)
	c.finishFootnotes()
	if len(ch.Blocks) == 0 {
		list.Errorf(ch.Pos, "the chapter is empty")
		return nil, list
	}
	first, ok := ch.Blocks[0].(*doc.Heading)
	if !ok || first.Level != 1 {
		list.Errorf(ch.Blocks[0].Position(), "a chapter must begin with its title as a level-1 heading (# Title)")
		return nil, list
	}
	if strings.TrimSpace(doc.PlainText(first.Inlines)) == "" {
		list.Errorf(first.Pos, "the chapter's title (its level-1 heading) is empty")
	}
	ch.ID = first.ID
	ch.Title = first.Inlines
	undefinedNotes(ch, &list)
	return ch, list
}

type conv struct {
	src     []byte
	lines   *diag.LineIndex
	file    string
	list    *diag.List
	chapter *doc.Chapter
	notes   map[int]*doc.Footnote // by goldmark's footnote index
	order   []*doc.Footnote       // in order of first reference
}

func (c *conv) pos(n ast.Node) diag.Pos {
	for ; n != nil; n = n.Parent() {
		if t, ok := n.(*ast.Text); ok {
			return c.lines.Pos(t.Segment.Start)
		}
		if p := n.Pos(); p >= 0 {
			return c.lines.Pos(p)
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return c.lines.Pos(n.Lines().At(0).Start)
		}
	}
	return diag.Pos{File: c.file}
}

func (c *conv) blocks(parent ast.Node) []doc.Block {
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if b := c.block(n); b != nil {
			out = append(out, b)
		}
	}
	return out
}

func (c *conv) block(n ast.Node) doc.Block {
	at := doc.At{Pos: c.pos(n)}
	switch n := n.(type) {
	case *ast.Heading:
		h := &doc.Heading{At: at, Level: n.Level, Inlines: c.inlines(n)}
		if v, ok := n.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				h.ID, h.Explicit = string(id), true
				if !doc.ValidID(h.ID) {
					c.list.Errorf(at.Pos, "heading ID %q: use letters, digits, '-', '_' or '.', starting with a letter", h.ID)
				}
			}
		}
		if v, ok := n.AttributeString("class"); ok {
			if cls, ok := v.([]byte); ok {
				h.Classes = strings.Fields(string(cls))
			}
		}
		if h.ID == "" {
			h.ID = doc.Slug(doc.PlainText(h.Inlines))
		}
		return h
	case *ast.Paragraph, *ast.TextBlock:
		ins := c.inlines(n)
		if len(ins) == 0 {
			return nil
		}
		return &doc.Paragraph{At: at, Inlines: ins}
	case *ast.Blockquote:
		return &doc.BlockQuote{At: at, Blocks: c.blocks(n)}
	case *ast.List:
		l := &doc.List{At: at, Ordered: n.IsOrdered(), Start: n.Start, Tight: n.IsTight}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, &doc.ListItem{At: doc.At{Pos: c.pos(it)}, Blocks: c.blocks(it)})
		}
		return l
	case *ast.ThematicBreak:
		return &doc.Rule{At: at}
	case *ast.FencedCodeBlock:
		return &doc.CodeBlock{At: at, Language: string(n.Language(c.src)), Text: c.lineText(n)}
	case *ast.CodeBlock:
		return &doc.CodeBlock{At: at, Text: c.lineText(n)}
	case *ast.HTMLBlock:
		c.list.Warnf(at.Pos, "raw HTML is not supported in a book and was left out; use Markdown instead")
		return nil
	case *east.Table:
		t := &doc.Table{At: at}
		for _, a := range n.Alignments {
			t.Align = append(t.Align, map[east.Alignment]doc.Align{
				east.AlignLeft: doc.AlignLeft, east.AlignCenter: doc.AlignCenter, east.AlignRight: doc.AlignRight,
			}[a])
		}
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []*doc.TableCell
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, &doc.TableCell{At: doc.At{Pos: c.pos(cell)}, Inlines: c.inlines(cell)})
			}
			if _, isHeader := row.(*east.TableHeader); isHeader {
				t.Header = cells
			} else {
				t.Rows = append(t.Rows, cells)
			}
		}
		return t
	case *east.DefinitionList:
		dl := &doc.DefinitionList{At: at}
		var cur *doc.DefinitionItem
		for k := n.FirstChild(); k != nil; k = k.NextSibling() {
			switch k.(type) {
			case *east.DefinitionTerm:
				cur = &doc.DefinitionItem{At: doc.At{Pos: c.pos(k)}, Term: c.inlines(k)}
				dl.Items = append(dl.Items, cur)
			case *east.DefinitionDescription:
				if cur != nil {
					cur.Definitions = append(cur.Definitions, c.blocks(k))
				}
			}
		}
		return dl
	case *east.FootnoteList:
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*east.Footnote)
			if !ok {
				continue
			}
			note := c.noteFor(f.Index)
			note.Label = string(f.Ref)
			note.Pos = c.pos(f)
			note.Blocks = c.blocks(f)
		}
		return nil
	}
	c.list.Warnf(at.Pos, "unsupported Markdown block (%s) was left out", n.Kind())
	return nil
}

func (c *conv) lineText(n ast.Node) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(c.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *conv) noteFor(index int) *doc.Footnote {
	if f, ok := c.notes[index]; ok {
		return f
	}
	f := &doc.Footnote{}
	c.notes[index] = f
	return f
}

// finishFootnotes numbers notes in order of first reference and gives them stable IDs.
func (c *conv) finishFootnotes() {
	for i, f := range c.order {
		f.Number = i + 1
	}
	c.chapter.Footnotes = c.order
}

func (c *conv) inlines(parent ast.Node) []doc.Inline {
	var out []doc.Inline
	var at doc.At // position of the inline being converted
	appendText := func(s string) {
		s = norm.NFC.String(c.dropControls(s, at.Pos))
		if s == "" {
			return
		}
		if len(out) > 0 {
			if t, ok := out[len(out)-1].(*doc.Text); ok {
				t.Text += s
				return
			}
		}
		out = append(out, &doc.Text{At: at, Text: s})
	}
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		at = doc.At{Pos: c.pos(n)}
		switch n := n.(type) {
		case *ast.Text:
			appendText(string(n.Segment.Value(c.src)))
			if n.HardLineBreak() {
				out = append(out, &doc.Break{At: at, Hard: true})
			} else if n.SoftLineBreak() {
				appendText(" ")
			}
		case *ast.String:
			appendText(string(n.Value))
		case *ast.CodeSpan:
			var b strings.Builder
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(c.src))
				} else if s, ok := t.(*ast.String); ok {
					b.Write(s.Value)
				}
			}
			out = append(out, &doc.Code{At: at, Text: b.String()})
		case *ast.Emphasis:
			kids := c.inlines(n)
			if n.Level >= 2 {
				out = append(out, &doc.Strong{At: at, Children: kids})
			} else {
				out = append(out, &doc.Emphasis{At: at, Children: kids})
			}
		case *ast.Link:
			kids := c.inlines(n)
			dest := string(n.Destination)
			if len(kids) == 0 && strings.HasPrefix(dest, "#") && len(dest) > 1 {
				// [](#id): a cross-reference whose text comes from its target.
				out = append(out, &doc.CrossRef{At: doc.At{Pos: c.pos(n)}, Target: dest[1:]})
				continue
			}
			out = append(out, c.link(n, dest, string(n.Title), kids)...)
		case *ast.AutoLink:
			url := string(n.URL(c.src))
			out = append(out, c.link(n, url, "", []doc.Inline{&doc.Text{At: at, Text: string(n.Label(c.src))}})...)
		case *ast.Image:
			out = append(out, &doc.Image{At: at, Src: string(n.Destination), Alt: doc.PlainText(c.inlines(n))})
		case *ast.RawHTML:
			c.list.Warnf(c.pos(n), "raw HTML is not supported in a book and was left out")
		case *east.FootnoteLink:
			note := c.noteFor(n.Index)
			if note.Refs == 0 {
				c.order = append(c.order, note)
			}
			note.Refs++
			out = append(out, &doc.FootnoteRef{At: at, Note: note, N: note.Refs})
		case *markNode:
			switch n.sigil {
			case '#':
				if n.body == "" {
					c.list.Errorf(at.Pos, "anchor {#} names no ID: write {#some-id}")
					continue
				}
				if !doc.ValidID(n.body) {
					c.list.Errorf(at.Pos, "anchor {#%s}: use letters, digits, '-', '_' or '.', starting with a letter", n.body)
				}
				out = append(out, &doc.TextAnchor{At: at, ID: n.body})
			case '^':
				term, sub, rng := indexMark(n.body)
				if term == "" {
					c.list.Errorf(at.Pos, "index mark {^%s} names no term", n.body)
					continue
				}
				out = append(out, &doc.IndexMark{At: at, TermText: term, SubText: sub, Range: rng})
			}
		case *east.FootnoteBacklink:
			// The renderers make their own back-links.
		default:
			out = append(out, c.inlines(n)...)
		}
	}
	return out
}

var noteRefRE = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

// undefinedNotes reports footnote references goldmark left as text because no note with
// that label exists.
func undefinedNotes(ch *doc.Chapter, list *diag.List) {
	doc.WalkInlines(ch, func(in doc.Inline) {
		t, ok := in.(*doc.Text)
		if !ok {
			return
		}
		for _, m := range noteRefRE.FindAllStringSubmatchIndex(t.Text, -1) {
			pos := t.Pos
			if pos.Line > 0 {
				pos.Col += utf8.RuneCountInString(t.Text[:m[0]])
			}
			list.Errorf(pos, "footnote [^%s] is referenced but never defined: add a line \"[^%s]: the note\"", t.Text[m[2]:m[3]], t.Text[m[2]:m[3]])
		}
	})
}

// dropControls removes control characters (a pasted BEL, NUL, DEL or C1 code), which no
// font draws and XML forbids, saying where the first one was.
func (c *conv) dropControls(s string, pos diag.Pos) string {
	bad := func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f }
	i := strings.IndexFunc(s, bad)
	if i < 0 {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if pos.Line > 0 {
		pos.Col += utf8.RuneCountInString(s[:i])
	}
	c.list.Warnf(pos, "control character %U was removed from the text", r)
	return strings.Map(func(r rune) rune {
		if bad(r) {
			return -1
		}
		return r
	}, s)
}

// link keeps links a book can carry (web, mail, and "#id" inside the book) and turns any other
// scheme (javascript:, data:, file:) into its plain text, with a warning.
func (c *conv) link(n ast.Node, url, title string, kids []doc.Inline) []doc.Inline {
	if SafeURL(url) {
		return []doc.Inline{&doc.Link{At: doc.At{Pos: c.pos(n)}, URL: url, Title: title, Children: kids}}
	}
	c.list.Warnf(c.pos(n), "link to %q was kept as text only: a book links to http(s):, mailto: or #id", truncate(url, 60))
	return kids
}

// SafeURL reports whether a link target may appear in the book.
func SafeURL(url string) bool {
	u := strings.ToLower(strings.TrimSpace(url))
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") ||
		strings.HasPrefix(u, "mailto:") || (strings.HasPrefix(u, "#") && len(u) > 1)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s…", s[:n])
}
