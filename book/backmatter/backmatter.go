// Package backmatter writes the reference matter — chronology, glossary and index — as
// chapters of the document model, with page references taken from the print edition's page
// map. Both renderers set these chapters like any other, so the EPUB and the PDF show the
// same entries with the same page numbers.
package backmatter

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"bindery/book/doc"
	"bindery/book/lang"
	"bindery/book/parallel"
)

// Pages gives the printed page label of an anchor, or "" if it is not known yet (the first
// layout pass, before any page is numbered). The chapters are made on every core: Label is
// called from several goroutines at once.
type Pages interface {
	Label(id string) string
}

// Unpaged is Pages whose labels name the chapters the places are in, not pages: an EPUB made
// without the print edition (page_list: false). The back matter then says "in" where it would
// say "p." or "pp.".
type Unpaged interface {
	Pages
	Unpaged()
}

// pageWord is what stands before one page reference, in parentheses.
func pageWord(pages Pages, labels lang.Labels) string {
	if _, ok := pages.(Unpaged); ok {
		return " (in "
	}
	return " (" + labels.Get(lang.Page) + "\u00a0"
}

// Chapters builds the generated chapters the book's apparatus calls for, in order:
// chronology, glossary, index.
func Chapters(a *doc.Apparatus, pages Pages, labels lang.Labels) []*doc.Chapter {
	return ChaptersWith(a, pages, labels, nil)
}

// ChaptersWith is Chapters taking the index's lines that did not change from kept (a
// rebuild), and keeping the lines it makes there for the next; kept may be nil.
func ChaptersWith(a *doc.Apparatus, pages Pages, labels lang.Labels, kept *Kept) []*doc.Chapter {
	if a == nil {
		return nil
	}
	kinds := a.Generated()
	out := make([]*doc.Chapter, len(kinds))
	// Each is made on its own core, the index being the longest (a build waits for them
	// between layout passes).
	parallel.For(len(kinds), func(_, i int) {
		switch kinds[i] {
		case doc.ChronologyChapter:
			out[i] = Chronology(a, pages, labels)
		case doc.GlossaryChapter:
			out[i] = Glossary(a, pages, labels)
		case doc.IndexChapter:
			out[i] = indexWith(a, pages, labels, kept)
		}
	})
	return slices.DeleteFunc(out, func(c *doc.Chapter) bool { return c == nil })
}

func text(s string) *doc.Text { return &doc.Text{Text: s} }

func chapter(role doc.ChapterRole, labels lang.Labels) *doc.Chapter {
	id := role.ID()
	h := &doc.Heading{Level: 1, ID: id, Inlines: []doc.Inline{text(role.TitleIn(labels))}}
	return &doc.Chapter{ID: id, Title: h.Inlines, Matter: doc.BackMatter, Blocks: []doc.Block{h}, Generated: true, Role: role, Source: id}
}

// Chronology lists the dated events, each with the page where the text tells of it. Events
// of the same date, one after the other, stand under one date heading (the first one's
// anchor on the heading, each other's on its own paragraph).
func Chronology(a *doc.Apparatus, pages Pages, labels lang.Labels) *doc.Chapter {
	ch := chapter(doc.ChronologyChapter, labels)
	dl := &doc.DefinitionList{Role: doc.RoleChronology}
	var last *doc.DefinitionItem
	for _, e := range a.Chronology {
		def := append([]doc.Inline{}, e.Event...)
		if e.Dangling {
			def = append(def, text(pageWord(pages, labels)+doc.Unresolved+")"))
		} else if e.Anchor != "" {
			def = pageRefs(def, pages, []string{e.Anchor}, doc.RolePage, labels)
		}
		// The editor's word, after the text's: the date the text gives when the record's
		// differs, then the note.
		if e.SourceDate.Text != "" {
			def = append(def, text(" "+labels.Get(lang.TextGives, FormatDate(e.SourceDate, labels))))
		}
		if len(e.Note) > 0 {
			def = append(def, text(" "))
			def = append(def, e.Note...)
		}
		date := FormatDate(e.Date, labels)
		if last != nil && len(last.Term) == 1 && last.Term[0].(*doc.Text).Text == date {
			last.Definitions = append(last.Definitions, []doc.Block{&doc.Paragraph{ID: e.ID, Inlines: def}})
			continue
		}
		last = &doc.DefinitionItem{
			ID:          e.ID,
			Term:        []doc.Inline{text(date)},
			Definitions: [][]doc.Block{{&doc.Paragraph{Inlines: def}}},
		}
		dl.Items = append(dl.Items, last)
	}
	ch.Blocks = append(ch.Blocks, dl)
	return ch
}

// pageRefs is the book's one locator style in running text (glossary, chronology): the
// pages in parentheses after the language's abbreviation, lang.Page ("p.") for one page,
// lang.PagePlural ("pp.") for more or a range, tied to the first number, ranges with an en
// dash and full numbers: "(p. 13)", "(pp. 5, 17–18)". The index, a list of locators, gives
// them bare: "5, 17–18". Without page numbers (Unpaged) the locators name chapters: "(in …)".
// They are appended to dst after a space, if there are any.
func pageRefs(dst []doc.Inline, pages Pages, ids []string, role doc.Role, labels lang.Labels) []doc.Inline {
	list := findLocators(pages, ids, nil)
	defer list.free()
	locs := *list
	if len(locs) == 0 {
		return dst
	}
	abbr := labels.Get(lang.Page) + "\u00a0"
	if _, ok := pages.(Unpaged); ok {
		abbr = "in "
	} else if len(locs) > 1 || locs[0].last != locs[0].first || strings.Contains(locs[0].first, "–") {
		abbr = labels.Get(lang.PagePlural) + "\u00a0"
	}
	dst = slices.Grow(dst, 2*len(locs)+2)
	dst = append(dst, text(" "), text("("+abbr))
	dst = appendLocators(dst, locs, role)
	return append(dst, text(")"))
}

// FormatDate writes a chronology date as a reader of the book's language expects:
// "9 April 1952", "9 de abril de 1952", "c. 1995", "2000–2003"; a range within one month or
// year says the month and year once ("6–18 September 2003", "9 April–31 December 1952").
func FormatDate(d doc.Date, labels lang.Labels) string {
	return labels.DateRange(d.Sort, d.End, d.Approx)
}

// Glossary lists the terms with their definitions, see-also references and the pages where
// each is used.
func Glossary(a *doc.Apparatus, pages Pages, labels lang.Labels) *doc.Chapter {
	ch := chapter(doc.GlossaryChapter, labels)
	entries := append([]*doc.GlossaryEntry{}, a.Glossary...)
	col := lang.Collator(labels.Lang())
	sortStable(entries, func(x, y *doc.GlossaryEntry) bool { return col.CompareString(x.Term, y.Term) < 0 })
	dl := &doc.DefinitionList{Role: doc.RoleGlossary}
	for _, g := range entries {
		term := []doc.Inline{&doc.Span{Role: doc.RoleDefinedTerm, ID: g.ID, Children: []doc.Inline{text(g.Term)}}}
		if g.Expansion != "" {
			term = append(term, text(" ("), &doc.Emphasis{Children: []doc.Inline{text(g.Expansion)}}, text(")"))
		}
		def := append([]doc.Inline{}, g.Definition...)
		if len(g.SeeAlso) > 0 {
			def = append(def, text(" "), &doc.Emphasis{Children: []doc.Inline{text(labels.Capitalised(lang.SeeAlso))}}, text(" "))
			for i, s := range g.SeeAlso {
				if i > 0 {
					def = append(def, text(", "))
				}
				def = append(def, &doc.Link{URL: "#" + s.ID, Role: doc.RoleGlossarySeeAlso, Children: []doc.Inline{text(s.Term)}})
			}
			def = append(def, text("."))
		}
		uses := markLists.Get().(*markList)
		ids := uses.ids[:0]
		for _, u := range g.Uses {
			ids = append(ids, u.ID)
		}
		def = pageRefs(def, pages, ids, doc.RolePage, labels)
		uses.ids = ids
		markLists.Put(uses)
		dl.Items = append(dl.Items, &doc.DefinitionItem{ID: g.ID, Term: term, Definitions: [][]doc.Block{{&doc.Paragraph{Inlines: def}}}})
	}
	ch.Blocks = append(ch.Blocks, dl)
	return ch
}

// locators turns marks into page references in reading order: duplicates dropped,
// consecutive pages and marked ranges collapsed ("12–14"), each linking to its first mark.
func locators(pages Pages, ids []string, ranges []bool, role doc.Role) []doc.Inline {
	locs := findLocators(pages, ids, ranges)
	defer locs.free()
	return appendLocators(nil, *locs, role)
}

// locatorList is a list of locators, only needed until their links are made: the lists
// are kept in a pool (with their room) for the next entry's.
type locatorList []locator

var locatorLists = sync.Pool{New: func() any { return new(locatorList) }}

// free gives the list back to the pool.
func (l *locatorList) free() {
	*l = (*l)[:0]
	locatorLists.Put(l)
}

// findLocators gives the locators of marks (see locators), in a list to free once used.
func findLocators(pages Pages, ids []string, ranges []bool) *locatorList {
	list := locatorLists.Get().(*locatorList)
	locs := (*list)[:0]
	inRange := false
	for i, id := range ids {
		label := pages.Label(id)
		if label == "" {
			label = "?"
		}
		n := pageNumber(label)
		start := ranges != nil && ranges[i]
		if len(locs) > 0 {
			l := &locs[len(locs)-1]
			if l.last == label {
				if ranges != nil && !start {
					inRange = false
				}
				continue
			}
			// Extend the previous locator: within an open range, or to the next page.
			if n >= 0 && l.to >= 0 && (inRange || n == l.to+1) {
				l.last, l.to = label, n
				if ranges != nil && !start {
					inRange = false
				}
				continue
			}
		}
		locs = append(locs, locator{first: label, last: label, from: n, to: n, id: id})
		if start {
			inRange = true
		}
	}
	*list = locs
	return list
}

// locator is a page or a range of pages, linking to its first mark.
type locator struct {
	first, last string // labels
	from, to    int    // numbers, when arabic
	id          string
}

// appendLocators appends the links of a list of locators to dst, separated by commas. A long book
// has hundreds of thousands of them, alive from the back matter's making to the EPUB's
// writing: the links, their texts and their URLs are cut from one allocation each (a link
// and a text one by one took 144 and 80 bytes for 136 and 72), and one ", " serves the
// whole list (nothing changes a generated text once made).
func appendLocators(dst []doc.Inline, locs []locator, role doc.Role) []doc.Inline {
	if len(locs) == 0 {
		return dst
	}
	n := 0
	for _, l := range locs {
		n += 1 + len(l.id) + l.labelLen()
	}
	var b strings.Builder
	b.Grow(n)
	for _, l := range locs {
		b.WriteByte('#')
		b.WriteString(l.id)
		b.WriteString(l.first)
		if l.last != l.first {
			b.WriteString("–")
			b.WriteString(l.last)
		}
	}
	all := b.String()
	links, texts, kids := make([]doc.Link, len(locs)), make([]doc.Text, len(locs)), make([]doc.Inline, len(locs))
	sep := text(", ")
	out := slices.Grow(dst, 2*len(locs)-1)
	at := 0
	for i, l := range locs {
		url := all[at : at+1+len(l.id)]
		at += len(url)
		texts[i].Text = all[at : at+l.labelLen()]
		at += len(texts[i].Text)
		if i > 0 {
			out = append(out, sep)
		}
		kids[i] = &texts[i]
		links[i] = doc.Link{URL: url, Role: role, Children: kids[i : i+1 : i+1]}
		out = append(out, &links[i])
	}
	return out
}

// labelLen is the length of the locator's text: "12" or "12–14".
func (l locator) labelLen() int {
	if l.last == l.first {
		return len(l.first)
	}
	return len(l.first) + len("–") + len(l.last)
}

// pageNumber is label's value when it is a number (as strconv.Atoi reads it), else -1.
// Labels that cannot be one (roman numerals, chapter titles without the print edition) are
// told by their first byte, without Atoi's error, which allocates a copy of the label.
func pageNumber(label string) int {
	if label == "" || !('0' <= label[0] && label[0] <= '9' || label[0] == '+' || label[0] == '-') {
		return -1
	}
	n, err := strconv.Atoi(label)
	if err != nil {
		return -1
	}
	return n
}

// Index lists the index entries in letter groups, sorted by the language's collation, with
// collapsed page ranges, sub-entries, see and see-also references.
func Index(a *doc.Apparatus, pages Pages, labels lang.Labels) *doc.Chapter {
	return indexWith(a, pages, labels, nil)
}

func indexWith(a *doc.Apparatus, pages Pages, labels lang.Labels, kept *Kept) *doc.Chapter {
	ch := chapter(doc.IndexChapter, labels)
	ch.Columns = 2
	col := lang.Collator(labels.Lang())
	entries := append([]*doc.IndexEntry{}, a.Index...)
	sortStable(entries, func(x, y *doc.IndexEntry) bool { return col.CompareString(x.Term, y.Term) < 0 })
	byTerm := make(map[string]*doc.IndexEntry, len(a.Index))
	for _, e := range a.Index {
		byTerm[e.Term] = e
	}
	// Each entry's lines and letter group on every core; the groups' headings after, in order.
	items := make([]*doc.ListItem, len(entries))
	groups := make([]string, len(entries))
	_, unpaged := pages.(Unpaged)
	keys := make([][]byte, parallel.Workers(len(entries))) // the lines' keys, a buffer a worker
	seps := newRefSeps(labels.Lang())
	parallel.For(len(entries), func(worker, i int) {
		e := entries[i]
		groups[i] = lang.LetterGroup(labels.Lang(), e.Term)
		line := func(e *doc.IndexEntry) *doc.Paragraph {
			if kept == nil {
				return indexLine(e, pages, byTerm, labels, seps)
			}
			keys[worker] = lineKey(keys[worker][:0], e, pages, byTerm, labels, unpaged)
			return kept.line(keys[worker], func() *doc.Paragraph { return indexLine(e, pages, byTerm, labels, seps) })
		}
		item := &doc.ListItem{Blocks: []doc.Block{line(e)}}
		if len(e.Sub) > 0 {
			subs := &doc.List{Role: doc.RoleIndexEntryList, Tight: true}
			for _, s := range e.Sub {
				subs.Items = append(subs.Items, &doc.ListItem{Blocks: []doc.Block{line(s)}})
			}
			item.Blocks = append(item.Blocks, subs)
		}
		items[i] = item
	})
	var list *doc.List
	group := ""
	for i := range entries {
		if l := groups[i]; l != group {
			group = l
			ch.Blocks = append(ch.Blocks, &doc.Heading{Level: 2, Role: doc.RoleIndexGroup, ID: "index-" + strings.ToLower(map[bool]string{true: "symbols", false: l}[l == "#"]),
				Inlines: []doc.Inline{text(map[bool]string{true: labels.Get(lang.SymbolsAndNumbers), false: l}[l == "#"])}})
			list = &doc.List{Role: doc.RoleIndexEntryList, Tight: true}
			ch.Blocks = append(ch.Blocks, list)
		}
		list.Items = append(list.Items, items[i])
	}
	return ch
}

// refSeps are the separators before an index line's see and see-also references, as the
// language punctuates them: worked out once an index, not once a reference (a tag's tables
// looked up each time were a seventh of the unpaged back matter).
type refSeps struct{ afterTerm, afterLocators string }

func newRefSeps(tag string) refSeps {
	return refSeps{lang.PunctuateAfterText(tag, ", "), lang.PunctuateAfterText(tag, "; ")}
}

func indexLine(e *doc.IndexEntry, pages Pages, byTerm map[string]*doc.IndexEntry, labels lang.Labels, seps refSeps) *doc.Paragraph {
	marks := markLists.Get().(*markList)
	ids, starts := marks.ids[:0], marks.starts[:0]
	for _, m := range e.Marks {
		ids = append(ids, m.ID)
		starts = append(starts, m.Range == doc.RangeStart)
	}
	list := findLocators(pages, ids, starts)
	marks.ids, marks.starts = ids, starts
	markLists.Put(marks)
	defer list.free()
	locs := *list
	// The line's inlines in one allocation of the size they take (kept to the EPUB's writing).
	n := 1 + 2*len(locs)
	if e.See != "" {
		n += 4
	}
	if len(e.SeeAlso) > 0 {
		n += 2 + 2*len(e.SeeAlso)
	}
	ins := make([]doc.Inline, 1, n)
	ins[0] = &doc.Span{Role: doc.RoleIndexTerm, Children: []doc.Inline{text(e.Term)}}
	if len(locs) > 0 {
		ins = append(ins, text(", "))
		ins = appendLocators(ins, locs, doc.RoleIndexLocator)
	}
	ref := func(label string, role doc.Role, terms []string) {
		sep := seps.afterLocators
		if len(ins) == 1 {
			sep = seps.afterTerm
		}
		ins = append(ins, text(sep), &doc.Emphasis{Children: []doc.Inline{text(label)}}, text(" "))
		for i, t := range terms {
			if i > 0 {
				ins = append(ins, text(", "))
			}
			target := "index"
			if x, ok := byTerm[t]; ok {
				target = x.ID
			}
			term := &doc.Span{Role: doc.RoleIndexTerm, Children: []doc.Inline{text(t)}}
			ins = append(ins, &doc.Link{URL: "#" + target, Role: role, Children: []doc.Inline{term}})
		}
	}
	if e.See != "" {
		ref(labels.Get(lang.See), doc.RoleSee, []string{e.See})
	}
	if len(e.SeeAlso) > 0 {
		ref(labels.Get(lang.SeeAlso), doc.RoleSeeAlso, e.SeeAlso)
	}
	return &doc.Paragraph{ID: e.ID, Role: doc.RoleIndexEntry, Inlines: ins}
}

// markList is an index line's marks as findLocators reads them, only needed until it has:
// kept in a pool with their room, where two slices were made for every line at every pass.
type markList struct {
	ids    []string
	starts []bool
}

var markLists = sync.Pool{New: func() any { return new(markList) }}

func sortStable[T any](s []T, less func(a, b T) bool) {
	sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) })
}
