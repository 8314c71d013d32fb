package layout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"bindery/book/font"
	"bindery/book/linebreak"
)

// A word's boxes and hyphens measure what its syllables drawn together measure: word sums
// each syllable's width and the kern across each break, and the reference here measures the
// whole prefix again at every break, as the PDF viewer's sum runs.
func TestWordBoxesMeasureTheirPrefixes(t *testing.T) {
	// Gentium Book Plus kerns (Charis SIL, the default, has no pairs to read).
	fam, err := font.LoadFamily("../../fonts", "GentiumBookPlus")
	if err != nil {
		t.Fatal(err)
	}
	if fam.Regular.KernPairs() == 0 {
		t.Fatal("Gentium Book Plus has no kerning pairs: the test would not see a kern")
	}
	ts := setterTypesetter(t)
	s, err := NewSettings(27494318, 39012270, fam, ts.s.Hyphenator)
	if err != nil {
		t.Fatal(err)
	}
	ts.s = &s
	words := []string{
		"typography", "characteristically", "affluently", "officialdom", "AVAWAY-Toyota",
		"nationalisation", "1984–2003", "Wy-ve", "TeX/LaTeX", "transportation\xffally",
		"caf\xc3", "\xa9establishment", "naïveté-concurrence", "ﬁnancially",
	}
	looks := []look{
		{size: 10 << 16},
		{size: 10 << 16, style: Italic},
		{size: 11 << 16, smallCaps: true, figures: font.Oldstyle},
	}
	checked, kerned := 0, 0
	for _, l := range looks {
		for _, w := range words {
			p := ts.setter(len(w))
			p.spec = ts.body()
			p.word(w, &l)
			face := p.face(l.style)
			size := int64(l.size)
			drawn, sum := "", Length(0)
			for i, it := range p.items {
				switch it.Kind {
				case linebreak.KindBox:
					drawn += p.frags[it.Payload].text
					sum += it.Width
					end := face.MeasureMilli(drawn, true)
					if i+2 < len(p.items) && p.items[i+1].Kind == linebreak.KindPenalty && p.items[i+1].Flagged && p.items[i+1].Width > 0 {
						// A discretionary: the next syllable's first letter is kerned with
						// this one's last, and the hyphen with it if the line breaks.
						last, _ := utf8.DecodeLastRuneInString(drawn)
						next, _ := utf8.DecodeRuneInString(p.frags[p.items[i+2].Payload].text)
						hyphen := end + face.KernMilli(last, '-') + face.AdvanceMilli('-')
						end += face.KernMilli(last, next)
						if face.KernMilli(last, next) != 0 {
							kerned++
						}
						if got, want := p.items[i+1].Width, Length(font.Scale(hyphen, size)-font.Scale(end, size)); got != want {
							t.Errorf("%q %v: the hyphen after %q is %d wide, want %d", w, l, drawn, got, want)
						}
					}
					if want := Length(font.Scale(end, size)); sum != want {
						t.Errorf("%q %v: the boxes up to %q measure %d, want %d", w, l, drawn, sum, want)
					}
					checked++
				}
			}
			if got := strings.ReplaceAll(drawn, "\u00ad", ""); got == "" {
				t.Errorf("%q: no boxes", w)
			}
			ts.release(p)
		}
	}
	if checked < 3*len(words)*2 || kerned == 0 {
		t.Errorf("%d boxes checked, %d breaks between kerned letters: the words were not hyphenated where the font kerns", checked, kerned)
	}
}
