package pdf

import "strconv"

// codes is how the content streams spell one face's glyphs. A face that draws at most 256
// glyphs (a book in one alphabet) gets one-byte codes, each printable ASCII character its
// own byte, so a line reads "(Bolivia has) -32 (a long)" in a literal string: a quarter of
// the bytes of two-byte glyph IDs in hex, and a fifth less after compression. The font then
// has an embedded CMap (one byte, code = CID) and a /CIDToGIDMap from CIDs to the subset's
// glyph IDs, which stay the font's own. A face that draws more keeps Identity-H: its codes
// are its glyph IDs, two bytes each, in hex.
type codes struct {
	oneByte bool
	of      []uint16 // by glyph ID: its code (for the glyphs drawn)
	glyph   [256]int // one-byte: by code, its glyph ID, or -1
}

// newCodes gives each glyph drawn (used, with the character uni names it by) its code.
func newCodes(used []bool, uni []rune) *codes {
	c := &codes{of: make([]uint16, len(used))}
	n := 0
	for _, u := range used {
		if u {
			n++
		}
	}
	if n > 256 {
		for g := range c.of {
			c.of[g] = uint16(g)
		}
		return c
	}
	c.oneByte = true
	for i := range c.glyph {
		c.glyph[i] = -1
	}
	var rest []int
	for g, u := range used {
		if !u {
			continue
		}
		// A printable ASCII character is its own code (the first glyph for it: a small
		// capital drawn for the same letter takes another code).
		if r := uni[g]; r >= ' ' && r <= '~' && c.glyph[r] < 0 {
			c.glyph[r], c.of[g] = g, uint16(r)
			continue
		}
		rest = append(rest, g)
	}
	// The rest take the codes ASCII leaves: the upper half first, then the controls.
	next := 0x80
	for _, g := range rest {
		for c.glyph[next] >= 0 {
			next = (next + 1) % 256
		}
		c.glyph[next], c.of[g] = g, uint16(next)
	}
	return c
}

// open and close are the delimiters of a string of these codes.
func (c *codes) open() byte {
	if c.oneByte {
		return '('
	}
	return '<'
}

func (c *codes) close() byte {
	if c.oneByte {
		return ')'
	}
	return '>'
}

// appendGlyph writes glyph g's code inside a string opened with open.
func (c *codes) appendGlyph(b []byte, g uint16) []byte {
	code := c.of[g]
	if !c.oneByte {
		return append(b, hexDigits[code>>12], hexDigits[code>>8&15], hexDigits[code>>4&15], hexDigits[code&15])
	}
	switch code {
	case '(', ')', '\\':
		return append(b, '\\', byte(code))
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, byte(code))
}

// appendHex writes g's code in hex, as a CMap names it.
func (c *codes) appendHex(b []byte, g int) []byte {
	code := c.of[g]
	if c.oneByte {
		return append(b, hexDigits[code>>4&15], hexDigits[code&15])
	}
	return append(b, hexDigits[code>>12], hexDigits[code>>8&15], hexDigits[code>>4&15], hexDigits[code&15])
}

// cidToGID is the /CIDToGIDMap stream of a one-byte face: two bytes a CID.
func (c *codes) cidToGID() []byte {
	out := make([]byte, 512)
	for code, g := range c.glyph {
		if g > 0 {
			out[2*code], out[2*code+1] = byte(g>>8), byte(g)
		}
	}
	return out
}

// byCID returns the glyphs drawn in the order of their codes (CIDs).
func (c *codes) byCID(used []bool) []int {
	if !c.oneByte {
		var out []int
		for g, u := range used {
			if u {
				out = append(out, g)
			}
		}
		return out
	}
	var out []int
	for _, g := range c.glyph {
		if g >= 0 {
			out = append(out, g)
		}
	}
	return out
}

// oneByteCMap is the encoding of the one-byte faces: one byte a code, the code the CID.
const oneByteCMap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
	"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n" +
	"/CMapName /Bindery-OneByte def\n/CMapType 1 def\n" +
	"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" +
	"1 begincidrange\n<00> <FF> 0\nendcidrange\n" +
	"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"

// writeOneByteCMap writes the encoding the one-byte faces share and returns its number.
func writeOneByteCMap(f *file) int {
	n := f.alloc()
	f.stream(n, "/Type /CMap /CMapName /Bindery-OneByte /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /Filter /FlateDecode", f.streams.deflate([]byte(oneByteCMap)))
	return n
}

// encodingRef is the /Encoding of a face with these codes.
func (c *codes) encodingRef(cmap int) string {
	if c.oneByte {
		return strconv.Itoa(cmap) + " 0 R"
	}
	return "/Identity-H"
}
