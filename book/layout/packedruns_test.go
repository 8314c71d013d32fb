package layout

import (
	"reflect"
	"testing"
	"unsafe"
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
	k := &kept{slots: []*chapterSlot{{paragraphs: map[parKey]setParagraphResult{{content: [2]uint64{1}}: {lines: []*lineBox{lb, {}}}}}}}
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

// A pass that packs as set (Settings.packAsSet) gives each line the runs a pass that does
// not would, packed from the setter's scratch; the paragraphs one goroutine sets share one
// chunk of the arena, and later paragraphs, set in the same scratch, change none of it.
func TestLinesPackedAsSet(t *testing.T) {
	plain := setterTypesetter(t)
	packing := setterTypesetter(t)
	packing.s.packAsSet = true
	var prev []*lineBox
	for i, word := range []string{"First", "Second", "Third"} {
		want := plain.setParagraphOnce(paragraphOf(word, 60+20*i), plain.body())
		got := packing.setParagraphOnce(paragraphOf(word, 60+20*i), packing.body())
		if len(got) != len(want) || len(got) < 3 {
			t.Fatalf("%d lines packed as set, %d not", len(got), len(want))
		}
		for k, lb := range got {
			if lb.packed == "" || lb.Runs != nil {
				t.Fatalf("%s, line %d: not packed as set (%d runs, %d bytes)", word, k, len(lb.Runs), len(lb.packed))
			}
			if !reflect.DeepEqual(lb.runList(), want[k].Runs) {
				t.Errorf("%s, line %d: unpacked\n%+v\nwant\n%+v", word, k, lb.runList(), want[k].Runs)
			}
		}
		// This paragraph's bytes follow the last one's in the same chunk.
		if prev != nil {
			last := prev[len(prev)-1].packed
			end := unsafe.Add(unsafe.Pointer(unsafe.StringData(last)), len(last))
			if unsafe.Pointer(unsafe.StringData(got[0].packed)) != end {
				t.Errorf("%s: packed runs not after the paragraph before's, in its chunk", word)
			}
		}
		prev = got
	}
}
