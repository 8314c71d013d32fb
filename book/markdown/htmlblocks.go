package markdown

// The HTML elements that hold blocks of their own kind: tables, preformatted text, figures
// and the Rust book's listings.

import (
	"strings"

	"bindery/book/diag"
	"bindery/book/doc"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// htmlTable reads a table of rows and cells and its caption; a first row of header cells,
// or one in <thead>, is the header. Cells keep their text and inline markup.
func (c *conv) htmlTable(k *hnode) ([]doc.Inline, *doc.Table) {
	t := &doc.Table{At: doc.At{Pos: k.pos}}
	var caption []doc.Inline
	var rows [][]*hnode
	var headerRows int
	var walk func(n *hnode, inHead bool)
	walk = func(n *hnode, inHead bool) {
		for _, kid := range n.kids {
			switch kid.tag {
			case "caption":
				caption = trimSpaces(c.htmlInlines(kid.kids))
			case "thead":
				walk(kid, true)
			case "tbody", "tfoot":
				walk(kid, false)
			case "tr":
				var cells []*hnode
				allTH := true
				for _, cell := range kid.kids {
					if cell.tag == "td" || cell.tag == "th" {
						cells = append(cells, cell)
						allTH = allTH && cell.tag == "th"
					}
				}
				if len(cells) == 0 {
					continue
				}
				if (inHead || allTH) && len(rows) == headerRows {
					headerRows++
				}
				rows = append(rows, cells)
			}
		}
	}
	walk(k, false)
	if len(rows) == 0 {
		return caption, nil
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	for i := 0; i < cols; i++ {
		align := doc.AlignNone
		if len(rows[0]) > i {
			switch strings.ToLower(strings.TrimSpace(rows[0][i].attrs["align"])) {
			case "left":
				align = doc.AlignLeft
			case "center":
				align = doc.AlignCenter
			case "right":
				align = doc.AlignRight
			}
		}
		t.Align = append(t.Align, align)
	}
	cellsOf := func(r []*hnode) []*doc.TableCell {
		var out []*doc.TableCell
		for _, cell := range r {
			out = append(out, &doc.TableCell{At: doc.At{Pos: cell.pos}, Inlines: trimSpaces(c.htmlInlines(cell.kids))})
		}
		return out
	}
	if headerRows > 0 {
		t.Header = cellsOf(rows[0])
		// Further header rows are set as ordinary rows: the model has one header row.
		rows = rows[1:]
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, cellsOf(r))
	}
	return caption, t
}

// htmlPre reads preformatted text: a code block, its language from <code class="language-x">.
func (c *conv) htmlPre(k *hnode) *doc.CodeBlock {
	cb := &doc.CodeBlock{At: doc.At{Pos: k.pos}}
	var b strings.Builder
	var walk func(n *hnode)
	walk = func(n *hnode) {
		for _, kid := range n.kids {
			switch {
			case kid.text != "":
				b.WriteString(kid.text)
			case kid.inline != nil:
				b.WriteString(doc.PlainText([]doc.Inline{kid.inline}))
			case kid.block != nil:
				b.WriteString(blockText(kid.block))
			case kid.tag == "br":
				b.WriteByte('\n')
			case kid.tag != "":
				if kid.tag == "code" && cb.Language == "" {
					for _, cl := range strings.Fields(kid.attrs["class"]) {
						if l, ok := strings.CutPrefix(cl, "language-"); ok {
							cb.Language = l
						} else if l, ok := strings.CutPrefix(cl, "lang-"); ok {
							cb.Language = l
						}
					}
				}
				if _, dropped := droppedElements()[kid.tag]; !dropped {
					walk(kid)
				}
			}
		}
	}
	walk(k)
	text := strings.TrimPrefix(b.String(), "\n") // HTML drops a newline right after <pre>
	cb.Text = strings.TrimRight(c.dropControls(text, k.pos), "\n")
	return cb
}

// htmlFigure reads <figure>: its content, and its <figcaption> as the caption.
func (c *conv) htmlFigure(k *hnode) *doc.Figure {
	f := &doc.Figure{At: doc.At{Pos: k.pos}}
	if id := k.attrs["id"]; id != "" {
		f.ID = c.htmlID(id, k.pos)
		delete(k.attrs, "id") // the figure carries it; no anchor besides
	}
	var content []*hnode
	for _, kid := range k.kids {
		if kid.tag == "figcaption" {
			f.Caption = trimSpaces(c.htmlInlines(kid.kids))
			continue
		}
		content = append(content, kid)
	}
	// The content of a figure is not itself a figure: an image alone in it is read as one
	// (an implicit figure), and gives its caption when the figure has none.
	for _, b := range c.htmlBlocks(content) {
		inner, ok := b.(*doc.Figure)
		if !ok {
			f.Blocks = append(f.Blocks, b)
			continue
		}
		f.Blocks = append(f.Blocks, inner.Blocks...)
		if len(f.Caption) == 0 && inner.ID == "" {
			f.Caption = inner.Caption
		}
	}
	return f
}

// htmlListing reads the <Listing number="2-1" file-name="src/main.rs" caption="…"> of
// mdBook's Rust book (its preprocessor mdbook-trpl-listing): a figure of the code, the file's
// name above it and "Listing 2-1: caption" below, as that preprocessor renders it.
func (c *conv) htmlListing(k *hnode) *doc.Figure {
	at := doc.At{Pos: k.pos}
	f := &doc.Figure{At: at, Labelled: true}
	if id := k.attrs["id"]; id != "" {
		f.ID = c.htmlID(id, k.pos)
		delete(k.attrs, "id")
	}
	if name := c.htmlText(k.attrs["file-name"], k.pos); name != "" {
		f.Blocks = append(f.Blocks, &doc.Paragraph{At: at, Inlines: []doc.Inline{
			&doc.Text{At: at, Text: "Filename: "}, &doc.Code{At: at, Text: name}}})
	}
	f.Blocks = append(f.Blocks, c.htmlBlocks(k.kids)...)
	caption := c.attributeMarkdown(c.htmlText(k.attrs["caption"], k.pos), k.pos)
	if number := c.htmlText(k.attrs["number"], k.pos); number != "" {
		label := "Listing " + number
		if len(caption) > 0 {
			label += ": "
		}
		caption = append([]doc.Inline{&doc.Strong{At: at, Children: []doc.Inline{&doc.Text{At: at, Text: label}}}}, caption...)
	}
	f.Caption = caption
	return f
}

// attributeMarkdown reads an attribute's text as inline Markdown (a <Listing>'s caption
// holds `code` and *emphasis*), its positions on the element's line.
func (c *conv) attributeMarkdown(s string, pos diag.Pos) []doc.Inline {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	src := []byte(s)
	at := []diag.Origin{{File: pos.File, Line: pos.Line}}
	sub := &conv{src: src, lines: diag.NewLineIndexFrom(c.file, src, at), file: c.file, dir: c.dir,
		bookDir: c.bookDir, diags: c.diags, notes: map[int]*doc.Footnote{}}
	root := markdownParser().Parse(text.NewReader(src))
	var out []doc.Inline
	if p, ok := root.FirstChild().(*ast.Paragraph); ok && root.ChildCount() == 1 {
		out = trimSpaces(sub.inlines(p))
	} else {
		out = []doc.Inline{&doc.Text{At: doc.At{Pos: pos}, Text: s}} // not one paragraph: text as written
	}
	return out
}
