// Package epub writes a book's document model as an EPUB 3 publication: XHTML chapters, a
// navigation document with table of contents and landmarks, an NCX for older readers, and a
// package document with full and accessibility metadata. Output is byte-for-byte reproducible.
package epub

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"bindery/book/compress"
	"bindery/book/doc"
	"bindery/book/highlight"
	"bindery/book/lang"
	"bindery/book/parallel"
)

// Options are what the EPUB needs beyond the document model.
type Options struct {
	// Modified is the dcterms:modified date and the time stamped on zip entries.
	Modified time.Time
	// Stylesheet is the CSS for every XHTML file.
	Stylesheet []byte
	// Media is CSS with media queries, linked after Stylesheet from a file of its own: Adobe's
	// RMSDK (Kobo, older e-readers) ignores a whole stylesheet that has one.
	Media []byte
	// Cover is the cover image and its media type (image/png or image/jpeg).
	Cover     []byte
	CoverType string
	// CoverLater, if set, gives Cover and CoverType once the chapters are written: a cover
	// drawn beside the build then holds back only the pages that show it.
	CoverLater func() ([]byte, string, error)
	// Fonts to embed, by file name (only when the book asks for it).
	Fonts map[string][]byte
	// Image reads an image the manuscript refers to, returning its bytes and media type.
	Image func(src string) ([]byte, string, error)
	// Generator names the tool in the imprint page.
	Generator string
	// Print carries the print edition's page numbers and generated back matter, if any.
	Print *Print
	// Labels are the words the EPUB writes itself (Contents, Cover, landmarks…), in the
	// book's language; the zero value means the language's own, unchanged.
	Labels lang.Labels
	// Highlight is the palette of syntax highlighting (book/highlight: "colour",
	// "print-safe"); "" or "none": code is written plain.
	Highlight string
	// TabWidth is the columns of a tab in code (CSS tab-size); 0 leaves the stylesheet's 4.
	TabWidth int
	// Acronyms, if set, are the book's acronyms, written as <abbr class="acronym"> (small
	// capitals, by the stylesheet) in running text, as print sets them (book/layout's
	// variants.go says where).
	Acronyms *doc.Acronyms
	// OldstyleFigures asks for oldstyle figures in running text and lining ones in
	// headings, tables and code (font-variant-numeric), as print sets them.
	OldstyleFigures bool
	// Compressed, if set, keeps compressed entries for the next Write (a rebuild).
	Compressed *Compressed
}

type image struct {
	n         int    // 1, 2, … in reading order
	href      string // relative to OEBPS
	mediaType string
	data      []byte
}

type writer struct {
	book   *doc.Book
	opt    Options
	labels lang.Labels // the words the EPUB writes itself
	// files are the XHTML file (relative to OEBPS) of each anchor ID, as an index into
	// fileNames: a long book has hundreds of thousands of IDs, and a 4-byte value where a
	// string's header was 16 makes the maps a quarter smaller.
	files     *idFiles
	fileNames []string
	images    map[string]image // by source path as written

	breaks map[doc.Block][]PageBreak // print page starts, by block
	marked map[string]bool           // page labels already marked
	pages  []pageRef                 // page markers in reading order
	// offsets are where headings begin in their files, by ID, to order the NCX's targets.
	offsets map[string]int
	// math is set when the book has mathematics (TeX source), for the metadata.
	math bool
	// noteRefs are the reference numbers (FootnoteRef.N) of each note's references, in
	// reading order: each gets a link back from the note.
	noteRefs map[*doc.Footnote][]int
	// undescribed are the pictures written with neither a description nor a caption, by
	// source, for the accessibility metadata.
	undescribed map[string]bool
	// log, while a chapter is rendered for a kept Compressed, notes what it looks up.
	log *chapterLog
	// weights are the chapters' blocks and inlines, by chapter: the longest are written
	// first (writeChapters).
	weights []int
}

// chapters are the book's chapters in reading order, the generated back matter last.
func (w *writer) chapters() []*doc.Chapter {
	chs := w.book.AllChapters()
	if w.opt.Print != nil {
		chs = append(chs, w.opt.Print.Generated...)
	}
	return chs
}

// crossRefText is the text of a cross-reference: the target's title and its print page, as
// in the print edition, so that both editions read alike.
func (w *writer) crossRefText(id string) string {
	a, ok := w.book.Anchors.Lookup(id)
	if !ok {
		if w.log != nil {
			w.log.facts = append(w.log.facts, fact{factCrossRef, id, doc.Unresolved})
		}
		return doc.Unresolved // a draft's reference that leads nowhere
	}
	title := a.Title
	page := ""
	if w.opt.Print != nil && w.opt.Print.Label != nil {
		page = w.opt.Print.Label(id)
	}
	text := doc.CrossRefText(w.labels, title, page)
	if w.log != nil {
		w.log.facts = append(w.log.facts, fact{factCrossRef, id, text})
	}
	return text
}

// manifestItem is one entry of the OPF manifest.
type manifestItem struct {
	id, href, mediaType, properties string
	data                            []byte
	spine                           bool
	// packed, when set, is the entry already compressed (a chapter's: data is then nil).
	packed *zipEntry
}

// Write writes the EPUB of b to w.
func Write(w io.Writer, b *doc.Book, opt Options) error {
	if b == nil || b.Meta == nil {
		return errors.New("epub: no book")
	}
	ids := 0
	if opt.Compressed != nil {
		ids = opt.Compressed.ids
	}
	if ids == 0 {
		ids = idsFor(b, opt.Print)
	}
	files := opt.Compressed.takeFiles(ids)
	wr := &writer{book: b, opt: opt, files: files, images: map[string]image{},
		breaks: map[doc.Block][]PageBreak{}, marked: map[string]bool{}, undescribed: map[string]bool{},
		offsets: map[string]int{}, noteRefs: map[*doc.Footnote][]int{}, labels: opt.Labels}
	if wr.labels.Lang() == "" {
		wr.labels = lang.For(b.Meta.Language, nil)
	}
	if opt.Print != nil {
		for _, pb := range opt.Print.Breaks {
			wr.breaks[pb.Block] = append(wr.breaks[pb.Block], pb)
		}
	}
	if c := opt.Compressed; c != nil {
		// The chapters are compressed as they are written (items), the rest in zip.
		c.begin()
		defer c.end()
	}
	items, err := wr.items()
	if err == nil {
		err = wr.zip(w, items)
	}
	opt.Compressed.keepFiles(files)
	return err
}

func chapterFile(ch *doc.Chapter) string { return "text/" + ch.ID + ".xhtml" }

// href gives the link from a chapter's file to the anchor id.
func (w *writer) href(from *doc.Chapter, id string) string {
	file, ok := w.fileOf(id)
	if !ok {
		return "#" + id
	}
	return hrefTo(from, id, file)
}

// hrefParts are the parts of href(from, id), escaped: written one after another they are
// xmlText of it, with no string made unless something needs escaping. A long book's links
// (index locators, glossary uses) were a string each, then another for their attributes.
func (w *writer) hrefParts(from *doc.Chapter, id string) [4]string {
	file, ok := w.fileOf(id)
	return hrefParts(from, id, file, ok)
}

// hrefParts is the method for id, found in file or not.
func hrefParts(from *doc.Chapter, id, file string, found bool) [4]string {
	if !found || (from != nil && isChapterFile(file, from)) {
		if xmlClean(id) {
			return [4]string{"#", id}
		}
		return [4]string{xmlText("#" + id)}
	}
	if xmlClean(file) && xmlClean(id) {
		return [4]string{"../", file, "#", id}
	}
	return [4]string{xmlText(hrefTo(from, id, file))}
}

// hrefTo is href for an id known to be in file.
func hrefTo(from *doc.Chapter, id, file string) string {
	if from != nil && isChapterFile(file, from) {
		return "#" + id
	}
	return "../" + file + "#" + id
}

// isChapterFile reports whether file is chapterFile(ch), without making that string.
func isChapterFile(file string, ch *doc.Chapter) bool {
	rest, ok := strings.CutPrefix(file, "text/")
	return ok && strings.TrimSuffix(rest, ".xhtml") == ch.ID && strings.HasSuffix(rest, ".xhtml")
}

// idsFor is about how many IDs placeIDs will place in b and the generated chapters of pr:
// the index's marks and the glossary's uses (most of a long book's), a few for each
// chapter's headings and notes. The map is made that large once instead of grown by
// doubling, which at 100x copied megabytes.
func idsFor(b *doc.Book, pr *Print) int {
	n := b.Apparatus.Places()
	chs := len(b.Chapters) + len(b.Back)
	if pr != nil {
		chs += len(pr.Generated)
	}
	return n + n/8 + 16*chs
}

func (w *writer) items() ([]manifestItem, error) {
	chs := w.chapters()
	srcs := w.placeIDs(chs)
	if c := w.opt.Compressed; c != nil {
		c.ids = w.files.len()
	}
	if err := w.collectImages(srcs); err != nil {
		return nil, err
	}

	var items []manifestItem
	add := func(it manifestItem) { items = append(items, it) }
	css := w.stylesheets("../")

	add(manifestItem{id: "titlepage", href: "text/titlepage.xhtml", mediaType: xhtmlType, spine: true, data: []byte(w.titlePage(css))})
	add(manifestItem{id: "imprint", href: "text/imprint.xhtml", mediaType: xhtmlType, spine: true, data: []byte(w.imprintPage(css))})
	// Chapters before the navigation document: writing them places the page markers the
	// nav's page-list lists.
	chapters := w.writeChapters(chs, css)
	if later := w.opt.CoverLater; later != nil {
		var err error
		if w.opt.Cover, w.opt.CoverType, err = later(); err != nil {
			return nil, err
		}
	}
	// The cover comes first; nothing before it here depends on it.
	coverHref := "images/cover.png"
	if w.opt.CoverType == "image/jpeg" {
		coverHref = "images/cover.jpg"
	}
	if len(w.opt.Cover) > 0 {
		items = append([]manifestItem{
			{id: "cover-image", href: coverHref, mediaType: w.opt.CoverType, properties: "cover-image", data: w.opt.Cover},
			{id: "cover", href: "text/cover.xhtml", mediaType: xhtmlType, spine: true, data: []byte(w.coverPage("../" + coverHref))},
		}, items...)
	}
	nav, ncx := w.navigation()
	add(manifestItem{id: "nav", href: "nav.xhtml", mediaType: xhtmlType, properties: "nav", spine: true, packed: nav})
	items = append(items, chapters...)
	add(manifestItem{id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml", packed: ncx})
	add(manifestItem{id: "css", href: "css/book.css", mediaType: "text/css", data: w.stylesheet()})
	if len(w.opt.Media) > 0 {
		add(manifestItem{id: "css-media", href: "css/media.css", mediaType: "text/css", data: w.opt.Media})
	}
	return append(items, w.resources()...), nil
}

// navigation makes the nav and the NCX beside each other, each compressed by the goroutine
// that made it: with a long book's page list (thousands of pages, a megabyte) they were what
// ran on one core after its chapters.
func (w *writer) navigation() (nav, ncx *zipEntry) {
	makers := [2]func() []byte{w.nav, w.ncx}
	var made [2]*zipEntry
	parallel.For(len(makers), func(_, i int) {
		e := &zipEntry{data: makers[i]()}
		e.compress(w.opt.Compressed)
		made[i] = e
	})
	return made[0], made[1]
}

// resources are the pictures, in reading order (img-N is image-00N), and the fonts.
func (w *writer) resources() []manifestItem {
	var items []manifestItem
	imgs := make([]string, 0, len(w.images))
	for src := range w.images {
		imgs = append(imgs, src)
	}
	sort.Slice(imgs, func(i, j int) bool { return w.images[imgs[i]].n < w.images[imgs[j]].n })
	for i, src := range imgs {
		img := w.images[src]
		items = append(items, manifestItem{id: fmt.Sprintf("img-%d", i+1), href: img.href, mediaType: img.mediaType, data: img.data})
	}
	names := make([]string, 0, len(w.opt.Fonts))
	for n := range w.opt.Fonts {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		items = append(items, manifestItem{id: fmt.Sprintf("font-%d", i+1), href: "fonts/" + n, mediaType: "font/ttf", data: w.opt.Fonts[n]})
	}
	return items
}

const xhtmlType = "application/xhtml+xml"

// collectImages reads every image the book uses, once each, in reading order (srcs, as
// placeIDs found them: wherever they stand, the generated back matter included).
func (w *writer) collectImages(srcs []string) error {
	for i, src := range srcs {
		if w.opt.Image == nil {
			return fmt.Errorf("epub: image %s: no image reader configured", src)
		}
		data, mt, err := w.opt.Image(src)
		if err != nil {
			return err
		}
		ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg"}[mt]
		if ext == "" {
			return fmt.Errorf("image %s: %s is not an image type EPUB readers show (PNG, JPEG, GIF, SVG)", src, mt)
		}
		w.images[src] = image{n: i + 1, href: fmt.Sprintf("images/image-%03d%s", i+1, ext), mediaType: mt, data: data}
	}
	return nil
}

func (w *writer) lang() string { return w.book.Meta.Language }

func (w *writer) stylesheet() []byte {
	css := w.opt.Stylesheet
	if hl := highlight.CSS(w.opt.Highlight); hl != "" {
		css = append(append(append([]byte(nil), css...), '\n'), hl...)
	}
	if n := w.opt.TabWidth; n > 0 && n != 4 {
		css = append(append([]byte(nil), css...), fmt.Sprintf("pre { tab-size: %d; -moz-tab-size: %d; }\n", n, n)...)
	}
	if w.opt.OldstyleFigures {
		css = append(append([]byte(nil), css...), oldstyleCSS...)
	}
	if len(w.opt.Fonts) == 0 {
		return css
	}
	var b bytes.Buffer
	names := make([]string, 0, len(w.opt.Fonts))
	for n := range w.opt.Fonts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		lower := strings.ToLower(n)
		weight, style := "normal", "normal"
		if strings.Contains(lower, "bold") {
			weight = "bold"
		}
		if strings.Contains(lower, "italic") {
			style = "italic"
		}
		fmt.Fprintf(&b, "@font-face { font-family: \"Book Serif\"; font-weight: %s; font-style: %s; src: url(\"../fonts/%s\"); }\n", weight, style, n)
	}
	b.WriteString("body { font-family: \"Book Serif\", serif; }\n")
	b.Write(css)
	return b.Bytes()
}

// oldstyleCSS sets running text in oldstyle figures, and what stands in columns or
// display lines in lining ones, as book/layout does.
const oldstyleCSS = "body { font-variant-numeric: oldstyle-nums; }\n" +
	"h1, h2, h3, h4, h5, h6, code, kbd, samp, pre { font-variant-numeric: lining-nums; }\n" +
	"table { font-variant-numeric: lining-nums tabular-nums; }\n"

// stylesheets are the hrefs of the stylesheets from a file whose path to OEBPS is prefix.
func (w *writer) stylesheets(prefix string) []string {
	css := []string{prefix + "css/book.css"}
	if len(w.opt.Media) > 0 {
		css = append(css, prefix+"css/media.css")
	}
	return css
}

// chapter writes ch, chapter i, into a buffer of chapterBuffers; the packer gives it back
// once the chapter is compressed.
func (w *writer) chapter(i int, ch *doc.Chapter, css []string) []byte {
	p := &page{b: w.chapterBuffer(i)}
	bodyType, secType, role := "bodymatter", "chapter", "doc-chapter"
	if ch.Matter == doc.BackMatter {
		bodyType, secType, role = "backmatter", "appendix", "doc-appendix"
	}
	if ch.Part {
		secType, role = "part", "doc-part"
	}
	switch {
	case isGlossary(ch):
		secType, role = "glossary", "doc-glossary"
	case isIndex(ch):
		// The index's semantics are on its section, where the role can match them (Ace:
		// epub:type on <body> has no ARIA role to match). The manifest then does not call
		// the document an index: epubcheck 4.2.6 would want the type on <body>.
		secType, role = "index", "doc-index"
	}
	p.open(w.lang(), doc.PlainText(ch.Title), css, bodyType)
	p.f("<section epub:type=\"%s\" role=\"%s\" aria-labelledby=\"%s\">\n", secType, role, xmlText(ch.ID))
	r := &chapterRenderer{w: w, ch: ch, out: p}
	r.blocks(ch.Blocks)
	r.closeGroup()
	r.footnotes()
	p.raw("</section>\n")
	return p.closeBytes()
}

// chapterBuffers hold chapters' XHTML while they are written and compressed: each grows to
// the longest chapter once, where a new buffer grown by doubling for every chapter touched
// twice the text's size in fresh memory. Not a sync.Pool: every collection emptied it, and a
// long book's chapters then grew new buffers from nothing (the 100-fold book: 0.18 s).
var chapterBuffers bufferList

// bufferList keeps a few emptied buffers for the next chapters; a chapter is written while
// at most a worker's count of others are compressed, so a few serve every chapter.
type bufferList struct {
	mu   sync.Mutex
	free [][]byte
}

// Buffers past keptBuffers, or larger than keptBuffer (a long book's index), are let go.
const (
	keptBuffers = 8
	keptBuffer  = 1 << 20
)

// bytesPerWeight is about the most XHTML a chapter writes for each of its blocks and inlines
// (writer.weights): the default book's chapters write 44–54 bytes, its generated ones 25–38
// (at 100×: the index 35, 7.1 MB; the chronology 38; the glossary 25).
const bytesPerWeight = 40

// chapterBuffer is a buffer for chapter i: a kept one, or for a chapter longer than any kept
// (a long book's index, chronology, glossary) one made as large as it is likely to need,
// where grown by doubling the 100-fold book's index alone allocated 14 MB of fresh memory.
func (w *writer) chapterBuffer(i int) []byte {
	b := chapterBuffers.get()
	if want := w.weights[i] * bytesPerWeight; want > keptBuffer && cap(b) < want {
		if b != nil {
			chapterBuffers.put(b)
		}
		b = make([]byte, 0, want)
	}
	return b
}

// get returns an empty buffer, kept or new.
func (l *bufferList) get() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.free); n > 0 {
		b := l.free[n-1]
		l.free[n-1] = nil
		l.free = l.free[:n-1]
		return b
	}
	return nil
}

// put keeps b, emptied, for a chapter to come.
func (l *bufferList) put(b []byte) {
	if cap(b) > keptBuffer {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.free) < keptBuffers {
		l.free = append(l.free, b[:0])
	}
}

func (w *writer) coverPage(img string) string {
	p := &page{}
	meta := w.book.Meta
	p.open(w.lang(), w.labels.Get(lang.Cover), w.stylesheets("../"), "frontmatter")
	p.raw("<section epub:type=\"cover\" class=\"cover\">\n")
	p.f("<img role=\"doc-cover\" src=\"%s\" alt=\"%s\"/>\n", img, xmlText(w.labels.Get(lang.CoverOf, meta.Title, meta.Author)))
	p.raw("</section>\n")
	return p.close()
}

func (w *writer) titlePage(css []string) string {
	p := &page{}
	meta := w.book.Meta
	p.open(w.lang(), meta.Title, css, "frontmatter")
	p.raw("<section epub:type=\"titlepage\" class=\"titlepage\" aria-label=\"Title page\">\n")
	p.f("<h1 class=\"title\">%s</h1>\n", xmlText(meta.Title))
	if meta.Subtitle != "" {
		p.f("<p class=\"subtitle\">%s</p>\n", xmlText(meta.Subtitle))
	}
	p.f("<p class=\"author\">%s</p>\n", xmlText(meta.Author))
	if meta.Publisher != "" && meta.Publisher != meta.Author {
		p.f("<p class=\"publisher\">%s</p>\n", xmlText(meta.Publisher))
	}
	p.raw("</section>\n")
	return p.close()
}

func (w *writer) imprintPage(css []string) string {
	p := &page{}
	meta := w.book.Meta
	p.open(w.lang(), w.labels.Get(lang.Imprint), css, "frontmatter")
	p.raw("<section epub:type=\"copyright-page\" class=\"imprint\" aria-label=\"Imprint\">\n")
	// The imprint's text is the print edition's (doc.Imprint), the title first.
	for i, line := range doc.Imprint(meta, w.labels) {
		if i == 0 {
			p.f("<p><i>%s</i></p>\n", xmlText(line))
		} else {
			p.f("<p>%s</p>\n", xmlText(line))
		}
	}
	for _, ch := range w.book.Back {
		if ch.ID == "edition-notes" {
			p.f("<p>%s <a href=\"%s\">%s</a>.</p>\n", xmlText(w.labels.Get(lang.AboutEdition)), xmlText(w.href(nil, ch.ID)), xmlText(doc.PlainText(ch.Title)))
		}
	}
	if w.opt.Generator != "" {
		p.f("<p class=\"colophon\">Made with %s.</p>\n", xmlText(w.opt.Generator))
	}
	p.raw("</section>\n")
	return p.close()
}

// zip writes the container: mimetype first and stored, then everything in a fixed order with
// fixed times, so the same book gives the same bytes. Entries are compressed concurrently
// and written raw; images, compressed already, are stored as they are.
func (w *writer) zip(out io.Writer, items []manifestItem) error {
	z := zip.NewWriter(out)
	// CreateRaw leaves the MS-DOS date fields to the caller.
	t := w.opt.Modified.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	dosDate := uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	dosTime := uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	mimetype := []byte("application/epub+zip")
	// Stored, no data descriptor and no extra field: readers find the type at byte 38.
	hw, err := z.CreateRaw(&zip.FileHeader{
		Name: "mimetype", Method: zip.Store, Modified: t, ModifiedDate: dosDate, ModifiedTime: dosTime,
		CRC32: crc32.ChecksumIEEE(mimetype), CompressedSize64: uint64(len(mimetype)), UncompressedSize64: uint64(len(mimetype)),
	})
	if err != nil {
		return err
	}
	if _, err := hw.Write(mimetype); err != nil {
		return err
	}
	entries := []*zipEntry{
		{name: "META-INF/container.xml", data: []byte(containerXML)},
		{name: "OEBPS/content.opf", data: w.opf(items)},
	}
	for _, it := range items {
		if it.packed != nil {
			it.packed.name = path.Join("OEBPS", it.href)
			entries = append(entries, it.packed)
			continue
		}
		entries = append(entries, &zipEntry{name: path.Join("OEBPS", it.href), data: it.data})
	}
	parallel.For(len(entries), func(_, i int) {
		if e := entries[i]; !e.done {
			e.compress(w.opt.Compressed)
		}
	})
	for _, e := range entries {
		fw, err := z.CreateRaw(&zip.FileHeader{
			Name: e.name, Method: e.method, Modified: t, ModifiedDate: dosDate, ModifiedTime: dosTime,
			CRC32: e.crc, CompressedSize64: uint64(len(e.body)), UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.body); err != nil {
			return err
		}
	}
	return z.Close()
}

// deflate compresses an entry, by compressors the process keeps and shares with the PDF
// writer.
func deflate(data []byte) []byte { return compress.Raw(6, data) }

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`
