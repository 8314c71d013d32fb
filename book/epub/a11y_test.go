package epub_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"testing"
)

func opfOf(t *testing.T, mb *modelBook) string {
	t.Helper()
	_, files := entries(t, mb.write(t))
	return string(files["OEBPS/content.opf"])
}

// TestAccessibilityMetadata: the features, hazards, summary and conformance claim say what the
// book has, in the vocabulary's current terms.
func TestAccessibilityMetadata(t *testing.T) {
	opf := opfOf(t, newModelBook(t))
	mustContain(t, "content.opf", opf,
		`<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>`,
		`<meta property="schema:accessibilityFeature">pageNavigation</meta>`,
		`<meta property="schema:accessibilityFeature">index</meta>`,
		`<meta property="schema:accessibilityFeature">latex</meta>`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
		`<meta property="schema:accessibilityFeature">displayTransformability</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		"an index whose page numbers link to the text", "a glossary linked from the text",
		"footnotes linked both ways", "Mathematics is given as LaTeX source.",
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`,
		// The print edition, by its own identifier.
		`<dc:source id="print-source">urn:isbn:9780000000002</dc:source>`,
		`<meta refines="#print-source" property="identifier-type" scheme="onix:codelist5">15</meta>`)
	mustNotContain(t, "content.opf", opf, "printPageNumbers", ">glossary</meta>", `properties="index"`)

	// No notes, no page markers, no index: not claimed.
	mb := newModelBook(t)
	for _, ch := range mb.book.AllChapters() {
		ch.Footnotes = nil
	}
	mb.book.Chapters[2].Blocks = mb.book.Chapters[2].Blocks[:len(mb.book.Chapters[2].Blocks)-1] // the paragraph that cites the note
	mb.book.Chapters[5].Blocks = mb.book.Chapters[5].Blocks[:len(mb.book.Chapters[5].Blocks)-1]
	mb.opt.Print.Breaks, mb.opt.Print.Generated = nil, nil
	opf = opfOf(t, mb)
	mustNotContain(t, "content.opf", opf, "pageBreakMarkers", "pageNavigation", ">index</meta>", "footnotes", "dc:source", "print edition")
}

// TestAnimatedPictureIsAHazard: a GIF of several frames makes the flashing hazard unknown and
// withholds the conformance claim (WCAG 2.2.2 and 2.3.1 need a look at it).
func TestAnimatedPictureIsAHazard(t *testing.T) {
	mb := newModelBook(t)
	still := mb.opt.Image
	mb.opt.Image = func(src string) ([]byte, string, error) {
		if src != "pics/star.gif" {
			return still(src)
		}
		pal := color.Palette{color.White, color.Black}
		g := &gif.GIF{Image: []*image.Paletted{image.NewPaletted(image.Rect(0, 0, 4, 4), pal), image.NewPaletted(image.Rect(0, 0, 4, 4), pal)}, Delay: []int{20, 20}}
		var b bytes.Buffer
		if err := gif.EncodeAll(&b, g); err != nil {
			t.Fatal(err)
		}
		return b.Bytes(), "image/gif", nil
	}
	opf := opfOf(t, mb)
	mustContain(t, "content.opf", opf, `<meta property="schema:accessibilityHazard">unknownFlashingHazard</meta>`, "some pictures are animated")
	mustNotContain(t, "content.opf", opf, "conformsTo", `accessibilityHazard">none<`)
}

// TestHeadingsThatSkipALevel: the summary says so and no conformance is claimed (Ace by DAISY
// reports heading-order).
func TestHeadingsThatSkipALevel(t *testing.T) {
	mb := newModelBook(t)
	third := mb.book.Chapters[4]
	third.Blocks = append(third.Blocks, heading(4, "too-deep", tx("Too deep")))
	opf := opfOf(t, mb)
	mustContain(t, "content.opf", opf, "headings (some of which skip a level)")
	mustNotContain(t, "content.opf", opf, "conformsTo", "in a logical order")
}

// TestISBNsAndGuide: the EPUB's own ISBN is a second identifier; the guide names the cover
// for EPUB 2 readers (Calibre shows it once).
func TestISBNsAndGuide(t *testing.T) {
	mb := newModelBook(t)
	mb.book.Meta.ISBN = "9780306406157"
	mb.opt.Cover, mb.opt.CoverType = []byte("\x89PNG cover"), "image/png"
	opf := opfOf(t, mb)
	mustContain(t, "content.opf", opf,
		`<dc:identifier id="book-id">urn:uuid:00000000-0000-4000-8000-000000000022</dc:identifier>`,
		`<dc:identifier id="isbn">urn:isbn:9780306406157</dc:identifier>`,
		`<meta refines="#isbn" property="identifier-type" scheme="onix:codelist5">15</meta>`,
		`<meta name="cover" content="cover-image"/>`,
		"<guide>\n<reference type=\"cover\" title=\"Cover\" href=\"text/cover.xhtml\"/>",
		`<reference type="toc" title="Contents" href="nav.xhtml#toc"/>`,
		`<reference type="glossary" title="Glossary" href="text/glossary.xhtml"/>`,
		`<reference type="index" title="Index" href="text/index.xhtml"/>`)
	if strings.Count(opf, "unique-identifier=\"book-id\"") != 1 {
		t.Error("the unique identifier changed")
	}
}
