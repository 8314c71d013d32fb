package compress

import "encoding/binary"

// Hand-written because hash/adler32 adds one byte a step (two dependent adds a byte, ~4
// instructions): a zlib stream's checksum of every PDF stream cost about as much as a
// seventh of the deflating. This one adds eight bytes a step in 16-bit lanes and folds
// the lanes into the sums every 64 bytes, with the same result (the Adler-32 of RFC 1950).

const (
	adlerMod = 65521
	// adlerRun is how many bytes are summed between the modulos: the largest multiple of
	// 64 not above 5552, zlib's NMAX, the most after which s2 still fits 32 bits.
	adlerRun = 5504
	// lanes picks the even bytes of a little-endian word into four 16-bit lanes.
	lanes = 0x00ff_00ff_00ff_00ff
	// ones sums four 16-bit lanes into the top one by a multiply.
	ones = 0x0001_0001_0001_0001
	// evenW and oddW weigh the lanes of the even and odd bytes by 7−j for byte j of a
	// word, into the top lane (lane i meets constant lane 3−i).
	evenW = 0x0007_0005_0003_0001
	oddW  = 0x0006_0004_0002_0000
)

// adler32Sum is hash/adler32.Checksum(p).
//
// Over 64 bytes, eight words w_m of bytes b_mj, s1 grows by Σb and s2 by 64·s1 +
// Σ(64−8m−j)·b_mj = 64·s1 + 8·Σ(7−m)·Σ_j b_mj + Σ(7−j)·b_mj + Σb. The lanes a (Σ_m of a
// word's bytes, by byte of the word) and c (Σ_m of a before word m is added, which is
// Σ(7−m)·word m) hold those: a lane ≤ 8·255, a lane of c ≤ 28·255, so the sums of even and
// odd lanes, and the weighed top lane (≤ 28·8·255 = 57,120), fit 16 bits.
func adler32Sum(p []byte) uint32 {
	s1, s2 := uint32(1), uint32(0)
	for len(p) > 0 {
		q := p[:min(len(p), adlerRun)]
		p = p[len(q):]
		for len(q) >= 64 {
			// Unrolled: a loop kept its bounds in memory and its masks out of registers.
			w := binary.LittleEndian.Uint64(q)
			ae, ao := w&lanes, w>>8&lanes
			ce, co := ae, ao
			w = binary.LittleEndian.Uint64(q[8:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			ce, co = ce+ae, co+ao
			w = binary.LittleEndian.Uint64(q[16:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			ce, co = ce+ae, co+ao
			w = binary.LittleEndian.Uint64(q[24:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			ce, co = ce+ae, co+ao
			w = binary.LittleEndian.Uint64(q[32:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			ce, co = ce+ae, co+ao
			w = binary.LittleEndian.Uint64(q[40:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			ce, co = ce+ae, co+ao
			w = binary.LittleEndian.Uint64(q[48:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			ce, co = ce+ae, co+ao
			w = binary.LittleEndian.Uint64(q[56:])
			ae, ao = ae+w&lanes, ao+w>>8&lanes
			sum := uint32((ae + ao) * ones >> 48)
			s2 += 64*s1 + 8*uint32((ce+co)*ones>>48) + uint32((ae*evenW+ao*oddW)>>48) + sum
			s1 += sum
			q = q[64:]
		}
		for _, b := range q {
			s1 += uint32(b)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
	}
	return s2<<16 | s1
}
