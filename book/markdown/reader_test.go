package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/link"
)

// loadFiles writes files (name → text) into a temporary book folder and loads them in the
// order given by names, with the link stage run as a build runs it.
func loadFiles(t *testing.T, files map[string]string, names ...string) (*doc.Book, diag.List) {
	t.Helper()
	dir := t.TempDir()
	cfg := &config.Book{Dir: dir, Metadata: doc.Metadata{Title: "T", Language: "en"}}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		cfg.Chapters = append(cfg.Chapters, config.File{Name: n, Path: filepath.Join(dir, filepath.FromSlash(n))})
	}
	b, list := LoadBook(cfg)
	list = append(list, link.Resolve(b)...)
	return b, list
}

func messages(l diag.List) string {
	var out []string
	for _, d := range l {
		d.Pos.File = filepath.Base(d.Pos.File)
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

func paragraphText(t *testing.T, b doc.Block) string {
	t.Helper()
	p, ok := b.(*doc.Paragraph)
	if !ok {
		t.Fatalf("%T is not a paragraph", b)
	}
	return doc.PlainText(p.Inlines)
}

func TestEntitiesAndEscapesAreDecoded(t *testing.T) {
	ch := parse(t, "# T\n\nFish &amp; chips&nbsp;now &copy; 2024 &#124; &#x2014; &vert; \\*not em\\* and `a &amp; b` [l](#t \"a &amp; b\")\n")
	p := ch.Blocks[1].(*doc.Paragraph)
	got := doc.PlainText(p.Inlines)
	want := "Fish & chips\u00a0now © 2024 | — | *not em* and a &amp; b l"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	for _, in := range p.Inlines {
		if l, ok := in.(*doc.Link); ok && l.Title != "a & b" {
			t.Errorf("link title %q", l.Title)
		}
	}
}

func TestRepeatedHeadingsAreNumberedAndLinksFindThem(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"a.md": "# Alpha\n\n## Summary\n\nSee [b's](b.md#summary), [mine](#summary), [the other](b.html#summary) and [](b.md).\n",
		"b.md": "# Beta\n\n## Summary\n\n[Back](a.md#summary) and [here](#summary).\n\n## Summary\n",
	}, "a.md", "b.md")
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	var ids []string
	for _, ch := range b.Chapters {
		for _, h := range ch.Sections() {
			ids = append(ids, h.ID)
		}
	}
	if got := strings.Join(ids, " "); got != "alpha summary beta summary-1 summary-2" {
		t.Fatalf("ids %s", got)
	}
	var urls []string
	for _, ch := range b.Chapters {
		doc.WalkInlines(ch, func(in doc.Inline) {
			switch in := in.(type) {
			case *doc.Link:
				urls = append(urls, in.URL)
			case *doc.CrossRef:
				urls = append(urls, "xref:"+in.Target)
			}
		})
	}
	// Links inside a file mean its own section; links to a file its first heading of
	// that name.
	if got := strings.Join(urls, " "); got != "#summary-1 #summary #summary-1 xref:beta #summary #summary-1" {
		t.Fatalf("links %s", got)
	}
}

func TestExplicitDuplicateIDIsAnError(t *testing.T) {
	_, list := loadFiles(t, map[string]string{"a.md": "# A {#x}\n", "b.md": "# B\n\n<a id=\"x\"></a>Text.\n"}, "a.md", "b.md")
	if !strings.Contains(messages(list), `duplicate ID "x": already used at`) {
		t.Fatal(messages(list))
	}
}

func TestOtherToolsIDsAndUnusualIDs(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"a.md": "# What’s new?\n\n## Naïve approach {#-bindings}\n\n[gh](#whats-new) [uni](#naïve-approach) [pct](#na%C3%AFve-approach) [dash](#-bindings) [html](#naïve)\n\n<span id=\"naïve\">x</span>\n",
	}, "a.md")
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	var urls []string
	doc.WalkInlines(b.Chapters[0], func(in doc.Inline) {
		if l, ok := in.(*doc.Link); ok {
			urls = append(urls, l.URL)
		}
	})
	if got := strings.Join(urls, " "); got != "#what-s-new #x--bindings #x--bindings #x--bindings #x-na_00ef_ve" {
		t.Fatalf("links %s", got)
	}
}

func TestHTMLSubsetBecomesTheModel(t *testing.T) {
	ch := parse(t, `# T

<a id="top"></a>
Water is H<sub>2</sub>O, E = mc<sup>2</sup>; press <kbd>Ctrl</kbd>; <del>old</del> <small>fine</small> <q>quote</q> <abbr title="World Health Organization">WHO</abbr> <code>a &vert; b</code> <span id="s">spanned</span> <font color="red">red</font><br>next line <u>under</u> <blink>blink</blink>.

<!-- a comment that says nothing -->

<details>
<summary>More</summary>

Hidden *Markdown* text.

</details>

<figure id="fig-map">
<img src="map.png" alt="A map" width="300">
<figcaption>The <em>map</em>.</figcaption>
</figure>

<table>
<caption>Cap</caption>
<tr><th>Name</th><th align="right">Value</th></tr>
<tr><td>a &amp; b</td><td>1</td></tr>
</table>

<script>alert(1)</script>

<p align="center">Centred <b onclick="evil()">bold</b> text.</p>
`)
	kinds := map[doc.TextStyle]string{}
	var anchors, codes []string
	var breaks int
	doc.WalkInlines(ch, func(in doc.Inline) {
		switch in := in.(type) {
		case *doc.Styled:
			kinds[in.Style] = doc.PlainText(in.Children) + "|" + in.Title
		case *doc.TextAnchor:
			anchors = append(anchors, in.ID)
		case *doc.Code:
			codes = append(codes, in.Text)
		case *doc.Break:
			if in.Hard {
				breaks++
			}
		}
	})
	want := map[doc.TextStyle]string{doc.Subscript: "2|", doc.Superscript: "2|", doc.Keyboard: "Ctrl|", doc.Deleted: "old|",
		doc.Small: "fine|", doc.Quoted: "quote|", doc.Abbreviation: "WHO|World Health Organization"}
	for k, v := range want {
		if kinds[k] != v {
			t.Errorf("style %d: got %q, want %q", k, kinds[k], v)
		}
	}
	if strings.Join(anchors, " ") != "top s" || strings.Join(codes, " ") != "a | b" || breaks != 1 {
		t.Errorf("anchors %v, code %q, breaks %d", anchors, codes, breaks)
	}
	var summary, hidden, caption, cell, centred string
	var fig *doc.Figure
	for _, b := range ch.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			text := doc.PlainText(b.Inlines)
			switch {
			case text == "More":
				summary = text
				if _, ok := b.Inlines[0].(*doc.Strong); !ok {
					t.Errorf("summary not bold: %T", b.Inlines[0])
				}
			case strings.HasPrefix(text, "Hidden"):
				hidden = text
			case text == "Cap":
				caption = text
			case strings.HasPrefix(text, "Centred"):
				centred = text
			}
		case *doc.Figure:
			fig = b
		case *doc.Table:
			cell = doc.PlainText(b.Rows[0][0].Inlines) + "/" + doc.PlainText(b.Header[1].Inlines)
			caption = doc.PlainText(b.Caption) // <caption> is the table's
			if b.Align[1] != doc.AlignRight {
				t.Errorf("align %v", b.Align)
			}
		}
	}
	if summary == "" || hidden != "Hidden Markdown text." || caption != "Cap" || cell != "a & b/Value" || centred != "Centred bold text." {
		t.Errorf("summary %q hidden %q caption %q cell %q centred %q", summary, hidden, caption, cell, centred)
	}
	if fig == nil || fig.ID != "fig-map" || doc.PlainText(fig.Caption) != "The map." {
		t.Fatalf("figure %+v", fig)
	}
	img, ok := fig.Image()
	if !ok || img.Src != "map.png" || img.Alt != "A map" || img.Width != 300 {
		t.Fatalf("figure image %+v", img)
	}
	text := doc.PlainText(ch.Blocks[1].(*doc.Paragraph).Inlines)
	if !strings.Contains(text, "red next line under blink.") {
		t.Errorf("kept text: %q", text)
	}
}

func TestHTMLWarningsAreFewAndGrouped(t *testing.T) {
	_, list := Parse("c.md", []byte("# T\n\n<!-- c1 -->\n\n[s]: https://example.com\n\nA <blink>x</blink> <blink>y</blink> <marquee>z</marquee>. <iframe src=\"http://x\"></iframe>\n\n<!-- c2 -->\n"), doc.BodyMatter)
	got := messages(list.Grouped())
	want := "c.md:7:3: warning: <blink> is not among the HTML bindery sets: its text was kept, the tag left out (and 2 others like it in this file)\n" +
		"c.md:7:59: warning: <iframe> was left out: a book does not embed other pages; link to it instead"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSectionsInTheirOwnFilesAndChaptersInOneFile(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"one.md":     "# One\n\nIntro.\n",
		"one-a.md":   "## One A\n\nSection text.[^n]\n\n[^n]: A note.\n",
		"two.md":     "# Two\n\nText.\n\n# Three\n\nMore.[^n]\n\n[^n]: Three's note.\n",
		"plain.md":   "Just text, no heading.\n",
		"banner.md":  "![banner](b.png)\n\n# Four\n\nBody.\n",
		"anchors.md": "<a id=\"five\"></a>\n\n# Five\n",
	}, "one.md", "one-a.md", "two.md", "plain.md", "banner.md", "anchors.md")
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	var titles []string
	for _, ch := range b.Chapters {
		titles = append(titles, doc.PlainText(ch.Title)+"/"+itoa(len(ch.Blocks))+"/"+itoa(len(ch.Footnotes)))
	}
	// one-a continues One; two.md opens Two and Three; plain.md continues Three; the banner
	// follows Four's title; the anchor goes into Five's.
	if got := strings.Join(titles, " "); got != "One/4/1 Two/2/0 Three/3/1 Four/3/0 Five/1/0" {
		t.Fatalf("chapters %s", got)
	}
	if b.Chapters[1].Footnotes != nil || b.Chapters[2].Footnotes[0].Number != 1 {
		t.Errorf("notes belong to the chapter that refers to them")
	}
	if a, ok := b.Anchors.Lookup("five"); !ok || a.Chapter != b.Chapters[4] {
		t.Errorf("anchor above the title: %+v", a)
	}
	if _, ok := b.Chapters[3].Blocks[1].(*doc.Figure); !ok {
		t.Errorf("banner: %T", b.Chapters[3].Blocks[1])
	}
}

func TestFileWithoutTitleIsTitledAfterItsName(t *testing.T) {
	b, list := loadFiles(t, map[string]string{"02-getting_started.md": "Some text.\n"}, "02-getting_started.md")
	if got := messages(list); !strings.Contains(got, `warning: the file does not begin with its title (a # heading): it is titled "Getting started" after its name`) {
		t.Fatal(got)
	}
	if doc.PlainText(b.Chapters[0].Title) != "Getting started" || b.Chapters[0].ID != "getting-started" {
		t.Fatalf("%q %q", doc.PlainText(b.Chapters[0].Title), b.Chapters[0].ID)
	}
}

func TestOutlineGivesDepthTitlesAndParts(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) config.File {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return config.File{Name: name, Path: p}
	}
	intro := write("intro.md", "# Introduction\n\n## Scope\n")
	sub := write("sub.md", "# Sub-section\n\n## Deeper\n")
	untitled := write("untitled.md", "Text only.\n")
	sub.Depth, untitled.Title, untitled.Depth = 1, "Given title", 1
	mem := config.File{Name: "mem.md", Path: filepath.Join(dir, "mem.md"), Content: []byte("# From memory\n")}
	cfg := &config.Book{Dir: dir, Chapters: []config.File{{Name: "Part One", Part: true}, intro, sub, untitled, mem}}
	b, list := LoadBook(cfg)
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	var got []string
	for _, ch := range b.Chapters {
		s := doc.PlainText(ch.Title)
		if ch.Part {
			s = "part:" + s
		}
		for _, h := range ch.Sections()[1:] {
			s += " " + itoa(h.Level) + ":" + doc.PlainText(h.Inlines)
		}
		got = append(got, s)
	}
	want := "part:Part One|Introduction 2:Scope 2:Sub-section 3:Deeper 2:Given title|From memory"
	if strings.Join(got, "|") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestFootnoteDiagnostics(t *testing.T) {
	src := "# T\n\nText[^a].\n\nA long line of text that goes on and on before the reference that is undefined[^nope].\n\nAnd [^open without its bracket.\n\n`[^code]` is fine, \\[^escaped] too.\n\n[^a]: Note.\n\n    With a second paragraph.\n\n    - and a list\n\n[^unused]: Nobody refers to me.\n"
	ch, list := Parse("c.md", []byte(src), doc.BodyMatter)
	got := messages(list)
	for _, want := range []string{
		"c.md:5:79: error: footnote [^nope] is referenced but never defined",
		"c.md:7:5: warning: [^open looks like a footnote reference without its closing ]",
		"c.md:17:1: warning: footnote [^unused] is never referenced",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Count(got, "\n")+1 != 3 {
		t.Errorf("want 3 messages:\n%s", got)
	}
	if ch == nil || len(ch.Footnotes) != 1 || len(ch.Footnotes[0].Blocks) != 3 {
		t.Fatalf("note blocks: %+v", ch)
	}
}

func TestFiguresAndNumbers(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"a.md": "# A\n\n![A *map*](map.png)\n\n![](plain.png \"Its title\")\n\nText with ![icon](i.png) inline.\n\n- ![In a list](l.png)\n",
	}, "a.md")
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	numberFigures(b)
	var caps []string
	doc.Walk(b.Chapters[0].Blocks, func(bl doc.Block) bool {
		if f, ok := bl.(*doc.Figure); ok {
			caps = append(caps, itoa(f.Number)+":"+doc.PlainText(f.Caption))
		}
		return true
	})
	if got := strings.Join(caps, "|"); got != "1:A map|2:Its title|3:In a list" {
		t.Fatalf("figures %s", got)
	}
}

func TestGFM(t *testing.T) {
	ch := parse(t, "# T\n\n~~gone~~ and www.example.com and https://example.org.\n\n- [ ] open\n- [x] done\n- plain\n")
	p := ch.Blocks[1].(*doc.Paragraph)
	var styles, links []string
	for _, in := range p.Inlines {
		switch in := in.(type) {
		case *doc.Styled:
			styles = append(styles, doc.PlainText(in.Children))
		case *doc.Link:
			links = append(links, in.URL)
		}
	}
	if strings.Join(styles, ",") != "gone" || strings.Join(links, ",") != "http://www.example.com,https://example.org" {
		t.Errorf("styles %v links %v", styles, links)
	}
	l := ch.Blocks[2].(*doc.List)
	tasks := []doc.Task{l.Items[0].Task, l.Items[1].Task, l.Items[2].Task}
	if tasks[0] != doc.TaskOpen || tasks[1] != doc.TaskDone || tasks[2] != doc.NoTask {
		t.Errorf("tasks %v", tasks)
	}
	if got := paragraphText(t, l.Items[0].Blocks[0]); got != "open" {
		t.Errorf("task text %q", got)
	}
}

func TestMathIsKeptWhole(t *testing.T) {
	ch, list := Parse("c.md", []byte("# T\n\nLet $x_1 * y_2$ be, for $5 and $10.\n\n$$\n\\sum_{i=1}^n i\n$$\n\nAnd $a$.\n"), doc.BodyMatter)
	var maths []string
	doc.WalkInlines(ch, func(in doc.Inline) {
		if m, ok := in.(*doc.Math); ok {
			maths = append(maths, m.Text+"/"+map[bool]string{true: "display", false: "inline"}[m.Display])
		}
	})
	if got := strings.Join(maths, "|"); got != "x_1 * y_2/inline|\\sum_{i=1}^n i/display|a/inline" {
		t.Fatalf("math %s", got)
	}
	if !strings.Contains(paragraphText(t, ch.Blocks[1]), "for $5 and $10.") {
		t.Errorf("prices: %q", paragraphText(t, ch.Blocks[1]))
	}
	if n := strings.Count(messages(list), "TeX mathematics"); n != 1 {
		t.Errorf("want one warning per file, got %d", n)
	}
}

func TestRustHiddenLines(t *testing.T) {
	ch := parse(t, "# T\n\n```rust,ignore\n# use std::io;\n#\nfn main() {\n    ## not hidden\n    #[derive(Debug)]\n}\n```\n")
	cb := ch.Blocks[1].(*doc.CodeBlock)
	if cb.Language != "rust" || cb.Text != "fn main() {\n    # not hidden\n    #[derive(Debug)]\n}" {
		t.Fatalf("%q %q", cb.Language, cb.Text)
	}
}

func TestLinksOutsideTheBook(t *testing.T) {
	b, list := loadFiles(t, map[string]string{"a.md": "# A\n\n[out](../elsewhere.md) [code](src/main.rs) [ok](a.md)\n"}, "a.md")
	got := messages(list)
	if strings.Count(got, "not a file of the book") != 2 || list.HasErrors() {
		t.Fatal(got)
	}
	var kept []string
	doc.WalkInlines(b.Chapters[0], func(in doc.Inline) {
		if l, ok := in.(*doc.Link); ok {
			kept = append(kept, l.URL+"="+doc.PlainText(l.Children))
		}
	})
	if strings.Join(kept, " ") != "=out =code #a=ok" {
		t.Fatalf("links %v", kept)
	}
}

func TestTextPositionsInsideMergedText(t *testing.T) {
	ch := parse(t, "# T\n\nFirst line\nsecond *line* and\nthird line.\n")
	p := ch.Blocks[1].(*doc.Paragraph)
	last := p.Inlines[len(p.Inlines)-1].(*doc.Text)
	off := strings.Index(last.Text, "third")
	if pos := last.PosAt(off); pos.Line != 5 || pos.Col != 1 {
		t.Fatalf("third at %v", pos)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPandocAndStaticSiteHabits(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"a.md": "---\ntitle: From the metadata\ntags: [x]\n---\n\nText first.\n\n::: {.note #a-note}\nInside a **div**.\n\n::: warning\nNested.\n:::\n\nStill inside.\n:::\n\n![Map](map.png){#fig-map width=50%} and [a link](#a-note){.external}.\n\n## Later {-}\n",
		"b.md": "% A pandoc title\n% An Author\n\nBody.\n",
		"c.md": "---\n\nA rule, then text: not metadata.\n",
	}, "a.md", "b.md", "c.md")
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	var got []string
	for _, ch := range b.Chapters {
		got = append(got, "#"+doc.PlainText(ch.Title))
		for _, bl := range ch.Blocks[1:] {
			switch bl := bl.(type) {
			case *doc.Paragraph:
				got = append(got, doc.PlainText(bl.Inlines))
			case *doc.Heading:
				got = append(got, "##"+doc.PlainText(bl.Inlines))
			case *doc.Rule:
				got = append(got, "---")
			}
		}
	}
	want := "#From the metadata|Text first.|Inside a div.|Nested.|Still inside.|Map and a link.|##Later|#A pandoc title|Body.|---|A rule, then text: not metadata."
	if strings.Join(got, "|") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
	for _, id := range []string{"a-note", "fig-map"} {
		if _, ok := b.Anchors.Lookup(id); !ok {
			t.Errorf("no anchor %s", id)
		}
	}
}

func TestGitHubAlerts(t *testing.T) {
	ch := parse(t, "# T\n\n> [!WARNING]\n> Mind the gap.\n\n> [!unknown] stays as it is\n")
	q := ch.Blocks[1].(*doc.BlockQuote).Blocks[0].(*doc.Paragraph)
	if s, ok := q.Inlines[0].(*doc.Strong); !ok || doc.PlainText(s.Children) != "Warning" || doc.PlainText(q.Inlines) != "Warning Mind the gap." {
		t.Fatalf("%q", doc.PlainText(q.Inlines))
	}
	if got := paragraphText(t, ch.Blocks[2].(*doc.BlockQuote).Blocks[0]); got != "[!unknown] stays as it is" {
		t.Fatalf("%q", got)
	}
}

func TestLinkReferencesServeTheWholeBook(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"a.md": "# A\n\n[site]: https://example.org/a\n[mine]: https://example.org/mine\n",
		"b.md": "# B\n\n[The site][site] and [mine].\n\n[mine]: https://example.org/b-mine\n",
	}, "a.md", "b.md")
	if list.HasErrors() {
		t.Fatal(messages(list))
	}
	var urls []string
	doc.WalkInlines(b.Chapters[1], func(in doc.Inline) {
		if l, ok := in.(*doc.Link); ok {
			urls = append(urls, l.URL)
		}
	})
	if got := strings.Join(urls, " "); got != "https://example.org/a https://example.org/b-mine" {
		t.Fatalf("links %s", got)
	}
}

// TestTableCaptions: pandoc's "Table: caption" paragraph, after or before a table, is its
// caption; "Table:" alone, or a paragraph between, is text.
func TestTableCaptions(t *testing.T) {
	for _, c := range []struct{ src, caption string }{
		{"| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Two *numbers*\n", "Two numbers"},
		{"Table: Before the table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "Before the table"},
		{"| a | b |\n|---|---|\n| 1 | 2 |\n\n: Colon form\n", "Colon form"},
		{"| a | b |\n|---|---|\n| 1 | 2 |\n\nTable:\n", ""},
		{"| a | b |\n|---|---|\n| 1 | 2 |\n\nA table: not a caption\n", ""},
	} {
		ch := parse(t, "# T\n\n"+c.src)
		var tb *doc.Table
		paras := 0
		for _, b := range ch.Blocks {
			switch b := b.(type) {
			case *doc.Table:
				tb = b
			case *doc.Paragraph:
				paras++
			}
		}
		if tb == nil {
			t.Fatalf("%q: no table", c.src)
		}
		if got := doc.PlainText(tb.Caption); got != c.caption {
			t.Errorf("%q: caption %q, want %q", c.src, got, c.caption)
		}
		if c.caption != "" && paras != 0 {
			t.Errorf("%q: the caption is also a paragraph", c.src)
		}
	}
}

// The Rust book's <Listing> elements become figures labelled as its preprocessor labels
// them, and the book's own figure numbers pass them by.
func TestRustBookListings(t *testing.T) {
	b, list := loadFiles(t, map[string]string{
		"a.md": "# A\n\n![A map](map.png)\n\n" +
			"<Listing number=\"1-1\" file-name=\"src/main.rs\" caption=\"A program that prints `Hello`, in *src/main.rs*, with a stray ` tick\">\n\n" +
			"```rust\nfn main() {\n    println!(\"Hello\");\n}\n```\n\n</Listing>\n\n" +
			"<Listing>\n\n```\nplain\n```\n\n</Listing>\n\n![Another map](map2.png)\n",
	}, "a.md")
	if len(list) > 0 {
		t.Fatal(messages(list))
	}
	numberFigures(b)
	var got []string
	doc.Walk(b.Chapters[0].Blocks, func(bl doc.Block) bool {
		f, ok := bl.(*doc.Figure)
		if !ok {
			return true
		}
		var kinds []string
		for _, in := range f.Blocks {
			switch in := in.(type) {
			case *doc.CodeBlock:
				kinds = append(kinds, "code("+in.Language+")")
			case *doc.Paragraph:
				kinds = append(kinds, doc.PlainText(in.Inlines))
			}
		}
		got = append(got, itoa(f.Number)+":"+strings.Join(kinds, "+")+":"+doc.PlainText(f.Caption))
		if f.Labelled && len(f.Caption) > 0 {
			var styles []string
			for _, in := range f.Caption {
				styles = append(styles, strings.TrimPrefix(fmt.Sprintf("%T", in), "*doc."))
			}
			if g := strings.Join(styles, " "); g != "Strong Text Code Text Emphasis Text" {
				t.Errorf("listing caption %s", g)
			}
		}
		return false
	})
	want := "1:A map:A map|" +
		"0:Filename: src/main.rs+code(rust):Listing 1-1: A program that prints Hello, in src/main.rs, with a stray ` tick|" +
		"0:code():|" +
		"2:Another map:Another map"
	if g := strings.Join(got, "|"); g != want {
		t.Fatalf("figures\n got %s\nwant %s", g, want)
	}
}
