package epub

import "bindery/book/doc"

// The roles of generated text (book/backmatter) that the EPUB gives semantics to. They are
// compared here and nowhere else, so that typed roles (issue 12) change this file alone.
const (
	roleIndex          = "index"            // a chapter: the index
	roleGlossary       = "glossary"         // a chapter, and its definition list
	roleIndexEntryList = "index-entry-list" // a list of index entries (or sub-entries)
	roleIndexEntry     = "index-entry"      // an entry's paragraph, in its list item
	roleIndexGroup     = "index-group"      // a heading: a letter of the index
	roleIndexTerm      = "index-term"       // a span: the term of an entry
	roleDefinition     = "dfn"              // a span: the term a glossary entry defines
)

// linkRoles give generated links their EPUB Indexes semantics.
var linkRoles = map[string]string{
	"index-locator": " epub:type=\"index-locator\"",
	"see":           " epub:type=\"index-xref-preferred\"",
	"see-also":      " epub:type=\"index-xref-related\"",
}

func isIndex(ch *doc.Chapter) bool    { return ch.Role == roleIndex }
func isGlossary(ch *doc.Chapter) bool { return ch.Role == roleGlossary }
