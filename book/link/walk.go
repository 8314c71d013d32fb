package link

import (
	"strconv"
	"strings"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/parallel"
)

// chapterWalk is what the walk of one chapter after the term search found: its index marks
// in reading order, its words shaped like acronyms that no entry knows (each at its first
// place in the chapter), and the messages of its links and cross-references.
type chapterWalk struct {
	marks    []*doc.IndexMark
	acronyms []acronymAt
	list     diag.List
	markList diag.List // the messages of the author's index marks
}

type acronymAt struct {
	word string
	pos  diag.Pos
}

// walkChapters walks every chapter once, each on its own on every core: it finds the
// entries of the author's index marks (me, nil when the book has no apparatus), collects the
// index marks (numberMarks numbers them after, in reading order), looks for acronyms in the
// body's text (acr, nil when not looked for) and resolves links and cross-references (r).
// One walk of every inline of the book for the four, as a walk is not free; on one core
// it was a tenth of a long book's linking.
func walkChapters(b *doc.Book, me *markEntries, acr *acronymCheck, found *Found, r *resolver) []chapterWalk {
	chapters := b.AllChapters()
	out := make([]chapterWalk, len(chapters))
	marks := b.Apparatus != nil
	parallel.For(len(chapters), func(_, i int) {
		w := &out[i]
		text := acr != nil && i < len(b.Chapters) // acronyms are looked for in the body only
		var seen map[string]bool
		doc.WalkInlines(chapters[i], func(in doc.Inline) {
			switch in := in.(type) {
			case *doc.IndexMark:
				if in.Entry == nil && me != nil {
					me.resolve(in, &w.markList)
				}
				if marks && in.Entry != nil {
					w.marks = append(w.marks, in)
				}
			case *doc.Text:
				if text {
					w.acronyms = acr.text(w.acronyms, &seen, in, found)
				}
			case *doc.CrossRef:
				r.crossRef(in, &w.list)
			case *doc.Link:
				r.link(in, &w.list)
			}
		})
	})
	return out
}

// numberMarks numbers the index marks the walk found and collects them on their entries, in
// reading order (each Resolve's entries are new: they have no marks before).
func numberMarks(walks []chapterWalk) {
	var entries []*doc.IndexEntry
	for _, w := range walks {
		for _, in := range w.marks {
			e := in.Entry
			if in.Sub != nil {
				e = in.Sub
			}
			if len(e.Marks) == 0 {
				entries = append(entries, e)
			}
			e.Marks = append(e.Marks, in)
		}
	}
	for _, e := range entries {
		numbered(e.ID+"-", len(e.Marks), func(i int, id string) { e.Marks[i].ID = id })
	}
}

// numbered calls set with prefix+"1", prefix+"2", … up to n, the n strings made in one
// allocation: one a mark and one a use was a fifth of what linking allocated.
func numbered(prefix string, n int, set func(i int, id string)) {
	size := 0
	for i := 1; i <= n; i++ {
		size += len(prefix) + digits(i)
	}
	var b strings.Builder
	b.Grow(size)
	var num [20]byte
	for i := 1; i <= n; i++ {
		b.WriteString(prefix)
		b.Write(strconv.AppendInt(num[:0], int64(i), 10))
	}
	all, at := b.String(), 0
	for i := 1; i <= n; i++ {
		end := at + len(prefix) + digits(i)
		set(i-1, all[at:end])
		at = end
	}
}

// digits is how many decimal digits n > 0 has.
func digits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// acronymCheck warns of words in capitals that look like acronyms and have no glossary
// entry (walkChapters shows it the text).
type acronymCheck struct {
	known, seen map[string]bool
	list        diag.List
}

// acronymsOf is the check for b, or nil when the book has no glossary to check against.
func acronymsOf(b *doc.Book) *acronymCheck {
	if len(b.Apparatus.Glossary) == 0 {
		return nil
	}
	known := map[string]bool{}
	for _, g := range b.Apparatus.Glossary {
		for _, f := range g.Forms() {
			known[f] = true
		}
	}
	for _, w := range b.Apparatus.NotAcronyms {
		known[w] = true
	}
	return &acronymCheck{known: known, seen: map[string]bool{}}
}

// text appends to out the words of t shaped like acronyms that are not known and not seen
// before in its chapter (seen, made when first needed); known is only read, so chapters are
// looked at on every core. found, if not nil, keeps each text's words of that shape for the
// next build.
func (a *acronymCheck) text(out []acronymAt, seen *map[string]bool, t *doc.Text, found *Found) []acronymAt {
	for _, m := range found.shaped(t.Text) {
		w := t.Text[m.start:m.end]
		if a.known[w] || (*seen)[w] {
			continue
		}
		if *seen == nil {
			*seen = map[string]bool{}
		}
		(*seen)[w] = true
		out = append(out, acronymAt{w, t.PosAt(int(m.start))})
	}
	return out
}

// report warns once of each word the chapters' walks found, at its first place in reading
// order.
func (a *acronymCheck) report(walks []chapterWalk) {
	for _, w := range walks {
		for _, at := range w.acronyms {
			if a.seen[at.word] {
				continue
			}
			a.seen[at.word] = true
			a.list.Warnf(at.pos, "%q looks like an acronym but has no glossary entry (list it under not_acronyms: in book.yaml if it is none)", at.word)
		}
	}
}
