package epub

// acronymText writes text, its acronyms in <abbr class="acronym"> when the book sets them
// in small capitals (Options.Acronyms), except in headwords, as print does.
func (r *chapterRenderer) acronymText(s string) {
	ac := r.w.opt.Acronyms
	if ac == nil || r.headword > 0 {
		r.text(s)
		return
	}
	from := 0
	for _, span := range ac.Find(s) {
		r.text(s[from:span[0]])
		r.openWord()
		r.push("abbr", "", ` class="acronym"`)
		r.text(s[span[0]:span[1]])
		r.pop()
		from = span[1]
	}
	r.text(s[from:])
}
