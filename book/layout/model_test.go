package layout_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"unicode"
	"unsafe"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/layout"
)

// Helpers that build books as document-model values, for constructs the Markdown reader does
// not produce yet (issue 22).

func modelBook(chapters ...*doc.Chapter) *doc.Book {
	b := &doc.Book{Meta: &doc.Metadata{Title: "Test", Author: "A", Identifier: "x", Language: "en-GB"}, Anchors: doc.NewAnchors()}
	b.Chapters = chapters
	return b
}

var positions int

// at gives each node a distinct position, as the reader would.
func at() doc.At {
	positions++
	return doc.At{Pos: diag.Pos{File: "m.md", Line: positions, Col: 1}}
}

func chapterOf(id, title string, blocks ...doc.Block) *doc.Chapter {
	h := &doc.Heading{At: at(), Level: 1, ID: id, Inlines: []doc.Inline{txt(title)}}
	return &doc.Chapter{ID: id, Title: h.Inlines, Source: "m.md", Blocks: append([]doc.Block{h}, blocks...)}
}

func txt(s string) *doc.Text { return &doc.Text{At: at(), Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{At: at(), Inlines: ins} }

func styled(st doc.TextStyle, ins ...doc.Inline) *doc.Styled {
	return &doc.Styled{At: at(), Style: st, Children: ins}
}

func typeset(t *testing.T, b *doc.Book, s layout.Settings) *layout.Document {
	t.Helper()
	d, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range d.Warnings {
		t.Errorf("warning: %v", w)
	}
	return d
}

// withImages answers for the pictures a test names: "wide.png" 1200×600, "icon.png" 64×64,
// "tall.png" 300×3000; any other cannot be printed.
func withImages(s layout.Settings) layout.Settings {
	s.ImageSize = func(src string) (int, int, bool) {
		switch src {
		case "wide.png":
			return 1200, 600, true
		case "icon.png":
			return 64, 64, true
		case "tall.png":
			return 300, 3000, true
		}
		return 0, 0, false
	}
	return s
}

// line finds the first laid-out line whose text contains s.
func line(d *layout.Document, s string) (*layout.Page, layout.LineMetrics, bool) {
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if strings.Contains(l.Text, s) {
				return p, l, true
			}
		}
	}
	return nil, layout.LineMetrics{}, false
}

// run finds the first run on the pages whose text is s.
func run(d *layout.Document, s string) (*layout.Page, layout.Run, bool) {
	for _, p := range d.Pages {
		for _, r := range p.Runs {
			if r.Text == s {
				return p, r, true
			}
		}
	}
	return nil, layout.Run{}, false
}

// epubWords are the words of inlines as the EPUB writes and counts them (book/epub's
// wordCounter): text, code and mathematics as written, no quotation marks of its own, an image
// a box ("\uFFFC") joined to the word it touches, and a new word at each run of white space
// after some text. It is written from the contract, independently of the layout.
func epubWords(ins []doc.Inline) []string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in := in.(type) {
			case *doc.Text:
				b.WriteString(in.Text)
			case *doc.Code:
				b.WriteString(in.Text)
			case *doc.Math:
				b.WriteString(in.Text)
			case *doc.Image:
				b.WriteString("\uFFFC")
			case *doc.Break:
				b.WriteString(" ")
			case doc.Container:
				walk(in.Inlines())
			}
		}
	}
	walk(ins)
	return strings.FieldsFunc(b.String(), func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' })
}

// sameWord compares a printed word with the EPUB's: the print edition adds quotation marks, a
// line may end in a hyphen, and pictures have no text.
func sameWord(printed, epub string) bool {
	clean := func(s string) string {
		return strings.TrimSuffix(strings.Map(func(r rune) rune {
			if strings.ContainsRune("“”‘’\uFFFC", r) {
				return -1
			}
			return r
		}, s), "-")
	}
	p, e := clean(printed), clean(epub)
	return p != "" && strings.HasPrefix(e, p)
}

// firstText is the first word of a page's first body line.
func firstText(p *layout.Page) string {
	for _, l := range p.Lines {
		if l.Kind != "footnote" && l.Kind != "figure" {
			if f := strings.Fields(l.Text); len(f) > 0 {
				return f[0]
			}
		}
	}
	return ""
}

// bodyText is the text of the body pages' lines, joined with spaces (a hyphen that ends a line
// joins its word again).
func bodyText(d *layout.Document) string {
	var b strings.Builder
	for _, p := range d.Pages[d.BodyStart:] {
		for _, l := range p.Lines {
			if l.Hyphenated {
				b.WriteString(strings.TrimSuffix(l.Text, "-"))
				continue
			}
			b.WriteString(l.Text + " ")
		}
	}
	return b.String()
}

// tinyPNG is a picture for the PDF writer: 4×2 pixels.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A long book holds a run per word: a field added to Run belongs with the small ones at its
// end, where it packs into their padding.
func TestRunStaysSmall(t *testing.T) {
	if n := unsafe.Sizeof(layout.Run{}); n > 56 {
		t.Errorf("a Run takes %d bytes; want at most 56 (the 100-fold book holds millions)", n)
	}
}
