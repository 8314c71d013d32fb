package layout

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// looksLikeURLOld, letterSpanOld and hasUpperOld are looksLikeURL, breakPoints' letter span
// and acronyms' test for a capital as they were before their fast paths.
func looksLikeURLOld(w string) bool {
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.HasPrefix(w, "mailto:")
}

func letterSpanOld(w string) (int, int) {
	lo := strings.IndexFunc(w, unicode.IsLetter)
	hi := strings.LastIndexFunc(w, unicode.IsLetter)
	if lo < 0 {
		return -1, 0
	}
	_, last := utf8.DecodeRuneInString(w[hi:])
	return lo, hi + last
}

func hasUpperOld(s string) bool { return strings.ContainsFunc(s, unicode.IsUpper) }

// TestWordScansAsBefore: looksLikeURL, letterSpan and hasUpper answer as the searches they
// replace, for every character alone and between letters, and for random words of
// letters, capitals, punctuation, the pieces of addresses, letters and marks past ASCII
// and bytes that are not UTF-8.
func TestWordScansAsBefore(t *testing.T) {
	check := func(w string) {
		t.Helper()
		if got, want := looksLikeURL(w), looksLikeURLOld(w); got != want {
			t.Fatalf("looksLikeURL(%q) = %v, want %v", w, got, want)
		}
		if got, want := hasUpper(w), hasUpperOld(w); got != want {
			t.Fatalf("hasUpper(%q) = %v, want %v", w, got, want)
		}
		classes := wordClasses(w)
		if got, want := addressLike(w, classes), looksLikeURLOld(w); got != want {
			t.Fatalf("addressLike(%q) = %v, want %v", w, got, want)
		}
		if got, want := mayHaveCapital(w, classes), hasUpperOld(w); got != want {
			t.Fatalf("mayHaveCapital(%q) = %v, want %v", w, got, want)
		}
		if got, want := classes&byteDigit != 0, hasDigit(w); got != want {
			t.Fatalf("%q: digit class %v, want %v", w, got, want)
		}
		if got, want := mayHaveDash(classes), strings.ContainsAny(w, "-/") || !isASCII(w); got != want {
			t.Fatalf("mayHaveDash(%q) = %v, want %v", w, got, want)
		}
		if w == "" {
			return
		}
		lo, end := letterSpan(w)
		if wlo, wend := letterSpanOld(w); lo != wlo || end != wend {
			t.Fatalf("letterSpan(%q) = %d, %d, want %d, %d", w, lo, end, wlo, wend)
		}
	}
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		s := string(r)
		check(s)
		check("a" + s)
		check(s + "Z")
	}
	for c := range 256 {
		b := string([]byte{byte(c)})
		check(b)
		check("x" + b + "y")
	}
	parts := []string{"a", "z", "A", "Z", "f", "@", "[", "`", "{", ".", ",", ":", "/", "//", "://",
		"www", "www.", "mailto", "mailto:", "http", "-", "’", "“", "”", "(", ")", "é", "É", "ß", "Ω",
		"ω", "\u0301", "\u00a0", "1", "٣", "\xff", "\xc3", "\xe2\x80", "ǅ", "ᾈ", "\U0001D400"}
	rnd := rand.New(rand.NewPCG(40, 1))
	n := 300000
	if testing.Short() {
		n = 30000
	}
	for range n {
		var b strings.Builder
		for range rnd.IntN(7) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		check(b.String())
	}
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
