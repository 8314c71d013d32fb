package epub

import (
	"fmt"
	"strings"

	"bindery/book/doc"
	"bindery/book/lang"
)

// figureLabel is the label of a numbered figure's caption. The print edition says the same:
// both count its words ("Figure", "3.") for the page-break markers.
func figureLabel(labels lang.Labels, n int) string {
	return fmt.Sprintf("%s %d.", labels.Get(lang.Figure), n)
}

// figure writes a figure: its content (a lone picture as a bare <img>, anything else as
// blocks) and its caption. Page-break words: the figure's own block counts the caption's
// words from 0, the label's included; each content block counts its own.
func (r *chapterRenderer) figure(f *doc.Figure) {
	p := r.out
	if f.ID != "" {
		p.f("<figure id=\"%s\">\n", xmlText(f.ID))
	} else {
		p.raw("<figure>\n")
	}
	caption := words(doc.PlainText(f.Caption))
	for _, b := range f.Blocks {
		para, ok := b.(*doc.Paragraph)
		if !ok || !lonePicture(para.Inlines) {
			r.block(b)
			continue
		}
		r.countedWith(para, func() {
			// The caption is the picture's text alternative when it says what the
			// description says (an image's description made its caption): the same
			// words twice would be read twice.
			r.caption = caption
			r.content(para.Inlines)
			r.caption = ""
		})
		p.raw("\n")
	}
	if f.Number > 0 || len(f.Caption) > 0 {
		p.raw("<figcaption>")
		if f.Number > 0 {
			r.openWord()
			p.raw("<span class=\"figure-label\">")
			r.text(figureLabel(r.w.labels, f.Number))
			p.raw("</span>")
			if len(f.Caption) > 0 {
				r.text(" ")
			}
		}
		r.content(f.Caption)
		p.raw("</figcaption>\n")
	}
	p.raw("</figure>\n")
}

// content writes the inlines of a block (a paragraph, a heading, a cell, a caption): a
// picture alone there is sized by the width it has, one in a line of text by the line.
func (r *chapterRenderer) content(ins []doc.Inline) {
	was := r.alone
	r.alone = lonePicture(ins)
	r.inlines(ins)
	r.alone = was
}

// lonePicture reports whether inlines hold one image and no text (anchors and spaces aside,
// a link around the image allowed).
func lonePicture(ins []doc.Inline) bool {
	images := 0
	return picturesAlone(ins, &images) && images == 1
}

// picturesAlone reports whether inlines hold no text (as lonePicture), counting their
// images: a function, not a closure (one walk a block of the book).
func picturesAlone(ins []doc.Inline, images *int) bool {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Image:
			*images++
		case *doc.Text:
			if strings.TrimSpace(in.Text) != "" {
				return false
			}
		case *doc.TextAnchor, *doc.IndexMark:
		case *doc.Break:
			if in.Hard {
				return false
			}
		case doc.Container:
			if !picturesAlone(in.Inlines(), images) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// words is s with its runs of white space made single spaces, for comparing texts.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// image writes a picture: a box for the page-break words (part of the word it touches, its
// description never counted), with its description as alt, its title, and the size the
// author gave. An image in a line of text is classed "inline": the stylesheet keeps it to
// the line's height.
func (r *chapterRenderer) image(in *doc.Image, inline bool) {
	if r.wc != nil {
		r.wc.box()
	}
	img, ok := r.w.imageOf(in.Src)
	if !ok {
		r.out.text(in.Alt) // not read (cannot happen once collectImages succeeded)
		return
	}
	p := r.out
	alt := in.Alt
	if r.caption != "" && strings.EqualFold(words(alt), r.caption) {
		alt = ""
	}
	if words(alt) == "" && r.caption == "" {
		r.w.undescribed[in.Src] = true
		if r.w.log != nil {
			r.w.log.undescribed = append(r.w.log.undescribed, in.Src)
		}
	}
	p.f("<img src=\"../%s\" alt=\"%s\"", img.href, xmlText(alt))
	if in.Title != "" {
		p.f(" title=\"%s\"", xmlText(in.Title))
	}
	if in.Width > 0 {
		p.f(" width=\"%d\"", in.Width)
	}
	if in.Height > 0 {
		p.f(" height=\"%d\"", in.Height)
	}
	if inline {
		p.raw(" class=\"inline\"")
	}
	p.raw("/>")
}
