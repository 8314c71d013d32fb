package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"bindery/book/layout"
)

// A Write with the paintings of the Write before paints only the pages that read something
// else: none when nothing changed, the edited page after a one-word edit, and every page
// after a letter new to the book (the glyphs first drawn after it take other codes). Every
// Write gives a cold Write's bytes.
func TestPaintingsRepaintOnlyWhatChanged(t *testing.T) {
	f := charis(t)
	anchor := "p5"
	book := func(early, late string) *layout.Document {
		d := newDocument(40, 2)
		for i, p := range d.Pages {
			for k := range 6 {
				p.Runs = append(p.Runs, text(layout.Roman, 10, 50, 100+float64(k)*14, fmt.Sprintf("Page %d, line %d of the text", i, k)))
			}
			if i >= 20 {
				p.Runs = append(p.Runs, text(layout.Roman, 10, 50, 300, "el año de la revolución"))
			}
			p.Rules = append(p.Rules, layout.Rule{X: pt(50), Y: pt(90), W: pt(200), H: pt(0.5)})
			id := fmt.Sprintf("p%d", i)
			if i == 5 {
				id = anchor
			}
			mark(d, i, id, 50, 100)
		}
		// A link to the anchor as first named: written while it is there, left out when it
		// is renamed (the answers the Paintings keeps for links must go with the names).
		link(d, 10, "#p5", 50, 90, 200, 14)
		d.Pages[3].Runs[1].Text = "the " + early + " on page three"
		d.Pages[30].Runs[2].Text = "a " + late + " on page thirty"
		return d
	}
	kept := NewPaintings()
	warm := func(d *layout.Document) []byte {
		t.Helper()
		info := testInfo
		info.Paintings = kept
		info.Release = true
		var b bytes.Buffer
		if err := Write(&b, d, info, f); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	steps := []struct {
		name                string
		early, late, anchor string
		painted             int // -1: more than one, fewer than all
	}{
		{"first", "word", "word", "p5", 40},
		{"unchanged", "word", "word", "p5", 0},
		{"a word on page thirty", "word", "drow", "p5", 1},
		{"a new letter on page three", "café", "drow", "p5", -1},
		{"back", "word", "drow", "p5", -1},
		{"unchanged again", "word", "drow", "p5", 0},
		// The anchors' order by name changes (the named destinations, not the pages).
		{"an anchor renamed", "word", "drow", "a5", 0},
		{"an anchor moved in the order", "word", "drow", "p99", 0},
		// More letters than a font resource's 256 codes: another bank, more objects before
		// the pages, so every page's object number moves (the name tree's leaves name them).
		{"a new bank of codes", "word", latinExtended(), "p99", -1},
	}
	for _, s := range steps {
		anchor = s.anchor
		got := warm(book(s.early, s.late))
		if cold := write(t, book(s.early, s.late), testInfo, f); !bytes.Equal(got, cold) {
			t.Errorf("%s: a Write with kept paintings differs from a cold Write", s.name)
		}
		painted, reused := kept.Pages()
		if painted+reused != 40 {
			t.Errorf("%s: %d pages painted and %d kept; the book has 40", s.name, painted, reused)
		}
		if s.painted >= 0 && painted != s.painted || s.painted < 0 && (painted < 2 || painted == 40) {
			t.Errorf("%s: %d pages painted, %d kept", s.name, painted, reused)
		}
	}
}

// latinExtended is every letter of Latin Extended-A and -B, more than one bank of codes.
func latinExtended() string {
	var b strings.Builder
	for r := rune(0x100); r < 0x250; r++ {
		b.WriteRune(r)
	}
	return b.String()
}
