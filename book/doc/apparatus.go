package doc

import "bindery/book/diag"

// GlossaryEntry defines a term of the book.
type GlossaryEntry struct {
	ID         string // "g-" + the author's id: the entry's anchor
	Term       string
	Expansion  string   // what an acronym stands for
	Aliases    []string // other forms found in the text
	Plural     string
	Definition []Inline
	SeeAlso    []*GlossaryEntry
	Source     string // where the text supports the definition
	Pos        diag.Pos
	// Uses are the places the term occurs in the text, in reading order.
	Uses []*GlossaryRef
}

// Forms returns every form of the term that is looked for in the text, longest first.
func (g *GlossaryEntry) Forms() []string {
	forms := append([]string{g.Term}, g.Aliases...)
	if g.Plural != "" {
		forms = append(forms, g.Plural)
	}
	return forms
}

// ChronologyEntry is one dated event with the place in the text that tells of it.
type ChronologyEntry struct {
	ID     string // the entry's own anchor
	Date   Date   // when the event happened: the record's date, which the chronology sorts by
	Event  []Inline
	Anchor string // the anchor in the text
	Source string
	// SourceDate is the date the text gives, when it differs from Date (the text is wrong, or
	// was written before the event); its Text is empty otherwise.
	SourceDate Date
	// Note is the editor's word on the entry (why the date differs from the text's, what the
	// text gets wrong); nil if none.
	Note []Inline
	Pos  diag.Pos
	// AnchorPos is where the anchor is written, for a message about it (Pos if unknown).
	AnchorPos diag.Pos
	// Dangling is set by the linker when the anchor is nowhere in the text: a draft prints
	// "??" for its page.
	Dangling bool
}

// Date is a date of the chronology: a year, a month or a day, possibly approximate or a range.
type Date struct {
	Text   string // as written: "1952-04-09", "c. 1995", "2000/2003"
	Sort   string // sortable start: "1952-04-09", "1995", "2000"
	Approx bool
	End    string // the end of a range, sortable form; empty if none
}

// IndexEntry is a term of the index, or a sub-entry of one.
type IndexEntry struct {
	ID    string // stable: derived from the term
	Term  string
	Match []string // forms found automatically in the text
	// Exclude are phrases, as written, in which the entry's forms are not the entry (false
	// friends: "social" for socialism); the places are reported as notes.
	Exclude  []string
	Glossary *GlossaryEntry
	See      string   // a "see" reference: no locators of its own
	SeeAlso  []string // "see also" references
	Sub      []*IndexEntry
	Parent   *IndexEntry
	Pos      diag.Pos
	// Marks are the places the entry points to, in reading order.
	Marks []*IndexMark
	// Reported is set when an error about the entry (a glossary entry not found) was
	// reported: its having no pages is no second mistake.
	Reported bool
}

// Apparatus is the book's reference matter: glossary, chronology and index.
type Apparatus struct {
	Glossary   []*GlossaryEntry
	Chronology []*ChronologyEntry
	Index      []*IndexEntry
	// GlossaryLinks says which uses of a glossary term link to it: "first" (the first in each
	// chapter), "every", or "none".
	GlossaryLinks string
	// NotAcronyms are words in capitals the author says are not acronyms (book.yaml).
	NotAcronyms []string
}

// Generated lists the generated back-matter chapters the apparatus calls for, in order.
func (a *Apparatus) Generated() []ChapterRole {
	var out []ChapterRole
	for _, r := range GeneratedChapters {
		if a.has(r) {
			out = append(out, r)
		}
	}
	return out
}

// Places counts the places in the text the apparatus marks: the index's marks (its
// sub-entries' too) and the glossary's uses, most of a long book's anchors. Nil counts none.
func (a *Apparatus) Places() int {
	if a == nil {
		return 0
	}
	n := 0
	for _, e := range a.Index {
		n += len(e.Marks)
		for _, sub := range e.Sub {
			n += len(sub.Marks)
		}
	}
	for _, g := range a.Glossary {
		n += len(g.Uses)
	}
	return n
}

// has reports whether the apparatus has entries for a generated chapter.
func (a *Apparatus) has(r ChapterRole) bool {
	switch r {
	case ChronologyChapter:
		return len(a.Chronology) > 0
	case GlossaryChapter:
		return len(a.Glossary) > 0
	case IndexChapter:
		return len(a.Index) > 0
	}
	return false
}
