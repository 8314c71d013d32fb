package layout

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/hyphen"
)

// setterTypesetter is a typesetter that sets paragraphs alone, in the book's face at A5.
func setterTypesetter(t *testing.T) *typesetter {
	t.Helper()
	fam, err := font.LoadFamily("../../fonts", "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	hy, err := hyphen.New("en-GB")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSettings(27494318, 39012270, fam, hy)
	if err != nil {
		t.Fatal(err)
	}
	return &typesetter{s: &s, hyphens: &hyphenCache{}, notes: map[*doc.Footnote][]vitem{}, labels: newLabelSet(newLabelIndex())}
}

// paragraphOf is a paragraph of n words, some long enough to be hyphenated, starting with
// word.
func paragraphOf(word string, n int) []doc.Inline {
	words := []string{word}
	for i := 1; i < n; i++ {
		words = append(words, []string{"typography", "is", "the", "craft", "of", "arranging", "characteristically", "legible", "type,"}[i%9])
	}
	return []doc.Inline{&doc.Text{Text: strings.Join(words, " ")}}
}

// linesText is the text of set lines, run by run, to compare after later paragraphs are set.
func linesText(lines []*lineBox) string {
	var b strings.Builder
	for _, lb := range lines {
		for _, r := range lb.runList() {
			fmt.Fprintf(&b, "%s@%d/%d ", r.Text, r.X, r.Width)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// A paragraph is set in the working storage of the setter the one before it used, once it
// is large enough: its items, fragments, runs and a word's break points are not allocated
// again. What a paragraph's lines hold is its own: setting others after it, in the same
// storage, changes none of it.
func TestParagraphSettersAreReused(t *testing.T) {
	ts := setterTypesetter(t)
	spec := ts.body()
	first := ts.setParagraphOnce(paragraphOf("First", 120), spec)
	want := linesText(first)
	if len(first) < 5 {
		t.Fatalf("%d lines: the paragraph should fill several", len(first))
	}
	if len(ts.setters.free) != 1 {
		t.Fatalf("%d setters kept, want 1", len(ts.setters.free))
	}
	p := ts.setters.free[0]
	items, frags, runs, breaks := &p.items[:1][0], &p.frags[:1][0], &p.runs[:1][0], &p.breaks[:1][0]
	lineBreaks := &p.lineScratch[:1][0]
	for i := range 3 {
		lines := ts.setParagraphOnce(paragraphOf(fmt.Sprintf("Second%d", i), 100), spec)
		if len(lines) == 0 {
			t.Fatal("no lines")
		}
		if len(ts.setters.free) != 1 || ts.setters.free[0] != p {
			t.Fatal("the paragraph was not set by the setter the one before used")
		}
		if &p.items[:1][0] != items || &p.frags[:1][0] != frags || &p.runs[:1][0] != runs || &p.breaks[:1][0] != breaks {
			t.Errorf("paragraph %d: the setter's storage was allocated again for a shorter paragraph", i)
		}
		if &p.lineScratch[:1][0] != lineBreaks {
			t.Errorf("paragraph %d: its breaks were not broken into the storage of the one before's", i)
		}
	}
	if got := linesText(first); got != want {
		t.Errorf("the first paragraph's lines changed when others were set after it:\n%s\nwant\n%s", got, want)
	}
}

// Every line of a long book is kept until its page is drawn (and copied where a line is
// changed, own): the full LineMetrics only with Settings.Metrics, what few lines have
// (rules, pictures, notes) behind a pointer.
func TestLineBoxStaysSmall(t *testing.T) {
	// Its runs can be packed (packedruns.go, 16 bytes), its kinds are a byte each (32 less).
	if n := unsafe.Sizeof(lineBox{}); n > 192 {
		t.Errorf("a lineBox takes %d bytes; want at most 192 (the 100-fold book holds about 200,000)", n)
	}
	// And the vertical list's items, and a page plan's placements, one for each line too.
	// A table's repeated header behind a pointer (head): 16 bytes less an item.
	if n := unsafe.Sizeof(vitem{}); n > 56 {
		t.Errorf("a vitem takes %d bytes; want at most 56", n)
	}
	if n := unsafe.Sizeof(placed{}); n > 40 {
		t.Errorf("a placed takes %d bytes; want at most 40", n)
	}
}
