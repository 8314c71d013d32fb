package markdown

import (
	"reflect"
	"slices"
	"testing"

	"bindery/book/config"
	"bindery/book/doc"
)

// The models rebuilds copy (every file of the fixture books and the default book) are copied
// equal, sharing no pointer, slice or map with the original, each note reference pointing at
// the copy's note: doc.Copy moves a struct's plain fields in one go, and this holds it to
// copying every field that can be changed in place.
func TestKeptModelsCopyWhole(t *testing.T) {
	for _, dir := range []string{"../../testdata/books/features", "../../testdata/books/technical", "../../testdata/books/fr", "../../manuscript"} {
		cfg, err := config.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		p := NewParsed()
		if _, list := LoadBookWith(cfg, p); list.HasErrors() {
			t.Fatalf("%s: %v", dir, list)
		}
		if len(p.files) == 0 {
			t.Fatalf("%s: nothing kept", dir)
		}
		for _, f := range p.files {
			c := f.copy(f.source)
			if !reflect.DeepEqual(c.blocks, f.blocks) || !reflect.DeepEqual(c.notes, f.notes) {
				t.Fatalf("%s: the copy of %s differs from it", dir, f.display)
			}
			held := map[uintptr]bool{}
			seen := map[uintptr]bool{}
			places(reflect.ValueOf(f.blocks), held, seen)
			places(reflect.ValueOf(f.notes), held, seen)
			shared := map[uintptr]bool{}
			seen = map[uintptr]bool{}
			places(reflect.ValueOf(c.blocks), shared, seen)
			places(reflect.ValueOf(c.notes), shared, seen)
			if len(shared) == 0 && len(f.blocks) > 0 {
				t.Fatalf("%s: nothing reached in the copy of %s", dir, f.display)
			}
			for p := range shared {
				if held[p] {
					t.Fatalf("%s: the copy of %s shares memory with it", dir, f.display)
				}
			}
			// References keep their targets: the copy's note references point at the copy's
			// notes, in the same places.
			var of, oc []*doc.Footnote
			doc.WalkInlines(&doc.Chapter{Blocks: f.blocks}, func(in doc.Inline) {
				if r, ok := in.(*doc.FootnoteRef); ok {
					of = append(of, r.Note)
				}
			})
			doc.WalkInlines(&doc.Chapter{Blocks: c.blocks}, func(in doc.Inline) {
				if r, ok := in.(*doc.FootnoteRef); ok {
					oc = append(oc, r.Note)
				}
			})
			for i := range of {
				if j := slices.Index(f.notes, of[i]); j >= 0 && oc[i] != c.notes[j] {
					t.Fatalf("%s: a note reference of %s points outside the copy", dir, f.display)
				}
			}
		}
	}
}

// places gathers the addresses of every pointer's target, slice's array and map reachable
// from v through the model's exported fields (strings left out: they never change).
func places(v reflect.Value, out, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		out[v.Pointer()] = true
		places(v.Elem(), out, seen)
	case reflect.Interface:
		if !v.IsNil() {
			places(v.Elem(), out, seen)
		}
	case reflect.Slice:
		if v.Cap() > 0 {
			out[v.Pointer()] = true
		}
		for i := range v.Len() {
			places(v.Index(i), out, seen)
		}
	case reflect.Map:
		if !v.IsNil() {
			out[v.Pointer()] = true
			for it := v.MapRange(); it.Next(); {
				places(it.Value(), out, seen)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			places(v.Index(i), out, seen)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				places(v.Field(i), out, seen)
			}
		}
	}
}

// BenchmarkCopyKept copies every kept file of the default book, as a rebuild does.
func BenchmarkCopyKept(b *testing.B) {
	cfg, err := config.Load("../../manuscript")
	if err != nil {
		b.Fatal(err)
	}
	p := NewParsed()
	LoadBookWith(cfg, p)
	for b.Loop() {
		for _, f := range p.files {
			f.copy(f.source)
		}
	}
}
