package link

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/parallel"
)

// target is what a phrase found in the text refers to.
type target struct {
	glossary *doc.GlossaryEntry
	index    *doc.IndexEntry
	n        int // its number in termSearch.targets
}

// phrase is a form of a term, split into words, with what stands between them ("-" in
// "flexi-proletariat", "’ " in "workers’ and"). A word in lower case is kept as its stem's
// key where the phrases have a stemmer, so that it matches every form of the word.
type phrase struct {
	words []string
	gaps  []string
	to    target
}

// phrases indexes terms by their first word, longest phrase first, so the text is scanned once.
type phrases struct {
	byFirst map[string][]phrase
	// stem, when set, finds a form's words in lower case in all their forms ("nationalise" in
	// "nationalised"); words with a capital (names, acronyms) are matched as written.
	stem stemmer
	// keys holds each word's stem key once stemmed (word → string): a book repeats its
	// words, and stemming every word of every text was a tenth of reading the book. The
	// chapters are searched on every core, hence the lock; each search asks its scratch's
	// map first (findScratch), so this one is asked once a word a scratch. A plain map, not
	// a sync.Map: that allocated a node for every word stored.
	keys *stemKeys
}

// stemKeys is a map of words to their stems' keys shared by goroutines.
type stemKeys struct {
	mu sync.RWMutex
	m  map[string]string
}

// stemKeyOf is stemKey(ps.stem(w)), each word stemmed once.
func (ps *phrases) stemKeyOf(w string) string {
	ks := ps.keys
	ks.mu.RLock()
	k, ok := ks.m[w]
	ks.mu.RUnlock()
	if ok {
		return k
	}
	k = stemKey(ps.stem(w)) // outside the lock: two goroutines may stem a word both
	ks.mu.Lock()
	ks.m[w] = k
	ks.mu.Unlock()
	return k
}

func newPhrases(stem stemmer) *phrases {
	return &phrases{byFirst: map[string][]phrase{}, stem: stem, keys: &stemKeys{m: map[string]string{}}}
}

func (ps *phrases) add(form string, to target) {
	var words, gaps []string
	toks := tokens(form)
	for i, t := range toks {
		w := t.in(form)
		if ps.stem != nil && isLower(w) {
			w = ps.stemKeyOf(w)
		}
		words = append(words, w)
		if i > 0 {
			gaps = append(gaps, normalGap(form[toks[i-1].end:t.start]))
		}
	}
	if len(words) == 0 {
		return
	}
	add := func(first string) {
		ws := append([]string{first}, words[1:]...)
		ps.byFirst[first] = append(ps.byFirst[first], phrase{ws, gaps, to})
	}
	add(words[0])
	// A term written in lower case is also found at the start of a sentence (with a stemmer,
	// find looks up a capitalised word by its stem).
	if r, n := utf8.DecodeRuneInString(words[0]); ps.stem == nil && unicode.IsLower(r) {
		add(string(unicode.ToUpper(r)) + words[0][n:])
	}
}

func (ps *phrases) sort() {
	for k, list := range ps.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
		ps.byFirst[k] = list
	}
}

// token is a word of a text: its byte offsets, 8 bytes where a copy of the string's header
// and two ints were 32 (every text of the book is split into them, several times a build).
type token struct{ start, end int32 }

func (t token) in(s string) string { return s[t.start:t.end] }

// tokens splits text into words: runs of letters and digits. Anything else separates words,
// so "MNR-army" holds the word MNR and "Morales’" the word Morales.
func tokens(s string) []token {
	// Counted first, for one allocation of the right size: an estimate by length fell short
	// often enough that growing the slice was half the cost.
	n, in := 0, false
	for i := 0; i < len(s); {
		word, size := doc.WordCharAt(s, i)
		if word && !in {
			n++
		}
		in = word
		i += size
	}
	return appendTokens(make([]token, 0, n), s)
}

// appendTokens appends the words of s to out (tokens). The term search appends to a slice
// kept from text to text, which is large enough after the first few: counting first, as
// tokens does, would be a second walk for nothing.
func appendTokens(out []token, s string) []token {
	start := -1
	for i := 0; i < len(s); {
		word, size := doc.WordCharAt(s, i)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, token{int32(start), int32(i)})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, token{int32(start), int32(len(s))})
	}
	return out
}

// findScratch is what the term search needs while it looks at one text, kept between texts:
// the text's words, what is known of each (stemFind), and what is known of the words met so
// far for one table (stemsOf), looked up here before the table's shared map (a sync.Map read
// for every word of every text was a fifth of the search).
type findScratch struct {
	toks    []token
	finds   []stemFind
	stemsOf *phrases
	stemmed map[string]stemFind
}

// stemFind is what a table with a stemmer knows of a word of the text in lower case, or
// capitalised: its stem's key (a lower-case word's only: "" when capitalised), and the
// phrases that begin with the word as written and with its stem. One lookup a word of the
// text, where the key and both lists were three.
type stemFind struct {
	key            string
	byText, byStem []phrase
}

var findScratches = sync.Pool{New: func() any { return &findScratch{stemmed: map[string]stemFind{}} }}

// find is what ps knows of w, in lower case or capitalised, asked of the scratch's map
// first. The lists are ps.byFirst's own, which nothing changes once the table is made.
func (sc *findScratch) find(ps *phrases, w string, capitalised bool) stemFind {
	if sc.stemsOf != ps {
		clear(sc.stemmed)
		sc.stemsOf = ps
	}
	if f, ok := sc.stemmed[w]; ok {
		return f
	}
	lower := w
	if capitalised {
		lower = strings.ToLower(w)
	}
	key := ps.stemKeyOf(lower)
	f := stemFind{byText: ps.byFirst[w], byStem: ps.byFirst[key]}
	if !capitalised {
		f.key = key
	}
	sc.stemmed[w] = f
	return f
}

// find returns the non-overlapping matches of phrases in s: [start, end) and what matched,
// the longest phrase at each word. Between the words of a phrase only spaces may stand. With a
// stemmer, a word of the text in lower case matches by its stem, and so does the first word
// when it is capitalised (at a sentence's start); a capitalised word within a phrase, or a
// word with other capitals, must be as written.
func (ps *phrases) find(s string) []match {
	sc := findScratches.Get().(*findScratch)
	defer findScratches.Put(sc)
	sc.toks = appendTokens(sc.toks[:0], s)
	return ps.findWords(s, sc.toks, sc)
}

// findWords is find given words of s (tokens of s, or a run of them: the matches are within
// the run), with offsets in s.
func (ps *phrases) findWords(s string, toks []token, sc *findScratch) []match {
	var finds []stemFind // with a stemmer, what is known of each word of the text
	if ps.stem != nil {
		finds = slices.Grow(sc.finds[:0], len(toks))[:len(toks)]
		sc.finds = finds
		for i, t := range toks {
			switch w := t.in(s); {
			case isLower(w):
				finds[i] = sc.find(ps, w, false)
			case isCapitalised(w):
				finds[i] = sc.find(ps, w, true)
			default:
				finds[i] = stemFind{byText: ps.byFirst[w]}
			}
		}
	}
	wordAt := func(k int, w string) bool {
		return toks[k].in(s) == w || (finds != nil && finds[k].key != "" && finds[k].key == w)
	}
	var out []match
	for i := 0; i < len(toks); i++ {
		// The phrases beginning with the word as written, and with its stem's key.
		var byText, byStem []phrase
		if finds != nil {
			byText, byStem = finds[i].byText, finds[i].byStem
		} else {
			byText = ps.byFirst[toks[i].in(s)]
		}
		var best *phrase
		for _, list := range [2][]phrase{byText, byStem} {
			for j := range list {
				p := &list[j]
				if i+len(p.words) > len(toks) || (best != nil && len(p.words) <= len(best.words)) {
					continue
				}
				ok := true
				for k := 1; k < len(p.words) && ok; k++ {
					ok = wordAt(i+k, p.words[k]) && normalGap(s[toks[i+k-1].end:toks[i+k].start]) == p.gaps[k-1]
				}
				if ok {
					best = p
				}
			}
		}
		if best != nil {
			out = append(out, match{int(toks[i].start), int(toks[i+len(best.words)-1].end), best.to})
			i += len(best.words) - 1
		}
	}
	return out
}

// normalGap makes separators comparable: runs of spaces become one, apostrophes and
// hyphens of either kind are the same.
func normalGap(g string) string {
	if g == " " {
		return "" // the usual gap, fast
	}
	g = gapReplacer.Replace(g)
	return strings.Join(strings.Fields(g), " ") + map[bool]string{true: " ", false: ""}[strings.HasSuffix(g, " ") && strings.TrimSpace(g) != ""]
}

var gapReplacer = strings.NewReplacer("’", "'", "‘", "'", "‐", "-", "‑", "-", "\u00a0", " ")

type match struct {
	start, end int
	to         target
}

// rewrite applies fn to every text node of the running text, except inside links, code and
// glossary references, and replaces the node by what fn returns (nil: the node stays). Inlines
// where nothing was replaced are returned as they were: most texts hold no term, and a new
// slice for each would be most of what linking allocates.
func rewrite(ins []doc.Inline, fn func(*doc.Text) []doc.Inline) []doc.Inline {
	var out []doc.Inline // nil until a text is replaced
	for i, in := range ins {
		var repl []doc.Inline
		switch in := in.(type) {
		case *doc.Text:
			repl = fn(in)
		case *doc.Emphasis:
			in.Children = rewrite(in.Children, fn)
		case *doc.Strong:
			in.Children = rewrite(in.Children, fn)
		case *doc.Styled:
			if in.Style != doc.Keyboard {
				in.Children = rewrite(in.Children, fn)
			}
		}
		if repl != nil && out == nil {
			out = append(make([]doc.Inline, 0, len(ins)+len(repl)), ins[:i]...)
		}
		switch {
		case repl != nil:
			out = append(out, repl...)
		case out != nil:
			out = append(out, in)
		}
	}
	if out == nil {
		return ins
	}
	return out
}

// rewriteBlocks applies rewrite to the paragraphs, quotes, lists and tables of a chapter.
func rewriteBlocks(blocks []doc.Block, fn func(*doc.Text) []doc.Inline) {
	doc.Walk(blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Paragraph:
			b.Inlines = rewrite(b.Inlines, fn)
		case *doc.Table:
			for _, row := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
				for _, c := range row {
					c.Inlines = rewrite(c.Inlines, fn)
				}
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				it.Term = rewrite(it.Term, fn)
			}
		case *doc.Figure:
			b.Caption = rewrite(b.Caption, fn)
		}
		return true
	})
}

// splice cuts a text node at the matches and puts the node that makeNode returns at each.
// With consume set the matched text goes to the node (a glossary reference wraps it);
// otherwise the node is a zero-width mark before the text. Without matches it returns nil:
// the node stays as it is (rewrite).
func splice(t *doc.Text, ms []match, consume bool, makeNode func(m match, at doc.At, matched string) doc.Inline) []doc.Inline {
	if len(ms) == 0 {
		return nil
	}
	out := make([]doc.Inline, 0, 2*len(ms)+1)
	last := 0
	for _, m := range ms {
		if m.start > last {
			out = append(out, t.Slice(last, m.start))
		}
		out = append(out, makeNode(m, doc.At{Pos: t.PosAt(m.start)}, t.Text[m.start:m.end]))
		last = m.start
		if consume {
			last = m.end
		}
	}
	if last < len(t.Text) {
		out = append(out, t.Slice(last, len(t.Text)))
	}
	return out
}

// linkTerms finds glossary and index terms in the text and resolves the author's index
// marks, on every core; it returns their messages and the acronym check for the walk after
// (walkChapters; nil when not looked for). found, if not nil, keeps where the terms were
// found for the next build; the caller ends it (found.end) after the walk.
func linkTerms(b *doc.Book, found *Found) (diag.List, *acronymCheck) {
	a := b.Apparatus
	if a == nil {
		return nil, nil
	}
	var stem stemmer
	language := ""
	if b.Meta != nil {
		stem, language = stemmerFor(b.Meta.Language), b.Meta.Language
	}
	ts := termPhrases(a, stem)
	terms := language + "\x02" + ts.key.String()
	found.begin(terms)
	ts.made(found, terms)
	return findTerms(b, a.GlossaryLinks, ts, found), acronymsOf(b)
}

// markEntries finds the index entries by their terms, for resolveMarks: terms are in the
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

// resolveMarks finds the entry (and sub-entry) of each of the author's own index marks in
// one chapter.
func (me *markEntries) resolveMarks(ch *doc.Chapter, list *diag.List) {
	doc.WalkInlines(ch, func(in doc.Inline) {
		m, ok := in.(*doc.IndexMark)
		if !ok || m.Entry != nil {
			return
		}
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
	})
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

// findTerms resolves the author's index marks in every chapter, then puts a zero-width
// index mark before each index term found in the body's chapters, and makes each use of a
// glossary term a reference, linked as links says (by default the first in a chapter). Each
// chapter is searched on its own, on every core; the uses are then numbered in reading
// order, and the messages given in the order of a walk of the book (the marks', then the
// term search's). A form of an index term within one of its entry's exclusions is not
// indexed, and a note says where, for the editor to review. Each text is looked at once:
// its finds (textFinds, kept by Found for an unchanged text) are applied as the index's
// marks, then the glossary's references in the pieces the marks leave.
func findTerms(b *doc.Book, links string, ts *termSearch, found *Found) diag.List {
	chapters := b.AllChapters()
	me := newMarkEntries(b.Apparatus)
	uses := make([][]*doc.GlossaryRef, len(chapters))
	marks := make([]diag.List, len(chapters))
	notes := make([]diag.List, len(chapters))
	parallel.For(len(chapters), func(_, i int) {
		me.resolveMarks(chapters[i], &marks[i])
		if i >= len(b.Chapters) {
			return // index and glossary look at the text, not the back matter
		}
		linked := map[*doc.GlossaryEntry]bool{}
		glossaryRef := func(m match, at doc.At, used string) doc.Inline {
			g := m.to.glossary
			ref := &doc.GlossaryRef{At: at, Entry: g, Children: []doc.Inline{&doc.Text{At: at, Text: used}}}
			switch links {
			case "every":
				ref.Linked = true
			case "first", "":
				ref.Linked = !linked[g]
			}
			linked[g] = true
			uses[i] = append(uses[i], ref)
			return ref
		}
		rewriteBlocks(chapters[i].Blocks, func(t *doc.Text) []doc.Inline {
			return found.textFinds(ts, t.Text).apply(t, ts, &notes[i], glossaryRef)
		})
	})
	for _, refs := range uses {
		for _, ref := range refs {
			g := ref.Entry
			g.Uses = append(g.Uses, ref)
			ref.ID = g.ID + "-use-" + strconv.Itoa(len(g.Uses))
		}
	}
	var list diag.List
	for _, n := range marks {
		list = append(list, n...)
	}
	for _, n := range notes {
		list = append(list, n...)
	}
	return list
}

// textFinds are the terms found in one text, by the targets' numbers (termSearch.targets):
// the index's forms kept (marks), those an exclusion dropped (dropped, each with the
// exclusion's place in xs), and the glossary's forms in each piece the marks cut the text
// into (gloss, offsets within the piece; nil when there are no marks and no forms). They
// depend only on the text and the terms.
type textFinds struct {
	marks, dropped, xs []keptMatch
	gloss              [][]keptMatch
}

// findIn searches text for the terms of ts. The text is split into words once for the
// three tables: a piece (between the index's marks) starts at a word, so its words are a run
// of the text's.
func findIn(ts *termSearch, text string) textFinds {
	sc := findScratches.Get().(*findScratch)
	defer findScratches.Put(sc)
	toks := appendTokens(sc.toks[:0], text)
	sc.toks = toks
	var tf textFinds
	in := ts.idx.findWords(text, toks, sc)
	if len(ts.excl.byFirst) > 0 && len(in) > 0 {
		excl := ts.excl.findWords(text, toks, sc)
		kept := in[:0:0]
		for _, m := range in {
			if x, ok := exclusionOf(m, excl); ok {
				tf.dropped = append(tf.dropped, keep(m))
				tf.xs = append(tf.xs, keep(x))
				continue
			}
			kept = append(kept, m)
		}
		in = kept
	}
	for _, m := range in {
		tf.marks = append(tf.marks, keep(m))
	}
	if len(tf.marks) == 0 {
		// One piece, the whole text; gloss stays nil when the glossary has nothing in it
		// either (most texts): no slice of pieces, no slice of one empty list.
		if g := ts.gl.findWords(text, toks, sc); len(g) > 0 {
			kept := make([]keptMatch, len(g))
			for i, m := range g {
				kept[i] = keep(m)
			}
			tf.gloss = [][]keptMatch{kept}
		}
		return tf
	}
	first := 0 // the first word of the piece
	for _, p := range pieces(len(text), tf.marks) {
		for first < len(toks) && int(toks[first].start) < p[0] {
			first++
		}
		end := first
		for end < len(toks) && int(toks[end].start) < p[1] {
			end++
		}
		var g []keptMatch
		for _, m := range ts.gl.findWords(text, toks[first:end], sc) {
			m.start -= p[0]
			m.end -= p[0]
			g = append(g, keep(m))
		}
		tf.gloss = append(tf.gloss, g)
		first = end
	}
	return tf
}

func keep(m match) keptMatch { return keptMatch{int32(m.start), int32(m.end), int32(m.to.n)} }

// exclusionOf is the first exclusion of m's own entry that overlaps it.
func exclusionOf(m match, excl []match) (match, bool) {
	for _, x := range excl {
		if x.to.index == m.to.index && x.start < m.end && m.start < x.end {
			return x, true
		}
	}
	return match{}, false
}

// pieces are the spans [from, to) a text of length n is cut into by zero-width marks at
// the starts of ms, empty spans left out: what splice leaves of it.
func pieces(n int, ms []keptMatch) [][2]int {
	out := make([][2]int, 0, len(ms)+1)
	last := 0
	for _, m := range ms {
		if int(m.start) > last {
			out = append(out, [2]int{last, int(m.start)})
		}
		last = int(m.start)
	}
	if last < n {
		out = append(out, [2]int{last, n})
	}
	return out
}

// apply puts the finds into t: an index mark before each kept form, a note for each dropped
// one, then the glossary's references in each piece. It returns what replaces t, or nil
// when nothing was found (t stays).
func (tf textFinds) apply(t *doc.Text, ts *termSearch, notes *diag.List, glossaryRef func(match, doc.At, string) doc.Inline) []doc.Inline {
	for k, d := range tf.dropped {
		x := tf.xs[k]
		notes.NoteKind(t.PosAt(int(d.start)), "index-exclusion", "%q, a form of the index term %q, is not indexed here: the entry excludes %q", t.Text[d.start:d.end], entryName(ts.targets[d.target].index), t.Text[x.start:x.end])
	}
	if len(tf.marks) == 0 { // one piece, t itself
		if len(tf.gloss) == 0 {
			return nil
		}
		return splice(t, tf.matches(tf.gloss[0], ts), true, glossaryRef)
	}
	parts := splice(t, tf.matches(tf.marks, ts), false, func(m match, at doc.At, form string) doc.Inline {
		e, sub := m.to.index, (*doc.IndexEntry)(nil)
		if e.Parent != nil {
			e, sub = e.Parent, e
		}
		return &doc.IndexMark{At: at, Entry: e, Sub: sub, TermText: e.Term, Found: true, Form: form}
	})
	n := len(parts)
	for _, g := range tf.gloss {
		n += 2 * len(g)
	}
	out, piece := make([]doc.Inline, 0, n), 0
	for _, in := range parts {
		p, ok := in.(*doc.Text)
		if !ok {
			out = append(out, in)
			continue
		}
		repl := splice(p, tf.matches(tf.gloss[piece], ts), true, glossaryRef)
		piece++
		if repl == nil {
			out = append(out, p)
		} else {
			out = append(out, repl...)
		}
	}
	return out
}

// matches points kept finds at this build's targets.
func (textFinds) matches(kept []keptMatch, ts *termSearch) []match {
	if len(kept) == 0 {
		return nil
	}
	out := make([]match, len(kept))
	for i, m := range kept {
		out[i] = match{int(m.start), int(m.end), ts.targets[m.target]}
	}
	return out
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
