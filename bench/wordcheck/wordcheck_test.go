package wordcheck

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"Don’t stop—it's “fine”.":     "don't stop it's fine",
		"well-known 3.14 1,000 x86":   "well known 3 14 1 000 x86",
		"Straße ÉTÉ e\u0301te\u0301":  "straße été été",
		"ﬁnd the o\u00ADver\u200Blap": "find the overlap",
		"'quoted' rock'n'roll’s":      "quoted rock'n'roll's",
		"<kbd>Ctrl</kbd>+C _snake_":   "kbd ctrl kbd c snake",
	} {
		if got := strings.Join(Words(in), " "); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLineWordsRejoinsHyphenation(t *testing.T) {
	v := NewVocab([]string{"hardback", "hyphenation", "contravariant", "sha1", "hashfunktion"})
	got := LineWords([]string{"a hard-", "back and a well-", "known hy‐", "phenation", "con-", "travari-", "ant SHA-", "1 Hash-", "Funktion ends-"}, v)
	want := []string{"a", "hardback", "and", "a", "well", "known", "hyphenation", "contravariant", "sha", "1", "hash", "funktion", "ends"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLineWordsRejoinsCutAddress: an address cut inside a word without a hyphen, where
// nothing else fits, is read whole; words that end and begin lines are not joined.
func TestLineWordsRejoinsCutAddress(t *testing.T) {
	v := NewVocab([]string{"the", "address", "https", "docs", "example", "org", "collections", "abstract", "base", "any", "one"})
	got := LineWords([]string{"the address https://docs.example.org/collections-ab", "stract-base and any", "one"}, v)
	want := []string{"the", "address", "https", "docs", "example", "org", "collections", "abstract", "base", "and", "any", "one"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func tokens(file, text string) []Token {
	var ts []Token
	for _, w := range Words(text) {
		ts = append(ts, Token{Word: w, File: file})
	}
	return ts
}

func TestCompareFindsALostWord(t *testing.T) {
	src := append(tokens("a.md", "one two three four five"), tokens("b.md", "six seven eight")...)
	out := tokens("x", "one two four five six seven eight")
	r := Compare(src, out)
	if r.Words != 8 || r.Matched != 7 || len(r.Lost) != 1 || r.Lost[0].Word != "three" || r.Lost[0].File != "a.md" {
		t.Fatalf("got %d/%d, lost %v", r.Matched, r.Words, r.Lost)
	}
	if r.Files[0].Matched != 4 || r.Files[1].Matched != 3 {
		t.Errorf("per file: %+v", r.Files)
	}
	// A word that occurs twice in the source and once in the output is lost once.
	r = Compare(tokens("a.md", "the cat and the dog"), tokens("x", "the cat and dog"))
	if len(r.Lost) != 1 || r.Lost[0].Word != "the" {
		t.Errorf("lost %v", r.Lost)
	}
}

func TestCompareMovedTextIsNotLost(t *testing.T) {
	// A note at the end of the source file, set at the foot of a page in the middle of the text.
	src := tokens("a.md", "alpha beta gamma delta epsilon zeta eta theta the note text")
	out := tokens("x", "alpha beta gamma the note text delta epsilon zeta eta theta")
	if r := Compare(src, out); r.Matched != r.Words {
		t.Errorf("lost %v", r.Lost)
	}
	// Words the output adds (a generated cross-reference) are extra, not a loss.
	r := Compare(tokens("a.md", "see the chapter"), tokens("x", "see the chapter p 4"))
	if r.Matched != 3 || r.Extra != 2 {
		t.Errorf("matched %d extra %d", r.Matched, r.Extra)
	}
}

func TestPassagesGroupLostRuns(t *testing.T) {
	src := tokens("a.md", "keep keep lost1 lost2 keep lost3 keep keep keep keep lost4")
	r := Compare(src, tokens("x", "keep keep keep keep keep keep keep"))
	ps := r.Passages(src, 2)
	if len(ps) != 2 || strings.Join(ps[0].Words, " ") != "lost1 lost2 lost3" || ps[1].Words[0] != "lost4" {
		t.Errorf("passages %+v", ps)
	}
	if got := ps[0].Context(10); got != "keep keep [lost1 lost2 lost3] keep keep keep keep lost4" {
		t.Errorf("context %q", got)
	}
}

func TestSourceTokens(t *testing.T) {
	md := "# Title\n\nText[^n] with *em*pha<b>sis</b> and &amp; 2<sup>n</sup> <!-- a comment -->\n\n" +
		"![a picture of cats](cats.png)\n\n<div>raw html block</div>\n\n<script>var x</script>\n\n" +
		"| a | b |\n|---|---|\n| cell | two |\n\n[^n]: The note.\n"
	text, alt, err := SourceTokens("c.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, tk := range text {
		ws = append(ws, tk.Word)
	}
	want := "title text with emphasis and 2 n raw html block a b cell two the note"
	if got := strings.Join(ws, " "); got != want {
		t.Errorf("text %q\nwant %q", got, want)
	}
	if len(alt) != 4 || alt[3].Word != "cats" {
		t.Errorf("alt %v", alt)
	}
	if text[0].Line != 1 || text[len(text)-1].Line != 15 {
		t.Errorf("lines: first %d, last %d", text[0].Line, text[len(text)-1].Line)
	}
}

func TestXHTMLTextSkipsWhatBinderyGenerates(t *testing.T) {
	x := `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Head title</title></head>
<body epub:type="bodymatter"><section epub:type="chapter"><span epub:type="pagebreak" role="doc-pagebreak" id="page-1" title="1"></span><h1>Chapter</h1>
<p>Body<a epub:type="noteref" role="doc-noteref" href="#n">1</a> text <img src="a.png" alt="a cat"/>and&#160;<a href="other.xhtml#x">more</a> <a href="https://x.org/">x</a></p>
<aside epub:type="footnote"><p><a href="#r" role="doc-backlink">1.</a> The note.</p></aside></section></body></html>`
	text, alt, links, err := xhtmlText([]byte(x))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(Words(text), " "); got != "chapter body text and more x the note" {
		t.Errorf("text %q", got)
	}
	if strings.TrimSpace(alt) != "a cat" {
		t.Errorf("alt %q", alt)
	}
	if links != 1 {
		t.Errorf("%d links within the book, want 1 (the note reference and back-link are bindery's)", links)
	}
}

func TestPageTokensDropHeadsAndFolios(t *testing.T) {
	page := func(rows ...row) bboxPage {
		var p bboxPage
		f := bboxFlow{}
		f.Blocks = make([]struct {
			Lines []bboxLine `xml:"line"`
		}, 1)
		for _, r := range rows {
			l := bboxLine{YMin: r.y}
			for _, w := range r.words {
				l.Words = append(l.Words, bboxWord{Text: w})
			}
			f.Blocks[0].Lines = append(f.Blocks[0].Lines, l)
		}
		p.Flows = []bboxFlow{f}
		return p
	}
	pages := []bboxPage{
		// a chapter's first page: title, text, folio at the foot
		page(row{96, []string{"Chapter", "One"}}, row{142, []string{"The", "hard-"}}, row{551, []string{"1"}}),
		// running head (book title) and folio in one band
		page(row{23, []string{"2"}}, row{23, []string{"Book", "Title"}}, row{60, []string{"back", "cover"}}, row{73, []string{"page", "2"}}),
		page(row{23, []string{"Chapter", "One"}}, row{23, []string{"3"}}, row{60, []string{"3", "words"}}),
	}
	var got []string
	for _, tk := range pageTokens(pages, []string{"1", "2", "3"}, NewVocab([]string{"hardback"})) {
		got = append(got, tk.Word+"@"+tk.File)
	}
	want := "chapter@p. 1 one@p. 1 the@p. 1 hardback@p. 1 cover@p. 2 page@p. 2 2@p. 2 3@p. 3 words@p. 3"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestExpandMdBook(t *testing.T) {
	dir := t.TempDir()
	rs := "// ANCHOR: all\nfn hidden() {}\n// ANCHOR: main\nfn main() {\n    shown();\n}\n// ANCHOR_END: main\n// ANCHOR_END: all\n"
	if err := os.WriteFile(filepath.Join(dir, "ex.rs"), []byte(rs), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "part.md"), []byte("line one\nline two\nline three\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	md := "{{#title Ignored}}\n```rust\n{{#include ex.rs:main}}\n# use hidden_line;\n## not hidden\n```\n\n" +
		"````md\n```rust\n# shown in an outer block\n```\n````\n\n> ```rust\n> # hidden in a quote\n> shown_in_quote();\n> ```\n\n{{#include part.md:2:3}}\n\n{{#rustdoc_include ex.rs:main}}\n\n\\{{#include escaped.md}}\n\n{{#include part.md:1}}\n"
	got := string(ExpandMdBook(filepath.Join(dir, "ch.md"), []byte(md)))
	want := "\n```rust\nfn main() {\n    shown();\n}\n# not hidden\n```\n\n````md\n```rust\n# shown in an outer block\n```\n````\n\n> ```rust\n> shown_in_quote();\n> ```\n\nline two\nline three\n\nfn main() {\n    shown();\n}\n\n{{#include escaped.md}}\n\nline one\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSummaryFiles(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "src"), 0o755)
	summary := "# Summary\n\n[Intro](intro.md)\n\n# Part\n\n- [One](one/README.md)\n  - [Sub](one/sub.md#x)\n  - [#[attr]](attr.md)\n- [Draft]()\n\n---\n\n[Outro](<out ro.md>)\n"
	os.WriteFile(filepath.Join(dir, "src", "SUMMARY.md"), []byte(summary), 0o644)
	os.WriteFile(filepath.Join(dir, "book.toml"), []byte("[book]\ntitle = \"T\"\n"), 0o644)
	b, err := LoadBook(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"src/intro.md", "src/one/README.md", "src/one/sub.md", "src/attr.md", "src/out ro.md"}
	if !b.MdBook || !reflect.DeepEqual(b.Files, want) {
		t.Errorf("got %v (mdBook %v), want %v", b.Files, b.MdBook, want)
	}
}

func TestOtherToolsSyntax(t *testing.T) {
	md := "---\ntitle: Meta words\n---\n# Real\n\n::: {.note #n}\nInside ![pic](a.png){width=50%} and [span]{.smallcaps}.\n:::\n\n" +
		"`f(x){keep}` and\n\n```js\nfunction(a){ body }\n```\n\n$$x$$ {#eq:label}\n\n: Code caption {#lst:code}\n"
	text, _, err := SourceTokens("p.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, tk := range text {
		ws = append(ws, tk.Word)
	}
	if got, want := strings.Join(ws, " "), "real inside and span f x keep and function a body x code caption"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if text[0].Line != 4 {
		t.Errorf("first word on line %d, want 4", text[0].Line)
	}
}

func TestCompareRepairsLineEndHyphenation(t *testing.T) {
	// The book has both "reorder" and "re-order"; the PDF re-joined the wrong one.
	src := tokens("a.md", "may reorder here and may re-order there")
	out := tokens("x", "may re order here and may")
	out = append(out, Token{Word: "reorder", File: "x", Hyph: "re"}, Token{Word: "there", File: "x"})
	out[1].HyphNext = true
	if r := Compare(src, out); r.Matched != r.Words || r.Extra != 0 {
		t.Errorf("matched %d of %d, extra %d, lost %v", r.Matched, r.Words, r.Extra, r.Lost)
	}
}

func TestCompareReportsALossWhereItIs(t *testing.T) {
	// "the cat sat" is lost from b.md; the words occur again in c.md, which the output keeps.
	src := append(tokens("a.md", "one two three"), tokens("b.md", "the cat sat down")...)
	src = append(src, tokens("c.md", "later the cat sat on the mat")...)
	out := tokens("x", "one two three down later the cat sat on the mat")
	r := Compare(src, out)
	for _, l := range r.Lost {
		if l.File != "b.md" {
			t.Errorf("lost %q reported in %s", l.Word, l.File)
		}
	}
	if len(r.Lost) != 3 {
		t.Errorf("lost %v", r.Lost)
	}
}

func TestClipDropsWordsOffThePage(t *testing.T) {
	p := bboxPage{Width: 400, Height: 600, Flows: []bboxFlow{{Blocks: []struct {
		Lines []bboxLine `xml:"line"`
	}{{Lines: []bboxLine{{YMin: 10, Words: []bboxWord{{XMin: 10, XMax: 50, YMax: 20, Text: "seen"}, {XMin: 380, XMax: 460, YMax: 20, Text: "cut"}}}}}}}}}
	if n := p.clip(); n != 1 || len(p.Flows[0].Blocks[0].Lines[0].Words) != 1 {
		t.Errorf("clipped %d, left %v", n, p.Flows[0].Blocks[0].Lines[0].Words)
	}
}

func TestCompareRejoinsPartsAcrossTableCells(t *testing.T) {
	src := tokens("a.md", "covariant mut t")
	out := []Token{{Word: "covari", HyphNext: true}, {Word: "mut"}, {Word: "t"}, {Word: "ant"}}
	if r := Compare(src, out); r.Matched != r.Words || r.Extra != 0 {
		t.Errorf("matched %d of %d, extra %d, lost %v", r.Matched, r.Words, r.Extra, r.Lost)
	}
}

func TestSourceLinks(t *testing.T) {
	md := "See [a](other.md#x), [b](#here), [c](../std/fn.html), [d](https://x.org) and <mailto:a@b.c>.\n"
	_, _, links, err := sourceTokens("a.md", []byte(md))
	if err != nil || links != 3 {
		t.Errorf("links %d (%v), want 3", links, err)
	}
}
