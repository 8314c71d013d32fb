package markdown

import (
	"strings"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

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
			if div.lang != "" {
				if err := config.CheckLanguage(div.lang); err != nil {
					c.diags.Errorf(c.pos(n), "lang=%s: %v", div.lang, err)
				} else {
					doc.SetLang(bs, div.lang)
				}
			}
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
		return tableCaptions(c.htmlBlocks(tree.root.kids))
	}
	return tableCaptions(out)
}

// tableCaptions makes a paragraph that begins "Table:" (or ":"), right after a table or right
// before one, that table's caption: pandoc's syntax. The marker prints nothing.
func tableCaptions(bs []doc.Block) []doc.Block {
	out := bs[:0]
	for i := 0; i < len(bs); i++ {
		if t, ok := bs[i].(*doc.Table); ok && len(t.Caption) == 0 && i+1 < len(bs) {
			if cap, ok := captionOf(bs[i+1]); ok {
				t.Caption = cap
				out = append(out, t)
				i++
				continue
			}
		}
		if i+1 < len(bs) {
			if t, ok := bs[i+1].(*doc.Table); ok && len(t.Caption) == 0 {
				if cap, ok := captionOf(bs[i]); ok {
					t.Caption = cap
					continue
				}
			}
		}
		out = append(out, bs[i])
	}
	return out
}

// captionOf is the caption a paragraph gives when it begins "Table:" or ":" (pandoc's
// table caption), without that marker.
func captionOf(b doc.Block) ([]doc.Inline, bool) {
	p, ok := b.(*doc.Paragraph)
	if !ok || len(p.Inlines) == 0 || p.ID != "" {
		return nil, false
	}
	first, ok := p.Inlines[0].(*doc.Text)
	if !ok {
		return nil, false
	}
	var rest string
	switch {
	case strings.HasPrefix(first.Text, "Table:"):
		rest = first.Text[len("Table:"):]
	case strings.HasPrefix(first.Text, ": "):
		rest = first.Text[1:]
	default:
		return nil, false
	}
	trimmed := strings.TrimLeft(rest, " \t")
	if trimmed == "" && len(p.Inlines) == 1 {
		return nil, false // "Table:" alone is text
	}
	at := first.At
	at.Pos.Col += len(first.Text) - len(trimmed)
	ins := append([]doc.Inline{}, p.Inlines[1:]...)
	if trimmed != "" {
		ins = append([]doc.Inline{&doc.Text{At: at, Text: trimmed}}, ins...)
	}
	return ins, true
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
		return c.markdownHeading(at, n)
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
		return c.list(at, n)
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
		return c.table(at, n)
	case *east.DefinitionList:
		return c.definitionList(at, n)
	case *east.FootnoteList:
		c.footnotes(n)
		return nil
	}
	c.diags.Warnf(at.Pos, "unsupported Markdown block (%s) was left out", n.Kind())
	return nil
}

// markdownHeading reads a heading with its attributes ({#id .class}).
func (c *conv) markdownHeading(at doc.At, n *ast.Heading) *doc.Heading {
	id := ""
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
			if strings.TrimSpace(id) == "" {
				c.diags.Errorf(at.Pos, "heading ID {#} is empty: write {#some-id}")
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
	if v, ok := n.AttributeString("lang"); ok {
		if b, ok := v.([]byte); ok && len(b) > 0 {
			if err := config.CheckLanguage(string(b)); err != nil {
				c.diags.Errorf(at.Pos, "lang=%s: %v", b, err)
			} else if len(ins) > 0 {
				ins = []doc.Inline{&doc.Span{At: at, Lang: string(b), Children: ins}}
			}
		}
	}
	return c.heading(at, n.Level, ins, id, classes)
}

// list reads a list; a task item's text loses the space after its box.
func (c *conv) list(at doc.At, n *ast.List) *doc.List {
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
}

// table reads a GFM table: its header row, rows and the columns' alignment.
func (c *conv) table(at doc.At, n *east.Table) *doc.Table {
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
}

// definitionList reads terms and their definitions.
func (c *conv) definitionList(at doc.At, n *east.DefinitionList) *doc.DefinitionList {
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
}

// footnotes reads the notes goldmark gathers at the end of the document.
func (c *conv) footnotes(n *east.FootnoteList) {
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
		if strings.HasPrefix(note.Label, doc.EditorialLabelPrefix) {
			note.SignEditorial() // an editor's note: [^ed-…]
		}
	}
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
