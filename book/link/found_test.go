package link

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/markdown"
)

// resolved links a book made afresh from text and index forms (as every build reads its own),
// with found (nil: cold), and writes out what the term search put in the text and said.
func resolved(t *testing.T, text string, match []string, found *Found) string {
	t.Helper()
	ch, list := markdown.Parse("c.md", []byte(text), doc.BodyMatter)
	if list.HasErrors() {
		t.Fatal(list)
	}
	socialism := &doc.IndexEntry{ID: "ix-socialism", Term: "socialism", Match: match, Exclude: []string{"social"}}
	capitalism := &doc.IndexEntry{ID: "ix-capitalism", Term: "capitalism", Match: []string{"capitalism"}}
	mnr := &doc.GlossaryEntry{ID: "g-mnr", Term: "MNR", Expansion: "Revolutionary Nationalist Movement"}
	b := &doc.Book{Meta: &doc.Metadata{Language: "en"}, Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors(),
		Apparatus: &doc.Apparatus{Index: []*doc.IndexEntry{socialism, capitalism}, Glossary: []*doc.GlossaryEntry{mnr}}}
	markdown.RegisterAnchors(b)
	list = ResolveWith(b, found)
	var out []string
	doc.WalkInlines(ch, func(in doc.Inline) {
		switch in := in.(type) {
		case *doc.IndexMark:
			out = append(out, fmt.Sprintf("%s←%s@%s", in.ID, in.Form, in.Pos))
		case *doc.GlossaryRef:
			out = append(out, fmt.Sprintf("%s linked %v@%s", in.ID, in.Linked, in.Pos))
		case *doc.Text:
			out = append(out, in.Text)
		}
	})
	for _, d := range list {
		if d.Severity == diag.Note {
			out = append(out, d.String())
		}
	}
	return strings.Join(out, "|")
}

// A Resolve with the finds of the Resolve before searches only the texts an edit changed, and
// all of them when the terms change; every Resolve links as a cold one does.
func TestFoundSearchesOnlyChangedTexts(t *testing.T) {
	text := "# T {#t}\n\nSocial movements and socialism; the MNR.\n\nThe capital and capitalism, *the MNR* again.\n\nA third paragraph on socialism.\n"
	forms := []string{"socialism"}
	found := NewFound()
	check := func(step string, wantSearched func(n, cold int) bool) {
		t.Helper()
		warm := resolved(t, text, forms, found)
		searched := found.Searched()
		cold := resolved(t, text, forms, nil)
		coldFound := NewFound()
		resolved(t, text, forms, coldFound)
		if warm != cold {
			t.Errorf("%s: linked\n%s\nwant (cold)\n%s", step, warm, cold)
		}
		if !wantSearched(searched, coldFound.Searched()) {
			t.Errorf("%s: %d texts searched (a cold Resolve %d)", step, searched, coldFound.Searched())
		}
	}
	check("first", func(n, cold int) bool { return n == cold && n > 0 })
	check("unchanged", func(n, _ int) bool { return n == 0 })
	text = strings.Replace(text, "A third paragraph", "A last paragraph", 1)
	check("one paragraph edited", func(n, cold int) bool { return n > 0 && n < cold })
	// The text above moves down a line: the same texts, found at new positions.
	text = strings.Replace(text, "# T {#t}\n", "# T {#t}\n\nA new first paragraph.\n", 1)
	check("a paragraph added", func(n, cold int) bool { return n > 0 && n < cold })
	forms = []string{"socialism", "movements"}
	check("another form", func(n, cold int) bool { return n == cold })
}

// The term tables kept from the Resolve before serve the next, pointed at its own entries (every
// build reads the apparatus afresh): marks and references of the second Resolve name the second
// apparatus's entries, which collect them, and the first's are left as they were. A changed form
// makes the tables again.
func TestKeptTermTablesPointAtThisBuildsEntries(t *testing.T) {
	found := NewFound()
	build := func(text string, forms []string) (*doc.Book, *doc.Chapter) {
		ch, _ := markdown.Parse("c.md", []byte(text), doc.BodyMatter)
		b := &doc.Book{Meta: &doc.Metadata{Language: "en"}, Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors(),
			Apparatus: &doc.Apparatus{
				Index:    []*doc.IndexEntry{{ID: "ix-socialism", Term: "socialism", Match: forms}},
				Glossary: []*doc.GlossaryEntry{{ID: "g-mnr", Term: "MNR", Expansion: "Revolutionary Nationalist Movement"}}}}
		markdown.RegisterAnchors(b)
		if list := ResolveWith(b, found); list.HasErrors() {
			t.Fatal(list)
		}
		return b, ch
	}
	check := func(b *doc.Book, ch *doc.Chapter, marks int) {
		t.Helper()
		ix, g := b.Apparatus.Index[0], b.Apparatus.Glossary[0]
		n := 0
		doc.WalkInlines(ch, func(in doc.Inline) {
			switch in := in.(type) {
			case *doc.IndexMark:
				n++
				if in.Entry != ix {
					t.Errorf("mark %s names another build's entry", in.ID)
				}
			case *doc.GlossaryRef:
				if in.Entry != g {
					t.Errorf("reference %s names another build's entry", in.ID)
				}
			}
		})
		if n != marks || len(ix.Marks) != marks || len(g.Uses) != 1 {
			t.Errorf("%d marks in the text, %d on the entry, %d uses; want %d, %d, 1", n, len(ix.Marks), len(g.Uses), marks, marks)
		}
	}
	// Each text new, so that the tables are searched (a text searched before has its finds
	// kept by number).
	first, ch1 := build("# T {#t}\n\nSocialism and the MNR; socialists.\n", []string{"socialism"})
	check(first, ch1, 1)
	second, ch2 := build("# T {#t}\n\nSocialism, and the MNR; socialists.\n", []string{"socialism"})
	check(second, ch2, 1)
	check(first, ch1, 1)
	third, ch3 := build("# T {#t}\n\nSocialism, and the MNR: socialists.\n", []string{"socialism", "socialist"})
	check(third, ch3, 2)
}

// appendShaped finds the words tokens splits a text into that doc.AcronymShape takes.
func TestAppendShapedIsTokensShaped(t *testing.T) {
	for _, text := range []string{"", "MNR", "the MNR-army and G8, not I or XIV; USA’s CIA", "ÉTAT État ĖĖ СССР ссср 1999 A1 x", "NATO", "Mc DONALD McDONALD nato NATo", "  ÀB  ", "e\u0301TAT E\u0301TAT"} {
		var want []keptMatch
		for _, tok := range tokens(text) {
			if doc.AcronymShape(tok.in(text)) {
				want = append(want, keptMatch{tok.start, tok.end, -1})
			}
		}
		if got := appendShaped(nil, text); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
	// Random texts: words before a capital are passed over unsplit, so where a split starts
	// again matters (a word's middle, a separator beyond ASCII, the text's end).
	pieces := []string{"MNR", "army", "G8", "XIV", "Évo", "ÉTAT", "ссср", "СССР", "e\u0301TAT", "x", "Mc",
		"DONALD", "1999", " ", "-", "’", "’ ", "—", ", ", "A", "aB", "Ab", "\u00a0"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		var want []keptMatch
		for _, tok := range tokens(text) {
			if doc.AcronymShape(tok.in(text)) {
				want = append(want, keptMatch{tok.start, tok.end, -1})
			}
		}
		if got := appendShaped(nil, text); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: %v, want %v", text, got, want)
		}
	}
}
