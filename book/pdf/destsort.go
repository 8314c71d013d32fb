package pdf

import (
	"math/bits"
	"slices"
	"strings"
)

// The anchors' names share long prefixes (ix-peasants-…, g-…, a chapter's sections), so a
// comparison sort compares each prefix again at every comparison and moves 40-byte dests
// for each. A three-way radix quicksort (Bentley and Sedgewick) looks at one byte of a name
// at a time and never again at the bytes its group shares: half the instructions of
// slices.SortFunc on the default book's and the 100× book's anchors. The names tie only
// on equal names, which go by the marks' order (seq), so any sort gives the same list.

// sortDestsByName sorts dests by id, then seq.
func sortDestsByName(dests []dest) {
	sortNamesFrom(dests, 0, 2*bits.Len(uint(len(dests))))
}

// sortNamesFrom sorts d, whose names share their first depth bytes, by the rest. Each
// split at one depth spends one of limit; at none left, the rest goes to a comparison
// sort, so that names chosen to split badly cost no more than n log n comparisons.
func sortNamesFrom(d []dest, depth, limit int) {
	for len(d) > 12 {
		if limit == 0 {
			slices.SortFunc(d, func(a, b dest) int { return cmpDestsFrom(&a, &b, depth) })
			return
		}
		limit--
		// The median of three bytes, a name's end (-1) below every byte.
		a, m, z := byteAt(d[0].id, depth), byteAt(d[len(d)/2].id, depth), byteAt(d[len(d)-1].id, depth)
		p := max(min(a, m), min(max(a, m), z))
		lt, i, gt := 0, 0, len(d)
		for i < gt {
			switch c := byteAt(d[i].id, depth); {
			case c < p:
				d[lt], d[i] = d[i], d[lt]
				lt++
				i++
			case c > p:
				gt--
				d[i], d[gt] = d[gt], d[i]
			default:
				i++
			}
		}
		sortNamesFrom(d[:lt], depth, limit)
		sortNamesFrom(d[gt:], depth, limit)
		if p < 0 { // one name: by the marks' order
			slices.SortFunc(d[lt:gt], func(a, b dest) int { return int(a.seq - b.seq) })
			return
		}
		d, depth = d[lt:gt], depth+1
		limit = 2 * bits.Len(uint(len(d)))
	}
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && cmpDestsFrom(&d[j-1], &d[j], depth) > 0; j-- {
			d[j-1], d[j] = d[j], d[j-1]
		}
	}
}

// cmpDestsFrom compares a and b by their names from byte depth on, then by seq.
func cmpDestsFrom(a, b *dest, depth int) int {
	if c := strings.Compare(a.id[depth:], b.id[depth:]); c != 0 {
		return c
	}
	return int(a.seq - b.seq)
}

// byteAt is s[k] as an int, -1 past its end.
func byteAt(s string, k int) int {
	if k < len(s) {
		return int(s[k])
	}
	return -1
}
