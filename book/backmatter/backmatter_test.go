package backmatter

import (
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/lang"
)

type labels map[string]string

func (l labels) Label(id string) string { return l[id] }

func plain(ins []doc.Inline) string { return doc.PlainText(ins) }

func TestLocatorsCollapseRanges(t *testing.T) {
	pages := labels{"a": "3", "b": "3", "c": "4", "d": "5", "e": "9", "f": "12", "g": "16", "h": "20"}
	got := plain(locators(pages, []string{"a", "b", "c", "d", "e"}, nil, "x"))
	if got != "3–5, 9" {
		t.Fatalf("consecutive pages: got %q", got)
	}
	// An explicit range (f opens, g closes) spans the pages between, even if not consecutive.
	got = plain(locators(pages, []string{"e", "f", "g", "h"}, []bool{false, true, false, false}, "x"))
	if got != "9, 12–16, 20" {
		t.Fatalf("marked range: got %q", got)
	}
	if got := plain(locators(labels{}, []string{"z"}, nil, "x")); got != "?" {
		t.Fatalf("unknown page: %q", got)
	}
}

func TestFormatDate(t *testing.T) {
	for in, want := range map[doc.Date]string{
		{Sort: "1952-04-09"}:                    "9 April 1952",
		{Sort: "1985-08"}:                       "August 1985",
		{Sort: "1995", Approx: true}:            "c.\u00a01995",
		{Sort: "2000", End: "2003"}:             "2000–2003",
		{Sort: "2003-10-12", End: "2003-10-31"}: "12 October 2003–31 October 2003",
	} {
		if got := FormatDate(in, lang.For("en-GB", nil)); got != want {
			t.Errorf("%+v: got %q, want %q", in, got, want)
		}
	}
}

// TestIndexSortsByCollation: accents and case are ignored, letters group the entries.
func TestIndexSortsByCollation(t *testing.T) {
	a := &doc.Apparatus{}
	for _, term := range []string{"Santa Cruz", "Sánchez de Lozada, Gonzalo", "sindicatos", "El Alto", "Álvaro", "1952 revolution", "abc"} {
		e := &doc.IndexEntry{Term: term, ID: "ix-" + term}
		e.Marks = []*doc.IndexMark{{ID: e.ID + "-1"}}
		a.Index = append(a.Index, e)
	}
	ch := Index(a, labels{}, lang.For("en-GB", nil))
	var order, groups []string
	for _, b := range ch.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			if b.Level == 2 {
				groups = append(groups, plain(b.Inlines))
			}
		case *doc.List:
			for _, it := range b.Items {
				order = append(order, strings.Split(plain(it.Blocks[0].(*doc.Paragraph).Inlines), ",")[0])
			}
		}
	}
	if got := strings.Join(order, "|"); got != "1952 revolution|abc|Álvaro|El Alto|Sánchez de Lozada|Santa Cruz|sindicatos" {
		t.Fatalf("order %s", got)
	}
	if got := strings.Join(groups, " "); got != "Symbols and numbers A E S" {
		t.Fatalf("groups %s", got)
	}
}
