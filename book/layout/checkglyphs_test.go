package layout

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/lang"
)

// checkGlyphsOld is checkGlyphs as it was before the thirtieth round: every character of a
// text with a byte past '~' looked up in the face. The oracle of TestCheckGlyphsAsBefore.
func (p *paragraphSetter) checkGlyphsOld(s string, l *look) {
	face := p.face(l.style)
	if printableASCIIOld(s) && p.t.drawsASCII(face) {
		return
	}
	col := 0
	for _, r := range s {
		col++
		if r < 0x20 || doc.WordSpace(r) || face.HasRune(r) || p.t.missing[r] {
			continue
		}
		if p.t.missing == nil {
			p.t.missing = map[rune]bool{}
		}
		p.t.missing[r] = true
		at := p.at
		if at.Line > 0 {
			at.Col += col - 1
		}
		if language := p.lang(l); unicode.IsLetter(r) && !l.literal && lang.InScript(language, r) {
			p.scriptError(at, r, face.Family, l.lang)
			continue
		}
		if p.t.missingAt == nil {
			p.t.missingAt = map[int]rune{}
		}
		p.t.missingAt[len(p.t.warnings)] = r
		p.t.warnings.WarnKind(at, "missing-glyph", "the character %U %q is not in the font %s; the PDF shows a blank for it", r, r, face.Family)
	}
}

// printableASCIIOld is printableASCII a byte at a time.
func printableASCIIOld(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > '~' {
			return false
		}
	}
	return true
}

// printableASCII answers as the byte loop does for every byte value at every place of texts
// of 0 to 20 bytes, the rest printable ASCII or random.
func TestPrintableASCIIAsByBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(30, 1))
	for n := range 300_000 {
		b := make([]byte, rng.IntN(21))
		for j := range b {
			b[j] = byte(' ' + rng.IntN('~'-' '+1))
			if rng.IntN(8) == 0 {
				b[j] = byte(rng.IntN(256))
			}
		}
		if len(b) > 0 {
			b[n%len(b)] = byte(n / 7 % 256)
		}
		if got, want := printableASCII(string(b)), printableASCIIOld(string(b)); got != want {
			t.Fatalf("%q: %v, want %v", b, got, want)
		}
	}
}

// checkGlyphs leaves the same record as before (missing characters, warnings, errors and
// their maps) over random runs of texts: ASCII with control characters and DEL, letters the
// face has and has not, in languages whose script they are and are not, literal or not,
// with and without the goroutine's setters (drawsASCII is false without them).
func TestCheckGlyphsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(30, 2))
	pieces := []string{" ", "\t", "\n", "\u00a0", "\u2003", "\u202f", "é", "’", "—", "\xff", "\xe2\x80",
		"\x00", "\x1f", "\x7f", "~", "中文", "क", "\ue000", "\U0001F600", "Ωμέγα", "ж", "\u0378", "ꙮ"}
	langs := []string{"", "", "zh", "hi", "el", "ru", "fr"}
	n := 4_000
	if testing.Short() {
		n = 400
	}
	type record struct {
		missing      map[rune]bool
		missingAt    map[int]rune
		missingLang  map[int]string
		langsMissing map[string]bool
		warnings     diag.List
	}
	ts := setterTypesetter(t)
	for k := range n {
		var texts []string
		var looks []look
		for range 1 + rng.IntN(4) {
			var b strings.Builder
			for range rng.IntN(10) {
				if rng.IntN(3) == 0 {
					b.WriteString(pieces[rng.IntN(len(pieces))])
					continue
				}
				for range rng.IntN(19) {
					b.WriteByte(byte(' ' + rng.IntN('~'-' '+1)))
				}
			}
			texts = append(texts, b.String())
			looks = append(looks, look{style: Style(rng.IntN(4)), lang: langs[rng.IntN(len(langs))], literal: rng.IntN(4) == 0})
		}
		withSetters := k%3 != 0
		line := rng.IntN(2) * (1 + rng.IntN(50))
		run := func(check func(p *paragraphSetter, s string, l *look)) record {
			ts.missing, ts.missingAt, ts.missingLang, ts.langsMissing, ts.warnings = nil, nil, nil, nil, nil
			ts.setters = nil
			if withSetters {
				ts.setters = &setters{}
			}
			for i, s := range texts {
				p := ts.setter(len(s))
				p.at = diag.Pos{File: "ch.md", Line: line, Col: 1 + i}
				l := looks[i]
				check(p, s, &l)
				ts.release(p)
			}
			return record{ts.missing, ts.missingAt, ts.missingLang, ts.langsMissing, ts.warnings}
		}
		got := run((*paragraphSetter).checkGlyphs)
		want := run((*paragraphSetter).checkGlyphsOld)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("texts %q, looks %+v, setters %v:\n got %+v\nwant %+v", texts, looks, withSetters, got, want)
		}
	}
}
