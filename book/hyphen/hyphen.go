// Package hyphen finds where a word may be hyphenated, using Frank Liang's
// algorithm with TeX's hyph-utf8 patterns and exception lists (embedded
// from patterns/, see the LICENSE-*.txt files there).
//
// It works on one word at a time and returns byte offsets; deciding which
// break to take is the line breaker's job. Characters are counted in runes
// (a combining mark counts with its base letter) for the left and right
// minimums, so an accented name never splits inside a letter.
package hyphen

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Hyphenator finds the places a word may be broken, for one language.
// Safe for concurrent use, provided LeftMin and RightMin are not changed
// while other goroutines call its methods.
type Hyphenator struct {
	// LeftMin and RightMin are the fewest characters (runes) kept before
	// and after any break. Values below 1 count as 1.
	LeftMin, RightMin int

	lang *language
	// exceptions is replaced, never mutated, so Points reads it without a lock.
	exceptions atomic.Pointer[map[string][]int32]
	mu         sync.Mutex // serialises AddExceptions
}

// Option configures a Hyphenator in New.
type Option func(*Hyphenator)

// WithMinima sets LeftMin and RightMin.
func WithMinima(left, right int) Option {
	return func(h *Hyphenator) { h.LeftMin, h.RightMin = left, right }
}

// New returns a Hyphenator for lang, a BCP 47 tag: "es", "de-AT" (German
// patterns), "pt-BR", "en-GB", "en" (meaning en-US, TeX's default English).
// Tags are case-insensitive and may use "_". LeftMin and RightMin start at
// TeX's values for the language. The language's patterns are read in place in
// the binary once per process, when first asked for, and shared.
func New(lang string, opts ...Option) (*Hyphenator, error) {
	l, err := lookupLanguage(lang)
	if err != nil {
		return nil, err
	}
	if err := l.load(); err != nil {
		return nil, err
	}
	h := &Hyphenator{LeftMin: l.left, RightMin: l.right, lang: l}
	// Each Hyphenator gets its own copy so AddExceptions on one book's
	// hyphenator cannot change another's.
	exc := make(map[string][]int32, len(l.except))
	for k, v := range l.except {
		exc[k] = v
	}
	h.exceptions.Store(&exc)
	for _, o := range opts {
		o(h)
	}
	return h, nil
}

// Lang returns the canonical tag of the patterns' language, e.g. "en-US"
// for "en", "de" for "de-AT".
func (h *Hyphenator) Lang() string { return h.lang.tag }

// LanguageName returns the patterns' language in English, e.g. "German".
func (h *Hyphenator) LanguageName() string { return h.lang.name }

// AddExceptions adds words in TeX \hyphenation style: "ta-ble" allows a
// break only after "ta"; a word without hyphens ("Sánchez") is never
// hyphenated. Matching ignores case. Entries replace earlier ones for the
// same word, including the language's own list. Unusable entries (digits,
// other punctuation) are ignored. The minimums still apply, as in TeX.
// Parts of a word between apostrophes are matched separately, so give
// "workers" rather than "workers’" (an apostrophe in an entry is dropped).
func (h *Hyphenator) AddExceptions(words ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	old := *h.exceptions.Load()
	exc := make(map[string][]int32, len(old)+len(words))
	for k, v := range old {
		exc[k] = v
	}
	for _, w := range words {
		if key, pts, ok := parseException(w); ok {
			exc[key] = pts
		}
	}
	h.exceptions.Store(&exc)
}

// Points returns the byte offsets in word where a hyphen may be inserted,
// in ascending order, or nil. Offset p means the break falls between
// word[:p] and word[p:].
//
// Leading and trailing punctuation (quotes, commas) is ignored. Words that
// contain a hyphen or dash, a slash, a digit or other inner punctuation
// get no points: the line breaker breaks only at the explicit character.
// Apostrophes split a word into parts hyphenated separately, so no break
// is ever next to one ("work-ers’"). All-capital words are acronyms and
// get no points.
func (h *Hyphenator) Points(word string) []int {
	return h.AppendPoints(nil, word)
}

// TooShort reports whether word has too few bytes for any point (LeftMin and RightMin
// letters on either side): Points gives none, and a caller that remembers points need not
// look such a word up.
func (h *Hyphenator) TooShort(word string) bool {
	return len(word) < max(h.LeftMin, 1)+max(h.RightMin, 1)
}

// AppendPoints is Points appending to dst, for callers that reuse a buffer;
// it does not allocate when dst has room.
func (h *Hyphenator) AppendPoints(dst []int, word string) []int {
	left, right := max(h.LeftMin, 1), max(h.RightMin, 1)
	if h.TooShort(word) {
		return dst
	}
	if asciiLetters(word) && len(word) <= maxStack {
		// Most words: the core is the word, one segment, a character a byte.
		return h.asciiPoints(dst, word, left, right, *h.exceptions.Load())
	}

	// Find the core: first letter to last letter or mark.
	start, end := -1, -1
	for i, r := range word {
		if r == utf8.RuneError || forbidden(r) {
			return dst
		}
		if unicode.IsLetter(r) && !isApostrophe(r) {
			if start < 0 {
				start = i
			}
			end = i + utf8.RuneLen(r)
		} else if isMark(r) && start >= 0 {
			end = i + utf8.RuneLen(r)
		}
	}
	if start < 0 {
		return dst
	}
	core := word[start:end]
	for _, r := range core {
		if !isApostrophe(r) && !unicode.IsLetter(r) && !isMark(r) {
			return dst // inner punctuation such as "e.g" or "AT&T"
		}
	}

	exc := *h.exceptions.Load()
	n0 := len(dst)
	for len(core) > 0 {
		seg := core
		next := ""
		if i := strings.IndexFunc(core, isApostrophe); i >= 0 {
			seg = core[:i]
			_, size := utf8.DecodeRuneInString(core[i:])
			next = core[i+size:]
		}
		var ok bool
		dst, ok = h.segmentPoints(dst, seg, start, left, right, exc)
		if !ok {
			return dst[:n0]
		}
		start += len(core) - len(next)
		core = next
	}
	return dst
}

// maxStack is the word length (in characters) handled without heap use.
const maxStack = 64

// segmentPoints appends the points of one apostrophe-free part of a word
// that starts at byte offset base of the original. It reports false if
// the part is an acronym, which vetoes the whole word.
func (h *Hyphenator) segmentPoints(dst []int, seg string, base, left, right int, exc map[string][]int32) ([]int, bool) {
	var (
		offBuf [maxStack + 1]int32
		symBuf [maxStack + 2]uint8
		lvlBuf [maxStack + 3]uint8
		keyBuf [4 * maxStack]byte
	)
	t := h.lang.loaded
	offs := offBuf[:0]
	syms := append(symBuf[:0], t.symbol('.'))
	key := keyBuf[:0]
	upper, lower := 0, 0
	for i, r := range seg {
		lr := toLower(r) // once, for the symbol and the key
		if isMark(r) {
			if len(syms) > 1 {
				// An accent makes a different letter than the patterns know.
				syms[len(syms)-1] = symUnknown
			}
		} else {
			offs = append(offs, int32(i))
			syms = append(syms, t.symbol(lr))
			switch {
			case unicode.IsUpper(r):
				upper++
			case unicode.IsLower(r):
				lower++
			}
		}
		key = utf8.AppendRune(key, lr)
	}
	if upper >= 2 && lower == 0 {
		return dst, false
	}
	n := len(offs)
	if n < left+right {
		return dst, true
	}
	if pts, ok := exc[string(key)]; ok {
		for _, p := range pts {
			if int(p) >= left && n-int(p) >= right {
				dst = append(dst, base+int(offs[p]))
			}
		}
		return dst, true
	}
	syms = append(syms, t.symbol('.'))
	levels := lvlBuf[:0]
	for range len(syms) + 1 {
		levels = append(levels, 0)
	}
	t.apply(syms, levels)
	// A break before character j sits before syms[j+1] (syms[0] is the dot).
	for j := left; j <= n-right; j++ {
		if levels[j+1]&1 == 1 {
			dst = append(dst, base+int(offs[j]))
		}
	}
	return dst, true
}

// asciiLetters says word is of ASCII letters only.
func asciiLetters(word string) bool {
	for i := 0; i < len(word); i++ {
		// Setting the 0x20 bit makes a capital its small letter and moves no other byte
		// into a–z.
		if c := word[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// asciiPoints is segmentPoints for a word of at most maxStack ASCII letters, the whole
// word (AppendPoints' core and only segment): a character's offset is its index, its
// small letter one bit away.
func (h *Hyphenator) asciiPoints(dst []int, word string, left, right int, exc map[string][]int32) []int {
	var (
		symBuf [maxStack + 2]uint8
		lvlBuf [maxStack + 3]uint8
		keyBuf [maxStack]byte
	)
	t := h.lang.loaded
	n := len(word)
	syms := symBuf[:n+2]
	key := keyBuf[:n]
	upper := 0
	syms[0] = t.symbol('.')
	for i := range n {
		c := word[i]
		if c <= 'Z' {
			upper++
			c |= 0x20
		}
		key[i] = c
		syms[i+1] = t.symbol(rune(c))
	}
	if upper >= 2 && upper == n {
		return dst // an acronym
	}
	if n < left+right {
		return dst
	}
	if pts, ok := exc[string(key)]; ok {
		for _, p := range pts {
			if int(p) >= left && n-int(p) >= right {
				dst = append(dst, int(p))
			}
		}
		return dst
	}
	syms[n+1] = t.symbol('.')
	levels := lvlBuf[:n+3]
	t.apply(syms, levels)
	for j := left; j <= n-right; j++ {
		if levels[j+1]&1 == 1 {
			dst = append(dst, j)
		}
	}
	return dst
}

// Hyphenate returns word with "-" at every point, e.g. "hy-phen-ation";
// for tests and debugging.
func (h *Hyphenator) Hyphenate(word string) string {
	pts := h.Points(word)
	if len(pts) == 0 {
		return word
	}
	var b strings.Builder
	b.Grow(len(word) + len(pts))
	prev := 0
	for _, p := range pts {
		b.WriteString(word[prev:p])
		b.WriteByte('-')
		prev = p
	}
	b.WriteString(word[prev:])
	return b.String()
}

// toLower is unicode.ToLower, ASCII without the call.
func toLower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// forbidden reports characters that rule out hyphenation anywhere in the
// word: an explicit hyphen or dash is already a break, and numbers, paths
// and URLs must not gain hyphens. ASCII is answered without the call
// (unicode.IsNumber of it is a digit).
func forbidden(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return forbiddenASCII[r]
	}
	return forbiddenPastASCII(r)
}

// forbiddenASCII is forbidden of each ASCII character.
var forbiddenASCII = [utf8.RuneSelf]bool{
	'-': true, '/': true, '\\': true, '@': true, '_': true,
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
}

// forbiddenPastASCII is forbidden for a character past ASCII.
func forbiddenPastASCII(r rune) bool {
	switch r {
	case '-', '/', '\\', '\u00AD', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '@', '_':
		return true
	}
	return unicode.IsNumber(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC'
}

// isMark reports combining marks; none lies below U+0300, which keeps
// the common case off the table search.
func isMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.M, r) }
