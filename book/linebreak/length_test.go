package linebreak

import "testing"

// TestLengthString checks TeX's way of printing dimensions.
func TestLengthString(t *testing.T) {
	cases := map[Length]string{
		0:           "0.0pt",
		Pt:          "1.0pt",
		-12 * Pt:    "-12.0pt",
		Pt / 2:      "0.5pt",
		fakeSpace:   "3.33333pt",
		fakeStretch: "1.66666pt",
		SP:          "0.00002pt",
		Pc:          "12.0pt",
	}
	for l, want := range cases {
		if got := l.String(); got != want {
			t.Errorf("%d sp prints %q, want %q", int64(l), got, want)
		}
	}
	if got := (Pt * 3 / 2).Points(); got != 1.5 {
		t.Errorf("Points() = %v", got)
	}
}
