package pdf

import (
	"math"
	"strconv"

	"bindery/book/font"
	"bindery/book/layout"
)

// glyphUse records which glyphs of each face the pages draw, and a character for each (the
// smallest, so the record does not depend on the order pages are painted in), for the font
// subsets and their ToUnicode maps.
type glyphUse struct {
	used [numFaces][]bool
	uni  [numFaces][]rune
}

func newGlyphUse(faces [numFaces]*font.Face) *glyphUse {
	u := &glyphUse{}
	for i, f := range faces {
		u.used[i] = make([]bool, f.NumGlyphs())
		u.uni[i] = make([]rune, f.NumGlyphs())
	}
	return u
}

func (u *glyphUse) note(style int, g uint16, r rune) {
	if !u.used[style][g] || r < u.uni[style][g] {
		u.used[style][g] = true
		u.uni[style][g] = r
	}
}

// merge adds o's glyphs to u.
func (u *glyphUse) merge(o *glyphUse) {
	for s := range u.used {
		for g, ok := range o.used[s] {
			if ok {
				u.note(s, uint16(g), o.uni[s][g])
			}
		}
	}
}

// painter turns laid-out pages into content streams.
type painter struct {
	faces  [numFaces]*font.Face
	pageH  float64 // points: the layout measures from the top, PDF from the bottom
	images map[string]int
	use    *glyphUse
	// scratch is the worker's buffer for a page's uncompressed content.
	scratch []byte
}

// page returns the content stream of p, uncompressed, appended to b.
func (pt *painter) page(b []byte, p *layout.Page) []byte {
	// Tinted grounds under the text, rules over it.
	for _, r := range p.Rules {
		if r.Tint != 0 {
			b = append(b, "q "...)
			b = appendColour(b, r.Tint)
			b = pt.rect(b, r)
			b = append(b, "Q\n"...)
		}
	}
	b = pt.text(b, p.Runs)
	for _, r := range p.Rules {
		if r.Tint == 0 {
			b = pt.rect(b, r)
		}
	}
	for _, pic := range p.Pictures {
		b = append(b, "q "...)
		b = appendNum(b, ptOf(pic.W), 3)
		b = append(b, " 0 0 "...)
		b = appendNum(b, ptOf(pic.H), 3)
		b = append(b, ' ')
		b = appendNum(b, ptOf(pic.X), 3)
		b = append(b, ' ')
		b = appendNum(b, pt.pageH-ptOf(pic.Y+pic.H), 3)
		b = append(b, " cm /Im"...)
		b = strconv.AppendInt(b, int64(pt.images[pic.Src]), 10)
		b = append(b, " Do Q\n"...)
	}
	return b
}

// rect fills a rule's rectangle.
func (pt *painter) rect(b []byte, r layout.Rule) []byte {
	b = appendNum(b, ptOf(r.X), 3)
	b = append(b, ' ')
	b = appendNum(b, pt.pageH-ptOf(r.Y+r.H), 3)
	b = append(b, ' ')
	b = appendNum(b, ptOf(r.W), 3)
	b = append(b, ' ')
	b = appendNum(b, ptOf(r.H), 3)
	return append(b, " re f\n"...)
}

// appendColour sets the fill colour 0xRRGGBB: a grey as one number (g), else rg.
func appendColour(b []byte, c uint32) []byte {
	r, g, bl := float64(c>>16&255)/255, float64(c>>8&255)/255, float64(c&255)/255
	if r == g && g == bl {
		b = appendNum(b, r, 3)
		return append(b, " g "...)
	}
	b = appendNum(b, r, 3)
	b = append(b, ' ')
	b = appendNum(b, g, 3)
	b = append(b, ' ')
	b = appendNum(b, bl, 3)
	return append(b, " rg "...)
}

func ptOf(l layout.Length) float64 { return float64(l) / float64(layout.Pt) }

const hexDigits = "0123456789ABCDEF"

// text paints runs in one text object. Runs on one baseline share a TJ array: each run is
// placed at its x by a number that moves the text position from where the previous glyphs
// left it, computed with the same integer glyph widths the /W array gives the viewer, so no
// error accumulates along a line. Kerning is written as TJ numbers between glyphs.
func (pt *painter) text(b []byte, runs []layout.Run) []byte {
	if len(runs) == 0 {
		return b
	}
	b = append(b, "BT\n"...)
	style, size, tc := -1, 0.0, 0.0
	colour := uint32(0)
	lineY, cursor := math.NaN(), 0.0
	open := false
	for i := range runs {
		r := &runs[i]
		// Nothing to draw; a size of 0 would also put an infinite TJ number in the stream.
		if r.Text == "" || int(r.Style) >= len(pt.faces) || r.Size <= 0 {
			continue
		}
		rs, rsize, rtc := int(r.Style), ptOf(r.Size), ptOf(r.Tracking)
		x, y := ptOf(r.X), pt.pageH-ptOf(r.Y) // Y is the run's own baseline, raised already
		newFont, newLine := rs != style || rsize != size, y != lineY
		if open && (newFont || newLine || rtc != tc) {
			b = append(b, "]TJ\n"...)
			open = false
		}
		if newFont {
			b = append(b, "/F"...)
			b = strconv.AppendInt(b, int64(rs), 10)
			b = append(b, ' ')
			b = appendNum(b, rsize, 3)
			b = append(b, " Tf\n"...)
			style, size = rs, rsize
		}
		if r.Colour != colour {
			if open {
				b = append(b, "]TJ\n"...)
				open = false
			}
			b = appendColour(b, r.Colour)
			b = append(b, '\n')
			colour = r.Colour
		}
		if rtc != tc {
			b = appendNum(b, rtc, 4)
			b = append(b, " Tc\n"...)
			tc = rtc
		}
		if newLine {
			x2 := math.Round(x*100) / 100
			b = append(b, "1 0 0 1 "...)
			b = appendNum(b, x2, 2)
			b = append(b, ' ')
			b = appendNum(b, y, 2)
			b = append(b, " Tm\n"...)
			lineY, cursor = y, x2
		}
		if !open {
			b = append(b, '[')
			open = true
		}
		if gap := x - cursor; math.Abs(gap) > 0.0005 {
			n := math.Round(-gap*1000/size*10) / 10
			if n != 0 {
				b = appendNum(b, n, 1)
				cursor -= n * size / 1000
			}
		}
		face := pt.faces[rs]
		kern := face.HasKerning()
		b = append(b, '<')
		var prevG uint16
		prevR := rune(-1)
		for _, c := range r.Text {
			g := face.Glyph(c)
			// The layout measures words and spaces apart: no kerning across a space.
			if kern && prevR >= 0 && prevR != ' ' && c != ' ' {
				if k := face.KernGlyphsMilli(prevG, g); k != 0 {
					b = append(b, '>')
					b = strconv.AppendInt(b, int64(-k), 10)
					b = append(b, '<')
					cursor += float64(k) * size / 1000
				}
			}
			b = append(b, hexDigits[g>>12], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
			cursor += float64(face.GlyphMilli(g))*size/1000 + tc
			pt.use.note(rs, g, c)
			prevG, prevR = g, c
		}
		b = append(b, '>')
	}
	if open {
		b = append(b, "]TJ\n"...)
	}
	b = append(b, "ET\n"...)
	if colour != 0 {
		b = append(b, "0 g\n"...) // the rules drawn next are black
	}
	return b
}
