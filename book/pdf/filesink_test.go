package pdf

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"bindery/book/doc"
	"bindery/book/layout"
)

// onCores runs f with GOMAXPROCS n.
func onCores(n int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
	f()
}

// Objects packed in groups on every core (packInOrder) make the file the objects given one
// by one make, with the streams closed at each group's end: the same streams, numbers and
// bytes, big objects alone, on one core or four.
func TestPackInOrderIsObjectsOneByOne(t *testing.T) {
	const groups, perGroup = 9, 37
	body := func(num int) []byte {
		n := 20 + num*7%90
		if num%29 == 0 {
			n = bigObject + num // alone in its stream
		}
		return []byte(fmt.Sprintf("<< /N %d /Pad (%s) >>", num, strings.Repeat("x", n)))
	}
	write := func(packed bool) []byte {
		var b bytes.Buffer
		f := newFile(&b, nil)
		f.object(f.alloc(), "<< /Before true >>") // waits in the batch, its stream first
		first := f.allocN(groups * perGroup)
		if packed {
			f.packInOrder(groups, func(g int, p *packer) {
				for i := range perGroup {
					num := first + g*perGroup + i
					p.add(num, body(num))
				}
			})
		} else {
			f.flushObjects()
			for g := range groups {
				for i := range perGroup {
					num := first + g*perGroup + i
					f.objectBytes(num, body(num))
				}
				f.flushObjects()
			}
		}
		f.object(f.alloc(), "<< /After true >>")
		if err := f.finish(1, 1); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want := write(false)
	for _, cores := range []int{1, 4} {
		onCores(cores, func() {
			if got := write(true); !bytes.Equal(got, want) {
				t.Errorf("on %d cores: packed in groups, %d bytes; one by one, %d", cores, len(got), len(want))
			}
		})
	}
}

// A stream whose bytes are made later (streamLater: the fonts' subsets and maps) does not
// hold up the file's goroutine while they are made, and the file is the one the streams
// given made make: in the order given, though the first is made after the second.
func TestStreamLaterKeepsTheFilesOrder(t *testing.T) {
	data := func(i int) []byte { return []byte(strings.Repeat(fmt.Sprint(i), 100+i)) }
	write := func(later bool) []byte {
		var b bytes.Buffer
		f := newFile(&b, nil)
		first := f.allocN(3)
		second := make(chan struct{})
		for i := range 3 {
			dict := "/Length1 " + fmt.Sprint(len(data(i)))
			switch {
			case !later:
				f.stream(first+i, dict, data(i))
			case i == 0: // made once the second is: streamLater must not wait for it
				f.streamLater(first, dict, func() []byte { <-second; return data(0) })
			case i == 1:
				f.streamLater(first+1, dict, func() []byte { close(second); return data(1) })
			default:
				f.streamLater(first+i, dict, func() []byte { return data(i) })
			}
		}
		if err := f.finish(1, 1); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want := write(false)
	// Two cores at least: on one, the file makes one stream at a time (its busy tokens).
	for _, cores := range []int{2, 4} {
		onCores(cores, func() {
			if got := write(true); !bytes.Equal(got, want) {
				t.Errorf("on %d cores: streams made later, %d bytes; given made, %d", cores, len(got), len(want))
			}
		})
	}
}

// A book of many chapters, elements, pages and anchors (structure-tree groups with a Sect
// too big to share its stream, parent-tree leaves, name-tree leaves) is the same file on
// one core and on four.
func TestSameFileOnOneCoreAndFour(t *testing.T) {
	d := manyChapters(t)
	var files [2][]byte
	for i, cores := range []int{1, 4} {
		onCores(cores, func() { files[i] = write(t, d, testInfo, charis(t)) })
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatalf("one core: %d bytes; four: %d", len(files[0]), len(files[1]))
	}
	if len(d.Pages) < 2*parentLeafPages {
		t.Errorf("%d pages: too few for the parent tree's leaves", len(d.Pages))
	}
	// The tree's groups, its Sect alone, the parent tree's leaves: streams enough to overtake
	// one another.
	if d.Map.Len() < 2*256 {
		t.Errorf("%d anchors: too few for the name tree’s leaves", d.Map.Len())
	}
	if n := bytes.Count(files[1], []byte("/Type/ObjStm")); n < 10 {
		t.Errorf("%d object streams: too few to test their order", n)
	}
}

// The table of the objects' places is made once for the pages, links, names, outline and
// tree (objectsAhead), not grown again while they are written, nor much larger than they
// need.
func TestObjectTableMadeOnce(t *testing.T) {
	d := manyChapters(t)
	var regrown, before, ahead int
	arrange := func(r *rendering, pages int) (string, error) {
		before, ahead = len(r.f.offsets), r.objectsAhead()
		cat, err := r.book(pages)
		regrown = r.f.regrown
		return cat, err
	}
	lastObjects.Store(0) // the table begins small, as in a process's first file
	var b bytes.Buffer
	if err := render(&b, d, testInfo, charis(t), arrange, true); err != nil {
		t.Fatal(err)
	}
	objects := int(lastObjects.Load()) - before
	if regrown > 0 {
		t.Errorf("the table was grown %d times while the book was written: %d places foreseen for %d objects", regrown, ahead, objects)
	}
	if ahead > objects+objects/8 {
		t.Errorf("%d places foreseen for %d objects", ahead, objects)
	}
}

// manyChapters is a book of many chapters, elements, pages and anchors: structure-tree
// groups with a Sect too big to share its stream, parent-tree leaves, name-tree leaves.
func manyChapters(t *testing.T) *layout.Document {
	s := a5Settings(t)
	b := &doc.Book{Meta: &doc.Metadata{Title: "Many", Author: "A. Author", Identifier: "x", Language: "en-GB"}, Anchors: doc.NewAnchors()}
	for c := range 6 {
		id := fmt.Sprintf("c%d", c)
		blocks := []doc.Block{heading(1, id, "Chapter "+id)}
		n := 60
		if c == 2 {
			n = 1100 // its Sect's kids: over bigObject
		}
		for k := range n {
			if c == 2 && k%2 == 0 { // anchors for more than one leaf of names
				blocks = append(blocks, heading(2, fmt.Sprintf("%s-%d", id, k), fmt.Sprintf("Section %d", k)))
			}
			blocks = append(blocks, para(tx(fmt.Sprintf("Paragraph %d of %s, ", k, id)), &doc.Link{URL: "#c0", Children: []doc.Inline{tx("back")}}, tx(".")))
		}
		b.Chapters = append(b.Chapters, &doc.Chapter{ID: id, Title: []doc.Inline{tx("Chapter " + id)}, Blocks: blocks})
	}
	d, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// givenPages gives a document's pages one by one, then the document, as a streamed pass.
type givenPages struct {
	d *layout.Document
	i int
}

func (g *givenPages) Next() *layout.Page {
	if g.i == len(g.d.Pages) {
		return nil
	}
	g.i++
	return g.d.Pages[g.i-1]
}

func (g *givenPages) Document() *layout.Document { return g.d }

// Streamed pages whose anchors are not the ones foreseen void the file (the destinations
// are sorted while the pages are written, and checked before the names), and the file's
// goroutines end; foreseen right, the file is Write's.
func TestStreamedPagesWithOtherAnchorsAreVoid(t *testing.T) {
	doc := func() *layout.Document {
		d := newDocument(3, 1)
		for i, p := range d.Pages {
			p.Runs = []layout.Run{text(layout.Roman, 10, 50, 100, fmt.Sprintf("Page %d.", i+1))}
		}
		mark(d, 1, "a", 50, 100)
		mark(d, 2, "b", 50, 200)
		return d
	}
	want := write(t, doc(), testInfo, charis(t))
	for _, tc := range []struct {
		foreseen []string
		void     bool
	}{{[]string{"a", "b"}, false}, {[]string{"a"}, true}, {[]string{"a", "b", "c"}, true}, {[]string{"a", "c"}, true}} {
		before := runtime.NumGoroutine()
		d := doc()
		var b bytes.Buffer
		err := WritePages(&b, d, tc.foreseen, &givenPages{d: d}, testInfo, charis(t))
		if tc.void != (err == ErrVoid) || (!tc.void && err != nil) {
			t.Errorf("foreseen %v: error %v, want void %v", tc.foreseen, err, tc.void)
		}
		if !tc.void && !bytes.Equal(b.Bytes(), want) {
			t.Errorf("foreseen %v: not Write's file", tc.foreseen)
		}
		for range 1000 { // those ending after their last send
			if runtime.NumGoroutine() <= before {
				break
			}
			time.Sleep(time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			t.Errorf("foreseen %v: %d goroutines left running", tc.foreseen, n-before)
		}
	}
}
