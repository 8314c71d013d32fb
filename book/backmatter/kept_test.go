package backmatter

import (
	"fmt"
	"reflect"
	"testing"

	"bindery/book/doc"
	"bindery/book/lang"
)

// An index line's key changes with everything the line shows, and two lines under one key
// are the same: each variant below changes one input of the line.
func TestLineKeyCoversTheLine(t *testing.T) {
	type input struct {
		e      *doc.IndexEntry
		pages  labels
		byTerm map[string]*doc.IndexEntry
		labels lang.Labels
	}
	base := func() input {
		marks := []*doc.IndexMark{{ID: "m-1"}, {ID: "m-2", Range: doc.RangeStart}, {ID: "m-3", Range: doc.RangeStop}}
		e := &doc.IndexEntry{ID: "ix-a", Term: "alpha", See: "beta", SeeAlso: []string{"gamma"}, Marks: marks}
		return input{e: e, pages: labels{"m-1": "3", "m-2": "7", "m-3": "9"},
			byTerm: map[string]*doc.IndexEntry{"beta": {ID: "ix-b"}, "gamma": {ID: "ix-g"}}, labels: lang.For("en", nil)}
	}
	variants := map[string]func(*input){
		"the same":            func(*input) {},
		"term":                func(in *input) { in.e.Term = "alpha2" },
		"ID":                  func(in *input) { in.e.ID = "ix-a2" },
		"a mark's page":       func(in *input) { in.pages["m-1"] = "4" },
		"a page not known":    func(in *input) { delete(in.pages, "m-3") },
		"a mark's ID":         func(in *input) { in.e.Marks[0].ID = "m-9"; in.pages["m-9"] = "3" },
		"a range opened":      func(in *input) { in.e.Marks[0].Range = doc.RangeStart },
		"a mark fewer":        func(in *input) { in.e.Marks = in.e.Marks[:2] },
		"see":                 func(in *input) { in.e.See = "gamma" },
		"no see":              func(in *input) { in.e.See = "" },
		"see's target's ID":   func(in *input) { in.byTerm["beta"] = &doc.IndexEntry{ID: "ix-b2"} },
		"see also":            func(in *input) { in.e.SeeAlso = []string{"gamma", "beta"} },
		"see also's target":   func(in *input) { delete(in.byTerm, "gamma") },
		"the language":        func(in *input) { in.labels = lang.For("de", nil) },
		"the words":           func(in *input) { in.labels = lang.For("en", map[string]string{"see": "look at"}) },
		"see also's language": func(in *input) { in.labels = lang.For("fr", nil) },
	}
	keys, lines := map[string]string{}, map[string]*doc.Paragraph{}
	for name, change := range variants {
		in := base()
		change(&in)
		keys[name] = string(lineKey(nil, in.e, in.pages, in.byTerm, in.labels, false))
		lines[name] = indexLine(in.e, in.pages, in.byTerm, in.labels, newRefSeps(in.labels.Lang()))
	}
	for a := range variants {
		for b := range variants {
			sameKey, sameLine := keys[a] == keys[b], reflect.DeepEqual(lines[a], lines[b])
			if sameKey && !sameLine {
				t.Errorf("%s and %s: one key, different lines", a, b)
			}
		}
		if a != "the same" && keys[a] == keys["the same"] {
			t.Errorf("%s: the key did not change", a)
		}
	}
}

// Index with a Kept makes again only the lines whose pages changed, and its chapter is the one
// Index makes without.
func TestKeptIndexMakesChangedLines(t *testing.T) {
	a := &doc.Apparatus{}
	pages := labels{}
	for i := range 20 {
		e := &doc.IndexEntry{ID: fmt.Sprintf("ix-%d", i), Term: fmt.Sprintf("term %c", 'a'+i)}
		for j := range 3 {
			id := fmt.Sprintf("m-%d-%d", i, j)
			e.Marks = append(e.Marks, &doc.IndexMark{ID: id})
			pages[id] = fmt.Sprint(i + 2*j)
		}
		a.Index = append(a.Index, e)
	}
	kept := NewKept()
	en := lang.For("en", nil)
	build := func() *doc.Chapter {
		kept.Begin()
		defer kept.End()
		return indexWith(a, pages, en, kept)
	}
	check := func(step string, made int) {
		t.Helper()
		got, want := build(), Index(a, pages, en)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the index differs from one made afresh", step)
		}
		if kept.Made() != made {
			t.Errorf("%s: %d lines made; want %d", step, kept.Made(), made)
		}
	}
	check("first", 20)
	check("unchanged", 0)
	pages["m-4-1"] = "99"
	check("a page moved", 1)
	a.Index[7].Term = "term h, renamed"
	check("a term renamed", 1)
}
