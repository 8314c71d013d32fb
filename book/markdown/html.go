package markdown

import (
	"strconv"
	"strings"
	"sync"

	"bindery/book/diag"
	"bindery/book/doc"

	"golang.org/x/net/html"
)

// HTML in Markdown. Authors write HTML where Markdown has no syntax: an anchor
// (<a id="x"></a>), a superscript, a centred figure, a table with a caption, a collapsible
// <details>. A safe subset of it becomes the document model, so both formats keep it; other
// tags keep their text; what could act (script, style, frames, event attributes, URLs other
// than web, mail and the book's own) never reaches an output.
//
// goldmark gives HTML as separate pieces: each inline tag a node, an HTML block the raw lines
// up to a blank line, with Markdown between the pieces (<details> … Markdown … </details>).
// The reader builds a small tree of the HTML elements whose leaves are the Markdown it read
// in between, and turns the tree into the model.

// hnode is an element of that tree, or a leaf: HTML text, or a block or inline read as
// Markdown.
type hnode struct {
	tag    string            // element name, lower case; "" for a leaf
	attrs  map[string]string // attribute names lower case, values with references decoded
	pos    diag.Pos
	kids   []*hnode
	text   string     // HTML text (references decoded)
	inline doc.Inline // read as Markdown
	block  doc.Block  // read as Markdown
}

// htmlTree builds the tree from tokens and leaves, opening and closing elements as HTML's
// parser would for the simple cases (an <li> closes the open <li>, a <p> closes a <p>…).
type htmlTree struct {
	root  hnode
	stack []*hnode // open elements; the root first
	// tags counts the tags read, so a block without any can take the fast path.
	tags int
}

func newHTMLTree() *htmlTree {
	t := &htmlTree{}
	t.stack = []*hnode{&t.root}
	return t
}

func (t *htmlTree) add(n *hnode) {
	top := t.stack[len(t.stack)-1]
	top.kids = append(top.kids, n)
}

// feed reads raw HTML: one tag of a paragraph, or an HTML block's text. at gives the
// position of a byte offset in raw.
func (t *htmlTree) feed(raw string, at func(off int) diag.Pos) {
	z := html.NewTokenizer(strings.NewReader(raw))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		pos := at(off)
		off += len(z.Raw())
		tok := z.Token()
		switch tt {
		case html.TextToken:
			t.add(&hnode{text: tok.Data, pos: pos})
		case html.StartTagToken, html.SelfClosingTagToken:
			t.tags++
			n := &hnode{tag: tok.Data, pos: pos, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				if _, dup := n.attrs[a.Key]; !dup {
					n.attrs[a.Key] = a.Val
				}
			}
			t.closeImplied(tok.Data)
			t.add(n)
			// Elements nested deeper than any real page are read as siblings, so that a
			// hostile file cannot make the reader recurse without bound.
			if tt == html.StartTagToken && !voidElements()[tok.Data] && len(t.stack) < maxHTMLDepth {
				t.stack = append(t.stack, n)
			}
		case html.EndTagToken:
			t.tags++
			t.close(tok.Data)
		}
		// Comments, doctypes and processing instructions are nothing in a book.
	}
}

// close ends the innermost open element named tag and any left open inside it. An end tag
// with no open element is ignored, as browsers do.
func (t *htmlTree) close(tag string) {
	for i := len(t.stack) - 1; i > 0; i-- {
		if t.stack[i].tag == tag {
			t.stack = t.stack[:i]
			return
		}
	}
}

// closeImplied ends the elements a start tag closes without an end tag: a list item the
// next item, a cell the next cell, a paragraph any block.
func (t *htmlTree) closeImplied(tag string) {
	closeUpTo := func(names, boundaries string) {
		for i := len(t.stack) - 1; i > 0; i-- {
			name := t.stack[i].tag
			if oneOf(name, boundaries) {
				return
			}
			if oneOf(name, names) {
				t.stack = t.stack[:i]
				return
			}
		}
	}
	switch {
	case tag == "li":
		closeUpTo("li", "ul ol menu")
	case tag == "dt" || tag == "dd":
		closeUpTo("dt dd", "dl")
	case tag == "tr":
		closeUpTo("tr", "table thead tbody tfoot")
	case tag == "td" || tag == "th":
		closeUpTo("td th", "tr table")
	case tag == "thead" || tag == "tbody" || tag == "tfoot":
		closeUpTo("thead tbody tfoot", "table")
	}
	if blockElements()[tag] || tag == "p" {
		if top := t.stack[len(t.stack)-1]; top.tag == "p" {
			t.stack = t.stack[:len(t.stack)-1]
		}
	}
}

func oneOf(name, list string) bool {
	for _, s := range strings.Fields(list) {
		if s == name {
			return true
		}
	}
	return false
}

// maxHTMLDepth bounds how deeply HTML elements nest in the tree.
const maxHTMLDepth = 100

// The element sets are made on first use: a book without HTML never makes them.
var voidElements = sync.OnceValue(func() map[string]bool {
	return set("area base br col embed hr img input link meta param source track wbr")
})

// blockElements are set apart from the text around them.
var blockElements = sync.OnceValue(func() map[string]bool {
	return set("address article aside blockquote center details dialog dd div dl dt " +
		"fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav " +
		"ol p pre section summary table tbody td tfoot th thead tr ul")
})

// droppedElements never reach an output, nor does their content: they act, embed another
// document, or are not text. The message says what to do instead.
var droppedElements = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"script":   "a book never carries script",
		"noscript": "a book never carries script",
		"style":    "the book's own stylesheet sets its look",
		"template": "it is not text",
		"iframe":   "a book does not embed other pages; link to it instead",
		"frame":    "a book does not embed other pages; link to it instead",
		"frameset": "a book does not embed other pages; link to it instead",
		"object":   "a book does not embed other documents",
		"embed":    "a book does not embed other documents",
		"applet":   "a book does not embed programs",
		"video":    "neither print nor most e-readers play video; link to it instead",
		"audio":    "neither print nor most e-readers play sound; link to it instead",
		"canvas":   "it is drawn by script",
		"svg":      "save it as an .svg file and use it as an image",
		"math":     "MathML is not set by bindery; write TeX between $ signs or use an image",
		"form":     "a book has no forms",
		"button":   "a book has no forms",
		"select":   "a book has no forms",
		"textarea": "a book has no forms",
		"head":     "it is not text",
		"title":    "the book's title comes from its configuration",
		"link":     "a book does not load other files",
		"meta":     "it is not text",
		"base":     "it is not text",
	}
})

// keptElements lose their tag but keep their text without a word said: they only style text
// in ways a book sets for itself.
var keptElements = sync.OnceValue(func() map[string]bool {
	return set("span u ins mark font big bdi bdo time data label nobr center cite html body " +
		"tbody thead tfoot section article aside header footer main nav hgroup address div dialog fieldset")
})

func set(names string) map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(names) {
		m[s] = true
	}
	return m
}

// htmlBlocks turns the children of an element (or of a Markdown container holding HTML
// blocks) into blocks: block elements are blocks, runs of inline content paragraphs.
func (c *conv) htmlBlocks(kids []*hnode) []doc.Block {
	var out []doc.Block
	var run []*hnode
	flush := func() {
		if len(run) == 0 {
			return
		}
		ins := trimSpaces(c.htmlInlines(run))
		if len(ins) > 0 {
			out = append(out, c.paragraph(ins, run[0].pos))
		}
		run = nil
	}
	for _, k := range kids {
		switch {
		case k.block != nil:
			flush()
			out = append(out, k.block)
		case k.tag != "" && (blockElements()[k.tag] || droppedElements()[k.tag] != ""):
			flush()
			out = append(out, c.htmlBlock(k)...)
		default:
			run = append(run, k)
		}
	}
	flush()
	return out
}

// htmlBlock turns a block element into blocks.
func (c *conv) htmlBlock(k *hnode) []doc.Block {
	at := doc.At{Pos: k.pos}
	if why, ok := droppedElements()[k.tag]; ok {
		c.diags.WarnKind(k.pos, "html-dropped", "<%s> was left out: %s", k.tag, why)
		return nil
	}
	var out []doc.Block
	switch k.tag {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		level := int(k.tag[1] - '0')
		ins := trimSpaces(c.htmlInlines(k.kids))
		h := c.heading(at, level, ins, k.attrs["id"], strings.Fields(k.attrs["class"]))
		return []doc.Block{h}
	case "blockquote":
		out = []doc.Block{&doc.BlockQuote{At: at, Blocks: c.htmlBlocks(k.kids)}}
	case "ul", "ol", "menu":
		out = []doc.Block{c.htmlList(k)}
	case "dl":
		out = []doc.Block{c.htmlDefinitions(k)}
	case "table":
		caption, t := c.htmlTable(k)
		switch {
		case t != nil:
			t.Caption = caption
			out = append(out, t)
		case len(caption) > 0:
			// A table of no rows: its caption is kept as a line.
			out = append(out, &doc.Paragraph{At: at, Inlines: []doc.Inline{&doc.Emphasis{At: at, Children: caption}}})
		}
	case "pre":
		out = []doc.Block{c.htmlPre(k)}
	case "hr":
		out = []doc.Block{&doc.Rule{At: at}}
	case "figure":
		out = []doc.Block{c.htmlFigure(k)}
	case "listing":
		out = []doc.Block{c.htmlListing(k)}
	case "details":
		// Printed open: the summary is a bold line above what it hides.
		var rest []*hnode
		for _, kid := range k.kids {
			if kid.tag == "summary" {
				out = append(out, c.summary(kid))
			} else {
				rest = append(rest, kid)
			}
		}
		out = append(out, c.htmlBlocks(rest)...)
	case "summary", "dt":
		out = []doc.Block{c.summary(k)}
	default: // p, div and the other containers: their content
		out = c.htmlBlocks(k.kids)
	}
	if id := k.attrs["id"]; id != "" {
		out = c.anchorBlocks(out, &doc.TextAnchor{At: at, ID: c.htmlID(id, k.pos)}, k.pos)
	}
	return out
}

// summary sets a <details>' summary as a bold line.
func (c *conv) summary(k *hnode) doc.Block {
	ins := trimSpaces(c.htmlInlines(k.kids))
	return &doc.Paragraph{At: doc.At{Pos: k.pos}, Inlines: []doc.Inline{&doc.Strong{At: doc.At{Pos: k.pos}, Children: ins}}}
}

// anchorBlocks puts an anchor at the start of blocks: in the first block that holds text,
// else in a paragraph of its own.
func (c *conv) anchorBlocks(blocks []doc.Block, a *doc.TextAnchor, pos diag.Pos) []doc.Block {
	if len(blocks) > 0 && prependInline(blocks[0], a) {
		return blocks
	}
	return append([]doc.Block{&doc.Paragraph{At: doc.At{Pos: pos}, Inlines: []doc.Inline{a}}}, blocks...)
}

// prependInline puts in at the start of the first text of block b, reporting whether b had
// a place for it.
func prependInline(b doc.Block, in doc.Inline) bool {
	switch b := b.(type) {
	case *doc.Heading:
		b.Inlines = append([]doc.Inline{in}, b.Inlines...)
	case *doc.Paragraph:
		b.Inlines = append([]doc.Inline{in}, b.Inlines...)
	case *doc.BlockQuote:
		return len(b.Blocks) > 0 && prependInline(b.Blocks[0], in)
	case *doc.List:
		return len(b.Items) > 0 && len(b.Items[0].Blocks) > 0 && prependInline(b.Items[0].Blocks[0], in)
	case *doc.Figure:
		b.Caption = append([]doc.Inline{in}, b.Caption...)
	case *doc.Table:
		if len(b.Header) > 0 {
			b.Header[0].Inlines = append([]doc.Inline{in}, b.Header[0].Inlines...)
		} else if len(b.Rows) > 0 && len(b.Rows[0]) > 0 {
			b.Rows[0][0].Inlines = append([]doc.Inline{in}, b.Rows[0][0].Inlines...)
		} else {
			return false
		}
	case *doc.DefinitionList:
		if len(b.Items) == 0 {
			return false
		}
		b.Items[0].Term = append([]doc.Inline{in}, b.Items[0].Term...)
	default:
		return false
	}
	return true
}

func (c *conv) htmlList(k *hnode) *doc.List {
	l := &doc.List{At: doc.At{Pos: k.pos}, Ordered: k.tag == "ol", Start: 1, Tight: true}
	if n, err := strconv.Atoi(strings.TrimSpace(k.attrs["start"])); err == nil && l.Ordered {
		l.Start = n
	}
	var loose []*hnode // content outside any <li>
	for _, kid := range k.kids {
		if kid.tag != "li" {
			if kid.text == "" || strings.TrimSpace(kid.text) != "" {
				loose = append(loose, kid)
			}
			continue
		}
		it := &doc.ListItem{At: doc.At{Pos: kid.pos}}
		kids := kid.kids
		// A check box first in the item makes it a task, as GitHub writes task lists.
		for i, x := range kids {
			if x.text != "" && strings.TrimSpace(x.text) == "" {
				continue
			}
			if x.tag == "input" && strings.EqualFold(x.attrs["type"], "checkbox") {
				it.Task = doc.TaskOpen
				if _, on := x.attrs["checked"]; on {
					it.Task = doc.TaskDone
				}
				kids = kids[i+1:]
			}
			break
		}
		it.Blocks = c.htmlBlocks(kids)
		if id := kid.attrs["id"]; id != "" {
			it.Blocks = c.anchorBlocks(it.Blocks, &doc.TextAnchor{At: it.At, ID: c.htmlID(id, kid.pos)}, kid.pos)
		}
		l.Items = append(l.Items, it)
	}
	if len(loose) > 0 {
		// Text outside the items still belongs to the list: it joins the last item.
		if len(l.Items) == 0 {
			l.Items = append(l.Items, &doc.ListItem{At: l.At})
		}
		last := l.Items[len(l.Items)-1]
		last.Blocks = append(last.Blocks, c.htmlBlocks(loose)...)
	}
	return l
}

func (c *conv) htmlDefinitions(k *hnode) *doc.DefinitionList {
	dl := &doc.DefinitionList{At: doc.At{Pos: k.pos}}
	var cur *doc.DefinitionItem
	for _, kid := range k.kids {
		switch kid.tag {
		case "dt":
			cur = &doc.DefinitionItem{At: doc.At{Pos: kid.pos}, Term: trimSpaces(c.htmlInlines(kid.kids))}
			dl.Items = append(dl.Items, cur)
		case "dd":
			if cur == nil {
				cur = &doc.DefinitionItem{At: doc.At{Pos: kid.pos}}
				dl.Items = append(dl.Items, cur)
			}
			cur.Definitions = append(cur.Definitions, c.htmlBlocks(kid.kids))
		default:
			if strings.TrimSpace(kid.text) != "" || kid.tag != "" || kid.block != nil || kid.inline != nil {
				if cur == nil {
					cur = &doc.DefinitionItem{At: doc.At{Pos: kid.pos}}
					dl.Items = append(dl.Items, cur)
				}
				cur.Definitions = append(cur.Definitions, c.htmlBlocks([]*hnode{kid}))
			}
		}
	}
	return dl
}

// htmlInlines turns elements and text into inlines.
func (c *conv) htmlInlines(kids []*hnode) []doc.Inline {
	var out []doc.Inline
	for _, k := range kids {
		switch {
		case k.inline != nil:
			out = append(out, k.inline)
		case k.block != nil:
			// Markdown blocks inside an inline element keep their text, a space apart.
			if p, ok := k.block.(*doc.Paragraph); ok {
				out = append(out, &doc.Text{At: p.At, Text: " "})
				out = append(out, p.Inlines...)
			} else if t := blockText(k.block); t != "" {
				out = append(out, &doc.Text{At: doc.At{Pos: k.pos}, Text: " " + t + " "})
			}
		case k.tag == "":
			if k.text != "" {
				out = append(out, &doc.Text{At: doc.At{Pos: k.pos}, Text: c.htmlText(k.text, k.pos)})
			}
		default:
			out = append(out, c.htmlInline(k)...)
		}
	}
	return c.spans(mergeTexts(out))
}

// htmlText is HTML text as a book sets it: white space collapsed, control characters out.
func (c *conv) htmlText(s string, pos diag.Pos) string {
	s = c.dropControls(s, pos)
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// htmlInline turns an inline element into inlines.
func (c *conv) htmlInline(k *hnode) []doc.Inline {
	at := doc.At{Pos: k.pos}
	if why, ok := droppedElements()[k.tag]; ok {
		c.diags.WarnKind(k.pos, "html-dropped", "<%s> was left out: %s", k.tag, why)
		return nil
	}
	var out []doc.Inline
	if id := k.attrs["id"]; id != "" && k.tag != "a" {
		out = append(out, &doc.TextAnchor{At: at, ID: c.htmlID(id, k.pos)})
	}
	kids := func() []doc.Inline { return c.htmlInlines(k.kids) }
	styled := func(s doc.TextStyle) []doc.Inline {
		return append(out, &doc.Styled{At: at, Style: s, Title: c.htmlText(k.attrs["title"], k.pos), Children: kids()})
	}
	switch k.tag {
	case "em", "i", "var", "dfn", "cite":
		return append(out, &doc.Emphasis{At: at, Children: kids()})
	case "strong", "b":
		return append(out, &doc.Strong{At: at, Children: kids()})
	case "code", "tt", "samp":
		return append(out, &doc.Code{At: at, Text: doc.PlainText(kids())})
	case "kbd":
		return styled(doc.Keyboard)
	case "sup":
		return styled(doc.Superscript)
	case "sub":
		return styled(doc.Subscript)
	case "del", "s", "strike":
		return styled(doc.Deleted)
	case "small":
		return styled(doc.Small)
	case "q":
		return styled(doc.Quoted)
	case "abbr", "acronym":
		return styled(doc.Abbreviation)
	case "span":
		if smallCapsSpan(k.attrs["class"], k.attrs["style"]) {
			return styled(doc.SmallCaps)
		}
	case "a":
		return append(out, c.htmlAnchor(k, kids())...)
	case "br":
		return append(out, &doc.Break{At: at, Hard: true})
	case "img":
		return append(out, c.image(at, k.attrs["src"], c.htmlText(k.attrs["alt"], k.pos), c.htmlText(k.attrs["title"], k.pos),
			pixels(k.attrs["width"]), pixels(k.attrs["height"]))...)
	case "wbr", "input", "hr", "col", "colgroup", "area", "source", "track", "param":
		return out
	}
	if blockElements()[k.tag] {
		// A block element inside inline content: its text, set off by spaces.
		out = append(out, &doc.Text{At: at, Text: " "})
		out = append(out, kids()...)
		return append(out, &doc.Text{At: at, Text: " "})
	}
	if !keptElements()[k.tag] {
		c.diags.WarnKind(k.pos, "html-tag", "<%s> is not among the HTML bindery sets: its text was kept, the tag left out", k.tag)
	}
	return append(out, kids()...)
}

// smallCapsSpan reports whether a span asks for small capitals: class "smallcaps" (pandoc's)
// or the style font-variant: small-caps (the only style bindery reads; the rest is the
// book's stylesheet's).
func smallCapsSpan(class, style string) bool {
	for _, c := range strings.Fields(class) {
		if c == "smallcaps" || c == "small-caps" {
			return true
		}
	}
	for _, decl := range strings.Split(style, ";") {
		name, value, _ := strings.Cut(decl, ":")
		name = strings.ToLower(strings.TrimSpace(name))
		if (name == "font-variant" || name == "font-variant-caps") && strings.ToLower(strings.TrimSpace(value)) == "small-caps" {
			return true
		}
	}
	return false
}

// htmlAnchor reads <a>: a link (href), an anchor (id, or the older name), or both.
func (c *conv) htmlAnchor(k *hnode, kids []doc.Inline) []doc.Inline {
	at := doc.At{Pos: k.pos}
	var out []doc.Inline
	id := k.attrs["id"]
	if id == "" {
		id = k.attrs["name"]
	}
	if id != "" {
		out = append(out, &doc.TextAnchor{At: at, ID: c.htmlID(id, k.pos)})
	}
	href, ok := k.attrs["href"]
	if !ok {
		return append(out, kids...)
	}
	return append(out, c.link(at, href, c.htmlText(k.attrs["title"], k.pos), kids)...)
}

// htmlID reads an ID written in HTML.
func (c *conv) htmlID(id string, pos diag.Pos) string {
	id = strings.TrimSpace(id)
	if id == "" {
		return ""
	}
	return doc.SafeID(id)
}

// pixels reads an HTML length in pixels ("120", "120px"); 0 for anything else (percentages).
func pixels(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > 100_000 {
		return 0
	}
	return n
}

// blockText is the text of a block, for a block met where only text can stand.
func blockText(b doc.Block) string {
	var parts []string
	doc.Walk([]doc.Block{b}, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			parts = append(parts, doc.PlainText(b.Inlines))
		case *doc.Paragraph:
			parts = append(parts, doc.PlainText(b.Inlines))
		case *doc.CodeBlock:
			parts = append(parts, b.Text)
		case *doc.Table:
			parts = append(parts, doc.PlainText(b.Caption))
			for _, r := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
				for _, cell := range r {
					parts = append(parts, doc.PlainText(cell.Inlines))
				}
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				parts = append(parts, doc.PlainText(it.Term))
			}
		case *doc.Figure:
			parts = append(parts, doc.PlainText(b.Caption))
		}
		return true
	})
	return strings.Join(parts, " ")
}

// trimSpaces drops white space at the start and end of inlines (HTML text is collapsed, not
// trimmed, so the edges of a paragraph made from it keep a space).
func trimSpaces(ins []doc.Inline) []doc.Inline {
	for len(ins) > 0 {
		t, ok := ins[0].(*doc.Text)
		if !ok {
			break
		}
		s := strings.TrimLeft(t.Text, " \t\n")
		if s != "" {
			if len(s) != len(t.Text) {
				ins[0] = t.Slice(len(t.Text)-len(s), len(t.Text))
			}
			break
		}
		ins = ins[1:]
	}
	for len(ins) > 0 {
		t, ok := ins[len(ins)-1].(*doc.Text)
		if !ok {
			break
		}
		s := strings.TrimRight(t.Text, " \t\n")
		if s != "" {
			if len(s) != len(t.Text) {
				ins[len(ins)-1] = t.Slice(0, len(s))
			}
			break
		}
		ins = ins[:len(ins)-1]
	}
	return ins
}
