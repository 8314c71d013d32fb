package pdf

import (
	"bytes"
	"fmt"
	"testing"

	"bindery/book/layout"
)

// A Write with the streams of the Write before compresses only what changed: nothing when
// nothing did, and after an edit on one page that page's contents and the object streams and
// cross-reference stream whose bytes moved, not the rest. Every Write gives a cold Write's
// bytes.
func TestStreamsCompressOnlyWhatChanged(t *testing.T) {
	f := charis(t)
	book := func(word string) *layout.Document {
		d := newDocument(40, 2)
		for i, p := range d.Pages {
			for k := range 6 {
				p.Runs = append(p.Runs, text(layout.Roman, 10, 50, 100+float64(k)*14, fmt.Sprintf("Page %d, line %d of the text", i, k)))
			}
			mark(d, i, fmt.Sprintf("p%d", i), 50, 100)
		}
		d.Pages[30].Runs[2].Text = "a " + word + " on page thirty"
		return d
	}
	streams := NewStreams()
	warm := func(d *layout.Document) []byte {
		t.Helper()
		info := testInfo
		info.Streams = streams
		var b bytes.Buffer
		if err := Write(&b, d, info, f); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := warm(book("word"))
	// Every stream of the file went through the kept streams: the pages' contents, the font
	// files and their maps, the object streams and the cross-reference stream.
	objStms := bytes.Count(first, []byte("/Type/ObjStm"))
	if objStms == 0 {
		t.Fatal("no object stream written")
	}
	if n := bytes.Count(first, []byte("/FlateDecode")); streams.Made() != n {
		t.Errorf("the first Write compressed %d streams through the kept ones; the file has %d (%d object streams)", streams.Made(), n, objStms)
	}
	if again := warm(book("word")); !bytes.Equal(again, first) || streams.Made() != 0 {
		t.Errorf("an unchanged Write compressed %d streams (same bytes: %v); want 0", streams.Made(), bytes.Equal(again, first))
	}
	// The same letters in another order: the font subsets stay as they were.
	edited := warm(book("drow"))
	if streams.Made() == 0 || streams.Made() > 3 {
		t.Errorf("after an edit on one page %d streams were compressed; want that page's, the object stream it changed and the cross-reference stream", streams.Made())
	}
	if cold := write(t, book("drow"), testInfo, f); !bytes.Equal(edited, cold) {
		t.Errorf("a Write with kept streams differs from a cold Write")
	}
}
