package layout_test

import (
	"strings"
	"testing"

	"bindery/book/layout"
)

// pageText is the text of a page's runs, in order.
func pageText(p *layout.Page) string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.Text + " ")
	}
	return b.String()
}

// TestTitlePageAndImprint: the title page names the publisher only when it is not the
// author again; the imprint gives the ISBNs it has and never the internal identifier.
func TestTitlePageAndImprint(t *testing.T) {
	for _, c := range []struct {
		author, publisher, isbn, printISBN string
		titleWants, imprintWants           []string
	}{
		{"League for the Fifth International", "League for the Fifth  international", "", "",
			[]string{"League for the Fifth International"}, []string{"Published by League"}},
		{"An Author", "A Press", "9780000000002", "9780000000019",
			[]string{"An Author", "A Press"}, []string{"ISBN 9780000000019 (print)", "ISBN 9780000000002 (EPUB)"}},
	} {
		b := book(t, "# One\n\nText.\n")
		b.Meta.Author, b.Meta.Publisher, b.Meta.ISBN, b.Meta.PrintISBN = c.author, c.publisher, c.isbn, c.printISBN
		b.Meta.Identifier = "urn:uuid:6f1c2d8e-5b7a-4c3e-9a1d-2e4f6b8c0d15"
		d := typeset(t, b, settings(t))
		for _, p := range d.Pages {
			text := pageText(p)
			switch p.Kind {
			case layout.TitlePage:
				for _, w := range c.titleWants {
					if n := strings.Count(strings.ToLower(strings.Join(strings.Fields(text), " ")), strings.ToLower(w)); n != 1 {
						t.Errorf("title page %q: %q %d times, want once", text, w, n)
					}
				}
			case layout.ImprintPage:
				if strings.Contains(text, "urn:") || strings.Contains(text, "6f1c2d8e") {
					t.Errorf("the imprint prints the internal identifier: %q", text)
				}
				joined := strings.Join(strings.Fields(text), " ")
				for _, w := range c.imprintWants {
					if !strings.Contains(joined, w) {
						t.Errorf("the imprint %q lacks %q", joined, w)
					}
				}
			}
		}
	}
}
