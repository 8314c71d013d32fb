package stats

import (
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
)

func TestCompute(t *testing.T) {
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	long := &doc.Paragraph{At: doc.At{Pos: diag.Pos{File: "one.md", Line: 5}},
		Inlines: []doc.Inline{&doc.Text{Text: "One two "}, &doc.Emphasis{Children: text("three")}, &doc.Text{Text: " four"},
			&doc.Image{Src: "map.png", Alt: "not counted"}, &doc.Code{Text: " five"}}}
	ch := &doc.Chapter{Blocks: []doc.Block{
		&doc.Heading{Level: 1, Inlines: text("A title")},
		&doc.Paragraph{At: doc.At{Pos: diag.Pos{File: "one.md", Line: 3}}, Inlines: text("Short one.")},
		&doc.BlockQuote{Blocks: []doc.Block{long}},
	}, Footnotes: []*doc.Footnote{{Blocks: []doc.Block{&doc.Paragraph{Inlines: text("A note.")}}}}}
	b := &doc.Book{Meta: &doc.Metadata{Title: "T"}, Chapters: []*doc.Chapter{ch},
		Apparatus: &doc.Apparatus{Index: []*doc.IndexEntry{{Sub: []*doc.IndexEntry{{}, {}}}, {}}}}
	s := Compute(b, config.Trims[0], nil)
	// "A title" 2 + "Short one." 2 + 5 + "A note." 2
	if s.Words != 11 || s.Footnotes != 1 || s.Images != 1 || s.Index != 2 || s.IndexSub != 2 || s.ReadingMinutes != 1 {
		t.Errorf("%+v", s)
	}
	if s.CharactersNoSpaces != len("Atitle"+"Shortone."+"Onetwothreefourfive"+"Anote.") || s.Characters != s.CharactersNoSpaces+7 {
		t.Errorf("characters %d, %d without spaces", s.Characters, s.CharactersNoSpaces)
	}
	if l := s.Longest; l == nil || l.Line != 5 || l.Words != 5 || l.Begins != "One two three four five" {
		t.Errorf("longest %+v", l)
	}
	if s.Trim != "A5" || s.TrimWidthMM != 148 || s.TrimHeightMM != 210 {
		t.Errorf("trim %s %g × %g", s.Trim, s.TrimWidthMM, s.TrimHeightMM)
	}
	if got := begins("one, two, three", 2); got != "one, two…" {
		t.Errorf("begins: %q", got)
	}
}
