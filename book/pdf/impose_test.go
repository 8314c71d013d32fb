package pdf

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"bindery/book/layout"
)

func TestBookletOrder(t *testing.T) {
	// Six pages pad to eight: two sheets, four sides.
	want := [][2]int{{-1, 0}, {1, -1}, {5, 2}, {3, 4}}
	if got := BookletOrder(6); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for n := 1; n <= 50; n++ {
		seen := map[int]bool{}
		sides := BookletOrder(n)
		if len(sides)%2 != 0 || len(sides)*2 < n {
			t.Fatalf("%d pages on %d sides", n, len(sides))
		}
		for _, s := range sides {
			for _, p := range s {
				if p >= 0 {
					if seen[p] {
						t.Fatalf("%d pages: page %d twice", n, p)
					}
					seen[p] = true
				}
			}
		}
		if len(seen) != n {
			t.Fatalf("%d pages: %d placed", n, len(seen))
		}
	}
}

// numbered is a document of n pages, each with its number as text and a rule.
func numbered(n int) *layout.Document {
	d := newDocument(n, 1)
	for i, p := range d.Pages {
		p.Runs = []layout.Run{text(layout.Roman, 10, 200, 570, fmt.Sprintf("page %d", i+1))}
		p.Rules = []layout.Rule{{X: pt(40), Y: pt(40 + float64(i)), W: pt(300), H: pt(0.5)}}
	}
	mark(d, 2, "anchor", 40, 40)
	d.Outline = []layout.OutlineEntry{{Title: "Chapter", Level: 1, ID: "anchor"}}
	link(d, 0, "#anchor", 10, 10, 10, 10)
	return d
}

func TestBookletPlacesTwoPagesASideInSaddleStitchOrder(t *testing.T) {
	// A4 holds two of these pages at full size; on Letter they shrink and stand centred.
	for _, sheet := range []Sheet{{Name: "A4", Width: 841.89, Height: 595.28}, {Name: "Letter", Width: 792, Height: 612}} {
		t.Run(sheet.Name, func(t *testing.T) { checkBooklet(t, sheet) })
	}
}

func checkBooklet(t *testing.T, sheet Sheet) {
	f := charis(t)
	d := numbered(6)
	var b bytes.Buffer
	if err := WriteBooklet(&b, d, testInfo, f, sheet); err != nil {
		t.Fatal(err)
	}
	q := readBack(t, b.Bytes())
	book := readBack(t, write(t, d, testInfo, f))

	sides := BookletOrder(6)
	if len(q.Pages) != len(sides) {
		t.Fatalf("%d sides, want %d", len(q.Pages), len(sides))
	}
	scale := min(sheet.Width/840, sheet.Height/595)
	dx, dy := sheet.Width/2-420*scale, (sheet.Height-595*scale)/2
	cm := regexp.MustCompile(`^q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /P(\d+) Do Q$`)
	for s, side := range sides {
		page := q.page(t, s)
		if got := numbers(t, q.dict(t, page["/Parent"])["/MediaBox"]); !slices.Equal(got, []float64{0, 0, sheet.Width, sheet.Height}) {
			t.Errorf("side %d: media box %v", s, got)
		}
		xobjects := page["/Resources"].(map[string]any)["/XObject"].(map[string]any)
		lines := strings.Split(strings.TrimSpace(q.content(t, s)), "\n")
		var placed []int
		for _, l := range lines {
			m := cm.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("side %d: %q", s, l)
			}
			idx, _ := strconv.Atoi(m[5])
			placed = append(placed, idx)
			k := slices.Index(side[:], idx)
			x, _ := strconv.ParseFloat(m[3], 64)
			y, _ := strconv.ParseFloat(m[4], 64)
			sc, _ := strconv.ParseFloat(m[1], 64)
			if math.Abs(sc-scale) > 1e-5 || math.Abs(x-(dx+float64(k)*420*scale)) > 1e-3 || math.Abs(y-dy) > 1e-3 {
				t.Errorf("side %d: page %d at scale %v (%v, %v)", s, idx, sc, x, y)
			}
			// Each page is drawn as a form holding the book's own page content.
			form, dict := q.stream(t, xobjects["/P"+m[5]])
			if dict["/Subtype"] != "/Form" || !slices.Equal(numbers(t, dict["/BBox"]), []float64{0, 0, 420, 595}) {
				t.Errorf("form of page %d: %v", idx, dict)
			}
			if string(form) != book.content(t, idx) {
				t.Errorf("page %d is drawn otherwise in the booklet", idx)
			}
		}
		var want []int
		for _, p := range side {
			if p >= 0 {
				want = append(want, p)
			}
		}
		if !slices.Equal(placed, want) {
			t.Errorf("side %d shows pages %v, want %v", s, placed, want)
		}
	}
	// A booklet is for paper: no outline, links, destinations or page labels.
	cat := q.catalog(t)
	for _, key := range []string{"/Outlines", "/Names", "/PageLabels"} {
		if cat[key] != nil {
			t.Errorf("the booklet has %s", key)
		}
	}
}

func TestBookletOnTooSmallASheetIsAnError(t *testing.T) {
	var b bytes.Buffer
	err := WriteBooklet(&b, numbered(3), testInfo, charis(t), Sheet{Name: "none"})
	if err == nil || !strings.Contains(err.Error(), "sheet none is too small") {
		t.Fatalf("got %v", err)
	}
}
