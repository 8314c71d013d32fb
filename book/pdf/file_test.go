package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"bindery/book/layout"
)

func TestCrossReferenceTableLocatesEveryObject(t *testing.T) {
	d := newDocument(3, 1)
	for i, p := range d.Pages {
		p.Runs = []layout.Run{text(layout.Roman, 10, 50, 100, fmt.Sprintf("Page %d of the book.", i+1))}
	}
	data := write(t, d, testInfo, charis(t))
	q := readBack(t, data)
	rf, err := readStructure(data)
	if err != nil {
		t.Fatal(err)
	}
	xref, packed := qpdfXref(t, data)
	size := int(q.trailer(t)["/Size"].(float64))
	if len(xref)+len(packed) != size-1 || len(rf.objects) != size-1 {
		t.Fatalf("/Size %d; qpdf reads %d objects in the table, we read %d", size, len(xref)+len(packed), len(rf.objects))
	}
	for n, off := range xref {
		if head := strconv.Itoa(n) + " 0 obj\n"; !bytes.HasPrefix(data[off:], []byte(head)) {
			t.Errorf("object %d: the table says %d, where the file has %q", n, off, data[off:off+len(head)])
		}
	}
	// The small objects are packed in object streams; streams cannot be.
	for n, stm := range packed {
		if _, ok := rf.objects[n].(pdfStream); ok {
			t.Errorf("object %d, a stream, is packed in object stream %d", n, stm)
		}
		if rf.dict(pdfRef(stm))["Type"] != pdfName("ObjStm") {
			t.Errorf("object %d is packed in object %d, no object stream", n, stm)
		}
	}
	if len(packed) == 0 {
		t.Error("no object is packed in an object stream")
	}
	// The /ID is a hash of everything before the table: equal books, equal files.
	id := q.trailer(t)["/ID"].([]any)
	sum := md5.Sum(data[:rf.xref])
	if want := "b:" + hex.EncodeToString(sum[:]); len(id) != 2 || id[0] != want || id[1] != want {
		t.Errorf("/ID %v, want twice %s", id, want)
	}
}

func TestDocumentInformationAndCatalog(t *testing.T) {
	q := readBack(t, write(t, newDocument(1, 1), testInfo, charis(t)))
	info := q.dict(t, q.trailer(t)["/Info"])
	for key, want := range map[string]string{
		"/Title": testInfo.Title, "/Author": testInfo.Author, "/Subject": testInfo.Subject,
		"/Keywords": testInfo.Keywords, "/Creator": testInfo.Creator, "/Producer": "bindery",
		"/CreationDate": "D:20051201103000Z", "/ModDate": "D:20051201103000Z",
	} {
		if got := decodeString(t, info[key]); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	cat := q.catalog(t)
	if decodeString(t, cat["/Lang"]) != "en-GB" || cat["/Type"] != "/Catalog" {
		t.Errorf("catalog %v", cat)
	}
	if vp, _ := cat["/ViewerPreferences"].(map[string]any); vp["/DisplayDocTitle"] != true {
		t.Errorf("/ViewerPreferences %v: viewers should show the title, not the file name", vp)
	}

	// Without information, only the producer is said, and no language.
	q = readBack(t, write(t, newDocument(1, 1), Info{}, charis(t)))
	info = q.dict(t, q.trailer(t)["/Info"])
	if len(info) != 1 || decodeString(t, info["/Producer"]) != "bindery" {
		t.Errorf("empty information gives %v", info)
	}
	if _, ok := q.catalog(t)["/Lang"]; ok {
		t.Error("a /Lang without a language")
	}
}

func TestEqualBooksGiveEqualFiles(t *testing.T) {
	// Forty pages are compressed by several workers.
	d := newDocument(40, 4)
	for i, p := range d.Pages {
		p.Runs = []layout.Run{
			text(layout.Style(i%4), 10, 40, 80, fmt.Sprintf("Página %d — “quoted” ½ ﬁ", i)),
			text(layout.Roman, 9, 40, 500, "\u00a0no-break and a missing 中 character"),
		}
	}
	a := write(t, d, testInfo, charis(t))
	for range 3 {
		if b := write(t, d, testInfo, charis(t)); !bytes.Equal(a, b) {
			t.Fatal("two writes of one document differ")
		}
	}
}

func TestAppendNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		prec int
		want string
	}{
		{0, 2, "0"}, {-0.001, 2, "0"}, {1.5, 2, "1.5"}, {1.005, 3, "1.005"}, {2.10, 2, "2.1"},
		{419.527, 2, "419.53"}, {-12.25, 1, "-12.2"}, {100, 0, "100"}, {1e6, 3, "1000000"},
	} {
		if got := string(appendNum(nil, c.v, c.prec)); got != c.want {
			t.Errorf("appendNum(%v, %d) = %s, want %s", c.v, c.prec, got, c.want)
		}
	}
}

func TestAppendLiteralEscapes(t *testing.T) {
	got := string(appendLiteral(nil, "a(b)c\\d\n\xffé"))
	if want := `(a\(b\)c\\d\012\377\303\251)`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	// Our reader, which shares no code with the writer, reads the same bytes back.
	l := &lexer{b: []byte(got)}
	if back, err := l.literal(); err != nil || string(back) != "a(b)c\\d\n\xffé" {
		t.Fatalf("read back %q, %v", back, err)
	}
}

func TestPDFTextAndDate(t *testing.T) {
	if got := pdfText("Aé€😀"); got != "<FEFF004100E920ACD83DDE00>" {
		t.Errorf("pdfText: %s", got)
	}
	if got := pdfText(""); got != "()" {
		t.Errorf("pdfText of nothing: %s", got)
	}
	if got := pdfText(`Go to (a)\b`); got != `(Go to \(a\)\\b)` {
		t.Errorf("pdfText of ASCII: %s", got)
	}
	if got := pdfDate(testInfo.Date.In(fixedZone)); got != "(D:20051201103000Z)" {
		t.Errorf("pdfDate: %s", got)
	}
}

func TestUnwrittenObjectIsAnError(t *testing.T) {
	var b bytes.Buffer
	f := newFile(&b, nil)
	f.alloc()
	if err := f.finish(1, 1); err == nil {
		t.Fatal("a reserved object never written went unnoticed")
	}
}

// The cross-reference stream's rows are its entries, each row the difference from the
// one above after a byte 2 (PNG's Up predictor), as made entry by entry.
func TestXrefRowsAreUpPredictedEntries(t *testing.T) {
	for _, w := range []int{1, 3, 4} {
		f := &file{offsets: []int{0}, packed: []packedAt{{}}}
		for i := 1; i < 3000; i++ {
			f.offsets = append(f.offsets, (i*7919)%(1<<(8*w)))
			f.packed = append(f.packed, packedAt{})
			if i%3 != 0 {
				f.offsets[i], f.packed[i] = 0, packedAt{int32(1 + i/100), int32(i % 100)}
			}
		}
		var entries []byte
		for n := range f.offsets {
			typ, a, b := 1, f.offsets[n], 0
			switch {
			case n == 0:
				typ, a, b = 0, 0, 0xFFFF
			case f.packed[n].stream != 0:
				typ, a, b = 2, int(f.packed[n].stream), int(f.packed[n].index)
			}
			entries = append(entries, byte(typ))
			for k := w - 1; k >= 0; k-- {
				entries = append(entries, byte(a>>(8*k)))
			}
			entries = append(entries, byte(b>>8), byte(b))
		}
		var want []byte
		for i := 0; i < len(entries); i += 3 + w {
			want = append(want, 2)
			for k := i; k < i+3+w; k++ {
				up := byte(0)
				if k >= 3+w {
					up = entries[k-3-w]
				}
				want = append(want, entries[k]-up)
			}
		}
		got, err := f.xrefRows(w)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("w %d: rows differ from the entries' (%d and %d bytes)", w, len(got), len(want))
		}
	}
	f := &file{offsets: []int{0, 10, -1, 20}, packed: make([]packedAt, 4)}
	if _, err := f.xrefRows(1); err == nil || !strings.Contains(err.Error(), "object 2 ") {
		t.Errorf("an object reserved, never written: %v", err)
	}
}
