package pdf

import (
	"math"
	"math/bits"
)

// Painting writes several numbers a run (a line's move, the gaps between its words), and
// strconv's general float formatting was a third of the painter's time. A number scaled to
// its decimals (v·10^prec, rounded once) and rounded in float arithmetic gives strconv's
// digits unless the product is exactly a half: rounding is monotonic, so a product that is
// not a half stands on the same side of every half as the exact one (the halves are floats
// below 2^52). A half (a tie, or a value rounded onto one), a large number or one not
// finite takes strconv's exact path (appendNum).

// pow10 are the scales of the precisions the fast path takes.
var pow10 = [...]float64{1, 10, 100, 1000, 1e4, 1e5, 1e6}

// fixedPoint returns v rounded to prec decimals as a count of 10^-prec, when float
// arithmetic rounds it as exact decimal arithmetic would.
func fixedPoint(v float64, prec int) (int64, bool) {
	if prec < 0 || prec >= len(pow10) {
		return 0, false
	}
	f := v * pow10[prec]
	if !(math.Abs(f) < 1<<31) {
		return 0, false // large, or not finite
	}
	// Truncated, and its fraction (exact) compared with a half: math.Trunc and math.Round
	// were half of the function's time.
	n := int64(f)
	switch d := f - float64(n); {
	case d == 0.5 || d == -0.5:
		return 0, false
	case d > 0.5:
		n++
	case d < -0.5:
		n--
	}
	return n, true
}

// appendFixed writes n·10^-prec with no trailing zeros, as appendNum writes numbers ("0",
// never "-0").
func appendFixed(b []byte, n int64, prec int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	u := uint64(n)
	var frac uint64
	switch prec { // constant divisors: a multiplication each, not a division
	case 0:
		return appendUint(b, u)
	case 1:
		u, frac = u/10, u%10
	case 2:
		u, frac = u/100, u%100
	case 3:
		u, frac = u/1000, u%1000
	case 4:
		u, frac = u/1e4, u%1e4
	case 5:
		u, frac = u/1e5, u%1e5
	default:
		u, frac = u/1e6, u%1e6
	}
	if frac == 0 {
		return appendUint(b, u)
	}
	for frac%10 == 0 {
		frac /= 10
		prec--
	}
	// The whole part, the point and the fraction's prec digits (its leading zeros too) in
	// one room.
	k := decimalLen(u)
	b, d := grow(b, k+1+prec)
	putDigits(d[:k], u)
	d[k] = '.'
	putDigits(d[k+1:], frac)
	return b
}

// appendInt is strconv.AppendInt(b, int64(n), 10): strconv's call, its table of small
// numbers and its copy through memmove cost about 90 instructions a number, and the PDF
// writes tens of thousands of object numbers, MCIDs and offsets. Kept small enough to be
// inlined, so that a number costs one call; -MinInt is MinInt, whose bits as a uint are its
// size.
func appendInt(b []byte, n int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	return appendUint(b, uint64(uint(n)))
}

// appendUint is strconv.AppendUint(b, u, 10).
func appendUint(b []byte, u uint64) []byte {
	if u < 10 {
		return append(b, byte('0'+u))
	}
	b, d := grow(b, decimalLen(u))
	putDigits(d, u)
	return b
}

// grow extends b by n bytes and returns it with those bytes, to be written.
func grow(b []byte, n int) (all, room []byte) {
	m := len(b)
	if cap(b)-m < n {
		b = append(b[:cap(b)], make([]byte, n)...)
	}
	b = b[:m+n]
	return b, b[m:]
}

// decimalLen is the count of u's decimal digits, 1 for 0: from its bit length, as
// 1233/4096 is just above log10 2, then one compare.
func decimalLen(u uint64) int {
	if u < 10 {
		return 1
	}
	n := bits.Len64(u)*1233>>12 + 1
	if u < pow10u[n-1] {
		n--
	}
	return n
}

// pow10u are the powers of ten a uint64 holds.
var pow10u = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// putDigits writes u's decimal digits right-aligned into d, padded on the left with zeros
// (d is no shorter than u's digits).
func putDigits(d []byte, u uint64) {
	i := len(d)
	for i >= 2 {
		r := u % 100
		u /= 100
		d[i-1], d[i-2] = digitPairs[2*r+1], digitPairs[2*r]
		i -= 2
	}
	if i == 1 {
		d[0] = byte('0' + u%10)
	}
}

// appendTenths writes t/10, t a whole number of tenths (a TJ gap), as appendNum(t/10, 1)
// does: below 2^30 t/10·10 rounds back to t, so fixedPoint's rounding is not needed.
func appendTenths(b []byte, t float64) []byte {
	if math.Abs(t) < 1<<30 {
		return appendFixed(b, int64(t), 1)
	}
	return appendNum(b, t/10, 1)
}
