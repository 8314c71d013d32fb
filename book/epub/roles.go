package epub

import "bindery/book/doc"

// linkRoles give generated links their EPUB Indexes semantics.
var linkRoles = map[doc.Role]string{
	doc.RoleIndexLocator: " epub:type=\"index-locator\"",
	doc.RoleSee:          " epub:type=\"index-xref-preferred\"",
	doc.RoleSeeAlso:      " epub:type=\"index-xref-related\"",
}

func isIndex(ch *doc.Chapter) bool    { return ch.Role == doc.IndexChapter }
func isGlossary(ch *doc.Chapter) bool { return ch.Role == doc.GlossaryChapter }
