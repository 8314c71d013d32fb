// Package markdown reads a book's Markdown files into the document model, using goldmark:
// CommonMark and GitHub's extensions (tables, strikethrough, task lists, autolinks), footnotes,
// definition lists, typographic punctuation, TeX between dollar signs kept whole, a safe
// subset of HTML, and the book's own marks ({#id}, {^Term}).
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
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
			extension.Strikethrough,
			extension.TaskList,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:"})),
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
			mathExtension,
			fencedDivs,
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}

// markdownParser is built once: goldmark's parser keeps no state between documents, and a
// book parses hundreds of short texts (definitions, events) besides its chapters.
var markdownParser = sync.OnceValue(func() parser.Parser { return newMarkdown().Parser() })

// Parse reads Markdown source as a book of one file and returns its first chapter; the
// apparatus reads its Markdown snippets this way, and tests. IDs are not yet made unique
// across a book; LoadBook does that.
func Parse(file string, src []byte, matter doc.Matter) (*doc.Chapter, diag.List) {
	f := readSource(source{display: file, path: path.Base(filepath.ToSlash(file)), src: src})
	if f.blocks == nil {
		return nil, f.list
	}
	chapters, list := assemble([]*parsedFile{f}, matter, nil)
	list = append(f.list, list...)
	if len(chapters) == 0 {
		return nil, list
	}
	ch := chapters[0]
	if len(ch.Blocks) > 0 {
		if h, ok := ch.Blocks[0].(*doc.Heading); ok {
			ch.ID = h.ID
		}
	}
	return ch, list
}

// source is a Markdown file to read.
type source struct {
	display string // as messages name it
	path    string // in the book's folder, with slashes
	src     []byte
	origins []diag.Origin      // where included text came from
	depth   int                // heading levels to shift down
	title   string             // the outline's title for it, if any
	bookDir string             // the book's folder on disk, for images
	refs    []parser.Reference // link reference definitions of the book's other files
	// warnings are what reading the file gave before it was parsed (its includes).
	warnings diag.List
}

// parsedFile is a file read: its blocks and notes, before they are made into chapters.
type parsedFile struct {
	source
	blocks []doc.Block
	notes  []*doc.Footnote // in order of first reference
	list   diag.List
	part   bool // a part's title, not a file
}

// normalise drops a byte-order mark and makes every line end a "\n".
func normalise(src []byte) []byte {
	if bytes.HasPrefix(src, []byte("\ufeff")) || bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.TrimPrefix(src, []byte("\ufeff"))
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

// readSource reads a Markdown file into blocks. The blocks are nil when the file cannot be
// read at all (not text).
func readSource(s source) *parsedFile {
	f := &parsedFile{source: s}
	src := s.src
	if d, bad := diag.InvalidUTF8(s.display, src); bad {
		f.list = append(f.list, d)
		return f
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		f.list.Errorf(diag.NewLineIndexFrom(s.display, src, s.origins).Pos(i), "contains a NUL byte: is this a binary file?")
		return f
	}
	if s.origins == nil {
		src = normalise(src)
	}
	f.list = append(f.list, s.warnings...)
	src, title := frontMatter(src)
	if f.title == "" {
		f.title = title
	}
	c := &conv{src: src, lines: diag.NewLineIndexFrom(s.display, src, s.origins), file: s.display,
		dir: path.Dir(s.path), bookDir: s.bookDir, list: &f.list, notes: map[int]*doc.Footnote{}}
	pc := parser.NewContext()
	for _, r := range s.refs {
		pc.AddReference(r)
	}
	root := markdownParser().Parse(text.NewReader(src), parser.WithContext(pc))
	f.blocks = c.blocks(root)
	if f.blocks == nil {
		f.blocks = []doc.Block{}
	}
	for i, n := range c.order {
		n.Number = i + 1
	}
	f.notes = c.order
	c.checkNotes()
	return f
}

type conv struct {
	src     []byte
	lines   *diag.LineIndex
	file    string // as messages name it
	dir     string // the file's folder in the book's folder, for relative links and images
	bookDir string
	list    *diag.List
	notes   map[int]*doc.Footnote // by goldmark's footnote index
	order   []*doc.Footnote       // in order of first reference
	// texts are the source lines of text blocks and code spans the ranges of code in them,
	// where unresolved footnote references are looked for.
	texts      []text.Segment
	codeSpans  [][2]int
	codeBlocks []text.Segment
	mathWarned bool
}

func (c *conv) pos(n ast.Node) diag.Pos {
	for ; n != nil; n = n.Parent() {
		switch t := n.(type) {
		case *ast.Text:
			return c.lines.Pos(t.Segment.Start)
		case *ast.String:
			// Typographic punctuation has no segment: it stands where the text before it ends.
			if prev, ok := t.PreviousSibling().(*ast.Text); ok {
				return c.lines.Pos(prev.Segment.Stop)
			}
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

// blocks reads the blocks of a container. HTML blocks among them may open elements that
// hold the Markdown after them (<details> … </details>): then the blocks are read into a
// tree of HTML elements first.
func (c *conv) blocks(parent ast.Node) []doc.Block {
	var tree *htmlTree
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.HTMLBlock); ok {
			tree = newHTMLTree()
			break
		}
	}
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if hb, ok := n.(*ast.HTMLBlock); ok {
			c.feedHTMLBlock(tree, hb)
			continue
		}
		var bs []doc.Block
		if div, ok := n.(*fencedDiv); ok {
			bs = c.blocks(div)
			if div.id != "" {
				bs = c.anchorBlocks(bs, &doc.TextAnchor{At: doc.At{Pos: c.pos(n)}, ID: doc.SafeID(div.id)}, c.pos(n))
			}
		} else if b := c.block(n); b != nil {
			bs = []doc.Block{b}
		}
		for _, b := range bs {
			if tree != nil {
				tree.add(&hnode{block: b, pos: b.Position()})
			} else {
				out = append(out, b)
			}
		}
	}
	if tree != nil {
		return c.htmlBlocks(tree.root.kids)
	}
	return out
}

// feedHTMLBlock gives an HTML block's text to the tree, with positions.
func (c *conv) feedHTMLBlock(tree *htmlTree, n *ast.HTMLBlock) {
	var raw []byte
	var starts []int // source offset of each line's first byte, by offset in raw
	var offs []int
	add := func(seg text.Segment) {
		offs = append(offs, len(raw))
		starts = append(starts, seg.Start)
		raw = append(raw, seg.Value(c.src)...)
	}
	for i := 0; i < n.Lines().Len(); i++ {
		add(n.Lines().At(i))
	}
	if n.HasClosure() {
		add(n.ClosureLine)
	}
	tree.feed(string(raw), func(off int) diag.Pos {
		k := 0
		for k+1 < len(offs) && offs[k+1] <= off {
			k++
		}
		if len(starts) == 0 {
			return c.pos(n)
		}
		return c.lines.Pos(starts[k] + off - offs[k])
	})
}

func (c *conv) block(n ast.Node) doc.Block {
	at := doc.At{Pos: c.pos(n)}
	switch n := n.(type) {
	case *ast.Heading:
		id := ""
		if v, ok := n.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
				if strings.TrimSpace(id) == "" {
					c.list.Errorf(at.Pos, "heading ID {#} is empty: write {#some-id}")
				}
			}
		}
		var classes []string
		if v, ok := n.AttributeString("class"); ok {
			if cls, ok := v.([]byte); ok {
				classes = strings.Fields(string(cls))
			}
		}
		c.texts = append(c.texts, segments(n)...)
		ins := c.inlines(n)
		if more, rest, ok := trailingAttributes(ins); ok {
			// pandoc's "{-}" and "{.unnumbered}", which goldmark leaves in the text.
			ins = rest
			if id == "" {
				id = more
			}
		}
		return c.heading(at, n.Level, ins, id, classes)
	case *ast.Paragraph, *ast.TextBlock:
		c.texts = append(c.texts, segments(n)...)
		ins := c.inlines(n)
		if len(ins) == 0 {
			return nil
		}
		return c.paragraph(ins, at.Pos)
	case *ast.Blockquote:
		q := &doc.BlockQuote{At: at, Blocks: c.blocks(n)}
		githubAlert(q)
		return q
	case *ast.List:
		l := &doc.List{At: at, Ordered: n.IsOrdered(), Start: n.Start, Tight: n.IsTight}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			item := &doc.ListItem{At: doc.At{Pos: c.pos(it)}, Task: taskOf(it)}
			item.Blocks = c.blocks(it)
			if item.Task != doc.NoTask && len(item.Blocks) > 0 {
				if p, ok := item.Blocks[0].(*doc.Paragraph); ok {
					p.Inlines = trimSpaces(p.Inlines)
				}
			}
			l.Items = append(l.Items, item)
		}
		return l
	case *ast.ThematicBreak:
		return &doc.Rule{At: at}
	case *east.FootnoteBacklink:
		return nil // the renderers make their own back-links
	case *ast.FencedCodeBlock:
		c.codeBlocks = append(c.codeBlocks, segments(n)...)
		lang := ""
		if n.Info != nil {
			lang = string(n.Language(c.src))
		}
		return c.codeBlock(at, lang, c.lineText(n))
	case *ast.CodeBlock:
		c.codeBlocks = append(c.codeBlocks, segments(n)...)
		return c.codeBlock(at, "", c.lineText(n))
	case *ast.LinkReferenceDefinition:
		return nil // used by the links that name it; nothing to print
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
				c.texts = append(c.texts, segments(cell)...)
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
				c.texts = append(c.texts, segments(k)...)
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
			if note.Blocks == nil {
				note.Blocks = []doc.Block{}
			}
		}
		return nil
	}
	c.list.Warnf(at.Pos, "unsupported Markdown block (%s) was left out", n.Kind())
	return nil
}

// trailingAttributes finds an attribute group ("{-}", "{.unnumbered #id}") at the end of a
// heading's text, returning its ID and the text without it.
func trailingAttributes(ins []doc.Inline) (id string, rest []doc.Inline, ok bool) {
	if len(ins) == 0 {
		return "", ins, false
	}
	t, isText := ins[len(ins)-1].(*doc.Text)
	if !isText || !strings.HasSuffix(t.Text, "}") {
		return "", ins, false
	}
	open := strings.LastIndexByte(t.Text, '{')
	if open < 0 {
		return "", ins, false
	}
	for _, f := range strings.Fields(t.Text[open+1 : len(t.Text)-1]) {
		switch {
		case strings.HasPrefix(f, "#") && len(f) > 1:
			id = f[1:]
		case f == "-", strings.HasPrefix(f, "."), strings.Contains(f, "="):
		default:
			return "", ins, false
		}
	}
	rest = append([]doc.Inline(nil), ins...)
	if s := strings.TrimRight(t.Text[:open], " \t"); s != "" {
		rest[len(rest)-1] = t.Slice(0, len(s))
	} else {
		rest = rest[:len(rest)-1]
	}
	return id, rest, true
}

// segments are the source lines of a text block.
func segments(n ast.Node) []text.Segment {
	var out []text.Segment
	for i := 0; i < n.Lines().Len(); i++ {
		out = append(out, n.Lines().At(i))
	}
	return out
}

// heading makes a heading, its ID the author's (made safe) or one derived from its text.
func (c *conv) heading(at doc.At, level int, ins []doc.Inline, id string, classes []string) *doc.Heading {
	h := &doc.Heading{At: at, Level: level, Inlines: ins, Classes: classes}
	if id = strings.TrimSpace(id); id != "" {
		h.ID, h.Explicit = doc.SafeID(id), true
	} else {
		h.Base = doc.Slug(doc.PlainText(ins))
		h.ID = h.Base
	}
	return h
}

// paragraph makes a paragraph, or a figure of an image alone in it (as pandoc does): its
// caption is the image's title, else its description.
func (c *conv) paragraph(ins []doc.Inline, pos diag.Pos) doc.Block {
	var img *doc.Image
	var anchors []doc.Inline
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Image:
			if img != nil {
				return &doc.Paragraph{At: doc.At{Pos: pos}, Inlines: ins}
			}
			img = in
		case *doc.TextAnchor:
			anchors = append(anchors, in)
		case *doc.Text:
			if strings.TrimSpace(in.Text) != "" {
				return &doc.Paragraph{At: doc.At{Pos: pos}, Inlines: ins}
			}
		default:
			return &doc.Paragraph{At: doc.At{Pos: pos}, Inlines: ins}
		}
	}
	if img == nil {
		return &doc.Paragraph{At: doc.At{Pos: pos}, Inlines: ins}
	}
	caption := img.Title
	if caption == "" {
		caption = img.Alt
	}
	f := &doc.Figure{At: doc.At{Pos: pos}, Blocks: []doc.Block{&doc.Paragraph{At: img.At, Inlines: []doc.Inline{img}}}}
	if caption != "" {
		f.Caption = []doc.Inline{&doc.Text{At: img.At, Text: caption}}
	}
	f.Caption = append(anchors, f.Caption...)
	return f
}

// githubAlert turns the marker of GitHub's alerts ("> [!NOTE]", TIP, IMPORTANT, WARNING,
// CAUTION) into the label GitHub shows, in bold on a line of its own.
func githubAlert(q *doc.BlockQuote) {
	if len(q.Blocks) == 0 {
		return
	}
	p, ok := q.Blocks[0].(*doc.Paragraph)
	if !ok || len(p.Inlines) == 0 {
		return
	}
	t, ok := p.Inlines[0].(*doc.Text)
	if !ok || !strings.HasPrefix(t.Text, "[!") {
		return
	}
	end := strings.IndexByte(t.Text, ']')
	label, known := map[string]string{"NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution"}[strings.ToUpper(t.Text[2:max(end, 2)])]
	if end < 0 || !known {
		return
	}
	strong := &doc.Strong{At: t.At, Children: []doc.Inline{&doc.Text{At: t.At, Text: label}}}
	rest := []doc.Inline{strong}
	if after := strings.TrimLeft(t.Text[end+1:], " "); after != "" {
		rest = append(rest, &doc.Break{At: t.At, Hard: true}, t.Slice(len(t.Text)-len(after), len(t.Text)))
	} else if len(p.Inlines) > 1 {
		rest = append(rest, &doc.Break{At: t.At, Hard: true})
	}
	p.Inlines = append(rest, trimSpaces(p.Inlines[1:])...)
}

// codeBlock makes a code block. Rust blocks lose the lines rustdoc hides ("# use x;"), as
// mdBook shows them.
func (c *conv) codeBlock(at doc.At, info, code string) *doc.CodeBlock {
	lang, _, _ := strings.Cut(strings.TrimSpace(info), ",")
	lang = strings.TrimSpace(strings.Trim(lang, "{}."))
	if lang == "rust" {
		code = hideRustLines(code)
	}
	return &doc.CodeBlock{At: at, Language: lang, Text: c.dropControls(code, at.Pos)}
}

// hideRustLines drops the lines rustdoc hides: "# " and a lone "#"; "##" stands for "#".
func hideRustLines(code string) string {
	lines := strings.Split(code, "\n")
	out := lines[:0]
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		indent := l[:len(l)-len(t)]
		switch {
		case t == "#" || strings.HasPrefix(t, "# "):
			continue
		case strings.HasPrefix(t, "##"):
			l = indent + t[1:]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// taskOf says whether a list item is a task (GFM's "- [ ]" or "- [x]").
func taskOf(item ast.Node) doc.Task {
	first := item.FirstChild()
	if first == nil {
		return doc.NoTask
	}
	if cb, ok := first.FirstChild().(*east.TaskCheckBox); ok {
		if cb.IsChecked {
			return doc.TaskDone
		}
		return doc.TaskOpen
	}
	return doc.NoTask
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

// inlines reads the inlines of a node. Inline HTML tags among them are gathered into a tree
// with the Markdown between them, as for blocks.
func (c *conv) inlines(parent ast.Node) []doc.Inline {
	var out []doc.Inline
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
	return mergeTexts(out)
}

// text makes a text inline of source text: control characters out, composed (NFC).
func (c *conv) text(at doc.At, s string) []doc.Inline {
	s = norm.NFC.String(c.dropControls(s, at.Pos))
	if s == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{At: at, Text: s}}
}

func (c *conv) inline(n ast.Node) []doc.Inline {
	at := doc.At{Pos: c.pos(n)}
	switch n := n.(type) {
	case *ast.Text:
		raw := string(n.Segment.Value(c.src))
		if !n.IsRaw() {
			raw = decodeText(raw)
		}
		out := c.text(at, raw)
		if n.HardLineBreak() {
			out = append(out, &doc.Break{At: at, Hard: true})
		} else if n.SoftLineBreak() {
			out = append(out, &doc.Text{At: at, Text: " "})
		}
		return out
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
			c.list.WarnKind(at.Pos, "math", "TeX mathematics is printed as written ($…$): bindery does not set formulas")
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
				c.list.Errorf(at.Pos, "anchor {#} names no ID: write {#some-id}")
				return nil
			}
			return []doc.Inline{&doc.TextAnchor{At: at, ID: doc.SafeID(n.body)}}
		case '^':
			term, sub, rng := indexMark(n.body)
			if term == "" {
				c.list.Errorf(at.Pos, "index mark {^%s} names no term", n.body)
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
		var b strings.Builder
		merged := &doc.Text{At: t.At}
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

var (
	noteRefRE = regexp.MustCompile(`\[\^([^\]\s]+)(\])?`)
	noteDefRE = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)
)

// checkNotes reports what goldmark leaves silently as text or drops: a reference to a note
// that is not defined, "[^label" without its "]", and a note no text refers to.
func (c *conv) checkNotes() {
	defined := map[string]bool{}
	for _, n := range c.notes {
		if n.Blocks != nil {
			defined[n.Label] = true
		}
	}
	// goldmark drops a note no text refers to before the reader sees it: find its definition.
	for _, m := range noteDefRE.FindAllSubmatchIndex(c.src, -1) {
		label := string(c.src[m[2]:m[3]])
		if defined[label] || inSegments(c.codeBlocks, m[0]) {
			continue
		}
		c.list.Warnf(c.lines.Pos(m[0]), "footnote [^%s] is never referenced: its text is not printed; refer to it with [^%s] or delete it", label, label)
	}
	inCode := func(off int) bool {
		for _, r := range c.codeSpans {
			if off >= r[0] && off < r[1] {
				return true
			}
		}
		return false
	}
	for _, seg := range c.texts {
		line := c.src[seg.Start:seg.Stop]
		for _, m := range noteRefRE.FindAllSubmatchIndex(line, -1) {
			off := seg.Start + m[0]
			if inCode(off) || (m[0] > 0 && line[m[0]-1] == '\\') {
				continue
			}
			label := string(line[m[2]:m[3]])
			switch {
			case m[4] < 0:
				c.list.Warnf(c.lines.Pos(off), "[^%s looks like a footnote reference without its closing ]", label)
			case !defined[label]:
				c.list.Errorf(c.lines.Pos(off), "footnote [^%s] is referenced but never defined: add a line \"[^%s]: the note\"", label, label)
			}
		}
	}
}

// inSegments reports whether byte offset off lies in one of the lines segs.
func inSegments(segs []text.Segment, off int) bool {
	for _, s := range segs {
		if off >= s.Start && off < s.Stop {
			return true
		}
	}
	return false
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

// link makes a link of a destination as written: to the web or mail; to an ID in the book
// ("#id"); to another file of the book ("other.md#id", "other.html", "../part/x.md"), which
// the linker resolves; or, for any other scheme (javascript:, data:, file:), the text alone
// with a warning. A link with no text is a cross-reference, whose text the target makes.
func (c *conv) link(at doc.At, dest, title string, kids []doc.Inline) []doc.Inline {
	dest = strings.TrimSpace(decodeText(dest))
	switch {
	case dest == "":
		return kids
	case strings.HasPrefix(dest, "#"):
		frag := fragmentID(dest[1:])
		if frag == "" {
			return kids
		}
		if len(kids) == 0 {
			return []doc.Inline{&doc.CrossRef{At: at, Target: frag}}
		}
		return []doc.Inline{&doc.Link{At: at, URL: "#" + frag, Title: title, Children: kids}}
	case hasScheme(dest):
		if !SafeURL(dest) {
			c.list.Warnf(at.Pos, "link to %q was kept as text only: a book links to http(s):, mailto:, #id or its own files", truncate(dest, 60))
			return kids
		}
		if len(kids) == 0 {
			kids = []doc.Inline{&doc.Text{At: at, Text: strings.TrimPrefix(dest, "mailto:")}}
		}
		return []doc.Inline{&doc.Link{At: at, URL: dest, Title: title, Children: kids}}
	}
	file, frag, _ := strings.Cut(dest, "#")
	file, _, _ = strings.Cut(file, "?")
	if u, err := url.PathUnescape(file); err == nil {
		file = u
	}
	file = c.bookPath(file)
	frag = fragmentID(frag)
	if len(kids) == 0 {
		return []doc.Inline{&doc.CrossRef{At: at, File: file, Target: frag}}
	}
	return []doc.Inline{&doc.Link{At: at, File: file, Fragment: frag, Title: title, Children: kids}}
}

// bookPath turns a path written in the file into one in the book's folder: relative to the
// file's folder, or to the book's folder when it begins with "/". A path that leaves the
// book's folder keeps its "../" (the linker reports it).
func (c *conv) bookPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	if strings.HasPrefix(p, "/") {
		return path.Clean(strings.TrimLeft(p, "/"))
	}
	return path.Clean(path.Join(c.dir, p))
}

// fragmentID reads the ID after a "#" as links from other tools write it (percent-encoded,
// "naïve", "-bindings"), as the ID the book gives it.
func fragmentID(frag string) string {
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	frag = strings.TrimSpace(frag)
	if frag == "" {
		return ""
	}
	return doc.SafeID(frag)
}

// image makes an image of a source as written: a file of the book, relative to the chapter's
// file (else, as bindery always read them, to the book's folder). An image on the web is
// not fetched: its description is printed instead, with a warning.
func (c *conv) image(at doc.At, src, alt, title string, width, height int) []doc.Inline {
	src = strings.TrimSpace(decodeText(src))
	if src == "" || hasScheme(src) || strings.HasPrefix(src, "//") {
		what := "has no source"
		if src != "" {
			what = fmt.Sprintf("%s is not a file in the book's folder (bindery never uses the network)", truncate(src, 60))
		}
		c.list.WarnKind(at.Pos, "remote-image", "image %s: its description is printed instead", what)
		if alt == "" {
			return nil
		}
		return []doc.Inline{&doc.Text{At: at, Text: alt}}
	}
	src, _, _ = strings.Cut(src, "#")
	src, _, _ = strings.Cut(src, "?")
	if u, err := url.PathUnescape(src); err == nil {
		src = u
	}
	p := c.bookPath(src)
	if c.bookDir != "" {
		if _, err := os.Stat(filepath.Join(c.bookDir, filepath.FromSlash(p))); err != nil {
			switch {
			case strings.HasPrefix(src, "/"):
				// Not the book's "/images/x.png": an absolute path, which the check refuses.
				p = src
			default:
				if _, err := os.Stat(filepath.Join(c.bookDir, filepath.FromSlash(src))); err == nil {
					p = path.Clean(src)
				}
			}
		}
	}
	return []doc.Inline{&doc.Image{At: at, Src: p, Alt: alt, Title: title, Width: width, Height: height}}
}

// hasScheme reports whether a destination begins with a URL scheme ("https:", "c:").
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return true
		default:
			return false
		}
	}
	return false
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
