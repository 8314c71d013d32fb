package epub

import (
	"fmt"
	"strings"

	"bindery/book/doc"
)

// PageBreak is where a print page begins: the block and the index of the word in it (words
// counted at spaces, as the print layout counts them), with the page's label.
type PageBreak struct {
	Block doc.Block
	Word  int
	Label string
}

// Print is what the EPUB takes from the print edition: page labels of anchors, where the
// pages begin, and the generated back matter as set.
type Print struct {
	Labels    map[string]string
	Breaks    []PageBreak
	Generated []*doc.Chapter
	// Source identifies the print edition for dc:source.
	Source string
}

func pageID(label string) string { return "page-" + label }

// wordCounter follows the words of a block as the print layout counts them, and writes a
// page-break marker before the word where a print page begins.
type wordCounter struct {
	breaks  []PageBreak // of this block, in order
	words   int
	started bool // some text seen
	inSpace bool
	r       *chapterRenderer
}

// text writes s, inserting page-break markers at their words.
func (c *wordCounter) text(s string) {
	p := c.r.out
	start := 0
	for i, ch := range s {
		if doc.WordSpace(ch) {
			if c.started && !c.inSpace {
				c.words++
			}
			c.inSpace = true
			continue
		}
		if c.inSpace || !c.started {
			if c.pending() {
				p.text(s[start:i])
				start = i
				c.emit()
			}
		}
		c.inSpace, c.started = false, true
	}
	p.text(s[start:])
}

// box notes material with no text of its own (a note reference, an inline picture) that
// counts as part of the word it touches.
func (c *wordCounter) box() {
	c.open()
	c.inSpace, c.started = false, true
}

// open writes the markers due before the next word when an inline element is about to open
// where a word may begin, so that a marker stands before the element (a link, a
// superscript) rather than inside it.
func (c *wordCounter) open() {
	if (c.inSpace || !c.started) && c.pending() {
		c.emit()
	}
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

// marker writes a page-break marker.
func (r *chapterRenderer) marker(label string) {
	if r.w.marked[label] {
		return
	}
	r.w.marked[label] = true
	r.out.f("<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"%s\" title=\"%s\"></span>", xmlText(pageID(label)), xmlText(label))
	r.w.pageFiles = append(r.w.pageFiles, pageRef{label: label, file: chapterFile(r.ch)})
}

type pageRef struct{ label, file string }

// pageList writes the nav's page-list: every print page that has a marker, in order.
func (w *writer) pageList() string {
	if len(w.pageFiles) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<nav epub:type=\"page-list\" aria-label=\"Page list\" hidden=\"hidden\">\n<h2>Pages</h2>\n<ol>\n")
	for _, pr := range w.pageFiles {
		fmt.Fprintf(&b, "<li><a href=\"%s#%s\">%s</a></li>\n", pr.file, xmlText(pageID(pr.label)), xmlText(pr.label))
	}
	b.WriteString("</ol>\n</nav>\n")
	return b.String()
}
