package layout

import (
	"fmt"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/linebreak"
)

// wordCacheText repeats words in every way word reads them: hyphenated, with explicit
// hyphens and dashes, ligatures, acronyms, figures, an address, and short words.
const wordCacheText = "The characteristically affluent officialdom of the MNR-government " +
	"met in 1952–1953; characteristically, the MNR-government and its officialdom met " +
	"again at https://example.org/a/very/long/address/indeed/that/runs/on in 1952. " +
	"Nationalisation, nationalisation and NATIONALISATION: the affluent officialdom."

// cacheLooks are the looks setWords sets its text in: the last differs from the first
// only in what the cache does not key (raise, link, struck), so its words are found.
var cacheLooks = []look{
	{size: 10 << 16},
	{size: 10 << 16, style: Italic},
	{size: 10 << 16, style: Bold, figures: font.Oldstyle},
	{size: 10 << 16, figures: font.Lining},
	{size: 10 << 16, smallCaps: true},
	{size: 11 << 16, smallCaps: true, figures: font.Lining},
	{size: 10 << 16, literal: true, style: Mono},
	{size: 10 << 16, lang: "de"},
	{size: 10 << 16, raise: 3 << 16, link: "#x", struck: true},
}

// setWords sets wordCacheText in every look of cacheLooks, each look twice, in one
// paragraph: its items and fragments written out, and how many words were set afresh.
func setWords(ts *typesetter, spec textSpec, off bool) (string, int) {
	p := ts.setter(8 * len(wordCacheText))
	defer ts.release(p)
	c := &ts.setters.words
	c.off, c.eager = off, !off
	before := c.setAfresh
	p.spec = spec
	for range 2 {
		for _, l := range cacheLooks {
			p.text(wordCacheText, l)
			p.space(&l)
		}
	}
	var b strings.Builder
	for _, it := range p.items {
		fmt.Fprintf(&b, "%d/%d/%d/%d/%v/%d ", it.Kind, it.Width, it.Stretch, it.Penalty, it.Flagged, it.Payload)
		if it.Kind == linebreak.KindBox && it.Payload >= 0 {
			f := p.frags[it.Payload]
			fmt.Fprintf(&b, "%q %d %d %d %q %q %v %d", f.text, f.style, f.size, f.raise, f.link, f.lang, f.struck, f.word)
		}
		b.WriteByte('\n')
	}
	return b.String(), c.setAfresh - before
}

// A paragraph set with the cache has the items and fragments it has without it, in every
// look and kind of paragraph (hyphenated or not, a display, an index entry, a cell that
// breaks anywhere, a narrow measure that breaks the address), one cache serving them all
// in turn as a goroutine's does; and a word of five bytes or more repeated in the same
// look is set once.
func TestWordCacheSetsAsWithout(t *testing.T) {
	ts := setterTypesetter(t)
	ts.s.Acronyms = doc.NewAcronyms(nil)
	cases := []struct {
		name string
		spec func(s textSpec) textSpec
	}{
		{"body", func(s textSpec) textSpec { return s }},
		{"no hyphenation", func(s textSpec) textSpec { s.NoHyphenation = true; return s }},
		{"display", func(s textSpec) textSpec { s.Display = true; return s }},
		{"index", func(s textSpec) textSpec { s.Kind = LineIndex; return s }},
		{"anywhere", func(s textSpec) textSpec { s.breakAnywhere = true; return s }},
		{"narrow", func(s textSpec) textSpec { s.Width = 40 << 16; return s }},
		{"body again", func(s textSpec) textSpec { return s }},
	}
	words := strings.Fields(wordCacheText)
	short, long := 0, map[string]bool{}
	for _, w := range words {
		if len(w) < minCachedWord {
			short++
		} else {
			long[w] = true
		}
	}
	n := len(cacheLooks)
	for i, c := range cases {
		without, all := setWords(ts, c.spec(ts.body()), true)
		with, afresh := setWords(ts, c.spec(ts.body()), false)
		if with != without {
			t.Errorf("%s: set with the cache, %s\nwithout, %s", c.name, firstDifference(with, without), firstDifference(without, with))
		}
		if all != 2*n*len(words) {
			t.Fatalf("%s: %d words set without the cache, want %d", c.name, all, 2*n*len(words))
		}
		// The first time, each long word once a look (the last look's are the first's);
		// the same paragraph again, only the short words.
		if want := 2*n*short + (n-1)*len(long); i == 0 && afresh != want {
			t.Errorf("%s: %d words set afresh with the cache, want %d", c.name, afresh, want)
		}
		if _, again := setWords(ts, c.spec(ts.body()), false); again != 2*n*short {
			t.Errorf("%s: the same paragraph again set %d words afresh, want its %d short ones", c.name, again, 2*n*short)
		}
	}
}

// A repeated word is measured once: set a thousand times in one look, the cache sets it
// afresh once, and keeps one form.
func TestRepeatedWordSetOnce(t *testing.T) {
	ts := setterTypesetter(t)
	p := ts.setter(16)
	ts.setters.words.eager = true
	p.spec = ts.body()
	for range 1000 {
		base := p.base()
		p.word("characteristically", &base)
	}
	if c := &ts.setters.words; c.setAfresh != 1 || c.size() != 1 {
		t.Errorf("a word set 1000 times was set afresh %d times, kept in %d forms", c.setAfresh, c.size())
	}
	ts.release(p)
}

// firstDifference is a's lines from where they first differ from b's, a few of them.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return fmt.Sprintf("line %d: %s", i, strings.Join(al[i:min(len(al), i+3)], "\n"))
		}
	}
	return "(a prefix)"
}

// mayLigate finds what the search for each ligature found.
func TestMayLigate(t *testing.T) {
	for _, s := range []string{"", "f", "of", "for", "after", "fi", "fl", "ff", "offi", "xyzf", "ffx", "f f", "fəl", "staff", "Ff"} {
		want := false
		for _, l := range ligatures {
			want = want || strings.Contains(s, l.letters)
		}
		if got := mayLigate(s); got != want {
			t.Errorf("mayLigate(%q) = %v, want %v", s, got, want)
		}
	}
}
