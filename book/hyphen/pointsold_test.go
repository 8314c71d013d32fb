package hyphen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// appendPointsOld, segmentPointsOld and forbiddenOld are AppendPoints, segmentPoints and
// forbidden as they were before their ASCII fast paths (toLower once a character).
func appendPointsOld(h *Hyphenator, dst []int, word string) []int {
	left, right := max(h.LeftMin, 1), max(h.RightMin, 1)
	if h.TooShort(word) {
		return dst
	}

	// Find the core: first letter to last letter or mark.
	start, end := -1, -1
	for i, r := range word {
		if r == utf8.RuneError || forbiddenOld(r) {
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
		dst, ok = segmentPointsOld(h, dst, seg, start, left, right, exc)
		if !ok {
			return dst[:n0]
		}
		start += len(core) - len(next)
		core = next
	}
	return dst
}

func segmentPointsOld(h *Hyphenator, dst []int, seg string, base, left, right int, exc map[string][]int32) ([]int, bool) {
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
		if isMark(r) {
			if len(syms) > 1 {
				// An accent makes a different letter than the patterns know.
				syms[len(syms)-1] = symUnknown
			}
		} else {
			offs = append(offs, int32(i))
			lr := unicode.ToLower(r)
			syms = append(syms, t.symbol(lr))
			switch {
			case unicode.IsUpper(r):
				upper++
			case unicode.IsLower(r):
				lower++
			}
		}
		key = utf8.AppendRune(key, unicode.ToLower(r))
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

func forbiddenOld(r rune) bool {
	switch r {
	case '-', '/', '\\', '\u00AD', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '@', '_':
		return true
	}
	return unicode.IsNumber(r)
}

// TestPointsAsBefore: forbidden and toLower answer as before for every character, and
// AppendPoints finds the points the old form found for random words of letters (ASCII
// and past it, capitals, marks), apostrophes, digits, hyphens, punctuation and bytes that
// are not UTF-8, in four languages, with exceptions added.
func TestPointsAsBefore(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if forbidden(r) != forbiddenOld(r) || toLower(r) != unicode.ToLower(r) {
			t.Fatalf("%U: forbidden %v, toLower %U", r, forbidden(r), toLower(r))
		}
	}
	parts := []string{"a", "e", "i", "o", "u", "n", "t", "r", "s", "l", "c", "h", "p", "m", "b", "g",
		"tion", "ing", "com", "pre", "ver", "sch", "qu", "A", "E", "T", "S", "QU", "É", "é", "è", "ç",
		"ñ", "ü", "ß", "Ä", "\u0301", "'", "’", "ʼ", "1", "-", "/", "@", "_", ".", ",", "“", "”", "(",
		"\xff", "\xc3", "Ω", "ж", "Ж", "\u00ad", "İ", "K", "ǅ", "Table", "taBle", "Pre", "Version"}
	n := 100000
	if testing.Short() {
		n = 10000
	}
	for _, tag := range []string{"en", "de", "fr", "es"} {
		h, err := New(tag)
		if err != nil {
			t.Fatal(err)
		}
		h.AddExceptions("ta-ble", "Sánchez", "pre-ver-sion")
		rnd := rand.New(rand.NewPCG(40, uint64(len(tag))))
		hyphenated := 0
		for range n {
			var b strings.Builder
			if rnd.IntN(8) == 0 {
				b.WriteString(parts[len(parts)-1-rnd.IntN(4)]) // an exception, capitalised
			}
			for range rnd.IntN(10) {
				if rnd.IntN(4) > 0 {
					b.WriteString(parts[rnd.IntN(23)]) // lower-case ASCII, most words
				} else {
					b.WriteString(parts[rnd.IntN(len(parts))])
				}
			}
			w := b.String()
			if got, want := h.AppendPoints(nil, w), appendPointsOld(h, nil, w); !slices.Equal(got, want) {
				t.Fatalf("%s %q: points %v, want %v", tag, w, got, want)
			} else if len(got) > 0 {
				hyphenated++
			}
		}
		if hyphenated < n/10 {
			t.Fatalf("%s: %d of %d words hyphenated", tag, hyphenated, n)
		}
	}
}

// TestASCIIPointsAsBefore: words of ASCII letters only (asciiPoints' words), of every length
// to past maxStack, small, capitalised, all capitals and mixed, exceptions among them, get
// the points the old form found; and asciiLetters is true exactly for such words.
func TestASCIIPointsAsBefore(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if asciiLetters(string([]byte{'a', byte(c), 'Z'})) != want {
			t.Fatalf("asciiLetters(%q) != %v", byte(c), want)
		}
	}
	n := 100000
	if testing.Short() {
		n = 10000
	}
	for _, tag := range []string{"en", "de", "fr", "es"} {
		h, err := New(tag)
		if err != nil {
			t.Fatal(err)
		}
		h.AddExceptions("ta-ble", "pre-ver-sion", "hy-phen-ation")
		rnd := rand.New(rand.NewPCG(41, uint64(len(tag))))
		hyphenated, acronyms := 0, 0
		for range n {
			var w string
			switch rnd.IntN(10) {
			case 0:
				w = []string{"table", "Table", "TABLE", "preversion", "PreVersion", "hyphenation"}[rnd.IntN(6)]
			default:
				b := make([]byte, rnd.IntN(maxStack+12))
				for i := range b {
					b[i] = "etaoinshrdlucmfwypvbgkjqxz"[rnd.IntN(26)]
				}
				switch rnd.IntN(4) {
				case 0:
					if len(b) > 0 {
						b[0] -= 'a' - 'A'
					}
				case 1:
					for i := range b {
						b[i] -= 'a' - 'A'
					}
				case 2:
					for i := range b {
						if rnd.IntN(3) == 0 {
							b[i] -= 'a' - 'A'
						}
					}
				}
				w = string(b)
			}
			got, want := h.AppendPoints([]int{-1}, w), appendPointsOld(h, []int{-1}, w)
			if !slices.Equal(got, want) {
				t.Fatalf("%s %q: points %v, want %v", tag, w, got, want)
			}
			if len(got) > 1 {
				hyphenated++
			} else if len(w) > 4 && strings.ToUpper(w) == w {
				acronyms++
			}
		}
		if hyphenated < n/4 || acronyms < n/20 {
			t.Fatalf("%s: %d of %d words hyphenated, %d acronyms", tag, hyphenated, n, acronyms)
		}
	}
}
