package layout_test

import (
	"strings"
	"testing"

	"bindery/book/layout"
)

// A rebuild's chapter slots start from the last build's maps: kept empty between builds (no
// build's lines stay alive through them), and emptied again when handed out (a Typeset that
// failed hands them out and keeps them full).
func TestKeptSlotMapsAreEmpty(t *testing.T) {
	s := settings(t)
	s.Reuse = layout.NewReuse()
	b := book(t, "# One\n\n"+strings.Repeat(lorem, 20), "# Two\n\n"+strings.Repeat(lorem, 12))
	first, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	maps, entries := layout.KeptSlotMaps(s.Reuse)
	if maps == 0 {
		t.Fatal("no map kept for the next Typeset")
	}
	if entries != 0 {
		t.Fatalf("the kept maps hold %d entries of the last Typeset", entries)
	}
	layout.FillKeptSlotMaps(s.Reuse)
	if n := layout.NewSlotEntries(s.Reuse); n != 0 {
		t.Fatalf("a new slot starts from %d entries left in the kept maps", n)
	}
	again, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Pages) != len(first.Pages) {
		t.Fatalf("%d pages, then %d", len(first.Pages), len(again.Pages))
	}
}
