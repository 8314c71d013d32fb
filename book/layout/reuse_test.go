package layout

import (
	"reflect"
	"slices"
	"testing"
	"unsafe"

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
		// as printed: its title and page (File is resolved away by book/link)
		&doc.CrossRef{}: {"At", "Target", "File"},
		// by the note's ID and number (renote points the kept lines at this build's note)
		&doc.FootnoteRef{Note: &doc.Footnote{}}: {"At", "Note", "N"},
	}
	printed := func(target string) string { return "‘" + target + "’, p. 7" }
	for v, fields := range known {
		typ := reflect.TypeOf(v).Elem()
		for i := range typ.NumField() {
			if f := typ.Field(i).Name; !slices.Contains(fields, f) {
				t.Errorf("doc.%s has a new field %s: decide in reuseContent whether it changes the set lines", typ.Name(), f)
			}
		}
		if _, _, ok := reuseContent([]doc.Inline{v.(doc.Inline)}, printed); !ok {
			t.Errorf("doc.%s is not kept across builds", typ.Name())
		}
	}
	// What depends on more than the paragraph is never kept.
	for _, in := range []doc.Inline{&doc.Image{Src: "a.png"}, &doc.Emphasis{Children: []doc.Inline{&doc.Image{Src: "a.png"}}}} {
		if _, _, ok := reuseContent([]doc.Inline{&doc.Text{Text: "a "}, in}, printed); ok {
			t.Errorf("a paragraph with %T is kept across builds", in)
		}
	}
	// Text and marks are told apart.
	a, _, _ := reuseContent([]doc.Inline{&doc.Text{Text: "a"}, &doc.TextAnchor{ID: "b"}}, printed)
	b, _, _ := reuseContent([]doc.Inline{&doc.Text{Text: "a"}, &doc.TextAnchor{ID: "c"}}, printed)
	c, _, _ := reuseContent([]doc.Inline{&doc.Text{Text: "ab"}}, printed)
	if a == b || a == c {
		t.Errorf("different paragraphs share a key: %q %q %q", a, b, c)
	}
	// A cross-reference is known by what it prints: another page is another paragraph; and
	// without a printer, it is not kept.
	ref := []doc.Inline{&doc.Text{Text: "see "}, &doc.CrossRef{Target: "x"}}
	p7, refs, _ := reuseContent(ref, printed)
	p8, _, _ := reuseContent(ref, func(target string) string { return "‘" + target + "’, p. 8" })
	if !refs || p7 == p8 {
		t.Errorf("a cross-reference's page is not in the key: %q %q", p7, p8)
	}
	if _, _, ok := reuseContent(ref, nil); ok {
		t.Errorf("a cross-reference was kept without its printed form")
	}
	// A note call is known by the note's ID and number, and which call it is.
	call := func(id string, number, n int) string {
		k, _, _ := reuseContent([]doc.Inline{&doc.Text{Text: "a"}, &doc.FootnoteRef{Note: &doc.Footnote{ID: id, Number: number}, N: n}}, printed)
		return k
	}
	if k := call("fn-a", 1, 1); k == call("fn-b", 1, 1) || k == call("fn-a", 2, 1) || k == call("fn-a", 1, 2) {
		t.Errorf("note calls share a key")
	}
}

// The reuse key writes out every field of a paragraph's textSpec but its block: each field
// set alone changes the bytes. A field added to textSpec fails here until keyBytes.spec
// writes it (or this test says why not).
func TestReuseKeyCoversTheSpec(t *testing.T) {
	written := func(s textSpec) string {
		var b keyBytes
		b.spec(s)
		return string(b)
	}
	zero := written(textSpec{})
	typ := reflect.TypeFor[textSpec]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "block" { // where the paragraph stands: not what it sets
			continue
		}
		var s textSpec
		v := reflect.ValueOf(&s).Elem().Field(i)
		v = reflect.NewAt(f.Type, unsafe.Pointer(v.UnsafeAddr())).Elem() // unexported fields too
		switch v.Kind() {
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v.SetInt(3)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			v.SetUint(3)
		case reflect.String:
			v.SetString("x")
		default:
			t.Fatalf("textSpec.%s is a %s: teach this test to set it", f.Name, f.Type)
		}
		if written(s) == zero {
			t.Errorf("textSpec.%s is not in the reuse key: write it in keyBytes.spec", f.Name)
		}
	}
}
