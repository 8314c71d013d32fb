package layout

import (
	"reflect"
	"slices"
	"testing"

	"bindery/book/doc"
)

// reuseContent must write out every field of an inline that changes how it is set. This pins
// the fields it knows; a new one fails here until reuseContent decides about it (write it
// out, refuse the inline, or list it below as not changing the lines).
func TestReuseKeyCoversTheModel(t *testing.T) {
	known := map[any][]string{
		// written out (or, for Children, walked); At and Starts are positions, which do not
		// change the lines; Title of a link is a tooltip the print edition does not show.
		&doc.Text{}:        {"At", "Text", "Starts"},
		&doc.Code{}:        {"At", "Text"},
		&doc.Math{}:        {"At", "Text", "Display"},
		&doc.Break{}:       {"At", "Hard"},
		&doc.TextAnchor{}:  {"At", "ID"},
		&doc.Emphasis{}:    {"At", "Children"},
		&doc.Strong{}:      {"At", "Children"},
		&doc.Link{}:        {"At", "Role", "URL", "Title", "Children", "File", "Fragment"},
		&doc.Span{}:        {"At", "Role", "ID", "Lang", "Children"},
		&doc.Styled{}:      {"At", "Style", "Title", "Children"},
		&doc.GlossaryRef{}: {"At", "Entry", "ID", "Linked", "Children"},
		// the layout sets an index mark as its destination alone
		&doc.IndexMark{}: {"At", "TermText", "SubText", "Entry", "Sub", "Range", "ID", "Found", "Form"},
	}
	for v, fields := range known {
		typ := reflect.TypeOf(v).Elem()
		for i := range typ.NumField() {
			if f := typ.Field(i).Name; !slices.Contains(fields, f) {
				t.Errorf("doc.%s has a new field %s: decide in reuseContent whether it changes the set lines", typ.Name(), f)
			}
		}
		if _, ok := reuseContent([]doc.Inline{v.(doc.Inline)}); !ok {
			t.Errorf("doc.%s is not kept across builds", typ.Name())
		}
	}
	// What depends on more than the paragraph is never kept.
	for _, in := range []doc.Inline{&doc.CrossRef{Target: "x"}, &doc.FootnoteRef{Note: &doc.Footnote{}}, &doc.Image{Src: "a.png"},
		&doc.Emphasis{Children: []doc.Inline{&doc.CrossRef{Target: "x"}}}} {
		if _, ok := reuseContent([]doc.Inline{&doc.Text{Text: "a "}, in}); ok {
			t.Errorf("a paragraph with %T is kept across builds", in)
		}
	}
	// Text and marks are told apart.
	a, _ := reuseContent([]doc.Inline{&doc.Text{Text: "a"}, &doc.TextAnchor{ID: "b"}})
	b, _ := reuseContent([]doc.Inline{&doc.Text{Text: "a"}, &doc.TextAnchor{ID: "c"}})
	c, _ := reuseContent([]doc.Inline{&doc.Text{Text: "ab"}})
	if a == b || a == c {
		t.Errorf("different paragraphs share a key: %q %q %q", a, b, c)
	}
}
