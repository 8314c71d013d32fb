package wordcheck

import (
	"sort"
	"strings"
)

// Result is the retention of one output.
type Result struct {
	Words   int // source words
	Matched int // of them found in the output
	Extra   int // output words not matched to a source word
	Files   []FileResult
	Lost    []Token // source words not found, in reading order
	lostAt  []int   // their indexes in the source
	extra   map[string]int
}

// FileResult is the retention of one source file.
type FileResult struct {
	File           string
	Words, Matched int
}

// Retention is Matched/Words (1 for an empty source).
func (r *Result) Retention() float64 {
	if r.Words == 0 {
		return 1
	}
	return float64(r.Matched) / float64(r.Words)
}

// lookahead is how far ahead in the output the alignment looks to resume; it is larger than
// a page's footnotes, which the PDF sets between the words of the text.
const lookahead = 600

// maxSkip is how many source words the alignment skips at most to resume.
const maxSkip = 300

// anchor is how many words must agree for the alignment to resume: three common words ("is
// such a") recur within a page too often.
const anchor = 6

// agree reports whether a and b begin with the same n words (fewer if one ends sooner).
func agree(a, b []int, n int) bool {
	for k := 0; k < n && k < len(a) && k < len(b); k++ {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// Compare matches the source words with the output words as multisets, per source file.
// Output words are first attributed to source files by a forward alignment of the two
// sequences (see pass 1); then each file's unmatched words are matched with the unmatched
// output words attributed to that file, and what remains with any unmatched output word. The
// alignment decides only where a loss is reported, not how many words are lost.
func Compare(src, out []Token) *Result {
	c := newComparison(src, out)
	c.align()
	c.attribute()
	c.matchPerFile()
	c.matchBook()
	c.matchHyphenation()
	return c.result()
}

// comparison holds the two word sequences as interned IDs and what has been matched so far.
type comparison struct {
	src, out []Token
	ids      map[string]int
	s, o     []int
	srcMatch []bool
	outFile  []string // source file an output word is attributed to
	outUsed  []bool
	spare    map[string]map[int]int // unmatched output words per file
	rest     map[int]int            // unmatched output words in the whole book
}

func newComparison(src, out []Token) *comparison {
	c := &comparison{src: src, out: out, ids: map[string]int{}}
	c.s = make([]int, len(src))
	for i, t := range src {
		c.s[i] = c.intern(t.Word)
	}
	c.o = make([]int, len(out))
	for i, t := range out {
		c.o[i] = c.intern(t.Word)
	}
	c.srcMatch = make([]bool, len(c.s))
	c.outFile = make([]string, len(c.o))
	c.outUsed = make([]bool, len(c.o))
	return c
}

func (c *comparison) intern(w string) int {
	id, ok := c.ids[w]
	if !ok {
		id = len(c.ids)
		c.ids[w] = id
	}
	return id
}

// align is pass 1: forward alignment, like a diff. Where the two sequences stop agreeing,
// the alignment resumes at the nearest place where six words agree again, skipping source
// words (a loss) or output words (a note set elsewhere, generated text); skipping output
// words costs twice as much, since a loss is what is looked for.
func (c *comparison) align() {
	s, o := c.s, c.o
	tri := map[[3]int][]int{} // where each three output words stand, in order
	for j := 0; j+3 <= len(o); j++ {
		k := [3]int{o[j], o[j+1], o[j+2]}
		tri[k] = append(tri[k], j)
	}
	for i, p := 0, 0; i < len(s) && p <= len(o); {
		// Word by word while the previous pair matched; a single equal word after a loss is
		// no evidence (the next paragraph may open with the same word as the lost one).
		if p < len(o) && s[i] == o[p] && (i == 0 || c.srcMatch[i-1]) {
			c.pair(i, p)
			i, p = i+1, p+1
			continue
		}
		best, bi, bj := -1, 0, 0
		for di := 0; di <= maxSkip && i+di+3 <= len(s) && (best < 0 || di < best); di++ {
			list := tri[[3]int{s[i+di], s[i+di+1], s[i+di+2]}]
			for k := sort.SearchInts(list, p); k < len(list) && list[k]-p <= lookahead; k++ {
				if !agree(s[i+di:], o[list[k]:], anchor) {
					continue
				}
				if cost := di + 2*(list[k]-p); best < 0 || cost < best {
					best, bi, bj = cost, i+di, list[k]
				}
				break
			}
		}
		if best < 0 {
			i++ // no place to resume near: this word is unmatched for now
			continue
		}
		c.pair(bi, bj)
		i, p = bi+1, bj+1
	}
}

func (c *comparison) pair(i, p int) {
	c.srcMatch[i], c.outUsed[p] = true, true
	c.outFile[p] = c.src[i].File
}

// attribute gives every output word the file of the aligned word before it.
func (c *comparison) attribute() {
	cur := ""
	for i := range c.o {
		if c.outFile[i] != "" {
			cur = c.outFile[i]
		} else {
			c.outFile[i] = cur
		}
	}
	if len(c.src) > 0 {
		for i := 0; i < len(c.o) && c.outFile[i] == ""; i++ {
			c.outFile[i] = c.src[0].File
		}
	}
}

// matchPerFile is pass 2: the words left, per file, as multisets.
func (c *comparison) matchPerFile() {
	c.spare = map[string]map[int]int{}
	for i, w := range c.o {
		if !c.outUsed[i] {
			m := c.spare[c.outFile[i]]
			if m == nil {
				m = map[int]int{}
				c.spare[c.outFile[i]] = m
			}
			m[w]++
		}
	}
	for i, w := range c.s {
		if m := c.spare[c.src[i].File]; !c.srcMatch[i] && m[w] > 0 {
			m[w]--
			c.srcMatch[i] = true
		}
	}
}

// matchBook is pass 3: the words left in the whole book, as multisets.
func (c *comparison) matchBook() {
	c.rest = map[int]int{}
	for _, m := range c.spare {
		for w, n := range m {
			c.rest[w] += n
		}
	}
	for i, w := range c.s {
		if !c.srcMatch[i] && c.rest[w] > 0 {
			c.rest[w]--
			c.srcMatch[i] = true
		}
	}
}

// matchHyphenation is pass 4: line-end hyphenation decided the wrong way. A spare word
// re-joined at a line end pays for two adjacent lost source words (the book has both
// "reorder" and "re-order"); a spare part left before a line-end hyphen and a spare word
// that completes it pay for one lost source word (in a table, pdftotext may put another
// cell's line between the two parts).
func (c *comparison) matchHyphenation() {
	joined, frag := map[string]int{}, map[string]int{}
	for i, t := range c.out {
		if t.Hyph != "" && !c.outUsed[i] {
			joined[t.Word]++
		}
		if t.HyphNext && !c.outUsed[i] {
			frag[t.Word]++
		}
	}
	for i := 0; i < len(c.s); i++ {
		if c.srcMatch[i] {
			continue
		}
		if i+1 < len(c.s) && !c.srcMatch[i+1] {
			w := c.src[i].Word + c.src[i+1].Word
			if id, ok := c.ids[w]; ok && joined[w] > 0 && c.rest[id] > 0 {
				joined[w]--
				c.rest[id]--
				c.srcMatch[i], c.srcMatch[i+1] = true, true
				i++
				continue
			}
		}
		c.matchSplitWord(i, frag)
	}
}

// matchSplitWord matches source word i against a spare fragment before a line-end hyphen
// and a spare word that completes it.
func (c *comparison) matchSplitWord(i int, frag map[string]int) {
	w := c.src[i].Word
	for k := 1; k < len(w); k++ {
		head, ok1 := c.ids[w[:k]]
		tail, ok2 := c.ids[w[k:]]
		if ok1 && ok2 && frag[w[:k]] > 0 && c.rest[head] > 0 && c.rest[tail] > 0 {
			frag[w[:k]]--
			c.rest[head]--
			c.rest[tail]--
			c.srcMatch[i] = true
			return
		}
	}
}

func (c *comparison) result() *Result {
	r := &Result{Words: len(c.s), extra: map[string]int{}}
	words := make([]string, len(c.ids))
	for w, id := range c.ids {
		words[id] = w
	}
	for id, n := range c.rest {
		r.Extra += n
		if n > 0 {
			r.extra[words[id]] = n
		}
	}
	index := map[string]int{}
	for i, t := range c.src {
		k, ok := index[t.File]
		if !ok {
			k = len(r.Files)
			index[t.File] = k
			r.Files = append(r.Files, FileResult{File: t.File})
		}
		r.Files[k].Words++
		if c.srcMatch[i] {
			r.Files[k].Matched++
			r.Matched++
		} else {
			r.Lost = append(r.Lost, t)
			r.lostAt = append(r.lostAt, i)
		}
	}
	return r
}

// WordCount is a lost word and how often it was lost.
type WordCount struct {
	Word  string
	Count int
	At    []Token // the first few places
}

// TopLost returns the n most often lost words.
func (r *Result) TopLost(n int) []WordCount {
	idx := map[string]int{}
	var wc []WordCount
	for _, t := range r.Lost {
		i, ok := idx[t.Word]
		if !ok {
			i = len(wc)
			idx[t.Word] = i
			wc = append(wc, WordCount{Word: t.Word})
		}
		wc[i].Count++
		if len(wc[i].At) < 3 {
			wc[i].At = append(wc[i].At, t)
		}
	}
	sort.SliceStable(wc, func(a, b int) bool { return wc[a].Count > wc[b].Count })
	if len(wc) > n {
		wc = wc[:n]
	}
	return wc
}

// TopExtra returns the n output words most often left without a source word: what the output
// adds (generated text) or garbles (words run together, a different spelling).
func (r *Result) TopExtra(n int) []WordCount {
	var wc []WordCount
	for w, c := range r.extra {
		wc = append(wc, WordCount{Word: w, Count: c})
	}
	sort.Slice(wc, func(a, b int) bool {
		if wc[a].Count != wc[b].Count {
			return wc[a].Count > wc[b].Count
		}
		return wc[a].Word < wc[b].Word
	})
	if len(wc) > n {
		wc = wc[:n]
	}
	return wc
}

// Passage is a run of lost words that stood together in the source.
type Passage struct {
	File   string
	Line   int
	Words  []string // the lost words
	Before []string // up to five kept words before them in the source, and after
	After  []string
}

// Context is the passage among its neighbours, the lost words in brackets, shortened to
// max lost words.
func (p Passage) Context(max int) string {
	return strings.TrimSpace(strings.Join(p.Before, " ") + " [" + p.Text(max) + "] " + strings.Join(p.After, " "))
}

// Text is the passage's words, shortened to max words.
func (p Passage) Text(max int) string {
	if len(p.Words) <= max {
		return strings.Join(p.Words, " ")
	}
	return strings.Join(p.Words[:max], " ") + " …"
}

// Passages returns the runs of lost words, longest first: a run is lost words consecutive in
// the source (at most gap kept words between them), which is how a lost construct shows.
func (r *Result) Passages(src []Token, gap int) []Passage {
	lost := make([]bool, len(src))
	for _, i := range r.lostAt {
		lost[i] = true
	}
	var ps []Passage
	for i := 0; i < len(src); {
		if !lost[i] {
			i++
			continue
		}
		p := Passage{File: src[i].File, Line: src[i].Line}
		for k := max(0, i-5); k < i; k++ {
			if src[k].File == p.File {
				p.Before = append(p.Before, src[k].Word)
			}
		}
		kept, last := 0, i
		j := i
		for ; j < len(src) && src[j].File == p.File; j++ {
			if lost[j] {
				p.Words = append(p.Words, src[j].Word)
				kept, last = 0, j
			} else if kept++; kept > gap {
				break
			}
		}
		for k := last + 1; k < len(src) && k <= last+5 && src[k].File == p.File; k++ {
			p.After = append(p.After, src[k].Word)
		}
		ps = append(ps, p)
		i = j
	}
	sort.SliceStable(ps, func(a, b int) bool { return len(ps[a].Words) > len(ps[b].Words) })
	return ps
}
