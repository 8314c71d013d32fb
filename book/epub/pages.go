package epub

import (
	"math"
	"strings"
	"unicode/utf8"

	"bindery/book/doc"
	"bindery/book/lang"
)

// PageBreak is where a print page begins: the block and the index of the word in it (words
// counted at spaces, as the print layout counts them), with the page's label.
type PageBreak struct {
	Block doc.Block
	Word  int
	// InWord is set when the page begins inside the word (hyphenated at the foot of the
	// page before): anchors at the word's start belong to the page before, so they are
	// written before the marker.
	InWord bool
	Label  string
}

// Print is what the EPUB takes from the print edition: page labels of anchors, where the
// pages begin, and the generated back matter as set.
type Print struct {
	// Label is the label of the page an anchor is printed on, "" for none: a lookup in
	// the layout's map, not a copy of it (a long book has hundreds of thousands).
	Label     func(id string) string
	Breaks    []PageBreak
	Generated []*doc.Chapter
	// Source identifies the print edition for dc:source: its own identifier (an ISBN as
	// urn:isbn:…), never the EPUB's.
	Source string
}

func pageID(label string) string { return "page-" + label }

// wordCounter follows the words of a block as the print layout counts them, and writes a
// page-break marker before the word where a print page begins.
//
// Anchors (index marks, text anchors) wait for the next word, as the print layout's marks
// do: an anchor between two pages belongs to the page of the word after it, so it is
// written after that page's marker.
type wordCounter struct {
	breaks  []PageBreak // of this block, in order
	words   int
	started bool // some text seen
	inSpace bool
	anchors []string // IDs waiting for the next word
	r       *chapterRenderer
}

// text writes s, inserting page-break markers at their words.
func (c *wordCounter) text(s string) {
	if len(c.breaks) == 0 && len(c.anchors) == 0 {
		// Most of a book's text: no page begins in the rest of its block, nor does an anchor
		// wait. A long book's EPUB is written on one core after its PDF, and following
		// its text rune by rune was half of writing its chapters.
		c.r.out.text(s)
		c.skip(s)
		return
	}
	c.follow(s)
}

// skip follows s where no page begins and no anchor waits: what comes next only needs to
// know whether some text was seen and whether it ends in a space (its words are not
// counted, no break being left to place).
func (c *wordCounter) skip(s string) {
	if s == "" {
		return
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if c.inSpace = doc.WordSpace(last); !c.inSpace {
		c.started = true
	} else if !c.started {
		c.started = strings.IndexFunc(s, func(r rune) bool { return !doc.WordSpace(r) }) >= 0
	}
}

// follow writes s rune by rune, counting its words, with the markers and anchors due.
// The count is kept in locals between the markers (the counter's fields were most of its
// time): what is due is read again after each.
func (c *wordCounter) follow(s string) {
	p := c.r.out
	start := 0
	words, inSpace, started := c.words, c.inSpace, c.started
	due, waiting := c.due(), len(c.anchors) > 0
	for i, ch := range s {
		if doc.WordSpace(ch) {
			if started && !inSpace {
				words++
			}
			inSpace = true
			continue
		}
		atWord := inSpace || !started
		if (atWord && due <= words) || waiting {
			c.words, c.inSpace, c.started = words, inSpace, started
			p.text(s[start:i])
			start = i
			if atWord {
				c.startWord()
			} else {
				c.flushAnchors()
			}
			due, waiting = c.due(), len(c.anchors) > 0
			if len(c.breaks) == 0 && !waiting {
				// Nothing more is due in the block (as after an index mark in a book without
				// a page list): the rest is written as text writes it, not rune by rune.
				c.words, c.inSpace, c.started = words, false, true
				p.text(s[start:])
				c.skip(s[i:])
				return
			}
		}
		inSpace, started = false, true
	}
	c.words, c.inSpace, c.started = words, inSpace, started
	p.text(s[start:])
}

// due is the word the next page begins at; past every word when none is left.
func (c *wordCounter) due() int {
	if len(c.breaks) == 0 {
		return math.MaxInt
	}
	return c.breaks[0].Word
}

// box notes material with no text of its own (a note reference, an inline picture) that
// counts as part of the word it touches.
func (c *wordCounter) box() {
	c.open()
	c.inSpace, c.started = false, true
}

// open writes what is due before an inline element that is about to open: the markers of
// a page that begins with it (so that a marker stands before a link or a superscript
// rather than inside it) and the anchors waiting for it.
func (c *wordCounter) open() {
	if c.inSpace || !c.started {
		c.startWord()
		return
	}
	c.flushAnchors()
}

// startWord writes what is due where a word begins: the markers of the pages that begin
// with it and the anchors waiting for it, in print's order (anchors first when the page
// begins inside the word, as their word begins on the page before).
func (c *wordCounter) startWord() {
	if c.inWordBreak() {
		c.flushAnchors()
		c.emit()
		return
	}
	c.emit()
	c.flushAnchors()
}

// inWordBreak reports whether a page that begins inside the next word is due.
func (c *wordCounter) inWordBreak() bool { return c.pending() && c.breaks[0].InWord }

// anchor writes an empty element with an ID once the next word begins.
func (c *wordCounter) anchor(id string) { c.anchors = append(c.anchors, id) }

func (c *wordCounter) flushAnchors() {
	for _, id := range c.anchors {
		c.r.out.withID("<span id=\"", id, "\"></span>")
	}
	c.anchors = c.anchors[:0]
}

// end closes the block: anchors left at its end stand there, and a page that begins past
// its last word is marked after it.
func (c *wordCounter) end() {
	c.flushAnchors()
	c.emit()
}

func (c *wordCounter) pending() bool {
	return len(c.breaks) > 0 && c.breaks[0].Word <= c.words
}

func (c *wordCounter) emit() {
	for c.pending() {
		c.r.marker(c.breaks[0].Label)
		c.breaks = c.breaks[1:]
	}
}

// markBefore writes, before block b's element, the markers of the pages that begin with
// it: IDs on the element and anchors at its start then belong to that page, as in print.
// A block's text begins with its first child's (a quotation's first paragraph, a list's
// first item), so their pages are marked here too.
func (r *chapterRenderer) markBefore(b doc.Block) {
	for ; b != nil; b = leading(b) {
		for _, pb := range r.w.breaks[b] {
			if pb.Word == 0 {
				r.marker(pb.Label)
			}
		}
	}
}

// leading is the block whose text opens block b, nil if b has no child blocks.
func leading(b doc.Block) doc.Block {
	switch b := b.(type) {
	case *doc.BlockQuote:
		return first(b.Blocks)
	case *doc.List:
		if len(b.Items) > 0 {
			return first(b.Items[0].Blocks)
		}
	case *doc.DefinitionList:
		if len(b.Items) > 0 {
			return b.Items[0]
		}
	case *doc.Table:
		row := b.Header
		if len(row) == 0 && len(b.Rows) > 0 {
			row = b.Rows[0]
		}
		if len(row) > 0 {
			return row[0]
		}
	case *doc.Figure:
		return first(b.Blocks)
	}
	return nil
}

// marker writes a page-break marker. Inside a link, the link is closed before it and
// opened again after it: a marker is never part of a link's text.
func (r *chapterRenderer) marker(label string) {
	if r.w.marked[label] {
		return
	}
	r.w.marked[label] = true
	link := -1
	for i, e := range r.open {
		if e.tag == "a" {
			link = i
			break
		}
	}
	if link >= 0 {
		for i := len(r.open) - 1; i >= link; i-- {
			r.out.raw("</" + r.open[i].tag + ">")
		}
	}
	if r.file == "" {
		r.file = chapterFile(r.ch) // once a chapter, not once a marker
	}
	r.w.pages = append(r.w.pages, pageRef{label: label, file: r.file, offset: len(r.out.b)})
	// The ID is pageID(label), escaped: "page-" needs no escaping.
	r.out.withID("<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-", label, "\" title=\"")
	r.out.withID("", label, "\"></span>")
	if link >= 0 {
		for _, e := range r.open[link:] {
			// Without its ID, which stays on the first part.
			r.out.raws("<", e.tag)
			r.out.again(e.attrs, e.end)
			r.out.raw(">")
		}
	}
}

// pageRef is a page marker: its label, its file and where it stands in the file.
type pageRef struct {
	label, file string
	offset      int
}

// pageList writes the nav's page-list to p: every print page that has a marker, in order.
func (w *writer) pageList(p *page) {
	if len(w.pages) == 0 {
		return
	}
	pages := xmlText(w.labels.Get(lang.Pages))
	p.raws("<nav epub:type=\"page-list\" aria-label=\"", xmlText(w.labels.Get(lang.PageList)), "\" hidden=\"hidden\">\n<h2>", pages, "</h2>\n<ol>\n")
	for _, pr := range w.pages {
		p.raws("<li><a href=\"", pr.file, "#page-")
		p.text(pr.label)
		p.raw("\">")
		p.text(pr.label)
		p.raw("</a></li>\n")
	}
	p.raw("</ol>\n</nav>\n")
}

// countWords starts counting the words of block b for its page-break markers; stopCounting
// ends the count (marking a page that starts past the block's last word).
func (r *chapterRenderer) countWords(b doc.Block) { r.startCounting(r.w.breaks[b]) }

// startCounting makes the counter of the next depth, with the page starts breaks, the
// current one.
func (r *chapterRenderer) startCounting(breaks []PageBreak) {
	if r.depth == len(r.counters) {
		r.counters = append(r.counters, &wordCounter{})
	}
	c := r.counters[r.depth]
	*c = wordCounter{r: r, breaks: breaks, anchors: c.anchors[:0]}
	r.depth++
	r.wc = c
}

// stopCounting ends the current count and goes back to the one it was started in.
func (r *chapterRenderer) stopCounting() {
	r.wc.end()
	r.depth--
	r.wc = nil
	if r.depth > 0 {
		r.wc = r.counters[r.depth-1]
	}
}
