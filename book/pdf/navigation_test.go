package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"bindery/book/layout"
)

// link puts a clickable area on page p.
func link(d *layout.Document, p int, target string, x, y, w, h float64) {
	d.Pages[p].Links = append(d.Pages[p].Links, layout.Link{X: pt(x), Y: pt(y), W: pt(w), H: pt(h), Target: target})
}

func TestLinkAnnotations(t *testing.T) {
	d := newDocument(3, 1)
	mark(d, 1, "ch1", 46.15, 99.35)
	mark(d, 2, "a(b)\\c é", 50, 60)
	link(d, 0, "#ch1", 46.15, 110, 300, 13)
	link(d, 0, "#nowhere", 10, 10, 5, 5) // a dangling link goes nowhere: left out
	link(d, 0, "", 10, 10, 5, 5)
	link(d, 0, "https://example.org/a(b)?q=%C3%A9", 20, 200, 100.25, 10)
	link(d, 2, "#a(b)\\c é", 20, 30, 40, 10)
	link(d, 2, "mailto:ada@example.org", 20, 50, 40, 10)
	q := readBack(t, write(t, d, testInfo, charis(t)))

	type annot struct {
		rect       string
		dest, uri  string
		hasBorder0 bool
	}
	annots := func(p int) []annot {
		var out []annot
		refs, _ := q.page(t, p)["/Annots"].([]any)
		for _, ref := range refs {
			a := q.dict(t, ref)
			if a["/Type"] != "/Annot" || a["/Subtype"] != "/Link" {
				t.Fatalf("annotation %v", a)
			}
			an := annot{rect: fmt.Sprint(numbers(t, a["/Rect"])), hasBorder0: slices.Equal(numbers(t, a["/Border"]), []float64{0, 0, 0})}
			if a["/Dest"] != nil {
				an.dest = decodeString(t, a["/Dest"])
			}
			if act, ok := a["/A"].(map[string]any); ok && act["/S"] == "/URI" {
				an.uri = decodeString(t, act["/URI"])
			}
			out = append(out, an)
		}
		return out
	}
	want := [][]annot{
		{{"[46 472 347 485]", "ch1", "", true}, {"[20 385 121 395]", "", "https://example.org/a(b)?q=%C3%A9", true}},
		nil,
		{{"[20 555 60 565]", "a(b)\\c é", "", true}, {"[20 535 60 545]", "", "mailto:ada@example.org", true}},
	}
	for p := range 3 {
		if got := annots(p); !slices.Equal(got, want[p]) {
			t.Errorf("page %d: %+v, want %+v", p+1, got, want[p])
		}
	}
}

// destinations reads the name tree of named destinations, checking its order and limits.
func destinations(t *testing.T, q *qpdfDoc) (names []string, dests map[string][]any) {
	t.Helper()
	dests = map[string][]any{}
	var walk func(node map[string]any)
	walk = func(node map[string]any) {
		if kids, ok := node["/Kids"].([]any); ok {
			for _, k := range kids {
				kid := q.dict(t, k)
				limits, _ := kid["/Limits"].([]any)
				before := len(names)
				walk(kid)
				if len(limits) != 2 || decodeString(t, limits[0]) != names[before] || decodeString(t, limits[1]) != names[len(names)-1] {
					t.Errorf("a leaf's /Limits %v do not bound its names", limits)
				}
			}
			return
		}
		a, _ := node["/Names"].([]any)
		if len(a) > 2*256 {
			t.Errorf("a leaf of %d names", len(a)/2)
		}
		for i := 0; i+1 < len(a); i += 2 {
			name := decodeString(t, a[i])
			names = append(names, name)
			dests[name], _ = a[i+1].([]any)
		}
	}
	if n, ok := q.catalog(t)["/Names"].(map[string]any); ok {
		walk(q.dict(t, n["/Dests"]))
	}
	if !slices.IsSorted(names) {
		t.Errorf("names out of order: %q", names)
	}
	return names, dests
}

func TestNamedDestinations(t *testing.T) {
	d := newDocument(3, 1)
	mark(d, 1, "ch1", 46.15, 99.35)
	mark(d, 2, "dup", 30, 40)
	d.Pages[0].Marks = append(d.Pages[0].Marks, layout.Mark{ID: "dup", X: pt(1), Y: pt(1)}) // the map says page 3
	d.Pages[2].Marks = append(d.Pages[2].Marks, layout.Mark{ID: "dup", X: pt(2), Y: pt(2)}) // the first on its page wins
	d.Pages[0].Marks = append(d.Pages[0].Marks, layout.Mark{ID: "stale", X: pt(1), Y: pt(1)})
	mark(d, 0, "Zebra é", 10, 20)
	q := readBack(t, write(t, d, testInfo, charis(t)))
	names, dests := destinations(t, q)
	if want := []string{"Zebra é", "ch1", "dup"}; !slices.Equal(names, want) {
		t.Fatalf("destinations %q, want %q", names, want)
	}
	for name, want := range map[string]struct {
		page int
		x, y float64
	}{"ch1": {1, 46, 496}, "dup": {2, 30, 555}, "Zebra é": {0, 10, 575}} {
		got := dests[name]
		if len(got) != 5 || got[0] != q.Pages[want.page].Object || got[1] != "/XYZ" || got[2] != want.x || got[3] != want.y || got[4] != nil {
			t.Errorf("%s: %v, want page %d at (%v, %v)", name, got, want.page+1, want.x, want.y)
		}
	}
}

func TestManyDestinationsMakeATree(t *testing.T) {
	d := newDocument(2, 1)
	var want []string
	for i := range 600 {
		id := "n" + strconv.Itoa(i)
		mark(d, i%2, id, 10, float64(i%500))
		want = append(want, id)
	}
	slices.Sort(want)
	q := readBack(t, write(t, d, testInfo, charis(t)))
	names, _ := destinations(t, q)
	if !slices.Equal(names, want) {
		t.Fatalf("%d names read back, want %d", len(names), len(want))
	}
	root := q.dict(t, q.catalog(t)["/Names"].(map[string]any)["/Dests"])
	if kids, _ := root["/Kids"].([]any); len(kids) != 3 {
		t.Errorf("600 names in %d leaves, want 3", len(kids))
	}
}

func TestOutlineNestsHeadingsByLevel(t *testing.T) {
	d := newDocument(4, 1)
	entries := []struct {
		level     int
		title, id string
		page      int
	}{
		{1, "Part One", "p1", 1}, {2, "Chapter 1", "c1", 1}, {3, "A section", "s1", 2},
		{2, "Chapter 2 (and “quotes”)", "c2", 2}, {1, "Deleted", "gone", -1},
		{1, "Appendix — é 😀", "a1", 3}, {3, "Deep at once", "d1", 3},
	}
	for i, e := range entries {
		d.Outline = append(d.Outline, layout.OutlineEntry{Title: e.title, Level: e.level, ID: e.id})
		if e.page >= 0 {
			mark(d, e.page, e.id, 40, 100+float64(i))
		}
	}
	q := readBack(t, write(t, d, testInfo, charis(t)))
	var got []string
	var walk func(os []qpdfOutline, depth int)
	walk = func(os []qpdfOutline, depth int) {
		for _, o := range os {
			got = append(got, fmt.Sprintf("%s%s p%d %v", strings.Repeat("  ", depth), o.Title, o.DestPagePosFrom1, o.Dest[1:]))
			walk(o.Kids, depth+1)
		}
	}
	walk(q.Outlines, 0)
	want := []string{
		"Part One p2 [/XYZ 40 495 <nil>]",
		"  Chapter 1 p2 [/XYZ 40 494 <nil>]",
		"    A section p3 [/XYZ 40 493 <nil>]",
		"  Chapter 2 (and “quotes”) p3 [/XYZ 40 492 <nil>]",
		"Appendix — é 😀 p4 [/XYZ 40 490 <nil>]",
		"  Deep at once p4 [/XYZ 40 489 <nil>]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("outline:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cat := q.catalog(t)
	if root := q.dict(t, cat["/Outlines"]); root["/Count"] != 6.0 || cat["/PageMode"] != "/UseOutlines" {
		t.Errorf("outline root %v, page mode %v", root, cat["/PageMode"])
	}
	// Each item's /Count is its descendants (all open), its siblings linked both ways.
	for _, o := range q.Outlines {
		item := q.dict(t, o.Object)
		if n := item["/Count"]; len(o.Kids) > 0 && n != float64(len(o.Kids)+countKids(o.Kids)) {
			t.Errorf("%s: /Count %v", o.Title, n)
		}
	}
	first := q.dict(t, q.Outlines[0].Object)
	if first["/Next"] != q.Outlines[1].Object || q.dict(t, q.Outlines[1].Object)["/Prev"] != q.Outlines[0].Object {
		t.Error("top-level items are not linked")
	}

	// Without headings there is no outline to open.
	cat = readBack(t, write(t, newDocument(1, 1), testInfo, charis(t))).catalog(t)
	if cat["/Outlines"] != nil || cat["/PageMode"] != nil {
		t.Errorf("an outline without headings: %v", cat)
	}
}

func countKids(os []qpdfOutline) int {
	n := 0
	for _, o := range os {
		n += len(o.Kids) + countKids(o.Kids)
	}
	return n
}

// label spells a page's label from its style and number, as qpdf gives them.
func label(t *testing.T, l map[string]any) string {
	n := int(l["/St"].(float64))
	switch l["/S"] {
	case "/D":
		return strconv.Itoa(n)
	case "/r":
		var b strings.Builder
		for _, v := range []struct {
			n int
			s string
		}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
			for ; n >= v.n; n -= v.n {
				b.WriteString(v.s)
			}
		}
		return b.String()
	}
	t.Fatalf("label style %v", l["/S"])
	return ""
}

func TestPageLabelsAreTheFolios(t *testing.T) {
	for _, c := range []struct {
		pages, bodyStart int
		want             []string
	}{
		{6, 4, []string{"i", "ii", "iii", "iv", "1", "2"}},
		{3, 3, []string{"i", "ii", "iii"}},
		{3, 7, []string{"i", "ii", "iii"}},
		{2, 0, []string{"1", "2"}},
	} {
		q := readBack(t, write(t, newDocument(c.pages, c.bodyStart), testInfo, charis(t)))
		var got []string
		for _, p := range q.Pages {
			got = append(got, label(t, p.Label))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%d pages, body from %d: labels %q, want %q", c.pages, c.bodyStart, got, c.want)
		}
		// A number tree's keys ascend.
		nums := q.catalog(t)["/PageLabels"].(map[string]any)["/Nums"].([]any)
		for i := 2; i < len(nums); i += 2 {
			if nums[i].(float64) <= nums[i-2].(float64) {
				t.Errorf("%d pages, body from %d: /Nums %v", c.pages, c.bodyStart, nums)
			}
		}
	}
}
