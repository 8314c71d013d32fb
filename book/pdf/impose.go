package pdf

import (
	"fmt"
	"io"

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
// saddle-stitched booklet of one signature: pairs (left, right) of page indexes, -1 for a
// blank. Sides alternate front and back; n is padded to a multiple of four. The first
// sheet's front holds the last and the first page, so that the printed stack, folded, reads
// in order.
func BookletOrder(n int) [][2]int {
	var out [][2]int
	for _, s := range BookletSides(n, (n+3)/4, 0) {
		out = append(out, [2]int{s.Left, s.Right})
	}
	return out
}

// Side is one side of a sheet of a booklet: the pages at its left and right (-1 for a
// blank), the signature and the sheet in it (0 the outermost), and the creep: how far both
// pages are moved towards the fold, in points, so that once folded the inner sheets, pushed
// out by the paper around them, do not stand out at the fore-edge.
type Side struct {
	Left, Right      int
	Signature, Sheet int
	Creep            float64
}

// Signatures splits sheets sheets into signatures of perSignature sheets (the last holds the
// rest); perSignature 0 chooses: one signature up to 10 sheets, else signatures of about 8,
// as even as can be (a signature of more than about 8 sheets of book paper folds badly).
func Signatures(sheets, perSignature int) []int {
	if sheets <= 0 {
		return nil
	}
	var sizes []int
	if perSignature <= 0 {
		if sheets <= 10 {
			return []int{sheets}
		}
		k := max(2, (sheets+4)/8)
		for i := range k {
			sizes = append(sizes, sheets/k)
			if i < sheets%k {
				sizes[i]++
			}
		}
		return sizes
	}
	for left := sheets; left > 0; left -= perSignature {
		sizes = append(sizes, min(perSignature, left))
	}
	return sizes
}

// BookletSides returns the sides of a booklet of n pages in signatures of perSignature
// sheets (see Signatures), in the order they are printed: signature by signature, each
// sheet's front then its back. Each signature is a booklet of its own pages: its first
// sheet's front holds its last and first page. The creep of sheet j is j × caliper: each
// sheet folded round it pushes it out by about its own thickness.
func BookletSides(n, perSignature int, caliper float64) []Side {
	var sides []Side
	first := 0
	for sig, sheets := range Signatures((n+3)/4, perSignature) {
		last := first + 4*sheets - 1 // the signature's last page, a blank past the book
		page := func(i int) int {
			if i >= n {
				return -1
			}
			return i
		}
		for j := range sheets {
			creep := float64(j) * caliper
			sides = append(sides,
				Side{Left: page(last - 2*j), Right: page(first + 2*j), Signature: sig, Sheet: j, Creep: creep},
				Side{Left: page(first + 2*j + 1), Right: page(last - 1 - 2*j), Signature: sig, Sheet: j, Creep: creep})
		}
		first = last + 1
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
	sides := BookletSides(len(d.Pages), sheet.Signature, sheet.Caliper)
	first := f.allocN(len(sides))
	marks := sheet.marks(r.pageW*scale, r.pageH*scale, dx, dy)
	for s, side := range sides {
		var content, xobjects []byte
		for k, idx := range [2]int{side.Left, side.Right} {
			if idx < 0 {
				continue
			}
			// Creep moves the left page right and the right page left, towards the fold.
			creep := side.Creep * scale * float64(1-2*k)
			content = append(content, "q "...)
			content = appendNum(content, scale, 5)
			content = append(content, " 0 0 "...)
			content = appendNum(content, scale, 5)
			content = append(content, ' ')
			content = appendNum(content, dx+float64(k)*r.pageW*scale+creep, 3)
			content = append(content, ' ')
			content = appendNum(content, dy, 3)
			content = append(content, " cm /P"...)
			content = appendInt(content, idx)
			content = append(content, " Do Q\n"...)
			xobjects = append(xobjects, " /P"...)
			xobjects = appendInt(xobjects, idx)
			xobjects = append(xobjects, ' ')
			xobjects = appendInt(xobjects, forms+idx)
			xobjects = append(xobjects, " 0 R"...)
		}
		content = append(content, marks...)
		c := f.alloc()
		f.stream(c, "/Filter /FlateDecode", f.streams.deflate(content))
		f.object(first+s, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R /Resources << /XObject <<%s >> >> >>", pages, c, xobjects))
	}
	r.pageTree(pages, first, len(sides), sheet.Width, sheet.Height)
	return "", nil
}

// marks are a sheet's fold mark (a short line at each end of the fold) and the trim marks at
// the corners of the pair of pages, w×h each, placed from (dx, dy), where the sheet has room
// for them outside the pages; none unless asked for.
func (sheet Sheet) marks(w, h, dx, dy float64) []byte {
	if !sheet.Marks {
		return nil
	}
	var b []byte
	b = append(b, "q 0.25 w 0 G\n"...)
	seg := func(x0, y0, x1, y1 float64) {
		b = append(b, (num(x0) + " " + num(y0) + " m " + num(x1) + " " + num(y1) + " l S\n")...)
	}
	fold := sheet.Width / 2
	foldLen := max(dy-1, 3*mm) // into the pages' blank head and foot when the sheet has no room
	seg(fold, 0, fold, foldLen)
	seg(fold, sheet.Height, fold, sheet.Height-foldLen)
	// Each line of a corner's mark where the sheet has room for it beside or above the pages.
	lx, ly := min(dx-1, markLength), min(dy-1, markLength)
	for _, x := range []float64{dx, dx + 2*w} {
		for _, y := range []float64{dy, dy + h} {
			ox, oy := -1.0, -1.0
			if x > dx {
				ox = 1
			}
			if y > dy {
				oy = 1
			}
			if lx >= 2*mm {
				seg(x+ox, y, x+ox*lx, y)
			}
			if ly >= 2*mm {
				seg(x, y+oy, x, y+oy*ly)
			}
		}
	}
	return append(b, "Q\n"...)
}
