// Package link resolves the references between parts of a book and rejects those that dangle:
// after it, every "#id" in the document model names an anchor that exists.
package link

import (
	"strings"

	"bindery/book/diag"
	"bindery/book/doc"
)

// Resolve finds glossary and index terms in the text, registers the apparatus's anchors, and
// checks every internal link, cross-reference, index mark and chronology anchor of the book.
func Resolve(b *doc.Book) diag.List {
	list := linkTerms(b)
	list = append(list, registerApparatus(b)...)
	for _, ch := range b.AllChapters() {
		visitInlines(ch, func(pos diag.Pos, in doc.Inline) {
			if x, ok := in.(*doc.CrossRef); ok {
				if _, found := b.Anchors.Lookup(x.Target); !found {
					list.Errorf(x.Pos, "cross-reference [](#%s): no heading, anchor or entry in the book has that ID", x.Target)
				}
				return
			}
			l, ok := in.(*doc.Link)
			if !ok || !strings.HasPrefix(l.URL, "#") {
				return
			}
			id := strings.TrimPrefix(l.URL, "#")
			if _, ok := b.Anchors.Lookup(id); !ok {
				list.Errorf(l.Pos, "link to #%s: no heading, note or anchor in the book has that ID", id)
			}
		})
	}
	return list
}

// registerApparatus registers the glossary, chronology and index anchors and checks that
// each chronology entry points at an anchor in the text.
func registerApparatus(b *doc.Book) diag.List {
	var list diag.List
	a := b.Apparatus
	if a == nil {
		return nil
	}
	add := func(an *doc.Anchor) {
		if old, ok := b.Anchors.Add(an); !ok {
			list.Errorf(an.Pos, "duplicate ID %q: already used at %s", an.ID, old.Pos)
		}
	}
	for _, g := range a.Glossary {
		add(&doc.Anchor{ID: g.ID, Kind: doc.GlossaryAnchor, Title: g.Term, Pos: g.Pos})
	}
	for _, c := range a.Chronology {
		add(&doc.Anchor{ID: c.ID, Kind: doc.ChronologyAnchor, Title: c.Date.Text, Pos: c.Pos})
		if c.Anchor == "" {
			continue
		}
		if an, ok := b.Anchors.Lookup(c.Anchor); !ok {
			list.Errorf(c.Pos, "chronology entry %s points at {#%s}, which is nowhere in the text", c.Date.Text, c.Anchor)
		} else if an.Kind == doc.ChronologyAnchor || an.Kind == doc.GlossaryAnchor {
			list.Errorf(c.Pos, "chronology entry %s must point at a place in the text, not at %q", c.Date.Text, c.Anchor)
		}
	}
	for _, id := range a.GeneratedIDs() {
		if old, taken := b.Anchors.Lookup(id); taken {
			list.Errorf(old.Pos, "duplicate ID %q: the generated %s has it; give this heading another ID with {#some-id}", id, generatedTitles[id])
			continue
		}
		add(&doc.Anchor{ID: id, Kind: doc.GeneratedAnchor, Title: generatedTitles[id]})
	}
	return list
}

var generatedTitles = map[string]string{"chronology": "Chronology", "glossary": "Glossary", "index": "Index"}

// visitInlines calls fn for every inline of the chapter with the inline's position.
func visitInlines(ch *doc.Chapter, fn func(diag.Pos, doc.Inline)) {
	doc.WalkInlines(ch, func(in doc.Inline) { fn(in.Position(), in) })
}
