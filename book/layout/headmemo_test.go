package layout

import (
	"testing"

	"bindery/book/doc"
)

// TestRunningHeadSetOncePerSide: in a cold build a page gets the running head's lines set
// for the last page of its side when the head and the folio's width are the same; another
// head or width, or the other side, gets lines set afresh, and a rebuild's heads are the
// Reuse's (it keeps a head's lines by their being set).
func TestRunningHeadSetOncePerSide(t *testing.T) {
	ts := setterTypesetter(t)
	ts.book = &doc.Book{Meta: &doc.Metadata{Title: "A book of heads"}}
	ch := &doc.Chapter{Title: []doc.Inline{&doc.Text{Text: "A chapter"}}}
	verso, recto := &Page{Kind: BodyPage, Chapter: ch}, &Page{Kind: BodyPage, Chapter: ch, Recto: true}
	same := func(a, b []*lineBox) bool { return len(a) > 0 && len(b) > 0 && a[0] == b[0] }
	first := ts.headFor(verso, 1000)
	if len(first) == 0 {
		t.Fatal("no running head")
	}
	if !same(ts.headFor(verso, 1000), first) {
		t.Fatal("the same head beside as wide a folio set again")
	}
	if same(ts.headFor(recto, 1000), first) {
		t.Fatal("a recto given the verso's head")
	}
	if !same(ts.headFor(verso, 1000), first) {
		t.Fatal("a recto between two versos had the verso's head set again")
	}
	if same(ts.headFor(verso, 2000), first) {
		t.Fatal("a wider folio's head not set afresh")
	}
	ts.s.Reuse = NewReuse()
	ts.headFor(verso, 3000)
	if ts.heads[0].key.folioW != 2000 {
		t.Fatal("a rebuild's head kept apart from the Reuse")
	}
}
