package pipeline

import (
	"bindery/book/backmatter"
	"bindery/book/epub"
	"bindery/book/lang"
)

// unpagedPrint is what the EPUB takes when it goes without the print edition (page_list:
// false): the generated back matter alone, its references naming the chapters their places
// are in. No page numbers, so no print layout to make.
func unpagedPrint(b *Book) *epub.Print {
	return &epub.Print{Generated: backmatter.Chapters(b.Apparatus, backmatter.NewChapterLabels(b.Book), lang.For(b.Config.Language, b.Config.Labels))}
}
