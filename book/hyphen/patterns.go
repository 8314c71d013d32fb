package hyphen

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The pattern files ship with the package so a book builds offline and
// hyphenates the same way on every machine.
//
//go:embed patterns/*.pat.txt patterns/*.hyp.txt
var patternFS embed.FS

// language is one supported language: where its files are, and its
// trie and exceptions, built on first use only.
type language struct {
	tag  string // canonical spelling, e.g. "en-GB"
	file string // base name in patterns/, e.g. "hyph-en-gb"

	once       sync.Once
	trie       *trie
	exceptions map[string][]int32
	err        error
}

var languages = []*language{
	{tag: "en-GB", file: "hyph-en-gb"},
	{tag: "en-US", file: "hyph-en-us"},
}

// aliases maps a lowercased tag to the canonical tag; plain "en" means
// US English because that is TeX's default English.
var aliases = map[string]string{
	"en":    "en-US",
	"en-us": "en-US",
	"en-gb": "en-GB",
	"en-uk": "en-GB",
}

// Supported returns the canonical tags New accepts (aliases not listed).
func Supported() []string {
	out := make([]string, len(languages))
	for i, l := range languages {
		out[i] = l.tag
	}
	return out
}

func lookupLanguage(lang string) (*language, error) {
	key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	if tag, ok := aliases[key]; ok {
		for _, l := range languages {
			if l.tag == tag {
				return l, nil
			}
		}
	}
	return nil, fmt.Errorf("hyphen: unsupported language %q (supported: %s; \"en\" means en-US)",
		lang, strings.Join(Supported(), ", "))
}

// load builds the trie and exception table once; every Hyphenator of the
// language then shares them read-only.
func (l *language) load() error {
	l.once.Do(func() {
		pat, err := patternFS.ReadFile("patterns/" + l.file + ".pat.txt")
		if err != nil {
			l.err = fmt.Errorf("hyphen: %s patterns: %w", l.tag, err)
			return
		}
		l.trie, err = buildTrie(string(pat))
		if err != nil {
			l.err = fmt.Errorf("hyphen: %s patterns: %w", l.tag, err)
			return
		}
		hyp, err := patternFS.ReadFile("patterns/" + l.file + ".hyp.txt")
		if err != nil {
			l.err = fmt.Errorf("hyphen: %s exceptions: %w", l.tag, err)
			return
		}
		l.exceptions = make(map[string][]int32)
		for _, w := range strings.Fields(string(hyp)) {
			if key, pts, ok := parseException(w); ok {
				l.exceptions[key] = pts
			}
		}
	})
	return l.err
}

// parseException turns "ta-ble" into the key "table" and the cluster
// positions {2}. A word without hyphens gives an empty, non-nil list,
// which means "never hyphenate".
func parseException(w string) (key string, pts []int32, ok bool) {
	var b strings.Builder
	pts = []int32{}
	n := int32(0) // clusters so far
	for _, r := range w {
		switch {
		case r == '-' || r == '\u2010':
			if n > 0 && (len(pts) == 0 || pts[len(pts)-1] != n) {
				pts = append(pts, n)
			}
			continue
		case isApostrophe(r):
			// The book may feed "workers’"; the key is the letter part.
			continue
		case isMark(r):
			// attaches to the previous letter: no new cluster
		case unicode.IsLetter(r):
			n++
		default:
			return "", nil, false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if n == 0 {
		return "", nil, false
	}
	// A trailing hyphen ("table-") is not a break inside the word.
	for len(pts) > 0 && pts[len(pts)-1] >= n {
		pts = pts[:len(pts)-1]
	}
	return b.String(), pts, true
}

// trie is Liang's packed trie as a double array: the child of state s
// on symbol c is base[s]+c if check[base[s]+c] == s. One add and one
// compare per letter, with no allocation, is what makes Points cheap.
type trie struct {
	ascii  [128]uint8 // lowercase ASCII rune → symbol+1; 0 = not in alphabet
	other  map[rune]uint8
	base   []int32
	check  []int32 // parent state of each slot; -1 = free
	value0 []int32 // per state: start in values
	nvalue []uint8 // per state: 0 if no pattern ends here, else letters+1
	values []uint8
	maxLen int // longest pattern, in symbols
}

// symUnknown marks a character no pattern contains, so no walk passes it.
const symUnknown = 0xFF

func (t *trie) symbol(lower rune) uint8 {
	if lower < 128 {
		if s := t.ascii[lower]; s != 0 {
			return s - 1
		}
		return symUnknown
	}
	if s, ok := t.other[lower]; ok {
		return s
	}
	return symUnknown
}

// apply raises levels with every pattern matching inside syms
// (the word with its boundary dots); levels has len(syms)+1 entries.
func (t *trie) apply(syms, levels []uint8) {
	base, check := t.base, t.check
	for i := range syms {
		s := int32(0)
		for k := i; k < len(syms); k++ {
			c := base[s] + int32(syms[k])
			if uint(c) >= uint(len(check)) || check[c] != s {
				break
			}
			s = c
			if n := t.nvalue[s]; n != 0 {
				v0 := t.value0[s]
				for j, v := range t.values[v0 : v0+int32(n)] {
					if v > levels[i+j] {
						levels[i+j] = v
					}
				}
			}
		}
	}
}

// buildTrie parses hyph-utf8 .pat.txt text: one pattern per line,
// letters with optional digits between them.
func buildTrie(text string) (*trie, error) {
	t := &trie{other: map[rune]uint8{}}
	nodes, err := t.readPatterns(text)
	if err != nil {
		return nil, err
	}
	slot := t.pack(nodes)
	t.storeValues(nodes, slot)
	return t, nil
}

// patternNode is a node of the plain trie the patterns are read into
// before it is packed.
type patternNode struct {
	kids   map[uint8]int32 // the child node of each symbol
	values []uint8         // the levels of the pattern that ends here
}

// readPatterns reads the patterns into a plain trie (node 0 is the root),
// giving each letter a symbol of t as it first occurs.
func (t *trie) readPatterns(text string) ([]patternNode, error) {
	nsym := 0
	symOf := func(r rune) (uint8, error) {
		if s := t.symbol(r); s != symUnknown {
			return s, nil
		}
		if nsym >= symUnknown {
			return 0, fmt.Errorf("alphabet larger than %d characters", symUnknown)
		}
		s := uint8(nsym)
		nsym++
		if r < 128 {
			t.ascii[r] = s + 1
		} else {
			t.other[r] = s
		}
		return s, nil
	}

	nodes := []patternNode{{kids: map[uint8]int32{}}}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		p := strings.TrimSpace(sc.Text())
		if p == "" || strings.HasPrefix(p, "%") {
			continue
		}
		var syms []uint8
		vals := []uint8{0}
		for _, r := range p {
			if r >= '0' && r <= '9' {
				vals[len(vals)-1] = uint8(r - '0')
				continue
			}
			if r == utf8.RuneError {
				return nil, fmt.Errorf("line %d: invalid UTF-8", line)
			}
			s, err := symOf(unicode.ToLower(r))
			if err != nil {
				return nil, err
			}
			syms = append(syms, s)
			vals = append(vals, 0)
		}
		if len(syms) == 0 {
			return nil, fmt.Errorf("line %d: pattern %q has no letters", line, p)
		}
		n := int32(0)
		for _, s := range syms {
			c, ok := nodes[n].kids[s]
			if !ok {
				c = int32(len(nodes))
				nodes = append(nodes, patternNode{kids: map[uint8]int32{}})
				nodes[n].kids[s] = c
			}
			n = c
		}
		nodes[n].values = vals
		t.maxLen = max(t.maxLen, len(syms))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nodes, nil
}

// pack lays the plain trie out in t's base and check arrays,
// breadth-first: each node's children go at base+symbol in the first free
// run that fits them all. It returns the state of each node.
func (t *trie) pack(nodes []patternNode) []int32 {
	slot := make([]int32, len(nodes)) // node → state
	t.check = []int32{-2}             // the root's slot; -2 matches no parent
	t.base = []int32{0}
	grow := func(n int) {
		for len(t.check) < n {
			t.check = append(t.check, -1)
			t.base = append(t.base, 0)
		}
	}
	firstFree := 1
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		kids := make([]uint8, 0, len(nodes[n].kids))
		for s := range nodes[n].kids {
			kids = append(kids, s)
		}
		if len(kids) == 0 {
			continue
		}
		slices.Sort(kids)
		for firstFree < len(t.check) && t.check[firstFree] != -1 {
			firstFree++
		}
		b := max(firstFree-int(kids[0]), 0)
	search:
		for ; ; b++ {
			for _, k := range kids {
				at := b + int(k)
				if at == 0 || (at < len(t.check) && t.check[at] != -1) {
					continue search
				}
			}
			break
		}
		grow(b + int(kids[len(kids)-1]) + 1)
		st := slot[n]
		t.base[st] = int32(b)
		for _, k := range kids {
			at := int32(b + int(k))
			t.check[at] = st
			child := nodes[n].kids[k]
			slot[child] = at
			queue = append(queue, child)
		}
	}
	return slot
}

// storeValues stores each pattern's levels at its state.
func (t *trie) storeValues(nodes []patternNode, slot []int32) {
	t.value0 = make([]int32, len(t.check))
	t.nvalue = make([]uint8, len(t.check))
	for n, bn := range nodes {
		// Trailing zeros never raise a level; drop them.
		v := bn.values
		for len(v) > 0 && v[len(v)-1] == 0 {
			v = v[:len(v)-1]
		}
		if len(v) > 0 {
			st := slot[n]
			t.value0[st] = int32(len(t.values))
			t.nvalue[st] = uint8(len(v))
			t.values = append(t.values, v...)
		}
	}
}
