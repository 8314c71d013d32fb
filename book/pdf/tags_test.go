package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/hyphen"
	"bindery/book/layout"
	"bindery/internal/tagcheck"
)

// A book of every construct the structure tree maps, built as document-model values and set
// by book/layout, so that the runs point into a real model.

func tx(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Inlines: ins} }

func heading(level int, id, s string) *doc.Heading {
	return &doc.Heading{Level: level, ID: id, Inlines: []doc.Inline{tx(s)}}
}

const longWords = "Incomprehensibilities notwithstanding, internationalisation and institutionalisation of counterrevolutionary characteristically unrepresentative responsibilities "

func modelBook() *doc.Book {
	note := &doc.Footnote{ID: "one-n1", Label: "n1", Number: 1, Blocks: []doc.Block{para(tx("The note’s own text."))}, Refs: 1}
	table := &doc.Table{
		Header: []*doc.TableCell{{Inlines: []doc.Inline{tx("Year")}}, {Inlines: []doc.Inline{tx("Event")}}},
		Rows: [][]*doc.TableCell{
			{{Inlines: []doc.Inline{tx("1952")}}, {Inlines: []doc.Inline{tx("A rising that went on for a long time and took many lines in its narrow cell")}}},
			{{Inlines: []doc.Inline{tx("1985")}}, {Inlines: []doc.Inline{tx("Shock therapy")}}},
		},
	}
	one := &doc.Chapter{ID: "one", Title: []doc.Inline{tx("One")}, Blocks: []doc.Block{
		heading(1, "one", "One"),
		para(tx(strings.Repeat(longWords, 6)), &doc.FootnoteRef{Note: note, N: 1}, tx(" and a "), &doc.Link{URL: "https://example.org/", Children: []doc.Inline{tx("link")}}, tx(".")),
		heading(2, "one-a", "A section"),
		&doc.List{Ordered: true, Start: 1, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(tx("First item."))}},
			{Blocks: []doc.Block{para(tx("Second item.")), &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(tx("Nested."))}}}}}},
		}},
		heading(3, "one-a-i", "A subsection"),
		&doc.BlockQuote{Blocks: []doc.Block{para(tx("A quotation."))}},
		table,
		&doc.Figure{Blocks: []doc.Block{para(&doc.Image{Src: "wide.png", Alt: "A wide picture"})}, Caption: []doc.Inline{tx("The caption")}},
		para(tx("Text with a picture "), &doc.Image{Src: "wide.png", Alt: "in the line"}, tx(" in it.")),
		&doc.CodeBlock{Text: "code()\n  more()"},
		&doc.DefinitionList{Items: []*doc.DefinitionItem{{Term: []doc.Inline{tx("Term")}, Definitions: [][]doc.Block{{para(tx("Its definition."))}}}}},
	}, Footnotes: []*doc.Footnote{note}}
	part := &doc.Chapter{ID: "part", Title: []doc.Inline{tx("Part One")}, Part: true, Blocks: []doc.Block{heading(1, "part", "Part One")}}
	two := &doc.Chapter{ID: "two", Title: []doc.Inline{tx("Two")}, Blocks: []doc.Block{heading(1, "two", "Two"), para(tx("The end.")),
		// Figures without a description: the caption is the Alt, else the word.
		&doc.Figure{Blocks: []doc.Block{para(&doc.Image{Src: "wide.png"})}, Caption: []doc.Inline{tx("Only a caption")}},
		&doc.Figure{Blocks: []doc.Block{para(&doc.Image{Src: "wide.png"})}},
		para(tx("An undescribed "), &doc.Image{Src: "icon.png"}, tx(" picture.")),
		// Passages in other languages: within a paragraph, over lines and with a link; a
		// whole paragraph.
		para(tx("They shouted "), &doc.Span{Lang: "es", Children: []doc.Inline{tx(strings.Repeat("el pueblo unido jamás será vencido ", 4)),
			&doc.Link{URL: "https://example.org/es", Children: []doc.Inline{tx("enlace")}}}}, tx(" in the streets.")),
		para(&doc.Span{Lang: "fr", Children: []doc.Inline{tx("Un paragraphe entier en français.")}})}}
	back := &doc.Chapter{ID: "notes", Title: []doc.Inline{tx("Notes")}, Matter: doc.BackMatter, Blocks: []doc.Block{heading(1, "notes", "Notes"), para(tx("After."))}}
	b := &doc.Book{Meta: &doc.Metadata{Title: "Tags", Author: "A. Author", Identifier: "x", Language: "en-GB"}, Anchors: doc.NewAnchors()}
	b.Chapters = []*doc.Chapter{one, part, two}
	b.Back = []*doc.Chapter{back}
	return b
}

// a5Settings are an A5 page in Charis, hyphenated in British English.
func a5Settings(t *testing.T) layout.Settings {
	t.Helper()
	hy, err := hyphen.New("en-GB")
	if err != nil {
		t.Fatal(err)
	}
	s, err := layout.NewSettings(27494318, 39012270, charis(t).Family, hy)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// typesetModel lays the model book out at A5 in Charis.
func typesetModel(t *testing.T) (*doc.Book, *layout.Document) {
	t.Helper()
	s := a5Settings(t)
	s.ImageSize = func(string) (int, int, bool) { return 1200, 600, true }
	b := modelBook()
	d, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	return b, d
}

func modelInfo(t *testing.T) Info {
	img := &Image{Width: 3, Height: 3, JPEG: jpegOf(t, 3, 3)}
	return Info{Title: "Tags", Author: "A. Author", Language: "en-GB", Date: testInfo.Date,
		Image: func(string) (*Image, error) { return img, nil }}
}

// tagReport writes data to a file and walks its structure with tagcheck.
func tagReport(t *testing.T, data []byte) *tagcheck.Report {
	t.Helper()
	needQPDF(t)
	path := filepath.Join(t.TempDir(), "tagged.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := tagcheck.File(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		t.Error(p)
	}
	return r
}

func TestStructureTreeFollowsTheModel(t *testing.T) {
	_, d := typesetModel(t)
	data := write(t, d, modelInfo(t), charis(t))
	r := tagReport(t, data)
	for _, typ := range []string{"Document", "Sect", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "BlockQuote",
		"Table", "TR", "TH", "TD", "Figure", "Caption", "Code", "Note", "Reference", "Link", "TOC", "TOCI"} {
		if r.Types[typ] == 0 {
			t.Errorf("no %s element (%v)", typ, r.Types)
		}
	}
	// The headings of the model, after the title page's title and the contents' heading.
	want := []int{1, 1}
	for _, ch := range d.Chapters() {
		for _, h := range ch.Sections() {
			want = append(want, h.Level)
		}
	}
	if !slices.Equal(r.Headings, want) {
		t.Errorf("headings %v, the model's %v", r.Headings, want)
	}
	if r.Marked == 0 || r.Artifacts == 0 {
		t.Errorf("%d marked sequences, %d artifacts", r.Marked, r.Artifacts)
	}
	if r.Types["Part"] != 1 {
		t.Errorf("%d parts: %v", r.Types["Part"], r.Types)
	}
	if want := []string{"A wide picture", "in the line", "Only a caption", "Figure", "Picture: icon.png"}; !slices.Equal(r.Alts, want) {
		t.Errorf("figures' Alt %q, want %q", r.Alts, want)
	}
	// The Spanish passage one Span over its lines, the French paragraph a P with /Lang.
	if want := []string{"es", "fr"}; !slices.Equal(r.Langs, want) || r.Types["Span"] != 1 {
		t.Errorf("/Lang on %q (%d spans), want %q", r.Langs, r.Types["Span"], want)
	}
}

// TestHyphenatedWordsReadWhole checks with poppler that a word broken over two lines is
// extracted whole, and that the test book does hyphenate.
func TestHyphenatedWordsReadWhole(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	_, d := typesetModel(t)
	hyphenated := 0
	for _, p := range d.Pages {
		for _, r := range p.Runs {
			if r.Hyphen {
				hyphenated++
			}
		}
	}
	if hyphenated == 0 {
		t.Fatal("the model book hyphenates no word: the test tests nothing")
	}
	data := write(t, d, modelInfo(t), charis(t))
	path := filepath.Join(t.TempDir(), "h.pdf")
	os.WriteFile(path, data, 0o644)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(longWords) {
		words[strings.Trim(w, ",")] = true
	}
	for _, w := range strings.Fields(string(out)) {
		w = strings.Trim(w, ",.")
		if strings.HasSuffix(w, "-") || (!words[w] && len(w) > 4 && strings.Contains(longWords, w)) {
			t.Errorf("%q read as a piece of a word", w)
		}
	}
	if !bytes.Contains(data, []byte("ActualText")) && !strings.Contains(string(out), "Incomprehensibilities") {
		t.Error("no /ActualText")
	}
}

func TestXMPMetadata(t *testing.T) {
	info := testInfo
	info.Title, info.Author, info.Language, info.Keywords, info.Subject = "A <Title> & more", "Ann Author", "en-GB", "History; Bolivia", "About it"
	x := string(xmpMetadata(info, true))
	for _, want := range []string{
		`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &lt;Title&gt; &amp; more</rdf:li></rdf:Alt></dc:title>`,
		`<dc:creator><rdf:Seq><rdf:li>Ann Author</rdf:li></rdf:Seq></dc:creator>`,
		`<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>`,
		`<dc:subject><rdf:Bag><rdf:li>History</rdf:li><rdf:li>Bolivia</rdf:li></rdf:Bag></dc:subject>`,
		`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">About it</rdf:li></rdf:Alt></dc:description>`,
		"<xmp:CreateDate>" + info.Date.UTC().Format("2006-01-02T15:04:05Z") + "</xmp:CreateDate>",
		`<pdfuaid:part>1</pdfuaid:part>`, `<pdf:Producer>bindery</pdf:Producer>`,
	} {
		if !strings.Contains(x, want) {
			t.Errorf("XMP lacks %s:\n%s", want, x)
		}
	}
	if x != string(xmpMetadata(info, true)) {
		t.Error("two packets of one book differ")
	}
	if strings.Contains(string(xmpMetadata(info, false)), "pdfuaid") {
		t.Error("an untagged booklet claims PDF/UA")
	}
	// The packet is in the file, uncompressed, named by the catalog.
	q := readBack(t, write(t, newDocument(1, 0), info, charis(t)))
	md, dict := q.stream(t, q.catalog(t)["/Metadata"])
	if dict["/Type"] != "/Metadata" || dict["/Subtype"] != "/XML" || dict["/Filter"] != nil || string(md) != x {
		t.Errorf("metadata stream %v:\n%s", dict, md)
	}
}

// TestLigaturesReadAsLetters: the layout draws fi, fl, ff, ffi, ffl as the font's ligature
// characters (U+FB00–FB04) in Run.Text; the tagged PDF must still read whole words of
// letters, where a word is hyphenated (/ActualText) as where it is not (ToUnicode).
func TestLigaturesReadAsLetters(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	const words = "officially identification classification artificially fluorescence reflections conflicting inflationary difficulties "
	hy, err := hyphen.New("en-GB")
	if err != nil {
		t.Fatal(err)
	}
	s, err := layout.NewSettings(27494318/2, 39012270, charis(t).Family, hy)
	if err != nil {
		t.Fatal(err)
	}
	one := &doc.Chapter{ID: "one", Title: []doc.Inline{tx("One")}, Blocks: []doc.Block{heading(1, "one", "One"), para(tx(strings.Repeat(words, 8)))}}
	b := &doc.Book{Meta: &doc.Metadata{Title: "Ligatures", Author: "A. Author", Identifier: "x", Language: "en-GB"}, Anchors: doc.NewAnchors(), Chapters: []*doc.Chapter{one}}
	d, err := layout.Typeset(b, s)
	if err != nil {
		t.Fatal(err)
	}
	ligated, hyphenated := false, false
	const ligs = "\ufb00\ufb01\ufb02\ufb03\ufb04"
	for _, p := range d.Pages {
		for k, r := range p.Runs {
			ligated = ligated || strings.ContainsAny(r.Text, ligs)
			if r.Hyphen && k+1 < len(p.Runs) {
				// The hyphenated word: the end of this run and the start of the next line's.
				word := r.Text[strings.LastIndexByte(r.Text, ' ')+1:] + strings.SplitN(p.Runs[k+1].Text, " ", 2)[0]
				hyphenated = hyphenated || strings.ContainsAny(word, ligs)
			}
		}
	}
	if !ligated || !hyphenated {
		t.Fatalf("ligatures set %v, in a hyphenated run %v: the test tests nothing", ligated, hyphenated)
	}
	data := write(t, d, modelInfo(t), charis(t))
	path := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(path, data, 0o644)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, w := range strings.Fields(words) {
		want[w] = true
	}
	n := 0
	for _, w := range strings.Fields(string(out)) {
		if strings.ContainsFunc(w, func(r rune) bool { return r >= 0xFB00 && r <= 0xFB06 }) {
			t.Errorf("%q read with a ligature character", w)
		}
		if want[w] {
			n++
		}
	}
	if n < 8*len(want)-2 {
		t.Errorf("%d whole words of %d read back:\n%s", n, 8*len(want), out)
	}
	tagReport(t, data)
	// pdftotext reads a ligature character as its letters itself: look at what the file
	// says, the hyphenated words' /ActualText, in the uncompressed content streams.
	qdf := filepath.Join(t.TempDir(), "l.qdf.pdf")
	if err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).Run(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	// A literal string is ASCII (the writer's PDFDocEncoding): no ligature character in it.
	actual := regexp.MustCompile(`/ActualText ?<(?i:feff)((?:[0-9A-Fa-f]{4})*)>`).FindAllSubmatch(raw, -1)
	if len(actual) == 0 && !regexp.MustCompile(`/ActualText ?\([a-z]+\)`).Match(raw) {
		t.Fatal("no /ActualText")
	}
	for _, a := range actual {
		for k := 0; k+4 <= len(a[1]); k += 4 {
			if bytes.HasPrefix(bytes.ToUpper(a[1][k:k+4]), []byte("FB0")) {
				t.Errorf("/ActualText <FEFF%s> holds a ligature character", a[1])
				break
			}
		}
	}
}

// TestOnlyTheModelsHeadingsAreTOCIs pins the tree's slots: a heading the model did not place
// (a generated page's) keeps its own element on a contents page, met once or again; a
// heading of the model there is a TOCI in the TOC.
func TestOnlyTheModelsHeadingsAreTOCIs(t *testing.T) {
	s := newStructure(&layout.Document{}, nil, nil)
	placed, loose := heading(1, "a", "A"), heading(1, "b", "B")
	s.model([]*doc.Chapter{{Blocks: []doc.Block{placed}}})
	first := s.findLeaf(loose, layout.ContentsPage)
	if again := s.findLeaf(loose, layout.ContentsPage); first.typ != "H1" || again != first {
		t.Errorf("a heading the model did not place: %s, then %s", first.typ, again.typ)
	}
	if e := s.findLeaf(placed, layout.ContentsPage); e.typ != "TOCI" || e.parent.typ != "TOC" {
		t.Errorf("a heading of the model on a contents page: %s in %s", e.typ, e.parent.typ)
	}
	if e := s.findLeaf(placed, layout.BodyPage); e.typ != "H1" || e.parent.typ != "Sect" {
		t.Errorf("a heading of the model: %s in %s", e.typ, e.parent.typ)
	}
}

// The model's keys are counted before it is made, to size its index: the count must be
// what model places (an undercount only grows the map, but says the walk has drifted).
func TestModelKeysAreThoseModelPlaces(t *testing.T) {
	_, d := typesetModel(t)
	s := newStructure(d, namedDests(nil), nil)
	if got, want := modelKeys(d.Chapters()), len(s.slots); got != want || want < 50 {
		t.Errorf("modelKeys %d, model placed %d keys", got, want)
	}
}
