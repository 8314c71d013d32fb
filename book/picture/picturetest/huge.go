// Package picturetest makes pictures for tests: a PNG of any size, without the cost of
// compressing its pixels.
package picturetest

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
)

// HugePNG is a width×height 16-bit RGB PNG whose rows are all alike (ten bands from red to
// blue): 10,000 × 10,000 is 100 megapixels, 600 MB of samples, in a file of about 1 MB. The
// zlib stream is one compressed block of rows repeated (a block that refers to nothing
// before it decodes the same wherever it stands), so making it costs a few milliseconds.
func HugePNG(width, height int) []byte {
	row := make([]byte, 1+6*width) // filter 0, then R G B at 16 bits
	for x := range width {
		v := uint16(x * 10 / width * 65535 / 9) // bands: long runs compress
		binary.BigEndian.PutUint16(row[1+6*x:], 65535-v)
		binary.BigEndian.PutUint16(row[5+6*x:], v)
	}
	const rowsPerBlock = 8
	var chunk []byte
	for range min(rowsPerBlock, height) {
		chunk = append(chunk, row...)
	}
	block := deflated(chunk)
	var z bytes.Buffer
	z.Write([]byte{0x78, 0x01}) // zlib header: deflate, 32K window
	sum := uint32(1)
	for done := 0; done < height; {
		n := min(rowsPerBlock, height-done)
		if n == rowsPerBlock {
			z.Write(block)
			sum = adler32Combine(sum, adler32.Checksum(chunk), int64(len(chunk)))
		} else {
			part := chunk[:n*len(row)]
			z.Write(deflated(part))
			sum = adler32Combine(sum, adler32.Checksum(part), int64(len(part)))
		}
		done += n
	}
	z.Write([]byte{0x03, 0x00}) // an empty final block
	binary.Write(&z, binary.BigEndian, sum)

	var ihdr bytes.Buffer
	binary.Write(&ihdr, binary.BigEndian, []uint32{uint32(width), uint32(height)})
	ihdr.Write([]byte{16, 2, 0, 0, 0})
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, Chunk("IHDR", ihdr.Bytes())...)
	out = append(out, Chunk("IDAT", z.Bytes())...)
	return append(out, Chunk("IEND", nil)...)
}

// deflated compresses data as non-final blocks that end on a byte boundary.
func deflated(data []byte) []byte {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.BestCompression)
	fw.Write(data)
	fw.Flush()
	return b.Bytes()
}

// Chunk is a PNG chunk with its length and CRC.
func Chunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	return b.Bytes()
}

// adler32Combine is the Adler-32 of two pieces from theirs (zlib's adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int64) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}
