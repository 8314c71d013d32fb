package link

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Found keeps, from one Resolve to the next (a rebuild: bindery watch and serve), where the
// term search found the index's and the glossary's terms in each text of the book, so that a
// text an edit did not change is not searched again. What it keeps serves one set of terms
// (the apparatus's forms and the book's language): another set starts afresh. Only the texts
// the last Resolve searched are kept. Safe for the concurrent chapters of one Resolve; the
// Resolves sharing one must not run at the same time.
type Found struct {
	mu    sync.Mutex
	terms string                   // the terms searched for, written out (termSearch.key)
	kept  map[foundKey][]keptMatch // by what was searched and where
	next  map[foundKey][]keptMatch // what this Resolve used or found
	made  atomic.Int64
}

// NewFound returns an empty Found.
func NewFound() *Found { return &Found{} }

// Searched is how many texts the last Resolve searched (the others' matches were kept).
func (f *Found) Searched() int { return int(f.made.Load()) }

// foundKey is one search: of the index's forms (kind 'i'), its exclusions ('x') or the
// glossary's ('g'), in a text.
type foundKey struct {
	kind byte
	text string
}

// keptMatch is a match whose target is told by its number in termSearch.targets: the entries
// themselves are new in every build.
type keptMatch struct{ start, end, target int32 }

// begin starts a Resolve searching for terms; nil-safe.
func (f *Found) begin(terms string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.terms != terms {
		f.terms, f.kept = terms, nil
	}
	f.next = map[foundKey][]keptMatch{}
	f.made.Store(0)
}

// end lets go of what the finished Resolve did not use.
func (f *Found) end() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kept, f.next = f.next, nil
}

// find returns the matches of ps in text, kept from before or searched now; ts numbers the
// targets. f may be nil.
func (f *Found) find(kind byte, ps *phrases, ts *termSearch, text string) []match {
	if f == nil {
		return ps.find(text)
	}
	k := foundKey{kind, text}
	f.mu.Lock()
	kept, ok := f.next[k] // the same text elsewhere in this build
	if !ok {
		if kept, ok = f.kept[k]; ok {
			f.next[k] = kept
		}
	}
	f.mu.Unlock()
	if ok {
		out := make([]match, len(kept))
		for i, m := range kept {
			out[i] = match{int(m.start), int(m.end), ts.targets[m.target]}
		}
		return out
	}
	found := ps.find(text)
	kept = make([]keptMatch, len(found))
	for i, m := range found {
		kept[i] = keptMatch{int32(m.start), int32(m.end), int32(m.to.n)}
	}
	f.made.Add(1)
	f.mu.Lock()
	f.next[k] = kept
	f.mu.Unlock()
	return found
}

// termSearch is what findTerms looks for: the index's forms, its exclusions and the
// glossary's, every target numbered, and all of it written out (key) for Found.
type termSearch struct {
	idx, gl, excl *phrases
	targets       []target
	key           strings.Builder
}

// add numbers a target and adds its forms to ps.
func (ts *termSearch) add(ps *phrases, kind byte, forms []string, to target) {
	if len(forms) == 0 {
		return
	}
	to.n = len(ts.targets)
	ts.targets = append(ts.targets, to)
	ts.key.WriteByte(kind)
	ts.key.WriteString(strconv.Itoa(to.n))
	for _, form := range forms {
		ts.key.WriteByte(0)
		ts.key.WriteString(form)
		ps.add(form, to)
	}
	ts.key.WriteByte(1)
}
