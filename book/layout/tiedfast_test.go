package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// tiedAsBefore is tied as it was written before its fast path: both words trimmed first.
func tiedAsBefore(t *ties, a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	a = strings.TrimLeft(a, opening)
	b = strings.TrimRight(b, closing)
	first, _ := utf8.DecodeRuneInString(b)
	switch {
	case unicode.IsDigit(first) && t.before[a]:
		return true
	case isNumber(a) && t.units[b]:
		return true
	case isInitial(a) && unicode.IsUpper(first):
		return true
	}
	return false
}

// TestTiedAsBefore: tied, which trims only words that open or close with punctuation and
// cuts the next word out only when it must, answers as trimming both words always did, for
// every pair of words in the manuscript and pairs of punctuation, numbers, units and
// initials.
func TestTiedAsBefore(t *testing.T) {
	files, _ := filepath.Glob("../../manuscript/*.md")
	var text strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(src)
	}
	text.WriteString(` p. 12 (p. 12) “No. 3” Law 1008, 70 km. 15 million… 40 % F. Quispe ‘J. Smith’ 1,5 km²) 7 ”… 8 ). 9 " 3.5 tonnes” (12) [Art. 4] `)
	ts := newTies([]string{"Clause"})
	var words []string
	for w := range strings.FieldsSeq(text.String()) {
		words = append(words, w)
	}
	odd := []string{"", " ", "”", "…", ")", "”km", "’Quispe", ".12", "(", "“", "‘p.", "12", "km", "\xff", "x\u00a0y"}
	pairs := 0
	check := func(a, rest string) {
		pairs++
		if got, want := ts.tied(a, rest), tiedAsBefore(ts, a, nextWord(rest)); got != want {
			t.Errorf("tied(%q, %q) = %v, want %v", a, rest, got, want)
		}
	}
	for i := range words {
		rest := strings.Join(words[min(i+1, len(words)):min(i+3, len(words))], " ")
		check(words[i], rest)
		for _, o := range odd {
			check(words[i], o+" "+rest)
			check(o, words[i]+" "+rest)
			check(o, o)
		}
	}
	if pairs < 10000 {
		t.Fatalf("%d pairs compared", pairs)
	}
}
