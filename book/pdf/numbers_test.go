package pdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// strconvNum is appendNum by strconv alone, what the fast path must agree with.
func strconvNum(v float64, prec int) string {
	b := strconv.AppendFloat(nil, v, 'f', prec, 64)
	if prec > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if string(b) == "-0" {
		return "0"
	}
	return string(b)
}

// TestAppendNumIsStrconvs holds appendNum's fast path to strconv's digits: coordinates,
// the painter's thousandths and tenths, values on and beside rounding ties, and random ones.
func TestAppendNumIsStrconvs(t *testing.T) {
	vals := []float64{0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, 0.0005, -0.0005, 0.0015, 2.675, 1.005,
		0.125, 0.375, -0.125, 0.05, 0.15, 0.25, 0.35, 1e-7, -1e-7, 0.00049999, 0.00050001,
		595.276, 841.89, 1 << 30, -(1 << 30), 1 << 31, 3e9, 1e300, math.Inf(1), math.NaN(),
		12.3456789, -13.000001, 99.99949999, 99.9995, 0.1 + 0.2, 1.0 / 3}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		vals = append(vals, (rng.Float64()-0.5)*2000, float64(rng.IntN(2000000)-1000000)/1000,
			float64(rng.IntN(20000)-10000)/10, float64(rng.IntN(20000)-10000)/10000+0.00005,
			rng.Float64()*1e9)
	}
	for _, v := range vals {
		for prec := range 7 {
			if got, want := string(appendNum(nil, v, prec)), strconvNum(v, prec); got != want {
				t.Fatalf("appendNum(%v, %d) = %s, strconv gives %s", v, prec, got, want)
			}
		}
	}
}

// BenchmarkAppendNum writes numbers as the painter does: thousandths and tenths.
func BenchmarkAppendNum(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := 0; b.Loop(); i++ {
		buf = appendNum(buf[:0], float64(i%100000-50000)/1000, 3)
		buf = appendNum(buf, float64(i%3000-1500)/10, 1)
	}
}

// TestAppendTenthsIsAppendNums holds appendTenths(t) to appendNum(t/10, 1), what the painter
// wrote a TJ gap with, on every t to ±200,000 and on random whole numbers up to 2^40.
func TestAppendTenthsIsAppendNums(t *testing.T) {
	check := func(v float64) {
		t.Helper()
		if got, want := appendTenths([]byte("x"), v), appendNum([]byte("x"), v/10, 1); string(got) != string(want) {
			t.Fatalf("%v tenths: %q, appendNum %q", v, got, want)
		}
	}
	for v := -200000; v <= 200000; v++ {
		check(float64(v))
	}
	rng := rand.New(rand.NewPCG(39, 4))
	for range 200000 {
		check(math.Round((rng.Float64()*2 - 1) * math.Ldexp(1, rng.IntN(41))))
	}
	for _, v := range []float64{1 << 30, -(1 << 30), 1<<30 - 1, 1<<31 + 1, 1 << 40} {
		check(v)
	}
}
