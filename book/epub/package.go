package epub

import (
	"sort"
	"strconv"
	"strings"

	"bindery/book/doc"
	"bindery/book/lang"
)

// opf is the package document. Its lines of one per item, entry or page are appended
// without fmt, into a buffer made about as large as they need.
func (w *writer) opf(items []manifestItem) []byte {
	meta := w.book.Meta
	b := &page{b: make([]byte, 0, 4096+160*len(items))}
	f := b.f
	b.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	f("<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"%s\">\n", xmlText(meta.Language))
	b.raw("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	f("<dc:identifier id=\"book-id\">%s</dc:identifier>\n", xmlText(meta.Identifier))
	if meta.ISBN != "" {
		f("<dc:identifier id=\"isbn\">urn:isbn:%s</dc:identifier>\n", xmlText(meta.ISBN))
		b.raw("<meta refines=\"#isbn\" property=\"identifier-type\" scheme=\"onix:codelist5\">15</meta>\n")
	}
	f("<dc:title id=\"title\">%s</dc:title>\n", xmlText(meta.Title))
	b.raw("<meta refines=\"#title\" property=\"title-type\">main</meta>\n")
	if meta.Subtitle != "" {
		f("<dc:title id=\"subtitle\">%s</dc:title>\n", xmlText(meta.Subtitle))
		b.raw("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n")
	}
	f("<dc:creator id=\"creator\">%s</dc:creator>\n", xmlText(meta.Author))
	b.raw("<meta refines=\"#creator\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n")
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
	if w.opt.Print != nil && len(w.pages) > 0 {
		// The page numbers come from the print edition: name it as the pagination source.
		f("<dc:source id=\"print-source\">%s</dc:source>\n", xmlText(w.opt.Print.Source))
		b.raw("<meta refines=\"#print-source\" property=\"source-of\">pagination</meta>\n")
		if strings.HasPrefix(w.opt.Print.Source, "urn:isbn:") {
			b.raw("<meta refines=\"#print-source\" property=\"identifier-type\" scheme=\"onix:codelist5\">15</meta>\n")
		}
	}
	f("<meta property=\"dcterms:modified\">%s</meta>\n", w.opt.Modified.UTC().Format("2006-01-02T15:04:05Z"))
	// EPUB Accessibility 1.1 discovery metadata, from what the book has.
	facts := w.a11yFacts()
	b.raw("<meta property=\"schema:accessMode\">textual</meta>\n")
	if facts.cover || facts.images > 0 {
		b.raw("<meta property=\"schema:accessMode\">visual</meta>\n")
	}
	if facts.undescribed == 0 {
		b.raw("<meta property=\"schema:accessModeSufficient\">textual</meta>\n")
	} else {
		// Pictures without a description cannot be read in words alone.
		b.raw("<meta property=\"schema:accessModeSufficient\">textual,visual</meta>\n")
	}
	for _, feat := range facts.features() {
		f("<meta property=\"schema:accessibilityFeature\">%s</meta>\n", feat)
	}
	for _, h := range facts.hazards() {
		f("<meta property=\"schema:accessibilityHazard\">%s</meta>\n", h)
	}
	f("<meta property=\"schema:accessibilitySummary\">%s</meta>\n", xmlText(facts.summary(w.labels.Lang())))
	if facts.conforms() {
		b.raw("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>\n")
	}
	for _, it := range items {
		if it.properties == "cover-image" {
			f("<meta name=\"cover\" content=\"%s\"/>\n", it.id)
		}
	}
	b.raw("</metadata>\n<manifest>\n")
	for _, it := range items {
		b.raws("<item id=\"", it.id, "\" href=\"")
		b.text(it.href)
		b.raws("\" media-type=\"", it.mediaType, "\"")
		if it.properties != "" {
			b.raws(" properties=\"", it.properties, "\"")
		}
		b.raw("/>\n")
	}
	b.raw("</manifest>\n<spine toc=\"ncx\">\n")
	for _, it := range items {
		if it.spine {
			b.raws("<itemref idref=\"", it.id, "\"/>\n")
		}
	}
	b.raw("</spine>\n<guide>\n")
	for _, l := range w.landmarks() {
		if l.guideType != "" {
			f("<reference type=\"%s\" title=\"%s\" href=\"%s\"/>\n", l.guideType, xmlText(l.title), xmlText(l.href))
		}
	}
	b.raw("</guide>\n</package>\n")
	return b.b
}

// tocSize is how many entries the contents tree holds.
func tocSize(es []*tocEntry) int {
	n := len(es)
	for _, e := range es {
		n += tocSize(e.kids)
	}
	return n
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

func (w *writer) nav() []byte {
	roots := w.toc()
	p := &page{b: make([]byte, 0, 2048+96*tocSize(roots)+72*len(w.pages))}
	contents := xmlText(w.labels.Get(lang.Contents))
	p.open(w.lang(), w.labels.Get(lang.Contents), w.stylesheets(""), "frontmatter")
	p.raw("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">" + contents + "</h1>\n")
	var list func([]*tocEntry)
	list = func(es []*tocEntry) {
		p.raw("<ol>\n")
		for _, e := range es {
			p.raw("<li><a href=\"")
			p.text(e.href)
			p.raw("\">")
			p.text(e.title)
			p.raw("</a>")
			if len(e.kids) > 0 {
				p.raw("\n")
				list(e.kids)
			}
			p.raw("</li>\n")
		}
		p.raw("</ol>\n")
	}
	list(roots)
	p.raw("</nav>\n")
	marks := xmlText(w.labels.Get(lang.Landmarks))
	p.raw("<nav epub:type=\"landmarks\" aria-label=\"" + marks + "\" hidden=\"hidden\">\n<h2>" + marks + "</h2>\n<ol>\n")
	for _, l := range w.landmarks() {
		p.f("<li><a epub:type=\"%s\" href=\"%s\">%s</a></li>\n", l.epubType, xmlText(l.href), xmlText(l.title))
	}
	p.raw("</ol>\n</nav>\n")
	w.pageList(p)
	return p.closeBytes()
}

func (w *writer) ncx() []byte {
	meta := w.book.Meta
	roots := w.toc()
	b := &page{b: make([]byte, 0, 2048+150*tocSize(roots)+180*len(w.pages))}
	f := b.f
	b.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	f("<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"%s\">\n<head>\n", xmlText(meta.Language))
	f("<meta name=\"dtb:uid\" content=\"%s\"/>\n", xmlText(meta.Identifier))
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
	maxPage := 0
	for _, pr := range w.pages {
		if n, err := strconv.Atoi(pr.label); err == nil {
			maxPage = max(maxPage, n)
		}
	}
	f("<meta name=\"dtb:totalPageCount\" content=\"%d\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"%d\"/>\n</head>\n", len(w.pages), maxPage)
	f("<docTitle><text>%s</text></docTitle>\n<docAuthor><text>%s</text></docAuthor>\n<navMap>\n", xmlText(meta.Title), xmlText(meta.Author))
	order := w.playOrder(roots)
	n := 0
	var points func([]*tocEntry)
	points = func(es []*tocEntry) {
		for _, e := range es {
			n++
			b.raw("<navPoint id=\"nav-")
			b.int(n)
			b.raw("\" playOrder=\"")
			b.int(order[e.href])
			b.raw("\"><navLabel><text>")
			b.text(e.title)
			b.raw("</text></navLabel><content src=\"")
			b.text(e.href)
			b.raw("\"/>\n")
			points(e.kids)
			b.raw("</navPoint>\n")
		}
	}
	points(roots)
	b.raw("</navMap>\n")
	if len(w.pages) > 0 {
		// The print edition's pages, as EPUB 2 reading systems (Calibre among them) read them.
		b.raw("<pageList>\n<navLabel><text>" + xmlText(w.labels.Get(lang.Pages)) + "</text></navLabel>\n")
		for _, pr := range w.pages {
			href := pr.file + "#" + pageID(pr.label)
			b.raw("<pageTarget id=\"page-")
			b.text(pr.label)
			b.raw("\" type=\"normal\"")
			if _, err := strconv.Atoi(pr.label); err == nil {
				b.raws(" value=\"", pr.label, "\"")
			}
			b.raw(" playOrder=\"")
			b.int(order[href])
			b.raw("\"><navLabel><text>")
			b.text(pr.label)
			b.raw("</text></navLabel><content src=\"")
			b.text(href)
			b.raw("\"/></pageTarget>\n")
		}
		b.raw("</pageList>\n")
	}
	b.raw("</ncx>\n")
	return b.b
}

// playOrder numbers the NCX's targets, contents and pages together, in reading order: by
// file in the spine, then by place in the file.
func (w *writer) playOrder(roots []*tocEntry) map[string]int {
	fileAt := map[string]int{}
	for i, ch := range w.chapters() {
		fileAt[chapterFile(ch)] = i
	}
	type target struct {
		href         string
		file, offset int
	}
	var targets []target
	var walk func([]*tocEntry)
	walk = func(es []*tocEntry) {
		for _, e := range es {
			file, id, _ := strings.Cut(e.href, "#")
			off := 0
			if id != "" {
				off = w.offsets[id]
			}
			targets = append(targets, target{e.href, fileAt[file], off})
			walk(e.kids)
		}
	}
	walk(roots)
	for _, pr := range w.pages {
		targets = append(targets, target{pr.file + "#" + pageID(pr.label), fileAt[pr.file], pr.offset})
	}
	sort.SliceStable(targets, func(i, j int) bool {
		if targets[i].file != targets[j].file {
			return targets[i].file < targets[j].file
		}
		return targets[i].offset < targets[j].offset
	})
	order := map[string]int{}
	for _, t := range targets {
		if _, ok := order[t.href]; !ok {
			order[t.href] = len(order) + 1
		}
	}
	return order
}
