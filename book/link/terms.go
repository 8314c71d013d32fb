package link

import (
	"fmt"
	"sort"
	"strings"
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
}

// phrase is a form of a term, split into words, with what stands between them ("-" in
// "flexi-proletariat", "’ " in "workers’ and").
type phrase struct {
	words []string
	gaps  []string
	to    target
}

// phrases indexes terms by their first word, longest phrase first, so the text is scanned once.
type phrases map[string][]phrase

func (ps phrases) add(form string, to target) {
	var words, gaps []string
	toks := tokens(form)
	for i, t := range toks {
		words = append(words, t.text)
		if i > 0 {
			gaps = append(gaps, normalGap(form[toks[i-1].end:t.start]))
		}
	}
	if len(words) == 0 {
		return
	}
	add := func(first string) {
		ws := append([]string{first}, words[1:]...)
		ps[first] = append(ps[first], phrase{ws, gaps, to})
	}
	add(words[0])
	// A term written in lower case is also found at the start of a sentence.
	if r, n := utf8.DecodeRuneInString(words[0]); unicode.IsLower(r) {
		add(string(unicode.ToUpper(r)) + words[0][n:])
	}
}

func (ps phrases) sort() {
	for k := range ps {
		sort.SliceStable(ps[k], func(i, j int) bool { return len(ps[k][i].words) > len(ps[k][j].words) })
	}
}

type token struct {
	text       string
	start, end int // byte offsets
}

// tokens splits text into words: runs of letters and digits. Anything else separates words,
// so "MNR-army" holds the word MNR and "Morales’" the word Morales.
func tokens(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		var word bool
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, token{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{s[start:], start, len(s)})
	}
	return out
}

// find returns the non-overlapping matches of phrases in s: [start, end) and what matched.
// Between the words of a phrase only spaces may stand.
func (ps phrases) find(s string) []match {
	toks := tokens(s)
	var out []match
	for i := 0; i < len(toks); i++ {
		for _, p := range ps[toks[i].text] {
			if i+len(p.words) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p.words) && ok; k++ {
				ok = toks[i+k].text == p.words[k] && normalGap(s[toks[i+k-1].end:toks[i+k].start]) == p.gaps[k-1]
			}
			if ok {
				out = append(out, match{toks[i].start, toks[i+len(p.words)-1].end, p.to})
				i += len(p.words) - 1
				break
			}
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
// glossary references, and replaces the node by what fn returns.
func rewrite(ins []doc.Inline, fn func(*doc.Text) []doc.Inline) []doc.Inline {
	out := ins[:0:0]
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			out = append(out, fn(in)...)
			continue
		case *doc.Emphasis:
			in.Children = rewrite(in.Children, fn)
		case *doc.Strong:
			in.Children = rewrite(in.Children, fn)
		case *doc.Styled:
			if in.Style != doc.Keyboard {
				in.Children = rewrite(in.Children, fn)
			}
		}
		out = append(out, in)
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
// otherwise the node is a zero-width mark before the text.
func splice(t *doc.Text, ms []match, consume bool, makeNode func(m match, at doc.At, matched string) doc.Inline) []doc.Inline {
	if len(ms) == 0 {
		return []doc.Inline{t}
	}
	var out []doc.Inline
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

// linkTerms finds glossary and index terms in the text and the author's index marks, and
// checks that every reference of the apparatus resolves.
func linkTerms(b *doc.Book) diag.List {
	a := b.Apparatus
	if a == nil {
		return nil
	}
	list := resolveMarks(b)
	idx, gl := termPhrases(a)
	findTerms(b.Chapters, a.GlossaryLinks, idx, gl) // index and glossary look at the text, not the back matter
	numberMarks(b)
	list = append(list, checkUses(a)...)
	list = append(list, acronyms(b)...)
	return list
}

// resolveMarks finds the entry (and sub-entry) of each of the author's own index marks.
func resolveMarks(b *doc.Book) diag.List {
	var list diag.List
	byTerm := map[string]*doc.IndexEntry{}
	for _, e := range b.Apparatus.Index {
		byTerm[e.Term] = e
	}
	for _, ch := range b.AllChapters() {
		visitInlines(ch, func(pos diag.Pos, in doc.Inline) {
			m, ok := in.(*doc.IndexMark)
			if !ok || m.Entry != nil {
				return
			}
			e, ok := byTerm[m.TermText]
			if !ok {
				list.Errorf(m.Pos, "index mark {^%s}: no index entry has the term %q", m.TermText, m.TermText)
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
					list.Errorf(m.Pos, "index mark {^%s!%s}: %q has no sub-entry %q", m.TermText, m.SubText, m.TermText, m.SubText)
					return
				}
			}
		})
	}
	return list
}

// termPhrases are the forms to look for in the text: the index's (its entries' match forms,
// and every form of a glossary term an entry indexes) and the glossary's.
func termPhrases(a *doc.Apparatus) (idx, gl phrases) {
	idx = phrases{}
	for _, e := range a.Index {
		for _, entry := range append([]*doc.IndexEntry{e}, e.Sub...) {
			for _, f := range entry.Match {
				idx.add(f, target{index: entry})
			}
		}
		if e.Glossary != nil {
			for _, f := range e.Glossary.Forms() {
				idx.add(f, target{index: e})
			}
		}
	}
	idx.sort()
	gl = phrases{}
	for _, g := range a.Glossary {
		for _, f := range g.Forms() {
			gl.add(f, target{glossary: g})
		}
	}
	gl.sort()
	return idx, gl
}

// findTerms puts a zero-width index mark before each index term found in the chapters, and
// makes each use of a glossary term a reference, linked as links says (by default the first
// in a chapter). Each chapter is searched on its own, on every core; the uses are then
// numbered in reading order.
func findTerms(chapters []*doc.Chapter, links string, idx, gl phrases) {
	uses := make([][]*doc.GlossaryRef, len(chapters))
	parallel.For(len(chapters), func(_, i int) {
		ch := chapters[i]
		rewriteBlocks(ch.Blocks, func(t *doc.Text) []doc.Inline {
			return splice(t, idx.find(t.Text), false, func(m match, at doc.At, _ string) doc.Inline {
				e, sub := m.to.index, (*doc.IndexEntry)(nil)
				if e.Parent != nil {
					e, sub = e.Parent, e
				}
				return &doc.IndexMark{At: at, Entry: e, Sub: sub, TermText: e.Term, Found: true}
			})
		})
		linked := map[*doc.GlossaryEntry]bool{}
		rewriteBlocks(ch.Blocks, func(t *doc.Text) []doc.Inline {
			return splice(t, gl.find(t.Text), true, func(m match, at doc.At, used string) doc.Inline {
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
			})
		})
	})
	for _, refs := range uses {
		for _, ref := range refs {
			g := ref.Entry
			g.Uses = append(g.Uses, ref)
			ref.ID = fmt.Sprintf("%s-use-%d", g.ID, len(g.Uses))
		}
	}
}

// numberMarks numbers the index marks and collects them on their entries, in reading order.
func numberMarks(b *doc.Book) {
	for _, ch := range b.AllChapters() {
		visitInlines(ch, func(pos diag.Pos, in doc.Inline) {
			m, ok := in.(*doc.IndexMark)
			if !ok || m.Entry == nil {
				return
			}
			e := m.Entry
			if m.Sub != nil {
				e = m.Sub
			}
			e.Marks = append(e.Marks, m)
			m.ID = fmt.Sprintf("%s-%d", e.ID, len(e.Marks))
		})
	}
}

// checkUses reports glossary entries never used, index entries that occur nowhere, and page
// ranges left open or never opened.
func checkUses(a *doc.Apparatus) diag.List {
	var list diag.List
	for _, g := range a.Glossary {
		if len(g.Uses) == 0 {
			list.Warnf(g.Pos, "glossary entry %q is never used in the text", g.Term)
		}
	}
	for _, e := range a.Index {
		marks := len(e.Marks)
		// A sub-entry with a single locator is ordinary in an index ("foundation (1952), 2"):
		// it is not reported.
		for _, s := range e.Sub {
			marks += len(s.Marks)
			if len(s.Marks) == 0 {
				list.Errorf(s.Pos, "index sub-entry %q of %q occurs nowhere in the text: add a match or a mark {^%s!%s}", s.Term, e.Term, e.Term, s.Term)
			}
		}
		if marks == 0 && e.See == "" {
			list.Errorf(e.Pos, "index term %q occurs nowhere in the text: check its match forms or add a mark {^%s}", e.Term, e.Term)
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

// acronyms warns of words in capitals that look like acronyms and have no glossary entry.
func acronyms(b *doc.Book) diag.List {
	var list diag.List
	known := map[string]bool{}
	for _, g := range b.Apparatus.Glossary {
		for _, f := range g.Forms() {
			known[f] = true
		}
	}
	if len(b.Apparatus.Glossary) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, ch := range b.Chapters {
		visitInlines(ch, func(pos diag.Pos, in doc.Inline) {
			t, ok := in.(*doc.Text)
			if !ok {
				return
			}
			for _, tok := range tokens(t.Text) {
				w := tok.text
				if strings.IndexFunc(w, unicode.IsLower) >= 0 || utf8.RuneCountInString(w) < 2 || seen[w] || known[w] || strings.ToUpper(w) != w || strings.IndexFunc(w, unicode.IsLetter) < 0 || isRoman(w) {
					continue
				}
				seen[w] = true
				list.Warnf(t.PosAt(tok.start), "%q looks like an acronym but has no glossary entry", w)
			}
		})
	}
	return list
}

func isRoman(w string) bool { return strings.Trim(w, "IVXLCDM") == "" }
