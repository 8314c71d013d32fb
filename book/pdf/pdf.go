// Package pdf writes a laid-out book (book/layout's pages) as a tagged PDF (PDF/UA-1): font
// subsets of the book's TrueType faces, one content stream per page painted in order and
// compressed in parallel, a structure tree made from the document model the runs point into,
// links and named namedDests, a nested outline, page labels, document information, XMP metadata and a
// content-derived /ID, so that the file is byte-for-byte reproducible. It also writes the
// print shop's pages (bleed, marks), the print cover, and the pages imposed as a booklet.
//
// The writer is our own (it replaced gopdf, whose one text operation per word and
// formatted output cost more than the rest of the build): text is set one TJ array per line,
// with the glyph widths the layout measured (book/font's integer 1/1000 em advances), so the
// glyphs land where the layout put them.
//
// The files, in the order a file is written: pdf.go runs the writing (pictures named, pages
// painted, the shared resources, the catalog, the document information); content.go paints
// a page's text, rules and pictures and notes the glyphs drawn, in the codes codes.go gives
// them as they are first drawn (one byte a glyph, 256 to a font resource), paintings.go
// keeps each page's painting for the next Write of a rebuild; fonts.go embeds
// each face drawn (/W, descriptor, ToUnicode) over the subset subset.go makes from
// book/font's reading of the face; images.go embeds pictures with their soft masks; book.go
// writes the print
// edition's pages, links, named namedDests, outline and page labels, impose.go the
// booklet's sheets instead (in signatures, with creep); tags.go builds and writes the
// structure tree (treearena.go the memory it is cut from), paintorder.go the order a
// page's runs are painted and tagged in; xmp.go the metadata; printshop.go the trim and bleed boxes and the marks;
// cover.go and ean13.go the print cover with its barcode; file.go numbers the objects, packs
// the small ones in object streams, writes the cross-reference stream and the /ID, and spells
// numbers (numbers.go the painter's fixed-point ones) and strings as PDF does.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"bindery/book/font"
	"bindery/book/layout"
	"bindery/book/parallel"
)

// Info is the document information, and what else the PDF needs beyond the layout.
type Info struct {
	Title, Author, Subject, Keywords, Creator string
	Language                                  string
	// Date is recorded as creation and modification date (SOURCE_DATE_EPOCH or the book's date).
	Date time.Time
	// Image returns a picture the layout placed, prepared for print.
	Image func(src string) (*Image, error)
	// Bleed, in points, is printed beyond the trimmed page on every side; Marks adds crop
	// and registration marks around it, for a print shop (printshop.go).
	Bleed float64
	Marks bool
	// Streams, if set, keeps compressed streams for the next Write (a rebuild).
	Streams *Streams
	// Paintings, if set, keeps each page's painting for the next Write (watch, serve): a
	// page that reads the same is not painted again.
	Paintings *Paintings
	// Release lets each page's runs, lines, rules and pictures go once it is painted, so
	// that a long book's pages do not outlive their painting; what the rest of the file and
	// the EPUB read (labels, starts, links, marks) stays; in a rebuild the runs' array goes
	// to the pages the next layout ships out (layout.Document.ReleaseRuns). For a caller that
	// reads no more of the pages' content after Write (a build without a booklet).
	Release bool
	// Painted, if set, is called once every page is painted: the rest of Write (the
	// structure tree, the names, the object streams) is mostly compressing and formatting
	// on other goroutines, with cores to spare at the start, and the caller may start
	// other work then.
	Painted func()
}

// Fonts are the book family's four faces and the code family's, the same the layout measured
// with; the subsets are made from the files the faces were read from.
type Fonts struct {
	Family *font.Family
	Base   string // the family's file name base, for the font names
	// Code is the monospaced family (layout.Mono styles); nil: the book's family.
	Code     *font.Family
	CodeBase string
}

// numFaces is the number of faces a book draws with: its family's four, the code family's
// four, indexed by layout.Style.
const numFaces = 8

func (f Fonts) faces() [numFaces]*font.Face {
	code := f.Code
	if code == nil {
		code = f.Family
	}
	return [numFaces]*font.Face{f.Family.Regular, f.Family.Italic, f.Family.Bold, f.Family.BoldItalic,
		code.Regular, code.Italic, code.Bold, code.BoldItalic}
}

// Write renders d as a PDF to w.
func Write(w io.Writer, d *layout.Document, info Info, fonts Fonts) error {
	return render(w, d, info, fonts, asBook, true)
}

// asBook arranges the pages as the book: one PDF page each, with its tree and outline.
func asBook(r *rendering, pages int) (string, error) { return r.book(pages) }

// Pages are a book's pages as a streamed layout pass gives them (layout.PageSink), for
// WritePages: Next blocks until the next page is drawn, and gives nil after the last; then
// Document gives the whole document (nil if the pass was not the last).
type Pages interface {
	Next() *layout.Page
	Document() *layout.Document
}

// ErrVoid is WritePages's error when the pages' pass was not the last, or placed other
// anchors than it foresaw: the file is void, and the caller writes the document whole.
var ErrVoid = errors.New("pdf: the pages streamed were not the book's last")

// WritePages renders as a PDF to w the pages of a document begun as d (its settings and
// chapters: layout.PageSink's Begin), painting each as it comes: a long book's pages need
// not be alive together. anchors are the IDs the pass foresaw placing (links to them are
// written, with their structure, as the pages are tagged). The bytes are Write's for the
// document the pages end in.
func WritePages(w io.Writer, d *layout.Document, anchors []string, pages Pages, info Info, fonts Fonts) error {
	src := &pageSource{next: pages.Next, whole: pages.Document, known: sortedIDs(anchors)}
	return renderFrom(w, d, src, info, fonts, asBook, true)
}

// pageSource is where render takes its pages from: next gives them in order (nil after
// the last); whole, if set, gives the document once they are all given, and known the
// anchors foreseen (without whole: the document's, from its map).
type pageSource struct {
	next  func() *layout.Page
	whole func() *layout.Document
	known sortedIDs
}

// rendering is one PDF being assembled: the pages painted, the shared resources written.
type rendering struct {
	f         *file
	d         *layout.Document
	info      Info
	pageW     float64
	pageH     float64
	contents  [][]byte // compressed content stream of each page
	resources int      // the resource dictionary every page shares
	// resourceDict is its text, for a page that needs more (the cover's picture).
	resourceDict string
	// tags is the logical structure of the book; dests the anchors that have a destination.
	tags  *structure
	dests namedDests
	// sorted, if set, gives whether the dests being sorted are the anchors foreseen.
	sorted chan bool
}

// destinations waits for the dests, if they are being sorted; ErrVoid when they are not the
// anchors the pages were tagged with.
func (r *rendering) destinations() (namedDests, error) {
	if r.sorted != nil {
		ok := <-r.sorted
		r.sorted = nil
		if !ok {
			return nil, ErrVoid
		}
	}
	return r.dests, nil
}

// render paints every page and writes the shared resources; then arrange writes the pages of
// the file around them (the book's, a booklet's sheets, a cover) and returns the catalog
// entries they need; the catalog and the document information come last. A tagged file
// (the book) says so in its metadata.
func render(w io.Writer, d *layout.Document, info Info, fonts Fonts, arrange func(r *rendering, pages int) (string, error), tagged bool) (err error) {
	i := 0
	next := func() *layout.Page {
		if i == len(d.Pages) {
			return nil
		}
		i++
		return d.Pages[i-1]
	}
	return renderFrom(w, d, &pageSource{next: next}, info, fonts, arrange, tagged)
}

// renderFrom is render with the pages from src.
func renderFrom(w io.Writer, d *layout.Document, src *pageSource, info Info, fonts Fonts, arrange func(r *rendering, pages int) (string, error), tagged bool) (err error) {
	r := &rendering{d: d, info: info}
	defer func() {
		// A malformed font or image must give an error, never crash the build.
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: %v", p)
		}
		if err != nil && r.f != nil {
			r.f.drain() // its writing goroutine ends
		}
	}()
	if fonts.Family == nil {
		return fmt.Errorf("pdf: no fonts")
	}
	r.pageW, r.pageH = ptOf(d.Settings.PageWidth), ptOf(d.Settings.PageHeight)
	info.Streams.begin()
	defer info.Streams.end()
	// A booklet's pages are the book's, marked content and all (its sheets have no tree).
	var order *destOrder
	if info.Paintings != nil {
		order = &info.Paintings.dests
	}
	var known anchorNames = src.known
	if src.whole == nil {
		r.dests = anchorDests(d, r.pageH, info.margin(), order)
		known = r.dests
	}
	r.tags = newStructure(d, known, info.Paintings)
	use, enc, srcs := r.paint(fonts.faces(), src.next, len(d.Pages))
	if info.Paintings != nil {
		info.Paintings.treeKeys = len(r.tags.slots)
	}
	if info.Painted != nil {
		info.Painted()
	}
	if src.whole != nil {
		// The pages were tagged with the anchors foreseen: the file stands only if they are
		// the anchors placed.
		if d = src.whole(); d == nil || len(d.Pages) != len(r.tags.pages) {
			return ErrVoid
		}
		r.d = d
		// Sorted beside the writing of the resources and pages, which do not read them:
		// the name tree waits for them (destinations).
		sorted := make(chan bool, 1)
		r.sorted = sorted
		go func() {
			r.dests = anchorDests(d, r.pageH, info.margin(), order)
			sorted <- slices.EqualFunc(r.dests, src.known, func(a dest, id string) bool { return a.id == id })
		}()
	}

	r.f = newFile(w, info.Streams)
	root, pages := r.f.alloc(), r.f.alloc()
	r.resources = r.f.alloc()
	if err := r.writeResources(fonts, use, enc, srcs); err != nil {
		return err
	}
	catalog, err := arrange(r, pages)
	if err != nil {
		return err
	}
	catalog += r.writeMetadata(tagged)
	r.writeCatalog(root, pages, catalog)
	return r.f.finish(root, r.writeInfo())
}

// paint paints the pages next gives in order (about n, for the workers), each once, and
// compresses them on every core; it returns the glyphs drawn and their codes, and the
// pictures' sources in the order they are first drawn (/Im0, /Im1, …). The codes are given
// as glyphs are first drawn (codes.go), so a page's content is final once painted and its
// runs can go at once; painting is a small part of the cost of a page beside its
// compression. A page the last Write painted from the same inputs (info.Paintings) is
// taken as it was.
func (r *rendering) paint(faces [numFaces]*font.Face, next func() *layout.Page, n int) (*glyphUse, *[numFaces]*codes, []string) {
	images := map[string]int{}
	var srcs []string
	pt := &painter{faces: faces, pageH: r.pageH, images: images, use: newGlyphUse(faces), codes: new([numFaces]*codes)}
	for s, f := range faces {
		pt.codes[s] = newCodes(f)
	}
	kept := r.info.Paintings
	var made []*painting // this Write's paintings, by page, for kept
	var chain paintingKey
	if kept != nil {
		kept.begin(faces, r.pageH)
		made = make([]*painting, 0, n)
		rec := kept.record(faces)
		pt.use.rec = rec
		for s := range faces {
			pt.codes[s].rec, pt.codes[s].face = rec, uint8(s)
		}
	}
	// Each page's compressed content goes to a box of its own: the list of them grows
	// while the workers fill the boxes.
	var boxes []*[]byte
	var room [][]byte
	compress, done := r.compressor(max(n, 2))
	defer done() // a page that cannot be painted (a malformed font) must not leave them waiting
	p := next()
	if p != nil {
		r.tagPage(0, p)
	}
	for i := 0; p != nil; i++ {
		// The structure is made a page ahead of the painting (tagPage).
		q := next()
		if q != nil {
			r.tagPage(i+1, q)
		}
		for _, pic := range p.Pictures {
			if _, ok := images[pic.Src]; !ok {
				images[pic.Src] = len(srcs)
				srcs = append(srcs, pic.Src)
			}
		}
		t := &r.tags.pages[i]
		if len(room) == 0 {
			room = make([][]byte, 64) // boxes made 64 at a time, not one a page
		}
		box := &room[0]
		room = room[1:]
		boxes = append(boxes, box)
		if kept != nil {
			var m *painting
			m, chain = kept.page(pt, chain, p, t, images)
			made = append(made, m)
			*box = m.content
		}
		if *box == nil {
			b := pt.page(compress.spare(), p, t)
			if kept != nil {
				made[i].fill(pt.use.rec)
				chain = chained(chain, made[i].codes)
			}
			compress.jobs <- job{box, b}
		}
		// A tag for each run and picture is needed for painting only (a long book has
		// millions); what the tree and the annotations read afterwards stays.
		r.tags.release(t)
		if r.info.Release {
			r.d.ReleaseRuns(p)
			p.Blocks, p.Lines, p.Rules, p.Pictures = nil, nil, nil, nil
		}
		p = q
	}
	done()
	r.contents = make([][]byte, len(boxes))
	for i, b := range boxes {
		r.contents[i] = *b
	}
	if kept != nil {
		kept.end(made, r.contents)
	}
	return pt.use, pt.codes, srcs
}

// tagPage adds page i to the structure, its slot made first when the pages come one by one.
func (r *rendering) tagPage(i int, p *layout.Page) {
	for len(r.tags.pages) <= i {
		r.tags.pages = append(r.tags.pages, pageTags{})
	}
	r.tags.tagPage(i, p)
}

// job is a page's content to compress.
type job struct {
	box     *[]byte // where its compressed content goes
	content []byte
}

// compression is the queue of pages to compress, and the buffers that come back.
type compression struct {
	jobs   chan job
	spares chan []byte
}

// spare is a buffer to paint a page into.
func (c compression) spare() []byte {
	select {
	case b := <-c.spares:
		return b
	default:
		return nil
	}
}

// compressor starts the workers that compress about n pages' contents into their boxes;
// done waits for them.
func (r *rendering) compressor(n int) (compression, func()) {
	workers := parallel.Workers(n)
	// Buffers come back once compressed: no more pages wait than workers, and their
	// uncompressed content is not made anew for each.
	c := compression{jobs: make(chan job, workers), spares: make(chan []byte, 2*workers+1)}
	var wg sync.WaitGroup
	var once sync.Once
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range c.jobs {
				*j.box = r.info.Streams.deflateSyntax(j.content)
				select {
				case c.spares <- j.content[:0]:
				default:
				}
			}
		}()
	}
	return c, func() {
		once.Do(func() { close(c.jobs) })
		wg.Wait()
	}
}

// writeResources writes the fonts drawn and the pictures, and the resource dictionary every
// page shares.
func (r *rendering) writeResources(fonts Fonts, use *glyphUse, enc *[numFaces]*codes, srcs []string) error {
	var rb strings.Builder
	rb.WriteString("<< /Font <<")
	base := fonts.Base
	if base == "" {
		base = "Book"
	}
	cmap := 0 // the one-byte CMap, once a face is drawn
	for s, face := range fonts.faces() {
		if len(enc[s].banks) == 0 {
			continue
		}
		if cmap == 0 {
			cmap = writeOneByteCMap(r.f)
		}
		b := base
		if s >= 4 {
			b = fonts.CodeBase
			if b == "" {
				b = "Code"
			}
		}
		psName := b + [4]string{"", "-Italic", "-Bold", "-BoldItalic"}[s%4]
		ids, err := writeFont(r.f, face, psName, s%2 == 1, use.used[s], use.uni[s], enc[s], cmap)
		if err != nil {
			return err
		}
		for k, id := range ids {
			rb.WriteByte(' ')
			rb.Write(fontName(nil, s, k))
			fmt.Fprintf(&rb, " %d 0 R", id)
		}
	}
	rb.WriteString(" >>")
	if len(srcs) > 0 {
		rb.WriteString(" /XObject <<")
		for k, src := range srcs {
			if r.info.Image == nil {
				return fmt.Errorf("pdf: no reader for image %s", src)
			}
			img, err := r.info.Image(src)
			if err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			id := r.f.alloc()
			if err := writeImage(r.f, id, src, img); err != nil {
				return err
			}
			fmt.Fprintf(&rb, " /Im%d %d 0 R", k, id)
		}
		rb.WriteString(" >>")
	}
	rb.WriteString(" >>")
	r.resourceDict = rb.String()
	r.f.object(r.resources, r.resourceDict)
	return nil
}

// writeCatalog writes the document catalog with the entries the book or booklet needs.
func (r *rendering) writeCatalog(root, pages int, entries string) {
	if r.info.Language != "" {
		entries += " /Lang " + pdfText(r.info.Language)
	}
	r.f.object(root, "<< /Type /Catalog /Pages "+strconv.Itoa(pages)+" 0 R"+entries+" /ViewerPreferences << /DisplayDocTitle true >> >>")
}

// writeInfo writes the document information dictionary and returns its number.
func (r *rendering) writeInfo() int {
	info := r.info
	id := r.f.alloc()
	var ib strings.Builder
	ib.WriteString("<<")
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Keywords", info.Keywords}, {"Creator", info.Creator}, {"Producer", "bindery"}} {
		if kv[1] != "" {
			fmt.Fprintf(&ib, " /%s %s", kv[0], pdfText(kv[1]))
		}
	}
	if !info.Date.IsZero() {
		fmt.Fprintf(&ib, " /CreationDate %s /ModDate %s", pdfDate(info.Date), pdfDate(info.Date))
	}
	ib.WriteString(" >>")
	r.f.object(id, ib.String())
	return id
}

// pageTree writes the page tree's root: the n pages numbered from first, with the media box
// and resources they inherit.
func (r *rendering) pageTree(pages, first, n int, w, h float64) {
	var b []byte
	b = append(b, "<< /Type /Pages /Kids ["...)
	for i := range n {
		b = appendInt(b, first+i)
		b = append(b, " 0 R "...)
	}
	b = append(b, "] /Count "...)
	b = appendInt(b, n)
	b = append(b, " /MediaBox [0 0 "...)
	b = appendNum(b, w, 2)
	b = append(b, ' ')
	b = appendNum(b, h, 2)
	b = append(b, "] /Resources "...)
	b = appendInt(b, r.resources)
	b = append(b, " 0 R >>"...)
	r.f.objectBytes(pages, b)
}

// pdfText encodes a text string for a PDF dictionary: printable ASCII as a literal string
// (PDFDocEncoding agrees with ASCII there, and it is a quarter of the bytes: a book has
// thousands of link descriptions and whole words for hyphenated ones), anything else as
// UTF-16BE with a byte-order mark, in hex.
func pdfText(s string) string { return string(appendText(nil, s)) }

// appendText writes s as pdfText does, without a string between: a book writes one for
// every link annotation's /Contents.
func appendText(b []byte, s string) []byte {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r > '~' }) {
		return appendLiteral(b, s)
	}
	b = append(b, "<FEFF"...)
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			b = appendHex4(appendHex4(b, 0xD800+(r>>10)), 0xDC00+(r&0x3FF))
			continue
		}
		b = appendHex4(b, r)
	}
	return append(b, '>')
}

// appendHex4 writes v, at most 0xFFFF, as four upper-case hex digits.
func appendHex4(b []byte, v rune) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12&15], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}

func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}
