package pdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"bindery/book/font"
	"bindery/book/layout"
)

// failingWriter fails after n bytes, as a full disk does.
type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		return w.n, errTest
	}
	w.n -= len(b)
	return len(b), nil
}

func TestWriteErrors(t *testing.T) {
	d := newDocument(2, 1)
	d.Pages[0].Runs = []layout.Run{text(layout.Roman, 10, 40, 80, "Some text")}
	if err := Write(&failingWriter{}, d, testInfo, Fonts{}); err == nil || !strings.Contains(err.Error(), "no fonts") {
		t.Errorf("without fonts: %v", err)
	}
	var whole bytes.Buffer
	if err := Write(&whole, d, testInfo, charis(t)); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 100, whole.Len() / 2, whole.Len() - 1} {
		if err := Write(&failingWriter{n}, d, testInfo, charis(t)); err != errTest {
			t.Errorf("a writer failing after %d bytes: %v", n, err)
		}
	}
}

func TestCorruptGlyphIsAnErrorNamingTheFont(t *testing.T) {
	f := charis(t)
	data := slices.Clone(fontBytes(t, f, 0))
	// Point the end of a's record past the glyf table.
	g := int(f.Family.Regular.Glyph('a'))
	loca := tables(t, data)["loca"]
	if binary.BigEndian.Uint16(table(t, data, "head")[50:]) == 1 {
		binary.BigEndian.PutUint32(data[int(loca[0])+4*(g+1):], 0x7FFFFFF0)
	} else {
		binary.BigEndian.PutUint16(data[int(loca[0])+2*(g+1):], 0xFFF0)
	}
	broken, err := font.Parse("broken.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	fam := *f.Family
	fam.Regular = broken
	d := newDocument(1, 0)
	d.Pages[0].Runs = []layout.Run{text(layout.Roman, 10, 40, 80, "a")}
	err = Write(&failingWriter{1 << 30}, d, testInfo, Fonts{Family: &fam, Base: "CharisSIL"})
	if err == nil || !strings.Contains(err.Error(), "pdf: font CharisSIL: glyph") {
		t.Fatalf("got %v", err)
	}
}
