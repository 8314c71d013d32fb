package link

import (
	"strings"
)

// The term search as it was before it looked at the three tables at once (one table at a
// time, every word's stem asked of the stemmer): the reference the search is held to.

type match struct {
	start, end int
	to         target
}

// find is the search with ps as the index's table (no exclusions, no glossary).
func (ps *phrases) find(s string) []keptMatch {
	ts := &termSearch{idx: ps, excl: newPhrases(nil), gl: newPhrases(nil)}
	ts.byFirst()
	return newFindScratch(ts, 0).search(s).marks
}

// findIn searches text for the terms of ts, its finds its own.
func findIn(ts *termSearch, text string) textFinds { return newFindScratch(ts, 0).search(text).clone() }

// oracleFind returns the non-overlapping matches of ps in s within the words toks (a run of
// s's), the longest phrase at each word.
func (ps *phrases) oracleFind(s string, toks []token) []match {
	key := func(k int) string { // the stem key of a lower-case word, "" for others
		if w := toks[k].in(s); ps.stem != nil && isLower(w) {
			return stemKey(ps.stem(w))
		}
		return ""
	}
	var out []match
	for i := 0; i < len(toks); i++ {
		w := toks[i].in(s)
		byText, byStem := ps.byFirst[w], []phrase(nil)
		if ps.stem != nil && (isLower(w) || isCapitalised(w)) {
			byStem = ps.byStem[ps.stem(strings.ToLower(w))]
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
					ok = (toks[i+k].in(s) == p.words[k] || key(i+k) == p.words[k]) &&
						normalGap(s[toks[i+k-1].end:toks[i+k].start]) == p.gaps[k-1]
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

func keep(m match) keptMatch { return keptMatch{int32(m.start), int32(m.end), int32(m.to.n)} }

// oracleFindIn is findIn as it was: the index's forms, less those within an exclusion of
// their own entry, then the glossary's in each piece the marks cut the text into.
func oracleFindIn(ts *termSearch, text string) textFinds {
	toks := tokens(text)
	var tf textFinds
	excl := ts.excl.oracleFind(text, toks)
	for _, m := range ts.idx.oracleFind(text, toks) {
		if x, ok := oracleExclusionOf(m, excl); ok {
			tf.dropped = append(tf.dropped, keep(m))
			tf.xs = append(tf.xs, keep(x))
			continue
		}
		tf.marks = append(tf.marks, keep(m))
	}
	for _, p := range testPieces(len(text), tf.marks) {
		piece := text[p[0]:p[1]]
		for _, m := range ts.gl.oracleFind(piece, tokens(piece)) {
			tf.gloss = append(tf.gloss, keptMatch{int32(m.start + p[0]), int32(m.end + p[0]), int32(m.to.n)})
		}
	}
	return tf
}

func oracleExclusionOf(m match, excl []match) (match, bool) {
	for _, x := range excl {
		if x.to.index == m.to.index && x.start < m.end && m.start < x.end {
			return x, true
		}
	}
	return match{}, false
}

// testPieces are the spans [from, to) a text of length n is cut into by zero-width marks at
// the starts of ms, empty spans left out.
func testPieces(n int, ms []keptMatch) [][2]int {
	var out [][2]int
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
