package layout_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
	"bindery/book/pdf"
)

// withNote returns a chapter whose text calls a note made of blocks, after filler paragraphs.
func withNote(filler int, blocks ...doc.Block) (*doc.Chapter, *doc.Footnote) {
	f := &doc.Footnote{ID: "c-n1", Label: "n1", Number: 1, Blocks: blocks, Refs: 1}
	var body []doc.Block
	for range filler {
		body = append(body, para(txt(lorem)))
	}
	body = append(body, para(txt("The text calls the note here."), &doc.FootnoteRef{At: at(), Note: f, N: 1}, txt(" "+lorem)))
	for range 6 {
		body = append(body, para(txt(lorem)))
	}
	ch := chapterOf("c", "Notes", body...)
	ch.Footnotes = []*doc.Footnote{f}
	return ch, f
}

func items(n int, text string) *doc.List {
	l := &doc.List{At: at(), Tight: true}
	for i := range n {
		l.Items = append(l.Items, &doc.ListItem{At: at(), Blocks: []doc.Block{para(txt(fmt.Sprintf("%s %d", text, i+1)))}})
	}
	return l
}

// noteLinesOf are a page's note lines.
func noteLinesOf(p *layout.Page) []layout.LineMetrics {
	var out []layout.LineMetrics
	for _, l := range p.Lines {
		if l.Kind == "footnote" {
			out = append(out, l)
		}
	}
	return out
}

// TestLongNoteWithListSplits: a note with a list longer than its page's foot goes on at the
// foot of the next page, its list items in order, numbered where they began, at the note size.
// (Thirteen paragraphs before the call put it mid-page on A5.)
func TestLongNoteWithListSplits(t *testing.T) {
	s := settings(t)
	ch, _ := withNote(13, para(txt("A note that lists many things:")), items(40, "Item of the note"), para(txt("And ends after the list.")))
	d := typeset(t, modelBook(ch), s)
	var pages []string
	var listed []string
	for _, p := range d.Pages[d.BodyStart:] {
		notes := noteLinesOf(p)
		if len(notes) == 0 {
			continue
		}
		pages = append(pages, p.Label)
		for _, l := range notes {
			if l.NoteBlock == "list" {
				listed = append(listed, l.Text)
			}
		}
		if len(pages) > 1 && strings.HasPrefix(notes[0].Text, "1.") {
			t.Errorf("page %s: the note starts again instead of going on", p.Label)
		}
	}
	if len(pages) < 2 {
		t.Fatalf("the note is on pages %v: it does not split", pages)
	}
	// The text goes on above the first part of the note: the page is not all note.
	first := d.Pages[d.Map.At("c-n1").Page]
	if body := len(first.Lines) - len(noteLinesOf(first)); body < 4 {
		t.Errorf("page %s holds %d lines of text above the note", first.Label, body)
	}
	if len(listed) != 40 {
		t.Fatalf("%d list lines in the notes: %q", len(listed), listed)
	}
	for i, l := range listed {
		if want := fmt.Sprintf("Item of the note %d", i+1); l != want {
			t.Errorf("list line %d: %q, want %q", i, l, want)
		}
	}
	_, last, _ := line(d, "And ends after the list.")
	if last.Kind != "footnote" || last.NoteBlock != "paragraph" {
		t.Errorf("the note's last paragraph is a %s/%s line", last.Kind, last.NoteBlock)
	}
	_, item, _ := run(d, "Item of the note 1")
	if layout.Length(item.Size) != s.FontSize*8/10 {
		t.Errorf("the note's list is set at %v", item.Size)
	}
	// The reference and the start of the note share a page.
	ref, note := d.Map.At("c-n1-ref"), d.Map.At("c-n1")
	if ref.Page != note.Page {
		t.Errorf("the reference is on page %s, the note on page %s", ref.Label, note.Label)
	}
}

// fiveKinds is a note of a paragraph, code, a list, a quotation, a table, a figure and a
// definition list, each with words found nowhere else; its figure's picture is src.
func fiveKinds(src string) []doc.Block {
	return []doc.Block{
		para(txt("Alpha paragraph opens the note.")),
		&doc.CodeBlock{At: at(), Text: "bravo := code(block)\nreturn bravo"},
		items(3, "Charlie listed"),
		&doc.BlockQuote{At: at(), Blocks: []doc.Block{para(txt("Delta quoted words."))}},
		&doc.Table{At: at(), Header: []*doc.TableCell{{Inlines: []doc.Inline{txt("Echo")}}, {Inlines: []doc.Inline{txt("Foxtrot")}}},
			Rows: [][]*doc.TableCell{{{Inlines: []doc.Inline{txt("golf")}}, {Inlines: []doc.Inline{txt("hotel")}}}}},
		figureOf(src, "w", txt("India caption.")),
		&doc.DefinitionList{At: at(), Items: []*doc.DefinitionItem{{At: at(), Term: []doc.Inline{txt("Juliet")}, Definitions: [][]doc.Block{{para(txt("Kilo defined."))}}}}},
		para(txt("Lima last paragraph.")),
	}
}

// TestNoteOfManyBlocks: every kind of block in a note is set at the foot of the page that
// calls it, in the note's measure; a figure there is smaller than in the text.
func TestNoteOfManyBlocks(t *testing.T) {
	s := withImages(settings(t))
	ch, _ := withNote(0, fiveKinds("tall.png")...)
	d := typeset(t, modelBook(ch), s)
	if d.Map.At("c-n1").Page != d.Map.At("c-n1-ref").Page {
		t.Fatal("the note is not on its reference's page")
	}
	kinds := map[layout.LineKind]bool{}
	var noteLines []layout.LineMetrics
	var pictures []layout.Picture
	for _, p := range d.Pages[d.BodyStart:] {
		noteLines = append(noteLines, noteLinesOf(p)...)
		pictures = append(pictures, p.Pictures...)
	}
	for _, l := range noteLines {
		kinds[l.NoteBlock] = true
		if l.X < d.Settings.Inner && l.X < d.Settings.Outer || l.X+l.Width > d.Settings.PageWidth-min(d.Settings.Inner, d.Settings.Outer) {
			t.Errorf("note line %q outside the text block: %v+%v", l.Text, l.X, l.Width)
		}
	}
	for _, k := range []layout.LineKind{"paragraph", "code", "list", "quote", "table", "figure", "caption", "term", "definition"} {
		if !kinds[k] {
			t.Errorf("no %s line in the note; lines of %v", k, kinds)
		}
	}
	if len(pictures) != 1 || pictures[0].H > (s.TextBottom()-s.Top)/3 {
		t.Errorf("pictures %v: want one, at most a third of the text block tall", pictures)
	}
	// The notes in the order of their blocks.
	var texts []string
	for _, l := range noteLines {
		texts = append(texts, l.Text)
	}
	if got := strings.Join(texts, "|"); !regexp.MustCompile(`^1\. Alpha.*bravo.*Charlie.*Delta.*Echo.*India caption.*Juliet\|Kilo.*Lima`).MatchString(got) {
		t.Errorf("note lines out of order: %q", got)
	}
}

// TestNoteWordsReachThePDF: every word of a note made of every kind of block is in the PDF,
// as pdftotext reads it back.
func TestNoteWordsReachThePDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	s := withImages(settings(t))
	ch, f := withNote(10, fiveKinds("wide.png")...)
	d := typeset(t, modelBook(ch), s)
	fonts := pdf.Fonts{Family: s.Family, Base: "CharisSIL"}
	var grey bytes.Buffer
	zw := zlib.NewWriter(&grey)
	zw.Write([]byte{0x80})
	zw.Close()
	picture := &pdf.Image{Width: 1, Height: 1, Gray: true, Samples: grey.Bytes()}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, d, pdf.Info{Title: "Notes", Image: func(string) (*pdf.Image, error) { return picture, nil }}, fonts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notes.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	printed := map[string]bool{}
	for _, w := range strings.Fields(strings.ReplaceAll(string(out), "-\n", "")) {
		printed[strings.Trim(w, ".,:;()•")] = true
	}
	var words []string
	doc.Walk(f.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Paragraph:
			words = append(words, epubWords(b.Inlines)...)
		case *doc.CodeBlock:
			words = append(words, strings.Fields(b.Text)...)
		case *doc.Table:
			for _, row := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
				for _, c := range row {
					words = append(words, epubWords(c.Inlines)...)
				}
			}
		case *doc.Figure:
			words = append(words, epubWords(b.Caption)...)
		case *doc.DefinitionList:
			for _, it := range b.Items {
				words = append(words, epubWords(it.Term)...)
			}
		}
		return true
	})
	missing := 0
	for _, w := range words {
		if w = strings.Trim(w, ".,:;()\uFFFC"); w != "" && !printed[w] {
			t.Errorf("%q is not in the PDF", w)
			missing++
		}
	}
	if len(words) < 30 || missing > 0 {
		t.Errorf("%d of %d words missing", missing, len(words))
	}
}

// TestNoteCalledFromANote: a note referenced only from another note is printed too.
func TestNoteCalledFromANote(t *testing.T) {
	s := settings(t)
	inner := &doc.Footnote{ID: "c-n2", Label: "n2", Number: 2, Refs: 1, Blocks: []doc.Block{para(txt("The inner note."))}}
	ch, outer := withNote(0, para(txt("The outer note calls another."), &doc.FootnoteRef{At: at(), Note: inner, N: 1}))
	ch.Footnotes = append(ch.Footnotes, inner)
	d := typeset(t, modelBook(ch), s)
	_, l, ok := line(d, "The inner note.")
	if !ok || l.Kind != "footnote" {
		t.Fatalf("the inner note is not printed (%v, %+v)", ok, l)
	}
	if d.Map.At(inner.ID).Page != d.Map.At(outer.ID).Page {
		t.Error("the inner note is not on the outer note's page")
	}
}

// TestHeadingsNeverInvert: in every context, a heading of a higher level is at least as large
// as one of a lower level, and a level 1 outside a chapter's opening is larger than a level 2.
func TestHeadingsNeverInvert(t *testing.T) {
	s := settings(t)
	hs := func(prefix string) []doc.Block {
		var out []doc.Block
		for level := 1; level <= 6; level++ {
			out = append(out, &doc.Heading{At: at(), Level: level, ID: fmt.Sprintf("%s%d", prefix, level), Inlines: []doc.Inline{txt(fmt.Sprintf("%s heading %d", prefix, level))}}, para(txt("Text.")))
		}
		return out
	}
	ch, _ := withNote(0, hs("note")...)
	ch.Blocks = append(ch.Blocks, hs("body")...)
	ch.Blocks = append(ch.Blocks, &doc.BlockQuote{At: at(), Blocks: hs("quote")})
	ch.Blocks = append(ch.Blocks, &doc.List{At: at(), Items: []*doc.ListItem{{At: at(), Blocks: hs("item")}}})
	d := typeset(t, modelBook(ch), s)
	for _, prefix := range []string{"body", "quote", "item", "note"} {
		var sizes []layout.Length
		for level := 1; level <= 6; level++ {
			_, r, ok := run(&layout.Document{Pages: d.Pages[d.BodyStart:]}, fmt.Sprintf("%s heading %d", prefix, level))
			if !ok {
				t.Fatalf("%s heading %d not set", prefix, level)
			}
			sizes = append(sizes, layout.Length(r.Size))
		}
		for i := 1; i < len(sizes); i++ {
			if sizes[i] > sizes[i-1] {
				t.Errorf("%s: level %d at %v, level %d at %v", prefix, i+1, sizes[i], i, sizes[i-1])
			}
		}
		if sizes[0] <= sizes[1] {
			t.Errorf("%s: level 1 at %v is not larger than level 2 at %v", prefix, sizes[0], sizes[1])
		}
	}
}

// TestCodeKeepsItsIndentation: a line of code is set in by its indentation, a tab to four
// columns, in the text and in a note, and no line runs past the measure.
func TestCodeKeepsItsIndentation(t *testing.T) {
	s := settings(t)
	code := func() *doc.CodeBlock {
		return &doc.CodeBlock{At: at(), Text: "func main() {\n\tif ok {\n    \treturn\n\t}\n}"}
	}
	ch, _ := withNote(0, code())
	ch.Blocks = append(ch.Blocks, code())
	d := typeset(t, modelBook(ch), s)
	for _, where := range []string{"code", "footnote"} {
		x := map[string]layout.Length{}
		var size layout.Length
		for _, p := range d.Pages[d.BodyStart:] {
			for _, r := range p.Runs {
				for _, l := range p.Lines {
					if layout.Length(l.Y) == layout.Length(r.Y) && string(l.Kind) == where && (l.Kind == "code" || l.NoteBlock == "code") && r.Text != "" {
						// The indentation is drawn as spaces of the code face.
						text := strings.TrimLeft(r.Text, " ")
						sp := layout.Length(s.Face(layout.Mono).Measure(" ", int64(r.Size), false))
						x[text] = layout.Length(r.X) + layout.Length(len(r.Text)-len(text))*sp
						size = layout.Length(r.Size)
						if layout.Length(r.X)+layout.Length(r.Width) > layout.Length(l.X)+layout.Length(l.Width) {
							t.Errorf("%s: %q runs past the measure", where, r.Text)
						}
					}
				}
			}
		}
		space := layout.Length(s.Face(layout.Mono).Measure(" ", int64(size), false))
		for text, cols := range map[string]int{"if ok {": 4, "return": 8, "}": 0} {
			near := func(a, b layout.Length) bool { return a-b <= layout.Pt/1000 && b-a <= layout.Pt/1000 }
			if got := x[text] - x["func main() {"]; !near(got, layout.Length(cols)*space) && !(text == "}" && (got == 0 || near(got, 4*space))) {
				t.Errorf("%s: %q set in by %v, want %d columns of %v", where, text, got, cols, space)
			}
		}
	}
}
