package epub

import (
	"reflect"
	"testing"

	"bindery/book/diag"
	"bindery/book/doc"
)

// notInKey are the model's fields a chapter's XHTML never shows, left out of its key: source
// positions, and the index entries a mark stands for (the mark's ID is what is written).
var notInKey = map[string]bool{
	"At.Pos": true, "Chapter.Pos": true, "Footnote.Pos": true, "Text.Starts": true,
	"IndexMark.Entry": true, "IndexMark.Sub": true,
}

// Every field of every node a chapter can hold changes the chapter's key, but those in
// notInKey: a field added to the model fails here until chapterkey.go writes it out (or it
// is said not to be shown). Filled by reflection, so a new field is found without a word here.
func TestChapterKeyCoversTheModel(t *testing.T) {
	blocks := []doc.Block{&doc.Heading{}, &doc.Paragraph{}, &doc.BlockQuote{}, &doc.List{}, &doc.Table{},
		&doc.Rule{}, &doc.CodeBlock{}, &doc.Figure{}, &doc.DefinitionList{}}
	inlines := []doc.Inline{&doc.Text{}, &doc.Emphasis{}, &doc.Strong{}, &doc.Code{}, &doc.Link{}, &doc.Image{},
		&doc.Styled{}, &doc.Math{}, &doc.Break{}, &doc.FootnoteRef{}, &doc.TextAnchor{}, &doc.IndexMark{},
		&doc.GlossaryRef{}, &doc.CrossRef{}, &doc.Span{}}
	for _, b := range blocks {
		fill(reflect.ValueOf(b).Elem(), 0)
	}
	for _, in := range inlines {
		fill(reflect.ValueOf(in).Elem(), 0)
		blocks = append(blocks, &doc.Paragraph{Inlines: []doc.Inline{in}})
	}
	checked := map[string]bool{}
	for _, b := range blocks {
		ch := &doc.Chapter{}
		fill(reflect.ValueOf(ch).Elem(), 0)
		ch.Blocks = []doc.Block{b}
		w := &writer{breaks: map[doc.Block][]PageBreak{}, noteRefs: map[*doc.Footnote][]int{}}
		key := func() chapterSum {
			k, _, _, _, ok := w.chapterKey(ch, chapterSum{}, nil)
			if !ok {
				t.Fatalf("%T: the key does not know the chapter", b)
			}
			return k
		}
		want := key()
		eachField(reflect.ValueOf(ch).Elem(), "", func(name string, f reflect.Value) {
			old := reflect.New(f.Type()).Elem()
			old.Set(f)
			change(f)
			changed := key() != want
			f.Set(old)
			checked[name] = true
			if changed == notInKey[name] {
				t.Errorf("%T: changing %s changes the chapter's key: %v; want %v", b, name, changed, !notInKey[name])
			}
		})
	}
	for _, name := range []string{"Heading.Classes", "Table.Rows", "DefinitionItem.Definitions", "Footnote.Editorial", "FootnoteRef.Note", "Chapter.Part"} {
		if !checked[name] {
			t.Errorf("%s was never changed: the test does not reach it", name)
		}
	}
}

// fill gives every exported field of v a value that is not its zero: one element in slices.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("a")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Interface:
		switch v.Type() {
		case reflect.TypeOf((*doc.Inline)(nil)).Elem():
			v.Set(reflect.ValueOf(&doc.Text{Text: "a"}))
		case reflect.TypeOf((*doc.Block)(nil)).Elem():
			v.Set(reflect.ValueOf(&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Text: "a"}}}))
		}
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}

// eachField calls fn for every exported field reached from the struct v, named Type.Field, and
// goes into the chapter's own nodes (not into a note or entry a node points at).
func eachField(v reflect.Value, _ string, fn func(string, reflect.Value)) {
	t := v.Type()
	for i := range v.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		f := v.Field(i)
		name := t.Name() + "." + sf.Name
		if sf.Anonymous && f.Kind() == reflect.Struct {
			eachField(f, name, fn) // At
			continue
		}
		fn(name, f)
		if notInKey[name] || f.Type() == reflect.TypeOf(diag.Pos{}) {
			continue
		}
		if (sf.Name == "Note" || sf.Name == "Entry" || sf.Name == "Sub") && t.Name() != "Chapter" {
			continue // pointers out of the chapter: only their IDs are written
		}
		into(f, fn)
	}
}

func into(v reflect.Value, fn func(string, reflect.Value)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			into(v.Elem(), fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			into(v.Index(i), fn)
		}
	case reflect.Struct:
		if v.CanSet() {
			eachField(v, "", fn)
		}
	}
}

// change gives v another value.
func change(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "b")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Struct:
		// A struct held by value (a source position): its first field.
		if v.NumField() > 0 && v.Field(0).CanSet() {
			change(v.Field(0))
		}
	default:
		v.Set(reflect.Zero(v.Type())) // a slice, pointer or interface: none
	}
}
