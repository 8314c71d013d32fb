package layout

import (
	"reflect"
	"testing"
)

// A packed line gives back its runs field for field, rare fields and all.
func TestPackedRunsRoundTrip(t *testing.T) {
	runs := []Run{
		{Text: "Cochabamba", X: 0, Size: 10 << 16, Width: 52 << 16},
		{Text: "and", X: 55 << 16, Size: 10 << 16, Width: 15 << 16, Tracking: -300, Style: Italic},
		{Text: "", X: 70 << 16, Size: 10 << 16, Width: 0, Style: Mono | Bold},
		{Text: "Oruro-", X: 80 << 16, Y: -4, Raise: 3 << 16, Size: 7 << 16, Width: 30 << 16, Link: 12, Block: 2,
			Colour: 0xaa3300, Lang: 3, Hyphen: true, Style: BoldItalic},
		{Text: "ñ", X: 1 << 20, Size: 10 << 16, Width: -5, Tracking: 1 << 30},
	}
	lb := &lineBox{Runs: append([]Run(nil), runs...)}
	k := &kept{slots: []*chapterSlot{{paragraphs: map[parKey]setParagraphResult{{n: 1}: {lines: []*lineBox{lb, {}}}}}}}
	k.packSlots()
	if lb.Runs != nil || lb.packed == "" {
		t.Fatalf("not packed: %d runs, %d bytes", len(lb.Runs), len(lb.packed))
	}
	if lb.runCount() != len(runs) {
		t.Errorf("runCount = %d, want %d", lb.runCount(), len(runs))
	}
	if got := lb.runList(); !reflect.DeepEqual(got, runs) {
		t.Errorf("unpacked\n%+v\nwant\n%+v", got, runs)
	}
	if o := own(lb); o.packed != "" || !reflect.DeepEqual(o.Runs, runs) {
		t.Errorf("own kept the line packed, or changed its runs: %+v", o.Runs)
	}
	// Packing again changes nothing.
	packed := lb.packed
	k.packSlots()
	if lb.packed != packed {
		t.Error("packed twice")
	}
	if per := len(packed) / len(runs); per > 20 {
		t.Errorf("%d bytes a run packed", per)
	}
}

// TestPackAsSet: a paragraph's lines packed straight from the scratch give back their runs;
// a line whose runs cannot be packed keeps them (copied out by keepRuns), and the pass end
// (packSlots) leaves packed lines as they are.
func TestPackAsSet(t *testing.T) {
	a := []Run{{Text: "La", Size: 10 << 16, Width: 9 << 16}, {Text: "Paz", X: 12 << 16, Size: 10 << 16, Width: 15 << 16}}
	odd := []Run{{Text: "x", Style: packStyle + 1}} // a style the flag byte cannot hold
	b := []Run{{Text: "El Alto", Size: 10 << 16, Width: 30 << 16, Hyphen: true}}
	scratch := append(append(append([]Run(nil), a...), odd...), b...)
	boxes := []lineBox{{Runs: scratch[:2:2]}, {Runs: scratch[2:3:3]}, {Runs: scratch[3:4:4]}, {}}
	buf := packAsSet(boxes, nil)
	keepRuns(boxes)
	clear(scratch) // the setter's scratch serves the next paragraph
	if boxes[0].Runs != nil || boxes[2].Runs != nil || boxes[0].packed == "" || boxes[2].packed == "" {
		t.Fatalf("lines 1 and 3 not packed: %+v", boxes)
	}
	if boxes[1].packed != "" || !reflect.DeepEqual(boxes[1].Runs, odd) {
		t.Fatalf("line 2 packed, or its runs lost: %+v", boxes[1])
	}
	if boxes[3].packed != "" || len(boxes[3].Runs) != 0 {
		t.Fatalf("an empty line got runs: %+v", boxes[3])
	}
	for i, want := range [][]Run{a, odd, b, nil} {
		if got := boxes[i].runList(); len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: %+v, want %+v", i+1, got, want)
		}
	}
	if len(buf) == 0 {
		t.Error("no scratch returned")
	}
	packed := boxes[0].packed
	lines := []*lineBox{&boxes[0], &boxes[1], &boxes[2], &boxes[3]}
	k := &kept{slots: []*chapterSlot{{paragraphs: map[parKey]setParagraphResult{{n: 1}: {lines: lines}}}}}
	k.packSlots()
	if boxes[0].packed != packed || boxes[1].Runs == nil {
		t.Error("the pass's end packed again what was packed, or packed what cannot be")
	}
}
