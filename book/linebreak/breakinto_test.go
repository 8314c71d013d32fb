package linebreak

import (
	"reflect"
	"testing"
)

// BreakInto gives the lines Break gives, written over what its storage held (every field:
// the storage is filled with other lines first), in that storage when it is large enough;
// also where the passes fall back and where no pass succeeds (the rescue's overfull lines).
func TestBreakIntoReusesStorage(t *testing.T) {
	items := Finish(fakeParagraph(frogKing, true))
	dst := make([]Line, 0, 200)
	rescued := 0
	for _, m := range []Length{60, 190, 250, 320, 420} {
		p := DefaultParams()
		if m == 250 {
			p.Looseness = 1
		}
		want, wantErr := Break(items, FixedMeasure(m*Pt), p)
		if wantErr != nil {
			rescued++
		}
		for i := range cap(dst) {
			dst = append(dst[:i], Line{Start: 7, End: 9, Width: 1, Ratio: 2, Order: Fill, Badness: 3, Hyphenated: true, Overfull: 4, Fitness: 1, Demerits: 5})
		}
		got, err := BreakInto(dst[:0], items, FixedMeasure(m*Pt), p)
		if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) {
			t.Errorf("measure %vpt: BreakInto gave\n%+v (%v)\nwant\n%+v (%v)", m, got, err, want, wantErr)
		}
		if len(got) == 0 || &got[0] != &dst[:1][0] {
			t.Errorf("measure %vpt: the lines were not written into the storage given", m)
		}
	}
	if rescued == 0 {
		t.Error("no measure took the rescue pass")
	}
}
