package hyphen

import (
	"bufio"
	"embed"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/genpatterns -hyph-utf8 /usr/share/texlive/texmf-dist/tex/generic/hyph-utf8

// The patterns ship with the package, compiled (patterns/*.bin, made by
// go generate from the hyph-utf8 sources beside them, embedded as strings by
// languages_gen.go), so a book builds offline, hyphenates the same way on
// every machine, and reads only the languages it uses, in place: no language
// costs anything at start-up.
//
//go:embed patterns/*.hyp.txt
var patternFS embed.FS

// language is one supported language: where its files are, TeX's minimum
// fragments for it, and its trie and exceptions, built on first use only.
type language struct {
	tag        string // canonical BCP 47 spelling, e.g. "en-GB"
	name       string // in English, for messages
	trie       string // base name of the packed patterns in patterns/
	exceptions string // base name of the hyph-utf8 exception list, or ""
	left       int    // TeX's \lefthyphenmin for the language
	right      int    // TeX's \righthyphenmin

	once   sync.Once
	loaded *trie
	except map[string][]int32
	err    error
}

// Supported returns the canonical tags New accepts, sorted (fallbacks such
// as "de-AT" or "pt-BR" are not listed).
func Supported() []string {
	out := make([]string, len(languages))
	for i, l := range languages {
		out[i] = l.tag
	}
	slices.Sort(out)
	return out
}

// commonwealth are the regions whose English follows British spelling; any
// other English is set with the US patterns, TeX's default English.
var commonwealth = map[string]bool{
	"gb": true, "uk": true, "ie": true, "au": true, "nz": true, "za": true, "in": true,
	"pk": true, "ng": true, "ke": true, "sg": true, "hk": true, "mt": true, "jm": true,
}

// lookupLanguage finds the patterns for a BCP 47 tag: the tag itself, else its
// language with a region that changes the spelling (en-GB, de-1901), else its
// language alone (de-AT → de, pt-BR → pt, es-419 → es, sr-Latn → none).
func lookupLanguage(tag string) (*language, error) {
	key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	sub := strings.Split(key, "-")
	find := func(t string) *language {
		for _, l := range languages {
			if strings.EqualFold(l.tag, t) {
				return l
			}
		}
		return nil
	}
	if l := find(key); l != nil {
		return l, nil
	}
	base := sub[0]
	switch base {
	case "no":
		base = "nb" // Norwegian without a written standard: Bokmål, as most books are
	case "en":
		base = "en-us"
		for _, s := range sub[1:] {
			if commonwealth[s] {
				base = "en-gb"
			}
		}
	case "de":
		if slices.Contains(sub[1:], "1901") {
			base = "de-1901"
		}
	}
	if l := find(base); l != nil {
		return l, nil
	}
	if l := find(sub[0]); l != nil {
		return l, nil // de-1901: the 1996 patterns serve better than none
	}
	return nil, fmt.Errorf("hyphen: no hyphenation patterns for %q (there are patterns for %s)",
		tag, strings.Join(Supported(), ", "))
}

// unpackEmbedded reads the language's trie in place in the binary (packedTrie).
func (l *language) unpackEmbedded() (*trie, error) {
	data, ok := packedTrie(l.trie)
	if !ok {
		return nil, fmt.Errorf("no file %s.bin", l.trie)
	}
	return unpack(data)
}

// load unpacks the trie and reads the exceptions once; every Hyphenator of
// the language then shares them read-only.
func (l *language) load() error {
	l.once.Do(func() {
		var err error
		l.loaded, err = l.unpackEmbedded()
		if err != nil {
			l.err = fmt.Errorf("hyphen: %s patterns: %w", l.tag, err)
			return
		}
		l.except = make(map[string][]int32)
		if l.exceptions == "" {
			return
		}
		hyp, err := patternFS.ReadFile("patterns/" + l.exceptions + ".hyp.txt")
		if err != nil {
			l.err = fmt.Errorf("hyphen: %s exceptions: %w", l.tag, err)
			return
		}
		for _, w := range strings.Fields(string(hyp)) {
			if key, pts, ok := parseException(w); ok {
				l.except[key] = pts
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
//
// The states are read in place in the embedded file (packed.go): a string of
// three little-endian 32-bit words a state, so loading a language makes
// nothing of them, and one bounds check reads a state whole.
type trie struct {
	ascii  [128]uint8 // lowercase ASCII rune → symbol+1; 0 = not in alphabet
	other  map[rune]uint8
	states int32
	// nodes holds, per state: base; check, the parent state of the slot (-1 free,
	// -2 the root); ref, the start of its levels in values <<8 | their count (0: no
	// pattern ends here).
	nodes  string
	values string // the levels of every pattern, one a byte
	maxLen int    // longest pattern, in symbols
}

// u32 is the little-endian word at the start of s (which has four bytes at least).
func u32(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
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
	nodes, values, states := t.nodes, t.values, uint32(t.states)
	root := int32(u32(nodes))
	for i := range syms {
		s, base := int32(0), root
		for k := i; k < len(syms); k++ {
			c := base + int32(syms[k])
			if uint32(c) >= states {
				break
			}
			n := nodes[12*int(uint32(c)):]
			_ = n[11] // one bounds check reads the state whole
			if int32(u32(n[4:])) != s {
				break
			}
			s, base = c, int32(u32(n))
			if ref := u32(n[8:]); ref&0xFF != 0 {
				// Bounded by the values and the word, whatever the file says.
				v0, n := ref>>8, ref&0xFF
				if v0 > uint32(len(values)) {
					continue
				}
				vals := values[v0:min(v0+n, uint32(len(values)))]
				vals = vals[:min(len(vals), len(levels)-i)]
				for j := range len(vals) {
					if v := vals[j]; v > levels[i+j] {
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
	t, _, _, err := buildTrieNodes(text)
	return t, err
}

// buildTrieNodes is buildTrie that also returns the plain trie and the
// state of each of its nodes, which Pack writes out.
func buildTrieNodes(text string) (*trie, []patternNode, []int32, error) {
	t := &trie{other: map[rune]uint8{}}
	nodes, err := t.readPatterns(text)
	if err != nil {
		return nil, nil, nil, err
	}
	var b trieBuilder
	slot := b.pack(nodes)
	b.storeValues(nodes, slot)
	if err := b.store(t); err != nil {
		return nil, nil, nil, err
	}
	return t, nodes, slot, nil
}

// trieBuilder lays the plain trie out as a double array.
type trieBuilder struct {
	base, check, value0 []int32
	nvalue              []uint8
	values              []uint8
}

// store writes the arrays into t as it reads them.
func (b *trieBuilder) store(t *trie) error {
	if len(b.values) >= 1<<24 || len(b.check) >= 1<<30 {
		return fmt.Errorf("hyphen: patterns too many to pack (%d states, %d levels)", len(b.check), len(b.values))
	}
	nodes := make([]byte, 0, 12*len(b.check))
	for s := range b.check {
		nodes = binary.LittleEndian.AppendUint32(nodes, uint32(b.base[s]))
		nodes = binary.LittleEndian.AppendUint32(nodes, uint32(b.check[s]))
		nodes = binary.LittleEndian.AppendUint32(nodes, uint32(b.value0[s])<<8|uint32(b.nvalue[s]))
	}
	t.states, t.nodes, t.values = int32(len(b.check)), string(nodes), string(b.values)
	return nil
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

// pack lays the plain trie out in the base and check arrays,
// breadth-first: each node's children go at base+symbol in the first free
// run that fits them all. It returns the state of each node.
func (t *trieBuilder) pack(nodes []patternNode) []int32 {
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
func (t *trieBuilder) storeValues(nodes []patternNode, slot []int32) {
	t.value0 = make([]int32, len(t.check))
	t.nvalue = make([]uint8, len(t.check))
	for n, bn := range nodes {
		v := trimLevels(bn.values)
		if len(v) > 0 {
			st := slot[n]
			t.value0[st] = int32(len(t.values))
			t.nvalue[st] = uint8(len(v))
			t.values = append(t.values, v...)
		}
	}
}

// trimLevels drops trailing zeros, which never raise a level.
func trimLevels(v []uint8) []uint8 {
	for len(v) > 0 && v[len(v)-1] == 0 {
		v = v[:len(v)-1]
	}
	return v
}
