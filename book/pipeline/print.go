package pipeline

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"bindery/book/diag"
	"bindery/book/picture"

	"bindery/book/backmatter"
	"bindery/book/config"
	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/highlight"
	"bindery/book/hyphen"
	"bindery/book/lang"
	"bindery/book/layout"
	"bindery/book/pdf"
	"bindery/fonts"
)

// Families are parsed once per process: fonts are read-only once loaded.
var parsedFamilies sync.Map // base name → func() (*font.Family, error)

func loadFamily(f fonts.Family) (*font.Family, error) {
	load, _ := parsedFamilies.LoadOrStore(f.Base, sync.OnceValues(func() (*font.Family, error) {
		// The faces are parsed in place in the binary's data (fonts.Shared), not copied, and
		// only their headers now: a face is read on first use (a book without code or bold
		// italic never reads those faces); fontErrors reports what that reading found.
		var faces [4]*font.Face
		for i, style := range fonts.Styles {
			name := f.File(style)
			data, err := fonts.Shared(name)
			if err != nil {
				return nil, fmt.Errorf("font family %s: %w", f.Base, err)
			}
			if faces[i], err = font.ParseLazy(name, data); err != nil {
				return nil, err
			}
		}
		return &font.Family{Regular: faces[0], Italic: faces[1], Bold: faces[2], BoldItalic: faces[3]}, nil
	}))
	return load.(func() (*font.Family, error))()
}

// bookFamily is the family a book asks for, or the default.
func bookFamily(meta *config.Book) (fonts.Family, *font.Family, error) {
	f := fonts.Default
	if meta != nil && meta.Font != "" {
		var err error
		if f, err = fonts.Lookup(meta.Font); err != nil {
			return f, nil, err
		}
	}
	fam, err := loadFamily(f)
	return f, fam, err
}

// codeFamily is the monospaced family a book asks for (code_font:), or the default.
func codeFamily(meta *config.Book) (fonts.Family, *font.Family, error) {
	f := fonts.DefaultCode
	if meta != nil && meta.Code.Font != "" {
		var err error
		if f, err = fonts.LookupCode(meta.Code.Font); err != nil {
			return f, nil, err
		}
	}
	fam, err := loadFamily(f)
	return f, fam, err
}

// fontErrors reports what reading the faces a build drew with found wrong (font.Face.Err),
// for the build to fail rather than ship glyphs drawn from a damaged face.
func fontErrors(meta *config.Book) error {
	for _, family := range []func(*config.Book) (fonts.Family, *font.Family, error){bookFamily, codeFamily} {
		if _, fam, err := family(meta); err == nil {
			if err := fam.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// warmUp parses the book's fonts and hyphenation patterns ahead of need, and finds what
// typographySettings asks of the body face (its small capitals, its figures: the face is
// shaped for them), which the layout otherwise waited for alone on one core.
func warmUp(cfg *config.Book) {
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		if _, fam, err := bookFamily(cfg); err == nil {
			typographySettings(cfg, &layout.Settings{Family: fam})
		}
	}()
	go func() { defer wg.Done(); codeFamily(cfg) }()
	go func() { defer wg.Done(); hyphen.New(cfg.Language) }()
	wg.Wait()
}

// passageHyphenators gives the hyphenator of each language a passage is marked in: the
// book's own (with the author's exceptions) when the tag falls back to the same patterns,
// else that language's, made once; nil for a language without patterns, whose passages are
// then not hyphenated rather than hyphenated as another language.
func passageHyphenators(book *hyphen.Hyphenator) func(string) *hyphen.Hyphenator {
	var mu sync.Mutex
	made := map[string]*hyphen.Hyphenator{}
	return func(tag string) *hyphen.Hyphenator {
		mu.Lock()
		defer mu.Unlock()
		if h, ok := made[tag]; ok {
			return h
		}
		h, err := hyphen.New(tag)
		if err != nil {
			h = nil
		} else if book != nil && h.Lang() == book.Lang() {
			h = book
		}
		made[tag] = h
		return h
	}
}

// pt converts PostScript points to layout lengths.
func pt(v float64) layout.Length { return layout.Length(v*float64(layout.Pt) + 0.5) }

// PrintSettings derives the print layout settings of a book.
func PrintSettings(b *Book) (layout.Settings, diag.List, error) {
	var list diag.List
	if b.Pictures == nil {
		// A book made otherwise than by Load (a test's copy with another page size): its
		// pictures are read for that page.
		b.Pictures = newPictures(b.Config)
		if list = checkImages(b.Book, b.Config, b.Pictures); list.HasErrors() {
			return layout.Settings{}, list, list.Err()
		}
	}
	s, warnings, err := printSettings(b.Config, b.Pictures)
	if err == nil && b.Config.Typography.SmallCapAcronyms {
		s.Acronyms = doc.NewAcronyms(b.Book.Apparatus)
	}
	return s, append(list, warnings...), err
}

// printSettings derives the print layout settings of a book whose pictures pics holds.
func printSettings(cfg *config.Book, pics *picture.Set) (layout.Settings, diag.List, error) {
	_, fam, err := bookFamily(cfg)
	if err != nil {
		return layout.Settings{}, nil, err
	}
	var warnings diag.List
	hy, err := hyphen.New(cfg.Language)
	if err != nil {
		warnings.Warnf(cfg.LanguagePos, "no hyphenation patterns for %s; the print edition is set without hyphenation", cfg.Language)
		hy = nil
	}
	if hy != nil && len(cfg.Hyphenation) > 0 {
		hy.AddExceptions(cfg.Hyphenation...)
	}
	s, err := layout.NewSettings(pt(cfg.Trim.Width), pt(cfg.Trim.Height), fam, hy)
	if err != nil {
		return s, warnings, err
	}
	s.Ties = cfg.Ties
	warnings = append(warnings, typographySettings(cfg, &s)...)
	s.HyphenatorFor = passageHyphenators(hy)
	s.Labels = lang.For(cfg.Language, cfg.Labels)
	pr := cfg.Print
	if pr.FontSize > 0 {
		s.FontSize = pt(pr.FontSize)
		s.Leading = s.FontSize * 13 / 10
		s.Params.EmergencyStretch = 3 * s.FontSize / 2
	}
	if pr.Leading > 0 {
		s.Leading = pt(pr.Leading)
	}
	for _, m := range []struct {
		v   float64
		dst *layout.Length
	}{{pr.Top, &s.Top}, {pr.Bottom, &s.Bottom}, {pr.Inner, &s.Inner}, {pr.Outer, &s.Outer}} {
		if m.v > 0 {
			*m.dst = pt(m.v)
		}
	}
	s.RectoChapters = pr.RectoChapters
	if _, s.Code, err = codeFamily(cfg); err != nil {
		return s, warnings, err
	}
	s.TabWidth, s.LineNumbers = cfg.Code.Tabs(), cfg.Code.LineNumbers
	if pal, ok := highlight.Palette(cfg.Code.HighlightStyle()); ok {
		s.Highlight, s.Palette = highlight.Lines, pal
	}
	labels := s.Labels
	s.Generate = func(a *doc.Apparatus, pages layout.PageLabels, _ string) []*doc.Chapter {
		return backmatter.Chapters(a, pages, labels)
	}
	// The layout places a picture's pixels at figurePPI: an SVG's size is its CSS size in
	// those pixels (picture.Picture's Width and Height). A picture print cannot draw has no
	// size, and the print edition shows its description.
	s.ImageSize = func(src string) (int, int, bool) {
		p, ok := pics.Get(src)
		if !ok || p.Print == nil {
			return 0, 0, false
		}
		return p.Width, p.Height, true
	}
	if err := s.Validate(); err != nil {
		warnings.Errorf(cfg.PrintPos, "print: %s", strings.TrimPrefix(err.Error(), "layout: "))
		return s, warnings, warnings.Err()
	}
	return s, warnings, nil
}

// Layout typesets the book for print, with each page's line metrics (Page.Lines) for the
// tests and tools that read them; a build leaves them out.
// Its list holds every diagnostic, the errors of a failed layout included.
func Layout(b *Book) (*layout.Document, diag.List, error) {
	d, list, err := layoutWith(b, nil, true, nil)
	if err == nil {
		err = fontErrors(b.Config) // Build checks after writing, when every face drawn was read
	}
	return d, list, err
}

// layoutWith is Layout reusing what the cache keeps, if any, with the line metrics if
// metrics, the last pass's pages handed to sink as they are drawn if it is not nil.
func layoutWith(b *Book, cache *Cache, metrics bool, sink layout.PageSink) (*layout.Document, diag.List, error) {
	layoutsMade.Add(1)
	s, list, err := PrintSettings(b)
	if err != nil {
		return nil, list, err
	}
	s.Metrics, s.Sink = metrics, sink
	if cache != nil {
		s.Reuse = cache.reuseFor(b.Config, &s)
	}
	if kept := cache.indexLines(); kept != nil {
		labels := s.Labels
		s.Generate = func(a *doc.Apparatus, pages layout.PageLabels, _ string) []*doc.Chapter {
			return backmatter.ChaptersWith(a, pages, labels, kept)
		}
		kept.Begin()
		defer kept.End()
	}
	d, err := layout.Typeset(b.Book, s)
	if err != nil {
		return nil, list, list.Merge(err)
	}
	list = append(list, d.Warnings...).Dedupe()
	if list.HasErrors() {
		// A language the font cannot set: no PDF of blanks.
		return d, list, list.Err()
	}
	return d, list, nil
}

// writePDF writes the print edition and, when asked, its booklet, to temporary files.
func writePDF(out string, b *Book, opt Options, d *layout.Document) ([]*pendingFile, error) {
	f, err := pdfFonts(b.Config)
	if err != nil {
		return nil, err
	}
	info := pdfInfo(b, opt)
	withStreams := info
	if opt.Cache != nil {
		withStreams.Streams = opt.Cache.pdf
		withStreams.Paintings = opt.Cache.paintings()
	}
	withStreams.Release = opt.releasePages
	withStreams.Painted = opt.painted
	main, err := writeTemp(out, !opt.NoSync, func(w io.Writer) error { return pdf.Write(w, d, withStreams, f) })
	if err != nil {
		return nil, err
	}
	return printExtras(out, b, opt, d, main, info, f)
}

// pdfInfo is what the PDF says of the book beyond its pages.
func pdfInfo(b *Book, opt Options) pdf.Info {
	info := pdf.Info{
		Title: b.Meta.Title, Author: b.Meta.Author, Subject: b.Meta.Description,
		Keywords: strings.Join(b.Meta.Subjects, "; "), Creator: opt.Generator,
		Language: b.Meta.Language, Date: Modified(b.Config, opt.Epoch),
		Image: func(src string) (*pdf.Image, error) {
			p, err := bookPicture(b.Pictures, src)
			if err != nil {
				return nil, err
			}
			if p.Print == nil {
				return nil, fmt.Errorf("image %s cannot be printed", src)
			}
			pr := p.Print
			return &pdf.Image{Width: pr.Width, Height: pr.Height, Gray: pr.Gray, CMYK: pr.CMYK,
				JPEG: pr.JPEG, Samples: pr.Samples, Alpha: pr.Alpha}, nil
		},
		Bleed: b.Config.Print.Bleed, Marks: b.Config.Print.Marks || opt.Marks,
	}
	if opt.Bleed != nil {
		info.Bleed = *opt.Bleed
	}
	return info
}

// printExtras writes, beside the print edition main, its cover and booklet when asked.
func printExtras(out string, b *Book, opt Options, d *layout.Document, main *pendingFile, info pdf.Info, f pdf.Fonts) ([]*pendingFile, error) {
	files := []*pendingFile{main}
	if opt.Cover {
		cf, err := writeTemp(strings.TrimSuffix(out, ".pdf")+"-cover.pdf", !opt.NoSync, func(w io.Writer) error {
			c, err := printCover(b, len(d.Pages))
			if err != nil {
				return err
			}
			return pdf.WriteCover(w, c, info, f)
		})
		if err != nil {
			main.discard()
			return nil, err
		}
		files = append(files, cf)
	}
	if opt.Impose == "" {
		return files, nil
	}
	sheet, err := BookletSheet(opt.Impose, b.Config.Trim.Width, b.Config.Trim.Height)
	if err != nil {
		main.discard()
		return nil, err
	}
	booklet := strings.TrimSuffix(out, ".pdf") + "-booklet.pdf"
	sheet.Signature, sheet.Caliper, sheet.Marks = opt.Signature, caliper(b.Config), info.Marks
	bf, err := writeTemp(booklet, !opt.NoSync, func(w io.Writer) error { return pdf.WriteBooklet(w, d, info, f, sheet) })
	if err != nil {
		for _, pf := range files {
			pf.discard()
		}
		return nil, err
	}
	return append(files, bf), nil
}

// defaultCaliper is the thickness of a leaf of 80 g/m² uncoated book paper, 0.1 mm, for a
// book.yaml that does not give its paper's.
const defaultCaliper = 0.1 * 72 / 25.4

func caliper(c *config.Book) float64 {
	if c.Print.Caliper > 0 {
		return c.Print.Caliper
	}
	return defaultCaliper
}

// printCover is what the print cover of a book of pages pages says, with the book's cover
// picture (book.yaml's cover:) on the front when it has one.
func printCover(b *Book, pages int) (pdf.Cover, error) {
	isbn := b.Config.PrintISBN
	if isbn == "" {
		isbn = b.Config.ISBN
	}
	c := pdf.Cover{
		Title: b.Meta.Title, Subtitle: b.Meta.Subtitle, Author: b.Meta.Author, Publisher: b.Meta.Publisher,
		Back: b.Config.BackCover, ISBN: isbn, Pages: pages, Caliper: caliper(b.Config),
		Width: b.Config.Trim.Width, Height: b.Config.Trim.Height,
	}
	if cv := b.Config.Cover; cv.Path != "" && b.Pictures != nil {
		// Read for the EPUB as it is; prepared for print (at print resolution for a page's
		// size, the front panel's) only now.
		p, err := b.Pictures.Load(cv.Name, cv.Path, true)
		if err != nil {
			return c, fmt.Errorf("%s: cover %s: %w", cv.Pos, cv.Name, err)
		}
		if pr := p.Print; pr != nil {
			c.Image = &pdf.Image{Width: pr.Width, Height: pr.Height, Gray: pr.Gray, CMYK: pr.CMYK,
				JPEG: pr.JPEG, Samples: pr.Samples, Alpha: pr.Alpha}
		}
	}
	return c, nil
}

// pdfFonts gathers the faces of the book's family for the PDF.
func pdfFonts(meta *config.Book) (pdf.Fonts, error) {
	family, faces, err := bookFamily(meta)
	if err != nil {
		return pdf.Fonts{}, err
	}
	code, codeFaces, err := codeFamily(meta)
	if err != nil {
		return pdf.Fonts{}, err
	}
	return pdf.Fonts{Family: faces, Base: family.Base, Code: codeFaces, CodeBase: code.Base}, nil
}

// Sheets are the paper sizes a booklet can be imposed on, landscape, in points.
var Sheets = []pdf.Sheet{
	{Name: "A4", Width: 297 * 72 / 25.4, Height: 210 * 72 / 25.4},
	{Name: "A3", Width: 420 * 72 / 25.4, Height: 297 * 72 / 25.4},
	{Name: "Letter", Width: 11 * 72, Height: 8.5 * 72},
	{Name: "Tabloid", Width: 17 * 72, Height: 11 * 72},
}

// BookletSheet chooses the sheet for --impose: "booklet" means a sheet two pages wide (A5
// pages on A4, half-Letter on Letter), or a named sheet the pages are scaled to fit.
func BookletSheet(name string, pageW, pageH float64) (pdf.Sheet, error) {
	if strings.EqualFold(name, "booklet") {
		// A standard sheet when two pages fill it within 2% (A5 on A4), else a custom one.
		for _, s := range Sheets {
			if 2*pageW <= s.Width && pageH <= s.Height && 2*pageW > 0.98*s.Width && pageH > 0.98*s.Height {
				return s, nil
			}
		}
		return pdf.Sheet{Name: "two pages wide", Width: 2 * pageW, Height: pageH}, nil
	}
	var names []string
	for _, s := range Sheets {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return pdf.Sheet{}, fmt.Errorf("--impose %q: use booklet, or a sheet size: %s", name, strings.Join(names, ", "))
}
