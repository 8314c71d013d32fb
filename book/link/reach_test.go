package link

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// textWords adds the lower-cased words of the Markdown and YAML files under dirs to words.
func textWords(words map[string]bool, dirs ...string) {
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml")) {
				return nil
			}
			b, _ := os.ReadFile(p)
			text := string(b)
			for _, tk := range tokens(text) {
				words[strings.ToLower(tk.in(text))] = true
			}
			return nil
		})
	}
}

// madeWords adds n words made of a stem and one to three suffixes, drawn with seed.
func madeWords(words map[string]bool, stems, suffixes []string, seed uint64, n int) {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	for range n {
		w := stems[rng.IntN(len(stems))]
		for range 1 + rng.IntN(3) {
			w += suffixes[rng.IntN(len(suffixes))]
		}
		words[w] = true
	}
}

// reachHolds fails t for each word of a–z (but lang's exceptions) whose stem's reach, as
// reachFor(lang) gives it, does not begin it, and when fewer than least were checked.
func reachHolds(t *testing.T, words map[string]bool, lang string, least int) {
	t.Helper()
	stem, reach := stemmerFor(lang), reachFor(lang)
	checked := 0
	for w := range words {
		if !asciiLetters(w) || reach.exception != nil && reach.exception(w) {
			continue
		}
		checked++
		if s := stem(w); !strings.HasPrefix(w, reach.of(s)) {
			t.Errorf("%q stems to %q, which reaches %q", w, s, reach.of(s))
		}
	}
	if checked < least {
		t.Fatalf("only %d words checked", checked)
	}
}

// TestEnglishStemKeepsReach: every word of a–z that English's stemmer reduces to a stem
// begins with englishReach of it, but the stemmer's exceptions: the words of the repository's
// Markdown and YAML (the books and the notes), and 300,000 made of a stem and one to three English suffixes.
func TestEnglishStemKeepsReach(t *testing.T) {
	stem := stemmerFor("en")
	words := map[string]bool{}
	textWords(words, "../../manuscript", "../../testdata/books", "../../docs")
	stems := []string{"a", "ab", "possib", "sensib", "nob", "stab", "nation", "hop", "happ", "cr", "t", "d",
		"relat", "organ", "duplic", "real", "valen", "sensit", "rat", "gener", "commun", "arsen", "fl", "y",
		"ski", "l", "agre", "feed", "proce", "inn", "be", "bi", "sy", "ly", "e", "i", "o", "u", "ea"}
	suffixes := []string{"ility", "ibility", "ability", "ation", "ational", "ization", "izer", "ize", "ise",
		"ed", "ing", "ingly", "edly", "eed", "eedly", "ies", "ied", "y", "s", "es", "sses", "ss", "us", "ly",
		"ally", "ently", "ously", "fully", "lessly", "ence", "ency", "ance", "ancy", "able", "ible", "al",
		"ism", "iveness", "iviti", "ivity", "ator", "ate", "ic", "ical", "icity", "ness", "ful", "ive",
		"ative", "ent", "ment", "ement", "ion", "er", "ous", "ant", "e", "ll", "l", "ogy", "bly", "ble",
		"'", "'s", "at", "bl", "iz", "bb", "tt", "y", "ye", "yl", "li", "le", "lie", "ie"}
	madeWords(words, stems, suffixes, 3, 300_000)
	reachHolds(t, words, "en", 100_000)
	if s := stem("skies"); strings.HasPrefix("skies", englishReach(s)) {
		t.Errorf("skies stems to %q: the exceptions are needed no more", s)
	}
}

// TestSearchStemsWhatMayMatch: with English's stemmer, the search stems only the words that
// begin as a stem of the index's may (a capitalised one in lower case): as a phrase's first
// word, or as a later word where it follows the words a phrase begins with ("strikes" after
// "general", not "strikers" after "the"); and it finds the same.
func TestSearchStemsWhatMayMatch(t *testing.T) {
	ts := &termSearch{idx: newPhrases(stemmerFor("en")), excl: newPhrases(nil), gl: newPhrases(nil)}
	ts.idx.reach = reachFor("en-GB")
	ts.add(ts.idx, 'i', []string{"possibility", "general strike", "dying words"}, target{})
	ts.made(nil, "")
	text := "Possibly the possibilities of general strikes; generally a strike. Other words die, dying " +
		"words, monopolies, party, Party, blockades and marches; the strikers."
	tf := findIn(ts, text)
	var got []string
	for _, m := range tf.marks {
		got = append(got, text[m.start:m.end])
	}
	if g, want := strings.Join(got, "|"), "Possibly|possibilities|general strikes|dying words"; g != want {
		t.Errorf("found %q, want %q", g, want)
	}
	stemmed := map[string]bool{}
	for w := range ts.idx.stems.m {
		stemmed[w] = true
	}
	for _, w := range []string{"monopolies", "party", "blockades", "marches", "other", "strikers"} {
		if stemmed[w] {
			t.Errorf("%q stemmed: its stem cannot be the index's", w)
		}
	}
	for _, w := range []string{"possibly", "possibilities", "generally", "strikes", "strike", "dying", "words", "die"} {
		if !stemmed[w] {
			t.Errorf("%q not stemmed", w)
		}
	}
}

// TestBeginIsAnyBegin: begin, which searches only the beginnings of a word's first two
// letters (newBeginnings' byTwo), answers as asking every beginning given does, with
// beginnings of none, one, two and more letters, and beyond a–z.
func TestBeginIsAnyBegin(t *testing.T) {
	letters := "abez"
	rng := rand.New(rand.NewPCG(9, 10))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	for range 2000 {
		var given []string
		for range rng.IntN(6) {
			w := word(rng.IntN(4))
			if rng.IntN(8) == 0 {
				w += "é"
			}
			given = append(given, w)
		}
		bs := newBeginnings(slices.Clone(given))
		for range 50 {
			w := word(1 + rng.IntN(4))
			want := slices.ContainsFunc(given, func(b string) bool { return strings.HasPrefix(w, b) })
			if got := bs.begin(w); got != want {
				t.Fatalf("beginnings %q: begin(%q) = %v, want %v", given, w, got, want)
			}
		}
	}
}

// TestGermanStemKeepsReach: every word of a–z that German's stemmer reduces to a stem begins
// with it: the words of the German test book, and 200,000 made of a stem and one to three
// German suffixes (with u and y between vowels, which the stemmer marks and unmarks). A word
// with an umlaut need not (länder → land): only words of a–z are narrowed.
func TestGermanStemKeepsReach(t *testing.T) {
	stem := stemmerFor("de")
	words := map[string]bool{}
	textWords(words, "../../testdata/books/de")
	stems := []string{"arbeit", "bau", "treu", "bay", "mey", "streik", "kenntn", "erlaub", "geh", "lauf",
		"ab", "e", "u", "y", "nis", "ss", "aue", "euy", "ig", "isch", "heit", "land", "kind"}
	suffixes := []string{"e", "em", "en", "ern", "er", "es", "s", "est", "st", "end", "ung", "ungen", "ig",
		"igkeit", "ik", "isch", "lich", "lichkeit", "heit", "keit", "nis", "nisse", "nissen", "u", "y",
		"ue", "ye", "uen", "yen", "b", "d", "t", "ss"}
	madeWords(words, stems, suffixes, 13, 200_000)
	reachHolds(t, words, "de", 50_000)
	if s := stem("länder"); strings.HasPrefix("länder", s) {
		t.Errorf("länder stems to %q: words beyond a–z could be narrowed too", s)
	}
}

// TestSpanishStemKeepsReach: every word of a–z that Spanish's stemmer reduces to a stem begins
// with spanishReach of it: the words of the Spanish test book, and 200,000 made of a stem and
// one to three Spanish suffixes (verb endings, attached pronouns, -encia, -uciones, -amente).
// Without the cut of -ente, independencia would not (independent).
func TestSpanishStemKeepsReach(t *testing.T) {
	stem := stemmerFor("es")
	words := map[string]bool{}
	textWords(words, "../../testdata/books/es")
	stems := []string{"independ", "pac", "huelg", "trabaj", "gobi", "nacional", "revolu", "minero", "cons", "ag",
		"cu", "gu", "ab", "e", "a", "ent", "enci", "ic", "iv", "ad", "os", "distribu", "constru", "obten"}
	suffixes := []string{"encia", "encias", "ente", "entes", "uciones", "ucion", "amente", "mente", "idad", "idades",
		"ivo", "iva", "ando", "iendo", "yendo", "ar", "er", "ir", "lo", "la", "se", "selo", "nos", "les", "ica",
		"ico", "icas", "osa", "oso", "ismo", "ista", "able", "ible", "ante", "ancia", "acion", "aciones", "ador",
		"adora", "amiento", "imiento", "anza", "logia", "ya", "ye", "yo", "en", "es", "emos", "an", "aba",
		"aron", "ieron", "ara", "iera", "os", "a", "o", "e", "u", "t", "abil", "at"}
	madeWords(words, stems, suffixes, 15, 200_000)
	reachHolds(t, words, "es", 50_000)
	if s := stem("independencia"); strings.HasPrefix("independencia", s) {
		t.Errorf("independencia stems to %q: the cut of -ente is needed no more", s)
	}
}

// TestFrenchStemKeepsReach: every word of a–z that French's stemmer reduces to a stem begins
// with frenchReach of it: the words of the French test book, and 300,000 made of a stem and
// one to three French suffixes (with the vowels and the qu the stemmer marks). Without the
// cuts, publicative (publiqu), prudemment (prudent), heureuse (heureux), chevaux (cheval)
// and payer (pai) would not.
func TestFrenchStemKeepsReach(t *testing.T) {
	stem := stemmerFor("fr")
	words := map[string]bool{}
	textWords(words, "../../testdata/books/fr")
	stems := []string{"publ", "const", "heur", "chev", "pa", "gr", "trav", "nation", "soci", "ou", "qu", "ay",
		"ev", "cr", "pl", "e", "a", "i", "u", "y", "ic", "at", "eus", "abil", "iv", "log", "ell", "enn"}
	suffixes := []string{"ic", "ique", "iques", "ative", "atif", "atives", "ation", "ations", "ateur", "atrice",
		"amment", "emment", "ence", "ences", "ance", "euse", "euses", "eusement", "ement", "ements", "ment",
		"aux", "eaux", "ier", "iers", "logie", "logies", "usion", "ution", "isme", "iste", "able", "ible",
		"ive", "if", "ifs", "eux", "issement", "ir", "ira", "issant", "issions", "er", "era", "ait", "aient",
		"ant", "ants", "ons", "ez", "e", "es", "s", "ion", "y", "ye", "ya", "yer", "ui", "ua", "qui", "que",
		"onn", "ett", "eill", "ell", "enn", "abl", "eus", "iv", "at", "ic"}
	madeWords(words, stems, suffixes, 17, 300_000)
	reachHolds(t, words, "fr", 100_000)
	for _, w := range []string{"publicative", "prudemment", "heureuse", "chevaux", "payer"} {
		if s := stem(w); strings.HasPrefix(w, s) {
			t.Errorf("%s stems to %q: a cut is needed no more", w, s)
		}
	}
}
