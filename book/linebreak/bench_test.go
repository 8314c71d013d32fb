package linebreak

import (
	"fmt"
	"testing"
)

// BenchmarkBreak breaks paragraphs of 100, 10,000 and 200,000 words of the
// frog-king text with hyphenation points, at 340pt with plain TeX's
// parameters. The time per word should stay roughly constant.
func BenchmarkBreak(b *testing.B) {
	for _, n := range []int{100, 10000, 200000} {
		items := Finish(fakeWords(n, true))
		lw := FixedMeasure(340 * Pt)
		p := DefaultParams()
		b.Run(fmt.Sprintf("words=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Break(items, lw, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/word")
		})
	}
}

// BenchmarkBreakRescue breaks 10,000 words at a measure so narrow that no
// pass succeeds, so all four passes run.
func BenchmarkBreakRescue(b *testing.B) {
	items := Finish(fakeWords(10000, true))
	lw := FixedMeasure(40 * Pt)
	p := DefaultParams()
	p.EmergencyStretch = 10 * Pt
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Break(items, lw, p); err == nil {
			b.Fatal("expected a BreakError")
		}
	}
}
