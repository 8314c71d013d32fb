// Package stats measures a book for `bindery stats`: words, characters, chapters, reading
// time, print pages and the size of its reference matter.
package stats

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/layout"
)

// WordsPerMinute is the silent reading speed of adults reading non-fiction in English
// (Brysbaert 2019, a meta-analysis of 190 studies), used for the reading time.
const WordsPerMinute = 238

// Stats are the figures of one book. Words and characters count the author's text (headings,
// paragraphs, lists, tables, notes, code), not the generated back matter.
type Stats struct {
	Title              string     `json:"title"`
	Words              int        `json:"words"`
	Characters         int        `json:"characters"`           // spaces between words included
	CharactersNoSpaces int        `json:"characters_no_spaces"` // letters, digits and punctuation only
	Chapters           int        `json:"chapters"`
	BackMatter         int        `json:"back_matter"` // chapters of back matter from the manuscript
	Footnotes          int        `json:"footnotes"`
	Images             int        `json:"images"`
	ReadingMinutes     int        `json:"reading_minutes"`
	WordsPerMinute     int        `json:"words_per_minute"`
	Pages              int        `json:"pages"` // of the print edition, front and back matter included
	Trim               string     `json:"trim"`
	TrimWidthMM        float64    `json:"trim_width_mm"`
	TrimHeightMM       float64    `json:"trim_height_mm"`
	Glossary           int        `json:"glossary_entries"`
	Chronology         int        `json:"chronology_events"`
	Index              int        `json:"index_entries"`
	IndexSub           int        `json:"index_subentries"`
	Longest            *Paragraph `json:"longest_paragraph,omitempty"`
}

// Paragraph locates a paragraph of the text.
type Paragraph struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Words  int    `json:"words"`
	Begins string `json:"begins"` // its first words
}

// Compute measures book b, printed at trim; d, its print layout, gives the page count (nil:
// no pages).
func Compute(b *doc.Book, trim config.Trim, d *layout.Document) Stats {
	s := Stats{Title: b.Meta.Title, Chapters: len(b.Chapters), BackMatter: len(b.Back), WordsPerMinute: WordsPerMinute}
	s.Trim = trim.Name
	s.TrimWidthMM, s.TrimHeightMM = mm(trim.Width), mm(trim.Height)
	if d != nil {
		s.Pages = len(d.Pages)
	}
	if a := b.Apparatus; a != nil {
		s.Glossary, s.Chronology, s.Index = len(a.Glossary), len(a.Chronology), len(a.Index)
		for _, e := range a.Index {
			s.IndexSub += len(e.Sub)
		}
	}
	count := func(text string) int {
		words := strings.FieldsFunc(text, doc.WordSpace) // the words the layout and the EPUB count
		s.Words += len(words)
		for i, w := range words {
			n := utf8.RuneCountInString(w)
			s.CharactersNoSpaces += n
			s.Characters += n
			if i > 0 {
				s.Characters++
			}
		}
		return len(words)
	}
	blocks := func(bs []doc.Block) {
		doc.Walk(bs, func(bl doc.Block) bool {
			switch bl := bl.(type) {
			case *doc.Heading:
				count(text(bl.Inlines))
			case *doc.Paragraph:
				t := text(bl.Inlines)
				if n := count(t); s.Longest == nil || n > s.Longest.Words {
					s.Longest = &Paragraph{File: bl.Pos.File, Line: bl.Pos.Line, Words: n, Begins: begins(t, 8)}
				}
			case *doc.CodeBlock:
				count(bl.Text)
			case *doc.Table:
				count(text(bl.Caption))
				for _, row := range append([][]*doc.TableCell{bl.Header}, bl.Rows...) {
					for _, c := range row {
						count(text(c.Inlines))
					}
				}
			case *doc.DefinitionList:
				for _, it := range bl.Items {
					count(text(it.Term))
				}
			case *doc.Figure:
				count(text(bl.Caption))
			}
			return true
		})
	}
	for _, ch := range b.AllChapters() {
		blocks(ch.Blocks)
		s.Footnotes += len(ch.Footnotes)
		for _, f := range ch.Footnotes {
			blocks(f.Blocks)
		}
		doc.WalkInlines(ch, func(in doc.Inline) {
			if _, ok := in.(*doc.Image); ok {
				s.Images++
			}
		})
	}
	s.ReadingMinutes = (s.Words + WordsPerMinute - 1) / WordsPerMinute
	return s
}

// text is what a reader reads of inlines: text and code, not image descriptions (not in the
// flow of the text) nor cross-references (their words are made by bindery).
func text(ins []doc.Inline) string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(in.Text)
			case *doc.Code:
				b.WriteString(in.Text)
			case *doc.Break:
				b.WriteByte(' ')
			case *doc.Image:
			case doc.Container:
				walk(in.Inlines())
			}
		}
	}
	walk(ins)
	return b.String()
}

// begins returns the first n words of text, with an ellipsis if there are more.
func begins(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.TrimRightFunc(strings.Join(words[:n], " "), unicode.IsPunct) + "…"
}

func mm(pt float64) float64 {
	v := pt * 25.4 / 72
	return float64(int(v*10+0.5)) / 10
}

// Pos is where the longest paragraph is, for messages.
func (p *Paragraph) Pos() diag.Pos { return diag.Pos{File: p.File, Line: p.Line} }
