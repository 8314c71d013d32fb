package layout_test

import (
	"reflect"
	"strings"
	"testing"

	"bindery/book/layout"
)

// TestReleasedRunsServeTheNextTypeset: a rebuild's pages, their runs let go once painted,
// give their arrays to the next Typeset, which sets the same runs in them; a build without a
// Reuse keeps none.
func TestReleasedRunsServeTheNextTypeset(t *testing.T) {
	s := settings(t)
	s.Reuse = layout.NewReuse()
	b := book(t, "# One\n\n"+strings.Repeat(lorem, 40), "# Two\n\n"+strings.Repeat(lorem, 25))
	first, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]layout.Run, len(first.Pages))
	arrays := map[*layout.Run]bool{}
	for i, p := range first.Pages {
		want[i] = append([]layout.Run(nil), p.Runs...)
		if cap(p.Runs) > 0 {
			arrays[&p.Runs[:1][0]] = true
		}
		first.ReleaseRuns(p)
		if p.Runs != nil {
			t.Fatalf("page %d keeps its runs after ReleaseRuns", i+1)
		}
	}
	again, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Pages) != len(want) {
		t.Fatalf("%d pages, then %d", len(want), len(again.Pages))
	}
	reused := 0
	for i, p := range again.Pages {
		if !reflect.DeepEqual(p.Runs, want[i]) {
			t.Fatalf("page %d: its runs differ from the first Typeset's", i+1)
		}
		if cap(p.Runs) > 0 && arrays[&p.Runs[:1][0]] {
			reused++
		}
	}
	if reused == 0 {
		t.Errorf("no page of %d set its runs in an array the first Typeset let go", len(again.Pages))
	}

	// Without a Reuse nothing is kept.
	s.Reuse = nil
	cold, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cold.Pages {
		if cap(p.Runs) > 0 {
			arrays[&p.Runs[:1][0]] = true
		}
		cold.ReleaseRuns(p)
	}
	cold2, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range cold2.Pages {
		if cap(p.Runs) > 0 && arrays[&p.Runs[:1][0]] {
			t.Fatalf("page %d of a build without a Reuse took an array let go before", i+1)
		}
	}
}
