package lang

import (
	"sync"
	"unicode"

	"golang.org/x/text/language"
)

// scripts are Go's Unicode script tables for ISO 15924 codes (a language's likely script,
// from CLDR through x/text/language); Japanese and Korean mix several.
var scripts = sync.OnceValue(func() map[string][]*unicode.RangeTable {
	return map[string][]*unicode.RangeTable{
		"Latn": {unicode.Latin}, "Grek": {unicode.Greek}, "Cyrl": {unicode.Cyrillic},
		"Arab": {unicode.Arabic}, "Hebr": {unicode.Hebrew}, "Deva": {unicode.Devanagari},
		"Beng": {unicode.Bengali}, "Taml": {unicode.Tamil}, "Telu": {unicode.Telugu},
		"Thai": {unicode.Thai}, "Geor": {unicode.Georgian}, "Armn": {unicode.Armenian},
		"Ethi": {unicode.Ethiopic}, "Hans": {unicode.Han}, "Hant": {unicode.Han},
		"Jpan": {unicode.Han, unicode.Hiragana, unicode.Katakana},
		"Kore": {unicode.Hangul, unicode.Han}, "Khmr": {unicode.Khmer}, "Mlym": {unicode.Malayalam},
		"Knda": {unicode.Kannada}, "Gujr": {unicode.Gujarati}, "Guru": {unicode.Gurmukhi},
		"Sinh": {unicode.Sinhala}, "Mymr": {unicode.Myanmar}, "Laoo": {unicode.Lao},
		"Tibt": {unicode.Tibetan}, "Mong": {unicode.Mongolian},
	}
})

// InScript reports whether letter r is written in the script of language tag: a Greek
// letter in a Greek book is the book's own, a Chinese character in an English one a stray.
// A language whose script is not known here counts every letter as its own.
func InScript(tag string, r rune) bool {
	t, err := language.Parse(tag)
	if err != nil {
		return true
	}
	s, _ := t.Script()
	tables, ok := scripts()[s.String()]
	if !ok {
		return true
	}
	for _, tab := range tables {
		if unicode.Is(tab, r) {
			return true
		}
	}
	return false
}
