package hyphen

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func mustNew(t testing.TB, lang string, opts ...Option) *Hyphenator {
	t.Helper()
	h, err := New(lang, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func readLines(t testing.TB, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The golden files are TeX's own output (testdata/tex-golden.sh) for the
// same pattern files and TeX's minimums for each language, so any
// difference is a bug in our Liang code, our packed form or our minimums.
func TestAgreesWithTeXOnGoldenWordList(t *testing.T) {
	for _, lang := range Supported() {
		file, least := "testdata/tex-"+lang+".txt", 100
		if strings.HasPrefix(lang, "en-") {
			file, least = "testdata/tex-"+strings.ToLower(lang)+".txt", 2000
		}
		t.Run(lang, func(t *testing.T) {
			h := mustNew(t, lang)
			golden := readLines(t, file)
			if len(golden) < least {
				t.Fatalf("golden list too short: %d", len(golden))
			}
			bad, hyphenated := 0, 0
			for _, want := range golden {
				word := strings.ReplaceAll(want, "-", "")
				if word != want {
					hyphenated++
				}
				if got := h.Hyphenate(word); got != want {
					bad++
					if bad <= 10 {
						t.Errorf("%s: Hyphenate(%q) = %q, TeX gives %q", lang, word, got, want)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words differ from TeX", bad, len(golden))
			}
			// A list TeX hardly hyphenated would prove little (patterns not loaded).
			if hyphenated < len(golden)/2 {
				t.Errorf("TeX hyphenated only %d of %d words", hyphenated, len(golden))
			}
		})
	}
}

func TestKnownTeXHyphenations(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"en-US", "hyphenation", "hy-phen-ation"},
		{"en-US", "revolution", "rev-o-lu-tion"},
		{"en-US", "typesetting", "type-set-ting"},
		{"en-US", "nationalization", "na-tion-al-iza-tion"},
		{"en-US", "democratic", "de-mo-c-ra-tic"}, // a known bug of the US patterns, kept as TeX has it
		{"en-GB", "hyphenation", "hy-phen-a-tion"},
		{"en-GB", "nationalisation", "na-tion-al-isa-tion"},
		{"en-GB", "demobilise", "de-mo-bil-ise"},
		{"en-GB", "privatisation", "privat-isa-tion"},
		{"en-GB", "revolution", "re-volu-tion"},
		{"en-GB", "organisation", "or-gan-isa-tion"},
		// "table": the US exception list says ta-ble; the GB patterns find nothing.
		{"en-US", "table", "ta-ble"},
		{"en-GB", "table", "table"},
	} {
		if got := mustNew(t, tc.lang).Hyphenate(tc.word); got != tc.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", tc.lang, tc.word, got, tc.want)
		}
	}
}

func TestPointsAreByteOffsets(t *testing.T) {
	h := mustNew(t, "en-US")
	if got, want := h.Points("hyphenation"), []int{2, 6}; !slices.Equal(got, want) {
		t.Errorf("Points(hyphenation) = %v, want %v", got, want)
	}
	// Leading punctuation shifts the offsets; a multi-byte quote counts 3 bytes.
	if got, want := h.Points("“hyphenation,”"), []int{5, 9}; !slices.Equal(got, want) {
		t.Errorf("Points(“hyphenation,”) = %v, want %v", got, want)
	}
}

func TestLanguageTags(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en-US", "en-US": "en-US", "en_us": "en-US", "EN-GB": "en-GB", "en-GB": "en-GB",
		"en-AU": "en-GB", "en-IE": "en-GB", "en-CA": "en-US", "en-Latn-GB": "en-GB",
		"de": "de", "de-DE": "de", "de-AT": "de", "de-CH": "de", "pt-BR": "pt", "pt-PT": "pt",
		"es-419": "es", "es-MX": "es", "ca-ES-valencia": "ca", "fr-CA": "fr", "no": "nb",
		"nb-NO": "nb", "nn": "nn", "sv-FI": "sv", "hu": "hu", "tr-TR": "tr",
	} {
		if got := mustNew(t, tag).Lang(); got != want {
			t.Errorf("New(%q).Lang() = %q, want %q", tag, got, want)
		}
	}
}

func TestUnknownLanguageErrorNamesLanguageAndSupported(t *testing.T) {
	_, err := New("ja-JP")
	if err == nil {
		t.Fatal("New(ja-JP) succeeded")
	}
	for _, s := range []string{"ja-JP", "en-GB", "en-US", "de", "es"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not mention %s", err, s)
		}
	}
}

func TestMinimumsAreRunesOnEachSide(t *testing.T) {
	def := mustNew(t, "en-US")
	loose := mustNew(t, "en-US", WithMinima(1, 1))
	for _, tc := range []struct{ word, def, loose string }{
		{"again", "again", "a-gain"},                // break after 1 letter needs LeftMin 1
		{"actions", "ac-tions", "ac-tion-s"},        // before 1 letter needs RightMin 1
		{"agreement", "agree-ment", "a-gree-men-t"}, // both
		{"miners", "min-ers", "min-er-s"},           // exactly 3 letters after the break
		{"abandoned", "aban-doned", "a-ban-doned"},  // TeX with \lefthyphenmin=1
		{"accepted", "ac-cepted", "ac-cept-ed"},     // TeX with \righthyphenmin=1
		{"Ábandoned", "Ában-doned", "Ában-doned"},   // Á is 2 bytes but one character; unknown to the patterns
		{"séances", "séances", "séances"},           // no pattern spans the accent
		{"", "", ""},
	} {
		if got := def.Hyphenate(tc.word); got != tc.def {
			t.Errorf("default: Hyphenate(%q) = %q, want %q", tc.word, got, tc.def)
		}
		if got := loose.Hyphenate(tc.word); got != tc.loose {
			t.Errorf("minima 1,1: Hyphenate(%q) = %q, want %q", tc.word, got, tc.loose)
		}
	}
	strict := mustNew(t, "en-US")
	strict.LeftMin, strict.RightMin = 3, 4
	if got := strict.Hyphenate("miners"); got != "miners" {
		t.Errorf("minima 3,4: Hyphenate(miners) = %q, want no break", got)
	}
	if got := strict.Hyphenate("hyphenation"); got != "hyphen-ation" {
		t.Errorf("minima 3,4: Hyphenate(hyphenation) = %q, want hyphen-ation", got)
	}
}

func TestLanguageExceptionListsAreLoaded(t *testing.T) {
	us := mustNew(t, "en-US")
	for word, want := range map[string]string{
		"present":     "present", // bare word: never hyphenate (noun and verb differ)
		"projects":    "projects",
		"associate":   "as-so-ciate",
		"declination": "dec-li-na-tion",
		"Present":     "Present", // exceptions ignore case
	} {
		if got := us.Hyphenate(word); got != want {
			t.Errorf("en-US Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
	gb := mustNew(t, "en-GB")
	if got := gb.Hyphenate("manuscript"); got != "ma-nu-script" {
		t.Errorf("en-GB Hyphenate(manuscript) = %q, want ma-nu-script", got)
	}
}

func TestAddExceptionsFixesPointsOrForbidsThem(t *testing.T) {
	h := mustNew(t, "en-US")
	h.AddExceptions("hy-phen-a-tion", "Sánchez", "COM-IBOL", "de-moc-ra-tic", "", "12-34")
	for word, want := range map[string]string{
		"hyphenation":  "hy-phen-a-tion",
		"Hyphenation":  "Hy-phen-a-tion",
		"Sánchez":      "Sánchez",
		"SÁNCHEZ":      "SÁNCHEZ",
		"democratic":   "de-moc-ra-tic",
		"Comibol":      "Com-ibol",
		"hyphenations": "hy-phen-ations", // exceptions are whole words
	} {
		if got := h.Hyphenate(word); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
	// The minimums still apply to exceptions, as in TeX.
	h.AddExceptions("a-b-c-d-e-f-g")
	if got := h.Hyphenate("abcdefg"); got != "ab-c-d-efg" {
		t.Errorf("Hyphenate(abcdefg) = %q, want ab-c-d-efg", got)
	}
	// Exceptions belong to one Hyphenator, not to the language.
	if got := mustNew(t, "en-US").Hyphenate("hyphenation"); got != "hy-phen-ation" {
		t.Errorf("fresh Hyphenator sees another's exception: %q", got)
	}
}

func TestWordsWithHyphensDigitsOrSlashesGetNoPoints(t *testing.T) {
	h := mustNew(t, "en-US")
	for _, w := range []string{
		"well-known", "neo-liberal", "hyphenation-revolution", "revolution—hyphenation",
		"1990s", "revolution1952", "and/or", "hyphenation/revolution", "hyphen\u00ADation",
		"e.g.revolution", "AT&Thyphenation", "http://revolution", "user@revolution",
	} {
		if p := h.Points(w); len(p) != 0 {
			t.Errorf("Points(%q) = %v, want none", w, p)
		}
	}
}

func TestAllCapitalWordsAreAcronyms(t *testing.T) {
	h := mustNew(t, "en-US")
	for _, w := range []string{"MNR", "COMIBOL", "HYPHENATION", "NASA’s", "CONDEPA,"} {
		if p := h.Points(w); len(p) != 0 {
			t.Errorf("Points(%q) = %v, want none (acronym)", w, p)
		}
	}
	// Capitalised and mixed-case words are ordinary words.
	for w, want := range map[string]string{"Hyphenation": "Hy-phen-ation", "McRevolution": "McRev-o-lu-tion"} {
		if got := h.Hyphenate(w); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestApostrophesSplitTheWordAndAreNeverBrokenAround(t *testing.T) {
	h := mustNew(t, "en-US")
	for w, want := range map[string]string{
		"workers’":               "work-ers’",
		"workers'":               "work-ers'",
		"worker’s":               "worker’s", // "work-er" would leave 2 letters before the apostrophe
		"don’t":                  "don’t",
		"revolution’s":           "rev-o-lu-tion’s",
		"’revolutionaries’":      "’rev-o-lu-tion-ar-ies’",
		"o’clock":                "o’clock",
		"hyphenation’revolution": "hy-phen-ation’rev-o-lu-tion",
	} {
		got := h.Hyphenate(w)
		if got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", w, got, want)
		}
		for _, p := range h.Points(w) {
			before, _ := utf8.DecodeLastRuneInString(w[:p])
			after, _ := utf8.DecodeRuneInString(w[p:])
			if isApostrophe(before) || isApostrophe(after) {
				t.Errorf("Points(%q) has %d next to an apostrophe", w, p)
			}
		}
	}
}

func TestAccentedAndDecomposedLettersDoNotSplitOrCrash(t *testing.T) {
	h := mustNew(t, "en-US", WithMinima(1, 1))
	for _, w := range []string{"Sánchez", "Sa\u0301nchez", "Potosí", "Quechua", "Aymara", "señor", "naïve", "Ærø", "\u0301\u0301", "a\u0301"} {
		for _, p := range h.Points(w) {
			r, _ := utf8.DecodeRuneInString(w[p:])
			if isMark(r) {
				t.Errorf("Points(%q) breaks before combining mark at %d", w, p)
			}
		}
	}
}

func TestEmptyAndPunctuationOnlyWords(t *testing.T) {
	h := mustNew(t, "en-US")
	for _, w := range []string{"", "a", "ab", ".", "“”", "’’’", "...", "  "} {
		if p := h.Points(w); p != nil {
			t.Errorf("Points(%q) = %v, want nil", w, p)
		}
	}
}

// TestLongWordWithoutPointsIsFastAndSafe: words of 500 characters get correct points, and the
// work stays bounded: counted in allocations, not timed (the stack buffers hold 64
// characters; beyond, the slices grow by doubling, so a 500-character word allocates about
// ten times, where a step that allocated per character would allocate hundreds).
func TestLongWordWithoutPointsIsFastAndSafe(t *testing.T) {
	h := mustNew(t, "en-GB")
	words := []string{
		strings.Repeat("x", 500),
		strings.Repeat("b", 500),
		strings.Repeat("hyphenation", 46),
		strings.Repeat("é", 500),
	}
	buf := make([]int, 0, 1024)
	for _, w := range words {
		pts := h.Points(w)
		if w[0] == 'x' && len(pts) != 0 {
			t.Errorf("500 x: %d points, want 0", len(pts))
		}
		checkPoints(t, h, w, pts)
		if n := testing.AllocsPerRun(5, func() { h.AppendPoints(buf[:0], w) }); n > 16 {
			t.Errorf("%.10s…: %v allocations for %d bytes", w, n, len(w))
		}
	}
}

func TestInvalidUTF8DoesNotPanic(t *testing.T) {
	h := mustNew(t, "en-US")
	for _, w := range []string{"hyph\xffenation", "\xff\xfe", "revolu\xc3", "\xe2\x80", "hyphenation\xff"} {
		checkPoints(t, h, w, h.Points(w))
		_ = h.Hyphenate(w)
	}
}

func TestConcurrentPointsAndAddExceptions(t *testing.T) {
	h := mustNew(t, "en-US")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if g == 0 && i%20 == 0 {
					h.AddExceptions("rev-olu-tion")
				}
				got := h.Hyphenate("revolution")
				if got != "rev-o-lu-tion" && got != "rev-olu-tion" {
					t.Errorf("Hyphenate(revolution) = %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestAppendPointsReusesBuffer(t *testing.T) {
	h := mustNew(t, "en-US")
	buf := make([]int, 0, 16)
	allocs := testing.AllocsPerRun(100, func() {
		buf = h.AppendPoints(buf[:0], "revolutionaries")
	})
	if allocs != 0 {
		t.Errorf("AppendPoints allocates %.1f times per call", allocs)
	}
	if len(buf) == 0 {
		t.Error("no points for revolutionaries")
	}
}

// checkPoints asserts the invariants every result must hold.
func checkPoints(t testing.TB, h *Hyphenator, word string, pts []int) {
	t.Helper()
	left, right := max(h.LeftMin, 1), max(h.RightMin, 1)
	for i, p := range pts {
		if p <= 0 || p >= len(word) {
			t.Fatalf("Points(%q): %d out of range", word, p)
		}
		if i > 0 && pts[i-1] >= p {
			t.Fatalf("Points(%q) = %v: not ascending", word, pts)
		}
		if !utf8.RuneStart(word[p]) {
			t.Fatalf("Points(%q): %d not on a rune boundary", word, p)
		}
		if n := utf8.RuneCountInString(word[:p]); n < left {
			t.Fatalf("Points(%q): %d leaves %d runes before, LeftMin %d", word, p, n, left)
		}
		if n := utf8.RuneCountInString(word[p:]); n < right {
			t.Fatalf("Points(%q): %d leaves %d runes after, RightMin %d", word, p, n, right)
		}
		before, _ := utf8.DecodeLastRuneInString(word[:p])
		after, _ := utf8.DecodeRuneInString(word[p:])
		if isApostrophe(before) || isApostrophe(after) || isMark(after) {
			t.Fatalf("Points(%q): %d is next to an apostrophe or before a mark", word, p)
		}
	}
}

func FuzzPoints(f *testing.F) {
	for _, s := range []string{
		"hyphenation", "revolution", "workers’", "Sánchez", "Sa\u0301nchez", "MNR", "well-known",
		"“hyphenation,”", "don’t", "", "\xff", "supercalifragilisticexpialidocious", "o’clock’s",
	} {
		f.Add(s, 2, 3)
	}
	f.Add("abandoned", 1, 1)
	hs := map[string]*Hyphenator{}
	for _, l := range Supported() {
		hs[l] = mustNew(f, l)
	}
	f.Fuzz(func(t *testing.T, word string, left, right int) {
		for _, base := range hs {
			// A private copy: minima must not change under other users.
			h := &Hyphenator{LeftMin: left % 8, RightMin: right % 8, lang: base.lang}
			h.exceptions.Store(base.exceptions.Load())
			pts := h.Points(word)
			checkPoints(t, h, word, pts)
			if got := h.AppendPoints([]int{-1}, word); !slices.Equal(got[1:], pts) {
				t.Fatalf("AppendPoints(%q) = %v, Points = %v", word, got[1:], pts)
			}
		}
	})
}

func BenchmarkPoints(b *testing.B) {
	h := mustNew(b, "en-GB")
	// ~1000 running words of English: the golden list is sorted, so take
	// every other word for a mix of short and long.
	all := readLines(b, "testdata/words.txt")
	var words []string
	for i := 0; i < len(all) && len(words) < 1000; i += 2 {
		words = append(words, all[i])
	}
	buf := make([]int, 0, 32)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			buf = h.AppendPoints(buf[:0], w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		mustNew(b, "en-GB")
	}
}

// TooShort is what Points does with a short word: a word it calls too short has no point,
// and the shortest words with points are not too short.
func TestTooShortWordsHaveNoPoints(t *testing.T) {
	h, err := New("en-US")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"", "a", "of", "the", "area", "ab\u00e9", "xyz", "ugly", "table", "dreamy", "hyphenation", "cannot"} {
		short, pts := h.TooShort(w), h.Points(w)
		if short && len(pts) > 0 {
			t.Errorf("%q: too short, yet Points gives %v", w, pts)
		}
		if len(w) >= h.LeftMin+h.RightMin && short {
			t.Errorf("%q (%d bytes): called too short with LeftMin %d, RightMin %d", w, len(w), h.LeftMin, h.RightMin)
		}
	}
	if !h.TooShort("the") || h.TooShort("hyphenation") {
		t.Error(`"the" should be too short, "hyphenation" not`)
	}
}
