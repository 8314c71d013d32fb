package cover

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// This file writes rowDeflater's blocks: DEFLATE's dynamic blocks (RFC 1951, 3.2.7), with
// Huffman codes made from the block's own counts. The code lengths are sent plainly (the
// code-length alphabet's 0 to 15, without its repeat codes: a header of a few hundred bytes
// at most, for blocks of thousands of codes).

// codeLengthOrder is the order the code-length code's lengths are sent in.
var codeLengthOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// block writes the tokens gathered as one dynamic block, the stream's last if final.
func (d *rowDeflater) block(final bool) {
	var litFreq [286]int
	var distFreq [30]int
	// Most matches repeat the one before (a row copied from above is a few alike): their
	// codes are worked out once.
	last, lc, dc := token(0), 0, 0
	for _, t := range d.tokens {
		if t&matchFlag == 0 {
			litFreq[t]++
			continue
		}
		if t != last {
			last, lc, dc = t, int(lengthCodes[t>>16&0x1FF]), distanceCode(int(t&0xFFFF))
		}
		litFreq[257+lc]++
		distFreq[dc]++
	}
	litFreq[256] = 1 // the end of the block
	litLen := d.huff.lengths(litFreq[:], 15)
	distLen := d.huff.lengths(distFreq[:], 15)
	hlit, hdist := used(litLen, 257), used(distLen, 1)
	lengths := append(append([]uint8(nil), litLen[:hlit]...), distLen[:hdist]...)
	var clFreq [19]int
	for _, l := range lengths {
		clFreq[l]++
	}
	clLen := d.huff.lengths(clFreq[:], 7)
	hclen := 19
	for hclen > 4 && clLen[codeLengthOrder[hclen-1]] == 0 {
		hclen--
	}

	if final {
		d.put(1, 1)
	} else {
		d.put(0, 1)
	}
	d.put(2, 2) // dynamic Huffman codes
	d.put(uint32(hlit-257), 5)
	d.put(uint32(hdist-1), 5)
	d.put(uint32(hclen-4), 4)
	for _, s := range codeLengthOrder[:hclen] {
		d.put(uint32(clLen[s]), 3)
	}
	clCodes := canonical(clLen)
	for _, l := range lengths {
		d.put(clCodes[l], uint(clLen[l]))
	}
	litCodes, distCodes := canonical(litLen), canonical(distLen)
	d.codes(litCodes, litLen, distCodes, distLen)
	d.put(litCodes[256], uint(litLen[256]))
	d.tokens = d.tokens[:0]
	d.flush(false)
}

// codes writes the block's tokens in the codes given. The pending bits are kept in locals
// (fields would be loaded and stored for every code); each length's code and extra bits are
// made once a block, the distance's when it changes, and a match is put at once when they
// fit 32 bits. The bytes go out at least every 4 KB, so no write is over 32 KB and every IDAT
// chunk is the bufio.Writer's full 32 KB, as before.
func (d *rowDeflater) codes(litCodes []uint32, litLen []uint8, distCodes []uint32, distLen []uint8) {
	// Each length's code and extra bits, and the last distance's.
	var lengths [259]uint32
	var lengthsN [259]uint8
	for n := 3; n <= 258; n++ {
		lc := lengthCodes[n]
		lengths[n] = litCodes[257+int(lc)] | uint32(n-lengthBase[lc])<<litLen[257+int(lc)]
		lengthsN[n] = litLen[257+int(lc)] + lengthExtra[lc]
	}
	lastDist, distBits, distN := -1, uint64(0), uint(0)
	bits, nbits, out := d.bits, d.nbits, d.out
	last := token(0)
	var match, more uint32 // the codes of last, the distance's apart if they do not fit 32 bits
	var matchN, moreN uint
	for _, t := range d.tokens {
		var v uint32
		var n uint
		if t&matchFlag == 0 {
			v, n = litCodes[t], uint(litLen[t])
		} else {
			if t != last {
				last = t
				length, dist := t>>16&0x1FF, int(t&0xFFFF)
				if dist != lastDist {
					dc := distanceCode(dist)
					lastDist = dist
					distBits = uint64(distCodes[dc]) | uint64(dist-distanceBase[dc])<<distLen[dc]
					distN = uint(distLen[dc]) + uint(distanceExtra[dc])
				}
				lenBits, lenN := uint64(lengths[length]), uint(lengthsN[length])
				if lenN+distN <= 32 {
					match, matchN, more, moreN = uint32(lenBits|distBits<<lenN), lenN+distN, 0, 0
				} else {
					match, matchN, more, moreN = uint32(lenBits), lenN, uint32(distBits), distN
				}
			}
			v, n = match, matchN
			if moreN > 0 {
				bits |= uint64(v) << nbits
				if nbits += n; nbits >= 32 {
					out = binary.LittleEndian.AppendUint32(out, uint32(bits))
					bits >>= 32
					nbits -= 32
				}
				v, n = more, moreN
			}
		}
		bits |= uint64(v) << nbits
		if nbits += n; nbits >= 32 {
			out = binary.LittleEndian.AppendUint32(out, uint32(bits))
			bits >>= 32
			nbits -= 32
			if len(out) >= 4096 {
				d.out = out
				d.flush(false)
				out = d.out
			}
		}
	}
	d.bits, d.nbits, d.out = bits, nbits, out
}

// used is how many of the lengths are sent: up to the last non-zero one, at least least.
func used(lengths []uint8, least int) int {
	n := len(lengths)
	for n > least && lengths[n-1] == 0 {
		n--
	}
	return n
}

// huffman is the scratch space of the code lengths' making, kept by a deflater from one
// block to the next: made anew for each block and each try, it was most of a cover's
// small allocations.
type huffman struct {
	syms  []int
	f     []int
	nodes []node
}

// node is a leaf (a symbol) or a join of two nodes of a Huffman tree.
type node struct{ freq, left, right, sym int }

// lengths returns the length of each symbol's code for the counts, none longer than
// limit. Every code is complete: with fewer than two symbols counted, the first symbols
// get one bit each, so that any inflater (zlib's refuses an incomplete code-length code)
// reads it.
func (h *huffman) lengths(freq []int, limit int) []uint8 {
	lengths := make([]uint8, len(freq))
	syms := h.syms[:0]
	for s, f := range freq {
		if f > 0 {
			syms = append(syms, s)
		}
	}
	h.syms = syms
	if len(syms) < 2 {
		lengths[0], lengths[1] = 1, 1
		if len(syms) == 1 && syms[0] > 1 {
			lengths[1], lengths[syms[0]] = 0, 1
		}
		return lengths
	}
	h.f = append(h.f[:0], freq...)
	for {
		if h.depthsFit(h.f, syms, lengths, limit) {
			return lengths
		}
		for _, s := range syms { // flatter counts make a shallower tree
			h.f[s] = (h.f[s] + 1) / 2
		}
	}
}

// depthsFit builds the Huffman tree of the symbols' counts (two queues: the leaves sorted,
// then the joined nodes in the order made), sets lengths to the leaves' depths, and reports
// whether none is deeper than limit.
func (h *huffman) depthsFit(freq []int, syms []int, lengths []uint8, limit int) bool {
	nodes := slices.Grow(h.nodes[:0], 2*len(syms))
	for _, s := range syms {
		nodes = append(nodes, node{freq[s], -1, -1, s})
	}
	// By count, and by symbol where counts are equal: the leaves were made in the symbols'
	// order, so this is their stable sort by count.
	slices.SortFunc(nodes, func(a, b node) int { return cmp.Or(cmp.Compare(a.freq, b.freq), cmp.Compare(a.sym, b.sym)) })
	leaf, joined := 0, len(nodes)
	take := func() int {
		if leaf < len(syms) && (joined == len(nodes) || nodes[leaf].freq <= nodes[joined].freq) {
			leaf++
			return leaf - 1
		}
		joined++
		return joined - 1
	}
	for range len(syms) - 1 {
		a, b := take(), take()
		nodes = append(nodes, node{nodes[a].freq + nodes[b].freq, a, b, -1})
	}
	h.nodes = nodes
	fits := true
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if n := nodes[i]; n.left < 0 {
			lengths[n.sym] = uint8(depth)
			fits = fits && depth <= limit
		} else {
			walk(n.left, depth+1)
			walk(n.right, depth+1)
		}
	}
	walk(len(nodes)-1, 0)
	return fits
}

// canonical returns DEFLATE's canonical codes for the lengths (RFC 1951, 3.2.2), bits
// reversed for put.
func canonical(lengths []uint8) []uint32 {
	var count, next [16]uint32
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	code := uint32(0)
	for bits := 1; bits < 16; bits++ {
		code = (code + count[bits-1]) << 1
		next[bits] = code
	}
	codes := make([]uint32, len(lengths))
	for s, l := range lengths {
		if l > 0 {
			codes[s] = reverse(next[l], uint(l))
			next[l]++
		}
	}
	return codes
}
