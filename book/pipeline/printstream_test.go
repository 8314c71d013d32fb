package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"

	"bindery/book/layout"
)

// TestStreamedPrintEditionIsTheWholeOne: the print edition written as the last layout pass
// draws it is byte for byte the one written from the whole document, and so is the EPUB,
// on the default book and every test book.
func TestStreamedPrintEditionIsTheWholeOne(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/books/*")
	dirs = append(dirs, "../../manuscript")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tmp := t.TempDir()
			begun, made := streamsBegun.Load(), layoutsMade.Load()
			streamed, passes := buildInto(t, dir, filepath.Join(tmp, "streamed"), nil)
			if passes >= 2 && streamsBegun.Load() == begun {
				t.Errorf("%d passes, and the print edition was not streamed", passes)
			}
			// A book streaming no pass (its first whole pass the last) was laid out twice
			// once: the stream's empty result was taken for a void one.
			if n := layoutsMade.Load() - made; n != 1 {
				t.Errorf("%d passes, laid out %d times", passes, n)
			}
			streamPrint = false
			whole, _ := buildInto(t, dir, filepath.Join(tmp, "whole"), nil)
			streamPrint = true
			if len(streamed) != len(whole) {
				t.Fatalf("%d files streamed, %d whole", len(streamed), len(whole))
			}
			for name, data := range whole {
				if !bytes.Equal(streamed[name], data) {
					t.Errorf("%s: %d bytes streamed, %d whole", name, len(streamed[name]), len(data))
				}
			}
		})
	}
}

// TestVoidStreamThrowsItsFileAway: a stream whose pass was not the last, or whose writer
// found it void, leaves no file, and says so.
func TestVoidStreamThrowsItsFileAway(t *testing.T) {
	b, list, err := Load("../../testdata/books/features")
	if err != nil {
		t.Fatalf("%v %v", err, list)
	}
	out := filepath.Join(t.TempDir(), "book.pdf")
	s, err := newPDFStream(out, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := Layout(b)
	if err != nil {
		t.Fatal(err)
	}
	// A pass that was not the last, then one whose anchors were foreseen wrong.
	s.Begin(&layout.Document{Settings: d.Settings}, nil)
	s.Page(d.Pages[0])
	s.End(nil, false)
	if s.run != nil {
		t.Fatal("the void pass's run is kept")
	}
	s.Begin(&layout.Document{Settings: d.Settings}, []string{"no-such-anchor"})
	for _, p := range d.Pages {
		s.Page(p)
	}
	s.End(d, true)
	if f, err := s.result(); f != nil || err != errVoidStream {
		t.Fatalf("file %v, error %v; want none, and the stream void", f, err)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "*")); len(m) != 0 {
		t.Errorf("left behind: %v", m)
	}
}

// TestVoidStreamIsWrittenWhole: a build whose streamed print edition is found void lays the
// book out again and writes both formats from it, the bytes of a build that streamed.
func TestVoidStreamIsWrittenWhole(t *testing.T) {
	tmp := t.TempDir()
	streamed, _ := buildInto(t, "../../manuscript", filepath.Join(tmp, "streamed"), nil)
	made := layoutsMade.Load()
	voidStreams.Store(true)
	again, _ := buildInto(t, "../../manuscript", filepath.Join(tmp, "again"), nil)
	voidStreams.Store(false)
	if n := layoutsMade.Load() - made; n != 2 {
		t.Errorf("laid out %d times, want 2 (the stream void, then whole)", n)
	}
	if len(again) != len(streamed) {
		t.Fatalf("%d files, want %d", len(again), len(streamed))
	}
	for name, data := range streamed {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s: %d bytes, want %d", name, len(again[name]), len(data))
		}
	}
}

// TestEPUBNeedNotWaitForThePDFsDisk: an EPUB that waits for the streamed PDF (no room
// beside it) begins once the PDF's bytes are written, not once the disk holds them; the
// files are those of a build that does not stream, on one core and on four. The PDF's sync
// here waits for the EPUB's, with no clock: a build whose EPUB waited for that sync would
// never end, and go test's -timeout would stop it with every goroutine's stack.
func TestEPUBNeedNotWaitForThePDFsDisk(t *testing.T) {
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1)) // no room beside: the EPUB waits
	epubSynced := make(chan struct{}, 1)
	var waited atomic.Bool // a PDF's sync saw the EPUB synced before it ended
	syncFile = func(f *os.File) error {
		switch {
		case strings.Contains(f.Name(), ".epub"):
			epubSynced <- struct{}{}
		case strings.Contains(f.Name(), ".pdf"):
			<-epubSynced
			waited.Store(true)
		}
		return nil
	}
	dir := "../../manuscript" // its last pass is streamed
	var builds []map[string][]byte
	for _, cores := range []int{1, 4} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
			waited.Store(false)
			begun := streamsBegun.Load()
			files, _ := buildInto(t, dir, filepath.Join(t.TempDir(), "out"), nil)
			if streamsBegun.Load() == begun {
				t.Fatal("the print edition was not streamed")
			}
			if !waited.Load() {
				t.Errorf("on %d cores: the EPUB was written only once the PDF was synced", cores)
			}
			builds = append(builds, files)
		}()
	}
	streamPrint = false
	whole, _ := buildInto(t, dir, filepath.Join(t.TempDir(), "whole"), nil)
	streamPrint = true
	for i, files := range builds {
		for name, data := range whole {
			if !bytes.Equal(files[name], data) {
				t.Errorf("%s on %d cores: %d bytes; not streamed, %d", name, []int{1, 4}[i], len(files[name]), len(data))
			}
		}
	}
}
