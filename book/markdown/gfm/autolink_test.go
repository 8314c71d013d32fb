package gfm

import (
	"bytes"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// goldmark v1.8.7's expressions (extension/linkify.go), which the matchers replace.
var (
	goldmarkWWW = regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
	goldmarkURL = regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
)

// matchEnd is a match's end, or -1.
func matchEnd(m []int) int {
	if m == nil {
		return -1
	}
	return m[1]
}

func checkMatchers(t *testing.T, line []byte) {
	t.Helper()
	if got, want := matchEnd(matchWWW(line)), matchEnd(goldmarkWWW.FindSubmatchIndex(line)); got != want {
		t.Errorf("www %q: matched to %d, goldmark to %d", line, got, want)
	}
	if got, want := matchEnd(matchURL(line)), matchEnd(goldmarkURL.FindSubmatchIndex(line)); got != want {
		t.Errorf("url %q: matched to %d, goldmark to %d", line, got, want)
	}
}

// randomLinks are lines made of the characters the expressions care about, after the prefixes
// they start with: many match, many stop somewhere, some run past the host's 256.
func randomLinks(r *rand.Rand, n int) [][]byte {
	prefixes := []string{"www.", "http://", "https://", "ftp://", "htp://", "http:/", "www", "https://www.", ""}
	alphabet := []string{"a", "z", "Q", "7", ".", ".", "-", "_", "@", ":", ":8", "%", "+", "~", "#", "=", "/", "?",
		"$", "!", "&", "(", ")", ";", ",", "'", "\"", ">", "<", "^", "{", "}", "[", "]", "`", " ", "é", "\xff", "com", "org", ".com", ".x", "/p", "a.b", "/"}
	var lines [][]byte
	for range n {
		var b strings.Builder
		b.WriteString(prefixes[r.IntN(len(prefixes))])
		size := r.IntN(24)
		if r.IntN(20) == 0 {
			size = 240 + r.IntN(40)
		}
		for range size {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		lines = append(lines, []byte(b.String()))
	}
	return lines
}

func TestMatchersAgreeWithGoldmark(t *testing.T) {
	var lines [][]byte
	// every suffix of every line of goldmark's autolink cases (the GFM spec's among them)
	data, err := os.ReadFile("testdata/linkify.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range bytes.Split(data, []byte("\n")) {
		for i := range l {
			lines = append(lines, l[i:])
		}
	}
	host := strings.Repeat("a", 250)
	for _, s := range []string{"www." + host + ".com", "www." + host + "aaaaaaa.com/x", "http://" + host + "a.b.c:12/x$",
		"www." + strings.Repeat("a.", 140) + "x", "http://a.b:", "http://a.b:x", "https://a.bc:99$", "www.a.b$",
		"www." + strings.Repeat("a", 256) + ".com", "www." + strings.Repeat("a", 257) + ".com",
		"http://" + strings.Repeat("b", 255) + ".c.d", "http://a." + strings.Repeat("b", 255) + ".c"} {
		lines = append(lines, []byte(s))
	}
	lines = append(lines, randomLinks(rand.New(rand.NewPCG(1, 19)), 20000)...)
	matched := 0
	for _, l := range lines {
		checkMatchers(t, l)
		if matchWWW(l) != nil || matchURL(l) != nil {
			matched++
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d of %d lines matched: the test's lines are too easy", matched, len(lines))
	}
}

func FuzzMatchers(f *testing.F) {
	for _, l := range randomLinks(rand.New(rand.NewPCG(2, 19)), 50) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkMatchers(t, line) })
}

// TestLinkifyAgreesWithGoldmark renders documents of random links through goldmark's
// extension and through the copy, with and without a list of protocols.
func TestLinkifyAgreesWithGoldmark(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 19))
	protocols := []string{"http:", "https:", "mailto:"}
	pairs := [][2]goldmark.Markdown{
		{withRenderers(false, extension.Linkify), withRenderers(false, Linkify)},
		{withRenderers(false, extension.NewLinkify(extension.WithLinkifyAllowedProtocols(protocols))),
			withRenderers(false, NewLinkify(protocols...))},
	}
	seps := []string{" ", " *", " _", " (", "\n", " a@b.", " mailto:x@y.z ", " x_y@ex.com-"}
	for range 400 {
		var doc bytes.Buffer
		for i, l := range randomLinks(r, 12) {
			doc.WriteString(seps[i%len(seps)])
			doc.Write(l)
		}
		for _, p := range pairs {
			var want, got bytes.Buffer
			if err := p[0].Convert(doc.Bytes(), &want); err != nil {
				t.Fatal(err)
			}
			if err := p[1].Convert(doc.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(want.Bytes(), got.Bytes()) {
				t.Fatalf("%q:\ngoldmark %s\ncopy     %s", doc.Bytes(), want.Bytes(), got.Bytes())
			}
		}
	}
}

// TestLinkifyLooksOnlyWhereItMayMatch: a document with no protocol, "www." or '@' is not
// searched for links at all (mayMatch); documents of near misses, and of near misses with one
// link, render as goldmark's extension renders them, with and without a list of protocols.
func TestLinkifyLooksOnlyWhereItMayMatch(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 19))
	protocols := []string{"http:", "https:", "mailto:"}
	pairs := [][2]goldmark.Markdown{
		{withRenderers(false, extension.Linkify), withRenderers(false, Linkify)},
		{withRenderers(false, extension.NewLinkify(extension.WithLinkifyAllowedProtocols(protocols))),
			withRenderers(false, NewLinkify(protocols...))},
	}
	misses := []string{"http", "https", "ftp", "mailto", "www", "ww.x.com", "x.com", "a:b", "http//x",
		"wwwx.com", "(x)", "*x*", "_x_", "~x~", "word", "x.y.z", ":", "."}
	links := []string{"http://x.com", "https://x.com/a", "ftp://x.org", "www.x.com", "a@b.com",
		"mailto:a@b.com", "mailto:x", "[http://x.com](u)", "[a www.x.com b](u)", "[a@b.com]"}
	seps := []string{" ", " *", " _", " (", "~", "\n", ") ", " [", "](v) "}
	for i := range 600 {
		var doc bytes.Buffer
		for j := range 20 {
			doc.WriteString(seps[r.IntN(len(seps))])
			doc.WriteString(misses[r.IntN(len(misses))])
			if i%2 == 1 && j == 10 {
				doc.WriteString(seps[r.IntN(len(seps))])
				doc.WriteString(links[r.IntN(len(links))])
			}
		}
		for _, p := range pairs {
			var want, got bytes.Buffer
			if err := p[0].Convert(doc.Bytes(), &want); err != nil {
				t.Fatal(err)
			}
			if err := p[1].Convert(doc.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(want.Bytes(), got.Bytes()) {
				t.Fatalf("%q:\ngoldmark %s\ncopy     %s", doc.Bytes(), want.Bytes(), got.Bytes())
			}
		}
	}
}
