package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"bindery/book/layout"
)

// shape reads the fuzzer's bytes as small numbers; past the end it reads zeros.
type shape []byte

func (s *shape) next(n int) int {
	if len(*s) == 0 {
		return 0
	}
	v := int((*s)[0])
	*s = (*s)[1:]
	return v % n
}

// fuzzDocument makes a small document from the fuzzer's strings (placed as they are, valid
// UTF-8 or not) and its shape bytes (pages, positions, styles, sizes 0 to 29 pt, links,
// anchors and headings).
func fuzzDocument(s shape, txt, title, id string) *layout.Document {
	n := 1 + s.next(4)
	d := newDocument(n, s.next(n+2)-1)
	cut := func() string {
		if txt == "" {
			return ""
		}
		from := s.next(len(txt) + 1)
		return txt[from : from+s.next(len(txt)-from+1)] // may split a character
	}
	for i, p := range d.Pages {
		for range s.next(5) {
			r := text(layout.Style(s.next(5)), float64(s.next(30)), float64(s.next(256)*2)-20, float64(s.next(256)*3), cut())
			r.Tracking = int32(pt(float64(s.next(3)) / 10))
			p.Runs = append(p.Runs, r)
		}
		if s.next(2) == 1 {
			p.Rules = append(p.Rules, layout.Rule{X: pt(float64(s.next(256))), Y: pt(float64(s.next(256))), W: pt(float64(s.next(256))), H: pt(0.4)})
		}
		if s.next(2) == 1 {
			src := [2]string{"a.png", "b.png"}[s.next(2)]
			p.Pictures = append(p.Pictures, layout.Picture{Src: src, X: pt(10), Y: pt(float64(s.next(256))), W: pt(float64(s.next(256))), H: pt(50)})
		}
		switch s.next(4) {
		case 1:
			link(d, i, "#"+id, 10, 10, float64(s.next(100)), 10)
		case 2:
			link(d, i, cut(), 10, 30, 50, 10)
		case 3:
			link(d, i, "#missing", 10, 50, 50, 10)
		}
		if s.next(2) == 1 {
			mark(d, i, id, float64(s.next(256)), float64(s.next(256)))
		}
	}
	for range s.next(5) {
		e := layout.OutlineEntry{Title: title, Level: 1 + s.next(4), ID: id}
		if s.next(3) == 0 {
			e.ID = "missing"
		}
		d.Outline = append(d.Outline, e)
	}
	return d
}

var fuzzImages = map[string]*Image{
	"a.png": {Width: 1, Height: 1, Gray: true, Samples: deflate([]byte{128})},
	"b.png": {Width: 1, Height: 1, Samples: deflate([]byte{1, 2, 3}), Alpha: deflate([]byte{9})},
}

// fuzzing reports whether the fuzzer is running (not only the seeds).
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// FuzzWrite writes small documents with hostile text, titles, anchors and URLs: the writer
// must never fail or panic on a document the layout could make, the file must read back
// (our reader for every input, qpdf --check for the seeds), and titles and names must survive.
func FuzzWrite(f *testing.F) {
	f.Add([]byte{3, 2, 4, 1, 10, 40, 30, 2, 1, 0, 1}, "Hello, world — “quoted” ﬁ", "Chapter one", "ch1")
	f.Add([]byte{1, 0, 2, 0, 12, 7, 9, 1, 0, 9, 1, 1, 3, 9, 9, 2, 1, 1, 4, 2, 1}, "(unbalanced \\ paren) <hex> [array] /name %comment", "Ti(tle)\\ <FEFF>", "a(b)\\c")
	f.Add([]byte{2, 3, 4, 4, 29, 255, 255, 2, 0, 40, 3, 1, 1, 1, 1, 2, 200, 1, 1, 3, 3, 0}, "\xff\xfe invalid \x00\x01\x7f UTF-8 中文 😀 \xed\xa0\x80", "😀 \xe2\x82", "\x00\xff)")
	f.Add([]byte{0, 0, 1, 0, 0, 9, 9, 0}, "size zero", "", "")
	f.Add(bytes.Repeat([]byte{255}, 200), strings.Repeat("long text ", 50), strings.Repeat("t", 300), "id")
	for k := range 4 {
		s := make([]byte, 300)
		for i := range s {
			s[i] = byte(i*(37+2*k) + k*k)
		}
		f.Add(s, "Página “uno” — ½ AVAST Tavern (x) \\ 😀", "Título", "ch-"+fmt.Sprint(k))
	}
	f.Fuzz(func(t *testing.T, s []byte, txt, title, id string) {
		fonts := charis(t)
		if len(s) > 0 && s[0]&128 != 0 {
			fonts = bookFonts(t, "GentiumBookPlus")
		}
		d := fuzzDocument(shape(s), txt, title, id)
		info := Info{Title: title, Author: txt, Subject: id, Language: id, Image: func(src string) (*Image, error) { return fuzzImages[src], nil }}
		var b bytes.Buffer
		if err := Write(&b, d, info, fonts); err != nil {
			t.Fatal(err)
		}
		rf, err := readStructure(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		checkNames(t, rf, d, title, id)
		var booklet bytes.Buffer
		if err := WriteBooklet(&booklet, d, info, fonts, Sheet{Name: "A4", Width: 841.89, Height: 595.28}); err != nil {
			t.Fatal(err)
		}
		if _, err := readStructure(booklet.Bytes()); err != nil {
			t.Fatalf("booklet: %v", err)
		}
		if !fuzzing() {
			readBack(t, b.Bytes())
			readBack(t, booklet.Bytes())
		}
	})
}

// checkNames reads back the title, the outline's titles and the destinations' names.
func checkNames(t *testing.T, rf *readFile, d *layout.Document, title, id string) {
	t.Helper()
	utf16Text := func(v any) string {
		s, _ := v.(pdfString)
		if len(s) > 0 && !bytes.HasPrefix(s, []byte{0xFE, 0xFF}) {
			// PDFDocEncoding: the writer uses it for printable ASCII only.
			if bytes.ContainsFunc(s, func(r rune) bool { return r < ' ' || r > '~' }) {
				t.Fatalf("text string %q neither ASCII nor with a byte-order mark", s)
			}
			return string(s)
		}
		if len(s) < 2 || len(s)%2 != 0 {
			t.Fatalf("text string %q without a byte-order mark", s)
		}
		u := make([]uint16, len(s)/2-1)
		for i := range u {
			u[i] = uint16(s[2+2*i])<<8 | uint16(s[3+2*i])
		}
		return string(utf16.Decode(u))
	}
	// Bytes that are not UTF-8 are written as U+FFFD, as Go reads them.
	want := string([]rune(title))
	if info := rf.dict(rf.trailer["Info"]); title != "" && utf16Text(info["Title"]) != want {
		t.Errorf("/Title %q, want %q", utf16Text(info["Title"]), want)
	}
	if outlines := rf.dict(rf.dict(rf.trailer["Root"])["Outlines"]); outlines != nil {
		if first := rf.dict(outlines["First"]); utf16Text(first["Title"]) != want {
			t.Errorf("outline title %q, want %q", utf16Text(first["Title"]), want)
		}
	}
	var names []string
	if n := rf.dict(rf.dict(rf.trailer["Root"])["Names"]); n != nil {
		a, _ := rf.dict(n["Dests"])["Names"].([]any)
		for i := 0; i < len(a); i += 2 {
			names = append(names, string(a[i].(pdfString)))
		}
	}
	_, marked := d.Map.Get(id)
	if marked && !slices.Equal(names, []string{id}) || !marked && names != nil {
		t.Errorf("destinations %q; the anchor is %q", names, id)
	}
	for _, o := range rf.objects {
		if a, ok := o.(pdfDict); ok && a["Subtype"] == pdfName("Link") && a["Dest"] != nil {
			if got := string(a["Dest"].(pdfString)); got != id {
				t.Errorf("a link to %q, want %q", got, id)
			}
		}
	}
}
