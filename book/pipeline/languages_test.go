package pipeline

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"bindery/book/diag"
	"bindery/book/layout"
)

// typography are the figures TestDefaultBookTypography pins, measured on any book.
type typography struct {
	lines, hyphenated, maxRun, overfull, loose, widows int
	p95                                                float64
}

func measureTypography(d *layout.Document) typography {
	var f typography
	var ratios []float64
	run := 0
	for _, p := range d.Pages {
		body := bodyLines(p)
		for i, l := range body {
			f.lines++
			if l.Overfull > 0 || l.Right > l.Width+layout.Pt/100 {
				f.overfull++
			}
			text := l.Kind == "paragraph" || l.Kind == "quote" || l.Kind == "list"
			if text && l.Hyphenated {
				f.hyphenated++
				run++
				f.maxRun = max(f.maxRun, run)
			} else if text {
				run = 0
			}
			if l.Justified && l.Badness > 200 {
				f.loose++
			}
			if l.Justified && l.NaturalSpace > 0 && p.Chapter != nil && !p.Chapter.Generated {
				for _, s := range l.Spaces {
					ratios = append(ratios, float64(s)/float64(l.NaturalSpace))
				}
			}
			if text && ((i == len(body)-1 && l.First && !l.Last) || (i == 0 && l.Last && !l.First)) {
				f.widows++
			}
		}
	}
	sort.Float64s(ratios)
	if len(ratios) > 0 {
		f.p95 = ratios[int(math.Ceil(0.95*float64(len(ratios))))-1]
	}
	return f
}

// TestLanguageFixturesTypography sets the Spanish, German and French fixture books and holds
// them to the default English book's figures: hyphenated with their own patterns, spaces no
// looser at the 95th percentile, no overfull or loose lines, no widows or orphans, no more
// than two hyphens in a row; and every character in the font (no missing-glyph warning).
func TestLanguageFixturesTypography(t *testing.T) {
	english := measureTypography(layoutDefault(t))
	t.Logf("default (en-GB): %+v", english)
	for _, tc := range []struct {
		name  string
		bound float64 // the 95th percentile of space/natural space allowed
	}{
		{"es", max(english.p95, 1.45)},
		// German's long compounds leave fewer spaces to a line, and each stretches more: 1.49
		// measured (114 lines) before the letters took part in justifying (issue 16), 1.355
		// after, where the default book gets 1.38.
		{"de", 1.40},
		{"fr", max(english.p95, 1.45)},
	} {
		name := tc.name
		t.Run(name, func(t *testing.T) {
			b, list, err := Load("../../testdata/books/" + name)
			if err != nil || list.HasErrors() {
				t.Fatalf("%v\n%v", err, list)
			}
			d, warnings, err := Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range warnings {
				t.Errorf("warning: %v", w)
			}
			f := measureTypography(d)
			t.Logf("%s: %+v", name, f)
			// Hyphenated with its own patterns (a short fixture may need no hyphen: French
			// sets its 85 lines without one since letters may be spaced).
			if s, _, err := printSettings(b.Config, b.Pictures); err != nil || s.Hyphenator == nil || !strings.HasPrefix(s.Hyphenator.Lang(), name) || len(s.Hyphenator.Points("internationalisation")) < 3 {
				t.Errorf("the book is not hyphenated (%v)", err)
			}
			if f.p95 > tc.bound {
				t.Errorf("95th percentile of inter-word space %.3f× natural, the default book's %.3f×", f.p95, english.p95)
			}
			if f.overfull > 0 || f.loose > 0 || f.widows > 0 || f.maxRun > 2 {
				t.Errorf("overfull %d, loose %d, widows and orphans %d, hyphens in a row %d", f.overfull, f.loose, f.widows, f.maxRun)
			}
		})
	}
}

// TestLanguageFixturesSpeakTheirLanguage checks what a reader of each fixture sees: the
// generated words and dates in the language, its quotation marks, and the index in its order.
func TestLanguageFixturesSpeakTheirLanguage(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"es", []string{"Índice analítico", "Cronología", "9 de abril de 1952", "«vale un Potosí»", "véase también", "(p. 1)"}},
		{"de", []string{"Register", "Zeittafel", "23. Mai 1949", "„langsam und mühselig“", "‚schnell und billig‘", "siehe auch", "(S. 1, 3)"}},
		{"fr", []string{"Chronologie", "Glossaire", "31 août 1539", "«\u202ftric\u202f»", "Pourquoi ce nom\u202f?", "voir aussi", "(p. 1–2)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, _, err := Load("../../testdata/books/" + tc.name)
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, p := range d.Pages {
				for _, l := range p.Lines {
					all.WriteString(l.Text + "\n")
				}
			}
			text := strings.ReplaceAll(all.String(), "-\n", "")
			text = strings.ReplaceAll(text, "\n", " ")
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the print edition has no %q", w)
				}
			}
		})
	}
}

// TestScriptTheFontCannotSetIsOneError: a book, or a passage, in a script the font has no
// letters for fails with one error naming the language and its first missing letter's place,
// not a PDF of blanks nor a warning per character.
func TestScriptTheFontCannotSetIsOneError(t *testing.T) {
	for _, tc := range []struct{ lang, text, want string }{
		{"ja", "# 序文\n\n日本語の本です。\n\n# 第二章\n\nもう一つの章。\n", "one.md:1:3: error: the font Charis SIL cannot set ja, the book's language"},
		{"en", "# One\n\nA greeting, [مرحبا بكم]{lang=ar}, and [שלום]{lang=he} again [مرحبا]{lang=ar}.\n", "one.md:3:14: error: the font Charis SIL cannot set ar, the language of this passage (lang=ar)"},
	} {
		dir := t.TempDir()
		writeFile(t, dir, "book.yaml", "title: T\nauthor: A\nlanguage: "+tc.lang+"\nidentifier: urn:uuid:1\nchapters: [one.md]\n")
		writeFile(t, dir, "one.md", tc.text)
		b, list, err := Load(dir)
		if err != nil || list.HasErrors() {
			t.Fatalf("%v %v", err, list)
		}
		_, list, err = Layout(b)
		if err == nil {
			t.Fatalf("%s: laid out without an error", tc.lang)
		}
		errs := 0
		for _, d := range list {
			if d.Severity == diag.Error {
				errs++
			}
		}
		if !strings.Contains(fmt.Sprint(list), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.lang, list, tc.want)
		}
		// One per language: ja; ar (twice in the text) and he.
		if want := map[string]int{"ja": 1, "en": 2}[tc.lang]; errs != want {
			t.Errorf("%s: %d errors, want %d (one per language): %v", tc.lang, errs, want, list)
		}
	}
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
