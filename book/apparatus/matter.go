// Package apparatus reads the reference apparatus an author writes beside the manuscript — the
// glossary, the chronology and the index terms, as YAML lists — into the document model,
// reporting every problem with file, line and column.
package apparatus

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/markdown"
	"bindery/book/parallel"

	"go.yaml.in/yaml/v3"
)

// Load reads the glossary, chronology and index the configuration names. Files not named are
// simply absent from the book. The three are read at once (a long book's chronology alone
// is most of the apparatus), each into its own field; the index's references to the
// glossary are resolved once the glossary is read. What they report comes in that order.
func Load(cfg *config.Book) (*doc.Apparatus, diag.List) {
	a := &doc.Apparatus{GlossaryLinks: cfg.GlossaryLinks, NotAcronyms: cfg.NotAcronyms}
	// A glossary named but unread: the index's references to it cannot be checked.
	glossaryKnown := !slices.Contains(cfg.Unread, "glossary")
	var glossary, chronology, index diag.List
	var wg sync.WaitGroup
	glossaryRead := make(chan struct{})
	if cfg.Chronology.Path != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chronology = loadChronology(a, cfg.Chronology, cfg.Language)
		}()
	}
	if cfg.Index.Path != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			index = loadIndex(a, cfg.Index, func() bool { <-glossaryRead; return glossaryKnown }, cfg.Language)
		}()
	}
	// The glossary on this goroutine, which is running: the index waits for it, and a
	// goroutine of its own was started late beside the chapters (traced at 1x: 10-15 ms).
	if cfg.Glossary.Path != "" {
		var ok bool
		glossary, ok = loadGlossary(a, cfg.Glossary, cfg.Language)
		glossaryKnown = glossaryKnown && ok
	}
	close(glossaryRead)
	wg.Wait()
	return a, append(append(glossary, chronology...), index...)
}

// reader holds one YAML file's list of entries.
type reader struct {
	lang  string // the book's language, for the Markdown's quotation marks
	file  string
	items []*yaml.Node
	list  diag.List
	// meant holds, by entry, the keys an unknown key was taken for ("ancor" for "anchor"):
	// the unknown key's error says so, and no second one says the key is missing.
	meant map[*yaml.Node][]string
	// store holds the entries' fields, each entry's a piece of it.
	store []field
	// unreadable: the file could not be read as a list of entries (reported).
	unreadable bool
}

func open(f config.File, what string) *reader {
	r := &reader{file: displayPath(f.Path), meant: map[*yaml.Node][]string{}}
	var twice diag.List // keys given twice: errors, but the entries are read all the same
	defer func() {
		r.unreadable = r.list.HasErrors()
		r.list = append(r.list, twice...)
	}()
	data, err := os.ReadFile(f.Path)
	if err != nil {
		r.list.Errorf(f.Pos, "%s: %v", what, err)
		return r
	}
	if d, bad := diag.InvalidUTF8(r.file, data); bad {
		r.list = append(r.list, d)
		return r
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	root, plain := parsePlainList(data)
	if !plain {
		if err := yaml.Unmarshal(data, &root); err != nil {
			r.list = append(r.list, config.YAMLError(r.file, data, err)...)
			return r
		}
	}
	twice = config.DuplicateKeys(r.file, &root, "")
	if len(root.Content) == 0 {
		return r
	}
	seq := root.Content[0]
	if seq.Kind != yaml.SequenceNode {
		r.list.Errorf(r.at(seq), "the %s must be a list of entries (each starting with \"- \")", what)
		return r
	}
	r.items = seq.Content
	keys := 0
	for _, it := range r.items {
		keys += len(it.Content) / 2
	}
	r.store = make([]field, 0, keys)
	return r
}

func displayPath(p string) string { return strings.TrimPrefix(p, "./") }

func (r *reader) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: r.file, Line: n.Line, Col: n.Column}
}

// fields reads an entry's keys, rejecting unknown ones; nil if n is not a mapping.
func (r *reader) fields(n *yaml.Node, known ...string) fields {
	if n.Kind != yaml.MappingNode {
		r.list.Errorf(r.at(n), "expected an entry with keys (%s)", strings.Join(known, ", "))
		return nil
	}
	start := len(r.store)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ok := false
		for _, kn := range known {
			ok = ok || kn == k.Value
		}
		if !ok {
			r.list.Errorf(r.at(k), "unknown key %q%s", k.Value, diag.Alternatives(k.Value, known))
			if s := diag.Suggest(k.Value, known); s != "" {
				r.meant[n] = append(r.meant[n], s)
			}
			continue
		}
		r.store = append(r.store, field{k.Value, n.Content[i+1]})
	}
	if len(r.store) == start {
		return fields{}
	}
	return r.store[start:len(r.store):len(r.store)]
}

// field is an entry's key and its value.
type field struct {
	key string
	val *yaml.Node
}

// fields are an entry's known keys, in the file's order: a few, looked up by a scan (a map an
// entry was most of what reading the entries allocated).
type fields []field

// get is the value of key; a key given twice has its last value.
func (f fields) get(key string) (*yaml.Node, bool) {
	for i := len(f) - 1; i >= 0; i-- {
		if f[i].key == key {
			return f[i].val, true
		}
	}
	return nil, false
}

// node is the value of key, or nil.
func (f fields) node(key string) *yaml.Node {
	n, _ := f.get(key)
	return n
}

func (r *reader) str(f fields, key string, required bool, entry *yaml.Node) string {
	n, ok := f.get(key)
	if !ok || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		if required && !slices.Contains(r.meant[entry], key) {
			r.list.Errorf(r.at(entry), "%s is missing", key)
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.list.Errorf(r.at(n), "%s must be text", key)
		return ""
	}
	v := strings.TrimSpace(n.Value)
	if required && v == "" {
		r.list.Errorf(r.at(n), "%s is empty", key)
	}
	return v
}

func (r *reader) strs(f fields, key string) ([]string, *yaml.Node) {
	n, ok := f.get(key)
	if !ok || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{strings.TrimSpace(n.Value)}, n
	}
	if n.Kind != yaml.SequenceNode {
		r.list.Errorf(r.at(n), "%s must be a list", key)
		return nil, n
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
			r.list.Errorf(r.at(c), "%s: expected text", key)
			continue
		}
		out = append(out, strings.TrimSpace(c.Value))
	}
	return out, n
}

// plainLines is whether markdownText takes plain lines without the parse (off in a test, to
// compare).
var plainLines = true

// markdownText parses a short Markdown text (a definition, an event) into inlines.
func (r *reader) markdownText(n *yaml.Node, text string) []doc.Inline {
	// Parsed after a heading line and a blank one: the text is on line 3.
	if ins, ok := markdown.PlainLine(r.file, 3, text, r.lang); ok && plainLines {
		return ins // one line of plain text: the inlines the parse gives, without it
	}
	ch, l := markdown.ParseIn(r.file, []byte("# x\n\n"+text), doc.BodyMatter, r.lang)
	for _, d := range l {
		d.Pos = r.at(n)
		r.list = append(r.list, d)
	}
	if ch == nil {
		return nil
	}
	var out []doc.Inline
	for _, b := range ch.Blocks[1:] {
		if p, ok := b.(*doc.Paragraph); ok {
			if len(out) > 0 {
				out = append(out, &doc.Text{Text: " "})
			}
			out = append(out, p.Inlines...)
		}
	}
	return out
}

// loadGlossary reads the glossary; ok is false if the file could not be read as a list. Its
// entries are read on every core (each definition is Markdown to parse: they were most of
// reading the glossary, one after another, and the book waited for them); what they
// report is added in the file's order.
func loadGlossary(a *doc.Apparatus, f config.File, lang string) (list diag.List, ok bool) {
	r := open(f, "glossary")
	r.lang = lang
	byID := make(map[string]*doc.GlossaryEntry, len(r.items))
	seeAlso := map[*doc.GlossaryEntry]*yaml.Node{}
	if len(r.items) > 0 { // else nil, as an apparatus without the file has it
		a.Glossary = make([]*doc.GlossaryEntry, 0, len(r.items))
	}
	entries, rests := readEach(r, glossaryEntry)
	for i, g := range entries {
		if g == nil {
			r.list = append(r.list, rests[i]...)
			continue
		}
		r.list = append(r.list, g.head...)
		if old, dup := byID[g.id]; dup {
			// Reported once: what the rest of the entry would say is left out.
			r.list.Errorf(r.at(r.items[i]), "glossary id %q is used twice (first at %s)", g.id, old.Pos)
			continue
		}
		byID[g.id] = g.e
		r.list = append(r.list, rests[i]...)
		if g.seeAlso != nil {
			seeAlso[g.e] = g.seeAlso
		}
		a.Glossary = append(a.Glossary, g.e)
	}
	known := make([]string, 0, len(a.Glossary)) // in the file's order: ties go to the first
	for _, e := range a.Glossary {
		known = append(known, strings.TrimPrefix(e.ID, "g-"))
	}
	for _, e := range a.Glossary {
		n := seeAlso[e]
		if n == nil {
			continue
		}
		ids, _ := r.strs(fields{{"see_also", n}}, "see_also")
		for _, id := range ids {
			target, ok := byID[id]
			switch {
			case !ok:
				r.list.DraftErrorf(r.at(n), "see_also: no glossary entry has the id %q%s", id, diag.DidYouMean(id, known))
			case target == e:
				r.list.Errorf(r.at(n), "see_also: the entry %q refers to itself", id)
			default:
				e.SeeAlso = append(e.SeeAlso, target)
			}
		}
	}
	return r.list, !r.unreadable
}

// glossaryItem is a glossary entry read, before its id is checked against the others'.
type glossaryItem struct {
	e       *doc.GlossaryEntry
	id      string
	head    diag.List  // what its keys, term and id reported; the rest of the entry's is after
	seeAlso *yaml.Node // its see_also, resolved once every entry is read
}

// glossaryEntry reads one entry of the glossary, item; nil if it is not an entry.
func glossaryEntry(r *reader, _ int, item *yaml.Node) *glossaryItem {
	fs := r.fields(item, "id", "term", "expansion", "aliases", "plural", "definition", "see_also", "source")
	if fs == nil {
		return nil
	}
	e := &doc.GlossaryEntry{Pos: r.at(item)}
	e.Term = r.str(fs, "term", true, item)
	id := r.str(fs, "id", false, item)
	if id == "" {
		id = strings.TrimPrefix(doc.Slug(e.Term), "s-")
	}
	if !doc.ValidID(id) {
		r.list.Errorf(r.at(item), "glossary id %q: use letters, digits and '-', starting with a letter", id)
	}
	e.ID = "g-" + id
	g := &glossaryItem{e: e, id: id, head: r.list}
	r.list = nil
	e.Expansion = r.str(fs, "expansion", false, item)
	e.Aliases, _ = r.strs(fs, "aliases")
	e.Plural = r.str(fs, "plural", false, item)
	e.Source = r.str(fs, "source", false, item)
	if def := r.str(fs, "definition", true, item); def != "" {
		e.Definition = r.markdownText(fs.node("definition"), def)
	}
	g.seeAlso = fs.node("see_also")
	return g
}

// ParseDate reads a chronology date: YYYY, YYYY-MM, YYYY-MM-DD, "c. YYYY", or a range A/B.
func ParseDate(s string) (doc.Date, error) {
	approx, start, end, ok := splitDate(strings.TrimSpace(s))
	if !ok {
		return doc.Date{}, fmt.Errorf("%q is not a date: write YYYY, YYYY-MM, YYYY-MM-DD, \"c. YYYY\" or a range like 2000/2003", s)
	}
	d := doc.Date{Text: strings.TrimSpace(s), Sort: start, Approx: approx, End: end}
	for _, part := range []string{d.Sort, d.End} {
		if part == "" {
			continue
		}
		if _, err := config.ParseDate(part); err != nil {
			return doc.Date{}, fmt.Errorf("%q: no such date: %v", part, err)
		}
	}
	if d.End != "" && d.End < d.Sort {
		return doc.Date{}, fmt.Errorf("%q: the range ends before it starts", s)
	}
	return d, nil
}

// splitDate matches s to `^(c\.\s*)?(D)(?:/(D))?$`, D being `\d{4}(?:-\d{2}(?:-\d{2})?)?`, by
// hand: compiling the expression was most of what a chronology's dates cost.
func splitDate(s string) (approx bool, start, end string, ok bool) {
	if rest, found := strings.CutPrefix(s, "c."); found {
		approx, s = true, strings.TrimLeft(rest, "\t\n\f\r ") // \s in Go's expressions
	}
	start, s = datePart(s)
	if start == "" {
		return false, "", "", false
	}
	if rest, found := strings.CutPrefix(s, "/"); found {
		if end, s = datePart(rest); end == "" {
			return false, "", "", false
		}
	}
	if s != "" {
		return false, "", "", false
	}
	return approx, start, end, true
}

// datePart takes YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits) from s's start: the longest, as
// the expression's greedy options take it; "" if s does not start with four digits.
func datePart(s string) (part, rest string) {
	if !digits(s, 0, 4) {
		return "", s
	}
	n := 4
	for range 2 {
		if len(s) < n+3 || s[n] != '-' || !digits(s, n+1, 2) {
			break
		}
		n += 3
	}
	return s[:n], s[n:]
}

// digits says s[i:i+n] is n ASCII digits.
func digits(s string, i, n int) bool {
	if len(s) < i+n {
		return false
	}
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func loadChronology(a *doc.Apparatus, f config.File, lang string) diag.List {
	r := open(f, "chronology")
	r.lang = lang
	ids := make(map[string]diag.Pos, len(r.items))
	if len(r.items) > 0 { // else nil, as an apparatus without the file has it
		a.Chronology = make([]*doc.ChronologyEntry, 0, len(r.items))
	}
	entries, lists := readEach(r, chronologyEntry)
	for i, e := range entries {
		r.list = append(r.list, lists[i]...)
		if e == nil {
			continue
		}
		if first, dup := ids[e.ID]; dup {
			r.list.Errorf(r.at(r.items[i]), "two chronology entries point at the anchor %q (the first at %s)", e.Anchor, first)
			e.ID = fmt.Sprintf("%s-%d", e.ID, i+1)
		}
		ids[e.ID] = e.Pos
		a.Chronology = append(a.Chronology, e)
	}
	var prev *doc.ChronologyEntry
	for _, cur := range a.Chronology {
		if cur.Date.Sort == "" {
			continue
		}
		if prev != nil && cur.Date.Sort < prev.Date.Sort {
			r.list.Warnf(cur.Pos, "chronology out of order: %s comes after %s", cur.Date.Text, prev.Date.Text)
		}
		prev = cur
	}
	// The chronology is printed in date order whatever the file's order; stable for ties.
	sort.SliceStable(a.Chronology, func(i, j int) bool { return a.Chronology[i].Date.Sort < a.Chronology[j].Date.Sort })
	return r.list
}

// chronologyEntry reads the i-th entry of the chronology, item; nil if it is not an entry.
// Whether its anchor is another's is for the caller, in the file's order.
func chronologyEntry(r *reader, i int, item *yaml.Node) *doc.ChronologyEntry {
	fs := r.fields(item, "date", "event", "anchor", "source", "source_date", "note")
	if fs == nil {
		return nil
	}
	e := &doc.ChronologyEntry{Pos: r.at(item)}
	if ds := r.str(fs, "date", true, item); ds != "" {
		d, err := ParseDate(ds)
		if err != nil {
			r.list.Errorf(r.at(fs.node("date")), "%v", err)
		}
		e.Date = d
	}
	if ev := r.str(fs, "event", true, item); ev != "" {
		e.Event = r.markdownText(fs.node("event"), ev)
	}
	e.Anchor = r.str(fs, "anchor", true, item)
	e.AnchorPos = e.Pos
	if n := fs.node("anchor"); n != nil {
		e.AnchorPos = r.at(n)
	}
	e.Source = r.str(fs, "source", false, item)
	if ds := r.str(fs, "source_date", false, item); ds != "" {
		d, err := ParseDate(ds)
		switch {
		case err != nil:
			r.list.Errorf(r.at(fs.node("source_date")), "source_date: %v", err)
		case d == e.Date:
			r.list.Warnf(r.at(fs.node("source_date")), "source_date is the date itself: leave it out (it is for a text whose date differs from the record's)")
		default:
			e.SourceDate = d
		}
	}
	if note := r.str(fs, "note", false, item); note != "" {
		e.Note = r.markdownText(fs.node("note"), note)
	}
	e.ID = fmt.Sprintf("chron-%s", strings.TrimPrefix(e.Anchor, "c-"))
	if e.Anchor == "" {
		e.ID = fmt.Sprintf("chron-%d", i+1)
	}
	return e
}

// readEach reads every item of r's file with read, on every core: a long book's chronology
// is thousands of entries, each with Markdown to parse. Each worker reads through a reader
// of its own (the fields' store and the keys taken for others are an entry's alone); what
// reading each item reported is returned beside it, for the caller to add in the file's
// order.
func readEach[T any](r *reader, read func(w *reader, i int, item *yaml.Node) T) ([]T, []diag.List) {
	out, lists := make([]T, len(r.items)), make([]diag.List, len(r.items))
	workers := make([]*reader, parallel.Workers(len(r.items)))
	for w := range workers {
		workers[w] = &reader{lang: r.lang, file: r.file, meant: map[*yaml.Node][]string{},
			store: make([]field, 0, cap(r.store)/len(workers)+1)}
	}
	parallel.For(len(r.items), func(w, i int) {
		wr := workers[w]
		out[i] = read(wr, i, r.items[i])
		lists[i], wr.list = wr.list, nil
	})
	return out, lists
}

// loadIndex reads the index. glossaryRead waits for the glossary (read at the same time)
// and is false when it could not be read: references to its entries are then not checked
// (no follow-on of that error).
func loadIndex(a *doc.Apparatus, f config.File, glossaryRead func() bool, lang string) diag.List {
	r := open(f, "index")
	r.lang = lang
	byTerm, refs := r.indexEntries(a)
	r.resolveIndexRefs(a, byTerm, refs, glossaryRead())
	r.checkSeeCircles(byTerm, refs)
	return r.list
}

// indexRef is an index entry's references to other entries and to the glossary, kept until
// every entry is read.
type indexRef struct {
	e    *doc.IndexEntry
	n    *yaml.Node
	gid  string
	see  string
	also []string
	fs   fields // the entry's fields, where messages about them point
}

// field is the value of an entry's key, or the entry when it has none.
func (p indexRef) field(key string) *yaml.Node {
	if n := p.fs.node(key); n != nil {
		return n
	}
	return p.n
}

// indexEntries reads the entries and their subentries into a.Index.
func (r *reader) indexEntries(a *doc.Apparatus) (map[string]*doc.IndexEntry, []indexRef) {
	byTerm := make(map[string]*doc.IndexEntry, len(r.items))
	refs := make([]indexRef, 0, len(r.items))
	if len(r.items) > 0 { // else nil, as an apparatus without the file has it
		a.Index = make([]*doc.IndexEntry, 0, len(r.items))
	}
	for _, item := range r.items {
		fs := r.fields(item, "term", "match", "exclude", "glossary", "see", "see_also", "subentries")
		if fs == nil {
			continue
		}
		e := &doc.IndexEntry{Pos: r.at(item), Term: r.str(fs, "term", true, item)}
		if e.Term == "" {
			continue
		}
		e.ID = "ix-" + strings.TrimPrefix(doc.Slug(e.Term), "s-")
		if old, dup := byTerm[e.Term]; dup {
			r.list.Errorf(e.Pos, "index term %q appears twice (first at %s)", e.Term, old.Pos)
			continue
		}
		byTerm[e.Term] = e
		e.Match, _ = r.strs(fs, "match")
		e.Exclude, _ = r.strs(fs, "exclude")
		p := indexRef{e: e, n: item, fs: fs, gid: r.str(fs, "glossary", false, item), see: r.str(fs, "see", false, item)}
		p.also, _ = r.strs(fs, "see_also")
		refs = append(refs, p)
		if subs, ok := fs.get("subentries"); ok {
			r.subentries(e, subs)
		}
		a.Index = append(a.Index, e)
	}
	return byTerm, refs
}

// subentries reads an entry's subentries.
func (r *reader) subentries(e *doc.IndexEntry, subs *yaml.Node) {
	if subs.Kind != yaml.SequenceNode {
		r.list.Errorf(r.at(subs), "subentries must be a list")
		return
	}
	for _, sn := range subs.Content {
		sf := r.fields(sn, "term", "match", "exclude")
		if sf == nil {
			continue
		}
		s := &doc.IndexEntry{Pos: r.at(sn), Term: r.str(sf, "term", true, sn), Parent: e}
		s.ID = e.ID + "--" + strings.TrimPrefix(doc.Slug(s.Term), "s-")
		s.Match, _ = r.strs(sf, "match")
		s.Exclude, _ = r.strs(sf, "exclude")
		e.Sub = append(e.Sub, s)
	}
}

// resolveIndexRefs links each entry to its glossary entry and checks its see and see_also
// terms.
func (r *reader) resolveIndexRefs(a *doc.Apparatus, byTerm map[string]*doc.IndexEntry, refs []indexRef, glossaryKnown bool) {
	glossary := map[string]*doc.GlossaryEntry{}
	var gids, terms []string // in the files' order: ties go to the first
	for _, g := range a.Glossary {
		glossary[strings.TrimPrefix(g.ID, "g-")] = g
		gids = append(gids, strings.TrimPrefix(g.ID, "g-"))
	}
	for _, e := range a.Index {
		terms = append(terms, e.Term)
	}
	for _, p := range refs {
		if p.gid != "" {
			if g, ok := glossary[p.gid]; ok {
				p.e.Glossary = g
			} else if !glossaryKnown {
				p.e.Reported = true // its pages are the glossary's: not known either
			} else {
				p.e.Reported = true
				r.list.DraftErrorf(r.at(p.field("glossary")), "glossary: no glossary entry has the id %q%s", p.gid, diag.DidYouMean(p.gid, gids))
			}
		}
		if p.see != "" {
			if target, ok := byTerm[p.see]; !ok {
				r.list.DraftErrorf(r.at(p.field("see")), "see: no index entry has the term %q%s", p.see, diag.DidYouMean(p.see, terms))
			} else if target == p.e {
				r.list.Errorf(r.at(p.n), "see: the entry %q refers to itself", p.see)
			}
			p.e.See = p.see
		}
		for _, t := range p.also {
			if _, ok := byTerm[t]; !ok {
				r.list.DraftErrorf(r.at(p.field("see_also")), "see_also: no index entry has the term %q%s", t, diag.DidYouMean(t, terms))
			} else if t == p.e.Term {
				r.list.Errorf(r.at(p.n), "see_also: the entry %q refers to itself", t)
			} else {
				p.e.SeeAlso = append(p.e.SeeAlso, t)
			}
		}
	}
}

// checkSeeCircles: "see" references must lead somewhere. A chain that comes back to where it
// started (A see B, B see A; or longer) is reported once, at the entry that closes it.
func (r *reader) checkSeeCircles(byTerm map[string]*doc.IndexEntry, refs []indexRef) {
	reported := map[*doc.IndexEntry]bool{}
	for _, p := range refs {
		var chain []string
		e := p.e
		for steps := 0; e != nil && e.See != "" && steps <= len(byTerm); steps++ {
			chain = append(chain, e.Term)
			e = byTerm[e.See]
			if e == p.e {
				if !reported[p.e] {
					for _, t := range chain {
						reported[byTerm[t]] = true
					}
					r.list.Errorf(r.at(p.n), "see: %s → %s: the \"see\" references go round in a circle and lead to no page", strings.Join(chain, " → "), p.e.Term)
				}
				break
			}
		}
	}
}
