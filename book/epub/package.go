package epub

import (
	"fmt"
	"strings"

	"bindery/book/doc"
)

// accessibilitySummary describes, in words, what the metadata states.
func (w *writer) accessibilitySummary() string {
	s := "A text-only publication apart from its cover image, which has a text description. "
	switch {
	case len(w.images) > 0 && len(w.undescribed) == 0:
		s = "A publication of text and images: every image has a text description (its alternative text or its caption)"
		if len(w.opt.Cover) > 0 {
			s += ", the cover included"
		}
		s += ". "
	case len(w.undescribed) == 1:
		s = "A publication of text and images; one of its images has no text description. "
	case len(w.images) > 0:
		s = fmt.Sprintf("A publication of text and images; %d of its images have no text description. ", len(w.undescribed))
	}
	return s + "It has a navigable table of contents, headings in a logical order, landmarks, and footnotes linked both ways. " +
		"The text reflows and can be read aloud; there are no flashing, motion or sound hazards."
}

func (w *writer) opf(items []manifestItem) string {
	meta := w.book.Meta
	var b strings.Builder
	f := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	f("<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"%s\">\n", xmlText(meta.Language))
	b.WriteString("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	f("<dc:identifier id=\"book-id\">%s</dc:identifier>\n", xmlText(meta.Identifier))
	f("<dc:title id=\"title\">%s</dc:title>\n", xmlText(meta.Title))
	b.WriteString("<meta refines=\"#title\" property=\"title-type\">main</meta>\n")
	if meta.Subtitle != "" {
		f("<dc:title id=\"subtitle\">%s</dc:title>\n", xmlText(meta.Subtitle))
		b.WriteString("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n")
	}
	f("<dc:creator id=\"creator\">%s</dc:creator>\n", xmlText(meta.Author))
	b.WriteString("<meta refines=\"#creator\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n")
	f("<dc:language>%s</dc:language>\n", xmlText(meta.Language))
	if meta.Date != "" {
		f("<dc:date>%s</dc:date>\n", xmlText(meta.Date))
	}
	if meta.Publisher != "" {
		f("<dc:publisher>%s</dc:publisher>\n", xmlText(meta.Publisher))
	}
	if meta.Rights != "" {
		f("<dc:rights>%s</dc:rights>\n", xmlText(meta.Rights))
	}
	if meta.Description != "" {
		f("<dc:description>%s</dc:description>\n", xmlText(meta.Description))
	}
	for _, s := range meta.Subjects {
		f("<dc:subject>%s</dc:subject>\n", xmlText(s))
	}
	if w.opt.Print != nil && len(w.pageFiles) > 0 {
		// The page numbers come from the print edition: name it as the pagination source.
		f("<dc:source id=\"print-source\">%s</dc:source>\n", xmlText(w.opt.Print.Source))
		b.WriteString("<meta refines=\"#print-source\" property=\"source-of\">pagination</meta>\n")
	}
	f("<meta property=\"dcterms:modified\">%s</meta>\n", w.opt.Modified.UTC().Format("2006-01-02T15:04:05Z"))
	// EPUB Accessibility 1.1 discovery metadata.
	b.WriteString("<meta property=\"schema:accessMode\">textual</meta>\n")
	b.WriteString("<meta property=\"schema:accessMode\">visual</meta>\n")
	feats := []string{"structuralNavigation", "tableOfContents", "readingOrder"}
	if len(w.undescribed) == 0 {
		b.WriteString("<meta property=\"schema:accessModeSufficient\">textual</meta>\n")
		feats = append(feats, "alternativeText")
	} else {
		// Pictures without a description cannot be read in words alone.
		b.WriteString("<meta property=\"schema:accessModeSufficient\">textual,visual</meta>\n")
	}
	if len(w.pageFiles) > 0 {
		feats = append(feats, "printPageNumbers", "pageNavigation")
	}
	if w.opt.Print != nil {
		for _, ch := range w.opt.Print.Generated {
			switch ch.Role {
			case doc.IndexChapter:
				feats = append(feats, "index")
			case doc.GlossaryChapter:
				feats = append(feats, "glossary")
			}
		}
	}
	for _, feat := range feats {
		f("<meta property=\"schema:accessibilityFeature\">%s</meta>\n", feat)
	}
	b.WriteString("<meta property=\"schema:accessibilityHazard\">none</meta>\n")
	f("<meta property=\"schema:accessibilitySummary\">%s</meta>\n", w.accessibilitySummary())
	for _, it := range items {
		if it.properties == "cover-image" {
			f("<meta name=\"cover\" content=\"%s\"/>\n", it.id)
		}
	}
	b.WriteString("</metadata>\n<manifest>\n")
	for _, it := range items {
		f("<item id=\"%s\" href=\"%s\" media-type=\"%s\"", it.id, xmlText(it.href), it.mediaType)
		if it.properties != "" {
			f(" properties=\"%s\"", it.properties)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("</manifest>\n<spine toc=\"ncx\">\n")
	for _, it := range items {
		if it.spine {
			f("<itemref idref=\"%s\"/>\n", it.id)
		}
	}
	b.WriteString("</spine>\n</package>\n")
	return b.String()
}

// tocEntry is a heading in the contents tree.
type tocEntry struct {
	title, href string
	level       int
	kids        []*tocEntry
}

// toc builds the contents tree: chapters with their sections nested by heading level, and
// the chapters after a part's title nested under it, until the next part or the end of
// their matter (back matter and the generated apparatus belong to no part).
func (w *writer) toc() []*tocEntry {
	var roots []*tocEntry
	matters := [][]*doc.Chapter{w.book.Chapters, w.book.Back}
	if w.opt.Print != nil {
		matters = append(matters, w.opt.Print.Generated)
	}
	for _, chs := range matters {
		var part *tocEntry
		for _, ch := range chs {
			e := w.chapterEntry(ch)
			if e == nil {
				continue
			}
			switch {
			case ch.Part:
				part = e
				roots = append(roots, e)
			case part != nil:
				part.kids = append(part.kids, e)
			default:
				roots = append(roots, e)
			}
		}
	}
	return roots
}

// chapterEntry is a chapter's entry in the contents, its sections nested under it.
func (w *writer) chapterEntry(ch *doc.Chapter) *tocEntry {
	var root *tocEntry
	var stack []*tocEntry
	for i, h := range ch.Sections() {
		if h.Role == doc.RoleIndexGroup {
			continue
		}
		e := &tocEntry{title: doc.PlainText(h.Inlines), href: chapterFile(ch) + "#" + h.ID, level: h.Level}
		if i == 0 {
			e.href = chapterFile(ch)
			e.level = 0
			root = e
			stack = []*tocEntry{e}
			continue
		}
		if root == nil {
			continue // a chapter that opens with no heading has no entry to hang sections on
		}
		for len(stack) > 1 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, e)
		stack = append(stack, e)
	}
	if root == nil && len(ch.Title) > 0 {
		root = &tocEntry{title: doc.PlainText(ch.Title), href: chapterFile(ch)}
	}
	return root
}

func (w *writer) nav() string {
	p := &page{}
	p.open(w.lang(), "Contents", "css/book.css", "frontmatter")
	p.raw("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">Contents</h1>\n")
	var list func([]*tocEntry)
	list = func(es []*tocEntry) {
		p.raw("<ol>\n")
		for _, e := range es {
			p.f("<li><a href=\"%s\">%s</a>", xmlText(e.href), xmlText(e.title))
			if len(e.kids) > 0 {
				p.raw("\n")
				list(e.kids)
			}
			p.raw("</li>\n")
		}
		p.raw("</ol>\n")
	}
	list(w.toc())
	p.raw("</nav>\n")
	p.raw("<nav epub:type=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n")
	if len(w.opt.Cover) > 0 {
		p.raw("<li><a epub:type=\"cover\" href=\"text/cover.xhtml\">Cover</a></li>\n")
	}
	p.raw("<li><a epub:type=\"titlepage\" href=\"text/titlepage.xhtml\">Title page</a></li>\n")
	p.raw("<li><a epub:type=\"copyright-page\" href=\"text/imprint.xhtml\">Imprint</a></li>\n")
	p.raw("<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">Contents</a></li>\n")
	if len(w.book.Chapters) > 0 {
		p.f("<li><a epub:type=\"bodymatter\" href=\"%s\">Start of text</a></li>\n", chapterFile(w.book.Chapters[0]))
	}
	if len(w.book.Back) > 0 {
		p.f("<li><a epub:type=\"backmatter\" href=\"%s\">Back matter</a></li>\n", chapterFile(w.book.Back[0]))
	}
	if w.opt.Print != nil {
		for _, ch := range w.opt.Print.Generated {
			if ch.Role == doc.GlossaryChapter || ch.Role == doc.IndexChapter {
				p.f("<li><a epub:type=\"%s\" href=\"%s\">%s</a></li>\n", ch.Role, chapterFile(ch), xmlText(doc.PlainText(ch.Title)))
			}
		}
	}
	p.raw("</ol>\n</nav>\n")
	p.raw(w.pageList())
	return p.close()
}

func (w *writer) ncx() string {
	meta := w.book.Meta
	var b strings.Builder
	f := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	f("<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"%s\">\n<head>\n", xmlText(meta.Language))
	f("<meta name=\"dtb:uid\" content=\"%s\"/>\n", xmlText(meta.Identifier))
	roots := w.toc()
	depth := 0
	var measure func([]*tocEntry, int)
	measure = func(es []*tocEntry, d int) {
		for _, e := range es {
			depth = max(depth, d)
			measure(e.kids, d+1)
		}
	}
	measure(roots, 1)
	f("<meta name=\"dtb:depth\" content=\"%d\"/>\n", max(depth, 1))
	b.WriteString("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n")
	f("<docTitle><text>%s</text></docTitle>\n<docAuthor><text>%s</text></docAuthor>\n<navMap>\n", xmlText(meta.Title), xmlText(meta.Author))
	order := 0
	var points func([]*tocEntry)
	points = func(es []*tocEntry) {
		for _, e := range es {
			order++
			f("<navPoint id=\"nav-%d\" playOrder=\"%d\"><navLabel><text>%s</text></navLabel><content src=\"%s\"/>\n", order, order, xmlText(e.title), xmlText(e.href))
			points(e.kids)
			b.WriteString("</navPoint>\n")
		}
	}
	points(roots)
	b.WriteString("</navMap>\n</ncx>\n")
	return b.String()
}
