package epub_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bindery/book/doc"
	"bindery/book/epub"
)

// The model book holds every construct of issue 22's document model, built as doc values
// (the Markdown reader does not produce them yet): figures numbered and not, with a caption
// that repeats the description and one that does not, an HTML figure of several blocks,
// pictures in headings, cells, lists, quotes, notes, definitions and the generated glossary,
// styled text, math, task lists, links that cannot be carried, and parts.

func tx(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Inlines: ins} }

func heading(level int, id string, ins ...doc.Inline) *doc.Heading {
	return &doc.Heading{Level: level, ID: id, Inlines: ins}
}

func chapter(id string, matter doc.Matter, blocks ...doc.Block) *doc.Chapter {
	var title []doc.Inline
	if h, ok := blocks[0].(*doc.Heading); ok {
		title = h.Inlines
	}
	return &doc.Chapter{ID: id, Title: title, Matter: matter, Blocks: blocks}
}

// modelBreak is a print page start in the model book and what the EPUB must write right
// after its marker.
type modelBreak struct {
	epub.PageBreak
	next string
}

type modelBook struct {
	book   *doc.Book
	opt    epub.Options
	breaks []modelBreak
}

func picture(t *testing.T, kind string) ([]byte, string) {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, 60, 40), color.Palette{color.White, color.RGBA{0x33, 0x66, 0x99, 0xff}})
	for x := 10; x < 50; x++ {
		for y := 10; y < 30; y++ {
			img.SetColorIndex(x, y, 1)
		}
	}
	var b bytes.Buffer
	var err error
	switch kind {
	case "png":
		err = png.Encode(&b, img)
	case "gif":
		err = gif.Encode(&b, img, nil)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "svg":
		b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40" viewBox="0 0 60 40"><rect x="10" y="10" width="40" height="20" fill="#336699"/></svg>`)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), "image/" + map[string]string{"png": "png", "gif": "gif", "jpeg": "jpeg", "svg": "svg+xml"}[kind]
}

func newModelBook(t *testing.T) *modelBook {
	t.Helper()
	star := func() *doc.Image {
		return &doc.Image{Src: "pics/star.gif", Alt: "a star", Title: "A star", Width: 16, Height: 16}
	}

	// Part I and its chapters.
	part1 := chapter("part-one", doc.BodyMatter, heading(1, "part-one", tx("Part I: Foundations")))
	part1.Part = true

	figHead := heading(1, "figures", tx("Figures and pictures"))
	inlinePic := para(tx("A paragraph with an inline picture "), star(), tx(" of a star, and more text."))
	mapPara := para(&doc.Image{Src: "pics/map.png", Alt: "A map of the river"})
	fig1 := &doc.Figure{ID: "fig-map", Blocks: []doc.Block{mapPara}, Caption: []doc.Inline{tx("A map of the river")}, Number: 1}
	deltaPara := para(&doc.Image{Src: "pics/delta.jpg", Alt: "Photograph of a river delta", Title: "The delta at dawn"})
	fig2 := &doc.Figure{Blocks: []doc.Block{deltaPara}, Number: 2,
		Caption: []doc.Inline{tx("The delta at dawn, as "), &doc.Emphasis{Children: []doc.Inline{tx("seen")}}, tx(" from the hill")}}
	fig3 := &doc.Figure{ID: "fig-readings", Number: 3, Blocks: []doc.Block{
		para(tx("Two pictures side by side:")),
		para(&doc.Image{Src: "pics/star.gif", Alt: "a star"}, tx(" "), &doc.Image{Src: "pics/diagram.svg", Alt: "a diagram"}),
		&doc.Table{Header: []*doc.TableCell{{Inlines: []doc.Inline{tx("Reading")}}}, Rows: [][]*doc.TableCell{{{Inlines: []doc.Inline{tx("4.2 m")}}}}},
	}, Caption: []doc.Inline{tx("Readings of 10"), &doc.Styled{Style: doc.Superscript, Children: []doc.Inline{tx("3")}}, tx(" m, and "), star()}}
	fig4 := &doc.Figure{Blocks: []doc.Block{para(&doc.Image{Src: "pics/diagram.svg", Alt: "A diagram of the flow"})}}
	headPic := heading(2, "with-a-star", tx("A heading with "), star())
	table := &doc.Table{
		Header: []*doc.TableCell{{Inlines: []doc.Inline{tx("Picture")}}, {Inlines: []doc.Inline{tx("Words")}}},
		Rows: [][]*doc.TableCell{{
			{Inlines: []doc.Inline{&doc.Image{Src: "pics/map.png", Alt: "the map, small"}}},
			{Inlines: []doc.Inline{tx("A star "), star(), tx(" in a cell")}},
		}},
	}
	figures := chapter("figures", doc.BodyMatter, figHead, inlinePic, fig1, fig2, fig3, fig4, headPic, table)

	styledHead := heading(1, "styled", tx("Styled text, math and tasks"))
	styledPara := para(
		tx("E = mc"), &doc.Styled{Style: doc.Superscript, Children: []doc.Inline{tx("2")}},
		tx(", H"), &doc.Styled{Style: doc.Subscript, Children: []doc.Inline{tx("2")}}, tx("O, press "),
		&doc.Styled{Style: doc.Keyboard, Children: []doc.Inline{tx("Ctrl")}}, tx("+"),
		&doc.Styled{Style: doc.Keyboard, Children: []doc.Inline{tx("C")}}, tx(", "),
		&doc.Styled{Style: doc.Deleted, Children: []doc.Inline{tx("old words")}}, tx(" new, "),
		&doc.Styled{Style: doc.Small, Children: []doc.Inline{tx("fine print")}}, tx(", "),
		&doc.Styled{Style: doc.Quoted, Children: []doc.Inline{tx("a quotation")}}, tx(" and "),
		&doc.Styled{Style: doc.Quoted, Children: []doc.Inline{tx("she said "), &doc.Styled{Style: doc.Quoted, Children: []doc.Inline{tx("no")}}}}, tx(" and "),
		&doc.Styled{Style: doc.Abbreviation, Title: "HyperText Markup Language", Children: []doc.Inline{tx("HTML")}},
		tx(" and "), &doc.Styled{Style: doc.Abbreviation, Children: []doc.Inline{tx("EPUB")}}, tx("."))
	mathPara := para(tx("Inline "), &doc.Math{Text: "x^2 + y^2 = z^2"}, tx(" and displayed "),
		&doc.Math{Text: `\int_0^1 f(x)\,dx < 1 & "so"`, Display: true}, tx(" after."))
	linkPara := para(
		tx("A "), &doc.Link{File: "missing.md", Children: []doc.Inline{tx("link to nowhere")}},
		tx(", the "), &doc.Link{URL: "#fig-map", Children: []doc.Inline{tx("map")}},
		tx(", "), &doc.CrossRef{Target: "fig-map"},
		tx(", "), &doc.Link{URL: "https://example.org/?a=1&b=2", Title: "Example", Children: []doc.Inline{tx("the web")}},
		tx(", "), &doc.Link{URL: "javascript:alert(1)", Children: []doc.Inline{tx("no script")}},
		tx(", "), &doc.Link{URL: "#nowhere", Children: []doc.Inline{tx("a lost anchor")}}, tx("."))
	task1 := para(tx("Write the chapter"))
	task2 := para(tx("Read it again"))
	tight := &doc.List{Tight: true, Items: []*doc.ListItem{
		{Task: doc.TaskOpen, Blocks: []doc.Block{task1}},
		{Task: doc.TaskDone, Blocks: []doc.Block{task2}},
		{Blocks: []doc.Block{para(tx("An ordinary item"))}},
	}}
	looseTask := para(tx("Checked, in two paragraphs"))
	loose := &doc.List{Items: []*doc.ListItem{
		{Task: doc.TaskDone, Blocks: []doc.Block{looseTask, para(tx("The second paragraph."))}},
		{Task: doc.TaskOpen, Blocks: []doc.Block{&doc.CodeBlock{Text: "make test"}}},
	}}
	ordered := &doc.List{Ordered: true, Start: 1, Tight: true, Items: []*doc.ListItem{
		{Task: doc.TaskOpen, Blocks: []doc.Block{para(tx("First step"))}},
	}}
	quotePic := para(&doc.Image{Src: "pics/map.png", Alt: "The map again"})
	quote := &doc.BlockQuote{Blocks: []doc.Block{para(tx("A quoted figure:")),
		&doc.Figure{Blocks: []doc.Block{quotePic}, Caption: []doc.Inline{tx("The map again")}, Number: 4}}}
	dl := &doc.DefinitionList{Items: []*doc.DefinitionItem{{
		Term: []doc.Inline{tx("Star "), star()},
		Definitions: [][]doc.Block{
			{para(tx("A shape."))},
			{&doc.Figure{Blocks: []doc.Block{para(&doc.Image{Src: "pics/star.gif", Alt: "a large star"})}, Caption: []doc.Inline{tx("A large star")}, Number: 5}},
		},
	}}}
	note := &doc.Footnote{ID: "styled-fn-1", Label: "1", Number: 1, Refs: 1, Blocks: []doc.Block{
		para(tx("A note with a picture "), star(), tx(".")),
		&doc.Figure{Blocks: []doc.Block{para(&doc.Image{Src: "pics/map.png", Alt: "The map in a note"})}, Caption: []doc.Inline{tx("In a note")}, Number: 6},
	}}
	notePara := para(tx("A paragraph with a note."), &doc.FootnoteRef{Note: note, N: 1})
	styled := chapter("styled", doc.BodyMatter, styledHead, styledPara, mathPara, linkPara, tight, loose, ordered, quote, dl, notePara)
	styled.Footnotes = []*doc.Footnote{note}

	// Part II.
	part2 := chapter("part-two", doc.BodyMatter, heading(1, "part-two", tx("Part II: Practice")))
	part2.Part = true
	third := chapter("third", doc.BodyMatter, heading(1, "third", tx("The third chapter")), heading(2, "third-section", tx("A section")), para(tx("Text.")))

	// Pages that begin in links, after anchors, inside a hyphenated word, in table rows,
	// code, list items, definition items and notes.
	starEntry := &doc.GlossaryEntry{ID: "dfn-star", Term: "Star"}
	inLink := para(tx("See "), &doc.Link{URL: "#fig-map", Children: []doc.Inline{tx("the "), &doc.Emphasis{Children: []doc.Inline{tx("map of")}}, tx(" the river")}}, tx(" here."))
	anchorBefore := para(tx("One two "), &doc.TextAnchor{ID: "anchor-before"}, tx("three four."))
	anchorAfter := para(tx("One two"), &doc.IndexMark{ID: "ix-after"}, tx(" three four."))
	inWord := para(tx("One "), &doc.IndexMark{ID: "ix-in-word"}, tx("hyphenated word."))
	glossInWord := para(tx("A "), &doc.GlossaryRef{ID: "g-star-use-1", Linked: true, Entry: starEntry, Children: []doc.Inline{tx("Star")}}, tx(" shines."))
	row2 := []*doc.TableCell{{Inlines: []doc.Inline{tx("Second row")}}, {Inlines: []doc.Inline{tx("more")}}}
	rowTable := &doc.Table{Header: []*doc.TableCell{{Inlines: []doc.Inline{tx("Head")}}, {Inlines: []doc.Inline{tx("Other")}}},
		Rows: [][]*doc.TableCell{{{Inlines: []doc.Inline{tx("First row")}}, {Inlines: []doc.Inline{tx("cell")}}}, row2}}
	code := &doc.CodeBlock{Text: "line one\n    line two"}
	item2 := para(tx("Second item."))
	items := &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(tx("First item."))}}, {Blocks: []doc.Block{item2}}}}
	dt2 := &doc.DefinitionItem{ID: "dt-two", Term: []doc.Inline{tx("Two")}, Definitions: [][]doc.Block{{para(tx("The second."))}}}
	terms := &doc.DefinitionList{Items: []*doc.DefinitionItem{
		{ID: "dt-one", Term: []doc.Inline{tx("One")}, Definitions: [][]doc.Block{{para(tx("The first."))}}}, dt2}}
	noteText := para(tx("A note cited twice, with words."))
	twice := &doc.Footnote{ID: "pages-fn-1", Label: "1", Number: 1, Refs: 2, Blocks: []doc.Block{noteText}}
	cites := para(tx("Cited"), &doc.FootnoteRef{Note: twice, N: 1}, tx(" and again"), &doc.FootnoteRef{Note: twice, N: 2}, tx("."))
	pages := chapter("pages", doc.BodyMatter, heading(1, "pages", tx("Where pages begin")),
		inLink, anchorBefore, anchorAfter, inWord, glossInWord, rowTable, code, items, terms, cites)
	pages.Footnotes = []*doc.Footnote{twice}

	// Back matter and a generated glossary: they belong to no part.
	after := chapter("afterword", doc.BackMatter, heading(1, "afterword", tx("Afterword")), para(tx("With "), star(), tx(" a star.")))
	glossDef := para(tx("A shape like this: "), star(), tx("."))
	gloss := chapter("glossary", doc.BackMatter, heading(1, "glossary", tx("Glossary")),
		&doc.DefinitionList{Role: "glossary", Items: []*doc.DefinitionItem{{ID: "g-star",
			Term: []doc.Inline{&doc.Span{Role: "dfn", ID: "dfn-star", Children: []doc.Inline{tx("Star")}}}, Definitions: [][]doc.Block{{glossDef}}}}})
	gloss.Generated, gloss.Role = true, "glossary"
	indexEntry := func(id, term string) *doc.Paragraph {
		return &doc.Paragraph{ID: id, Role: "index-entry", Inlines: []doc.Inline{&doc.Span{Role: "index-term", Children: []doc.Inline{tx(term)}}, tx(", "),
			&doc.Link{URL: "#anchor-before", Role: "index-locator", Children: []doc.Inline{tx("19")}}}}
	}
	entry2 := indexEntry("ix-two", "two")
	index := chapter("index", doc.BackMatter, heading(1, "index", tx("Index")), heading(2, "index-t", tx("T")),
		&doc.List{Role: "index-entry-list", Tight: true, Items: []*doc.ListItem{
			{Blocks: []doc.Block{indexEntry("ix-one", "one")}}, {Blocks: []doc.Block{entry2}}}})
	index.Blocks[1].(*doc.Heading).Role = "index-group"
	index.Generated, index.Role = true, "index"

	anchors := doc.NewAnchors()
	anchors.Add(&doc.Anchor{ID: "fig-map", Title: "A map of the river"})
	meta := &doc.Metadata{Title: "Every construct", Author: "Ada Example", Language: "en", Identifier: "urn:uuid:00000000-0000-4000-8000-000000000022",
		Date: "2026-11-30"}
	b := &doc.Book{Meta: meta, Chapters: []*doc.Chapter{part1, figures, styled, part2, third, pages}, Back: []*doc.Chapter{after}, Anchors: anchors}

	images := map[string]string{"pics/star.gif": "gif", "pics/map.png": "png", "pics/delta.jpg": "jpeg", "pics/diagram.svg": "svg"}
	mb := &modelBook{book: b}
	mb.breaks = []modelBreak{
		{epub.PageBreak{Block: part1.Blocks[0], Word: 0, Label: "1"}, `<h1 id="part-one">`},
		{epub.PageBreak{Block: figHead, Word: 0, Label: "3"}, `<h1 id="figures">`},
		{epub.PageBreak{Block: inlinePic, Word: 6, Label: "4"}, `<img src="../images/image-001.gif" alt="a star" title="A star" width="16" height="16" class="inline"/>`},
		{epub.PageBreak{Block: fig1, Word: 0, Label: "5"}, `<figure id="fig-map">`},
		{epub.PageBreak{Block: deltaPara, Word: 0, Label: "6"}, "<figure>\n<img src=\"../images/image-003.jpg\""},
		{epub.PageBreak{Block: fig2, Word: 4, Label: "7"}, `at dawn, as`},
		{epub.PageBreak{Block: fig3, Word: 2, Label: "8"}, `Readings of`},
		{epub.PageBreak{Block: styledPara, Word: 6, Label: "9"}, `<del>old words</del>`},
		{epub.PageBreak{Block: styledPara, Word: 11, Label: "10"}, `“a quotation” and`},
		{epub.PageBreak{Block: mathPara, Word: 3, Label: "11"}, `y^2 = z^2</code>`},
		{epub.PageBreak{Block: linkPara, Word: 5, Label: "12"}, `<a href="../text/figures.xhtml#fig-map">map</a>`},
		{epub.PageBreak{Block: task1, Word: 0, Label: "13"}, "<ul>\n<li class=\"task\"><span class=\"task-box\">☐</span> Write"},
		{epub.PageBreak{Block: task2, Word: 1, Label: "14"}, `Read it again`},
		{epub.PageBreak{Block: looseTask, Word: 0, Label: "15"}, "<ul>\n<li class=\"task done\">\n<p><span class=\"task-box\">☑</span> Checked"},
		{epub.PageBreak{Block: quotePic, Word: 0, Label: "16"}, "<figure>\n<img src=\"../images/image-002.png\" alt=\"\"/>"},
		{epub.PageBreak{Block: third.Blocks[2], Word: 0, Label: "17"}, `<p>Text.</p>`},
		// A page that begins in a link closes it around the marker.
		{epub.PageBreak{Block: inLink, Word: 3, Label: "18"}, `<a href="../text/figures.xhtml#fig-map"><em>of</em> the river</a> here.`},
		// An anchor before a page's first word is on that page.
		{epub.PageBreak{Block: anchorBefore, Word: 2, Label: "19"}, `<span id="anchor-before"></span>three four.`},
		{epub.PageBreak{Block: anchorAfter, Word: 2, Label: "20"}, `<span id="ix-after"></span>three four.`},
		// A page that begins inside a hyphenated word: the anchors at the word's start, an
		// element's ID included, are on the page before.
		{epub.PageBreak{Block: inWord, Word: 1, InWord: true, Label: "21"}, `hyphenated word.`},
		{epub.PageBreak{Block: glossInWord, Word: 1, InWord: true, Label: "22"}, `<a href="../text/glossary.xhtml#dfn-star" epub:type="glossref" role="doc-glossref">Star</a> shines.`},
		// A table row, code, a list's and a definition list's second item.
		{epub.PageBreak{Block: row2[0], Word: 0, Label: "23"}, `Second row</td><td>more</td>`},
		{epub.PageBreak{Block: code, Word: 2, Label: "24"}, `line two</code></pre>`},
		{epub.PageBreak{Block: item2, Word: 0, Label: "25"}, "</li>\n<li>\n<p>Second item.</p>"},
		{epub.PageBreak{Block: dt2, Word: 0, Label: "26"}, "</dd>\n<dt id=\"dt-two\">Two</dt>"},
		// Notes: the number is word 0 of the first paragraph; a page that begins with the note
		// is marked before it.
		{epub.PageBreak{Block: noteText, Word: 0, Label: "27"}, `<aside epub:type="footnote" role="doc-footnote" id="pages-fn-1">`},
		{epub.PageBreak{Block: noteText, Word: 3, Label: "28"}, `cited twice, with words.`},
		{epub.PageBreak{Block: glossDef, Word: 4, Label: "29"}, `<img src="../images/image-001.gif"`},
		{epub.PageBreak{Block: entry2, Word: 0, Label: "30"}, "</li>\n<li epub:type=\"index-entry\" class=\"index-entry\" id=\"ix-two\">"},
	}
	pr := &epub.Print{Label: func(id string) string { return map[string]string{"fig-map": "5"}[id] }, Generated: []*doc.Chapter{gloss, index}, Source: "urn:isbn:9780000000002"}
	for _, br := range mb.breaks {
		pr.Breaks = append(pr.Breaks, br.PageBreak)
	}
	mb.opt = epub.Options{
		Modified:   time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC),
		Stylesheet: []byte("body { font-family: serif; }\n"),
		Generator:  "bindery test",
		Print:      pr,
		Image: func(src string) ([]byte, string, error) {
			kind, ok := images[src]
			if !ok {
				return nil, "", fmt.Errorf("%s: no such picture", src)
			}
			data, mt := picture(t, kind)
			return data, mt, nil
		},
	}
	return mb
}

func (mb *modelBook) write(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := epub.Write(&buf, mb.book, mb.opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenModel pins the EPUB of the model book. Refresh with make golden.
func TestGoldenModel(t *testing.T) {
	_, files := entries(t, newModelBook(t).write(t))
	compareGolden(t, "testdata/golden/model", files)
}

func modelFiles(t *testing.T) map[string]string {
	t.Helper()
	_, files := entries(t, newModelBook(t).write(t))
	out := map[string]string{}
	for name, data := range files {
		out[strings.TrimPrefix(name, "OEBPS/")] = string(data)
	}
	return out
}

func mustContain(t *testing.T, name, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
}

func mustNotContain(t *testing.T, name, body string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(body, w) {
			t.Errorf("%s has %q", name, w)
		}
	}
}

func TestFigures(t *testing.T) {
	f := modelFiles(t)
	ch := f["text/figures.xhtml"]
	mustContain(t, "figures", ch,
		// A lone picture is the figure's own <img>, not in a <p>; the caption that repeats
		// its description is its text alternative, so alt is empty rather than read twice.
		"<figure id=\"fig-map\">\n<img src=\"../images/image-002.png\" alt=\"\"/>\n<figcaption><span class=\"figure-label\">Figure 1.</span> A map of the river</figcaption>\n</figure>",
		// A caption from the title: the description stays.
		`alt="Photograph of a river delta" title="The delta at dawn"/>`,
		`<figcaption><span class="figure-label">Figure 2.</span> The delta `,
		`at dawn, as <em>seen</em> from the hill</figcaption>`,
		// An HTML figure of several blocks, pictures in a line of text inline.
		"<figure id=\"fig-readings\">\n<p>Two pictures side by side:</p>\n<p><img src=\"../images/image-001.gif\" alt=\"a star\" class=\"inline\"/> <img src=\"../images/image-004.svg\" alt=\"a diagram\" class=\"inline\"/></p>\n<table>",
		`Readings of 10<sup>3</sup> m, and <img`,
		// No number, no caption: no figcaption.
		"<figure>\n<img src=\"../images/image-004.svg\" alt=\"A diagram of the flow\"/>\n</figure>",
		// Pictures in a heading and in cells.
		`<h2 id="with-a-star">A heading with <img src="../images/image-001.gif" alt="a star" title="A star" width="16" height="16" class="inline"/></h2>`,
		`<td><img src="../images/image-002.png" alt="the map, small"/></td>`,
		`<td>A star <img src="../images/image-001.gif"`,
	)
	mustNotContain(t, "figures", ch, "<figcaption></figcaption>")
	if m := regexp.MustCompile(`<p>(<span[^>]*></span>)?<img[^>]*/></p>`).FindString(ch); m != "" {
		t.Errorf("a lone picture in a paragraph: %s", m)
	}
	st := f["text/styled.xhtml"]
	mustContain(t, "styled", st,
		"<blockquote>\n<p>A quoted figure:</p>\n<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-16\" title=\"16\"></span><figure>\n",
		`<figcaption><span class="figure-label">Figure 4.</span> The map again</figcaption>`,
		"<dd><figure>\n<img src=\"../images/image-001.gif\" alt=\"\"/>\n<figcaption><span class=\"figure-label\">Figure 5.</span> A large star</figcaption>\n</figure>\n</dd>",
		`<dt>Star <img src="../images/image-001.gif"`,
		// Both blocks of the note, the picture and the figure.
		`A note with a picture <img src="../images/image-001.gif"`,
		"<figcaption><span class=\"figure-label\">Figure 6.</span> In a note</figcaption>\n</figure>\n</aside>",
	)
	mustContain(t, "glossary", f["text/glossary.xhtml"], `A shape like this: <span epub:type="pagebreak" role="doc-pagebreak" id="page-29" title="29"></span><img src="../images/image-001.gif"`)
	mustContain(t, "afterword", f["text/afterword.xhtml"], `With <img src="../images/image-001.gif"`)

	// Every picture is in the manifest once, by its type.
	opf := f["content.opf"]
	mustContain(t, "content.opf", opf,
		`href="images/image-001.gif" media-type="image/gif"`,
		`href="images/image-002.png" media-type="image/png"`,
		`href="images/image-003.jpg" media-type="image/jpeg"`,
		`href="images/image-004.svg" media-type="image/svg+xml"`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
		`<meta property="schema:accessModeSufficient">textual</meta>`,
		"every image has a text description (its alternative text or its caption). It",
	)
	if n := strings.Count(opf, "<item id=\"img-"); n != 4 {
		t.Errorf("%d pictures in the manifest, want 4", n)
	}
}

func TestStyledMathTasksLinks(t *testing.T) {
	st := modelFiles(t)["text/styled.xhtml"]
	mustContain(t, "styled", st,
		`E = mc<sup>2</sup>, H<sub>2</sub>O, press <kbd>Ctrl</kbd>+<kbd>C</kbd>, `,
		`<small>fine print</small>, <span`, `“a quotation” and “she said ‘no’” and `,
		`<abbr title="HyperText Markup Language">HTML</abbr> and <abbr>EPUB</abbr>.`,
		// TeX as written, escaped.
		`Inline <code class="math">x^2 + `,
		`<code class="math display">\int_0^1 f(x)\,dx &lt; 1 &amp; &quot;so&quot;</code> after.`,
		// Links the book cannot carry are their text.
		`A link to nowhere, the `,
		`<a href="../text/figures.xhtml#fig-map">‘A map of the river’, p.`+"\u00a0"+`5</a>`,
		`<a href="https://example.org/?a=1&amp;b=2" title="Example">the web</a>, no script, a lost anchor.`,
		// Task items: the box opens the first paragraph; a bullet list loses its bullets.
		"<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-13\" title=\"13\"></span><ul>\n<li class=\"task\"><span class=\"task-box\">☐</span> Write the chapter</li>",
		`<li class="task done"><span class="task-box">☑</span> <span epub:type="pagebreak"`,
		"<li>An ordinary item</li>",
		"<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-15\" title=\"15\"></span><ul>\n<li class=\"task done\">\n<p><span class=\"task-box\">☑</span> Checked, in two paragraphs</p>\n<p>The second paragraph.</p>\n</li>",
		"<li class=\"task\"><span class=\"task-box\">☐</span> \n<pre><code>make test</code></pre>\n</li>",
		"<ol>\n<li class=\"task\"><span class=\"task-box\">☐</span> First step</li>",
	)
	mustNotContain(t, "styled", st, "javascript", `href=""`, "#nowhere", "missing.md")
}

func TestParts(t *testing.T) {
	f := modelFiles(t)
	mustContain(t, "part-one", f["text/part-one.xhtml"],
		`<body epub:type="bodymatter">`,
		`<section epub:type="part" role="doc-part" aria-labelledby="part-one">`,
		`<h1 id="part-one">Part I: Foundations</h1>`)
	// The contents nest each part's chapters under it; back matter and the apparatus stand
	// apart.
	mustContain(t, "nav.xhtml", f["nav.xhtml"], `<ol>
<li><a href="text/part-one.xhtml">Part I: Foundations</a>
<ol>
<li><a href="text/figures.xhtml">Figures and pictures</a>
<ol>
<li><a href="text/figures.xhtml#with-a-star">A heading with a star</a></li>
</ol>
</li>
<li><a href="text/styled.xhtml">Styled text, math and tasks</a></li>
</ol>
</li>
<li><a href="text/part-two.xhtml">Part II: Practice</a>
<ol>
<li><a href="text/third.xhtml">The third chapter</a>
<ol>
<li><a href="text/third.xhtml#third-section">A section</a></li>
</ol>
</li>
<li><a href="text/pages.xhtml">Where pages begin</a></li>
</ol>
</li>
<li><a href="text/afterword.xhtml">Afterword</a></li>
<li><a href="text/glossary.xhtml">Glossary</a></li>
<li><a href="text/index.xhtml">Index</a></li>
</ol>`)
	ncx := f["toc.ncx"]
	mustContain(t, "toc.ncx", ncx, `<meta name="dtb:depth" content="3"/>`,
		`<navPoint id="nav-4" playOrder="11"><navLabel><text>Styled text, math and tasks</text></navLabel><content src="text/styled.xhtml"/>
</navPoint>
</navPoint>
<navPoint id="nav-5" playOrder="20"><navLabel><text>Part II: Practice</text></navLabel>`,
		// Contents and pages are numbered together in reading order: the chapter, then the
		// marker that opens it, then its sections.
		`<navPoint id="nav-2" playOrder="3"><navLabel><text>Figures and pictures</text></navLabel><content src="text/figures.xhtml"/>
<navPoint id="nav-3" playOrder="10">`,
		`<pageTarget id="page-3" type="normal" value="3" playOrder="4"><navLabel><text>3</text></navLabel><content src="text/figures.xhtml#page-3"/></pageTarget>`,
		`<meta name="dtb:totalPageCount" content="29"/>`, `<meta name="dtb:maxPageNumber" content="30"/>`)
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// TestPageBreakWords checks the word-count contract with the print layout on every new
// construct: each print page start (block, word) gets its marker right before that word.
func TestPageBreakWords(t *testing.T) {
	mb := newModelBook(t)
	_, files := entries(t, mb.write(t))
	all := ""
	for name, body := range files {
		if strings.HasPrefix(name, "OEBPS/text/") {
			all += string(body)
		}
	}
	for _, br := range mb.breaks {
		marker := fmt.Sprintf(`<span epub:type="pagebreak" role="doc-pagebreak" id="page-%s" title="%s"></span>`, br.Label, br.Label)
		if n := strings.Count(all, marker); n != 1 {
			t.Errorf("page %s: %d markers", br.Label, n)
			continue
		}
		after := all[strings.Index(all, marker)+len(marker):]
		if !strings.HasPrefix(after, br.next) {
			t.Errorf("page %s: the marker stands before %.80q, want %q", br.Label, after, br.next)
		}
	}
	// The page-list lists them all, in reading order.
	nav := string(files["OEBPS/nav.xhtml"])
	last := -1
	for _, br := range mb.breaks {
		i := strings.Index(nav, ">"+br.Label+"</a></li>")
		if i < last {
			t.Errorf("page %s out of order in the page-list", br.Label)
		}
		last = i
	}
}

// TestPageBreakWordCount counts words the way the contract states, on the text the EPUB
// shows, for pages that start inside captions and styled text: the words before the marker
// in its block must be the page's word index.
func TestPageBreakWordCount(t *testing.T) {
	f := modelFiles(t)
	cases := []struct {
		file, from, label string
		words             int
	}{
		{"text/figures.xhtml", `<figcaption><span class="figure-label">Figure 2.`, "7", 4},
		{"text/figures.xhtml", `<figcaption><span class="figure-label">Figure 3.`, "8", 2},
		{"text/styled.xhtml", `<p>E = mc`, "9", 6},
		{"text/styled.xhtml", `<p>E = mc`, "10", 11},
		{"text/styled.xhtml", `<p>Inline`, "11", 3},
		{"text/styled.xhtml", `<p>A link`, "12", 5},
		{"text/styled.xhtml", `<li class="task done"><span class="task-box">`, "14", 1},
	}
	for _, c := range cases {
		body := f[c.file]
		i := strings.Index(body, c.from)
		j := strings.Index(body, `<span epub:type="pagebreak" role="doc-pagebreak" id="page-`+c.label+`"`)
		if i < 0 || j < i {
			t.Errorf("page %s: no marker after %q", c.label, c.from)
			continue
		}
		text := tagRE.ReplaceAllString(body[i:j], "")
		if n := len(strings.Fields(text)); n != c.words {
			t.Errorf("page %s: %d words before its marker (%q), want %d", c.label, n, text, c.words)
		}
	}
}

// TestUndescribedPicture: a picture with neither description nor caption is stated in the
// accessibility metadata, not claimed as described.
func TestUndescribedPicture(t *testing.T) {
	mb := newModelBook(t)
	ch := mb.book.Chapters[4]
	ch.Blocks = append(ch.Blocks, para(tx("An icon "), &doc.Image{Src: "pics/map.png"}, tx(".")))
	_, files := entries(t, mb.write(t))
	opf := string(files["OEBPS/content.opf"])
	mustContain(t, "content.opf", opf, `<meta property="schema:accessModeSufficient">textual,visual</meta>`, "one of its images has no text description")
	mustNotContain(t, "content.opf", opf, "alternativeText")
}

// TestModelEpubcheck: the EPUB of every new construct passes epubcheck with no errors and no
// warnings.
func TestModelEpubcheck(t *testing.T) {
	jar := ""
	for _, p := range []string{os.Getenv("EPUBCHECK_JAR"), "/usr/share/java/epubcheck.jar"} {
		if _, err := os.Stat(p); p != "" && err == nil {
			jar = p
			break
		}
	}
	if _, err := exec.LookPath("java"); err != nil || jar == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("epubcheck is not installed (apt-get install epubcheck)")
		}
		t.Skip("epubcheck is not installed")
	}
	path := filepath.Join(t.TempDir(), "model.epub")
	if err := os.WriteFile(path, newModelBook(t).write(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("java", "-jar", jar, path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 fatals / 0 errors / 0 warnings") {
		t.Fatalf("epubcheck: %v\n%s", err, out)
	}
}

// TestModelWellFormed: hostile text in every new place (descriptions, titles, math, IDs,
// captions, URLs) leaves each XML file well-formed and carries no script.
func TestModelWellFormed(t *testing.T) {
	mb := newModelBook(t)
	evil := "\"'<b>&amp;</b>\x01\ufffe<script>alert(1)</script>"
	ch := mb.book.Chapters[4]
	ch.Blocks = append(ch.Blocks,
		para(&doc.Image{Src: "pics/map.png", Alt: evil, Title: evil}, tx(" "), &doc.Math{Text: evil},
			&doc.Styled{Style: doc.Abbreviation, Title: evil, Children: []doc.Inline{tx(evil)}},
			&doc.Styled{Style: doc.TextStyle(200), Children: []doc.Inline{tx(evil)}},
			&doc.Link{URL: " javascript:alert(1)", Children: []doc.Inline{tx("x")}},
			&doc.Link{URL: "JAVASCRIPT:alert(1)", Children: []doc.Inline{tx("y")}},
			&doc.Link{URL: "data:text/html,<script>alert(1)</script>", Children: []doc.Inline{tx("z")}}),
		&doc.Figure{ID: "evil-figure", Blocks: []doc.Block{para(&doc.Image{Src: "pics/map.png", Alt: evil})}, Caption: []doc.Inline{tx(evil)}, Number: 7},
		&doc.Figure{},
		&doc.List{Items: []*doc.ListItem{{Task: doc.TaskDone}, {Task: doc.Task(9), Blocks: []doc.Block{para(tx("odd"))}}}},
	)
	_, files := entries(t, mb.write(t))
	for name, content := range files {
		if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".ncx") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(content))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v\n%s", name, err, content)
			}
		}
		for _, bad := range []string{"<script", "javascript:", "JAVASCRIPT:", "data:"} {
			if bytes.Contains(content, []byte(bad)) {
				t.Errorf("%s carries %q", name, bad)
			}
		}
	}
	mustContain(t, "third", string(files["OEBPS/text/third.xhtml"]),
		"<figure id=\"evil-figure\">\n<img src=\"../images/image-002.png\" alt=\"\"/>",
		"<figure>\n</figure>", `<li class="task done"><span class="task-box">☑</span> </li>`, "<li>\n<p>odd</p>")
}
