package link

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are Snowball's, by the primary subtag of a BCP 47 language tag. A language without
// one (Catalan, Polish, Czech, …) has its index terms found in the forms written out only.
var stemmers = map[string]func(*snowball.Env) bool{
	"en": english.Stem, "es": spanish.Stem, "de": german.Stem, "fr": french.Stem,
	"it": italian.Stem, "pt": portuguese.Stem, "nl": dutch.Stem, "sv": swedish.Stem,
	"da": danish.Stem, "nb": norwegian.Stem, "nn": norwegian.Stem, "no": norwegian.Stem,
	"fi": finnish.Stem, "ro": romanian.Stem, "hu": hungarian.Stem, "tr": turkish.Stem,
	"ru": russian.Stem,
}

// stemmer reduces a word in lower case to its Snowball stem, so that the forms of a word
// meet: "nationalisation", "nationalise" and "nationalised" all become "nationalis".
type stemmer func(word string) string

// stemmerFor is the stemmer of a book's language, or nil where Snowball has none.
func stemmerFor(lang string) stemmer {
	primary, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	stem, ok := stemmers[primary]
	if !ok {
		return nil
	}
	return func(word string) string {
		env := envs.Get().(*snowball.Env)
		env.SetCurrent(word)
		stem(env)
		out := env.Current()
		env.SetCurrent("")
		envs.Put(env)
		return out
	}
}

// envs are Snowball's working states, one a word stemmed at a time: SetCurrent resets all
// of one, and a new one a word was an allocation for every distinct word of the book.
var envs = sync.Pool{New: func() any { return snowball.NewEnv("") }}

// stemKey is a phrase's word that matches by its stem, kept apart from a word matched as it
// is written by a byte no word holds (stemKeyMark).
func stemKey(stem string) string { return stemKeyMark + stem }

const stemKeyMark = "\x00"

// isLower reports whether a word has no capital letter: a common word, which a stemmer may
// reduce. A word with a capital (Morales, MAS, McDonald) is a name and is matched as written:
// "Morales" must not find "moral".
func isLower(w string) bool {
	// ASCII by its bytes: every word of the text is asked, and decoding each rune was most of it.
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf {
			return strings.IndexFunc(w[i:], unicode.IsUpper) < 0
		} else if 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// isCapitalised reports whether a word is a lower-case word with its first letter made a
// capital, as at a sentence's start ("Nationalisation", not "NATO" or "McDonald").
func isCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && isLower(w[n:])
}

// stemReach is what a language's stemmer keeps of a word's beginning (reachFor).
type stemReach struct {
	of        func(stem string) string // the beginning every word of a–z with that stem has
	exception func(word string) bool   // words whose stem need not begin so; nil: none
}

// reachFor is, for a language whose stemmer keeps a word's beginning, what it keeps; nil for
// the others, whose words are all stemmed.
func reachFor(lang string) *stemReach {
	primary, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	switch primary {
	case "en":
		return &stemReach{englishReach, porter2Exception}
	case "de":
		return &stemReach{germanReach, nil}
	case "es":
		return &stemReach{spanishReach, nil}
	case "fr":
		return &stemReach{frenchReach, nil}
	}
	return nil
}

// germanReach is the beginning of every word of a–z that German's Snowball stemmer reduces
// to stem: the stem itself. Its steps only delete suffixes; its other changes (ß to ss, ä, ö,
// ü to a, o, u, and u and y between vowels marked and unmarked) touch no word of a–z but
// where they undo themselves (TestGermanStemKeepsReach holds it to the stemmer).
func germanReach(stem string) string { return stem }

// frenchReach is the beginning of every word of a–z that French's Snowball stemmer reduces to
// stem. Its steps delete suffixes, but for one replacement at most of the ending they leave,
// whose first letter is kept (-ic to -iqu, -amment to -ant, -emment and -ence to -ent, -euse
// and -eus to -eux, -aux to -al; -eaux to -eau, -ier to -i, -logie to -log and -usion to -u
// delete), or else a final y made i; the rest needs a letter beyond a–z (-ité, -ière, accents).
// Its marks (u, i, y between vowels, the u after q) it takes off. So a stem's final letters
// from such a replacement need not be the word's (TestFrenchStemKeepsReach holds it to the
// stemmer).
func frenchReach(stem string) string {
	for _, end := range [...]struct {
		suffix string
		cut    int
	}{{"iqu", 2}, {"ant", 2}, {"ent", 2}, {"eux", 1}, {"al", 1}, {"i", 1}} {
		if strings.HasSuffix(stem, end.suffix) {
			return stem[:len(stem)-end.cut]
		}
	}
	return stem
}

// spanishReach is the beginning of every word of a–z that Spanish's Snowball stemmer reduces
// to stem. Its steps delete suffixes, and make -encia(s) -ente, whose e may go after; its other
// changes need a letter beyond a–z (-logía to -log, -ución to -u, accents taken off, a verb
// with an accented ending and a pronoun). So a stem's final -ente or -ent need not be the
// word's past its en (TestSpanishStemKeepsReach holds it to the stemmer).
func spanishReach(stem string) string {
	if s, ok := strings.CutSuffix(stem, "ente"); ok {
		return s + "en"
	}
	if s, ok := strings.CutSuffix(stem, "ent"); ok {
		return s + "en"
	}
	return stem
}

// englishReach is the beginning of every word of ASCII lower-case letters, but Porter2's
// exceptions (porter2Exception), that English's Snowball stemmer reduces to stem. It takes
// only suffixes off a word, with these changes at the end of what it keeps: a final y
// made i (happy → happi), an e added (hoped → hope), -ization, -ation, -ator, -iviti, -enci,
// -anci, -abli, -bli to -ize, -ate, -ive, -ence, -ance, -able, -ble, and -biliti to -ble, whose
// e may then go (possibility → possibl). So a stem's last two letters, where they are among
// e, i and l, need not be the word's (TestEnglishStemKeepsReach holds it to the stemmer).
func englishReach(stem string) string {
	for n := 0; n < 2 && stem != ""; n++ {
		switch stem[len(stem)-1] {
		case 'e', 'i', 'l':
			stem = stem[:len(stem)-1]
		default:
			return stem
		}
	}
	return stem
}

// porter2Exception reports whether w is one of the words English's stemmer gives a stem of
// its own (skies → sky, dying → die), which need not begin as englishReach says.
func porter2Exception(w string) bool {
	switch w {
	case "skis", "skies", "sky", "dying", "lying", "tying", "idly", "gently", "ugly", "early",
		"only", "singly", "news", "howe", "atlas", "cosmos", "bias", "andes":
		return true
	}
	return false
}

// asciiLetters reports whether w is all a–z: the words englishReach speaks for.
func asciiLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return w != ""
}
