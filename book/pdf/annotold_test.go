package pdf

import (
	"math/rand/v2"
	"slices"
	"testing"

	"bindery/book/layout"
)

// annotationAt, holds and sortLinks as they were before the links' areas were kept side by
// side (pdf39), for TestAnnotationAtAsBefore.

type linksByYAsBefore struct {
	byY  []int32
	maxH layout.Length
}

func annotationAtAsBefore(p *layout.Page, pt *pageTags, r *layout.Run, near *linksByYAsBefore) int {
	if len(p.Links) == 0 {
		return -1
	}
	base := layout.Length(r.Y + r.Raise)
	target := ""
	if r.Link != 0 {
		target = r.Link.Target()
	}
	if near.byY == nil {
		for k := range p.Links {
			if holdsAsBefore(p, pt, r, target, k, base) {
				return pt.annots[k]
			}
		}
		return -1
	}
	best := -1
	i, _ := slices.BinarySearchFunc(near.byY, base-near.maxH, func(k int32, y layout.Length) int {
		return cmpLength(p.Links[k].Y, y)
	})
	for ; i < len(near.byY) && p.Links[near.byY[i]].Y <= base; i++ {
		if k := int(near.byY[i]); (best < 0 || k < best) && holdsAsBefore(p, pt, r, target, k, base) {
			best = k
		}
	}
	if best < 0 {
		return -1
	}
	return pt.annots[best]
}

func holdsAsBefore(p *layout.Page, pt *pageTags, r *layout.Run, target string, k int, base layout.Length) bool {
	l := &p.Links[k]
	if pt.annots[k] < 0 || (r.Link != 0 && target != l.Target) {
		return false
	}
	x := layout.Length(r.X)
	return x >= l.X && x < l.X+l.W && base >= l.Y && base <= l.Y+l.H
}

func sortLinksAsBefore(p *layout.Page, pt *pageTags) linksByYAsBefore {
	n := linksByYAsBefore{}
	for k, a := range pt.annots {
		if a >= 0 {
			n.byY = append(n.byY, int32(k))
			n.maxH = max(n.maxH, p.Links[k].H)
		}
	}
	if len(n.byY) < manyLinks {
		return linksByYAsBefore{}
	}
	slices.SortStableFunc(n.byY, func(a, b int32) int { return cmpLength(p.Links[a].Y, p.Links[b].Y) })
	return n
}

// TestAnnotationAtAsBefore finds the annotation of random runs on random pages of links
// (none to many, some not written, overlapping, of a few targets, on a coarse grid so that
// edges meet) with annotationAt and as before: the same annotation every time.
func TestAnnotationAtAsBefore(t *testing.T) {
	pages, runs := 3000, 60
	if testing.Short() {
		pages = 500
	}
	// Real link numbers, and their targets, from a typeset book.
	_, d := typesetModel(t)
	var ids []layout.LinkID
	for _, p := range d.Pages {
		for _, r := range p.Runs {
			if r.Link != 0 && !slices.Contains(ids, r.Link) {
				ids = append(ids, r.Link)
			}
		}
	}
	if len(ids) < 2 {
		t.Fatalf("the model book's runs link to %d targets", len(ids))
	}
	ids = ids[:min(len(ids), 4)]
	rng := rand.New(rand.NewPCG(39, 2))
	grid := func(n int) layout.Length { return layout.Length(rng.IntN(n)) * layout.Pt }
	s := &structure{}
	var scratch linksByY
	sorted, found, foundLinked := 0, 0, 0
	for range pages {
		p := &layout.Page{}
		pt := &pageTags{}
		n := []int{0, 1, 3, 8, 15, 16, 17, 40}[rng.IntN(8)]
		for k := range n {
			target := "https://example.org/" + string(rune('a'+rng.IntN(3)))
			if rng.IntN(2) == 0 {
				target = ids[rng.IntN(len(ids))].Target()
			}
			p.Links = append(p.Links, layout.Link{X: grid(20), Y: grid(30), W: grid(8), H: grid(4), Target: target})
			a := k
			if rng.IntN(5) == 0 {
				a = -1
			}
			pt.annots = append(pt.annots, a)
		}
		near := sortLinks(p, pt, &scratch)
		old := sortLinksAsBefore(p, pt)
		if near.byY != nil {
			sorted++
		}
		for range runs {
			r := &layout.Run{X: int32(grid(24)), Y: int32(grid(34)), Raise: int32(grid(3) - layout.Pt)}
			if rng.IntN(2) == 0 {
				r.Link = ids[rng.IntN(len(ids))]
			}
			got, want := s.annotationAt(pt, r, &near), annotationAtAsBefore(p, pt, r, &old)
			if got != want {
				t.Fatalf("run at (%d, %d+%d) link %q on links %+v (written %v): annotation %d, before %d",
					r.X, r.Y, r.Raise, r.Link.Target(), p.Links, pt.annots, got, want)
			}
			if got >= 0 {
				found++
				if r.Link != 0 {
					foundLinked++
				}
			}
		}
	}
	if sorted == 0 || found < pages || foundLinked < pages/10 {
		t.Errorf("%d pages had their links sorted, %d runs an annotation (%d of them links)", sorted, found, foundLinked)
	}
}
