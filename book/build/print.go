package build

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/hyphen"
	"bindery/book/layout"
	"bindery/book/pdf"
	"bindery/fonts"
)

// The book family is parsed once per process: fonts are read-only once loaded.
var (
	familyOnce sync.Once
	family     *font.Family
	familyErr  error
)

func bookFamily() (*font.Family, error) {
	familyOnce.Do(func() { family, familyErr = font.LoadFamilyFS(fonts.FS(), "CharisSIL") })
	return family, familyErr
}

// pt converts PostScript points to layout lengths.
func pt(v float64) layout.Length { return layout.Length(v*float64(layout.Pt) + 0.5) }

// PrintSettings derives the print layout settings of a book.
func PrintSettings(b *doc.Book) (layout.Settings, []string, error) {
	fam, err := bookFamily()
	if err != nil {
		return layout.Settings{}, nil, err
	}
	var warnings []string
	hy, err := hyphen.New(b.Meta.Language)
	if err != nil {
		warnings = append(warnings, fmt.Sprintf("%s: no hyphenation patterns for %s; the print edition is set without hyphenation", b.Meta.Path, b.Meta.Language))
		hy = nil
	}
	s, err := layout.NewSettings(pt(b.Meta.Trim.Width), pt(b.Meta.Trim.Height), fam, hy)
	return s, warnings, err
}

// Layout typesets the book for print.
func Layout(b *doc.Book) (*layout.Document, []string, error) {
	s, warnings, err := PrintSettings(b)
	if err != nil {
		return nil, warnings, err
	}
	d, err := layout.Typeset(b, s)
	if err != nil {
		return nil, warnings, err
	}
	return d, append(warnings, d.Warnings...), nil
}

func writePDF(out string, b *doc.Book, opt Options, res *Result) error {
	d, warnings, err := Layout(b)
	for _, w := range warnings {
		fmt.Fprintln(opt.warnings(), "warning: "+w)
	}
	if err != nil {
		return err
	}
	var f pdf.Fonts
	f.Family, _ = bookFamily()
	for _, p := range []struct {
		dst  *[]byte
		name string
	}{{&f.Regular, fonts.Charis.Regular}, {&f.Italic, fonts.Charis.Italic}, {&f.Bold, fonts.Charis.Bold}, {&f.BoldItalic, fonts.Charis.BoldItalic}} {
		if *p.dst, err = fonts.Read(p.name); err != nil {
			return err
		}
	}
	info := pdf.Info{
		Title: b.Meta.Title, Author: b.Meta.Author, Subject: b.Meta.Description,
		Keywords: strings.Join(b.Meta.Subjects, "; "), Creator: opt.Generator,
		Language: b.Meta.Language, Date: Modified(b.Meta, opt.Epoch),
	}
	res.Layout = d
	return WriteFileAtomic(out, func(w io.Writer) error { return pdf.Write(w, d, info, f) })
}
