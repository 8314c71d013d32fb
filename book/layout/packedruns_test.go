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
