package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ties are the spaces a careful compositor never breaks a line at although the author
// typed an ordinary space: between "p." and its number, a number and its unit, an initial
// and the name after it. They are TeX's ties (~), put in where the text calls for them.

// tieWords are the words a number after them is tied to (the author's Settings.Ties are
// added): references to pages, laws, articles and numbered things.
var tieWords = []string{
	"p.", "pp.", "No.", "no.", "Nos.", "nos.", "Law", "Laws", "Article", "Articles", "Art.",
	"Decree", "Decrees", "Section", "Sections", "§", "§§", "Chapter", "ch.", "Vol.", "vol.",
	"Fig.", "fig.", "Figure", "Table", "Part", "Act", "Resolution", "page", "pages",
	"Pages:", "Page:",
}

// tieUnits are the units and quantities a number before them is tied to.
var tieUnits = []string{
	"%", "per", "km", "m", "cm", "mm", "kg", "g", "t", "ha", "l", "ml", "mph", "km²", "m²",
	"m³", "°C", "°F", "°", "BTU", "MW", "kW", "GW", "bn", "million", "billion", "thousand",
	"hundred", "tonnes", "tons", "barrels", "hectares", "cubic", "dollars", "pesos",
	"bolivianos", "years", "days", "months", "hours", "minutes", "AD", "BC", "BCE", "CE",
}

// ties is the set of words before numbers and units after them, made from the lists and
// the author's words.
type ties struct {
	before, units map[string]bool
}

// newTies makes the sets of tied words, with the author's words before numbers added.
func newTies(extra []string) *ties {
	t := &ties{before: map[string]bool{}, units: map[string]bool{}}
	for _, w := range append(append([]string(nil), tieWords...), extra...) {
		t.before[w] = true
	}
	for _, w := range tieUnits {
		t.units[w] = true
	}
	return t
}

// opening and closing are the punctuation a word may open or close with, trimmed before it
// is compared with the lists.
const opening, closing = "([“‘\"'", ")]”’\"'.,;:!?…"

// tied reports whether the space between word a and the word at the start of rest (up to
// its next space) must not break. Most words open with a letter: those are compared
// untrimmed, and the word after is cut out of rest only after a number. (Its first
// character is read untrimmed: were it closing punctuation, it would be no digit or capital
// either, nor would the nothing left once trimmed.)
func (t *ties) tied(a, rest string) bool {
	first, _ := utf8.DecodeRuneInString(rest)
	if a == "" || rest == "" || isSpace(first) {
		return false
	}
	if mayOpen(a[0]) {
		a = strings.TrimLeft(a, opening)
	}
	switch {
	case unicode.IsDigit(first) && t.before[a]:
		return true // p. 12, Law 1008, No. 3
	case isNumber(a) && t.units[strings.TrimRight(nextWord(rest), closing)]:
		return true // 70 km, 15 million, 40 %
	case isInitial(a) && unicode.IsUpper(first):
		return true // J. Smith, F. Quispe
	}
	return false
}

// mayOpen reports whether a word starting with byte c may start with opening punctuation.
func mayOpen(c byte) bool {
	return c == '(' || c == '[' || c == '"' || c == '\'' || c == "“"[0]
}

// isSpace is unicode.IsSpace, ASCII answered without the call.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// isNumber reports whether s is a number: digits, with separators and a decimal point
// inside. Most words open with an ASCII letter: no number, without the loop.
func isNumber(s string) bool {
	return s != "" && (s[0]-'0' <= 9 || s[0] >= utf8.RuneSelf) && isNumberSlow(s)
}

// isNumberSlow is isNumber for a word that may be one.
func isNumberSlow(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case (r == ',' || r == '.' || r == '\u2009') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}

// isInitial reports whether s is an initial: one capital letter and a full stop. Most
// words do not end in a full stop after one character: no decoding for them.
func isInitial(s string) bool {
	return len(s) >= 2 && len(s) <= utf8.UTFMax+1 && s[len(s)-1] == '.' && isCapitalAndStop(s)
}

// isCapitalAndStop is isInitial for a word of a few bytes ending in a full stop.
func isCapitalAndStop(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && unicode.IsUpper(r) && s[n:] == "."
}

// nextWord is the word at the start of s, up to the next space.
func nextWord(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}
