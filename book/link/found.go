package link

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"bindery/book/doc"
	"bindery/book/memo"
)

// Found keeps, from one Resolve to the next (a rebuild: bindery watch and serve), where the
// term search found the index's and the glossary's terms in each text of the book, so that a
// text an edit did not change is not searched again. What it keeps serves one set of terms
// (the apparatus's forms and the book's language): another set starts afresh. Only the texts
// the last Resolve searched are kept. Safe for the concurrent chapters of one Resolve; the
// Resolves sharing one must not run at the same time.
type Found struct {
	mu    sync.Mutex // guards terms, phrases and firsts
	terms string     // the terms searched for, written out (termSearch.key), with the language
	// phrases are the tables made for terms (termSearch.idx, excl, gl): each form's words
	// split and stemmed, and the words of the text stemmed since, kept as the terms are.
	phrases [3]*phrases
	firsts  map[string]wordFirsts                // the phrases by their first word (termSearch.byFirst)
	kept    memo.LastUsed[foundKey, []keptMatch] // by what was searched and where
	texts   memo.LastUsed[string, textFinds]     // the terms found in each text, by the text
	made    atomic.Int64
}

// NewFound returns an empty Found.
func NewFound() *Found { return &Found{} }

// Searched is how many texts the last Resolve searched (the others' matches were kept).
func (f *Found) Searched() int { return int(f.made.Load()) }

// foundKey is one search in a text: of the words shaped like acronyms ('a').
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
	if f.terms != terms {
		f.terms, f.phrases, f.firsts = terms, [3]*phrases{}, nil
		f.kept.Reset()
		f.texts.Reset()
	}
	f.mu.Unlock()
	f.kept.Begin()
	f.texts.Begin()
	f.made.Store(0)
}

// end lets go of what the finished Resolve did not use.
func (f *Found) end() {
	if f == nil {
		return
	}
	f.kept.End()
	f.texts.End()
}

// lookup returns the kept matches of search k, marked used by this Resolve.
func (f *Found) lookup(k foundKey) ([]keptMatch, bool) {
	return f.kept.Get(k)
}

func (f *Found) keep(k foundKey, ms []keptMatch) {
	f.kept.Put(k, ms)
}

// textFinds returns the terms found in text, kept from before or searched now with sc (then
// good until its next search when f is nil). f may be nil.
func (f *Found) textFinds(sc *findScratch, text string) textFinds {
	if f == nil {
		return sc.search(text)
	}
	if kept, ok := f.texts.Get(text); ok {
		return kept
	}
	tf := sc.search(text).clone()
	f.made.Add(1)
	f.texts.Put(text, tf)
	return tf
}

// shaped returns the words of text shaped like acronyms (doc.AcronymShape), kept from
// before or found now; f may be nil.
func (f *Found) shaped(text string) []keptMatch {
	k := foundKey{'a', text}
	if f != nil {
		if kept, ok := f.lookup(k); ok {
			return kept
		}
	}
	out := appendShaped(nil, text)
	if f != nil {
		f.keep(k, out)
	}
	return out
}

// appendShaped appends the words of text shaped like acronyms (doc.AcronymShape) to out, as
// tokens would split them. Only the words that may be (doc.CapitalWord) are split, and a word
// with a lower-case ASCII letter is none: splitting the text into a list of words first and
// looking at each was most of the acronym check.
func appendShaped(out []keptMatch, text string) []keptMatch {
	for i := 0; ; {
		start, end, lower := doc.NextWord(text, doc.CapitalWord(text, i))
		if start == len(text) {
			return out
		}
		if !lower && doc.AcronymShape(text[start:end]) {
			out = append(out, keptMatch{int32(start), int32(end), -1})
		}
		i = end
	}
}

// termSearch is what findTerms looks for: the index's forms, its exclusions and the
// glossary's, every target numbered, and all of it written out (key) for Found.
type termSearch struct {
	idx, gl, excl *phrases
	targets       []target
	key           strings.Builder
	firsts        map[string]wordFirsts // the tables' phrases by their first word as written (byFirst)
	forms         []termForms           // what add was given, for the tables (made)
	words         int                   // about how many distinct words the text holds (distinctWords)
}

// termForms are a target's forms, for one of the tables.
type termForms struct {
	ps    *phrases
	forms []string
	n     int
}

// add numbers a target and notes its forms for ps.
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
	}
	ts.key.WriteByte(1)
	ts.forms = append(ts.forms, termForms{ps, forms, to.n})
}

// made fills the tables with the forms added, or takes those the Resolve before made for
// the same terms (terms: the key, with the language) from f, pointed at this Resolve's
// entries: splitting and stemming every form was a third of a rebuild's linking. f may be nil.
func (ts *termSearch) made(f *Found, terms string) {
	if f != nil {
		f.mu.Lock()
		defer f.mu.Unlock()
		if kept := f.phrases; f.terms == terms && kept[0] != nil {
			// firsts holds the tables' own lists: re-aiming these re-aims it.
			ts.idx, ts.excl, ts.gl, ts.firsts = kept[0], kept[1], kept[2], f.firsts
			for _, ps := range kept {
				ps.each(func(p *phrase) { p.to = ts.targets[p.to.n] })
			}
			return
		}
	}
	if ts.idx.stem != nil {
		ts.idx.stems.m = make(map[string]string, ts.words) // the text's words are stemmed into it
	}
	for _, a := range ts.forms {
		for _, form := range a.forms {
			a.ps.add(form, ts.targets[a.n])
		}
	}
	ts.idx.sort()
	ts.idx.narrow()
	ts.excl.sort()
	ts.gl.sort()
	ts.byFirst()
	if f != nil {
		f.terms, f.phrases, f.firsts = terms, [3]*phrases{ts.idx, ts.excl, ts.gl}, ts.firsts
	}
}

// byFirst gathers the three tables' phrases by their first word as written (firsts), for one
// lookup a distinct word of the text where there were three.
func (ts *termSearch) byFirst() {
	ts.firsts = make(map[string]wordFirsts, len(ts.idx.byFirst)+len(ts.excl.byFirst)+len(ts.gl.byFirst))
	for k, ps := range [...]*phrases{ts.idx, ts.excl, ts.gl} {
		for w, l := range ps.byFirst {
			f := ts.firsts[w] // set by a switch, not a func: a pointer to f made it escape
			switch k {
			case 0:
				f.idx = l
			case 1:
				f.excl = l
			default:
				f.gl = l
			}
			ts.firsts[w] = f
		}
	}
}
