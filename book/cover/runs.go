package cover

import (
	"encoding/binary"
	"image"
	"math/bits"
)

// A coverage mask kept by the canvas is run-coded, a row at a time: a glyph's box is mostly
// no ink around its strokes and full ink inside them, with a pixel or two of partial cover
// at each edge. Kept whole, a title's masks were a few hundred kilobytes of fresh memory a
// cover (a page fault for each 4 KB on first touch); coded, a few tens.
//
// A row is a series of (z, l, f) triples, each a uvarint: z pixels of no ink, then l pixels
// of partial cover (their l bytes follow l), then f pixels of full ink (255), until the
// row's width is reached.

// appendRuns codes the rows of m within r and appends them to code; starts gains the
// offset in code of each row's first byte.
func appendRuns(code []byte, starts []int32, m *image.Alpha, r image.Rectangle) ([]byte, []int32) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		starts = append(starts, int32(len(code)))
		row := m.Pix[m.PixOffset(r.Min.X, y):][:r.Dx()]
		for x := 0; x < len(row); {
			// Each stretch is looked for only where its first pixel is: most are short or
			// missing (a stroke's edge is a pixel or two, and a stroke may have none).
			z := x
			if row[x] == 0 {
				x += run(row[x:], 0)
			}
			l := x
			for x < len(row) && row[x] != 0 && row[x] != 255 {
				x++
			}
			f := x
			if x < len(row) && row[x] == 255 {
				x += run(row[x:], 255)
			}
			code = appendUvarint(code, l-z)
			code = appendUvarint(code, f-l)
			if f > l {
				code = append(code, row[l:f]...)
			}
			code = appendUvarint(code, x-f)
		}
	}
	return code, starts
}

// run is how many bytes b starts with that are v, counted a word at a time: a glyph's rows
// are mostly long stretches of no ink or full ink.
func run(b []byte, v byte) int {
	vs := uint64(v) * 0x0101010101010101
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if x := binary.LittleEndian.Uint64(b[i:]) ^ vs; x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for i < len(b) && b[i] == v {
		i++
	}
	return i
}

// overRuns paints opaque ink through a coded row onto d ("over", as over does: full ink
// leaves 255, no ink leaves d). The counts are read here a byte each, the longer ones (128
// and over) by longUvarint: a call each was a tenth of painting.
func overRuns(d, code []byte) {
	k := 0
	for x := 0; x < len(d); {
		z := int(code[k])
		if k++; z >= 0x80 {
			z, k = longUvarint(code, k-1)
		}
		l := int(code[k])
		if k++; l >= 0x80 {
			l, k = longUvarint(code, k-1)
		}
		x += z
		over(d[x:x+l], code[k:k+l])
		k += l
		x += l
		f := int(code[k])
		if k++; f >= 0x80 {
			f, k = longUvarint(code, k-1)
		}
		for full := d[x : x+f]; len(full) > 0; {
			full = full[copy(full, inked[:]):]
		}
		x += f
	}
}

// inked is full ink to copy from.
var inked = [64]byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255}

// appendUvarint is binary.AppendUvarint, a byte without a loop for the counts below 128
// that most are.
func appendUvarint(code []byte, v int) []byte {
	if v < 0x80 {
		return append(code, byte(v))
	}
	return binary.AppendUvarint(code, uint64(v))
}

// longUvarint reads the count appendUvarint wrote at code[k] and returns where the next
// starts.
func longUvarint(code []byte, k int) (int, int) {
	v, n := binary.Uvarint(code[k:])
	return int(v), k + n
}
