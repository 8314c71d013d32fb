package epub

import (
	"fmt"
	"strings"

	"bindery/book/doc"
)

// page builds one XHTML file.
type page struct {
	b strings.Builder
}

func (p *page) raw(s string)              { p.b.WriteString(s) }
func (p *page) text(s string)             { p.b.WriteString(xmlText(s)) }
func (p *page) f(format string, a ...any) { fmt.Fprintf(&p.b, format, a...) }

// open writes the XHTML prologue up to and including <body>.
func (p *page) open(lang, title, css, bodyType string) {
	p.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	p.f("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"%s\" lang=\"%s\">\n", xmlText(lang), xmlText(lang))
	p.raw("<head>\n<meta charset=\"utf-8\"/>\n")
	p.f("<title>%s</title>\n", xmlText(title))
	p.f("<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n", css)
	p.raw("</head>\n")
	if bodyType != "" {
		p.f("<body epub:type=\"%s\">\n", bodyType)
	} else {
		p.raw("<body>\n")
	}
}

func (p *page) close() string {
	p.raw("</body>\n</html>\n")
	return p.b.String()
}

// chapterRenderer writes one chapter's blocks as XHTML.
type chapterRenderer struct {
	w   *writer
	ch  *doc.Chapter
	out *page
}

func (r *chapterRenderer) blocks(bs []doc.Block) {
	for _, b := range bs {
		r.block(b)
	}
}

func (r *chapterRenderer) block(b doc.Block) {
	p := r.out
	switch b := b.(type) {
	case *doc.Heading:
		lvl := min(b.Level, 6)
		p.f("<h%d id=\"%s\">", lvl, xmlText(b.ID))
		r.inlines(b.Inlines)
		p.f("</h%d>\n", lvl)
	case *doc.Paragraph:
		p.raw("<p>")
		r.inlines(b.Inlines)
		p.raw("</p>\n")
	case *doc.BlockQuote:
		p.raw("<blockquote>\n")
		r.blocks(b.Blocks)
		p.raw("</blockquote>\n")
	case *doc.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		if b.Ordered && b.Start != 1 {
			p.f("<%s start=\"%d\">\n", tag, b.Start)
		} else {
			p.f("<%s>\n", tag)
		}
		for _, it := range b.Items {
			p.raw("<li>")
			for i, blk := range it.Blocks {
				// A tight list's paragraphs are bare text, as in CommonMark's HTML.
				if para, ok := blk.(*doc.Paragraph); ok && b.Tight {
					if i > 0 {
						p.raw("<br/>")
					}
					r.inlines(para.Inlines)
					continue
				}
				p.raw("\n")
				r.block(blk)
			}
			p.raw("</li>\n")
		}
		p.f("</%s>\n", tag)
	case *doc.Table:
		p.raw("<table>\n")
		cell := func(tag string, i int, c *doc.TableCell) {
			if i < len(b.Align) && b.Align[i] != doc.AlignNone {
				p.f("<%s class=\"%s\">", tag, [...]string{"", "left", "center", "right"}[b.Align[i]])
			} else {
				p.f("<%s>", tag)
			}
			r.inlines(c.Inlines)
			p.f("</%s>", tag)
		}
		if len(b.Header) > 0 {
			p.raw("<thead><tr>")
			for i, c := range b.Header {
				cell("th", i, c)
			}
			p.raw("</tr></thead>\n")
		}
		if len(b.Rows) > 0 {
			p.raw("<tbody>\n")
			for _, row := range b.Rows {
				p.raw("<tr>")
				for i, c := range row {
					cell("td", i, c)
				}
				p.raw("</tr>\n")
			}
			p.raw("</tbody>\n")
		}
		p.raw("</table>\n")
	case *doc.Rule:
		p.raw("<hr/>\n")
	case *doc.CodeBlock:
		p.raw("<pre><code>")
		p.text(b.Text)
		p.raw("</code></pre>\n")
	case *doc.DefinitionList:
		p.raw("<dl>\n")
		for _, it := range b.Items {
			p.raw("<dt>")
			r.inlines(it.Term)
			p.raw("</dt>\n")
			for _, d := range it.Definitions {
				p.raw("<dd>")
				if len(d) == 1 {
					if para, ok := d[0].(*doc.Paragraph); ok {
						r.inlines(para.Inlines)
						p.raw("</dd>\n")
						continue
					}
				}
				r.blocks(d)
				p.raw("</dd>\n")
			}
		}
		p.raw("</dl>\n")
	}
}

func (r *chapterRenderer) inlines(ins []doc.Inline) {
	p := r.out
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			p.text(in.Text)
		case *doc.Emphasis:
			p.raw("<em>")
			r.inlines(in.Children)
			p.raw("</em>")
		case *doc.Strong:
			p.raw("<strong>")
			r.inlines(in.Children)
			p.raw("</strong>")
		case *doc.Code:
			p.raw("<code>")
			p.text(in.Text)
			p.raw("</code>")
		case *doc.Break:
			if in.Hard {
				p.raw("<br/>")
			} else {
				p.raw(" ")
			}
		case *doc.Link:
			href := in.URL
			if strings.HasPrefix(href, "#") {
				href = r.w.href(r.ch, strings.TrimPrefix(href, "#"))
			}
			p.f("<a href=\"%s\"", xmlText(href))
			if in.Title != "" {
				p.f(" title=\"%s\"", xmlText(in.Title))
			}
			p.raw(">")
			r.inlines(in.Children)
			p.raw("</a>")
		case *doc.Image:
			if img, ok := r.w.images[in.Src]; ok {
				p.f("<img src=\"../%s\" alt=\"%s\"/>", img.href, xmlText(in.Alt))
			} else {
				p.text(in.Alt)
			}
		case *doc.FootnoteRef:
			p.f("<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"%s\" href=\"#%s\">%d</a></sup>",
				noteRefID(in.Note, in.N), xmlText(in.Note.ID), in.Note.Number)
		}
	}
}

func noteRefID(f *doc.Footnote, n int) string {
	if n <= 1 {
		return xmlText(f.ID) + "-ref"
	}
	return fmt.Sprintf("%s-ref-%d", xmlText(f.ID), n)
}

// footnotes writes the chapter's notes as asides that e-readers show as pop-ups.
func (r *chapterRenderer) footnotes() {
	if len(r.ch.Footnotes) == 0 {
		return
	}
	p := r.out
	p.raw("<section class=\"footnotes\">\n")
	for _, f := range r.ch.Footnotes {
		p.f("<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"%s\">\n", xmlText(f.ID))
		back := fmt.Sprintf("<a href=\"#%s\" role=\"doc-backlink\" title=\"Back to the text\">%d.</a> ", noteRefID(f, 1), f.Number)
		if para, ok := first(f.Blocks).(*doc.Paragraph); ok {
			p.raw("<p>" + back)
			r.inlines(para.Inlines)
			p.raw("</p>\n")
			r.blocks(f.Blocks[1:])
		} else {
			p.raw("<p>" + back + "</p>\n")
			r.blocks(f.Blocks)
		}
		p.raw("</aside>\n")
	}
	p.raw("</section>\n")
}

func first(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}
