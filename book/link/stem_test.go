package link

import (
	"strings"
	"testing"
	"unicode"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/markdown"
)

// found is what the phrases find in a text, as the text has it.
func found(ps *phrases, text string) []string {
	var got []string
	for _, m := range ps.find(text) {
		got = append(got, text[m.start:m.end])
	}
	return got
}

// TestStemmedFormsAreFound: with English's stemmer, an index term in lower case is found in
// its inflected and derived forms, at a sentence's start too, and still as a whole word.
func TestStemmedFormsAreFound(t *testing.T) {
	ps := newPhrases(stemmerFor("en-GB"))
	for _, f := range []string{"nationalisation", "renationalisation", "general strike", "road blockades", "constituent assembly"} {
		ps.add(f, target{})
	}
	ps.sort()
	for text, want := range map[string]string{
		"They nationalised the mines.":                   "nationalised",
		"Nationalise the gas!":                           "Nationalise",
		"to renationalise all privatised industries":     "renationalise",
		"the nationalisations of 1952 and 1937":          "nationalisations",
		"two general strikes were called":                "general strikes",
		"General strikes spread.":                        "General strikes",
		"Road blockades multiplied":                      "Road blockades",
		"a road blockade":                                "road blockade",
		"a constituent assembly, then two assemblies":    "constituent assembly",
		"convening constituent assemblies":               "constituent assemblies",
		"a national strike, not a general one":           "",
		"denationalisationist and nationalist are other": "",
	} {
		if got := strings.Join(found(ps, text), "|"); got != want {
			t.Errorf("%q: found %q, want %q", text, got, want)
		}
	}
}

// TestNamesAreNotStemmed: a word with a capital is a name or an acronym, matched as written:
// "Morales" does not find "moral" or "morale", "MAS" not "mas", and a capitalised word within
// a phrase ("Water War") is not a form of "water war".
func TestNamesAreNotStemmed(t *testing.T) {
	ps := newPhrases(stemmerFor("en"))
	for _, f := range []string{"Morales", "MAS", "Evo Morales", "water war"} {
		ps.add(f, target{})
	}
	ps.sort()
	text := "morale and moral; mas; Evo Morales; Morales’ rise; the water wars; the Water War"
	if got, want := strings.Join(found(ps, text), "|"), "Evo Morales|Morales|water wars"; got != want {
		t.Errorf("found %q, want %q", got, want)
	}
}

// TestStemmerByLanguage: Snowball's stemmer for the book's language (its primary subtag), and
// none where Snowball has none: such a book's terms are found as written.
func TestStemmerByLanguage(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "nationalis", "en-GB": "nationalis", "EN_us": "nationalis",
		"es": "nacionaliz", "pt-BR": "nacionaliz", "de-AT": "verstaatlich", "fr": "nationalis",
	} {
		stem := stemmerFor(lang)
		if stem == nil {
			t.Errorf("%s: no stemmer", lang)
			continue
		}
		word := map[string]string{"es": "nacionalizaciones", "pt": "nacionalizações", "de": "verstaatlichung", "fr": "nationalisations"}[lang[:2]]
		if word == "" {
			word = "nationalised"
		}
		if got := stem(word); got != want {
			t.Errorf("%s: %q stems to %q, want %q", lang, word, got, want)
		}
	}
	for _, lang := range []string{"ca", "pl", "cs", "hr", "", "x-klingon"} {
		if stemmerFor(lang) != nil {
			t.Errorf("%q: a stemmer, but Snowball has none", lang)
		}
	}
	// Without a stemmer a lower-case term is found as written, and capitalised at a sentence's
	// start, as before.
	ps := newPhrases(nil)
	ps.add("nationalisation", target{})
	ps.sort()
	if got := strings.Join(found(ps, "Nationalisation, nationalisation, nationalised"), "|"); got != "Nationalisation|nationalisation" {
		t.Errorf("without a stemmer: found %q", got)
	}
}

// TestExclusionsAreNotedNotIndexed: an index entry's exclusions keep its forms out of the
// index where they stand in them, and each such place is a note, for the editor to review;
// the entry's other forms are indexed as usual.
func TestExclusionsAreNotedNotIndexed(t *testing.T) {
	ch, list := markdown.Parse("c.md", []byte("# T {#t}\n\nSocial movements and socialism; the capital and capitalism.\n"), doc.BodyMatter)
	if list.HasErrors() {
		t.Fatal(list)
	}
	socialism := &doc.IndexEntry{ID: "ix-socialism", Term: "socialism", Match: []string{"socialism"}, Exclude: []string{"social"}}
	capitalism := &doc.IndexEntry{ID: "ix-capitalism", Term: "capitalism", Match: []string{"capitalism"}}
	b := &doc.Book{Meta: &doc.Metadata{Language: "en"}, Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors(),
		Apparatus: &doc.Apparatus{Index: []*doc.IndexEntry{socialism, capitalism}}}
	markdown.RegisterAnchors(b)
	list = Resolve(b)
	if list.HasErrors() {
		t.Fatal(list)
	}
	var forms []string
	doc.WalkInlines(ch, func(in doc.Inline) {
		if m, ok := in.(*doc.IndexMark); ok {
			forms = append(forms, m.Entry.Term+"←"+m.Form)
		}
	})
	// "capital" is a form of capitalism by its stem, and that entry has no exclusion.
	if got, want := strings.Join(forms, "|"), "socialism←socialism|capitalism←capital|capitalism←capitalism"; got != want {
		t.Errorf("marks %q, want %q", got, want)
	}
	var notes []string
	for _, d := range list {
		if d.Severity == diag.Note {
			notes = append(notes, d.String())
		}
	}
	want := `c.md:3:1: note: "Social", a form of the index term "socialism", is not indexed here: the entry excludes "Social"`
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("notes %q, want %q", notes, want)
	}
}

// isLower's ASCII path says what unicode.IsUpper says of every character.
func TestIsLowerIsNoUpper(t *testing.T) {
	for _, w := range []string{"", "a", "A", "word", "wOrd", "wordZ", "été", "Été", "étÉ", "naïveX", "ßtraße", "σΣ", "1999", "g8"} {
		if got, want := isLower(w), !strings.ContainsFunc(w, unicode.IsUpper); got != want {
			t.Errorf("isLower(%q) = %v, want %v", w, got, want)
		}
	}
}
