package pdf

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sortDestsAsBefore is sortDests before the radix quicksort (pdf42): the oracle for
// TestSortDestsAsBefore.
func sortDestsAsBefore(dests []dest) namedDests {
	slices.SortFunc(dests, func(a, b dest) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return int(a.seq - b.seq)
	})
	return slices.CompactFunc(dests, func(a, b dest) bool { return a.id == b.id })
}

// randomNames are n anchor names of one random kind: an index's long shared prefixes,
// names that are prefixes of others, empty names, bytes above 0x7F, one name many times,
// few letters (many ties at every byte), names sorted or reversed, all alike but the last byte.
func randomNames(rng *rand.Rand, n int) []string {
	names := make([]string, n)
	kind := rng.IntN(8)
	for i := range names {
		switch kind {
		case 0:
			names[i] = fmt.Sprintf("ix-%s-%d", []string{"peasants", "peasantry", "peasa", "p", ""}[rng.IntN(5)], rng.IntN(n+1))
		case 1:
			names[i] = strings.Repeat("a", rng.IntN(20)) + strings.Repeat("b", rng.IntN(3))
		case 2:
			b := make([]byte, rng.IntN(4))
			for k := range b {
				b[k] = []byte{0, 'a', 0x7F, 0x80, 0xFF}[rng.IntN(5)]
			}
			names[i] = string(b)
		case 3:
			names[i] = "same"
			if rng.IntN(10) == 0 {
				names[i] = "other"
			}
		case 4:
			b := make([]byte, 1+rng.IntN(12))
			for k := range b {
				b[k] = 'x' + byte(rng.IntN(2))
			}
			names[i] = string(b)
		case 5:
			names[i] = fmt.Sprintf("ch%03d-sec%04d", i/50, i%50)
		case 6:
			names[i] = fmt.Sprintf("ch%06d", n-i)
		default:
			names[i] = strings.Repeat("q", 30) + string(rune('a'+rng.IntN(26)))
		}
	}
	return names
}

// TestSortDestsAsBefore compares sortDests with the comparison sort it replaced on random
// lists of marks (a name's marks several, in page order), small and large, and its
// fallback to a comparison sort with no splits left.
func TestSortDestsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 29))
	rounds := 3000
	if testing.Short() {
		rounds = 300
	}
	for round := range rounds {
		n := rng.IntN(40)
		if rng.IntN(4) == 0 {
			n = rng.IntN(3000)
		}
		var dests []dest
		for i, id := range randomNames(rng, n) {
			dests = append(dests, dest{id: id, page: int32(i / 10), seq: int32(i), x: float64(rng.IntN(500)), y: float64(i)})
		}
		want := sortDestsAsBefore(slices.Clone(dests))
		if got := sortDests(slices.Clone(dests)); !slices.Equal(got, want) {
			t.Fatalf("round %d (%d marks): sortDests differs from the comparison sort", round, n)
		}
		// Few or no splits left: the comparison sort, from the depth of the names' common
		// prefix.
		depth := 0
		if n > 0 {
			for depth < len(dests[0].id) && allHave(dests, dests[0].id[:depth+1]) {
				depth++
			}
		}
		got := slices.Clone(dests)
		sortNamesFrom(got, depth, rng.IntN(3))
		if got = slices.CompactFunc(got, func(a, b dest) bool { return a.id == b.id }); !slices.Equal(got, want) {
			t.Fatalf("round %d (%d marks): with no splits left, differs", round, n)
		}
	}
}

// allHave reports whether every dest's name begins with prefix.
func allHave(dests []dest, prefix string) bool {
	for _, d := range dests {
		if !strings.HasPrefix(d.id, prefix) {
			return false
		}
	}
	return true
}
