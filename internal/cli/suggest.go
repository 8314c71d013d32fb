package cli

import "strings"

// suggest returns the candidate the user probably meant by word, or "" if none is close:
// within one edit for a short word, two for a longer one (a swap of two letters is one edit),
// or the only candidate that word begins.
func suggest(word string, candidates []string) string {
	word = strings.ToLower(word)
	limit := 1
	if len([]rune(word)) >= 5 {
		limit = 2
	}
	if len([]rune(word)) < 2 {
		return ""
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := editDistance(word, strings.ToLower(c)); d < bestDist && d < len([]rune(c)) {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	var prefixed []string
	for _, c := range candidates {
		if len(word) >= 3 && strings.HasPrefix(strings.ToLower(c), word) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
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
