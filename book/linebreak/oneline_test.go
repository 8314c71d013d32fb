package linebreak

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestOneLineAsSearched: a paragraph given its one line without the search (oneLine) gets
// the lines, the pass and the error the search gives, on random paragraphs short enough to
// fit, with every kind of item and parameter fuzzParagraph makes, centred, ragged and
// balanced (no \parfillskip) paragraphs among them; and the way is taken often.
func TestOneLineAsSearched(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 19))
	taken, tried := 0, 0
	compare := func(items []Item, lw func(int) Length, p Params, what string) {
		tried++
		if len(items) > 0 {
			b := newLineBreaker(items, lw, p)
			if b.oneLine() {
				taken++
			}
			breakers.Put(b)
		}
		oneLineFirst = false
		want, wantPass, wantErr := breakParagraph(items, lw, p)
		oneLineFirst = true
		got, gotPass, gotErr := breakParagraph(items, lw, p)
		if !slices.Equal(got, want) || gotPass != wantPass || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%s: %v (pass %d, %v), searched %v (pass %d, %v)", what, got, gotPass, gotErr, want, wantPass, wantErr)
		}
	}
	for i := range 20000 {
		data := make([]byte, 4+r.IntN(12))
		for k := range data {
			data[k] = byte(r.IntN(256))
		}
		data[0] |= 0x80 // a wide measure: many fit
		items, lw, p := fuzzParagraph(data)
		compare(items, lw, p, fmt.Sprintf("fuzz %d %v", i, data))
	}
	for i := range 5000 {
		items := randomLBParagraph(r, 1+r.IntN(6))
		p := DefaultParams()
		switch i % 5 {
		case 1: // centred
			p.LeftSkip, p.RightSkip, p.Pretolerance = NewFilGlue(Pt, Fil), NewFilGlue(Pt, Fil), -1
		case 2: // ragged
			p.RightSkip, p.Tolerance, p.Pretolerance = NewGlue(0, 30*Pt, 0), InfBad, -1
		case 3: // balanced: no \parfillskip
			items[len(items)-2] = NewGlue(0, 0, 0)
			p.RightSkip = NewGlue(0, 100*Pt, 0)
		case 4:
			p.LinePenalty, p.AdjDemerits = r.IntN(3)-1, r.IntN(3)*5000-5000
		}
		measure := Length(20+r.IntN(60)) * fakeChar
		compare(items, FixedMeasure(measure), p, fmt.Sprintf("random %d", i))
	}
	// A line that fits only thanks to a box of negative width after a break: the line
	// ending at that break is overfull, so the search ends nothing there.
	for w := Length(30); w <= 70; w += 10 {
		items := Finish([]Item{NewBox(w*Pt, 0), fakeSpaceGlue(), NewBox(-30*Pt, 1), NewBox(5*Pt, 2)})
		compare(items, FixedMeasure(50*Pt), DefaultParams(), fmt.Sprintf("negative box after %d pt", w))
	}
	t.Logf("one line without the search: %d of %d paragraphs", taken, tried)
	if taken < tried/10 {
		t.Errorf("one line without the search in %d of %d paragraphs: the test tries too few", taken, tried)
	}
}
