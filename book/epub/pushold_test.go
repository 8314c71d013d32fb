package epub

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// pushOld and popOld are push and pop as they were, part by part through raws.
func pushOld(r *chapterRenderer, tag, id string, attrs ...string) {
	if id != "" {
		r.out.raws("<", tag, " id=\"")
		r.out.text(id)
		r.out.raw("\"")
	} else {
		r.out.raws("<", tag)
	}
	start := len(r.out.b)
	r.out.raws(attrs...)
	r.open = append(r.open, openTag{tag, start, len(r.out.b)})
	r.out.raw(">")
}

func popOld(r *chapterRenderer) {
	e := r.open[len(r.open)-1]
	r.open = r.open[:len(r.open)-1]
	r.out.raws("</", e.tag, ">")
}

// TestPushIsPartByPart: random nestings of elements, with and without IDs (clean, escaped,
// with bytes dropped) and attributes in parts, write the bytes and leave the open tags (their
// attributes' places) as writing part by part did, from buffers empty or with room to spare.
func TestPushIsPartByPart(t *testing.T) {
	rng := rand.New(rand.NewPCG(40, 50))
	tags := []string{"a", "span", "abbr", "code", "em"}
	ids := []string{"", "", "x", "p-12", "a&b", "é’\x01", "a\"long\"id-with-more-than-sixteen-bytes"}
	attrs := []string{"", " href=\"", "#", "../text/ch.xhtml", "\"", " class=\"acronym\"", " title=\"T\""}
	rounds := 20000
	if testing.Short() {
		rounds = 2000
	}
	for range rounds {
		capacity := rng.IntN(64)
		a := &chapterRenderer{out: &page{b: make([]byte, 0, capacity)}}
		b := &chapterRenderer{out: &page{b: make([]byte, 0, capacity)}}
		for step := range 24 {
			if len(a.open) > 0 && (rng.IntN(3) == 0 || step >= 12) {
				popOld(a)
				b.pop()
			} else if step < 12 {
				tag, id := tags[rng.IntN(len(tags))], ids[rng.IntN(len(ids))]
				var parts []string
				for range rng.IntN(5) {
					parts = append(parts, attrs[rng.IntN(len(attrs))])
				}
				pushOld(a, tag, id, parts...)
				b.push(tag, id, parts...)
			}
			if string(a.out.b) != string(b.out.b) || !slices.Equal(a.open, b.open) {
				t.Fatalf("pushed %q, open %v; part by part %q, open %v", b.out.b, b.open, a.out.b, a.open)
			}
		}
	}
}
