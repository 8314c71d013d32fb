package linebreak

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oldAppendWidths is AppendWidths as it was before lines38: one loop over every item,
// rounding after each glue or box the line's ratio applies to, stretch or shrink 0 or not.
func oldAppendWidths(l Line, dst []Length, items []Item) []Length {
	r := l.Ratio
	if r < -1 {
		r = -1
	}
	var cum, prev Length
	for i := l.Start; i < l.End && i < len(items); i++ {
		it := &items[i]
		switch it.Kind {
		case KindPenalty:
			dst = append(dst, 0)
		case KindGlue:
			w := it.Width
			switch {
			case r > 0 && glueOrderIndex(it.StretchOrder) == int(l.Order):
				cum += it.Stretch
			case r < 0:
				cum += it.Shrink
			default:
				dst = append(dst, w)
				continue
			}
			adj := Length(math.Round(r * float64(cum)))
			dst = append(dst, w+adj-prev)
			prev = adj
		default:
			switch {
			case r > 0 && l.Order == Normal && it.Stretch != 0:
				cum += it.Stretch
			case r < 0 && it.Shrink != 0:
				cum += it.Shrink
			default:
				dst = append(dst, it.Width)
				continue
			}
			adj := Length(math.Round(r * float64(cum)))
			dst = append(dst, it.Width+adj-prev)
			prev = adj
		}
	}
	return dst
}

// TestAppendWidthsAsBefore compares AppendWidths with the old loop on random lines: every
// kind, stretch and shrink zero, negative or huge, every glue order (and beyond Filll),
// ratios of every sign including -Inf, NaN and halves, lines past the items' end, and a
// dst with and without room.
func TestAppendWidthsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(38, 1))
	amount := func() Length {
		switch rng.IntN(6) {
		case 0:
			return 0
		case 1:
			return -Length(rng.IntN(1 << 16))
		case 2:
			return Length(rng.Int64N(1 << 40))
		}
		return Length(rng.IntN(1 << 17))
	}
	ratios := []float64{0, 1, -1, 0.5, -0.5, 1.0 / 3, -1.0 / 3, 2.5, -7, math.Inf(-1), math.NaN(), 1e-9, -1e-9, 123456.5}
	rounds := 100000
	if testing.Short() {
		rounds = 10000
	}
	for round := range rounds {
		items := make([]Item, rng.IntN(40))
		for i := range items {
			it := &items[i]
			it.Kind = ItemKind(rng.IntN(4)) // 3: an unknown kind, set as a box
			it.Width, it.Stretch, it.Shrink = amount(), amount(), amount()
			it.StretchOrder = GlueOrder(rng.IntN(5))
			if it.Kind == KindPenalty {
				it.Penalty = rng.IntN(200) - 100
			}
		}
		l := Line{Start: rng.IntN(len(items) + 2), End: rng.IntN(len(items) + 4), Order: GlueOrder(rng.IntN(4))}
		l.Start = min(l.Start, len(items))
		if rng.IntN(2) == 0 {
			l.Ratio = ratios[rng.IntN(len(ratios))]
		} else {
			l.Ratio = (rng.Float64() - 0.5) * 4
		}
		var dst []Length
		if rng.IntN(2) == 0 {
			dst = make([]Length, rng.IntN(3), rng.IntN(3)+40)
		}
		want := oldAppendWidths(l, slices.Clone(dst), items)
		got := l.AppendWidths(slices.Clone(dst), items)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d, line %+v: AppendWidths %v, before %v", round, l, got, want)
		}
	}
}

// TestRoundSPAsMathRound compares RoundSP with Length(math.Round(x)) on halves and their
// neighbours, values about 2⁵², 2⁵³ and 2⁶³, infinities, NaN, -0 and random values.
func TestRoundSPAsMathRound(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1 << 63, -1 << 63, 1e300, -1e300}
	for _, base := range []float64{0.5, 1.5, 2.5, 1 << 51, 1<<51 + 0.5, 1 << 52, 1<<52 + 1, 1 << 53, 12345.5} {
		for _, x := range []float64{base, math.Nextafter(base, 0), math.Nextafter(base, math.Inf(1))} {
			xs = append(xs, x, -x)
		}
	}
	rng := rand.New(rand.NewPCG(38, 2))
	for range 200000 {
		x := (rng.Float64() - 0.5) * math.Ldexp(1, rng.IntN(70))
		xs = append(xs, x, math.Trunc(x)+0.5, math.Trunc(x)-0.5)
	}
	for _, x := range xs {
		if got, want := RoundSP(x), Length(math.Round(x)); got != want {
			t.Fatalf("RoundSP(%v) = %d, math.Round gives %d", x, got, want)
		}
	}
}
