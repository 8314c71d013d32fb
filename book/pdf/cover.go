package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"bindery/book/layout"
)

// The print cover: back, spine and front on one sheet, as a print shop wraps it round the
// book, with bleed (and marks) around it. The spine is as wide as the block of pages is
// thick: pages × caliper / 2, a leaf holding two pages. Its type is set here, in the book's
// faces, as runs of a small laid-out document (the sheet, the spine's strip, the barcode's
// digits) that the writer paints as it paints pages; the spine's strip is turned to read from
// top to bottom, as books in English and most European languages do.

// Cover is what the cover says.
type Cover struct {
	Title, Subtitle, Author, Publisher string
	// Back is the back's text: paragraphs parted by blank lines.
	Back string
	// ISBN is the 13 digits the barcode encodes (check digit verified); empty for none.
	ISBN string
	// Pages is the book's page count; Caliper the thickness of a leaf (two pages), in points.
	Pages   int
	Caliper float64
	// Width and Height are the trimmed page's, in points.
	Width, Height float64
	// Image, when set, is the book's cover picture: it fills the front panel and its bleed,
	// and the front carries no type of ours (the picture is the front, as in the EPUB).
	Image *Image
}

// SpineWidth is the width of the spine of a book of pages pages on paper of caliper points.
func SpineWidth(pages int, caliper float64) float64 { return float64(pages) * caliper / 2 }

// Colours of the cover: a deep red field, type in a warm white, the barcode black on white.
const (
	coverField = "0.44 0.07 0.09 rg\n"
	coverInk   = "0.98 0.95 0.88 rg\n"
)

// Barcode sizes at 100 % (ISO/IEC 15420): a module of 0.33 mm, bars 22.85 mm high, guards
// 1.65 mm longer, quiet zones of 11 and 7 modules.
const (
	eanModule = 0.33 * mm
	eanHeight = 22.85 * mm
	eanGuard  = 1.65 * mm
)

// WriteCover writes the print cover of c as a one-page PDF.
func WriteCover(w io.Writer, c Cover, info Info, fonts Fonts) error {
	if fonts.Family == nil {
		return fmt.Errorf("pdf: no fonts")
	}
	if c.Pages <= 0 || c.Caliper <= 0 || c.Width <= 0 || c.Height <= 0 {
		return fmt.Errorf("pdf: cover: a spine needs the page count and the paper's caliper (print: paper: caliper:)")
	}
	var bars, guard []bool
	if c.ISBN != "" {
		var err error
		if bars, guard, err = ean13Modules(c.ISBN); err != nil {
			return fmt.Errorf("pdf: cover: %w", err)
		}
	}
	spine := SpineWidth(c.Pages, c.Caliper)
	sheetW := 2*c.Width + spine
	d, err := c.compose(fonts, spine, bars != nil)
	if err != nil {
		return err
	}
	d.Settings.PageWidth, d.Settings.PageHeight = lengthOf(sheetW), lengthOf(c.Height)
	return render(w, d, info, fonts, func(r *rendering, pages int) (string, error) {
		return r.cover(pages, c, spine, bars, guard)
	}, false)
}

// lengthOf is a length in points as the layout measures it.
func lengthOf(v float64) layout.Length { return layout.Length(v * float64(layout.Pt)) }

// compose sets the cover's type: page 0 the sheet (front and back), page 1 the spine's strip
// (its length across, at the top), page 2 the barcode's digits.
func (c Cover) compose(fonts Fonts, spine float64, barcode bool) (*layout.Document, error) {
	faces := fonts.faces()
	d := &layout.Document{}
	for i := range 3 {
		d.Pages = append(d.Pages, &layout.Page{Index: i})
	}
	W, H := c.Width, c.Height
	measure := func(s string, style layout.Style, size float64) float64 {
		return float64(faces[style].Measure(s, int64(lengthOf(size)), true)) / float64(layout.Pt)
	}
	put := func(p *layout.Page, s string, style layout.Style, size, x, y float64) {
		p.Runs = append(p.Runs, layout.Run{X: int32(lengthOf(x)), Y: int32(lengthOf(y)), Style: style, Size: int32(lengthOf(size)), Text: s,
			Width: int32(lengthOf(measure(s, style, size)))})
	}
	wrap := func(s string, style layout.Style, size, width float64) []string {
		return wrapWords(s, width, func(t string) float64 { return measure(t, style, size) })
	}
	centred := func(p *layout.Page, s string, style layout.Style, size, left, width, y float64) float64 {
		for _, l := range wrap(s, style, size, width) {
			put(p, l, style, size, left+(width-measure(l, style, size))/2, y)
			y += size * 1.25
		}
		return y
	}

	// The front: title, subtitle, author, publisher, centred in the panel's margins; none
	// over a cover picture, which has its own.
	sheet := d.Pages[0]
	front, margin := W+spine, W/8
	y := 0.0
	if c.Image == nil {
		y = centred(sheet, c.Title, layout.Bold, W/13, front+margin, W-2*margin, H*0.28)
		centred(sheet, c.Subtitle, layout.Italic, W/24, front+margin, W-2*margin, y+W/30)
		centred(sheet, c.Author, layout.Roman, W/22, front+margin, W-2*margin, H*0.72)
		centred(sheet, c.Publisher, layout.Roman, W/34, front+margin, W-2*margin, H*0.9)
	}

	// The back: its text, ragged, above the barcode's place; too long a text is an error,
	// never cut.
	size, leading := 10.0, 14.0
	bottom := H - margin
	if barcode {
		bottom -= eanHeight + eanGuard + 14*mm
	}
	y = margin + size
	for _, par := range strings.Split(c.Back, "\n\n") {
		for _, l := range wrap(par, layout.Roman, size, W-2*margin) {
			if y > bottom {
				return nil, fmt.Errorf("pdf: cover: the back cover's text is too long: it does not fit above the barcode at %gpt", size)
			}
			put(sheet, l, layout.Roman, size, margin, y)
			y += leading
		}
		y += leading / 2
	}

	// The spine: title and author on one line, centred, as large as the spine allows.
	if spine >= 6 {
		strip := d.Pages[1]
		text := c.Title
		if c.Author != "" {
			text += "   " + c.Author
		}
		sz := min(spine*0.55, 14)
		if wd := measure(text, layout.Bold, sz); wd > H-2*margin {
			sz *= (H - 2*margin) / wd
		}
		put(strip, text, layout.Bold, sz, (H-measure(text, layout.Bold, sz))/2, spine/2+sz*0.33)
	}

	// The barcode's digits under its bars, and the ISBN above.
	if barcode {
		p := d.Pages[2]
		x0, yBars := W-margin-95*eanModule, H-margin-eanGuard
		dsize := 9.0
		base := yBars + 0.75*dsize // the digits' tops at the bars' foot
		put(p, c.ISBN[:1], layout.Roman, dsize, x0-8*eanModule, base)
		for i := 1; i < 13; i++ {
			half := (i - 1) / 6
			x := x0 + float64(3+half*5+(i-1)*7)*eanModule + (7*eanModule-measure(c.ISBN[i:i+1], layout.Roman, dsize))/2
			put(p, c.ISBN[i:i+1], layout.Roman, dsize, x, base)
		}
		label := "ISBN " + c.ISBN
		put(p, label, layout.Roman, dsize, x0+(95*eanModule-measure(label, layout.Roman, dsize))/2, yBars-eanHeight-2)
	}
	return d, nil
}

// wrapWords breaks s into lines no wider than width as measure measures them (a word wider
// alone has a line of its own).
func wrapWords(s string, width float64, measure func(string) float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && measure(line+" "+word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// cover writes the cover's one page: the field, the sheet's type, the spine's strip turned,
// the barcode on white with its digits, and the marks with the folds of the spine. The page's
// content is an array of streams, the type's as painted and the rest around them.
func (r *rendering) cover(pages int, c Cover, spine float64, bars, guard []bool) (string, error) {
	f, info := r.f, r.info
	W, H := c.Width, c.Height
	org, bleed := info.margin(), info.Bleed
	sheetW := 2*W + spine
	// The field fills the bleed too; then the type in ink.
	open := shift(org)
	open = append(open, "/Artifact BMC\nq "...)
	open = append(open, coverField...)
	open = appendBox(open, -bleed, -bleed, sheetW+2*bleed, H+2*bleed)
	open = append(open, " re f\nQ\n"...)
	resources := ""
	if c.Image != nil {
		img := f.alloc()
		if err := writeImage(f, img, "cover", c.Image); err != nil {
			return "", err
		}
		open = append(open, frontPicture(c, spine, bleed)...)
		resources = " /Resources " + withXObject(r.resourceDict, "/CoverArt "+strconv.Itoa(img)+" 0 R")
	}
	open = append(open, "EMC\nq "...)
	open = append(open, coverInk...)
	// Turned a quarter clockwise: the strip's length runs down the spine, its top to the front.
	turn := []byte("q 0 -1 1 0 " + num(W-(H-spine)) + " " + num(H) + " cm\n")
	after := []byte("Q\nQ\n")
	var closing []byte
	if bars != nil {
		after = append(after, r.barcode(W, bars, guard)...)
		closing = append(closing, "Q\n"...)
	}
	closing = append(closing, "Q\n"...)
	if info.Marks {
		closing = append(closing, printMarks(sheetW, H, org, bleed)...)
		// Fold marks at the spine's edges, in the slug above and below.
		closing = append(closing, "/Artifact BMC\nq 0.25 w 1 1 1 1 K\n"...)
		for _, x := range []float64{org + W, org + W + spine} {
			for _, y := range [][2]float64{{org - bleed - markGap, org - bleed - markGap - markLength}, {org + H + bleed + markGap, org + H + bleed + markGap + markLength}} {
				closing = append(closing, (num(x) + " " + num(y[0]) + " m " + num(x) + " " + num(y[1]) + " l S\n")...)
			}
		}
		closing = append(closing, "Q\nEMC\n"...)
	}
	var refs []string
	for _, part := range [][]byte{deflate(open), r.contents[0], deflate(turn), r.contents[1], deflate(after), r.contents[2], deflate(closing)} {
		id := f.alloc()
		f.stream(id, "/Filter /FlateDecode", part)
		refs = append(refs, strconv.Itoa(id)+" 0 R")
	}
	page := f.alloc()
	f.object(page, "<< /Type /Page /Parent "+strconv.Itoa(pages)+" 0 R /Contents ["+strings.Join(refs, " ")+"]"+info.boxes(sheetW, H)+resources+" >>")
	r.pageTree(pages, page, 1, sheetW+2*org, H+2*org)
	return "", nil
}

// frontPicture paints the cover picture over the front panel as a print shop wants it: scaled
// without distortion until it covers the panel and the bleed beyond its three outer edges,
// centred on the panel (what shows after trimming), the rest cropped; it stops at the spine's
// fold, never spilling onto the spine.
func frontPicture(c Cover, spine, bleed float64) []byte {
	W, H, img := c.Width, c.Height, c.Image
	s := max((W+2*bleed)/float64(img.Width), (H+2*bleed)/float64(img.Height)) // points a pixel
	dw, dh := float64(img.Width)*s, float64(img.Height)*s
	x, y := W+spine+(W-dw)/2, (H-dh)/2
	b := []byte("q ")
	b = appendBox(b, W+spine, -bleed, W+bleed, H+2*bleed)
	b = append(b, " re W n\n"...)
	b = appendNum(b, dw, 3)
	b = append(b, " 0 0 "...)
	b = appendNum(b, dh, 3)
	b = append(b, ' ')
	b = appendNum(b, x, 3)
	b = append(b, ' ')
	b = appendNum(b, y, 3)
	return append(b, " cm /CoverArt Do Q\n"...)
}

// withXObject is a resource dictionary with one more XObject: the page's own resources
// (a page's /Resources replaces those it would inherit).
func withXObject(res, entry string) string {
	if i := strings.Index(res, "/XObject <<"); i >= 0 {
		return res[:i+len("/XObject <<")] + " " + entry + res[i+len("/XObject <<"):]
	}
	return strings.TrimSuffix(res, " >>") + " /XObject << " + entry + " >> >>"
}

// barcode draws the EAN-13 bars on a white ground at the back's foot, and then the digits
// (page 2 of the cover's type) in black.
func (r *rendering) barcode(W float64, bars, guard []bool) []byte {
	margin := W / 8
	x0, yBase := W-margin-95*eanModule, margin+eanGuard // PDF y: from the foot up
	var b []byte
	b = append(b, "/Artifact BMC\nq 1 g\n"...)
	b = appendBox(b, x0-11*eanModule, yBase-eanGuard-4*mm, (95+18)*eanModule, eanHeight+eanGuard+9*mm)
	b = append(b, " re f\n0 g\n"...)
	for i := 0; i < len(bars); {
		if !bars[i] {
			i++
			continue
		}
		j := i
		for j < len(bars) && bars[j] {
			j++
		}
		y, h := yBase, eanHeight
		if guard[i] {
			y, h = yBase-eanGuard, eanHeight+eanGuard
		}
		b = appendBox(b, x0+float64(i)*eanModule, y, float64(j-i)*eanModule, h)
		b = append(b, " re f\n"...)
		i = j
	}
	return append(b, "Q\nEMC\nq 0 g\n"...)
}
