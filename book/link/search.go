package link

import (
	"strings"

	"bindery/book/diag"
	"bindery/book/doc"
)

// wordInfo is what the three tables know of one word of the text, as written: which of them
// have a phrase beginning with it (begins; the phrases are in findScratch.firsts), and the
// word's stem, which an index phrase's later word may match (a lower-case word's only, where
// the index has a stemmer; stemmed says whether it is known yet). The exclusions and the
// glossary are found as written (termPhrases makes them without a stemmer). Most words begin
// no phrase: their lists are kept apart, for a small record a word.
type wordInfo struct {
	stem    string
	stemmed uint8
	begins  uint8
	firsts  int32
}

// What wordInfo.stemmed says of stem: not asked yet (a later word's is asked when a phrase
// needs it, laterStem), none that a phrase holds, or known.
const (
	stemUnknown uint8 = iota
	stemNone
	stemKnown
)

// wordFirsts are the phrases that begin with a word: the index's as written and by its stem,
// the exclusions' and the glossary's.
type wordFirsts struct{ idx, idxStem, excl, gl []phrase }

// The tables, as bits of wordInfo.begins.
const (
	inIndex uint8 = 1 << iota
	inExclusions
	inGlossary
)

// wordInfo is what the tables know of w, its lists appended to firsts.
func (ts *termSearch) wordInfo(w string, firsts []wordFirsts) (wordInfo, []wordFirsts) {
	in := wordInfo{stemmed: stemNone}
	f := ts.firsts[w]
	if ps := ts.idx; ps.stem != nil {
		switch {
		case isLower(w):
			in.stemmed = stemUnknown
			if ps.mayStem(w, &ps.first) { // else its stem begins no phrase
				in.stem, in.stemmed = ps.stemOf(w), stemKnown
				f.idxStem = ps.byStem[in.stem]
			}
		case isCapitalised(w):
			if lw := strings.ToLower(w); ps.mayStem(lw, &ps.first) {
				f.idxStem = ps.byStem[ps.stemOf(lw)]
			}
		}
	}
	if len(f.idx)+len(f.idxStem) > 0 {
		in.begins |= inIndex
	}
	if len(f.excl) > 0 {
		in.begins |= inExclusions
	}
	if len(f.gl) > 0 {
		in.begins |= inGlossary
	}
	if in.begins != 0 {
		in.firsts = int32(len(firsts))
		firsts = append(firsts, f)
	}
	return in, firsts
}

// findScratch is one worker's for one Resolve: the words met so far with what the tables
// know of each (ids, words: one lookup a word of the text for the three tables, where it was
// three, and each word stemmed once at most), and the buffers of one text's search and of its
// chapter's inline lists, reused from text to text. What search returns lives in it until the
// next search.
type findScratch struct {
	ts     *termSearch
	ids    wordIDs
	words  []wordInfo
	firsts []wordFirsts
	toks   []token
	at     []int32 // each token's number in words
	in     []keptMatch
	excl   []keptMatch
	tf     textFinds
	parts  []part
	buf    []doc.Inline // the inline lists being rewritten (chapterSearch.inlines)
}

// newFindScratch is a scratch for ts, sized for words distinct words (a rebuild searches
// few texts: it starts small).
func newFindScratch(ts *termSearch, words int) *findScratch {
	return &findScratch{ts: ts, ids: newWordIDs(words), words: make([]wordInfo, 0, words)}
}

// word is the number in sc.words of what the tables know of the word t of text.
func (sc *findScratch) word(text string, t token) int32 {
	slot, id := sc.ids.lookup(text, int(t.start), int(t.end))
	if id >= 0 {
		return id
	}
	w := t.in(text)
	id = int32(len(sc.words))
	in, firsts := sc.ts.wordInfo(w, sc.firsts)
	sc.words, sc.firsts = append(sc.words, in), firsts
	sc.ids.add(slot, w)
	return id
}

// wordIDs numbers the words met, in the order met: a table of open addressing by a hash of
// the word's bytes, where a map's lookup was a tenth of the search (every word of the text
// is looked up).
type wordIDs struct {
	slots []int32  // a word's number plus one; 0 where none
	names []string // the words by number
	keys  []uint64 // the bytes of each word of eight or fewer, as findShort looks for them
}

func newWordIDs(words int) wordIDs {
	n := 64
	for n < 2*words {
		n *= 2
	}
	return wordIDs{slots: make([]int32, n), names: make([]string, 0, words), keys: make([]uint64, 0, words)}
}

// find is w's number, or −1 with the slot to add it at; h is w's wordHash.
func (t *wordIDs) find(w string, h uint32) (slot int, id int32) {
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		n := t.slots[i]
		if n == 0 {
			return i, -1
		}
		if t.names[n-1] == w {
			return i, n - 1
		}
	}
}

// lookup is find of text[start:end]. A word of eight bytes or fewer (most) is looked up by
// them, where text holds eight from its start: no call to hash it, none to compare strings.
func (t *wordIDs) lookup(text string, start, end int) (slot int, id int32) {
	if n := end - start; n <= 8 && start+8 <= len(text) {
		x := diag.Load64(text, start) & (^uint64(0) >> (64 - 8*n))
		return t.findShort(x, n, shortHash(n, x))
	}
	return t.find(text[start:end], wordHash(text, start, end))
}

// findShort is find of the word of n bytes, at most eight, that x holds (the first in its
// low byte, the bytes past n zero); h is its wordHash (shortHash).
func (t *wordIDs) findShort(x uint64, n int, h uint32) (slot int, id int32) {
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			return i, -1
		}
		if t.keys[k-1] == x && len(t.names[k-1]) == n {
			return i, k - 1
		}
	}
}

// add numbers w, not met before, at the slot find or findShort gave; the table grows at
// half full.
func (t *wordIDs) add(slot int, w string) {
	var key uint64 // a longer word's is never compared: findShort compares lengths too
	if len(w) <= 8 {
		for i := len(w) - 1; i >= 0; i-- {
			key = key<<8 | uint64(w[i])
		}
	}
	t.names = append(t.names, w)
	t.keys = append(t.keys, key)
	t.slots[slot] = int32(len(t.names))
	if 2*len(t.names) <= len(t.slots) {
		return
	}
	t.slots = make([]int32, 2*len(t.slots))
	mask := len(t.slots) - 1
	for n, name := range t.names {
		i := int(wordHash(name, 0, len(name))) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(n + 1)
	}
}

// wordHash mixes the bytes of s[start:end], eight at a time: where s holds eight bytes from
// a word's last start on (most words, in their text), one load and a mask take them.
func wordHash(s string, start, end int) uint32 {
	h := uint64(end-start) * 0x9e3779b97f4a7c15
	for ; end-start > 8; start += 8 {
		h = (h ^ diag.Load64(s, start)) * 0xff51afd7ed558ccd
	}
	var x uint64
	if start+8 <= len(s) {
		x = diag.Load64(s, start) & (^uint64(0) >> (64 - 8*(end-start)))
	} else {
		for i := start; i < end; i++ {
			x |= uint64(s[i]) << (8 * (i - start))
		}
	}
	return uint32((h ^ x) * 0xff51afd7ed558ccd >> 32)
}

// shortHash is wordHash of a word of n bytes, at most eight, held in x as findShort says.
func shortHash(n int, x uint64) uint32 {
	return uint32((uint64(n)*0x9e3779b97f4a7c15 ^ x) * 0xff51afd7ed558ccd >> 32)
}

// search finds the terms in text: the index's forms not within one of their entry's
// exclusions (marks), those that are (dropped, with the exclusion's place in xs), and the
// glossary's in each piece the marks cut the text into (a glossary phrase does not cross a
// mark). The text is split into words once for the three tables, and each word looked up
// once; a text none of whose words begins a phrase is done then (some texts). The finds are
// the scratch's own, good until the next search (textFinds.clone keeps them).
func (sc *findScratch) search(text string) textFinds {
	sc.toks = appendTokens(sc.toks[:0], text)
	at, begins := sc.at[:0], uint8(0)
	for _, t := range sc.toks {
		id := sc.word(text, t)
		at = append(at, id)
		begins |= sc.words[id].begins
	}
	sc.at = at
	tf := textFinds{marks: sc.tf.marks[:0], dropped: sc.tf.dropped[:0], xs: sc.tf.xs[:0], gloss: sc.tf.gloss[:0]}
	if begins == 0 {
		return tf
	}
	n := len(sc.toks)
	if begins&inIndex != 0 {
		sc.in = sc.matchRun(text, 0, n, inIndex, sc.in[:0])
	} else {
		sc.in = sc.in[:0]
	}
	if len(sc.in) > 0 && begins&inExclusions != 0 {
		sc.excl = sc.matchRun(text, 0, n, inExclusions, sc.excl[:0])
		for _, m := range sc.in {
			if x, ok := sc.exclusionOf(m, sc.excl); ok {
				tf.dropped = append(tf.dropped, m)
				tf.xs = append(tf.xs, x)
				continue
			}
			tf.marks = append(tf.marks, m)
		}
	} else {
		tf.marks = append(tf.marks, sc.in...)
	}
	if begins&inGlossary != 0 {
		tf.gloss = sc.glossIn(text, tf.marks, tf.gloss)
	}
	sc.tf = tf
	return tf
}

// glossIn appends to out the glossary's finds in each piece of text that marks' starts cut
// it into (offsets in text): each piece's words are a run of the text's, as a piece starts at
// a word.
func (sc *findScratch) glossIn(text string, marks []keptMatch, out []keptMatch) []keptMatch {
	toks := sc.toks
	first, from := 0, int32(0) // the piece's first word, and its start
	for k := 0; k <= len(marks); k++ {
		to := int32(len(text))
		if k < len(marks) {
			to = marks[k].start
		}
		if to <= from {
			continue
		}
		for first < len(toks) && toks[first].start < from {
			first++
		}
		end := first
		for end < len(toks) && toks[end].start < to {
			end++
		}
		out = sc.matchRun(text, first, end, inGlossary, out)
		first, from = end, to
	}
	return out
}

// exclusionOf is the first exclusion of m's own entry that overlaps it.
func (sc *findScratch) exclusionOf(m keptMatch, excl []keptMatch) (keptMatch, bool) {
	e := sc.ts.targets[m.target].index
	for _, x := range excl {
		if sc.ts.targets[x.target].index == e && x.start < m.end && m.start < x.end {
			return x, true
		}
	}
	return keptMatch{}, false
}

// matchRun appends to out the non-overlapping matches of table's phrases in the words [from,
// to) of the last text split (s), the longest phrase at each word. Between the words of a
// phrase only spaces may stand. With a stemmer, a word of the text in lower case matches by
// its stem, and so does the first word when it is capitalised (at a sentence's start); a
// capitalised word within a phrase, or a word with other capitals, must be as written.
func (sc *findScratch) matchRun(s string, from, to int, table uint8, out []keptMatch) []keptMatch {
	for i := from; i < to; i++ {
		in := &sc.words[sc.at[i]]
		if in.begins&table == 0 {
			continue
		}
		f := &sc.firsts[in.firsts]
		var lists [2][]phrase // beginning with the word as written, and with its stem
		switch table {
		case inIndex:
			lists = [2][]phrase{f.idx, f.idxStem}
		case inExclusions:
			lists[0] = f.excl
		case inGlossary:
			lists[0] = f.gl
		}
		var best *phrase
		for _, list := range lists {
			for j := range list {
				p := &list[j]
				if i+len(p.words) > to || (best != nil && len(p.words) <= len(best.words)) {
					continue
				}
				if sc.followedBy(s, i, p) {
					best = p
				}
			}
		}
		if best != nil {
			last := i + len(best.words) - 1
			out = append(out, keptMatch{sc.toks[i].start, sc.toks[last].end, int32(best.to.n)})
			i = last
		}
	}
	return out
}

// followedBy reports whether the words after word i of s are p's after its first, with
// its gaps between them.
func (sc *findScratch) followedBy(s string, i int, p *phrase) bool {
	toks := sc.toks
	for k := 1; k < len(p.words); k++ {
		t, w := toks[i+k], p.words[k]
		if stem, ok := strings.CutPrefix(w, stemKeyMark); ok {
			if in := sc.laterStem(sc.at[i+k], t.in(s)); in.stemmed != stemKnown || in.stem != stem {
				return false
			}
		} else if t.in(s) != w {
			return false
		}
		if normalGap(s[toks[i+k-1].end:t.start]) != p.gaps[k-1] {
			return false
		}
	}
	return true
}

// laterStem is what the tables know of the word w numbered id, with its stem where it may be
// a later word's of a phrase: a word of the text is stemmed as one only when it follows the
// words a phrase begins with (most are never), and once.
func (sc *findScratch) laterStem(id int32, w string) *wordInfo {
	in := &sc.words[id]
	if in.stemmed == stemUnknown {
		in.stemmed = stemNone
		if ps := sc.ts.idx; ps.mayStem(w, &ps.later) { // else its stem is no later word's
			in.stem, in.stemmed = ps.stemOf(w), stemKnown
		}
	}
	return in
}
