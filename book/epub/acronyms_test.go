package epub_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"bindery/book/doc"
	"bindery/book/epub"
)

// TestAcronymsAndFigures: with acronyms in small capitals, running text writes them in
// <abbr class="acronym">, a heading and a definition's term do not (as print); text marked
// small capitals is a span of its class; oldstyle figures add their rules to the stylesheet.
func TestAcronymsAndFigures(t *testing.T) {
	b := &doc.Book{Meta: &doc.Metadata{Title: "T", Author: "A", Identifier: "x", Language: "en"}, Anchors: doc.NewAnchors()}
	b.Chapters = []*doc.Chapter{chapter("one", doc.BodyMatter,
		heading(1, "one", tx("The MNR and the COB")),
		para(tx("The MNR met the COB in 1952; Louis XIV and the UK did not, "), &doc.Styled{Style: doc.SmallCaps, Children: []doc.Inline{tx("Small capitals")}}, tx(".")),
		&doc.DefinitionList{Items: []*doc.DefinitionItem{{Term: []doc.Inline{tx("CSUTCB")}, Definitions: [][]doc.Block{{para(tx("The CSUTCB, a union."))}}}}},
	)}
	write := func(opt epub.Options) map[string][]byte {
		var buf bytes.Buffer
		opt.Modified = time.Date(2020, 2, 29, 12, 0, 0, 0, time.UTC)
		opt.Stylesheet = []byte("body { font-family: serif; }\n")
		if err := epub.Write(&buf, b, opt); err != nil {
			t.Fatal(err)
		}
		_, files := entries(t, buf.Bytes())
		return files
	}
	files := write(epub.Options{Acronyms: doc.NewAcronyms(&doc.Apparatus{NotAcronyms: []string{"UK"}}), OldstyleFigures: true})
	var chap string
	for name, data := range files {
		if strings.HasSuffix(name, ".xhtml") && strings.Contains(string(data), "Louis") {
			chap = string(data)
		}
	}
	for _, w := range []string{
		`The <abbr class="acronym">MNR</abbr> met the <abbr class="acronym">COB</abbr> in 1952; Louis XIV and the UK did not, <span class="smallcaps">Small capitals</span>.`,
		`The <abbr class="acronym">CSUTCB</abbr>, a union.`, "<dt>CSUTCB</dt>", ">The MNR and the COB</h1>",
	} {
		if !strings.Contains(chap, w) {
			t.Errorf("the chapter lacks %q:\n%s", w, chap)
		}
	}
	if css := string(files["OEBPS/css/book.css"]); !strings.Contains(css, "body { font-variant-numeric: oldstyle-nums; }") || !strings.Contains(css, "table { font-variant-numeric: lining-nums tabular-nums; }") {
		t.Errorf("stylesheet without the figures' rules:\n%s", css)
	}
	plain := write(epub.Options{})
	for name, data := range plain {
		if strings.Contains(string(data), "acronym") || strings.Contains(string(data), "oldstyle-nums") {
			t.Errorf("%s: acronyms or figures without the options", name)
		}
	}
}
