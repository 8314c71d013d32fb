package linebreak

import "testing"

// TestBadness checks TeX's badness function at known points.
func TestBadness(t *testing.T) {
	cases := []struct {
		t, s Length
		want int
	}{
		{0, 0, 0},
		{1, 0, InfBad},
		{Pt, Pt, 100},
		{Pt, 2 * Pt, 12}, // 100/8 = 12.5
		{2 * Pt, Pt, 800},
		{3 * Pt, Pt, 2698}, // not 2700: TeX's integer approximation
		{Pt * 44 / 10, Pt, InfBad},
		{Pt * 126 / 100, Pt, 200},
		{Pt, 10 * Pt, 0},
		{10000 * Pt, 10000 * Pt, 100}, // the large-t branch
		{10000 * Pt, Pt, InfBad},
	}
	for _, c := range cases {
		if got := Badness(c.t, c.s); got != c.want {
			t.Errorf("Badness(%v, %v) = %d, want %d", c.t, c.s, got, c.want)
		}
	}
}
