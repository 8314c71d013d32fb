package pipeline

import (
	"regexp"
	"strings"
	"testing"

	"bindery/book/doc"
)

// spaced is a text with its no-break spaces made plain and its spaces collapsed.
func spaced(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// unhyphenated is a text without its hyphens.
func unhyphenated(s string) string { return strings.ReplaceAll(s, "-", "") }

var asideRE = regexp.MustCompile(`(?s)<aside ([^>]*)>(.*?)</aside>`)

// TestEditorsNotesInBothEditions: the default book's editor's notes ([^ed-…]) are printed in
// full, signed "— Ed.", at the foot of the print pages and in the EPUB, where their aside is
// a doc-footnote of the class "editorial"; the author's notes (none in this book) are not.
func TestEditorsNotesInBothEditions(t *testing.T) {
	b, d := loadLayout(t, "../../manuscript")
	var notes []*doc.Footnote
	for _, ch := range b.Chapters {
		for _, f := range ch.Footnotes {
			if f.Editorial {
				notes = append(notes, f)
			}
		}
	}
	if len(notes) < 10 {
		t.Fatalf("%d editor's notes in the default book", len(notes))
	}

	// Print: the notes' lines, page after page, hyphens at line ends joined again.
	var lines []string
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Kind == "footnote" {
				lines = append(lines, l.Text)
			}
		}
	}
	printed := spaced(regexp.MustCompile(`(\pL)-\n(\pL)`).ReplaceAllString(strings.Join(lines, "\n"), "$1-$2"))
	if n := strings.Count(printed, doc.EditorSignature); n != len(notes) {
		t.Errorf("print signs %d notes %q, the book has %d editor's notes", n, doc.EditorSignature, len(notes))
	}

	// EPUB: each note's aside, by its ID.
	asides := map[string]string{} // ID → attributes and text
	for name, body := range epubFiles(t, b, d) {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		for _, m := range asideRE.FindAllStringSubmatch(body, -1) {
			id := regexp.MustCompile(`id="([^"]+)"`).FindStringSubmatch(m[1])
			if id != nil {
				asides[id[1]] = m[1] + "\x00" + spaced(tagRE.ReplaceAllString(m[2], ""))
			}
		}
	}
	for _, f := range notes {
		var words []string
		for _, blk := range f.Blocks {
			if p, ok := blk.(*doc.Paragraph); ok {
				words = append(words, doc.PlainText(p.Inlines))
			}
		}
		text := spaced(strings.Join(words, " "))
		if !strings.HasSuffix(text, " "+doc.EditorSignature) {
			t.Errorf("%s: the note is not signed: %q", f.ID, text)
		}
		// A hyphen at a line's end may be the word's own (vice-president) or the break's.
		if !strings.Contains(unhyphenated(printed), unhyphenated(text)) {
			t.Errorf("%s: print does not hold the note %q", f.ID, text)
		}
		attrs, body, ok := strings.Cut(asides[f.ID], "\x00")
		if !ok {
			t.Errorf("%s: no aside in the EPUB", f.ID)
			continue
		}
		if !strings.Contains(attrs, `role="doc-footnote"`) || !strings.Contains(attrs, `class="editorial"`) {
			t.Errorf("%s: the EPUB's aside is <aside %s>, not an editorial doc-footnote", f.ID, attrs)
		}
		if !strings.Contains(body, text) {
			t.Errorf("%s: the EPUB's aside reads %q, not %q", f.ID, body, text)
		}
	}
}
