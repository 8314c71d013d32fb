package doc

import (
	"strings"
	"time"
)

// Imprint is the imprint's text, the same in both editions: the title, the author, the
// rights, who published the book and when, and its ISBNs; never the internal identifier
// (urn:uuid:…), which is for reading systems. The writers add what belongs to their format
// alone (the print edition its typeface; the EPUB a link to the edition notes).
func Imprint(m *Metadata) []string {
	lines := []string{m.Title}
	if m.Author != "" {
		lines = append(lines, m.Author)
	}
	if m.Rights != "" {
		lines = append(lines, m.Rights)
	}
	if m.Publisher != "" {
		pub := "Published by " + m.Publisher
		if m.Date != "" {
			pub += ", " + HumanDate(m.Date)
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

// HumanDate writes a W3CDTF date the way an imprint does: "2005", "December 2005",
// "1 December 2005".
func HumanDate(s string) string {
	for _, f := range []struct{ in, out string }{{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
		if len(s) == len(f.in) {
			if t, err := time.Parse(f.in, s); err == nil {
				return t.Format(f.out)
			}
		}
	}
	return s
}
