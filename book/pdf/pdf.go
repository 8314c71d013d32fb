// Package pdf paints a laid-out book (book/layout's pages) into a PDF with gopdf: embedded font
// subsets with GPOS kerning, links, named destinations. It then rewrites gopdf's output into
// the final file, adding what gopdf lacks — page labels, a correct nested outline, full
// document information, a content-derived /ID — and compressing the page streams in parallel,
// so the file is byte-for-byte reproducible.
package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"io"
	"strings"
	"time"

	"bindery/book/font"
	"bindery/book/layout"

	"github.com/signintech/gopdf"
)

// Info is the document information, and what else the PDF needs beyond the layout.
type Info struct {
	Title, Author, Subject, Keywords, Creator string
	Language                                  string
	// Date is recorded as creation and modification date (SOURCE_DATE_EPOCH or the book's date).
	Date time.Time
	// Image reads the bytes of a picture the layout placed (PNG or JPEG).
	Image func(src string) ([]byte, error)
}

// Fonts are the four TrueType files of the book family, with their parsed faces for kerning.
type Fonts struct {
	Regular, Italic, Bold, BoldItalic []byte
	Family                            *font.Family
	Base                              string // the family's file name base, for the font names
}

// faceNames name the faces in the PDF: a six-letter tag marks each as a subset, as the PDF
// standard asks; it is fixed so that builds are reproducible.
func faceNames(base string) [4]string {
	if base == "" {
		base = "Book"
	}
	return [4]string{"BNDRYA+" + base, "BNDRYB+" + base + "-Italic", "BNDRYC+" + base + "-Bold", "BNDRYD+" + base + "-BoldItalic"}
}

func pt(l layout.Length) float64 { return float64(l) / float64(layout.Pt) }

// Write renders d as a PDF to w.
func Write(w io.Writer, d *layout.Document, info Info, fonts Fonts) (err error) {
	defer func() {
		// gopdf panics on some malformed input; report it instead of crashing the build.
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	s := d.Settings
	g, err := newDocument(pt(s.PageWidth), pt(s.PageHeight), info, fonts)
	if err != nil {
		return err
	}

	for _, p := range d.Pages {
		g.AddPage()
		if err := drawPage(g, faceNames(fonts.Base), d, p, place{scale: 1}, true, info.Image); err != nil {
			return err
		}
	}
	return finish(g, w, d, info)
}

// finish writes gopdf's document through our rewrite (amend) to w; d is nil for a booklet.
func finish(g *gopdf.GoPdf, w io.Writer, d *layout.Document, info Info) error {
	var buf bytes.Buffer
	if _, err := g.WriteTo(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := amend(buf.Bytes(), d, info)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// newDocument starts a gopdf document with the book's fonts.
func newDocument(w, h float64, info Info, fonts Fonts) (*gopdf.GoPdf, error) {
	g := &gopdf.GoPdf{}
	g.Start(gopdf.Config{PageSize: gopdf.Rect{W: w, H: h}, Unit: gopdf.UnitPT})
	// Content streams are compressed afterwards, in parallel (see compressStreams).
	g.SetNoCompression()
	data := [4][]byte{fonts.Regular, fonts.Italic, fonts.Bold, fonts.BoldItalic}
	faces := [4]*font.Face{fonts.Family.Regular, fonts.Family.Italic, fonts.Family.Bold, fonts.Family.BoldItalic}
	for i, name := range faceNames(fonts.Base) {
		if err := g.AddTTFFontDataWithOption(name, data[i], gopdf.TtfOption{UseKerning: true}); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", name, err)
		}
		if err := g.KernOverride(name, faces[i].KernOverride()); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", name, err)
		}
	}
	g.SetInfo(gopdf.PdfInfo{Title: info.Title, Author: info.Author, Subject: info.Subject, Creator: info.Creator, Producer: "bindery", CreationDate: info.Date})
	return g, nil
}

// place maps a page's coordinates onto the sheet: scaled, then shifted (in points).
type place struct {
	dx, dy, scale float64
}

func (t place) x(l layout.Length) float64 { return t.dx + pt(l)*t.scale }
func (t place) y(l layout.Length) float64 { return t.dy + pt(l)*t.scale }
func (t place) d(l layout.Length) float64 { return pt(l) * t.scale }

// drawPage paints one laid-out page; interactive parts (links, destinations) only when asked.
func drawPage(g *gopdf.GoPdf, names [4]string, d *layout.Document, p *layout.Page, at place, interactive bool, image func(string) ([]byte, error)) error {
	if len(p.Runs) == 0 && len(p.Rules) == 0 && len(p.Pictures) == 0 {
		// gopdf writes an empty /Contents entry for a page with nothing drawn: give a
		// blank page an empty path so it has a content stream.
		g.RectFromUpperLeftWithStyle(at.dx, at.dy, 0, 0, "F")
	}
	cur := -1
	var curSize, curTracking layout.Length
	for _, r := range p.Runs {
		if int(r.Style) != cur || r.Size != curSize {
			if err := g.SetFont(names[r.Style], "", at.d(r.Size)); err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			cur, curSize = int(r.Style), r.Size
		}
		if r.Tracking != curTracking {
			if err := g.SetCharSpacing(at.d(r.Tracking)); err != nil {
				return fmt.Errorf("pdf: %w", err)
			}
			curTracking = r.Tracking
		}
		g.SetXY(at.x(r.X), at.y(r.Y))
		if err := g.Text(r.Text); err != nil {
			return fmt.Errorf("pdf: page %s: %w", p.Label, err)
		}
	}
	for _, r := range p.Rules {
		g.RectFromUpperLeftWithStyle(at.x(r.X), at.y(r.Y), at.d(r.W), at.d(r.H), "F")
	}
	for _, pic := range p.Pictures {
		if image == nil {
			return fmt.Errorf("pdf: page %s: no reader for image %s", p.Label, pic.Src)
		}
		data, err := image(pic.Src)
		if err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
		holder, err := gopdf.ImageHolderByBytes(data)
		if err != nil {
			return fmt.Errorf("pdf: image %s: %w", pic.Src, err)
		}
		if err := g.ImageByHolder(holder, at.x(pic.X), at.y(pic.Y), &gopdf.Rect{W: at.d(pic.W), H: at.d(pic.H)}); err != nil {
			return fmt.Errorf("pdf: image %s: %w", pic.Src, err)
		}
	}
	if !interactive {
		return nil
	}
	for _, l := range p.Links {
		if strings.HasPrefix(l.Target, "#") {
			if _, ok := d.Map[l.Target[1:]]; ok {
				g.AddInternalLink(l.Target[1:], at.x(l.X), at.y(l.Y), at.d(l.W), at.d(l.H))
			}
		} else if l.Target != "" {
			g.AddExternalLink(l.Target, at.x(l.X), at.y(l.Y), at.d(l.W), at.d(l.H))
		}
	}
	// Destinations: gopdf places an anchor one font size above the current y.
	if len(p.Marks) > 0 {
		if err := g.SetFont(names[0], "", 10); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
	}
	for _, m := range p.Marks {
		if loc, ok := d.Map[m.ID]; ok && loc.Page == p.Index {
			g.SetXY(at.x(m.X), at.y(m.Y)+10)
			g.SetAnchor(m.ID)
		}
	}
	return nil
}

// pdfText encodes a text string for a PDF dictionary: UTF-16BE with a byte-order mark, in hex.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// fileID derives the trailer /ID from the file's content, so equal files have equal IDs.
func fileID(data []byte) string {
	sum := md5.Sum(data)
	return fmt.Sprintf("<%X>", sum[:])
}
