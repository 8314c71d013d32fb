// Package pdf writes a laid-out book (book/layout's pages) as a PDF: font subsets of the
// book's TrueType faces, one content stream per page painted and compressed in parallel,
// links and named destinations, a nested outline, page labels, document information and a
// content-derived /ID, so that the file is byte-for-byte reproducible. It also imposes the
// pages as a booklet for saddle stitching.
//
// The writer is our own (it replaced gopdf, whose one text operation per word and
// formatted output cost more than the rest of the build): text is set one TJ array per line,
// with the glyph widths the layout measured (book/font's integer 1/1000 em advances), so the
// glyphs land where the layout put them.
package pdf

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
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
}

// Fonts are the four TrueType files of the book family, with their parsed faces (the same
// the layout measured with).
type Fonts struct {
	Regular, Italic, Bold, BoldItalic []byte
	Family                            *font.Family
	Base                              string // the family's file name base, for the font names
}

func (f Fonts) faces() [4]*font.Face {
	return [4]*font.Face{f.Family.Regular, f.Family.Italic, f.Family.Bold, f.Family.BoldItalic}
}

// Write renders d as a PDF to w.
func Write(w io.Writer, d *layout.Document, info Info, fonts Fonts) error {
	return render(w, d, info, fonts, nil)
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
}

// render paints every page and writes the shared resources; then the book or the booklet
// is written around them.
func render(w io.Writer, d *layout.Document, info Info, fonts Fonts, sheet *Sheet) (err error) {
	defer func() {
		// A malformed font or image must give an error, never crash the build.
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	if fonts.Family == nil {
		return fmt.Errorf("pdf: no fonts")
	}
	faces := fonts.faces()
	r := &rendering{d: d, info: info, pageW: ptOf(d.Settings.PageWidth), pageH: ptOf(d.Settings.PageHeight)}

	// Pictures are named in the order they first appear.
	images := map[string]int{}
	var srcs []string
	for _, p := range d.Pages {
		for _, pic := range p.Pictures {
			if _, ok := images[pic.Src]; !ok {
				images[pic.Src] = len(srcs)
				srcs = append(srcs, pic.Src)
			}
		}
	}

	// Paint and compress the pages on every core, each worker noting the glyphs it drew.
	r.contents = make([][]byte, len(d.Pages))
	painters := make([]*painter, parallel.Workers(len(d.Pages)))
	parallel.For(len(d.Pages), func(w, i int) {
		p := painters[w]
		if p == nil {
			p = &painter{faces: faces, pageH: r.pageH, images: images, use: newGlyphUse(faces)}
			painters[w] = p
		}
		p.scratch = p.page(p.scratch[:0], d.Pages[i])
		r.contents[i] = deflate(p.scratch)
	})
	use := newGlyphUse(faces)
	for _, p := range painters {
		if p != nil {
			use.merge(p.use)
		}
	}

	r.f = newFile(w)
	f := r.f
	root, pages, res := f.alloc(), f.alloc(), f.alloc()
	r.resources = res
	var rb strings.Builder
	rb.WriteString("<< /Font <<")
	data := [4][]byte{fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic}
	for s, face := range faces {
		if !slices.Contains(use.used[s], true) {
			continue
		}
		base := fonts.Base
		if base == "" {
			base = "Book"
		}
		psName := base + [4]string{"", "-Italic", "-Bold", "-BoldItalic"}[s]
		id, err := writeFont(f, data[s], face, psName, s == 1 || s == 3, use.used[s], use.uni[s])
		if err != nil {
			return err
		}
		fmt.Fprintf(&rb, " /F%d %d 0 R", s, id)
	}
	rb.WriteString(" >>")
	if len(srcs) > 0 {
		rb.WriteString(" /XObject <<")
		for k, src := range srcs {
			if info.Image == nil {
				return fmt.Errorf("pdf: no reader for image %s", src)
			}
			img, err := info.Image(src)
			if err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			id := f.alloc()
			if err := writeImage(f, id, src, img); err != nil {
				return err
			}
			fmt.Fprintf(&rb, " /Im%d %d 0 R", k, id)
		}
		rb.WriteString(" >>")
	}
	rb.WriteString(" >>")
	f.object(res, rb.String())

	var catalog string
	if sheet == nil {
		catalog = r.book(pages)
	} else {
		if catalog, err = r.booklet(pages, *sheet); err != nil {
			return err
		}
	}
	if info.Language != "" {
		catalog += " /Lang " + pdfText(info.Language)
	}
	f.object(root, "<< /Type /Catalog /Pages "+strconv.Itoa(pages)+" 0 R"+catalog+" /ViewerPreferences << /DisplayDocTitle true >> >>")

	infoID := f.alloc()
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
	f.object(infoID, ib.String())
	return f.finish(root, infoID)
}

// dest is a named destination: where an anchor is.
type dest struct {
	id   string
	page int
	x, y float64
}

// book writes the pages of the print edition with their links, the named destinations, the
// outline and the page labels; it returns the catalog entries they need.
func (r *rendering) book(pages int) string {
	f, d := r.f, r.d
	first := f.allocN(len(d.Pages))
	pageRef := func(i int) string { return strconv.Itoa(first+i) + " 0 R" }

	// Destinations: each anchor on the page the layout's map puts it on.
	var dests []dest
	known := map[string]bool{}
	for _, p := range d.Pages {
		for _, m := range p.Marks {
			if loc, ok := d.Map[m.ID]; ok && loc.Page == p.Index && !known[m.ID] {
				known[m.ID] = true
				dests = append(dests, dest{m.ID, p.Index, ptOf(m.X), r.pageH - ptOf(m.Y)})
			}
		}
	}

	var b []byte
	for i, p := range d.Pages {
		content := f.alloc()
		f.stream(content, "/Filter /FlateDecode", r.contents[i])
		var annots []int
		for _, l := range p.Links {
			target, isDest := strings.CutPrefix(l.Target, "#")
			if (isDest && !known[target]) || l.Target == "" {
				continue
			}
			b = append(b[:0], "<< /Type /Annot /Subtype /Link /Rect ["...)
			b = appendNum(b, ptOf(l.X), 2)
			b = append(b, ' ')
			b = appendNum(b, r.pageH-ptOf(l.Y+l.H), 2)
			b = append(b, ' ')
			b = appendNum(b, ptOf(l.X+l.W), 2)
			b = append(b, ' ')
			b = appendNum(b, r.pageH-ptOf(l.Y), 2)
			b = append(b, "] /Border [0 0 0] "...)
			if isDest {
				b = append(b, "/Dest "...)
				b = appendLiteral(b, target)
			} else {
				b = append(b, "/A << /S /URI /URI "...)
				b = appendLiteral(b, l.Target)
				b = append(b, " >>"...)
			}
			b = append(b, " >>"...)
			a := f.alloc()
			f.objectBytes(a, b)
			annots = append(annots, a)
		}
		b = append(b[:0], "<< /Type /Page /Parent "...)
		b = strconv.AppendInt(b, int64(pages), 10)
		b = append(b, " 0 R /Contents "...)
		b = strconv.AppendInt(b, int64(content), 10)
		b = append(b, " 0 R"...)
		if len(annots) > 0 {
			b = append(b, " /Annots ["...)
			for _, a := range annots {
				b = strconv.AppendInt(b, int64(a), 10)
				b = append(b, " 0 R "...)
			}
			b[len(b)-1] = ']'
		}
		b = append(b, " >>"...)
		f.objectBytes(first+i, b)
	}
	r.pageTree(pages, first, len(d.Pages), r.pageW, r.pageH)

	var cat strings.Builder
	if len(dests) > 0 {
		fmt.Fprintf(&cat, " /Names << /Dests %d 0 R >>", r.nameTree(dests, pageRef))
	}
	if len(d.Pages) > 0 {
		// Front matter in roman numerals, the body in arabic from 1; a book without front
		// matter has one range (a number tree's keys may not repeat).
		cat.WriteString(" /PageLabels << /Nums [")
		if d.BodyStart > 0 {
			cat.WriteString("0 << /S /r >>")
		}
		if d.BodyStart <= 0 {
			cat.WriteString("0 << /S /D >>")
		} else if d.BodyStart < len(d.Pages) {
			fmt.Fprintf(&cat, " %d << /S /D >>", d.BodyStart)
		}
		cat.WriteString("] >>")
	}
	if outline := r.outline(pageRef); outline != 0 {
		fmt.Fprintf(&cat, " /Outlines %d 0 R /PageMode /UseOutlines", outline)
	}
	return cat.String()
}

// pageTree writes the page tree's root: the n pages numbered from first, with the media box
// and resources they inherit.
func (r *rendering) pageTree(pages, first, n int, w, h float64) {
	var b []byte
	b = append(b, "<< /Type /Pages /Kids ["...)
	for i := range n {
		b = strconv.AppendInt(b, int64(first+i), 10)
		b = append(b, " 0 R "...)
	}
	b = append(b, "] /Count "...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, " /MediaBox [0 0 "...)
	b = appendNum(b, w, 2)
	b = append(b, ' ')
	b = appendNum(b, h, 2)
	b = append(b, "] /Resources "...)
	b = strconv.AppendInt(b, int64(r.resources), 10)
	b = append(b, " 0 R >>"...)
	r.f.objectBytes(pages, b)
}

// nameTree writes the named destinations as a name tree (sorted, in leaves of at most 256
// names, so a viewer finds a name without reading them all) and returns its root.
func (r *rendering) nameTree(dests []dest, pageRef func(int) string) int {
	slices.SortFunc(dests, func(a, b dest) int { return strings.Compare(a.id, b.id) })
	const leafSize = 256
	leaf := func(ds []dest, kid bool) int {
		id := r.f.alloc()
		var b []byte
		b = append(b, "<< "...)
		if kid {
			b = append(b, "/Limits ["...)
			b = appendLiteral(b, ds[0].id)
			b = append(b, ' ')
			b = appendLiteral(b, ds[len(ds)-1].id)
			b = append(b, "] "...)
		}
		b = append(b, "/Names ["...)
		for _, d := range ds {
			b = appendLiteral(b, d.id)
			b = append(b, " ["...)
			b = append(b, pageRef(d.page)...)
			b = append(b, " /XYZ "...)
			b = appendNum(b, d.x, 2)
			b = append(b, ' ')
			b = appendNum(b, d.y, 2)
			b = append(b, " null]\n"...)
		}
		b = append(b, "] >>"...)
		r.f.objectBytes(id, b)
		return id
	}
	if len(dests) <= leafSize {
		return leaf(dests, false)
	}
	root := r.f.alloc()
	var kids strings.Builder
	for from := 0; from < len(dests); from += leafSize {
		fmt.Fprintf(&kids, "%d 0 R ", leaf(dests[from:min(from+leafSize, len(dests))], true))
	}
	r.f.object(root, "<< /Kids ["+strings.TrimSpace(kids.String())+"] >>")
	return root
}

// outline writes the bookmarks: a tree of headings by level. It returns the outline's root,
// or 0 when there are no headings.
func (r *rendering) outline(pageRef func(int) string) int {
	d := r.d
	type node struct {
		id    int
		entry layout.OutlineEntry
		kids  []*node
		level int
	}
	root := &node{level: 0}
	stack := []*node{root}
	for _, e := range d.Outline {
		if _, ok := d.Map[e.ID]; !ok {
			continue
		}
		n := &node{entry: e, level: e.Level, id: r.f.alloc()}
		for len(stack) > 1 && stack[len(stack)-1].level >= e.Level {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	if len(root.kids) == 0 {
		return 0
	}
	root.id = r.f.alloc()
	var count func(n *node) int
	count = func(n *node) int {
		c := len(n.kids)
		for _, k := range n.kids {
			c += count(k)
		}
		return c
	}
	var write func(n *node)
	write = func(n *node) {
		for i, k := range n.kids {
			loc := d.Map[k.entry.ID]
			var b strings.Builder
			fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfText(k.entry.Title), n.id)
			if i > 0 {
				fmt.Fprintf(&b, " /Prev %d 0 R", n.kids[i-1].id)
			}
			if i+1 < len(n.kids) {
				fmt.Fprintf(&b, " /Next %d 0 R", n.kids[i+1].id)
			}
			if len(k.kids) > 0 {
				fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", k.kids[0].id, k.kids[len(k.kids)-1].id, count(k))
			}
			fmt.Fprintf(&b, " /Dest [%s /XYZ %s %s null] >>", pageRef(loc.Page), num(ptOf(loc.X)), num(r.pageH-ptOf(loc.Y)))
			r.f.object(k.id, b.String())
			write(k)
		}
	}
	write(root)
	r.f.object(root.id, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", root.kids[0].id, root.kids[len(root.kids)-1].id, count(root)))
	return root.id
}

// pdfText encodes a text string for a PDF dictionary: UTF-16BE with a byte-order mark, in hex.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}
