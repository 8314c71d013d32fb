package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"bindery/book/font"
	"bindery/book/layout"
)

// glyphUse records which glyphs of each face the pages draw, and a character for each (the
// smallest, so the record does not depend on the order pages are painted in), for the font
// subsets and their ToUnicode maps.
type glyphUse struct {
	used [numFaces][]bool
	uni  [numFaces][]rune
	rec  *pageRecord // when set (Paintings), notes each page's glyphs too
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
	u.mark(style, g, r)
	if u.rec != nil {
		u.rec.note(style, g, r)
	}
}

// mark notes glyph g of face style drawn for r.
func (u *glyphUse) mark(style int, g uint16, r rune) {
	if !u.used[style][g] || r < u.uni[style][g] {
		u.used[style][g] = true
		u.uni[style][g] = r
	}
}

// painter turns laid-out pages into content streams.
type painter struct {
	faces  [numFaces]*font.Face
	pageH  float64 // points: the layout measures from the top, PDF from the bottom
	images map[string]int
	use    *glyphUse
	// codes spell each face's glyphs, given as they are first drawn.
	codes *[numFaces]*codes
	// drawn is, by face, made when the face first draws, what glyphs found for each
	// character below 256 drawn before: most of a book's.
	drawn [numFaces]*[256]drawnGlyph
}

// drawnGlyph is a character's glyph and its code and width (code.given 0: not drawn yet).
// Once drawn, its use is noted in glyphUse, with this character or a smaller one.
type drawnGlyph struct {
	code glyphCode
	g    uint16
}

// page returns the content stream of p, uncompressed, appended to b: its runs and pictures
// in reading order, each in the marked content tags gives it, then its rules as artifacts.
func (pt *painter) page(b []byte, p *layout.Page, tags *pageTags) []byte {
	tx := textState{style: -1, lineY: math.NaN(), mcid: noContent, lastR: -1}
	// Tinted grounds (under code) first, under the text, as artifacts.
	plainRules := false
	for _, r := range p.Rules {
		if r.Tint == 0 {
			plainRules = true
			continue
		}
		b = tx.mark(b, segment{mcid: -1}, "")
		b = append(b, "q "...)
		b = appendColour(b, r.Tint)
		b = pt.rect(b, r)
		b = append(b, "Q\n"...)
	}
	for _, it := range tags.order {
		if it.pic >= 0 {
			if tx.inText {
				b = tx.end(b)
			}
			b = tx.mark(b, segment{mcid: tags.pic(it.pic)}, "Figure")
			b = pt.picture(b, p.Pictures[it.pic])
			continue
		}
		r := &p.Runs[it.run]
		if !drawn(r) {
			continue
		}
		if !tx.inText {
			b = append(b, "BT\n"...)
			tx.inText, tx.lineY = true, math.NaN()
			tx.lineX, tx.lineYh = 0, 0
		}
		b = pt.run(b, &tx, r, tags, it.run)
	}
	if tx.inText {
		b = tx.end(b)
	}
	if tx.colour != 0 {
		b = append(b, "0 g\n"...) // the rules are black
		tx.colour = 0
	}
	if plainRules {
		b = tx.mark(b, segment{mcid: -1}, "")
	}
	for _, r := range p.Rules {
		if r.Tint == 0 {
			b = pt.rect(b, r)
		}
	}
	return tx.mark(b, segment{mcid: noContent}, "")
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

// picture paints a picture.
func (pt *painter) picture(b []byte, pic layout.Picture) []byte {
	b = append(b, "q "...)
	b = appendNum(b, ptOf(pic.W), 3)
	b = append(b, " 0 0 "...)
	b = appendNum(b, ptOf(pic.H), 3)
	b = append(b, ' ')
	b = appendNum(b, ptOf(pic.X), 3)
	b = append(b, ' ')
	b = appendNum(b, pt.pageH-ptOf(pic.Y+pic.H), 3)
	b = append(b, " cm /Im"...)
	b = appendInt(b, pt.images[pic.Src])
	return append(b, " Do Q\n"...)
}

// noContent is the marked content state outside any: neither tagged nor an artifact.
const noContent = -2

// textState is what the painter has set in the content stream so far.
type textState struct {
	inText, open bool // in a text object; in a TJ array
	style        int
	bank         int // the bank of style's codes whose font is set
	size, tc     float64
	lineY        float64
	// lineX, lineYh: the start of the line in thousandths of a point (Td's origin).
	lineX, lineYh int64
	cursor        float64         // where the viewer's text position is on the line
	mcid          int             // the marked content open: an MCID, -1 for an artifact, or noContent
	lastR         rune            // the last character drawn on the line, -1 at its start
	block         layout.BlockRef // of the page before: a page numbers its blocks
	colour        uint32          // the fill colour set, 0xRRGGBB (0: black)
}

// closeArray ends the TJ array open, if any.
func (tx *textState) closeArray(b []byte) []byte {
	if tx.open {
		tx.open = false
		return append(b, "]TJ\n"...)
	}
	return b
}

// end ends the text object.
func (tx *textState) end(b []byte) []byte {
	b = tx.closeArray(b)
	tx.inText = false
	return append(b, "ET\n"...)
}

// mark closes the marked content open and opens seg's: tagged content of structure type
// typ, an artifact (-1), or none (noContent); a TJ array open is closed first.
func (tx *textState) mark(b []byte, seg segment, typ string) []byte {
	mcid := seg.mcid
	if mcid == tx.mcid && mcid != noContent {
		return b
	}
	b = tx.closeArray(b)
	if tx.mcid != noContent {
		b = append(b, "EMC"...)
		if mcid < -1 {
			b = append(b, '\n') // what follows may begin with a number
		}
	}
	tx.mcid = mcid
	// Compact syntax (compact.go): a tag's name ends at the delimiter after it.
	switch {
	case mcid == -1:
		b = append(b, "/Artifact BMC\n"...)
	case mcid >= 0:
		b = append(b, '/')
		b = append(b, typ...)
		b = append(b, "<</MCID "...)
		b = appendInt(b, mcid)
		if seg.hasActual {
			b = append(b, "/ActualText"...)
			b = appendText(b, seg.actual)
		}
		b = append(b, ">>BDC\n"...)
	}
	return b
}

// segments are the pieces run i, of n bytes, is painted in; one holds the run's only
// piece, for the common run.
func (t *pageTags) segments(i, n int, one *[1]segment) []segment {
	if m := t.runs[i]; m > -2 {
		one[0] = segment{to: n, mcid: int(m)}
		return one[:]
	}
	return t.pieces[-2-t.runs[i]]
}

// typ is the structure type of the element seg's marked content belongs to.
func (t *pageTags) typ(seg segment) string {
	if seg.mcid < 0 {
		return ""
	}
	return t.tree.elemAt(t.mcids[seg.mcid]).typ
}

// pic returns the marked content of picture i.
func (t *pageTags) pic(i int) int { return t.pics[i] }

func ptOf(l layout.Length) float64 { return float64(l) / float64(layout.Pt) }

const hexDigits = "0123456789ABCDEF"

// run paints a run in the text object open. Runs on one baseline share a TJ array: each
// run is placed at its x by a number that moves the text position from where the previous
// glyphs left it, computed with the same integer glyph widths the /W array gives the viewer,
// so no error accumulates along a line. Kerning is written as TJ numbers between glyphs. A
// word hyphenated over two lines is read as the whole word (/ActualText on its first piece,
// an empty one on its second).
func (pt *painter) run(b []byte, tx *textState, r *layout.Run, tags *pageTags, i int) []byte {
	var one [1]segment
	segs := tags.segments(i, len(r.Text), &one)
	rs, rsize, rtc := int(r.Style), ptOf(layout.Length(r.Size)), ptOf(layout.Length(r.Tracking))
	x, y := ptOf(layout.Length(r.X)), pt.pageH-ptOf(layout.Length(r.Y)) // Y is the run's own baseline, raised already
	// Text that goes on on the next line ends this one with a space, as a word space; so does
	// a word before a gap on the line, when the next word is of the same block (a link's
	// word in a paragraph: not a table's next cell, nor a list item's text after its label).
	if tx.open && tx.lastR >= 0 && tx.lastR != ' ' && r.Block == tx.block {
		if y == tx.lineY {
			if x-tx.cursor > rsize/10 && !strings.HasPrefix(r.Text, " ") {
				b = pt.space(b, tx)
			}
		} else if segs[0].mcid >= 0 && !segs[0].hasActual {
			b = pt.space(b, tx)
		}
	}
	tx.block = r.Block
	b = tx.mark(b, segs[0], tags.typ(segs[0]))
	newFont, newLine := rs != tx.style || rsize != tx.size, y != tx.lineY
	if newFont || newLine || rtc != tx.tc {
		b = tx.closeArray(b)
	}
	if newFont {
		// The font is the bank of the first glyph's code; a glyph in another bank sets its
		// own (glyphs).
		tx.style, tx.size, tx.bank = rs, rsize, 0
		if c, _ := utf8.DecodeRuneInString(r.Text); r.Text != "" {
			tx.bank, _ = pt.codes[rs].code(pt.faces[rs].Glyph(c), c)
		}
		b = tx.font(b, rs, tx.bank)
	}
	if r.Colour != tx.colour {
		b = tx.closeArray(b)
		b = appendColour(b, r.Colour)
		b = append(b, '\n')
		tx.colour = r.Colour
	}
	if rtc != tx.tc {
		b = appendNum(b, rtc, 4)
		b = append(b, " Tc\n"...)
		tx.tc = rtc
	}
	if newLine {
		// Td moves from the last line's start (from the origin after BT), in whole
		// thousandths of a point (the line starts where the layout put it, with no TJ number
		// to correct it), so that no error adds up and the operands are short: the next
		// line's are "0 -13".
		hx, hy := int64(math.Round(x*1000)), int64(math.Round(y*100))*10
		b = appendNum(b, float64(hx-tx.lineX)/1000, 3)
		b = append(b, ' ')
		b = appendNum(b, float64(hy-tx.lineYh)/1000, 3)
		b = append(b, " Td\n"...)
		tx.lineX, tx.lineYh = hx, hy
		tx.lineY, tx.cursor, tx.lastR = y, float64(hx)/1000, -1
	}
	if !tx.open {
		b = append(b, '[')
		tx.open = true
	}
	if gap := x - tx.cursor; math.Abs(gap) > 0.0005 {
		tenths := math.Round(-gap * 1000 / tx.size * 10)
		if n := tenths / 10; n != 0 {
			b = appendTenths(b, tenths)
			tx.cursor -= n * tx.size / 1000
		}
	}
	var prevG uint16
	prevR := rune(-1)
	from := 0
	for k, seg := range segs {
		if k > 0 {
			b = tx.mark(b, seg, tags.typ(seg))
			if !tx.open {
				b = append(b, '[')
				tx.open = true
			}
		}
		if seg.to > from {
			b, prevG, prevR = pt.glyphs(b, tx, rs, r.Text[from:seg.to], prevG, prevR)
		}
		from = seg.to
	}
	tx.lastR = prevR
	return b
}

// glyphs writes the glyphs of s in face rs as one string of the TJ array open, kerned from
// the glyph before (prevG, prevR), and returns the last. A glyph in another bank of the
// face's codes than the font set ends the array and sets that bank's font. Every glyph of a
// book passes here: a character drawn before is one load (drawn), another's code and width
// one more (codes.of), and its use is noted inline.
func (pt *painter) glyphs(b []byte, tx *textState, rs int, s string, prevG uint16, prevR rune) ([]byte, uint16, rune) {
	face := pt.faces[rs]
	kern := face.HasKerning()
	size, tc, cursor := tx.size, tx.tc, tx.cursor
	enc := pt.codes[rs]
	used, uni, rec := pt.use.used[rs], pt.use.uni[rs], pt.use.rec
	drawn := pt.drawn[rs]
	if drawn == nil {
		drawn = new([256]drawnGlyph)
		pt.drawn[rs] = drawn
	}
	// Two strings in a row in the TJ array are one (a word and its space).
	fresh := false // the string was opened with nothing in it yet
	if tx.open && len(b) > 0 && b[len(b)-1] == ')' && (len(b) < 2 || b[len(b)-2] != '\\') {
		b = b[:len(b)-1]
	} else {
		b = append(b, '(')
		fresh = true
	}
	for i := 0; i < len(s); {
		// Without kerning or a page record, a stretch of ASCII drawn before in the bank set
		// goes by the short loop of drawnASCII.
		if !kern && rec == nil {
			if n, g, cur, b2 := drawnASCII(b, s[i:], drawn, tx.bank, size, tc, cursor); n > 0 {
				b, cursor, fresh = b2, cur, false
				i += n
				prevG, prevR = g, rune(s[i-1])
				if i == len(s) {
					break
				}
			}
		}
		c, w := utf8.DecodeRuneInString(s[i:])
		i += w
		var g uint16
		var v glyphCode
		if uint32(c) < 256 && drawn[c].code.given != 0 {
			g, v = drawn[c].g, drawn[c].code
		} else {
			g = face.Glyph(c)
			if v = enc.of[g]; v.given == 0 {
				v = enc.give(g, c)
			}
			if !used[g] || c < uni[g] { // glyphUse.mark
				used[g], uni[g] = true, c
			}
			if uint32(c) < 256 {
				drawn[c] = drawnGlyph{v, g}
			}
		}
		if bank := v.bank(); bank != tx.bank {
			b = tx.setFont(b, rs, bank, fresh)
			fresh = true
		}
		// The layout measures words and spaces apart: no kerning across a space.
		if kern && prevR >= 0 && prevR != ' ' && c != ' ' {
			if k := face.KernGlyphsMilli(prevG, g); k != 0 {
				b = append(b, ')')
				b = appendInt(b, -k)
				b = append(b, '(')
				cursor += float64(k) * size / 1000
			}
		}
		b = appendCode(b, v.code())
		fresh = false
		cursor += float64(v.milli)*size/1000 + tc
		if rec != nil {
			rec.note(rs, g, c)
		}
		prevG, prevR = g, c
	}
	tx.cursor = cursor
	return append(b, ')'), prevG, prevR
}

// space writes a word space in the style set, as glyphs(b, tx, tx.style, " ", 0, -1) does:
// into the string open by drawnASCII when the space was drawn before in the bank set (a
// space is never kerned), else by glyphs.
func (pt *painter) space(b []byte, tx *textState) []byte {
	n := len(b)
	if d := pt.drawn[tx.style]; d != nil && pt.use.rec == nil && tx.open && n > 1 && b[n-1] == ')' && b[n-2] != '\\' {
		if k, _, cursor, b2 := drawnASCII(b[:n-1], " ", d, tx.bank, tx.size, tx.tc, tx.cursor); k == 1 {
			tx.cursor = cursor
			return append(b2, ')')
		}
	}
	b, _, _ = pt.glyphs(b, tx, tx.style, " ", 0, -1)
	return b
}

// drawnASCII writes the glyphs of s's longest head of ASCII characters drawn before in bank
// bank, as glyphs does without kerning, and returns how many, the last glyph, the cursor
// and b. Out of glyphs' loop, and writing into room made first, so that its few values stay
// in registers: no call in the loop.
func drawnASCII(b []byte, s string, drawn *[256]drawnGlyph, bank int, size, tc, cursor float64) (int, uint16, float64, []byte) {
	n := len(b)
	b = slices.Grow(b, 2*len(s))
	room := b[n : n+2*len(s)]
	var g uint16
	i, j := 0, 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			break
		}
		d := &drawn[c]
		if d.code.given == 0 || d.code.bank() != bank {
			break
		}
		// appendCode, by a table.
		if code := d.code.code(); escaped[code] != 0 {
			room[j], room[j+1] = '\\', escaped[code]
			j += 2
		} else {
			room[j] = code
			j++
		}
		cursor += float64(d.code.milli)*size/1000 + tc
		g = d.g
	}
	return i, g, cursor, b[:n+j]
}

// escaped is the letter after a backslash for the codes appendCode escapes, 0 for the rest.
var escaped = [256]byte{'(': '(', ')': ')', '\\': '\\', '\n': 'n', '\r': 'r'}

// setFont sets bank k of face s at the size set, inside a string of the TJ array open
// (fresh: with nothing in it yet), and opens a new array and string after it.
func (tx *textState) setFont(b []byte, s, k int, fresh bool) []byte {
	if fresh {
		b = b[:len(b)-1]
	} else {
		b = append(b, ')')
	}
	// Outside a string, a '[' last is the array's own: an empty array is left out.
	if b[len(b)-1] == '[' {
		b = b[:len(b)-1]
	} else {
		b = append(b, "]TJ\n"...)
	}
	return append(tx.font(b, s, k), "[("...)
}

// font sets bank k of face s at the size set, outside a TJ array.
func (tx *textState) font(b []byte, s, k int) []byte {
	b = fontName(b, s, k)
	b = append(b, ' ')
	b = appendNum(b, tx.size, 3)
	tx.bank = k
	return append(b, " Tf\n"...)
}
