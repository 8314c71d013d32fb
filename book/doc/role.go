package doc

import "bindery/book/lang"

// Role gives a block or an inline of generated text its meaning (the glossary, chronology
// and index bindery makes are document-model chapters like any other): the EPUB maps roles
// to EPUB Indexes and DPUB-ARIA, the print layout to typography. The author's text has none.
type Role string

const (
	NoRole Role = ""
	// Index.
	RoleIndexGroup     Role = "index-group"      // a heading: one letter of the index
	RoleIndexEntryList Role = "index-entry-list" // a list of entries or sub-entries
	RoleIndexEntry     Role = "index-entry"      // a paragraph: one entry with its locators
	RoleIndexTerm      Role = "index-term"       // a span: the entry's term
	RoleIndexLocator   Role = "index-locator"    // a link: one page the entry points to
	RoleSee            Role = "see"              // a link to the preferred term
	RoleSeeAlso        Role = "see-also"         // a link to a related term
	// Glossary and chronology.
	RoleGlossary        Role = "glossary"          // a definition list: the glossary's entries
	RoleChronology      Role = "chronology"        // a definition list: the dated events
	RoleDefinedTerm     Role = "dfn"               // a span: the term a glossary entry defines
	RoleGlossarySeeAlso Role = "glossary-see-also" // a link to a related glossary entry
	RolePage            Role = "page"              // a link: the page where something is told
)

// ChapterRole says which generated chapter a chapter is.
type ChapterRole string

const (
	AuthorChapter     ChapterRole = ""
	ChronologyChapter ChapterRole = "chronology"
	GlossaryChapter   ChapterRole = "glossary"
	IndexChapter      ChapterRole = "index"
)

// GeneratedChapters are the chapters bindery makes from the apparatus, in the order they
// follow the manuscript's back matter. Each one's ID is its role.
var GeneratedChapters = []ChapterRole{ChronologyChapter, GlossaryChapter, IndexChapter}

// ID is the anchor of a generated chapter.
func (r ChapterRole) ID() string { return string(r) }

// TitleIn is a generated chapter's heading in the book's language.
func (r ChapterRole) TitleIn(l lang.Labels) string {
	switch r {
	case ChronologyChapter:
		return l.Get(lang.Chronology)
	case GlossaryChapter:
		return l.Get(lang.Glossary)
	case IndexChapter:
		return l.Get(lang.Index)
	}
	return ""
}

// Title is a generated chapter's heading in English.
func (r ChapterRole) Title() string {
	switch r {
	case ChronologyChapter:
		return "Chronology"
	case GlossaryChapter:
		return "Glossary"
	case IndexChapter:
		return "Index"
	}
	return ""
}
