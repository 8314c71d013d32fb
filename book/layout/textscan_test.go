package layout

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"bindery/book/doc"
	"bindery/book/linebreak"
)

// textByRange is text as it read its string before ASCII was passed over a byte at a time:
// every character by range.
func (p *paragraphSetter) textByRange(s string, l look) {
	start := 0
	for i, r := range s {
		if doc.NoBreakSpace(r) {
			p.word(s[start:i], &l)
			p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			p.space(&l)
			start = i + utf8.RuneLen(r)
			continue
		}
		if doc.WordSpace(r) {
			p.word(s[start:i], &l)
			if p.s.ties != nil && !l.literal && p.s.ties.tied(s[start:i], s[i+utf8.RuneLen(r):]) {
				p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			}
			if p.spec.Display {
				p.phraseBreak(s[start:i])
			}
			p.space(&l)
			start = i + utf8.RuneLen(r)
		}
	}
	p.word(s[start:], &l)
}

// TestTextSplitsAsRangeDid: text finds the same words and spaces as reading every character
// did, in text with tabs and line ends, no-break and other wide spaces, a narrow no-break
// space (no space to WordSpace), letters past ASCII, control characters and bytes that are
// not UTF-8, in body text and in a display (phrase breaks).
func TestTextSplitsAsRangeDid(t *testing.T) {
	ts := setterTypesetter(t)
	ts.s.ties = newTies(nil)
	texts := []string{
		"The craft of arranging type, p. 12 and Law 1008: legible\ttext\nacross\r\nlines.",
		"a\u00a0b c\u2007d e\u202ff g\u2003h\u3000i \u00a0 j",
		"Señor Ñandú’s «café» — naïve\u00a0résumé; 33–34 and/or x-ray",
		"bad \xff\xfe bytes \xe2\x80 cut\xc3 off\x00nul \x1funit",
		"  leading and trailing spaces  ",
		"", " ", "\u00a0", "\xff",
	}
	for _, display := range []bool{false, true} {
		for _, s := range texts {
			set := func(text func(p *paragraphSetter, s string, l look)) ([]linebreak.Item, []fragment) {
				p := ts.setter(len(s))
				defer ts.release(p)
				p.spec = ts.body()
				p.spec.Display = display
				text(p, s, p.base())
				return append([]linebreak.Item(nil), p.items...), append([]fragment(nil), p.frags...)
			}
			items, frags := set((*paragraphSetter).text)
			wantItems, wantFrags := set((*paragraphSetter).textByRange)
			if !reflect.DeepEqual(items, wantItems) || !reflect.DeepEqual(frags, wantFrags) {
				t.Errorf("display %v, %q:\n got %d items %v\nwant %d items %v", display, s, len(items), texts0(frags), len(wantItems), texts0(wantFrags))
			}
		}
	}
}

// texts0 lists the texts of fragments, for messages.
func texts0(frags []fragment) string {
	var b strings.Builder
	for _, f := range frags {
		b.WriteString("[" + f.text + "]")
	}
	return b.String()
}

// TestValidTextAsValidString: validText answers as utf8.ValidString, ASCII or not.
func TestValidTextAsValidString(t *testing.T) {
	for _, s := range []string{"", "word", "ﬁne", "café", "\xff", "ab\xc3", "ab\xc3\xa9", "\xed\xa0\x80", "x\x00y", "\u00a0", strings.Repeat("a", 40) + "\xe2\x80"} {
		if got, want := validText(s), utf8.ValidString(s); got != want {
			t.Errorf("validText(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestDashlessWordsHaveNoExplicitBreaks: a word mayHaveDash passes over has no break after a
// hyphen, dash or slash to find.
func TestDashlessWordsHaveNoExplicitBreaks(t *testing.T) {
	words := []string{"word", "x-ray", "and/or", "1990–2000", "a–b", "so—called", "naïve", "‘quoted’", "co-\u00adop", "-lead", "trail-", "http://x.org/a", "A—"}
	for _, w := range words {
		if !mayHaveDash(wordClasses(w)) && len(explicitBreaks(nil, w)) > 0 {
			t.Errorf("%q: passed over, yet it breaks at %v", w, explicitBreaks(nil, w))
		}
	}
}

// TestWholeWordsSetAsSyllables: a word with no break point is set by setWhole as the
// syllables' loop sets a word of one syllable, in every look wordcache_test tries, ligatures,
// small capitals, figures, acronyms and text that is not UTF-8 among them.
func TestWholeWordsSetAsSyllables(t *testing.T) {
	ts := setterTypesetter(t)
	ts.s.Acronyms = doc.NewAcronyms(nil)
	words := []string{"the", "office", "affluent", "fjord", "NATO", "MNR’s", "1952", "H2O", "naïve", "café", "\xffbad", "ab\xc3", "x", "—"}
	for _, l := range cacheLooks {
		for _, w := range words {
			p := ts.setter(len(w))
			p.spec = ts.body()
			whole := p.setWhole(w, &l, p.face(l.style), wordClasses(w))
			syll := p.setSyllables(nil, w, &l, p.face(l.style), []wordBreak{{at: len(w)}}, wordClasses(w))
			if len(syll) != 1 || syll[0] != whole {
				t.Errorf("%q in %+v: setWhole %+v, the syllables' loop %+v", w, l, whole, syll)
			}
			ts.release(p)
		}
	}
}
