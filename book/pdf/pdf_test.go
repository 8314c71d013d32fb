package pdf

import (
	"strings"
	"testing"

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
	for _, n := range []int{0, 100, 5000} {
		if err := Write(&failingWriter{n}, d, testInfo, charis(t)); err != errTest {
			t.Errorf("a writer failing after %d bytes: %v", n, err)
		}
	}
}
