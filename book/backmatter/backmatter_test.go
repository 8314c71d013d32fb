package backmatter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
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
		{Sort: "2003-10-12", End: "2003-10-31"}: "12–31 October 2003",
		{Sort: "1952-04-09", End: "1952-12-31"}: "9 April–31 December 1952",
		{Sort: "2004-06", End: "2004-07"}:       "June–July 2004",
		{Sort: "2000-09", End: "2001-01"}:       "September 2000–January 2001",
		{Sort: "1967", End: "1987"}:             "1967–1987",
		{Sort: "1999-12-30", End: "2000-01-02"}: "30 December 1999–2 January 2000",
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

// TestChronologyShowsTheTextsDateAndTheNote: an event dated from the record says the date
// the text gives, then the editor's note; one whose date is the text's says neither.
func TestChronologyShowsTheTextsDateAndTheNote(t *testing.T) {
	a := &doc.Apparatus{Chronology: []*doc.ChronologyEntry{
		{ID: "chron-a", Date: doc.Date{Text: "2002-06-30", Sort: "2002-06-30"}, Anchor: "c-a",
			Event:      []doc.Inline{text("The election.")},
			SourceDate: doc.Date{Text: "2002-06-23", Sort: "2002-06-23"},
			Note:       []doc.Inline{text("It was held on 30 June.")}},
		{ID: "chron-b", Date: doc.Date{Text: "2003", Sort: "2003"}, Anchor: "c-b", Event: []doc.Inline{text("Other.")}},
	}}
	ch := Chronology(a, labels{"c-a": "20", "c-b": "21"}, lang.For("en-GB", nil))
	dl := ch.Blocks[1].(*doc.DefinitionList)
	var got []string
	for _, it := range dl.Items {
		got = append(got, plain(it.Term)+" | "+plain(it.Definitions[0][0].(*doc.Paragraph).Inlines))
	}
	want := []string{
		"30 June 2002 | The election. (p.\u00a020) The text gives 23 June 2002. It was held on 30 June.",
		"2003 | Other. (p.\u00a021)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestChronologyGroupsDatesAndCitesPages: events of one date stand under one heading, each
// keeping its anchor, and every locator reads "(p. 13)" or "(pp. 5, 17–18)".
func TestChronologyGroupsDatesAndCitesPages(t *testing.T) {
	a := &doc.Apparatus{}
	for i, d := range []doc.Date{{Sort: "1985"}, {Sort: "1985"}, {Sort: "1985-08-29"}, {Sort: "2003-10-12", End: "2003-10-31"}, {Sort: "1985"}} {
		id := string(rune('a' + i))
		a.Chronology = append(a.Chronology, &doc.ChronologyEntry{ID: "c-" + id, Date: d, Event: []doc.Inline{text("Event " + id + ".")}, Anchor: id})
	}
	pages := labels{"a": "4", "b": "5", "c": "4", "d": "13", "e": "7", "u1": "5", "u2": "17", "u3": "18"}
	dl := Chronology(a, pages, lang.For("en-GB", nil)).Blocks[1].(*doc.DefinitionList)
	var got []string
	for _, it := range dl.Items {
		line := plain(it.Term) + ":"
		for k, d := range it.Definitions {
			p := d[0].(*doc.Paragraph)
			if k > 0 && p.ID == "" {
				t.Errorf("%s: the grouped event %d lost its anchor", plain(it.Term), k)
			}
			line += " " + plain(p.Inlines)
		}
		got = append(got, line)
	}
	want := []string{
		"1985: Event a. (p.\u00a04) Event b. (p.\u00a05)",
		"29 August 1985: Event c. (p.\u00a04)",
		"12–31 October 2003: Event d. (p.\u00a013)",
		"1985: Event e. (p.\u00a07)", // not adjacent: a heading of its own
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("chronology:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	g := &doc.GlossaryEntry{ID: "g-x", Term: "X", Definition: []doc.Inline{text("A thing.")}}
	for _, u := range []string{"u1", "u2", "u3"} {
		g.Uses = append(g.Uses, &doc.GlossaryRef{ID: u})
	}
	// The abbreviations are the book's language's (lang.Page, lang.PagePlural).
	for tag, want := range map[string]string{"en-GB": "A thing. (pp.\u00a05, 17–18)", "de": "A thing. (S.\u00a05, 17–18)", "es": "A thing. (pp.\u00a05, 17–18)"} {
		gl := Glossary(&doc.Apparatus{Glossary: []*doc.GlossaryEntry{g}}, pages, lang.For(tag, nil)).Blocks[1].(*doc.DefinitionList)
		if got := plain(gl.Items[0].Definitions[0][0].(*doc.Paragraph).Inlines); got != want {
			t.Errorf("glossary locators (%s): %q, want %q", tag, got, want)
		}
	}
}

// countingLabels counts the labels asked for; Chapters asks from several goroutines at once.
type countingLabels struct {
	mu    sync.Mutex
	asked map[string]int
}

func (c *countingLabels) Label(id string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked[id]++
	return "7"
}

// TestChaptersKeepTheirOrder: the chapters, made at once, come in the book's order, each
// index entry in its place with its own locators, every label asked for once.
func TestChaptersKeepTheirOrder(t *testing.T) {
	a := &doc.Apparatus{
		Chronology: []*doc.ChronologyEntry{{ID: "c1", Date: doc.Date{Sort: "1952"}, Event: []doc.Inline{text("Revolution")}, Anchor: "t1"}},
		Glossary:   []*doc.GlossaryEntry{{ID: "g-mnr", Term: "MNR", Definition: []doc.Inline{text("A party.")}}},
	}
	const n = 300 // more entries than cores
	for i := range n {
		e := &doc.IndexEntry{Term: fmt.Sprintf("term %03d", i), ID: fmt.Sprintf("ix-%03d", i)}
		e.Marks = []*doc.IndexMark{{ID: e.ID + "-1"}}
		a.Index = append(a.Index, e)
	}
	pages := &countingLabels{asked: map[string]int{}}
	chs := Chapters(a, pages, lang.For("en-GB", nil))
	var roles []doc.ChapterRole
	for _, c := range chs {
		roles = append(roles, c.Role)
	}
	if want := []doc.ChapterRole{doc.ChronologyChapter, doc.GlossaryChapter, doc.IndexChapter}; !slices.Equal(roles, want) {
		t.Fatalf("chapters %v, want %v", roles, want)
	}
	var lines []string
	for _, b := range chs[2].Blocks {
		if l, ok := b.(*doc.List); ok {
			for _, it := range l.Items {
				lines = append(lines, plain(it.Blocks[0].(*doc.Paragraph).Inlines))
			}
		}
	}
	if len(lines) != n || lines[0] != "term 000, 7" || lines[n-1] != fmt.Sprintf("term %03d, 7", n-1) {
		t.Fatalf("index lines: %d, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	for i := 1; i < n; i++ {
		if lines[i] <= lines[i-1] {
			t.Fatalf("index out of order at %d: %q after %q", i, lines[i], lines[i-1])
		}
	}
	if pages.asked["t1"] != 1 || pages.asked["ix-150-1"] != 1 {
		t.Fatalf("labels asked: t1 %d, ix-150-1 %d", pages.asked["t1"], pages.asked["ix-150-1"])
	}
}

func TestPageNumberIsAtois(t *testing.T) {
	for _, label := range []string{"", "1", "42", "+5", "-3", "0", "007", "xii", "Chapter 1", "1a", "a1", "–", "99999999999999999999", "+", "-"} {
		want, err := strconv.Atoi(label)
		if err != nil {
			want = -1
		}
		if got := pageNumber(label); got != want {
			t.Errorf("pageNumber(%q) = %d, want %d", label, got, want)
		}
	}
}

// TestIndexReferencesPunctuatedAsTheLanguage: the separator before a see reference right
// after the term is ", ", before one after locators "; ", each as the language punctuates it
// after text (French spaces the semicolon); the groups are the language's letter groups.
func TestIndexReferencesPunctuatedAsTheLanguage(t *testing.T) {
	for _, tag := range []string{"en-GB", "fr", "de"} {
		a := &doc.Apparatus{Index: []*doc.IndexEntry{
			{Term: "Évian", ID: "ix-evian", See: "Zurich"},
			{Term: "Zurich", ID: "ix-zurich", Marks: []*doc.IndexMark{{ID: "m1"}}, SeeAlso: []string{"Évian"}},
		}}
		ch := Index(a, labels{"m1": "7"}, lang.For(tag, nil))
		var lines []*doc.Paragraph
		var groups []string
		doc.Walk(ch.Blocks, func(b doc.Block) bool {
			switch b := b.(type) {
			case *doc.Paragraph:
				lines = append(lines, b)
			case *doc.Heading:
				if b.Role == doc.RoleIndexGroup {
					groups = append(groups, doc.PlainText(b.Inlines))
				}
			}
			return true
		})
		if len(lines) != 2 {
			t.Fatalf("%s: %d lines, want 2", tag, len(lines))
		}
		before := func(p *doc.Paragraph) string {
			for i, in := range p.Inlines {
				if _, ok := in.(*doc.Emphasis); ok {
					return p.Inlines[i-1].(*doc.Text).Text
				}
			}
			return "(none)"
		}
		if got, want := before(lines[0]), lang.PunctuateAfterText(tag, ", "); got != want {
			t.Errorf("%s: after the term %q, want %q", tag, got, want)
		}
		if got, want := before(lines[1]), lang.PunctuateAfterText(tag, "; "); got != want {
			t.Errorf("%s: after the locators %q, want %q", tag, got, want)
		}
		if want := []string{lang.LetterGroup(tag, "Évian"), lang.LetterGroup(tag, "Zurich")}; !slices.Equal(groups, want) {
			t.Errorf("%s: groups %q, want %q", tag, groups, want)
		}
	}
}
