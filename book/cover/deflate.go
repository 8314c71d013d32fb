package cover

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
)

// rowDeflater writes a picture's rows as one zlib stream, for the PNG's IDAT chunks. A
// cover is mostly flat colour: most of its rows repeat the one above, and the others are
// long runs of one colour with the letters' edges between. So each row is coded against
// the row above and itself, greedily, as DEFLATE back-references (distance: a row, or one
// byte) and literals; no hash table, no search. Blocks of blockTokens codes each get
// Huffman codes made for them (DEFLATE's dynamic blocks), so the few back-references that
// make up most of a cover cost a bit or two each. A general-purpose compressor at its fastest
// level took 7 ms and 1.3 MB of fresh memory for the default cover (a 1600×2560 canvas is
// 4 MB of rows) to find the same repetitions; a row that repeats the one above costs a
// comparison and seven codes here, and its Adler-32 is carried over by arithmetic.
type rowDeflater struct {
	w       io.Writer
	err     error
	bits    uint64 // pending bits, the first in the lowest
	nbits   uint
	out     []byte
	tokens  []token // of the block being made
	prev    []byte  // the row above, with its filter byte
	hasPrev bool
	huff    huffman // scratch for the blocks' codes
	// Adler-32 of everything written, and the previous row's sum and weighted sum (for
	// a repeated row).
	a, b         uint32
	sum, weights uint32
}

// A token is a literal byte, or a back-reference: matchFlag | length<<16 | distance.
type token uint32

const matchFlag = 1 << 31

// blockTokens bounds a block, so that memory stays small whatever the picture.
const blockTokens = 1 << 14

const adlerMod = 65521

// maxDistance is DEFLATE's window: a row longer than that is coded against itself only.
const maxDistance = 32768

func newRowDeflater(w io.Writer, rowLen int) *rowDeflater {
	// The tokens' slice is made at its bound at once: grown by appending it was about 150 KB
	// of fresh memory per cover, where pages never written cost nothing.
	d := &rowDeflater{w: w, a: 1, prev: make([]byte, rowLen), out: make([]byte, 0, 8192), tokens: make([]token, 0, blockTokens)}
	d.out = append(d.out, 0x78, 0x01) // zlib: deflate, 32 KB window, fastest; (0x7801 % 31 == 0)
	return d
}

// writeRow codes one row (filter byte first); every row has the same length. repeated says
// the row is the one written before (the painter left it as it was): it is not compared
// again, most of a cover's rows being such.
func (d *rowDeflater) writeRow(row []byte, repeated bool) {
	n := len(row)
	up := d.hasPrev && n <= maxDistance
	if up && n >= 3 && (repeated || bytes.Equal(row, d.prev)) { // a copy says 3 bytes at least
		d.match(n, n)
	} else {
		// Against the row above, the sums change only where the row is not a copy of it.
		var diff rowSums
		for i := 0; i < n; {
			// Where a letter's edge changes the row, a byte at a time: the first byte tells.
			same := 0
			if up && row[i] == d.prev[i] {
				same = samePrefix(row[i:], d.prev[i:])
			}
			// The run of row[i]: the bytes from i+1 that equal the byte before each. A copy of
			// the row above wins unless the run is longer, which needs the first byte unlike
			// the row above to be row[i]: else the run is not looked for.
			run := 0
			if same < 3 || i+same < n && row[i+same] == row[i] {
				run = 1
				if i+1 < n && row[i+1] == row[i] {
					run += samePrefix(row[i+1:], row[i:n-1])
				}
			}
			switch {
			case same >= 3 && same >= run:
				d.match(n, same)
				i += same
			case run >= 4:
				d.literal(row[i])
				d.match(1, run-1)
				if up {
					diff.changeRun(row[i], run, d.prev[i:i+run], n-i)
				}
				i += run
			default:
				d.literal(row[i])
				if up {
					diff.changeByte(row[i], d.prev[i], n-i)
				}
				i++
			}
		}
		if up {
			d.sum, d.weights = diff.apply(d.sum, d.weights)
		} else {
			d.sum, d.weights = rowAdler(row)
		}
		copy(d.prev, row)
		d.hasPrev = true
	}
	// Adler-32 over the row: a gains the sum, b the row's length times the old a and the
	// bytes weighted by how many of the row's bytes they precede or are.
	a := uint64(d.a)
	d.a = uint32((a + uint64(d.sum)) % adlerMod)
	d.b = uint32((uint64(d.b) + uint64(n)%adlerMod*a + uint64(d.weights)) % adlerMod)
}

// rowSums is how a row's sum and weighted sum (rowAdler's) differ from the row above's:
// what the bytes that are not copies of it add, and what the bytes they replace took away.
// No overflow: a row copied from is at most 32,768 bytes, so each is below 255·32,768².
type rowSums struct{ add, sub, addW, subW uint64 }

// changeRun counts a run of n bytes v (of the row) in place of was (of the row above), the
// first weighted by w (how many of the row's bytes it precedes or is).
func (s *rowSums) changeRun(v byte, n int, was []byte, w int) {
	b, bw := sums(was)
	rest := uint64(w - n) // the weight of the bytes after them
	s.add += uint64(v) * uint64(n)
	s.addW += uint64(v) * (uint64(n)*(uint64(n)+1)/2 + rest*uint64(n))
	s.sub += b
	s.subW += bw + rest*b
}

// changeByte is changeRun of one byte.
func (s *rowSums) changeByte(now, was byte, w int) {
	s.add += uint64(now)
	s.addW += uint64(now) * uint64(w)
	s.sub += uint64(was)
	s.subW += uint64(was) * uint64(w)
}

// apply returns the row above's sums (modulo 65521) changed.
func (s *rowSums) apply(sum, weights uint32) (uint32, uint32) {
	return uint32((uint64(sum) + s.add%adlerMod + adlerMod - s.sub%adlerMod) % adlerMod),
		uint32((uint64(weights) + s.addW%adlerMod + adlerMod - s.subW%adlerMod) % adlerMod)
}

// literal adds one byte.
func (d *rowDeflater) literal(v byte) { d.add(token(v)) }

// match adds a copy of length bytes from distance back, in pieces DEFLATE can say (3 to
// 258 bytes each).
func (d *rowDeflater) match(distance, length int) {
	for length > 0 {
		n := min(length, 258)
		if rest := length - n; rest > 0 && rest < 3 {
			n = length - 3
		}
		length -= n
		d.add(matchFlag | token(n)<<16 | token(distance))
	}
}

func (d *rowDeflater) add(t token) {
	d.tokens = append(d.tokens, t)
	if len(d.tokens) == blockTokens {
		d.block(false)
	}
}

// close ends the last block and the stream and writes what is left.
func (d *rowDeflater) close() error {
	d.block(true)
	for d.nbits > 0 { // the last byte's unused bits are zeros
		d.out = append(d.out, byte(d.bits))
		d.bits >>= 8
		d.nbits -= min(d.nbits, 8)
	}
	d.out = binary.BigEndian.AppendUint32(d.out, d.b<<16|d.a)
	d.flush(true)
	return d.err
}

// rowAdler returns a row's sum and its sum weighted by len(row)-i, both modulo 65521.
func rowAdler(row []byte) (sum, weights uint32) {
	s, w := sums(row)
	return uint32(s % adlerMod), uint32(w % adlerMod)
}

// sums returns the sum of the bytes and their sum weighted by len(b)-i. The weighted sum is
// the sum of the running sums after each byte, taken eight bytes at a time as zlib does (a
// byte at a time it was a seventh of drawing a cover whose title fills a third of its rows).
// No overflow below 2^28 bytes (255·n²/2 < 2^64).
//
// The eight bytes' sums are made in one word: its even and odd bytes spread into four 16-bit
// lanes each, and a multiplication by the lanes' weights sums them into the top lane (at most
// 255·(8+7+…+1) = 9,180: no lane carries into the next).
func sums(b []byte) (s, w uint64) {
	const (
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001
		evens = 0x0008000600040002 // x0·8 + x2·6 + x4·4 + x6·2 in the top lane
		odds  = 0x0007000500030001 // x1·7 + x3·5 + x5·3 + x7·1
	)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		v := binary.LittleEndian.Uint64(b[i:])
		e, o := v&lanes, v>>8&lanes
		w += 8*s + (e*evens+o*odds)>>48
		s += (e + o) * ones >> 48
	}
	for _, x := range b[i:] {
		s += uint64(x)
		w += s
	}
	return s, w
}

// put appends the n (at most 32) lowest bits of v, the first bit lowest (codes are given
// reversed). Whole bytes go out four at a time, once 32 bits are pending.
func (d *rowDeflater) put(v uint32, n uint) {
	d.bits |= uint64(v) << d.nbits
	d.nbits += n
	if d.nbits >= 32 {
		d.out = binary.LittleEndian.AppendUint32(d.out, uint32(d.bits))
		d.bits >>= 32
		d.nbits -= 32
	}
}

// samePrefix is how many bytes a and b have alike from their start, compared a word at a
// time: a cover's rows are mostly long stretches like the row above or of one colour.
func samePrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	// Two words first (most stretches end soon), then 128 bytes at a time while they are
	// alike, by the vectorised comparison of strings, then the words of the chunk that differs.
	for ; i+8 <= n && i < 16; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for i+128 <= n && string(a[i:i+128]) == string(b[i:i+128]) {
		i += 128
	}
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// flush writes the whole bytes coded so far once there are enough of them, or all of them.
func (d *rowDeflater) flush(all bool) {
	if (all || len(d.out) >= 4096) && d.err == nil {
		_, d.err = d.w.Write(d.out)
		d.out = d.out[:0]
	}
}

// DEFLATE's lengths (codes 257 to 285) and distances (codes 0 to 29): each code's first
// value and its extra bits (RFC 1951, 3.2.5).
var (
	lengthBase    = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra   = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distanceBase  = [30]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distanceExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// lengthCodes is lengthCode of each length, 3 to 258 (TestCodesAreTheTables), written out:
// made at init, every run of the program would pay for it.
var lengthCodes = [259]uint8{
	0, 0, 0,
	0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13,
	14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 17, 17, 17, 17,
	18, 18, 18, 18, 18, 18, 18, 18, 19, 19, 19, 19, 19, 19, 19, 19, 20, 20, 20, 20, 20, 20, 20, 20,
	20, 20, 20, 20, 20, 20, 20, 20, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 21,
	22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 23, 23, 23, 23, 23, 23, 23, 23,
	23, 23, 23, 23, 23, 23, 23, 23, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24,
	24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 25, 25, 25, 25, 25, 25, 25, 25,
	25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25,
	26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 26,
	26, 26, 26, 26, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 28,
}

// lengthCode is the index of the last code whose first length is at most n (3 ≤ n ≤ 258):
// eight codes of one length each, then four codes for each doubling of n-3, then 258's own.
func lengthCode(n int) int {
	m := n - 3
	switch {
	case n == 258:
		return 28
	case m < 8:
		return m
	}
	l := bits.Len(uint(m)) - 1
	return 4*(l-1) + m>>(l-2)&3
}

// distanceCode is the index of the last code whose first distance is at most n (1 ≤ n ≤
// 32768): four codes of one distance each, then two for each doubling of n-1.
func distanceCode(n int) int {
	if n <= 4 {
		return n - 1
	}
	d := n - 1
	l := bits.Len(uint(d)) - 1
	return 2*l + d>>(l-1)&1
}

// reverse returns the n lowest bits of c in reverse order: Huffman codes are sent from
// their highest bit, DEFLATE's bit stream from the lowest.
func reverse(c uint32, n uint) uint32 {
	var r uint32
	for range n {
		r = r<<1 | c&1
		c >>= 1
	}
	return r
}
