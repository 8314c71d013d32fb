package epub

import (
	"fmt"
	"strings"

	"bindery/book/doc"
	"bindery/book/highlight"
	"bindery/book/lang"
)

// chapterRenderer writes one chapter's blocks as XHTML.
type chapterRenderer struct {
	w    *writer
	ch   *doc.Chapter
	file string // chapterFile(ch), once a marker needs it
	out  *page
	wc   *wordCounter // the block being written, for page-break markers
	// counters are the word counters of the blocks being written, outermost first (wc the
	// innermost), kept for the next blocks at the same depth: a new one a block at 100x was
	// megabytes.
	counters []*wordCounter
	depth    int
	// inGroup is set inside an index letter group's <section>.
	inGroup bool
	// alone is set while writing inlines that hold a picture and no text; caption, while
	// writing a figure's picture, is the figure's caption (its words), which describes it.
	alone   bool
	caption string
	quotes  int // quotations open (<q> in <q>)
	// headword is set while writing a heading, a definition's term or an index entry:
	// text whose acronyms stay in capitals (acronyms.go).
	headword int
	// langs are the languages of the passages being written, innermost last.
	langs []string
	// open are the inline elements being written, outermost first: a page marker that falls
	// inside a link closes and reopens them around itself.
	open []openTag
}

// openTag is an inline element being written: its name, and where its attributes but its ID
// stand in the chapter's bytes, to open it again after a page marker.
type openTag struct {
	tag        string
	attrs, end int
}

// push writes an inline element's start tag, its attributes the parts attrs (written as
// they are, no string made of them); pop ends the last one pushed.
// The room is made once for the tag and once for its attributes, not for each part.
func (r *chapterRenderer) push(tag, id string, attrs ...string) {
	p := r.out
	p.room(1 + len(tag))
	p.b = append(append(p.b, '<'), tag...)
	if id != "" {
		p.withID(" id=\"", id, "\"")
	}
	n := 1
	for _, a := range attrs {
		n += len(a)
	}
	p.room(n)
	start := len(p.b)
	for _, a := range attrs {
		p.b = append(p.b, a...)
	}
	r.open = append(r.open, openTag{tag, start, len(p.b)})
	p.b = append(p.b, '>')
}

func (r *chapterRenderer) pop() {
	e := r.open[len(r.open)-1]
	r.open = r.open[:len(r.open)-1]
	p := r.out
	p.room(3 + len(e.tag))
	p.b = append(append(append(p.b, "</"...), e.tag...), '>')
}

func (r *chapterRenderer) blocks(bs []doc.Block) {
	for _, b := range bs {
		r.block(b)
	}
}

func (r *chapterRenderer) block(b doc.Block) {
	p := r.out
	group := false
	if h, ok := b.(*doc.Heading); ok && h.Role == doc.RoleIndexGroup {
		r.closeGroup() // before the marker of a page that begins with the next group
		group = true
	}
	r.markBefore(b)
	r.countWords(b)
	defer r.stopCounting()
	switch b := b.(type) {
	case *doc.Heading:
		r.heading(b, group)
	case *doc.Paragraph:
		if b.Role == doc.RoleIndexEntry {
			r.headword++
			r.content(b.Inlines) // inside its <li>
			r.headword--
			return
		}
		r.paragraph(b, doc.NoTask)
	case *doc.BlockQuote:
		p.raw("<blockquote>\n")
		r.blocks(b.Blocks)
		p.raw("</blockquote>\n")
	case *doc.List:
		if b.Role == doc.RoleIndexEntryList {
			r.indexEntries(b)
		} else {
			r.list(b)
		}
	case *doc.Table:
		r.table(b)
	case *doc.Rule:
		p.raw("<hr/>\n")
	case *doc.CodeBlock:
		r.code(b)
	case *doc.Figure:
		r.figure(b)
	case *doc.DefinitionList:
		r.definitions(b)
	}
}

// heading writes a heading; a letter of the index opens its group's section.
func (r *chapterRenderer) heading(b *doc.Heading, group bool) {
	p := r.out
	lvl := min(b.Level, 6)
	if group {
		p.raw("<section epub:type=\"index-group\" class=\"index-group\">\n")
		r.inGroup = true
	}
	r.w.offsets[b.ID] = len(p.b)
	if r.w.log != nil {
		r.w.log.offsets = append(r.w.log.offsets, headingOffset{b.ID, len(p.b)})
	}
	p.f("<h%d id=\"%s\">", lvl, xmlText(b.ID))
	r.headword++
	r.content(b.Inlines)
	r.headword--
	r.endWords()
	p.f("</h%d>\n", lvl)
}

// indexEntries writes a list of index entries (or sub-entries) with EPUB Indexes' semantics.
func (r *chapterRenderer) indexEntries(b *doc.List) {
	p := r.out
	p.raw("<ul epub:type=\"index-entry-list\" class=\"index-entry-list\">\n")
	for i, it := range b.Items {
		if para, ok := first(it.Blocks).(*doc.Paragraph); ok && para.ID != "" {
			p.withID("<li epub:type=\"index-entry\" class=\"index-entry\" id=\"", para.ID, "\">")
		} else {
			p.raw("<li epub:type=\"index-entry\" class=\"index-entry\">")
		}
		for _, blk := range it.Blocks {
			if _, sub := blk.(*doc.List); sub {
				p.raw("\n")
			}
			r.block(blk)
		}
		r.markNextItem(b.Items, i)
		p.raw("</li>\n")
	}
	p.raw("</ul>\n")
}

// list writes an ordered or bulleted list; a task item's box opens its first paragraph.
func (r *chapterRenderer) list(b *doc.List) {
	p := r.out
	tag := "ul"
	if b.Ordered {
		tag = "ol"
	}
	if b.Ordered && b.Start != 1 {
		p.f("<%s start=\"%d\">\n", tag, b.Start)
	} else {
		p.f("<%s>\n", tag)
	}
	for n, it := range b.Items {
		switch it.Task {
		case doc.TaskOpen:
			p.raw("<li class=\"task\">")
		case doc.TaskDone:
			p.raw("<li class=\"task done\">")
		default:
			p.raw("<li>")
		}
		for i, blk := range it.Blocks {
			r.itemBlock(b, it, i, blk)
		}
		if len(it.Blocks) == 0 && it.Task != doc.NoTask {
			r.taskBox(it.Task, false)
		}
		r.markNextItem(b.Items, n)
		p.raw("</li>\n")
	}
	p.f("</%s>\n", tag)
}

// itemBlock writes the i-th block of a list item.
func (r *chapterRenderer) itemBlock(b *doc.List, it *doc.ListItem, i int, blk doc.Block) {
	p := r.out
	// The check box opens the item's first paragraph (a word of it, as in print).
	task := doc.NoTask
	if i == 0 {
		task = it.Task
	}
	para, ok := blk.(*doc.Paragraph)
	if !ok && task != doc.NoTask {
		r.taskBox(task, false)
	}
	// A tight list's paragraphs are bare text, as in CommonMark's HTML.
	if ok && b.Tight {
		if i > 0 {
			p.raw("<br/>")
		}
		r.countedWith(para, func() {
			r.taskBox(task, true)
			r.content(para.Inlines)
			r.endWords()
		})
		return
	}
	p.newline()
	if ok {
		r.countedWith(para, func() { r.paragraph(para, task) })
		return
	}
	r.block(blk)
}

// table writes a table, its cells aligned by class.
func (r *chapterRenderer) table(b *doc.Table) {
	p := r.out
	p.raw("<table>\n")
	if len(b.Caption) > 0 {
		// Above the table, as print sets it. A page that begins at the caption is marked
		// before the table (block); one that begins inside it, here.
		p.raw("<caption>")
		var inside []PageBreak
		for _, pb := range r.w.breaks[b] {
			if pb.Word > 0 {
				inside = append(inside, pb)
			}
		}
		r.startCounting(inside)
		r.content(b.Caption)
		r.stopCounting()
		p.raw("</caption>\n")
	}
	cell := func(tag string, i int, c *doc.TableCell) {
		if i < len(b.Align) && b.Align[i] != doc.AlignNone {
			p.f("<%s class=\"%s\">", tag, [...]string{"", "left", "center", "right"}[b.Align[i]])
		} else {
			p.f("<%s>", tag)
		}
		r.countedWith(c, func() {
			r.content(c.Inlines)
			r.endWords()
		})
		p.f("</%s>", tag)
	}
	if len(b.Header) > 0 {
		p.raw("<thead><tr>")
		for i, c := range b.Header {
			cell("th", i, c)
		}
		p.raw("</tr></thead>\n")
	}
	if len(b.Rows) > 0 {
		p.raw("<tbody>\n")
		for _, row := range b.Rows {
			p.raw("<tr>")
			for i, c := range row {
				cell("td", i, c)
			}
			p.raw("</tr>\n")
		}
		p.raw("</tbody>\n")
	}
	p.raw("</table>\n")
}

// definitions writes a definition list (the glossary and chronology are ones).
func (r *chapterRenderer) definitions(b *doc.DefinitionList) {
	p := r.out
	p.raw("<dl>\n")
	// A page that begins with an item is marked at the end of the item before it: a
	// list holds only its items, and the item's ID must follow the marker.
	markNext := func(i int) {
		if i+1 < len(b.Items) {
			r.markBefore(b.Items[i+1])
		}
	}
	for i, it := range b.Items {
		if it.ID != "" && b.Role != doc.RoleGlossary {
			p.withID("<dt id=\"", it.ID, "\">")
		} else {
			p.raw("<dt>")
		}
		r.headword++
		r.counted(it, it.Term)
		r.headword--
		if len(it.Definitions) == 0 {
			markNext(i)
		}
		p.raw("</dt>\n")
		for k, d := range it.Definitions {
			para, ok := first(d).(*doc.Paragraph)
			if ok && len(d) == 1 && para.ID != "" {
				// A chronology's second event of a date keeps its anchor.
				p.withID("<dd id=\"", para.ID, "\">")
			} else {
				p.raw("<dd>")
			}
			if ok && len(d) == 1 {
				r.counted(para, para.Inlines)
			} else {
				r.blocks(d)
			}
			if k == len(it.Definitions)-1 {
				markNext(i)
			} else if next, ok := first(it.Definitions[k+1]).(*doc.Paragraph); ok && next.ID != "" {
				r.markBefore(next) // before the next <dd>'s ID, inside this one
			}
			p.raw("</dd>\n")
		}
	}
	p.raw("</dl>\n")
}

// paragraph writes a paragraph, opened by a task item's check box when task is set. The
// caller counts its words.
func (r *chapterRenderer) paragraph(b *doc.Paragraph, task doc.Task) {
	p := r.out
	if b.ID != "" {
		p.withID("<p id=\"", b.ID, "\">")
	} else {
		p.raw("<p>")
	}
	r.taskBox(task, true)
	r.content(b.Inlines)
	r.endWords()
	p.raw("</p>\n")
}

// counted writes the inlines of a block set without its own element (a tight list item, a
// definition), counting its words for the page-break markers.
func (r *chapterRenderer) counted(b doc.Block, ins []doc.Inline) {
	r.countedWith(b, func() {
		r.content(ins)
		r.endWords()
	})
}

// countedWith runs write with the words it writes counted as block b's, a page that
// begins with b marked first.
func (r *chapterRenderer) countedWith(b doc.Block, write func()) {
	r.markBefore(b)
	r.countWords(b)
	defer r.stopCounting()
	write()
}

// endWords ends the words of the block being written, before its end tag: anchors left at
// its end and a page that begins past its last word are written inside it.
func (r *chapterRenderer) endWords() {
	if r.wc != nil {
		r.wc.end()
	}
}

// markNextItem marks, at the end of list item i, a page that begins with the item after
// it: a list holds only its items, and an item's ID (an index entry's) must follow the
// marker of the page it begins.
func (r *chapterRenderer) markNextItem(items []*doc.ListItem, i int) {
	if i+1 < len(items) {
		r.markBefore(first(items[i+1].Blocks))
	}
}

// taskBox writes a task item's check box: "☐" or "☑" and a space, as the print edition sets
// it. In the item's first paragraph it is that paragraph's first word (counted); an item
// that does not open with a paragraph has it on its own, outside any block's words.
func (r *chapterRenderer) taskBox(t doc.Task, counted bool) {
	var box string
	switch t {
	case doc.TaskOpen:
		box = "☐"
	case doc.TaskDone:
		box = "☑"
	default:
		return
	}
	if !counted {
		r.out.raw("<span class=\"task-box\">" + box + "</span> ")
		return
	}
	r.openWord()
	r.push("span", "", " class=\"task-box\"")
	r.text(box)
	r.pop()
	r.text(" ")
}

// closeGroup ends an open index letter group.
func (r *chapterRenderer) closeGroup() {
	if r.inGroup {
		r.out.raw("</section>\n")
		r.inGroup = false
	}
}

func (r *chapterRenderer) text(s string) {
	if r.wc != nil {
		r.wc.text(s)
	} else {
		r.out.text(s)
	}
}

// openWord places the page-break markers due before an inline element that may begin a word.
func (r *chapterRenderer) openWord() {
	if r.wc != nil {
		r.wc.open()
	}
}

// styleTags are the elements of styled text.
var styleTags = map[doc.TextStyle]string{
	doc.Superscript:  "sup",
	doc.Subscript:    "sub",
	doc.Keyboard:     "kbd",
	doc.Deleted:      "del",
	doc.Small:        "small",
	doc.Abbreviation: "abbr",
}

// quoteMarks are the marks around quoted text (<q>), the outer pair at even depths. They
// are written as text, not left to <q> and CSS: MuPDF and Adobe's RMSDK generate no content,
// so a <q> there loses its marks (pandoc writes marks by default too). No space is added, so
// the words count as in print.
func quoteMarks(language string, depth int) (open, close string) {
	q := lang.QuotesFor(language)
	return q.Mark(depth, true), q.Mark(depth, false)
}

// element writes children inside <tag id attrs>…</tag> (attrs in parts, as push), any
// page-break marker due at its start before it.
func (r *chapterRenderer) element(tag, id string, children []doc.Inline, attrs ...string) {
	if id != "" && r.wc != nil && (r.wc.inSpace || !r.wc.started) && r.wc.inWordBreak() {
		// The page begins inside the element's first word: its ID belongs to the page
		// before, so it stands before the marker, on an anchor of its own.
		r.wc.anchor(id)
		id = ""
	}
	r.openWord()
	r.push(tag, id, attrs...)
	r.inlines(children)
	r.pop()
}

// anchor writes an empty element with an ID, once the next word begins in counted text.
func (r *chapterRenderer) anchor(id string) {
	if r.wc != nil {
		r.wc.anchor(id)
		return
	}
	r.out.withID("<span id=\"", id, "\"></span>")
}

func (r *chapterRenderer) inlines(ins []doc.Inline) {
	p := r.out
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			r.acronymText(in.Text)
		case *doc.TextAnchor:
			r.anchor(in.ID)
		case *doc.IndexMark:
			if in.ID != "" {
				r.anchor(in.ID)
			}
		case *doc.GlossaryRef:
			if in.Linked && in.Entry != nil {
				h := r.w.hrefParts(r.ch, in.Entry.ID)
				r.element("a", in.ID, in.Children, " href=\"", h[0], h[1], h[2], h[3], "\" epub:type=\"glossref\" role=\"doc-glossref\"")
			} else {
				r.element("span", in.ID, in.Children)
			}
		case *doc.CrossRef:
			r.crossRef(in)
		case *doc.Span:
			r.span(in)
		case *doc.Emphasis:
			r.element("em", "", in.Children)
		case *doc.Strong:
			r.element("strong", "", in.Children)
		case *doc.Styled:
			r.styled(in)
		case *doc.Code:
			r.openWord()
			r.push("code", "", "")
			r.text(in.Text)
			r.pop()
		case *doc.Math:
			r.math(in)
		case *doc.Break:
			if in.Hard {
				p.raw("<br/>")
			} else {
				r.text(" ")
			}
		case *doc.Link:
			r.link(in)
		case *doc.Image:
			r.image(in, !r.alone)
		case *doc.FootnoteRef:
			if in.Note == nil {
				continue
			}
			if r.wc != nil {
				r.wc.box()
			}
			p.f("<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"%s\" href=\"%s\">%d</a></sup>",
				noteRefID(in.Note, in.N), xmlText(r.w.href(r.ch, in.Note.ID)), in.Note.Number)
		}
	}
}

// crossRef writes a cross-reference: the target's title and print page, linked to it.
func (r *chapterRenderer) crossRef(in *doc.CrossRef) {
	if _, ok := r.w.fileOf(in.Target); !ok {
		r.text(r.w.crossRefText(in.Target)) // nowhere to go: its text alone
		return
	}
	r.openWord()
	r.push("a", "", fmt.Sprintf(" href=\"%s\"", xmlText(r.w.href(r.ch, in.Target))))
	r.text(r.w.crossRefText(in.Target))
	r.pop()
}

// span writes generated text with its meaning: a defined term, an index term.
func (r *chapterRenderer) span(in *doc.Span) {
	if in.Lang != "" {
		// A passage in another language: its own element, so that reading systems speak and
		// hyphenate it as that language.
		r.langs = append(r.langs, in.Lang)
		defer func() { r.langs = r.langs[:len(r.langs)-1] }()
		l := xmlText(in.Lang)
		inner := *in
		inner.Lang, inner.ID = "", ""
		r.element("span", in.ID, []doc.Inline{&inner}, " lang=\"", l, "\" xml:lang=\"", l, "\"")
		return
	}
	switch in.Role {
	case doc.RoleDefinedTerm:
		r.element("dfn", in.ID, in.Children)
	case doc.RoleIndexTerm:
		r.element("span", in.ID, in.Children, " epub:type=\"index-term\"")
	default:
		if in.ID != "" {
			r.anchor(in.ID)
		}
		r.inlines(in.Children)
	}
}

// styled writes text HTML gives a meaning; a quotation gets its marks as text, which every
// reading system shows (MuPDF draws no generated content for <q>).
func (r *chapterRenderer) styled(in *doc.Styled) {
	if in.Style == doc.Quoted {
		language := r.w.book.Meta.Language
		if len(r.langs) > 0 {
			language = r.langs[len(r.langs)-1]
		}
		open, close := quoteMarks(language, r.quotes)
		r.quotes++
		r.text(open)
		r.inlines(in.Children)
		r.text(close)
		r.quotes--
		return
	}
	if in.Style == doc.SmallCaps {
		r.element("span", "", in.Children, " class=\"smallcaps\"")
		return
	}
	tag, ok := styleTags[in.Style]
	if !ok {
		r.inlines(in.Children)
		return
	}
	attrs := ""
	if in.Style == doc.Abbreviation && in.Title != "" {
		attrs = fmt.Sprintf(" title=\"%s\"", xmlText(in.Title))
	}
	r.element(tag, "", in.Children, attrs)
}

// math writes TeX as written: no reading system we can count on renders it, and a converted
// MathML would be our guess at the author's meaning.
func (r *chapterRenderer) math(in *doc.Math) {
	r.openWord()
	if in.Display {
		r.push("code", "", " class=\"math display\"")
	} else {
		r.push("code", "", " class=\"math\"")
	}
	r.text(in.Text)
	r.pop()
}

// link writes a link of the manuscript: to an anchor of the book, or to a web or mail
// address. Anything else (an unresolved link between files, whose URL is empty; a scheme
// that could act; an anchor the book does not have) is written as its text alone.
func (r *chapterRenderer) link(in *doc.Link) {
	var h [4]string
	if id, ok := strings.CutPrefix(in.URL, "#"); ok {
		file, known := r.w.fileOf(id)
		if !known {
			r.inlines(in.Children)
			return
		}
		h = hrefParts(r.ch, id, file, true)
	} else if webAddress(in.URL) {
		h[0] = xmlText(in.URL)
	} else {
		r.inlines(in.Children)
		return
	}
	var title [3]string
	if in.Title != "" {
		title = [3]string{" title=\"", xmlText(in.Title), "\""}
	}
	r.element("a", "", in.Children, " href=\"", h[0], h[1], h[2], h[3], "\"", linkRoles[in.Role], title[0], title[1], title[2])
}

// webAddress reports whether a link's URL is a web or mail address the EPUB links to.
func webAddress(url string) bool {
	lower := strings.ToLower(url)
	for _, scheme := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(lower, scheme) && len(url) > len(scheme) {
			return true
		}
	}
	return false
}

func noteRefID(f *doc.Footnote, n int) string {
	if n <= 1 {
		return xmlText(f.ID) + "-ref"
	}
	return fmt.Sprintf("%s-ref-%d", xmlText(f.ID), n)
}

// footnotes writes the chapter's notes as asides that e-readers show as pop-ups. A note
// opens with its number, as in print (word 0 of its first paragraph there too), a link back
// to its first reference; each other reference to it gets a link of its own after it.
func (r *chapterRenderer) footnotes() {
	if len(r.ch.Footnotes) == 0 {
		return
	}
	p := r.out
	p.raw("<section class=\"footnotes\">\n")
	for _, f := range r.ch.Footnotes {
		// A page that begins with the note is marked before it, so that its ID is on that
		// page.
		r.markBefore(first(f.Blocks))
		class := ""
		if f.Editorial {
			// The editor's words, not the author's: a class a stylesheet or a reader can tell
			// them by (the signature "— Ed." is in the note's text, as in print).
			class = ` class="editorial"`
		}
		p.f("<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"%s\"%s>\n", xmlText(f.ID), class)
		if para, ok := first(f.Blocks).(*doc.Paragraph); ok {
			r.countedWith(para, func() {
				p.raw("<p>")
				r.backlinks(f)
				r.text(" ")
				r.content(para.Inlines)
				r.endWords()
				p.raw("</p>\n")
			})
			r.blocks(f.Blocks[1:])
		} else {
			p.raw("<p>")
			r.backlinks(f)
			p.raw("</p>\n")
			r.blocks(f.Blocks)
		}
		p.raw("</aside>\n")
	}
	p.raw("</section>\n")
}

// backlinks writes a note's number as the link back to its first reference, then a link
// back to each other reference. Only the number is printed: the other links count no word.
func (r *chapterRenderer) backlinks(f *doc.Footnote) {
	refs := r.w.noteRefs[f]
	if len(refs) == 0 {
		refs = []int{1}
	}
	r.openWord()
	r.push("a", "", fmt.Sprintf(" href=\"%s\" role=\"doc-backlink\" title=\"Back to the text\"", xmlText(r.w.href(r.ch, noteRefID(f, refs[0])))))
	r.text(fmt.Sprintf("%d.", f.Number))
	r.pop()
	for i, n := range refs[1:] {
		r.out.f(" <a href=\"%s\" role=\"doc-backlink\" class=\"backlink\" aria-label=\"Back to reference %d\">↑%d</a>",
			xmlText(r.w.href(r.ch, noteRefID(f, n))), i+2, i+2)
	}
}

func first(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

// code writes a code block: its text as written (counted: a page may begin in the code), its
// tokens in spans of the highlighting's classes when the book highlights and knows the
// language, and the language as pandoc and highlight.js name it (class="language-rust").
func (r *chapterRenderer) code(b *doc.CodeBlock) {
	p := r.out
	var lines [][]highlight.Span
	if r.w.opt.Highlight != "" && r.w.opt.Highlight != "none" {
		lines = highlight.Lines(b.Language, b.Text)
	}
	if lines == nil {
		p.raw("<pre><code>")
		r.text(b.Text)
	} else {
		p.raw("<pre><code class=\"language-" + languageClass(b.Language) + "\">")
		for i, line := range lines {
			if i > 0 {
				r.text("\n")
			}
			for _, s := range line {
				if c := s.Kind.Class(); c != "" {
					r.push("span", "", ` class="`+c+`"`)
					r.text(s.Text)
					r.pop()
				} else {
					r.text(s.Text)
				}
			}
		}
	}
	r.endWords()
	p.raw("</code></pre>\n")
}

// languageClass is a fence's language as a class name: letters, digits, + # - and _ only.
func languageClass(lang string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(lang) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == '+':
			b.WriteString("p")
		case c == '#':
			b.WriteString("sharp")
		case c == '-' || c == '_':
			b.WriteRune(c)
		}
	}
	return b.String()
}
