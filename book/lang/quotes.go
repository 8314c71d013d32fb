package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Quotes are a language's quotation marks: the outer pair and the pair for a
// quotation inside a quotation, and the space set inside the marks (French
// puts a narrow no-break space inside « »).
type Quotes struct {
	Open, Close           string
	InnerOpen, InnerClose string
	Inside                string // between a mark and the quoted text; "" for none
}

// Mark returns the opening or closing mark of a quotation nested depth deep
// (0 outermost), with its inner space: "«\u202f", "\u202f»".
func (q Quotes) Mark(depth int, open bool) string {
	o, c := q.Open, q.Close
	if depth%2 == 1 {
		o, c = q.InnerOpen, q.InnerClose
	}
	inside := q.Inside
	if depth%2 == 1 && !strings.HasPrefix(o, "«") && !strings.HasPrefix(o, "‹") {
		inside = "" // French “…” inside « » take no space
	}
	if open {
		return o + inside
	}
	return inside + c
}

const (
	nnbsp = "\u202f" // narrow no-break space
	nbsp  = "\u00a0"
)

// quotes is written from the languages' style guides (see docs/notes.md,
// "Issue 15"): the outer pair, then the inner pair.
var quotes = sync.OnceValue(func() map[string]Quotes {
	return map[string]Quotes{
		"en":    {"“", "”", "‘", "’", ""},
		"es":    {"«", "»", "“", "”", ""},
		"ca":    {"«", "»", "“", "”", ""},
		"gl":    {"«", "»", "“", "”", ""},
		"eu":    {"«", "»", "“", "”", ""},
		"de":    {"„", "“", "‚", "‘", ""},
		"de-ch": {"«", "»", "‹", "›", ""},
		"de-li": {"«", "»", "‹", "›", ""},
		"fr":    {"«", "»", "“", "”", nnbsp},
		"fr-ch": {"«", "»", "‹", "›", nnbsp},
		"it":    {"«", "»", "“", "”", ""},
		"it-ch": {"«", "»", "‹", "›", ""},
		"pt":    {"«", "»", "“", "”", ""},
		"pt-br": {"“", "”", "‘", "’", ""},
		"nl":    {"“", "”", "‘", "’", ""},
		"pl":    {"„", "”", "«", "»", ""},
		"cs":    {"„", "“", "‚", "‘", ""},
		"sk":    {"„", "“", "‚", "‘", ""},
		"sl":    {"„", "“", "‚", "‘", ""},
		"hr":    {"„", "“", "‚", "‘", ""},
		"ro":    {"„", "”", "«", "»", ""},
		"hu":    {"„", "”", "»", "«", ""},
		"sv":    {"”", "”", "’", "’", ""},
		"fi":    {"”", "”", "’", "’", ""},
		"da":    {"»", "«", "›", "‹", ""},
		"nb":    {"«", "»", "‘", "’", ""},
		"nn":    {"«", "»", "‘", "’", ""},
		"tr":    {"“", "”", "‘", "’", ""},
		"et":    {"„", "“", "‚", "‘", ""},
		"lt":    {"„", "“", "‚", "‘", ""},
		"lv":    {"«", "»", "„", "“", ""},
		"ru":    {"«", "»", "„", "“", ""},
		"uk":    {"«", "»", "„", "“", ""},
		"el":    {"«", "»", "“", "”", ""},
	}
})

// QuotesFor returns the quotation marks of a language.
func QuotesFor(tag string) Quotes { return lookup(quotes(), tag) }

// spaceBefore is the space French sets before high punctuation; Canadian
// French sets it before the colon only (Office québécois de la langue française).
var spaceBefore = sync.OnceValue(func() map[string]map[rune]string {
	return map[string]map[rune]string{
		"en":    nil,
		"fr":    {':': nbsp, ';': nnbsp, '!': nnbsp, '?': nnbsp},
		"fr-ca": {':': nbsp},
	}
})

// PunctuateAfterText is Punctuate for generated punctuation that follows text set apart
// from it (a page number, a term): "; see also" becomes " ; voir aussi" in French.
func PunctuateAfterText(tag, s string) string {
	return Punctuate(tag, "x"+s)[1:]
}

// MayPunctuate reports whether Punctuate may change s in some language: whether it holds a
// mark a language spaces. Punctuate leaves any other text as it is.
func MayPunctuate(s string) bool {
	return strings.ContainsAny(s, ":;!?") || strings.Contains(s, "«") || strings.Contains(s, "»")
}

// SpacesMarks reports whether Punctuate may change any text in the language: whether it
// spaces a mark or sets a space inside « ». For English, German or Spanish it does not, and a
// caller with many texts in one language can skip Punctuate (and its scans) for all of them.
func SpacesMarks(tag string) bool {
	return lookup(spaceBefore(), tag) != nil || QuotesFor(tag).Inside != ""
}

// Punctuate sets the spaces a language puts around punctuation: in French a
// narrow no-break space before ; ! ? and inside « », a no-break space before :,
// replacing the space the author typed or adding one after a word ("Quoi ?",
// "Attention !"). A colon between digits or letters ("10:30", "http:") is left
// alone. Languages without such spaces get s unchanged.
func Punctuate(tag, s string) string {
	// Most texts have no mark to space: the tables' lookups (the tag split and joined) are
	// left for those that do.
	if !MayPunctuate(s) {
		return s
	}
	table := lookup(spaceBefore(), tag)
	inside := QuotesFor(tag).Inside
	if (table == nil || !strings.ContainsAny(s, ":;!?")) && (inside == "" || !strings.ContainsAny(s, "«»")) {
		return s
	}
	out := make([]byte, 0, len(s)+8)
	// spaced puts sp before the mark at the end of out: instead of a space there, or after text.
	spaced := func(sp string, afterText bool) {
		prev, size := utf8.DecodeLastRune(out)
		switch {
		case prev == ' ' || prev == '\u00a0' || prev == '\u202f':
			out = append(out[:len(out)-size], sp...)
		case afterText && len(out) > 0 && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("»)”›.…", prev)):
			out = append(out, sp...)
		}
	}
	skipSpace := false
	for i, r := range s {
		if skipSpace {
			skipSpace = false
			if r == ' ' || r == '\u00a0' || r == '\u202f' {
				continue
			}
		}
		end := i + utf8.RuneLen(r)
		if r == utf8.RuneError { // a byte that is not UTF-8 (or U+FFFD itself): its own size
			_, size := utf8.DecodeRuneInString(s[i:])
			end = i + size
		}
		next, _ := utf8.DecodeRuneInString(s[end:])
		switch sp, ok := table[r]; {
		case ok && (end == len(s) || unicode.IsSpace(next) || strings.ContainsRune("»)”’.,;:!?…", next)):
			spaced(sp, true)
		case inside != "" && r == '»':
			spaced(inside, true)
		case inside != "" && r == '«' && end < len(s) && (unicode.IsSpace(next) || unicode.IsLetter(next) || unicode.IsDigit(next)):
			out = append(out, s[i:end]...)
			out = append(out, inside...)
			skipSpace = true
			continue
		}
		out = append(out, s[i:end]...) // the bytes as written, not a U+FFFD for a stray one
	}
	return string(out)
}
