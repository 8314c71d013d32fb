package link

import (
	"math"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/parallel"
)

// linkTerms finds glossary and index terms in the text, on every core; it returns the
// search's notes, and the acronym check and the index's entries by term (for the author's
// marks) for the walk after (walkChapters; nil when not looked for). found, if not nil,
// keeps where the terms were found for the next build; the caller ends it (found.end) after
// the walk.
func linkTerms(b *doc.Book, found *Found) (diag.List, *acronymCheck, *markEntries) {
	a := b.Apparatus
	if a == nil {
		return nil, nil, nil
	}
	var stem stemmer
	language := ""
	if b.Meta != nil {
		stem, language = stemmerFor(b.Meta.Language), b.Meta.Language
	}
	ts := termPhrases(a, stem)
	ts.idx.reach = reachFor(language)
	ts.words = distinctWords(b)
	terms := language + "\x02" + ts.key.String()
	found.begin(terms)
	ts.made(found, terms)
	return findTerms(b, a.GlossaryLinks, ts, found), acronymsOf(b), newMarkEntries(a)
}

// distinctWords guesses how many distinct words the body's text holds, from its blocks
// (some forty words each) by Heaps' law (about 30·√words in prose), for the word tables'
// first sizes: growing them was a tenth of a short book's linking.
func distinctWords(b *doc.Book) int {
	blocks := 0
	for _, ch := range b.Chapters {
		blocks += len(ch.Blocks)
	}
	return min(1<<14, int(190*math.Sqrt(float64(blocks))))
}

// markEntries finds the index entries by their terms, for the author's marks: terms are in the
// index file's order (ties go to the first).
type markEntries struct {
	byTerm map[string]*doc.IndexEntry
	terms  []string
}

func newMarkEntries(a *doc.Apparatus) *markEntries {
	me := &markEntries{byTerm: make(map[string]*doc.IndexEntry, len(a.Index)), terms: make([]string, 0, len(a.Index))}
	for _, e := range a.Index {
		me.byTerm[e.Term] = e
		me.terms = append(me.terms, e.Term)
	}
	return me
}

// resolve finds the entry (and sub-entry) of one of the author's own index marks.
func (me *markEntries) resolve(m *doc.IndexMark, list *diag.List) {
	e, ok := me.byTerm[m.TermText]
	if !ok {
		list.DraftErrorf(m.Pos, "index mark {^%s}: no index entry has the term %q%s", m.TermText, m.TermText, diag.DidYouMean(m.TermText, me.terms))
		return
	}
	m.Entry = e
	if m.SubText != "" {
		for _, s := range e.Sub {
			if s.Term == m.SubText {
				m.Sub = s
			}
		}
		if m.Sub == nil {
			var subs []string
			for _, s := range e.Sub {
				subs = append(subs, s.Term)
			}
			list.DraftErrorf(m.Pos, "index mark {^%s!%s}: %q has no sub-entry %q%s", m.TermText, m.SubText, m.TermText, m.SubText, diag.DidYouMean(m.SubText, subs))
			return
		}
	}
}

// termPhrases are the forms to look for in the text: the index's (its entries' match forms,
// and every form of a glossary term an entry indexes), found in all their forms by the book's
// stemmer; the glossary's, found as written (a glossary reference wraps the term itself); and
// the index's exclusions, as written: places where an entry's forms are not the entry. The
// tables are filled by made.
func termPhrases(a *doc.Apparatus, stem stemmer) *termSearch {
	ts := &termSearch{idx: newPhrases(stem), excl: newPhrases(nil), gl: newPhrases(nil)}
	for _, e := range a.Index {
		for _, entry := range append([]*doc.IndexEntry{e}, e.Sub...) {
			ts.add(ts.idx, 'i', entry.Match, target{index: entry})
			ts.add(ts.excl, 'x', entry.Exclude, target{index: entry})
		}
		if e.Glossary != nil {
			ts.add(ts.idx, 'i', e.Glossary.Forms(), target{index: e})
		}
	}
	for _, g := range a.Glossary {
		ts.add(ts.gl, 'g', g.Forms(), target{glossary: g})
	}
	return ts
}

// findTerms puts a zero-width index mark before each index term found in the body's
// chapters, and makes each use of a glossary term a reference, linked as links says (by
// default the first in a chapter). Each chapter is searched on its own, on every core; the
// uses are then numbered in reading order, and the notes given in reading order. A form of an index term within one of its entry's exclusions is not
// indexed, and a note says where, for the editor to review. Each text is looked at once:
// its finds (textFinds, kept by Found for an unchanged text) are applied as the index's
// marks, then the glossary's references in the pieces the marks leave.
func findTerms(b *doc.Book, links string, ts *termSearch, found *Found) diag.List {
	chapters := b.Chapters // index and glossary look at the text, not the back matter
	searches := make([]chapterSearch, len(chapters))
	notes := make([]diag.List, len(chapters))
	scratch := make([]*findScratch, parallel.Workers(len(chapters))) // one a worker
	parallel.For(len(chapters), func(w, i int) {
		if scratch[w] == nil {
			words := ts.words
			if found != nil {
				words = 0 // a rebuild searches the texts an edit changed
			}
			scratch[w] = newFindScratch(ts, words)
		}
		cs := &searches[i]
		*cs = chapterSearch{sc: scratch[w], found: found, notes: &notes[i], links: links}
		cs.blocks(chapters[i].Blocks)
	})
	var used []*doc.GlossaryEntry // each Resolve's entries are new: they have no uses before
	for _, cs := range searches {
		for _, ref := range cs.uses {
			g := ref.Entry
			if len(g.Uses) == 0 {
				used = append(used, g)
			}
			g.Uses = append(g.Uses, ref)
		}
	}
	for _, g := range used {
		numbered(g.ID+"-use-", len(g.Uses), func(i int, id string) { g.Uses[i].ID = id })
	}
	var list diag.List
	for _, n := range notes {
		list = append(list, n...)
	}
	return list
}

// entryName is an index entry's term, with its main entry's for a sub-entry.
func entryName(e *doc.IndexEntry) string {
	if e.Parent != nil {
		return e.Parent.Term + ", " + e.Term
	}
	return e.Term
}

// checkUses reports glossary entries never used, index entries that occur nowhere, and page
// ranges left open or never opened.
func checkUses(a *doc.Apparatus) diag.List {
	var list diag.List
	for _, g := range a.Glossary {
		if len(g.Uses) == 0 {
			list.TextWarnf(g.Pos, "glossary entry %q is never used in the text", g.Term)
		}
	}
	for _, e := range a.Index {
		marks := len(e.Marks)
		// A sub-entry with a single locator is ordinary in an index ("foundation (1952), 2"):
		// it is not reported.
		for _, s := range e.Sub {
			marks += len(s.Marks)
			if len(s.Marks) == 0 {
				list.TextErrorf(s.Pos, "index sub-entry %q of %q occurs nowhere in the text: add a match or a mark {^%s!%s}", s.Term, e.Term, e.Term, s.Term)
			}
		}
		if marks == 0 && e.See == "" && !e.Reported {
			list.TextErrorf(e.Pos, "index term %q occurs nowhere in the text: check its match forms or add a mark {^%s}", e.Term, e.Term)
		}
		list = append(list, checkRanges(e)...)
		for _, s := range e.Sub {
			list = append(list, checkRanges(s)...)
		}
	}
	return list
}

// checkRanges reports a range opened and never closed, or closed and never opened.
func checkRanges(e *doc.IndexEntry) diag.List {
	var list diag.List
	var open *doc.IndexMark
	for _, m := range e.Marks {
		switch m.Range {
		case doc.RangeStart:
			if open != nil {
				list.Errorf(m.Pos, "index range for %q opened again before the one at %s was closed", e.Term, open.Pos)
			}
			open = m
		case doc.RangeStop:
			if open == nil {
				list.Errorf(m.Pos, "index range for %q closed but never opened", e.Term)
			}
			open = nil
		}
	}
	if open != nil {
		list.Errorf(open.Pos, "index range for %q is never closed: add {^…|)} where it ends", e.Term)
	}
	return list
}
