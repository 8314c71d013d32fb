package markdown

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"bindery/book/diag"
	"bindery/book/doc"
)

// render writes inlines with a passage's language in brackets: "[es:…]".
func render(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			b.WriteString(in.Text)
		case *doc.Span:
			b.WriteString("[" + in.Lang + ":" + render(in.Children) + "]")
		case *doc.TextAnchor:
			b.WriteString("{#" + in.ID + "}")
		case doc.Container:
			b.WriteString("<" + render(in.Inlines()) + ">")
		case *doc.Code:
			b.WriteString("`" + in.Text + "`")
		}
	}
	return b.String()
}

func parseIn(t *testing.T, lang, src string) (*doc.Chapter, string) {
	t.Helper()
	ch, list := ParseIn("t.md", []byte("# T\n\n"+src), doc.BodyMatter, lang)
	if list.HasErrors() {
		t.Fatalf("%q: %v", src, list)
	}
	var out []string
	for _, b := range ch.Blocks[1:] {
		switch b := b.(type) {
		case *doc.Paragraph:
			out = append(out, render(b.Inlines))
		case *doc.Heading:
			out = append(out, "#"+render(b.Inlines))
		}
	}
	return ch, strings.Join(out, "|")
}

func TestQuotesAndSpacesOfTheBooksLanguage(t *testing.T) {
	for _, tc := range []struct{ lang, src, want string }{
		{"en-GB", `He said "it's 'fine'".`, "He said “it’s ‘fine’”."},
		{"de", `Er sagte "es ist 'gut'".`, "Er sagte „es ist ‚gut‘“."},
		{"es", `Dijo "es 'bueno'".`, "Dijo «es “bueno”»."},
		{"fr", `Il dit "c'est bon" ! Quoi ?`, "Il dit «\u202fc’est bon\u202f»\u202f! Quoi\u202f?"},
		{"de", `Typed „so“ stays.`, "Typed „so“ stays."},
		{"fr", "Code `a ? b` stays.", "Code `a ? b` stays."},
	} {
		if _, got := parseIn(t, tc.lang, tc.src); got != tc.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tc.lang, tc.src, got, tc.want)
		}
	}
}

func TestPassageLanguage(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`The [Central Obrera "Boliviana"]{lang=es} called.`, "The [es:Central Obrera «Boliviana»] called."},
		{`A *[word]{lang=fr}*!`, "A <[fr:word]>!"},
		{`[Ja]{lang="de" #yes} and [sic] and [x]{.smallcaps}`, "{#yes}[de:Ja] and [sic] and [:<x>]"},
		{`[two *parts*]{lang=es} [and]{lang=fr}`, "[es:two <parts>] [fr:and]"},
		{"::: {lang=es}\n\"Hola\"\n\n## Sí\n:::\n\nafter \"x\"", "[es:«Hola»]|#[es:Sí]|after “x”"},
		{"## Título {lang=es}\n\n\"x\"", "#[es:Título]|“x”"},
	} {
		if _, got := parseIn(t, "en", tc.src); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

func TestBadPassageLanguageIsAnErrorAtItsPlace(t *testing.T) {
	_, list := ParseIn("t.md", []byte("# T\n\nSome [x]{lang=not_a_tag!} text.\n"), doc.BodyMatter, "en")
	if !list.HasErrors() || !strings.Contains(list.Err().Error(), "t.md:3:") || !strings.Contains(list.Err().Error(), "BCP 47") {
		t.Errorf("got %v", list)
	}
}

func TestTextPositionsSurviveLocalizing(t *testing.T) {
	ch, _ := parseIn(t, "fr", "Un \"mot\"\nsur deux lignes ?")
	p := ch.Blocks[1].(*doc.Paragraph)
	txt := p.Inlines[0].(*doc.Text)
	i := strings.Index(txt.Text, "deux")
	if pos := txt.PosAt(i); pos.Line != 4 || pos.Col != 5 {
		t.Errorf("deux at %v, want 4:5", pos)
	}
}

// TestHasMarksIsContainsAny: the byte scan finds a typographer's mark where ContainsAny does,
// beside near misses (other private-use characters, a mark cut short, stray bytes).
func TestHasMarksIsContainsAny(t *testing.T) {
	pieces := []string{leftDouble, rightDouble, leftSingle, rightSingle, "\uE017", "\uE01A", "\uE01E",
		"\uE118", "\uF018", "\xee", "\xee\x80", "\x80\x98", "a", "é", "’", " "}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := hasMarks(s), strings.ContainsAny(s, leftDouble+rightDouble+leftSingle+rightSingle); got != want {
			t.Fatalf("%q: hasMarks %v, ContainsAny %v", s, got, want)
		}
	}
}

// TestNoteDefinitionsAreTheExpressions: the definitions found line by line are those the
// expression finds in the whole text.
func TestNoteDefinitionsAreTheExpressions(t *testing.T) {
	pieces := []string{"[^", "]", ":", "]:", " ", "   ", "    ", "\n", "a", "1", "\t", "^", "[", "é", "\r\n"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		got, want := noteDefinitions(src), noteDefRE().FindAllSubmatchIndex(src, -1)
		if len(got) != len(want) {
			t.Fatalf("%q: %v, the expression %v", src, got, want)
		}
		for i := range got {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("%q: %v, the expression %v", src, got, want)
			}
		}
	}
}

// TestAtIsPos: positions asked for in any order, counted on from the last one where they
// can be, are the line index's.
func TestAtIsPos(t *testing.T) {
	src := []byte("# Title\n\nA long ’line’ with *emphasis* and more é text.\nNext line.\n\n[^1]: a note\n")
	c := &conv{src: src, lines: diag.NewLineIndex("f.md", src)}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 5000 {
		off := rng.IntN(len(src)+3) - 1
		if got, want := c.at(off), c.lines.Pos(off); got != want {
			t.Fatalf("at(%d) = %+v, Pos %+v", off, got, want)
		}
	}
}
