package doc

// Metadata is what a book says about itself: the title page, the imprint, the EPUB's
// package metadata and the PDF's document information are made from it.
type Metadata struct {
	Title       string
	Subtitle    string
	Author      string
	Language    string // a BCP 47 tag
	Identifier  string
	Date        string // W3CDTF: YYYY, YYYY-MM or YYYY-MM-DD; may be empty
	Publisher   string
	Rights      string
	Description string
	Subjects    []string
	// ISBN and PrintISBN are the EPUB's and the print edition's ISBN-13 (digits only), if
	// the book has them.
	ISBN, PrintISBN string
}
