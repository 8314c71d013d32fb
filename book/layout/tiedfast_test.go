package layout

import (
	"math/rand/v2"
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
	case isNumberOld(a) && t.units[b]:
		return true
	case isInitialOld(a) && unicode.IsUpper(first):
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

// isNumberOld and isInitialOld are isNumber and isInitial as they were before their
// fast paths.
func isNumberOld(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case (r == ',' || r == '.' || r == '\u2009') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}

func isInitialOld(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && unicode.IsUpper(r) && s[n:] == "."
}

// TestTieWordTestsAsBefore: isSpace, isNumber and isInitial answer as unicode.IsSpace and
// the loops before their fast paths, for every character and for random short words of
// digits, separators, capitals, full stops, letters past ASCII and bytes that are not
// UTF-8.
func TestTieWordTestsAsBefore(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v", r, isSpace(r))
		}
		s := string(r)
		for _, w := range []string{s, s + ".", s + "1", "1" + s + "2"} {
			if isNumber(w) != isNumberOld(w) || isInitial(w) != isInitialOld(w) {
				t.Fatalf("%q: isNumber %v, isInitial %v", w, isNumber(w), isInitial(w))
			}
		}
	}
	parts := []string{"", "1", "0", "9", "12", ",", ".", "\u2009", "A", "Z", "a", "É", "é", "Ω", "١", "٣", "\xff", "\xc3", "(", "/", ":", "\U0001D400"}
	rnd := rand.New(rand.NewPCG(40, 19))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for range n {
		var b strings.Builder
		for range rnd.IntN(5) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		w := b.String()
		if isNumber(w) != isNumberOld(w) || isInitial(w) != isInitialOld(w) {
			t.Fatalf("%q: isNumber %v (want %v), isInitial %v (want %v)", w, isNumber(w), isNumberOld(w), isInitial(w), isInitialOld(w))
		}
	}
}
