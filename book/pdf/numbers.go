package pdf

import (
	"math"
	"strconv"
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
		return strconv.AppendUint(b, u, 10)
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
	b = strconv.AppendUint(b, u, 10)
	if frac == 0 {
		return b
	}
	for frac%10 == 0 {
		frac /= 10
		prec--
	}
	b = append(b, '.')
	var digits [8]byte
	for i := prec - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(b, digits[:prec]...)
}

// appendTenths writes t/10, t a whole number of tenths (a TJ gap), as appendNum(t/10, 1)
// does: below 2^30 t/10·10 rounds back to t, so fixedPoint's rounding is not needed.
func appendTenths(b []byte, t float64) []byte {
	if math.Abs(t) < 1<<30 {
		return appendFixed(b, int64(t), 1)
	}
	return appendNum(b, t/10, 1)
}
