package layout

import (
	"reflect"
	"slices"
	"testing"

	"bindery/book/doc"
)

// What a Reuse writes out for another process must hold every field of a kept paragraph's
// key and lines. This pins the fields reuse_store.go writes or knowingly leaves out; a new
// one fails here until it is written (or refused, as a line's notes are).
func TestStoredReuseCoversTheLines(t *testing.T) {
	known := map[reflect.Type][]string{
		// block: the reader's to set (typesetter.placed)
		reflect.TypeFor[textSpec](): {"Size", "Leading", "Style", "Width", "Indent", "Ragged", "Centered", "Display",
			"NoHyphenation", "Kind", "offset", "Hang", "block", "task", "note", "hangNumber", "breakAnywhere", "looseness"},
		// Notes, pictures, cont: a paragraph with them is not written; block, part: placed sets them
		reflect.TypeFor[lineBox](): {"Runs", "Links", "Marks", "Notes", "Metrics", "Leading", "Size", "rules", "pictures",
			"block", "word", "inWord", "part", "cont"},
		// Block: a paragraph whose runs name a block is not written
		reflect.TypeFor[Run](): {"X", "Y", "Size", "Raise", "Text", "Width", "Link", "Tracking", "Block", "Colour", "Style", "Hyphen", "Lang"},
	}
	for typ, fields := range known {
		for i := range typ.NumField() {
			if f := typ.Field(i).Name; !slices.Contains(fields, f) {
				t.Errorf("%s has a new field %s: write it out in reuse_store.go (or refuse what has it)", typ.Name(), f)
			}
		}
	}
	if n, m := reflect.TypeFor[storedSpec]().NumField(), reflect.TypeFor[textSpec]().NumField()-1; n != m {
		t.Errorf("storedSpec has %d fields, textSpec %d besides its block", n, m)
	}
}

// Paragraphs written out and read back in another Reuse are the same lines, under the same
// key; a paragraph whose lines point at a note is left out; bytes that are not a Reuse's add
// nothing.
func TestStoredReuseRoundTrip(t *testing.T) {
	spec := textSpec{Size: 10 * Pt, Leading: 13 * Pt, Style: Italic, Width: 300 * Pt, Indent: 12 * Pt, Ragged: true,
		Centered: true, Display: true, NoHyphenation: true, Kind: "paragraph", offset: 3, Hang: 4, task: doc.TaskDone,
		note: true, hangNumber: true, breakAnywhere: true, looseness: -1}
	line := &lineBox{
		Runs: []Run{{X: 1, Y: 2, Size: 3, Raise: 4, Text: "Wörds", Width: 5, Link: "#x", Tracking: 6, Colour: 0x102030,
			Style: Bold, Hyphen: true, Lang: langID("de-CH")}},
		Links: []Link{{X: 1, Y: 2, W: 3, H: 4, Target: "https://example.org/"}},
		Marks: []Mark{{ID: "m1", X: 5, Y: 6}},
		Metrics: LineMetrics{Kind: "paragraph", NoteBlock: "list", Y: 1, X: 2, Width: 3, Natural: 4, Right: 5, Ratio: 0.125,
			Badness: 7, Tracking: 8, Hyphenated: true, Overfull: 9, Justified: true, Last: true, First: true,
			Spaces: []Length{1, 2}, NaturalSpace: 3, Text: "Wörds", Repeated: true, Underfull: true},
		Leading: 13, Size: 10, rules: []Rule{{X: 1, Y: 2, W: 3, H: 4, Tint: 5}}, word: 7, inWord: true,
	}
	withNote := &lineBox{Notes: []*doc.Footnote{{}}}
	r := NewReuse()
	r.begin()
	r.put(reuseKey{"text", "de", spec}, []*lineBox{line})
	r.put(reuseKey{"note", "de", spec}, []*lineBox{withNote})
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back := NewReuse()
	if err := back.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	back.begin()
	got, ok := back.get(reuseKey{"text", "de", spec})
	if !ok || len(got) != 1 {
		t.Fatalf("the paragraph was not read back: %v", got)
	}
	if !reflect.DeepEqual(got[0], line) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got[0], line)
	}
	if got[0].Runs[0].Language() != "de-CH" {
		t.Errorf("language %q", got[0].Runs[0].Language())
	}
	if _, ok := back.get(reuseKey{"note", "de", spec}); ok {
		t.Errorf("a paragraph whose lines point at a note was written out")
	}
	other := spec
	other.looseness = 0
	if _, ok := back.get(reuseKey{"text", "de", other}); ok {
		t.Errorf("another spec found the paragraph")
	}
	if err := NewReuse().UnmarshalBinary([]byte("not a reuse")); err == nil {
		t.Errorf("garbage read as paragraphs")
	}
}
