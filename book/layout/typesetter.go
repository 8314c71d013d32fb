package layout

import (
	"bindery/book/diag"
	"bindery/book/doc"
)

// typesetter sets a book: its chapters into the main vertical list, then pages from it. Each
// chapter is set by a typesetter of its own, on its own core (fork and join, chapters.go);
// one typesetter then builds the pages of the whole book.
type typesetter struct {
	s         *Settings
	book      *doc.Book
	vlist     []vitem
	keepNext  bool // the next line must stay on the page of the previous one (after headings)
	noIndent  bool // the next paragraph starts flush (after headings, quotes, lists)
	notes     map[*doc.Footnote][]vitem
	warnings  diag.List
	warnPlace diag.Pos
	// pageWarnings are the page builder's: a streamed pass cuts pages while it joins
	// chapters, and they are reported after the chapters' as when it does one, then the
	// other. drawMissing is the missing characters' record while pages are drawn, apart
	// from the front matter's, which a streamed pass sets after its body is drawn.
	pageWarnings diag.List
	drawMissing  map[rune]bool

	hyphens *hyphenCache // word → hyphenation points, shared by the chapters' typesetters
	// spare keeps a streamed pass's pages' arrays once painted, for its later pages (nil
	// when not streamed; a rebuild's are the Reuse's).
	spare *spareRuns
	// passPlans, in a cold pass not streamed, takes back the page plans balanceColumns
	// tries and drops (an index page is planned several times), for the next page: they
	// were 27 MB of a 100× build's allocation. Nothing else gives it plans.
	passPlans *spareRuns
	// lists are a cold pass's chapters' lists once joined, for the chapters set after.
	lists  *listPool
	spaces map[spaceKey]Length
	// spaceAsked is the last of spaces asked for, spaceAnswer its width.
	spaceAsked  spaceKey
	spaceAnswer Length

	// labels are the page labels of the previous pass, for page references in the text;
	// used records which of them the pass printed.
	labels *labelSet
	used   usedLabels
	// references is set when the text holds a page reference (a cross-reference).
	references bool
	// columns is the number of columns of the chapter being set.
	columns int
	// nestedIndex is set while setting index sub-entries.
	nestedIndex bool
	// depth is how much deeper than the text block the pages of the chapter being paginated
	// run (see vitem.depth).
	depth Length
	// columnChapter is the chapter set in columns that the page builder is in, if any.
	columnChapter *doc.Chapter
	// cache keeps set paragraphs across the passes of the page-number fixpoint.
	cache map[parKey]setParagraphResult
	// lastPass is, for a generated chapter, the paragraphs its last pass set: those this
	// pass sets again move to cache, the rest go with it once the chapter is set.
	lastPass map[parKey]setParagraphResult
	// missingAt gives, for a warning about a character missing from the font, the character:
	// chapters are set apart, and a character is reported once in a book.
	missingAt map[int]rune
	// missingLang gives, for an error about a language the font cannot set, the language:
	// one error per language in a book.
	missingLang map[int]string
	// langsMissing are the languages reported so far, when chapters are joined.
	langsMissing map[string]bool
	// generating is set while generated chapters are set.
	generating bool
	// first, in a first pass, makes the back matter once the text is paginated.
	first *firstBackMatter
	// setters are the paragraph setters of the goroutine this typesetter runs on.
	setters *setters
	// counting is set while pages are built only to be counted (chapterEnd).
	counting bool
	// missing are the characters already reported as absent from the font.
	missing map[rune]bool
	// loose gives the looseness of paragraphs set tighter or looser to rescue a chapter's
	// last page; sources, when not nil, records how each paragraph was set (rescue.go).
	loose   map[doc.Block]int
	sources map[doc.Block]parSource
	// heads are the running heads last set on a verso and on a recto (headFor).
	heads [2]headMemo
}

// Label gives the page label of an anchor as laid out in the previous pass.
func (t *typesetter) Label(id string) string {
	return t.used.label(t.labels, id)
}

// crossRefText is the print form of a cross-reference: the target's title and its page.
func (t *typesetter) crossRefText(id string) string {
	a, ok := t.book.Anchors.Lookup(id)
	if !ok {
		return doc.Unresolved // a draft's reference that leads nowhere
	}
	title := a.Title
	t.references = true
	page := t.Label(id)
	if page == "" {
		page = "?"
	}
	return doc.CrossRefText(t.s.Labels, title, page)
}
