package epub

import (
	"unicode/utf8"

	"bindery/book/doc"
)

// acronymText writes text, its acronyms in <abbr class="acronym"> when the book sets them
// in small capitals (Options.Acronyms), except in headwords, as print does.
func (r *chapterRenderer) acronymText(s string) {
	ac := r.w.opt.Acronyms
	if ac == nil || r.headword > 0 {
		r.text(s)
		return
	}
	from, at := 0, firstCapitalWord(s)
	for _, span := range ac.Find(s[at:]) {
		r.text(s[from : at+span[0]])
		r.openWord()
		r.push("abbr", "", ` class="acronym"`)
		r.text(s[at+span[0] : at+span[1]])
		r.pop()
		from = at + span[1]
	}
	r.text(s[from:])
}

// firstCapitalWord is where the word holding s's first capital A–Z or byte beyond ASCII
// begins (len(s) if none): an acronym has a letter and none a–z, so the words before it are
// none, and Find need not split them.
func firstCapitalWord(s string) int {
	j := 0
	for j < len(s) && (s[j] < 'A' || s[j] > 'Z') && s[j] < utf8.RuneSelf {
		j++
	}
	if j == len(s) {
		return j
	}
	for j > 0 {
		if word, _ := doc.WordCharAt(s, j-1); !word { // s[:j] is ASCII
			break
		}
		j--
	}
	return j
}
