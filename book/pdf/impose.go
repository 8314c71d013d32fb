package pdf

import (
	"fmt"
	"io"
	"strconv"

	"bindery/book/layout"
)

// Sheet is the paper a booklet is printed on, landscape, in points.
type Sheet struct {
	Name          string
	Width, Height float64
	// Signature is the number of sheets folded together into each signature (0: one
	// signature up to 10 sheets, else signatures of about 8); Caliper the paper's thickness,
	// for creep; Marks asks for fold and trim marks.
	Signature int
	Caliper   float64
	Marks     bool
}

// BookletOrder returns, for a book of n pages, the pages on each side of each sheet of a
// saddle-stitched booklet: pairs (left, right) of page indexes, -1 for a blank. Sides
// alternate front and back; n is padded to a multiple of four. The first sheet's front holds
// the last and the first page, so that the printed stack, folded, reads in order.
func BookletOrder(n int) [][2]int {
	total := (n + 3) / 4 * 4
	page := func(i int) int {
		if i >= n {
			return -1
		}
		return i
	}
	var sides [][2]int
	for s := 0; s < total/4; s++ {
		sides = append(sides,
			[2]int{page(total - 1 - 2*s), page(2 * s)},
			[2]int{page(2*s + 1), page(total - 2 - 2*s)})
	}
	return sides
}

// WriteBooklet renders d imposed for booklet printing: two pages side by side on each side of
// a landscape sheet, in saddle-stitch order, scaled to fit when the sheet is not exactly two
// pages wide (A5 on A4 and half-Letter on Letter are 1:1). Print duplex, flipping on the
// short edge, fold the stack in half and staple on the fold.
func WriteBooklet(w io.Writer, d *layout.Document, info Info, fonts Fonts, sheet Sheet) error {
	return render(w, d, info, fonts, func(r *rendering, pages int) (string, error) { return r.booklet(pages, sheet) }, false)
}

// booklet writes each page once as a form XObject, and the sheets that place two of them
// side by side; it returns the catalog entries the booklet needs (none).
func (r *rendering) booklet(pages int, sheet Sheet) (string, error) {
	f, d := r.f, r.d
	scale := min(sheet.Width/(2*r.pageW), sheet.Height/r.pageH)
	if scale <= 0 {
		return "", fmt.Errorf("pdf: booklet: sheet %s is too small", sheet.Name)
	}
	// Centre the pair on the sheet; the fold runs down the middle.
	dx := sheet.Width/2 - r.pageW*scale
	dy := (sheet.Height - r.pageH*scale) / 2
	forms := f.allocN(len(d.Pages))
	for i := range d.Pages {
		f.stream(forms+i, fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources %d 0 R /Filter /FlateDecode",
			num(r.pageW), num(r.pageH), r.resources), r.contents[i])
	}
	sides := BookletOrder(len(d.Pages))
	first := f.allocN(len(sides))
	for s, side := range sides {
		var content, xobjects []byte
		for k, idx := range side {
			if idx < 0 {
				continue
			}
			content = append(content, "q "...)
			content = appendNum(content, scale, 5)
			content = append(content, " 0 0 "...)
			content = appendNum(content, scale, 5)
			content = append(content, ' ')
			content = appendNum(content, dx+float64(k)*r.pageW*scale, 3)
			content = append(content, ' ')
			content = appendNum(content, dy, 3)
			content = append(content, " cm /P"...)
			content = strconv.AppendInt(content, int64(idx), 10)
			content = append(content, " Do Q\n"...)
			xobjects = append(xobjects, " /P"...)
			xobjects = strconv.AppendInt(xobjects, int64(idx), 10)
			xobjects = append(xobjects, ' ')
			xobjects = strconv.AppendInt(xobjects, int64(forms+idx), 10)
			xobjects = append(xobjects, " 0 R"...)
		}
		c := f.alloc()
		f.stream(c, "/Filter /FlateDecode", deflate(content))
		f.object(first+s, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R /Resources << /XObject <<%s >> >> >>", pages, c, xobjects))
	}
	r.pageTree(pages, first, len(sides), sheet.Width, sheet.Height)
	return "", nil
}
