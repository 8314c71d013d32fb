package layout_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

// Page starts are the EPUB's page markers: every page with text has one, in the block and at
// the word its first line begins with, wherever that is.

// firstLine is the first body line of a page, or its first note line if it has no body.
func firstLine(p *layout.Page) (layout.LineMetrics, bool) {
	for _, l := range p.Lines {
		if l.Kind != "footnote" && strings.TrimSpace(l.Text) != "" && !l.Repeated {
			return l, true
		}
	}
	for _, l := range p.Lines {
		if strings.TrimSpace(l.Text) != "" {
			return l, true
		}
	}
	return layout.LineMetrics{}, false
}

// TestPageStartsInTables: a page that begins in a table begins at a row, in its first cell.
func TestPageStartsInTables(t *testing.T) {
	table := &doc.Table{At: at(), Header: []*doc.TableCell{{Inlines: []doc.Inline{txt("Row")}}, {Inlines: []doc.Inline{txt("Value")}}}}
	for i := range 120 {
		table.Rows = append(table.Rows, []*doc.TableCell{
			{At: at(), Inlines: []doc.Inline{txt(fmt.Sprintf("Row %d", i+1))}},
			{At: at(), Inlines: []doc.Inline{txt(fmt.Sprintf("value %d", i+1))}}})
	}
	d := typeset(t, modelBook(chapterOf("t", "A long table", para(txt(lorem)), table)), settings(t))
	cells := map[doc.Block]string{}
	for _, r := range table.Rows {
		cells[r[0]] = doc.PlainText(r[0].Inlines)
	}
	inTable := 0
	for _, p := range d.Pages[d.BodyStart+1:] {
		first, ok := firstLine(p)
		if !ok {
			continue
		}
		if p.Start == nil {
			t.Fatalf("page %s (%q) has no start", p.Label, first.Text)
		}
		cell, ok := cells[p.Start.Block]
		if !ok || p.Start.Word != 0 || !strings.HasPrefix(first.Text, cell) {
			t.Errorf("page %s begins with %q; its start is %T word %d (%q)", p.Label, first.Text, p.Start.Block, p.Start.Word, cell)
		}
		inTable++
	}
	// The header is repeated at the top of every page the table continues onto.
	for _, p := range d.Pages[d.BodyStart+1:] {
		if first, ok := firstLine(p); ok && strings.HasPrefix(first.Text, "Row ") && (len(p.Lines) == 0 || p.Lines[0].Text != "Row Value" || !p.Lines[0].Repeated) {
			t.Errorf("page %s continues the table without its header: %q", p.Label, p.Lines[0].Text)
		}
	}
	if inTable < 2 {
		t.Errorf("%d pages begin in the table", inTable)
	}
}

// TestPageStartsInCode: a page that begins in a code block is located by the words of the
// code before it, lines and all (as the EPUB counts the text of <pre>).
func TestPageStartsInCode(t *testing.T) {
	var src []string
	for i := range 150 {
		src = append(src, fmt.Sprintf("line %d of code", i+1))
		if i%10 == 9 {
			src = append(src, "") // blank lines count no word
		}
	}
	code := &doc.CodeBlock{At: at(), Text: strings.Join(src, "\n")}
	d := typeset(t, modelBook(chapterOf("c", "Code", para(txt(lorem)), code)), settings(t))
	inCode := 0
	for _, p := range d.Pages[d.BodyStart+1:] {
		first, ok := firstLine(p)
		if !ok {
			continue
		}
		if p.Start == nil || p.Start.Block != code {
			t.Fatalf("page %s (%q): start %+v", p.Label, first.Text, p.Start)
		}
		n, err := strconv.Atoi(strings.Fields(first.Text)[1])
		if err != nil {
			t.Fatalf("page %s begins with %q", p.Label, first.Text)
		}
		if want := 4 * (n - 1); p.Start.Word != want {
			t.Errorf("page %s begins with %q: word %d, want %d", p.Label, first.Text, p.Start.Word, want)
		}
		inCode++
	}
	if inCode < 2 {
		t.Errorf("%d pages begin in the code", inCode)
	}
}

// TestPageOfNotesAlone: a page that holds only notes carried from the page before begins in
// the note, in one of the note's own blocks (the EPUB writes those, not the layout's copy of
// the first paragraph with the number).
func TestPageOfNotesAlone(t *testing.T) {
	list := items(70, "Item of the note")
	first := para(txt("A note that lists many things:"))
	f := &doc.Footnote{ID: "c-n1", Label: "n1", Number: 1, Blocks: []doc.Block{first, list}, Refs: 1}
	var body []doc.Block
	for range 12 {
		body = append(body, para(txt(lorem)))
	}
	body = append(body, para(txt("The text calls the note here."), &doc.FootnoteRef{At: at(), Note: f, N: 1}))
	ch := chapterOf("c", "Notes", body...)
	ch.Footnotes = []*doc.Footnote{f}
	d := typeset(t, modelBook(ch), settings(t))
	own := map[doc.Block]bool{first: true}
	doc.Walk(f.Blocks, func(b doc.Block) bool { own[b] = true; return true })
	alone := 0
	for _, p := range d.Pages[d.BodyStart:] {
		body := false
		for _, l := range p.Lines {
			body = body || l.Kind != "footnote"
		}
		if body || len(p.Lines) == 0 {
			continue
		}
		alone++
		if p.Start == nil || !own[p.Start.Block] {
			t.Errorf("page %s of notes alone: start %+v", p.Label, p.Start)
		}
	}
	if alone == 0 {
		t.Fatal("no page of notes alone")
	}
}

// TestPageStartsInsideWords: a page whose first line continues a word hyphenated at the foot
// of the page before says so (marks at the word's start are on the page before).
func TestPageStartsInsideWords(t *testing.T) {
	var blocks []doc.Block
	for range 60 {
		blocks = append(blocks, para(txt(lorem+lorem)))
	}
	s := settings(t)
	d := typeset(t, modelBook(chapterOf("w", "Words", blocks...)), s)
	inWord := 0
	for i, p := range d.Pages[d.BodyStart+1:] {
		prev := d.Pages[d.BodyStart+i]
		var last string
		for _, l := range prev.Lines {
			if l.Kind != "footnote" {
				last = l.Text
			}
		}
		if p.Start == nil {
			continue
		}
		hyphenated := strings.HasSuffix(last, "-")
		if p.Start.InWord != hyphenated {
			t.Errorf("page %s: the page before ends with %q, InWord %v", p.Label, last, p.Start.InWord)
		}
		if p.Start.InWord {
			inWord++
		}
	}
	t.Logf("%d pages begin inside a word", inWord)
}
