package pdf

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sortDests keeps, of the marks of one name, the first in page order, as a stable sort by
// name then CompactFunc does; and destOrder.sort gives the same list, the first time and
// when it replays the order it kept.
func TestSortDestsKeepsTheFirstMark(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		var dests []dest
		for i := range 1 + rng.IntN(300) {
			dests = append(dests, dest{id: fmt.Sprintf("a%d", rng.IntN(40)), page: int32(i / 10), seq: int32(i), x: float64(rng.IntN(500)), y: float64(i)})
		}
		want := slices.Clone(dests)
		slices.SortStableFunc(want, func(a, b dest) int { return strings.Compare(a.id, b.id) })
		want = slices.CompactFunc(want, func(a, b dest) bool { return a.id == b.id })
		if got := sortDests(slices.Clone(dests)); !slices.Equal(got, want) {
			t.Fatalf("round %d: sortDests kept %v, want %v", round, got, want)
		}
		var k destOrder
		for pass := range 2 {
			if got := k.sort(slices.Clone(dests)); !slices.Equal(got, want) {
				t.Fatalf("round %d, pass %d: destOrder kept %v, want %v", round, pass, got, want)
			}
		}
		if !k.same {
			t.Fatalf("round %d: the second sort of the same names did not replay the first", round)
		}
	}
}

// BenchmarkSortDests sorts the anchors of a long book (50,000 marks, some names twice).
func BenchmarkSortDests(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	var dests []dest
	for i := range 50000 {
		dests = append(dests, dest{id: fmt.Sprintf("ch%d-sec%d", rng.IntN(500), rng.IntN(90)), page: int32(i / 20), seq: int32(i)})
	}
	work := make([]dest, len(dests))
	for b.Loop() {
		copy(work, dests)
		sortDests(work)
	}
}
