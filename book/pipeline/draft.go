package pipeline

import (
	"slices"

	"bindery/book/doc"
)

// leaveOutUnused takes out of a draft's apparatus what would print as an entry with no page:
// glossary entries the text never uses, index entries and sub-entries that occur nowhere (or
// send the reader to an entry that is not there), and every reference to them. They have
// been reported; the draft shows the book as it stands.
func leaveOutUnused(a *doc.Apparatus) {
	if a == nil {
		return
	}
	a.Glossary = slices.DeleteFunc(a.Glossary, func(g *doc.GlossaryEntry) bool { return len(g.Uses) == 0 })
	kept := map[*doc.GlossaryEntry]bool{}
	for _, g := range a.Glossary {
		kept[g] = true
	}
	for _, g := range a.Glossary {
		g.SeeAlso = slices.DeleteFunc(g.SeeAlso, func(t *doc.GlossaryEntry) bool { return !kept[t] })
	}

	terms := map[string]bool{}
	for _, e := range a.Index {
		e.Sub = slices.DeleteFunc(e.Sub, func(s *doc.IndexEntry) bool { return len(s.Marks) == 0 })
		if e.Glossary != nil && !kept[e.Glossary] {
			e.Glossary = nil
		}
		if len(e.Marks) > 0 || len(e.Sub) > 0 || e.See != "" {
			terms[e.Term] = true
		}
	}
	// A "see" to an entry left out leads nowhere: the entry that has only it goes too.
	for changed := true; changed; {
		changed = false
		for _, e := range a.Index {
			if terms[e.Term] && e.See != "" && !terms[e.See] && len(e.Marks) == 0 && len(e.Sub) == 0 {
				delete(terms, e.Term)
				changed = true
			}
		}
	}
	a.Index = slices.DeleteFunc(a.Index, func(e *doc.IndexEntry) bool { return !terms[e.Term] })
	for _, e := range a.Index {
		if e.See != "" && !terms[e.See] {
			e.See = ""
		}
		e.SeeAlso = slices.DeleteFunc(e.SeeAlso, func(t string) bool { return !terms[t] })
	}
}
