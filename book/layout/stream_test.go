package layout_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"bindery/book/layout"
	"bindery/book/pipeline"
)

// TestStreamedPassDrawsWhatAWholePassDraws: a streamed pass (its pages cut and drawn a
// chapter at a time) gives the pages, map, outline and warnings a pass that sets every
// chapter before it cuts a page gives, on the default book and every test book; and the
// streamed way is taken, and not thrown away, where a book needs more than one pass.
func TestStreamedPassDrawsWhatAWholePassDraws(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/books/*")
	dirs = append(dirs, "../../manuscript")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, s := bookToSet(t, dir)
			before, voided := layout.Streamed.Load(), layout.Voided.Load()
			streamed, err := layout.Typeset(b.Book, s)
			if err != nil {
				t.Fatal(err)
			}
			ran := layout.Streamed.Load() - before
			*layout.StreamPasses = false
			whole, err := layout.Typeset(b.Book, s)
			*layout.StreamPasses = true
			if err != nil {
				t.Fatal(err)
			}
			if n := layout.Voided.Load() - voided; n != 0 {
				t.Errorf("%d streamed passes were not the last", n)
			}
			if whole.Passes >= 2 && ran == 0 {
				t.Errorf("%d passes and none streamed", whole.Passes)
			}
			t.Logf("%d pages, %d passes, %d streamed", len(whole.Pages), whole.Passes, ran)
			samePages(t, streamed, whole)
		})
	}
}

func samePages(t *testing.T, a, b *layout.Document) {
	t.Helper()
	if len(a.Pages) != len(b.Pages) || a.BodyStart != b.BodyStart || a.Passes != b.Passes {
		t.Fatalf("streamed: %d pages from %d, %d passes; whole: %d from %d, %d", len(a.Pages), a.BodyStart, a.Passes, len(b.Pages), b.BodyStart, b.Passes)
	}
	for i, p := range a.Pages {
		q := b.Pages[i]
		for _, f := range []struct {
			name string
			x, y any
		}{
			{"kind", p.Kind, q.Kind}, {"number", p.Number, q.Number}, {"label", p.Label, q.Label},
			{"recto", p.Recto, q.Recto}, {"index", p.Index, q.Index}, {"chapter", p.Chapter, q.Chapter},
			{"runs", p.Runs, q.Runs}, {"rules", p.Rules, q.Rules}, {"pictures", p.Pictures, q.Pictures},
			{"links", p.Links, q.Links}, {"marks", p.Marks, q.Marks}, {"start", p.Start, q.Start},
			{"blocks", p.Blocks, q.Blocks}, {"lines", p.Lines, q.Lines},
		} {
			if !reflect.DeepEqual(f.x, f.y) {
				t.Fatalf("page %d (%s): the %s differ", i, p.Label, f.name)
			}
		}
	}
	if !reflect.DeepEqual(layout.AnchorMap(a), layout.AnchorMap(b)) || !reflect.DeepEqual(a.Outline, b.Outline) || !reflect.DeepEqual(a.Warnings, b.Warnings) {
		t.Errorf("the map, outline or warnings differ")
	}
}

// TestVoidedStreamedPass: a streamed pass that turns out not to be the last (here made to
// count as not settled) leaves the next pass to set its chapters afresh, with the same
// pages in the end.
func TestVoidedStreamedPass(t *testing.T) {
	b, s := bookToSet(t, "../../manuscript")
	whole, err := layout.Typeset(b.Book, s)
	if err != nil {
		t.Fatal(err)
	}
	before := layout.Voided.Load()
	layout.VoidStreamed.Store(1)
	again, err := layout.Typeset(b.Book, s)
	layout.VoidStreamed.Store(0)
	if err != nil {
		t.Fatal(err)
	}
	if n := layout.Voided.Load() - before; n != 1 {
		t.Fatalf("%d streamed passes voided, want 1", n)
	}
	again.Passes-- // the voided one
	samePages(t, again, whole)
}

// pageRecord is a PageSink that keeps what it is given.
type pageRecord struct {
	begun, ended, void int
	pages              []*layout.Page
	anchors            []string
	last               *layout.Document
}

func (r *pageRecord) Begin(d *layout.Document, anchors []string) {
	r.begun++
	r.pages, r.anchors = nil, anchors
}
func (r *pageRecord) Page(p *layout.Page) { r.pages = append(r.pages, p) }
func (r *pageRecord) End(d *layout.Document, last bool) {
	r.ended++
	if last {
		r.last = d
	} else {
		r.void++
	}
}

// TestPageSinkTakesEveryPageInOrder: a sink is given each page of the streamed pass once,
// in order, front matter first, and the pass's anchors are those the map places.
func TestPageSinkTakesEveryPageInOrder(t *testing.T) {
	b, s := bookToSet(t, "../../manuscript")
	s.Metrics = false
	for _, void := range []int64{0, 1} {
		rec := &pageRecord{}
		s.Sink = rec
		layout.VoidStreamed.Store(void)
		d, err := layout.Typeset(b.Book, s)
		layout.VoidStreamed.Store(0)
		if err != nil {
			t.Fatal(err)
		}
		if rec.begun != 1+int(void) || rec.ended != rec.begun || rec.void != int(void) || rec.last != d {
			t.Fatalf("begun %d, ended %d (%d void), last %v", rec.begun, rec.ended, rec.void, rec.last == d)
		}
		if len(rec.pages) != len(d.Pages) {
			t.Fatalf("%d pages given, %d in the document", len(rec.pages), len(d.Pages))
		}
		for i, p := range rec.pages {
			if p != d.Pages[i] || p.Index != i {
				t.Fatalf("page %d given as the %d-th", p.Index, i)
			}
		}
		if len(rec.anchors) != d.Map.Len() {
			t.Errorf("%d anchors foreseen, %d placed", len(rec.anchors), d.Map.Len())
		}
		for _, id := range rec.anchors {
			if _, ok := d.Map.Get(id); !ok {
				t.Errorf("anchor %s foreseen, not placed", id)
				break
			}
		}
	}
}

// bookToSet reads the book in dir and the settings its print edition is set with, the line
// metrics kept for comparing.
func bookToSet(t *testing.T, dir string) (*pipeline.Book, layout.Settings) {
	t.Helper()
	b, list, err := pipeline.Load(dir)
	if err != nil {
		t.Fatalf("%v %v", err, list)
	}
	s, _, err := pipeline.PrintSettings(b)
	if err != nil {
		t.Fatal(err)
	}
	s.Metrics = true
	return b, s
}
