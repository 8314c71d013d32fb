package pdf

import (
	"bindery/book/font"
)

// codes is how the content streams spell one face's glyphs: one byte a glyph, given as the
// pages are painted in order, each glyph its code when it is first drawn, so that a page's
// content is final once painted and nothing waits for later pages (a long book's runs go
// page by page). A printable ASCII character takes its own byte while that is free, so a line
// reads "(Bolivia has) -32 (a long)" in a literal string: a quarter of the bytes of two-byte
// glyph IDs in hex, and a fifth less after compression; the other glyphs take the codes ASCII
// leaves. A face's 256 codes are a bank; a face that draws more (a book in several scripts)
// goes on in a second bank, a second font resource (/F0.1) over the same embedded subset,
// with its own /W, /CIDToGIDMap and ToUnicode. Every bank's font has the embedded one-byte
// CMap (code = CID) and a /CIDToGIDMap from CIDs to the subset's glyph IDs, which stay the
// font's own.
type codes struct {
	of    []glyphCode   // by glyph ID
	banks []*[256]int32 // by bank and code: its glyph ID, or -1
	free  []int         // by bank: the first of freeOrder that may be free
	n     []int         // by bank: the codes given
	// rec, when set (Paintings), records each code given, as glyph face of rec's.
	rec    *pageRecord
	face   uint8
	widths *font.Face // the face, whose widths of keeps
}

// glyphCode is a glyph's code and its width, which the painter reads together for every
// glyph it draws.
type glyphCode struct {
	given uint32 // 1 + its bank<<8 | its code, 0 for a glyph not drawn yet
	milli int32  // its advance in 1/1000 em, as Face.GlyphMilli
}

// bank and code of a glyph given a code.
func (v glyphCode) bank() int  { return int(v.given-1) >> 8 }
func (v glyphCode) code() byte { return byte(v.given - 1) }

// freeOrder is the order a bank's codes go to glyphs that are not printable ASCII (or whose
// ASCII code is taken): the upper half first, then the controls, then what ASCII left.
var freeOrder = func() (o [256]byte) {
	n := 0
	for _, r := range [][2]int{{0x80, 0xFF}, {0x00, 0x1F}, {0x7F, 0x7F}, {' ', '~'}} {
		for c := r[0]; c <= r[1]; c++ {
			o[n] = byte(c)
			n++
		}
	}
	return o
}()

// newCodes makes the codes of face f, none given yet.
func newCodes(f *font.Face) *codes {
	return &codes{of: make([]glyphCode, f.NumGlyphs()), widths: f}
}

// code returns glyph g's bank and code, giving it the next ones if it has none yet; r is
// the character it is drawn for.
func (c *codes) code(g uint16, r rune) (int, byte) {
	v := c.of[g]
	if v.given == 0 {
		v = c.give(g, r)
	}
	return v.bank(), v.code()
}

// give gives glyph g, which has no code yet, the next bank and code; r is the character
// it is drawn for.
func (c *codes) give(g uint16, r rune) glyphCode {
	k := len(c.banks) - 1
	if k < 0 || c.n[k] == 256 {
		k = c.newBank()
	}
	b := c.banks[k]
	code := int(r)
	if r < ' ' || r > '~' || b[r] >= 0 {
		// The bank is not full: the loop ends.
		for b[freeOrder[c.free[k]]] >= 0 {
			c.free[k]++
		}
		code = int(freeOrder[c.free[k]])
	}
	b[code] = int32(g)
	c.n[k]++
	v := glyphCode{given: 1 + (uint32(k)<<8 | uint32(code)), milli: int32(c.widths.GlyphMilli(g))}
	c.of[g] = v
	if c.rec != nil {
		c.rec.given = append(c.rec.given, glyphNote{c.face, g, r})
	}
	return v
}

// newBank opens a bank with no code given and returns its number.
func (c *codes) newBank() int {
	b := new([256]int32)
	for i := range b {
		b[i] = -1
	}
	c.banks = append(c.banks, b)
	c.free = append(c.free, 0)
	c.n = append(c.n, 0)
	return len(c.banks) - 1
}

// appendCode writes a code inside a literal string.
func appendCode(b []byte, code byte) []byte {
	switch code {
	case '(', ')', '\\':
		return append(b, '\\', code)
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, code)
}

// glyphs returns bank k's glyphs in the order of their codes (CIDs), with their codes.
func (c *codes) glyphs(k int) (gs []int, cs []int) {
	for code, g := range c.banks[k] {
		if g >= 0 {
			gs, cs = append(gs, int(g)), append(cs, code)
		}
	}
	return gs, cs
}

// cidToGID is the /CIDToGIDMap stream of bank k: two bytes a CID.
func (c *codes) cidToGID(k int) []byte {
	out := make([]byte, 512)
	for code, g := range c.banks[k] {
		if g > 0 {
			out[2*code], out[2*code+1] = byte(g>>8), byte(g)
		}
	}
	return out
}

// fontName is the resource name of bank k of face s: /F0, then /F0.1, /F0.2…
func fontName(b []byte, s, k int) []byte {
	b = append(b, "/F"...)
	b = appendInt(b, s)
	if k > 0 {
		b = append(b, '.')
		b = appendInt(b, k)
	}
	return b
}

// oneByteCMap is the encoding of every bank: one byte a code, the code the CID.
const oneByteCMap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
	"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n" +
	"/CMapName /Bindery-OneByte def\n/CMapType 1 def\n" +
	"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" +
	"1 begincidrange\n<00> <FF> 0\nendcidrange\n" +
	"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"

// writeOneByteCMap writes the encoding the fonts share and returns its number.
func writeOneByteCMap(f *file) int {
	n := f.alloc()
	f.stream(n, "/Type /CMap /CMapName /Bindery-OneByte /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /Filter /FlateDecode", f.streams.deflate([]byte(oneByteCMap)))
	return n
}
