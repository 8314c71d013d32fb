// Package link resolves the references between parts of a book and rejects those that dangle:
// after it, every "#id" in the document model names an anchor that exists.
package link

import (
	"path"
	"slices"
	"strings"
	"sync"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/lang"
)

// Resolve finds glossary and index terms in the text, registers the apparatus's anchors, and
// checks every internal link, cross-reference, index mark and chronology anchor of the book.
// Links are made to name the anchor's own ID: a link to another file of the book
// ("intro.md#setup") or to the ID another tool gives a heading goes to "#id" after it.
func Resolve(b *doc.Book) diag.List { return ResolveWith(b, nil) }

// ResolveWith is Resolve with the term search's finds kept from the Resolve before in found
// (a rebuild), and kept there for the next; found may be nil.
func ResolveWith(b *doc.Book, found *Found) diag.List {
	notes, acr, me := linkTerms(b, found)
	reg := registerApparatus(b)
	walks := walkChapters(b, me, acr, found, newResolver(b))
	var list diag.List
	for _, w := range walks {
		list = append(list, w.markList...)
	}
	list = append(list, notes...)
	if a := b.Apparatus; a != nil {
		numberMarks(walks)
		list = append(list, checkUses(a)...)
		if acr != nil {
			acr.report(walks)
			list = append(list, acr.list...)
		}
		found.end()
	}
	list = append(list, reg...)
	for _, w := range walks {
		list = append(list, w.list...)
	}
	return list
}

// crossRef resolves a cross-reference ([](#id) or [](file.md#id)); its messages go to list.
func (r *resolver) crossRef(in *doc.CrossRef, list *diag.List) {
	from := r.fileOf(in.Pos.File)
	if in.File != "" {
		id, ok := r.inFile(in.Pos, in.File, in.Target, list)
		if !ok {
			list.DraftErrorf(in.Pos, "cross-reference [](%s): that file is not part of the book%s", r.written(in.File, in.Target), diag.DidYouMean(in.File, r.fileNames()))
			in.Target, in.File = "", ""
			return
		}
		in.Target, in.File = id, ""
		return
	}
	if id, ok := r.inBook(in.Pos, from, in.Target, list); ok {
		in.Target = id
	} else {
		list.TextErrorf(in.Pos, "cross-reference [](#%s): no heading, anchor or entry in the book has that ID%s", in.Target, diag.DidYouMean(in.Target, r.ids()))
	}
}

// link resolves a link to a place in the book; its messages go to list.
func (r *resolver) link(in *doc.Link, list *diag.List) {
	if in.File != "" {
		if id, ok := r.inFile(in.Pos, in.File, in.Fragment, list); ok {
			in.URL = "#" + id
		} else {
			list.WarnKind(in.Pos, "link-outside", "link to %s: not a file of the book, so the link was kept as text only", r.written(in.File, in.Fragment))
		}
		in.File, in.Fragment = "", ""
		return
	}
	if !strings.HasPrefix(in.URL, "#") {
		return
	}
	id, ok := r.inBook(in.Pos, r.fileOf(in.Pos.File), strings.TrimPrefix(in.URL, "#"), list)
	if !ok {
		list.TextErrorf(in.Pos, "link to %s: no heading, note or anchor in the book has that ID%s", in.URL, diag.DidYouMean(strings.TrimPrefix(in.URL, "#"), r.ids()))
		in.URL = "" // a draft prints its text alone
		return
	}
	in.URL = "#" + id
}

// resolver finds the anchors links name. The chapters are walked on every core: it is only
// read, but for allIDs, made once.
type resolver struct {
	b *doc.Book
	// files maps a file's name as messages give it to its path in the book.
	files map[string]string
	// allIDs are the book's IDs, sorted, once a message needs them.
	allIDs func() []string
}

func newResolver(b *doc.Book) *resolver {
	r := &resolver{b: b, files: map[string]string{}, allIDs: sync.OnceValue(b.Anchors.IDs)}
	for _, s := range b.Sources {
		for _, h := range s.Headings {
			r.files[h.Pos.File] = s.Path
		}
	}
	return r
}

func (r *resolver) fileOf(display string) string { return r.files[display] }

// ids are the IDs a link may name, for a suggestion (sorted: the same one every time).
func (r *resolver) ids() []string { return r.allIDs() }

// fileNames are the book's files as links name them, sorted.
func (r *resolver) fileNames() []string {
	names := make([]string, 0, len(r.b.Sources))
	for name := range r.b.Sources {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// inBook finds the anchor an ID names, written in file from: an anchor with that ID; else a
// heading known by that name (its ID before numbering, or another tool's), the one in the
// same file first, as a file's own links mean its own sections.
func (r *resolver) inBook(pos diag.Pos, from, id string, list *diag.List) (string, bool) {
	named := r.b.Anchors.Named(id)
	for _, a := range named {
		if from != "" && a.File == from {
			return a.ID, true
		}
	}
	if a, ok := r.b.Anchors.Lookup(id); ok {
		return a.ID, true
	}
	if len(named) == 0 {
		return "", false
	}
	if len(named) > 1 {
		var others []string
		for _, a := range named[1:] {
			others = append(others, a.Pos.String())
		}
		list.Warnf(pos, "link to #%s: %d headings are called that (%s, and %s); it goes to the first: give the one you mean an ID with {#…}",
			id, len(named), named[0].Pos, strings.Join(others, ", "))
	}
	return named[0].ID, true
}

// inFile finds where a link to a file of the book goes: the anchor its fragment names in
// that file, else the file's start. It reports false when the file is not part of the book.
func (r *resolver) inFile(pos diag.Pos, file, frag string, list *diag.List) (string, bool) {
	src := r.source(file)
	if src == nil {
		return "", false
	}
	start := src.StartID
	if start == "" && src.Chapter != nil {
		start = src.Chapter.ID
	}
	if frag == "" {
		return start, start != ""
	}
	for _, a := range r.b.Anchors.Named(frag) {
		if a.File == src.Path {
			return a.ID, true
		}
	}
	if a, ok := r.b.Anchors.Lookup(frag); ok && (a.File == src.Path || a.File == "") {
		return a.ID, true
	}
	list.Warnf(pos, "link to %s: %s has no heading or anchor with that ID, so the link goes to the start of the file", r.written(file, frag), file)
	return start, start != ""
}

// source finds a file of the book as links name it: with its Markdown name, or with the
// name of the page mdBook makes of it ("intro.html", "index.html" for README.md), or a
// folder for its README.md or index.md.
func (r *resolver) source(file string) *doc.Source {
	s := r.b.Sources
	if src, ok := s[file]; ok {
		return src
	}
	dir, base := path.Split(file)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	var candidates []string
	switch strings.ToLower(ext) {
	case ".html", ".htm", ".xhtml":
		candidates = append(candidates, dir+stem+".md", dir+stem+".markdown")
		if stem == "index" {
			candidates = append(candidates, dir+"README.md", dir+"readme.md")
		}
	case "":
		candidates = append(candidates, file+".md", file+"/README.md", file+"/index.md")
	}
	for _, c := range candidates {
		if src, ok := s[path.Clean(c)]; ok {
			return src
		}
	}
	return nil
}

// written is a link's target as the author wrote it, near enough for a message.
func (r *resolver) written(file, frag string) string {
	if frag == "" {
		return file
	}
	return file + "#" + frag
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
			at := c.AnchorPos
			if at.File == "" {
				at = c.Pos
			}
			c.Dangling = true // a draft prints "??" for its page
			list.TextErrorf(at, "chronology entry %s points at {#%s}, which is nowhere in the text%s", c.Date.Text, c.Anchor, diag.DidYouMean(c.Anchor, textAnchors(b)))
		} else if an.Kind == doc.ChronologyAnchor || an.Kind == doc.GlossaryAnchor {
			list.Errorf(c.Pos, "chronology entry %s must point at a place in the text, not at %q", c.Date.Text, c.Anchor)
		}
	}
	for _, r := range a.Generated() {
		if old, taken := b.Anchors.Lookup(r.ID()); taken {
			list.Errorf(old.Pos, "duplicate ID %q: the generated %s has it; give this heading another ID with {#some-id}", r.ID(), r.Title())
			continue
		}
		// The title a cross-reference prints: the heading in the book's language (the author's
		// labels: are not known here; the EPUB and the print heading use them).
		add(&doc.Anchor{ID: r.ID(), Kind: doc.GeneratedAnchor, Title: r.TitleIn(lang.For(language(b), nil))})
	}
	return list
}

// language is the book's language tag, or "" when the book has no metadata.
func language(b *doc.Book) string {
	if b.Meta == nil {
		return ""
	}
	return b.Meta.Language
}

// textAnchors are the IDs of places in the text (not the apparatus's own), sorted: what a
// chronology entry may point at.
func textAnchors(b *doc.Book) []string {
	var ids []string
	for _, id := range b.Anchors.IDs() {
		if a, _ := b.Anchors.Lookup(id); a.Kind != doc.ChronologyAnchor && a.Kind != doc.GlossaryAnchor && a.Kind != doc.GeneratedAnchor {
			ids = append(ids, id)
		}
	}
	return ids
}
