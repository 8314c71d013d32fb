package diag

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Suggest returns the candidate the user probably meant by word, or "" if none is close
// enough to be worth saying. Case and accents are folded first (as rustc does): a candidate
// equal to word once folded wins; else the nearest within one edit for a short word, two
// for a longer one (a swap of two letters is one edit), the first of equals in candidates'
// order; else the only candidate that word begins. A candidate equal to word is never
// suggested: the answer must differ from what was written.
func Suggest(word string, candidates []string) string {
	w := fold(word)
	n := len([]rune(w))
	if n < 2 {
		return ""
	}
	limit := 1
	if n >= 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		f := fold(c)
		if m := len([]rune(f)); m > n+limit || m < n-limit {
			continue // farther than the limit: no need to measure
		}
		d := editDistance(w, f)
		if d < bestDist && d < len([]rune(f)) {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	var prefixed []string
	for _, c := range candidates {
		if n >= 3 && c != word && strings.HasPrefix(fold(c), w) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// DidYouMean is the end of a diagnostic that suggests what Suggest finds, quoted:
// `; did you mean "subtitle"?`, or "" when nothing is close.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return "; did you mean " + strconv.Quote(s) + "?"
	}
	return ""
}

// fold is s in lower case without its accents: "Éclair" and "eclair" are one word.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// editDistance is the optimal string alignment distance between a and b: insertions,
// deletions, substitutions and swaps of adjacent letters each count one.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// Alternatives ends a message about word, which is none of known: `: did you mean "x"?` when
// one is near (Suggest), else the whole list, ` (known: a, b, c)`, short enough to read.
func Alternatives(word string, known []string) string {
	if s := Suggest(word, known); s != "" {
		return ": did you mean " + strconv.Quote(s) + "?"
	}
	return " (known: " + strings.Join(known, ", ") + ")"
}
