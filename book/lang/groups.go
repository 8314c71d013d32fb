package lang

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Collator sorts a language's terms as its dictionaries do, ignoring case and
// the accents that do not make another letter: Spanish sorts ñ after n,
// Swedish å ä ö after z, Czech ch after h, while German sorts ä with a. The
// language's own letters are CLDR's tailoring (x/text/collate).
func Collator(tag string) *collate.Collator {
	t, err := language.Parse(tag)
	if err != nil {
		t = language.English
	}
	return collate.New(t, collate.IgnoreCase, collate.IgnoreDiacritics, collate.IgnoreWidth)
}

// letters are the letters, beyond a–z without accents, that a language's
// dictionaries and indexes head a group of their own with, in lower case,
// longest first where one begins another.
var letters = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"en": nil,
		"es": {"ñ"},
		"sv": {"å", "ä", "ö"},
		"fi": {"å", "ä", "ö"},
		"da": {"æ", "ø", "å"},
		"nb": {"æ", "ø", "å"},
		"nn": {"æ", "ø", "å"},
		"is": {"á", "ð", "é", "í", "ó", "ú", "ý", "þ", "æ", "ö"},
		"cs": {"ch", "č", "ř", "š", "ž"},
		"sk": {"ch", "ä", "č", "ô", "š", "ž"},
		"pl": {"ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż"},
		"hu": {"dzs", "cs", "dz", "gy", "ly", "ny", "sz", "ty", "zs", "ö", "ő", "ü", "ű"},
		"hr": {"dž", "lj", "nj", "č", "ć", "đ", "š", "ž"},
		"sl": {"č", "š", "ž"},
		"ro": {"ă", "â", "î", "ș", "ş", "ț", "ţ"},
		"tr": {"ç", "ğ", "ı", "i̇", "ö", "ş", "ü"},
		"et": {"š", "ž", "õ", "ä", "ö", "ü"},
		"lt": {"č", "š", "ž"},
		"lv": {"č", "ģ", "ķ", "ļ", "ņ", "š", "ž"},
	}
})

// LetterGroup is the heading an index or glossary term is grouped under: the
// language's own letter it begins with (Ñ, Å, Ch), else its first letter
// without accents (Á → A), or "#" for symbols and numbers.
func LetterGroup(tag, term string) string {
	low := strings.ToLower(norm.NFC.String(strings.TrimLeftFunc(term, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})))
	if Base(tag) == "tr" && strings.HasPrefix(term, "I") {
		return "I" // Turkish I is the capital of ı
	}
	for _, l := range lookup(letters(), tag) {
		if strings.HasPrefix(low, l) {
			return title(l)
		}
	}
	for _, r := range norm.NFD.String(low) {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r))
		}
		if unicode.IsDigit(r) {
			return "#"
		}
	}
	return "#"
}

// title capitalises a letter as a heading: "ch" → "Ch", "dzs" → "Dzs", "i̇" → "İ".
func title(l string) string {
	if l == "i̇" {
		return "İ"
	}
	for i, r := range l {
		return string(unicode.ToUpper(r)) + l[i+len(string(r)):]
	}
	return l
}
