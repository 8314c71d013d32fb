package pdf

import (
	"slices"

	"bindery/book/layout"
)

// paintItem is a run or a picture, in the order a page is painted.
type paintItem struct{ run, pic int }

// paintOrder is the order a page's runs and pictures are painted in: the runs of a block
// together, blocks in the order they begin (the lines of a table row hold a line of each
// cell: a cell is painted whole before the next, as it is read), and a picture before the
// first run whose baseline is below its foot, so that marked content follows the reading
// order. The order is appended to out; scratch holds three slices kept between pages.
func paintOrder(out []paintItem, p *layout.Page, scratch *[3][]int) []paintItem {
	runs, key := zeroed(scratch[0], len(p.Runs)), zeroed(scratch[1], len(p.Runs))
	// first is 1 + the first run of each block, by its number on the page (a map was a
	// tenth of tagging a page).
	first := zeroed(scratch[2], len(p.Blocks)+1)
	scratch[0], scratch[1], scratch[2] = runs, key, first
	sorted := true
	for i, r := range p.Runs {
		runs[i], key[i] = i, i
		switch {
		case r.Block == 0:
		case i > 0 && p.Runs[i-1].Block == r.Block:
			// Most runs follow one of their block's: no lookup.
			key[i] = key[i-1]
		case first[r.Block] > 0:
			key[i] = first[r.Block] - 1
		default:
			first[r.Block] = i + 1
		}
		sorted = sorted && (i == 0 || key[i] >= key[i-1])
	}
	if !sorted {
		slices.SortStableFunc(runs, func(a, b int) int { return key[a] - key[b] })
	}
	out = slices.Grow(out, len(p.Runs)+len(p.Pictures))
	next := 0
	for _, i := range runs {
		for next < len(p.Pictures) && p.Pictures[next].Y+p.Pictures[next].H <= layout.Length(p.Runs[i].Y) && p.Runs[i].Block != 0 {
			out = append(out, paintItem{-1, next})
			next++
		}
		out = append(out, paintItem{i, -1})
	}
	for ; next < len(p.Pictures); next++ {
		out = append(out, paintItem{-1, next})
	}
	return out
}

// release gives the tags of each run and picture of painted page pt to the next page.
func (s *structure) release(pt *pageTags) {
	s.spare.runs, s.spare.pics, s.spare.order = pt.runs, pt.pics, pt.order
	pt.runs, pt.pieces, pt.pics, pt.order = nil, nil, nil, nil
}

// zeroed is s cleared to n elements, or a new slice when s is too short.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
