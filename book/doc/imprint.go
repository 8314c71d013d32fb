package doc

import (
	"strings"

	"bindery/book/lang"
)

// Imprint is the imprint's text, the same in both editions: the title, the author, the
// rights, who published the book and when, and its ISBNs; never the internal identifier
// (urn:uuid:…), which is for reading systems. The words bindery writes itself are the book's
// language's (labels: "Published by %s", the date as the language writes it). The writers
// add what belongs to their format alone (the print edition its typeface; the EPUB a link to
// the edition notes).
func Imprint(m *Metadata, labels lang.Labels) []string {
	lines := []string{m.Title}
	if m.Author != "" {
		lines = append(lines, m.Author)
	}
	if m.Rights != "" {
		lines = append(lines, m.Rights)
	}
	if m.Publisher != "" {
		pub := labels.Get(lang.PublishedBy, m.Publisher)
		if m.Date != "" {
			pub += ", " + labels.Date(m.Date)
		}
		lines = append(lines, strings.TrimSuffix(pub, ".")+".")
	}
	if m.PrintISBN != "" {
		lines = append(lines, "ISBN "+m.PrintISBN+" (print)")
	}
	if m.ISBN != "" && m.ISBN != m.PrintISBN {
		lines = append(lines, "ISBN "+m.ISBN+" (EPUB)")
	}
	return lines
}
