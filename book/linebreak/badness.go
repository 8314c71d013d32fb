package linebreak

import "math"

// InfBad is TeX's inf_bad, the badness of a line that is infinitely bad
// (stretched to more than about 4.3 times its stretch, or with no stretch at
// all). An overfull line has Badness InfBad+1.
const InfBad = 10000

// Fitness classes of a line (Knuth–Plass; TeX §817), used to charge
// AdjDemerits when two adjacent lines are visually incompatible.
const (
	FitVeryLoose = 0 // stretched with badness >= 100
	FitLoose     = 1 // stretched with badness 13..99
	FitDecent    = 2 // badness <= 12
	FitTight     = 3 // shrunk with badness >= 13
)

// awfulBad is TeX's awful_bad: larger than any real sum of demerits.
const awfulBad = math.MaxInt64

// Badness is TeX's badness function (§108): approximately 100(t/s)³,
// computed in integers exactly as TeX does and capped at InfBad, for a line
// that must grow (or shrink) by t when its glue can stretch (or shrink) by
// s.
func Badness(t, s Length) int {
	if t <= 0 {
		return 0
	}
	if s <= 0 {
		return InfBad
	}
	var r int64
	switch {
	case t <= 7230584:
		r = int64(t) * 297 / int64(s)
	case s >= 1663497:
		r = int64(t) / (int64(s) / 297)
	default:
		r = int64(t)
	}
	if r > 1290 {
		return InfBad
	}
	return int((r*r*r + 0400000) / 01000000)
}
