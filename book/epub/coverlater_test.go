package epub_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"bindery/book/epub"
)

// TestCoverLaterIsCover: a cover given once the chapters are written (CoverLater) makes the
// same EPUB as one given at the start, and its error is Write's.
func TestCoverLaterIsCover(t *testing.T) {
	b := loadBook(t, "../../testdata/books/features")
	opt := epub.Options{
		Modified:   time.Date(2020, 2, 29, 12, 0, 0, 0, time.UTC),
		Stylesheet: []byte("body { font-family: serif; }\n"),
		Generator:  "bindery test",
	}
	for _, typ := range []string{"image/png", "image/jpeg", ""} {
		data := []byte("\x89PNG fake cover")
		if typ == "" {
			data = nil
		}
		now, later := opt, opt
		now.Cover, now.CoverType = data, typ
		asked := 0
		later.CoverLater = func() ([]byte, string, error) { asked++; return data, typ, nil }
		var a, c bytes.Buffer
		if err := epub.Write(&a, b, now); err != nil {
			t.Fatal(err)
		}
		if err := epub.Write(&c, b, later); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), c.Bytes()) || asked != 1 {
			t.Errorf("%q: CoverLater (asked %d times) wrote another EPUB than Cover", typ, asked)
		}
	}
	failed := errors.New("no cover")
	opt.CoverLater = func() ([]byte, string, error) { return nil, "", failed }
	var buf bytes.Buffer
	if err := epub.Write(&buf, b, opt); !errors.Is(err, failed) {
		t.Errorf("Write with a failing CoverLater: %v, want its error", err)
	}
}
