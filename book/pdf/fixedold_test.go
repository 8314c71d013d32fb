package pdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// appendFixedAsBefore is appendFixed before its own digit writer (pdf41), by strconv.
func appendFixedAsBefore(b []byte, n int64, prec int) []byte {
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

// TestAppendFixedAsBefore: appendFixed against its old form on every n to ±1,000,000 at
// every precision, the powers of ten and their neighbours, random n below 2^31 (what
// fixedPoint gives) and random int64s, onto a buffer with and without room.
func TestAppendFixedAsBefore(t *testing.T) {
	span := int64(1_000_000)
	rounds := 300_000
	if testing.Short() {
		span, rounds = 200_000, 100_000
	}
	check := func(n int64, prec int, pre []byte) {
		t.Helper()
		want := appendFixedAsBefore(append([]byte(nil), pre...), n, prec)
		got := appendFixed(pre, n, prec)
		if string(got) != string(want) {
			t.Fatalf("appendFixed(%q, %d, %d) = %q, before %q", pre, n, prec, got, want)
		}
	}
	room := make([]byte, 3, 64)
	copy(room, "x [")
	for prec := 0; prec <= 6; prec++ {
		for n := -span; n <= span; n++ {
			check(n, prec, room[:3])
		}
		for p := int64(1); p > 0 && p <= math.MaxInt64/10; p *= 10 {
			for _, n := range []int64{p - 1, p, p + 1, -p + 1, -p, -p - 1, 9 * p, 10*p - 1} {
				check(n, prec, nil)
				check(n, prec, room[:3])
			}
		}
		check(math.MaxInt64, prec, nil)
		check(math.MinInt64, prec, nil)
	}
	r := rand.New(rand.NewPCG(41, 2))
	for range rounds {
		prec := r.IntN(7)
		n := r.Int64N(1<<32) - 1<<31
		if r.IntN(8) == 0 {
			n = int64(r.Uint64())
		}
		pre := room[:r.IntN(4)]
		if r.IntN(2) == 0 {
			pre = []byte("ab")[:r.IntN(3)] // no room: the append grows
		}
		check(n, prec, pre)
	}
}

// TestAppendIntIsStrconvs: appendInt and appendUint against strconv on every n to
// ±1,000,000, the powers of ten and their neighbours, the extremes and random 64-bit values.
func TestAppendIntIsStrconvs(t *testing.T) {
	check := func(n int64) {
		t.Helper()
		if got, want := appendInt([]byte("/K "), int(n)), strconv.AppendInt([]byte("/K "), n, 10); string(got) != string(want) {
			t.Fatalf("appendInt(%d) = %q, strconv %q", n, got, want)
		}
		u := uint64(n)
		if got, want := appendUint(nil, u), strconv.AppendUint(nil, u, 10); string(got) != string(want) {
			t.Fatalf("appendUint(%d) = %q, strconv %q", u, got, want)
		}
	}
	for n := int64(-1_000_000); n <= 1_000_000; n++ {
		check(n)
	}
	for p := int64(1); p > 0 && p <= math.MaxInt64/10; p *= 10 {
		for _, n := range []int64{p - 1, p, p + 1, -p + 1, -p, -p - 1, 9 * p, 10*p - 1} {
			check(n)
		}
	}
	check(math.MaxInt64)
	check(math.MinInt64)
	// int's own extremes, which on 32 bits are not int64's.
	for _, n := range []int{math.MinInt, math.MinInt + 1, math.MaxInt} {
		if got, want := string(appendInt(nil, n)), strconv.Itoa(n); got != want {
			t.Fatalf("appendInt(%d) = %q, strconv %q", n, got, want)
		}
	}
	if got := string(appendUint(nil, math.MaxUint64)); got != strconv.FormatUint(math.MaxUint64, 10) {
		t.Fatalf("appendUint(MaxUint64) = %q", got)
	}
	r := rand.New(rand.NewPCG(41, 3))
	for range 200_000 {
		check(int64(r.Uint64()) >> r.IntN(64))
	}
}
