package pipeline

import (
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/picture"
	"bindery/book/svg"
	"bindery/fonts"
)

// figurePPI is how many of a picture's pixels book/layout sets to the inch (its figure
// function); an SVG's CSS size is converted to these pixels, so that it prints at its size.
const figurePPI = 150

// newPictures is the picture set of a book: what it prepares for print is sized for the
// book's page.
func newPictures(meta *config.Book) *picture.Set {
	return &picture.Set{
		PageWidth: meta.Trim.Width, PageHeight: meta.Trim.Height, FigurePPI: figurePPI,
		Render: func(p *svg.Picture, w, h int) (image.Image, []string, error) {
			faces, err := svgFaces()
			if err != nil {
				return nil, nil, err
			}
			return svg.Rasterize(p, w, h, faces)
		},
	}
}

// svgFaces are the book's default family, for the text of SVG pictures in print.
var svgFaces = sync.OnceValues(func() (*svg.Faces, error) {
	var f svg.Faces
	for i, dst := range []*[]byte{&f.Regular, &f.Bold, &f.Italic, &f.BoldItalic} {
		data, err := fonts.Shared(fonts.Default.File([]string{"Regular", "Bold", "Italic", "BoldItalic"}[i]))
		if err != nil {
			return nil, err
		}
		*dst = data
	}
	return &f, nil
})

// checkImages reads every picture the book uses, and its cover, before anything is written:
// a file inside the book's folder, of a type e-readers show, whole, of a sane size. Each is
// read once, into pics, which the layout and the writers then use.
func checkImages(b *doc.Book, cfg *config.Book, pics *picture.Set) diag.List {
	var list diag.List
	seen := map[string]bool{}
	unshown := map[string]bool{} // documents named as pictures: their description is printed
	for _, img := range bookImages(b) {
		if unshown[img.Src] {
			img.Src = ""
			continue
		}
		if seen[img.Src] || img.Src == "" {
			continue
		}
		seen[img.Src] = true
		if strings.Contains(img.Src, "://") || strings.HasPrefix(strings.ToLower(img.Src), "data:") {
			list.Errorf(img.Pos, "image %s: images must be files in the book's folder (bindery never uses the network)", img.Src)
			continue
		}
		path, err := config.Resolve(cfg.Dir, img.Src)
		if err != nil {
			list.Errorf(img.Pos, "image %s: %v", img.Src, err)
			continue
		}
		p, err := pics.Load(img.Src, path, true)
		var np *picture.NotPicture
		if errors.As(err, &np) && np.Document() {
			kind := map[string]string{"application/pdf": "a PDF", "application/postscript": "a PostScript file"}[np.Type]
			list.WarnKind(img.Pos, "not-picture", "image %s is %s, not a picture e-readers show: its description is printed instead (export it as PNG or SVG)", img.Src, kind)
			unshown[img.Src] = true
			img.Src = ""
			continue
		}
		if err != nil {
			list.Errorf(img.Pos, "image %s: %v", img.Src, err)
			continue
		}
		for _, w := range p.Warnings {
			list.Warnf(img.Pos, "image %s: %s", img.Src, w)
		}
	}
	if c := cfg.Cover; c.Path != "" {
		if p, err := pics.Load(c.Name, c.Path, false); err != nil {
			list.Errorf(c.Pos, "cover %s: %v", c.Name, err)
		} else if p.Type != "image/png" && p.Type != "image/jpeg" {
			list.Errorf(c.Pos, "cover %s must be a PNG or JPEG image (it is %s)", c.Name, p.Type)
		}
	}
	return list
}

// bookImages lists every image of the book in reading order: the chapters' (notes and
// captions included), then those of the glossary's definitions and the chronology's events.
func bookImages(b *doc.Book) []*doc.Image {
	var out []*doc.Image
	collect := func(in doc.Inline) {
		if img, ok := in.(*doc.Image); ok {
			out = append(out, img)
		}
	}
	for _, ch := range b.AllChapters() {
		doc.WalkInlines(ch, collect)
	}
	if a := b.Apparatus; a != nil {
		var texts [][]doc.Inline
		for _, g := range a.Glossary {
			texts = append(texts, g.Definition)
		}
		for _, c := range a.Chronology {
			texts = append(texts, c.Event)
		}
		for _, ins := range texts {
			doc.WalkInlines(&doc.Chapter{Blocks: []doc.Block{&doc.Paragraph{Inlines: ins}}}, collect)
		}
	}
	return out
}

// bookPicture returns a picture checkImages read.
func bookPicture(pics *picture.Set, src string) (*picture.Picture, error) {
	if p, ok := pics.Get(src); ok {
		return p, nil
	}
	return nil, fmt.Errorf("image %s was not read with the book", src)
}
