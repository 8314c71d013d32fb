package epub

import (
	"bytes"
	"fmt"
	"image/gif"
	"strings"

	"bindery/book/doc"
	"bindery/book/lang"
)

// a11yFacts are what the accessibility metadata states, each found in the book as written:
// the features, the summary and the conformance claim are all made from them.
type a11yFacts struct {
	cover       bool
	images      int // pictures in the text, the cover aside
	undescribed int // of them, with neither a description nor a caption
	animated    bool
	pages       bool // print page markers and a page list
	notes       bool
	index       bool
	glossary    bool
	math        bool
	// headingsInOrder is unset when a heading skips a level (an h3 after an h1).
	headingsInOrder bool
}

func (w *writer) a11yFacts() a11yFacts {
	f := a11yFacts{cover: len(w.opt.Cover) > 0, images: len(w.images), undescribed: len(w.undescribed),
		pages: len(w.pages) > 0, math: w.math, headingsInOrder: true}
	for _, img := range w.images {
		f.animated = f.animated || animated(img)
	}
	for _, ch := range w.chapters() {
		f.notes = f.notes || len(ch.Footnotes) > 0
		f.index = f.index || isIndex(ch)
		f.glossary = f.glossary || isGlossary(ch)
		f.headingsInOrder = f.headingsInOrder && headingsInOrder(ch)
	}
	return f
}

// headingsInOrder reports whether no heading of a chapter's document skips a level, as
// screen readers and Ace by DAISY expect (the author's levels are kept as written).
func headingsInOrder(ch *doc.Chapter) bool {
	prev, ok := 0, true
	visit := func(b doc.Block) bool {
		if h, isHeading := b.(*doc.Heading); isHeading {
			lvl := min(h.Level, 6)
			if prev > 0 && lvl > prev+1 {
				ok = false
			}
			prev = lvl
		}
		return true
	}
	doc.Walk(ch.Blocks, visit)
	for _, f := range ch.Footnotes {
		doc.Walk(f.Blocks, visit)
	}
	return ok
}

// animated reports whether a picture moves: a GIF of several frames, an SVG with SMIL
// animation. Nobody has checked those for flashing.
func animated(img image) bool {
	switch img.mediaType {
	case "image/gif":
		g, err := gif.DecodeAll(bytes.NewReader(img.data))
		return err == nil && len(g.Image) > 1
	case "image/svg+xml":
		for _, tag := range []string{"<animate", "<set", "<animateMotion", "<animateTransform"} {
			if bytes.Contains(img.data, []byte(tag)) {
				return true
			}
		}
	}
	return false
}

// conforms reports whether the book can claim EPUB Accessibility 1.1 at WCAG 2.2 AA: every
// picture described, none that moves, headings that skip no level. The rest is the writer's own markup, which Ace by
// DAISY checks on real books (make a11y).
func (f a11yFacts) conforms() bool { return f.undescribed == 0 && !f.animated && f.headingsInOrder }

// features are the schema:accessibilityFeature values the facts support.
func (f a11yFacts) features() []string {
	feats := []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"}
	if f.undescribed == 0 && (f.cover || f.images > 0) {
		feats = append(feats, "alternativeText")
	}
	if f.pages {
		feats = append(feats, "pageBreakMarkers", "pageNavigation")
	}
	if f.index {
		feats = append(feats, "index")
	}
	if f.math {
		feats = append(feats, "latex")
	}
	return feats
}

// hazards are the schema:accessibilityHazard values.
func (f a11yFacts) hazards() []string {
	if f.animated {
		return []string{"unknownFlashingHazard", "noSoundHazard"}
	}
	return []string{"none"}
}

// summary says in words what the metadata states, in the book's language (book/lang).
func (f a11yFacts) summary(tag string) string {
	w := lang.SummaryFor(tag)
	var s []string
	cover := ""
	if f.cover {
		cover = w.CoverIncluded
	}
	switch {
	case f.images == 0 && f.cover:
		s = append(s, w.TextOnlyWithCover)
	case f.images == 0:
		s = append(s, w.TextOnly)
	case f.undescribed == 0:
		s = append(s, fmt.Sprintf(w.ImagesDescribed, cover))
	case f.undescribed == 1:
		s = append(s, w.OneUndescribed)
	default:
		s = append(s, fmt.Sprintf(w.SomeUndescribed, f.undescribed))
	}
	has := []string{w.Contents, w.HeadingsInOrder, w.Landmarks}
	if !f.headingsInOrder {
		has[1] = w.HeadingsSkip
	}
	if f.pages {
		has = append(has, w.PrintPages)
	}
	if f.index {
		has = append(has, w.IndexLinked)
	}
	if f.glossary {
		has = append(has, w.GlossaryLinked)
	}
	if f.notes {
		has = append(has, w.NotesLinked)
	}
	s = append(s, fmt.Sprintf(w.HasList, list(has, w.And)))
	if f.math {
		s = append(s, w.Math)
	}
	if f.animated {
		s = append(s, w.Animated)
	} else {
		s = append(s, w.NoHazards)
	}
	if f.conforms() {
		s = append(s, w.Conforms)
	}
	return strings.Join(s, " ")
}

// list joins items as a sentence does: "a, b and c".
func list(items []string, and string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// landmark is a major part of the book, for the nav's landmarks and the OPF's guide (which
// Calibre and other EPUB 2 readers use to find the cover).
type landmark struct {
	epubType, guideType, title, href string
}

func (w *writer) landmarks() []landmark {
	var ls []landmark
	if len(w.opt.Cover) > 0 {
		ls = append(ls, landmark{"cover", "cover", w.labels.Get(lang.Cover), "text/cover.xhtml"})
	}
	ls = append(ls,
		landmark{"titlepage", "title-page", w.labels.Get(lang.TitlePage), "text/titlepage.xhtml"},
		landmark{"copyright-page", "copyright-page", w.labels.Get(lang.Imprint), "text/imprint.xhtml"},
		landmark{"toc", "toc", w.labels.Get(lang.Contents), "nav.xhtml#toc"})
	if len(w.book.Chapters) > 0 {
		ls = append(ls, landmark{"bodymatter", "text", w.labels.Get(lang.StartOfText), chapterFile(w.book.Chapters[0])})
	}
	if len(w.book.Back) > 0 {
		ls = append(ls, landmark{"backmatter", "", w.labels.Get(lang.BackMatter), chapterFile(w.book.Back[0])})
	}
	for _, ch := range w.chapters() {
		switch {
		case isGlossary(ch):
			ls = append(ls, landmark{"glossary", "glossary", doc.PlainText(ch.Title), chapterFile(ch)})
		case isIndex(ch):
			ls = append(ls, landmark{"index", "index", doc.PlainText(ch.Title), chapterFile(ch)})
		}
	}
	return ls
}
