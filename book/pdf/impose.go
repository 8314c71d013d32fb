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
func WriteBooklet(w io.Writer, d *layout.Document, info Info, fonts Fonts, sheet Sheet) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: booklet: %v", r)
		}
	}()
	pw, ph := pt(d.Settings.PageWidth), pt(d.Settings.PageHeight)
	scale := min(sheet.Width/(2*pw), sheet.Height/ph)
	if scale <= 0 {
		return fmt.Errorf("pdf: booklet: sheet %s is too small", sheet.Name)
	}
	// Centre the pair on the sheet; the fold runs down the middle.
	dx := sheet.Width/2 - pw*scale
	dy := (sheet.Height - ph*scale) / 2
	g, err := newDocument(sheet.Width, sheet.Height, info, fonts)
	if err != nil {
		return err
	}
	for _, side := range BookletOrder(len(d.Pages)) {
		g.AddPage()
		drawn := false
		for k, idx := range side {
			if idx < 0 {
				continue
			}
			at := place{dx: dx + float64(k)*pw*scale, dy: dy, scale: scale}
			if err := drawPage(g, faceNames(fonts.Base), d, d.Pages[idx], at, false, info.Image); err != nil {
				return err
			}
			drawn = true
		}
		if !drawn {
			g.RectFromUpperLeftWithStyle(0, 0, 0, 0, "F")
		}
	}
	return finish(g, w, nil, info)
}
