package link

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
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

// phrases indexes terms by their first word, longest phrase first, so the text is scanned once:
// byFirst by the word as written, byStem by its stem (without stemKey's mark) where the first
// word matches by its stem, so that a word of the text is looked up by its stem as it is, with
// no key made for it.
type phrases struct {
	byFirst, byStem map[string][]phrase
	// stem, when set, finds a form's words in lower case in all their forms ("nationalise" in
	// "nationalised"); words with a capital (names, acronyms) are matched as written.
	stem stemmer
	// stems holds each word's stem once stemmed: a book repeats its words, and stemming every
	// word of every text was a tenth of reading the book. The chapters are searched on every
	// core, hence the lock; each search asks its scratch's words first (findScratch), so this
	// one is asked once a word a scratch.
	stems *stemCache
	// reach, where the stemmer keeps a word's beginning (reachFor), and first and later, the
	// beginnings of the tables' stems (narrow) as the first word of a phrase and as a later
	// one: a word that begins with none of them has no stem the tables hold there, and is not
	// stemmed (mayStem). Stemming was a third of linking.
	reach        *stemReach
	first, later beginnings
	narrowed     bool
}

// stemCache is a map of words to their stems shared by goroutines.
type stemCache struct {
	mu sync.RWMutex
	m  map[string]string
}

// stemOf is ps.stem(w), each word stemmed once.
func (ps *phrases) stemOf(w string) string {
	c := ps.stems
	c.mu.RLock()
	s, ok := c.m[w]
	c.mu.RUnlock()
	if ok {
		return s
	}
	s = ps.stem(w) // outside the lock: two goroutines may stem a word both
	c.mu.Lock()
	c.m[w] = s
	c.mu.Unlock()
	return s
}

func newPhrases(stem stemmer) *phrases {
	return &phrases{byFirst: map[string][]phrase{}, byStem: map[string][]phrase{}, stem: stem, stems: &stemCache{m: map[string]string{}}}
}

func (ps *phrases) add(form string, to target) {
	toks := tokens(form)
	if len(toks) == 0 {
		return
	}
	both := make([]string, 2*len(toks)-1) // one allocation for the two
	words, gaps := both[:len(toks):len(toks)], both[len(toks):]
	for i, t := range toks {
		w := t.in(form)
		if ps.stem != nil && isLower(w) {
			w = stemKey(ps.stemOf(w))
		}
		words[i] = w
		if i > 0 {
			gaps[i-1] = normalGap(form[toks[i-1].end:t.start])
		}
	}
	if stem, ok := strings.CutPrefix(words[0], stemKeyMark); ok {
		ps.byStem[stem] = append(ps.byStem[stem], phrase{words, gaps, to})
		return
	}
	ps.byFirst[words[0]] = append(ps.byFirst[words[0]], phrase{words, gaps, to})
	// A term written in lower case is also found at the start of a sentence (with a stemmer,
	// the search looks up a capitalised word by its stem).
	if r, n := utf8.DecodeRuneInString(words[0]); ps.stem == nil && unicode.IsLower(r) {
		first := string(unicode.ToUpper(r)) + words[0][n:]
		ws := append([]string{first}, words[1:]...)
		ps.byFirst[first] = append(ps.byFirst[first], phrase{ws, gaps, to})
	}
}

func (ps *phrases) sort() {
	for _, m := range []map[string][]phrase{ps.byFirst, ps.byStem} {
		for _, list := range m {
			slices.SortStableFunc(list, func(a, b phrase) int { return len(b.words) - len(a.words) })
		}
	}
}

// narrow notes the beginnings a word must have for its stem to be one of the tables' (reach's
// of each), as a phrase's first word and as a later one, for mayStem.
func (ps *phrases) narrow() {
	if ps.stem == nil || ps.reach == nil {
		return
	}
	var first, later []string
	ps.each(func(p *phrase) {
		for k, w := range p.words {
			if stem, ok := strings.CutPrefix(w, stemKeyMark); ok && k == 0 {
				first = append(first, ps.reach.of(stem))
			} else if ok {
				later = append(later, ps.reach.of(stem))
			}
		}
	})
	ps.first, ps.later, ps.narrowed = newBeginnings(first), newBeginnings(later), true
}

// beginnings are the beginnings of words that may have some stems (narrow), sorted and kept
// prefix-free, so a word's only candidate is the last at or before it in order; byTwo is,
// for each first two letters a–z of a word (twoLetters), the run of them that may begin it:
// those that begin with the two letters, or the one of one letter or none that begins it.
// Most words have none: a binary search of all of them for each distinct word of the text was
// a tenth of linking.
type beginnings struct {
	list  []string
	byTwo *[26 * 27][2]int32
}

func newBeginnings(begins []string) beginnings {
	slices.Sort(begins)
	kept := begins[:0]
	for _, b := range begins {
		if len(kept) == 0 || !strings.HasPrefix(b, kept[len(kept)-1]) {
			kept = append(kept, b)
		}
	}
	var t [26 * 27][2]int32
	add := func(k, i int) {
		if t[k][0] == t[k][1] {
			t[k][0] = int32(i)
		}
		t[k][1] = int32(i + 1)
	}
	letter := func(c byte) bool { return 'a' <= c && c <= 'z' }
	for i, b := range kept {
		switch {
		case b == "":
			for k := range t {
				add(k, i)
			}
		case !letter(b[0]):
		case len(b) == 1:
			for k := twoLetters(b); k < twoLetters(b)+27; k++ {
				add(k, i)
			}
		case letter(b[1]):
			add(twoLetters(b), i)
		}
	}
	return beginnings{kept, &t}
}

// twoLetters numbers a word of a–z by its first two letters, the second 0 where it has one.
func twoLetters(w string) int {
	k := int(w[0]-'a') * 27
	if len(w) > 1 {
		k += int(w[1]-'a') + 1
	}
	return k
}

// begin reports whether one of bs begins w, a word of a–z: the last at or before w in its run
// (short: most are empty) is the only one that may.
func (bs *beginnings) begin(w string) bool {
	run := bs.byTwo[twoLetters(w)]
	for i := run[1] - 1; i >= run[0]; i-- {
		if b := bs.list[i]; b <= w {
			return strings.HasPrefix(w, b)
		}
	}
	return false
}

// mayStem reports whether w's stem may be one of the tables' stems that bs are the
// beginnings of (ps.first or ps.later; w in lower case).
func (ps *phrases) mayStem(w string, bs *beginnings) bool {
	if !ps.narrowed || !asciiLetters(w) || ps.reach.exception != nil && ps.reach.exception(w) {
		return true
	}
	return bs.begin(w)
}

// each calls fn with every phrase of the tables, to re-aim them (termSearch.made).
func (ps *phrases) each(fn func(*phrase)) {
	for _, m := range []map[string][]phrase{ps.byFirst, ps.byStem} {
		for _, list := range m {
			for j := range list {
				fn(&list[j])
			}
		}
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
// tokens does, would be a second walk for nothing. One walk of the bytes, ASCII by a table:
// a call of doc.NextWord a word, with the lower-case test it makes for the acronyms, was
// three times the cost.
func appendTokens(out []token, s string) []token {
	i := 0
	for {
		for i < len(s) { // the gap
			if c := tokenClass[s[i]]; c == tokenWord {
				break
			} else if c == tokenGap {
				i++
				continue
			}
			word, size := doc.WordCharAt(s, i)
			if word {
				break
			}
			i += size
		}
		if i == len(s) {
			return out
		}
		start := i
		for i < len(s) { // the word
			if i+8 <= len(s) { // a run of letters eight bytes at a time, most of a word
				m := notLetterBytes(diag.Load64(s, i))
				if m == 0 {
					i += 8
					continue
				}
				i += bits.TrailingZeros64(m) / 8
			}
			if c := tokenClass[s[i]]; c == tokenWord {
				i++
				continue
			} else if c == tokenGap {
				break
			}
			word, size := doc.WordCharAt(s, i)
			if !word {
				break
			}
			i += size
		}
		out = append(out, token{int32(start), int32(i)})
	}
}

// notLetterBytes has the top bit of each byte of x set where that byte is not an ASCII
// letter: with 0x20 set, A–Z and a–z alone are a–z (as doc's notLowerBytes: from 'a' on
// and past 'z', and the bytes beyond ASCII).
func notLetterBytes(x uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	low := (x | ones*0x20) &^ tops
	letter := (low + ones*(0x80-'a')) &^ (low + ones*(0x7f-'z')) &^ x
	return ^letter & tops
}

// tokenClass is what appendTokens makes of a byte: ASCII that is doc.WordChar or not, or a
// byte of a character beyond ASCII, which is decoded.
var tokenClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = tokenWide
		case doc.WordChar(rune(c)):
			t[c] = tokenWord
		}
	}
	return t
}()

const (
	tokenGap = iota
	tokenWord
	tokenWide
)

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
