package markdown

import (
	"strings"
	"testing"

	"bindery/book/doc"
)

func parse(t *testing.T, src string) *doc.Chapter {
	t.Helper()
	ch, list := Parse("c.md", []byte(src), doc.BodyMatter)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	return ch
}

func TestHeadingIDs(t *testing.T) {
	ch := parse(t, "# Sánchez de Lozada’s *plan* {#plan}\n\n## The 1952 revolution\n\n## Backlash and resistance, 2000--2003\n\n## 1985\n")
	var ids []string
	for _, h := range ch.Sections() {
		ids = append(ids, h.ID)
	}
	want := "plan the-1952-revolution backlash-and-resistance-2000-2003 s-1985"
	if strings.Join(ids, " ") != want {
		t.Fatalf("ids %v, want %s", ids, want)
	}
	if ch.ID != "plan" || doc.PlainText(ch.Title) != "Sánchez de Lozada’s plan" {
		t.Fatalf("chapter %q %q", ch.ID, doc.PlainText(ch.Title))
	}
	if got := doc.Slug("Sánchez de Lozada"); got != "sanchez-de-lozada" {
		t.Fatalf("slug %q", got)
	}
}

func TestPositions(t *testing.T) {
	ch := parse(t, "\ufeff# Title\r\n\r\nFirst paragraph.\r\n\r\n> quoted\r\n")
	if p := ch.Blocks[0].Position(); p.Line != 1 || p.Col != 1 {
		t.Errorf("heading at %v", p)
	}
	if p := ch.Blocks[1].Position(); p.Line != 3 || p.Col != 1 || p.File != "c.md" {
		t.Errorf("paragraph at %v", p)
	}
	if p := ch.Blocks[2].Position(); p.Line != 5 {
		t.Errorf("quote at %v", p)
	}
}

func TestTypography(t *testing.T) {
	ch := parse(t, "# T\n\n\"Quoted\" and 'single' -- en --- em... it's\n")
	got := doc.PlainText(ch.Blocks[1].(*doc.Paragraph).Inlines)
	if got != "“Quoted” and ‘single’ – en — em… it’s" {
		t.Fatalf("got %q", got)
	}
}

func TestFootnotesNumberedByFirstReference(t *testing.T) {
	ch := parse(t, "# T {#t}\n\nB[^b] then A[^a] then B again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n")
	if len(ch.Footnotes) != 2 || ch.Footnotes[0].Label != "b" || ch.Footnotes[0].Number != 1 || ch.Footnotes[0].Refs != 2 {
		t.Fatalf("footnotes %+v", ch.Footnotes)
	}
	b := &doc.Book{Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors()}
	if err := RegisterAnchors(b).Err(); err != nil {
		t.Fatal(err)
	}
	if ch.Footnotes[0].ID != "t-fn-b" {
		t.Fatalf("id %q", ch.Footnotes[0].ID)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"not utf-8", "# T\n\nabc \xff def\n", "c.md:3:5: error: not UTF-8"},
		{"binary", "# T\n\x00\x01", "c.md:2:1: error: contains a NUL byte"},
		{"empty id", "# T {#}\n", `heading ID {#} is empty`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, list := Parse("c.md", []byte(c.src), doc.BodyMatter)
			if list.Err() == nil || !strings.Contains(list.Err().Error(), c.want) {
				t.Fatalf("got %v, want %q", list.Err(), c.want)
			}
		})
	}
}

func TestUnsafeMarkupWarnsAndIsDropped(t *testing.T) {
	ch, list := Parse("c.md", []byte("# T\n\n<script>x()</script>\n\nA [link](javascript:alert(1)) and <b onclick=\"x\">b</b>.\n"), doc.BodyMatter)
	if list.HasErrors() || len(list) != 2 {
		t.Fatalf("want warnings only, got %v", list)
	}
	for _, b := range ch.Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			for _, in := range p.Inlines {
				if _, isLink := in.(*doc.Link); isLink {
					t.Fatal("javascript: link kept")
				}
			}
		}
	}
}

func TestDuplicateIDsAcrossChaptersNameBothPlaces(t *testing.T) {
	a := parse(t, "# One {#x}\n")
	c, _ := Parse("d.md", []byte("# Two\n\n## Sub {#x}\n"), doc.BodyMatter)
	b := &doc.Book{Meta: &doc.Metadata{}, Chapters: []*doc.Chapter{a, c}, Anchors: doc.NewAnchors()}
	err := RegisterAnchors(b).Err()
	if err == nil || !strings.Contains(err.Error(), `d.md:3:1: error: duplicate ID "x": already used at c.md:1:1`) {
		t.Fatalf("got %v", err)
	}
}

func TestMarksAndCrossReferences(t *testing.T) {
	ch := parse(t, "# T {#t}\n\n{#c-start}In 1952 the {^Revolution!of 1952|(}MNR came [](#t) to {^Dual power} power{#end}. A {# not an anchor} and {^ x}.\n")
	var got []string
	for _, in := range ch.Blocks[1].(*doc.Paragraph).Inlines {
		switch in := in.(type) {
		case *doc.TextAnchor:
			got = append(got, "anchor:"+in.ID)
		case *doc.IndexMark:
			got = append(got, "index:"+in.TermText+"/"+in.SubText+"/"+string(rune('0'+in.Range)))
		case *doc.CrossRef:
			got = append(got, "xref:"+in.Target)
		case *doc.Text:
			got = append(got, in.Text)
		}
	}
	want := "anchor:c-start|In 1952 the |index:Revolution/of 1952/1|MNR came |xref:t| to |index:Dual power//0| power|anchor:end|. A {# not an anchor} and |index:x//0|."
	if strings.Join(got, "|") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

// TestEditorialNotes: a note labelled [^ed-…] is the editor's, closed by the signature on the
// line of its last word; the author's notes are left as written.
func TestEditorialNotes(t *testing.T) {
	ch := parse(t, "# T {#t}\n\nIn 1952[^ed-oil] and more[^a] and a list[^ed-list].\n\n"+
		"[^ed-oil]: Oil was nationalised in *1937*.\n[^a]: The author's.\n[^ed-list]:\n    - one\n")
	if len(ch.Footnotes) != 3 {
		t.Fatalf("%d notes", len(ch.Footnotes))
	}
	ed, own, list := ch.Footnotes[0], ch.Footnotes[1], ch.Footnotes[2]
	if !ed.Editorial || own.Editorial || !list.Editorial {
		t.Fatalf("editorial: %v %v %v", ed.Editorial, own.Editorial, list.Editorial)
	}
	if got := doc.PlainText(ed.Blocks[0].(*doc.Paragraph).Inlines); got != "Oil was nationalised in 1937.\u00a0—\u00a0Ed." {
		t.Errorf("editor's note reads %q", got)
	}
	if got := doc.PlainText(own.Blocks[0].(*doc.Paragraph).Inlines); got != "The author’s." {
		t.Errorf("author's note reads %q", got)
	}
	// A note that does not end with a paragraph gets its signature in a paragraph of its own.
	last, ok := list.Blocks[len(list.Blocks)-1].(*doc.Paragraph)
	if !ok || doc.PlainText(last.Inlines) != doc.EditorSignature {
		t.Errorf("a note ending with a list: last block %#v", list.Blocks[len(list.Blocks)-1])
	}
	ed.SignEditorial() // signing twice signs once
	if got := doc.PlainText(ed.Blocks[0].(*doc.Paragraph).Inlines); strings.Count(got, "Ed.") != 1 {
		t.Errorf("signed twice: %q", got)
	}
}
