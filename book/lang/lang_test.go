package lang

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestQuotesByLanguage(t *testing.T) {
	for _, tc := range []struct{ tag, outer, inner string }{
		{"en-GB", "“x”", "‘x’"}, {"de-AT", "„x“", "‚x‘"}, {"de-CH", "«x»", "‹x›"},
		{"fr", "«\u202fx\u202f»", "“x”"}, {"es", "«x»", "“x”"}, {"it", "«x»", "“x”"},
		{"pt-BR", "“x”", "‘x’"}, {"pt-PT", "«x»", "“x”"}, {"pt", "«x»", "“x”"}, {"nl", "“x”", "‘x’"},
		{"pl", "„x”", "«x»"}, {"cs", "„x“", "‚x‘"}, {"sv", "”x”", "’x’"}, {"da", "»x«", "›x‹"},
		{"no", "«x»", "‘x’"}, {"ja", "“x”", "‘x’"}, {"", "“x”", "‘x’"},
	} {
		q := QuotesFor(tc.tag)
		if got := q.Mark(0, true) + "x" + q.Mark(0, false); got != tc.outer {
			t.Errorf("%s: outer %q, want %q", tc.tag, got, tc.outer)
		}
		if got := q.Mark(1, true) + "x" + q.Mark(1, false); got != tc.inner {
			t.Errorf("%s: inner %q, want %q", tc.tag, got, tc.inner)
		}
	}
}

func TestFrenchPunctuationSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"Quoi ? Non !":              "Quoi\u202f? Non\u202f!",
		"Attention!":                "Attention\u202f!",
		"Il dit : viens; pars.":     "Il dit\u00a0: viens\u202f; pars.",
		"à 10:30, voir http://x.fr": "à 10:30, voir http://x.fr",
		"« Bonjour »":               "«\u202fBonjour\u202f»",
		"«Bonjour»":                 "«\u202fBonjour\u202f»",
		"Vraiment ?!":               "Vraiment\u202f?!",
		"«\u202fdéjà\u202f»":        "«\u202fdéjà\u202f»",
	} {
		if got := Punctuate("fr", in); got != want {
			t.Errorf("Punctuate(fr, %q) = %q, want %q", in, got, want)
		}
	}
	if got := Punctuate("fr-CA", "Quoi ? Il dit : oui"); got != "Quoi ? Il dit\u00a0: oui" {
		t.Errorf("fr-CA: %q", got)
	}
	for _, tag := range []string{"en", "es", "de"} {
		if got := Punctuate(tag, "What ? «Bonjour»: yes!"); got != "What ? «Bonjour»: yes!" {
			t.Errorf("%s changed %q", tag, got)
		}
	}
}

// Bytes that are not UTF-8 are kept as they are, and a text ending in one does not panic
// (every caller gets valid UTF-8 today: diag refuses a source with such bytes; Punctuate
// must not depend on that).
func TestPunctuateKeepsBytesThatAreNotUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"Quoi ?\xff":      "Quoi ?\xff", // a mark before a byte that is not a space: not spaced, as "?x"
		"Quoi ? \xe2":     "Quoi\u202f? \xe2",
		"\xff« Oui » !":   "\xff«\u202fOui\u202f»\u202f!",
		"« Oui »\xe2\x80": "«\u202fOui\u202f»\xe2\x80",
		"a\ufffd ; b":     "a\ufffd\u202f; b",
		"«\xff":           "«\xff",
	} {
		if got := Punctuate("fr", in); got != want {
			t.Errorf("Punctuate(fr, %q) = %q, want %q", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	for _, tc := range []struct{ tag, iso, want string }{
		{"en-GB", "1952-04-09", "9 April 1952"},
		{"es", "1952-04-09", "9 de abril de 1952"},
		{"de", "1952-04-09", "9. April 1952"},
		{"de-AT", "1952-01-09", "9. Jänner 1952"},
		{"fr", "1952-04-09", "9 avril 1952"},
		{"fr", "1952-04-01", "1er avril 1952"},
		{"pt-BR", "1952-04-09", "9 de abril de 1952"},
		{"it", "1952-04-09", "9 aprile 1952"},
		{"es", "1952-04", "abril de 1952"},
		{"de", "1952-04", "April 1952"},
		{"fr", "1952", "1952"},
		{"ja", "1952-04-09", "9 April 1952"},
	} {
		if got := For(tc.tag, nil).Date(tc.iso); got != tc.want {
			t.Errorf("%s: Date(%s) = %q, want %q", tc.tag, tc.iso, got, tc.want)
		}
	}
	if got := For("es", nil).DateRange("1995", "", true); got != "c.\u00a01995" {
		t.Errorf("approximate: %q", got)
	}
	if got := For("de", nil).DateRange("2000", "2003", false); got != "2000–2003" {
		t.Errorf("range: %q", got)
	}
}

func TestLabelsFallBackAndOverride(t *testing.T) {
	if got := For("es-MX", nil).Get(Glossary); got != "Glosario" {
		t.Errorf("es-MX glossary %q", got)
	}
	if got := For("sv", nil).Get(Glossary); got != "Glossary" {
		t.Errorf("sv falls back to English: %q", got)
	}
	l := For("de", map[string]string{"index": "Stichwortverzeichnis", "published_by": "Herausgegeben von"})
	if got := l.Get(Index); got != "Stichwortverzeichnis" {
		t.Errorf("override: %q", got)
	}
	if got := l.Get(PublishedBy, "Verlag X"); got != "Herausgegeben von Verlag X" {
		t.Errorf("override without %%s: %q", got)
	}
	if got := For("fr", nil).Get(CoverOf, "Titre", "Autrice"); got != "Couverture : Titre, de Autrice" {
		t.Errorf("cover: %q", got)
	}
	// Every language of the table has every key.
	for tag, m := range messages() {
		for _, k := range Keys() {
			if m[Key(k)] == "" {
				t.Errorf("%s has no %s", tag, k)
			}
			if Placeholders(k) != len(splitPlaceholders(m[Key(k)])) {
				t.Errorf("%s: %s has the wrong number of %%s", tag, k)
			}
		}
	}
}

func splitPlaceholders(s string) []int {
	var out []int
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && s[i+1] == 's' {
			out = append(out, i)
		}
	}
	return out
}

func TestCollationAndLetterGroups(t *testing.T) {
	for _, tc := range []struct {
		tag    string
		in     []string
		sorted []string
		groups []string
	}{
		{"es", []string{"ñandú", "nube", "oro", "Ávila"}, []string{"Ávila", "nube", "ñandú", "oro"}, []string{"A", "N", "Ñ", "O"}},
		{"de", []string{"Zug", "Äpfel", "Affe", "Bär"}, []string{"Affe", "Äpfel", "Bär", "Zug"}, []string{"A", "A", "B", "Z"}},
		{"sv", []string{"ödla", "zebra", "åsna", "ägg", "apa"}, []string{"apa", "zebra", "åsna", "ägg", "ödla"}, []string{"A", "Z", "Å", "Ä", "Ö"}},
		{"cs", []string{"chata", "hrad", "ideál", "cesta"}, []string{"cesta", "hrad", "chata", "ideál"}, []string{"C", "H", "Ch", "I"}},
		{"fr", []string{"été", "école", "eau", "Zola"}, []string{"eau", "école", "été", "Zola"}, []string{"E", "E", "E", "Z"}},
		{"en", []string{"Sánchez", "1952", "abc"}, []string{"1952", "abc", "Sánchez"}, []string{"#", "A", "S"}},
	} {
		col := Collator(tc.tag)
		got := slices.Clone(tc.in)
		slices.SortFunc(got, col.CompareString)
		if !slices.Equal(got, tc.sorted) {
			t.Errorf("%s: sorted %q, want %q", tc.tag, got, tc.sorted)
		}
		var groups []string
		for _, w := range got {
			groups = append(groups, LetterGroup(tc.tag, w))
		}
		if !slices.Equal(groups, tc.groups) {
			t.Errorf("%s: groups %q, want %q", tc.tag, groups, tc.groups)
		}
	}
}

func TestPunctuationAfterGeneratedText(t *testing.T) {
	if got := PunctuateAfterText("fr", "; voir aussi"); got != "\u202f; voir aussi" {
		t.Errorf("fr: %q", got)
	}
	if got := PunctuateAfterText("fr", " Pages: "); got != " Pages\u00a0: " {
		t.Errorf("fr: %q", got)
	}
	if got := PunctuateAfterText("en", "; see also"); got != "; see also" {
		t.Errorf("en: %q", got)
	}
}

func TestInScript(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		r    rune
		want bool
	}{
		{"el", 'Έ', true}, {"en", '中', false}, {"ja", 'の', true}, {"ja", '中', true},
		{"ar", 'م', true}, {"sr-Latn", 'ж', false}, {"sr", 'ж', true}, {"de", 'ß', true}, {"xx-bad!", 'a', true},
	} {
		if got := InScript(tc.tag, tc.r); got != tc.want {
			t.Errorf("InScript(%s, %q) = %v", tc.tag, tc.r, got)
		}
	}
}

func TestEverySummaryHasEverySentence(t *testing.T) {
	for tag, s := range summaries() {
		v := reflect.ValueOf(s)
		for i := range v.NumField() {
			if v.Field(i).String() == "" {
				t.Errorf("%s: %s is empty", tag, v.Type().Field(i).Name)
			}
		}
		if _, ok := messages()[tag]; !ok {
			t.Errorf("%s has a summary but no labels", tag)
		}
	}
}

func TestDateRangesSayTheMonthAndYearOnce(t *testing.T) {
	for _, tc := range []struct{ tag, from, to, want string }{
		{"en", "2003-09-06", "2003-09-18", "6–18 September 2003"},
		{"en", "1952-04-09", "1952-12-31", "9 April–31 December 1952"},
		{"en", "1952-04", "1953-01", "April 1952–January 1953"},
		{"en", "1952-04", "1952-06", "April–June 1952"},
		{"es", "2003-09-06", "2003-09-18", "6–18 de septiembre de 2003"},
		{"es", "1952-04-09", "1952-12-31", "9 de abril–31 de diciembre de 1952"},
		{"de", "2003-09-06", "2003-09-18", "6.–18. September 2003"},
		{"fr", "2003-09-01", "2003-09-18", "1er–18 septembre 2003"},
	} {
		if got := For(tc.tag, nil).DateRange(tc.from, tc.to, false); got != tc.want {
			t.Errorf("%s %s–%s = %q, want %q", tc.tag, tc.from, tc.to, got, tc.want)
		}
	}
}

// TestOneSubtagLooksUpAsTheSplit: a lower-case language alone ("fr") is looked up without
// splitting the tag, and finds what the tag with a region the table lacks finds by the split.
func TestOneSubtagLooksUpAsTheSplit(t *testing.T) {
	for _, table := range []map[string]string{
		{"en": "en", "fr": "fr", "fr-ca": "fr-ca", "nb": "nb", "pt-br": "pt-br"},
		{"en": "en", "no": "no", "nb": "nb"},
		{"de": "de"},
	} {
		for _, tag := range []string{"en", "fr", "no", "nb", "pt", "de", "xx", "ca"} {
			if got, want := lookup(table, tag), lookup(table, tag+"-zz"); got != want {
				t.Errorf("%v: %q finds %q, %q-zz %q", table, tag, got, tag, want)
			}
		}
	}
	for _, tag := range []string{"", "EN", "fr-CA", "fr_ca", " fr", "pt-BR"} {
		if oneSubtag(tag) {
			t.Errorf("%q taken for a language alone", tag)
		}
	}
}

// TestMayPunctuate: a text MayPunctuate clears is one Punctuate leaves as it is, in the
// languages that space punctuation.
func TestMayPunctuate(t *testing.T) {
	pieces := []string{"a", " ", "\u00a0", "?", "!", ":", ";", "«", "»", "1", ".", "é", "»)", "x"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, tag := range []string{"fr", "fr-CA", "en", "de"} {
			if out := Punctuate(tag, s); out != s && !MayPunctuate(s) {
				t.Fatalf("%s %q: Punctuate gives %q, MayPunctuate false", tag, s, out)
			}
		}
	}
}

// TestSpacesMarks: in a language SpacesMarks clears, Punctuate leaves every text as it is,
// so a caller may skip it; and the languages that space marks are seen to.
func TestSpacesMarks(t *testing.T) {
	tags := []string{"fr-CA", "fr-BE", "fr-Latn-CH", "en-US", "de-CH", "no", "nb", "x", "zh-Hant"}
	for tag := range quotes() {
		tags = append(tags, tag)
	}
	for tag := range spaceBefore() {
		tags = append(tags, tag)
	}
	for _, tag := range []string{"fr", "fr-ca", "fr-CH", "fr-BE"} {
		if !SpacesMarks(tag) {
			t.Errorf("SpacesMarks(%q) false", tag)
		}
	}
	pieces := []string{"a", " ", "\u00a0", "\u202f", "?", "!", ":", ";", "«", "»", "1", ".", "é", "»)", "x", "”"}
	rng := rand.New(rand.NewPCG(9, 10))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, tag := range tags {
			if out := Punctuate(tag, s); out != s && !SpacesMarks(tag) {
				t.Fatalf("%s %q: Punctuate gives %q, SpacesMarks false", tag, s, out)
			}
		}
	}
}
