// Package picture reads the pictures a book uses, once each: it checks a file's size and
// header before its pixels, decodes it a row at a time, reduces it to what the printed page
// needs (never under 300 pixels to the inch) and rebuilds an SVG from its safe parts. The
// EPUB and the PDF then take what it prepared; neither decodes a picture again.
package picture

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"io"
	"math"
	"net/http"
	"os"
	"strings"
	"sync"

	"bindery/book/svg"
)

const (
	// MaxBytes bounds what a manuscript can make us read into memory.
	MaxBytes = 32 << 20
	// MaxPixels bounds the size a picture claims (a small file can claim a huge picture).
	MaxPixels = 100_000_000
	// BookPixels bounds the pixels decoded for a whole book: ten pictures at the limit.
	BookPixels = 1_000_000_000
	// PrintPPI is the least resolution a picture keeps at the largest size it can print.
	PrintPPI = 300
	// CSSPixelsPerInch is the size of an SVG's pixel (CSS's reference pixel).
	CSSPixelsPerInch = 96
)

// Picture is a picture file of the book, checked.
type Picture struct {
	Name string // as the book names it
	Path string
	Type string // image/png, image/jpeg, image/gif or image/svg+xml
	// Width and Height are the picture's size in the layout's pixels: a raster picture's
	// own; an SVG's CSS size converted to Set.FigurePPI, so that it prints at its own size.
	Width, Height int
	// Print is the picture prepared for the print edition; nil when it was not asked for
	// or the print edition cannot draw it (see Warnings).
	Print *Print
	// SVG is the rebuilt document of an SVG picture.
	SVG *svg.Picture
	// Warnings say what was left out of the picture, for the author.
	Warnings []string

	sum        [sha256.Size]byte // of the file as checked
	printTried bool              // prepared for print (or found that it cannot be)
}

// Print is a picture prepared for the print edition: 8-bit samples, no larger than the page
// needs.
type Print struct {
	Width, Height int  // pixels
	Gray          bool // one channel; else three (RGB), or four for a CMYK JPEG
	CMYK          bool // a JPEG in Adobe's inverted CMYK
	// JPEG is a JPEG to embed as it is (PDF's DCTDecode); when nil, Samples holds the
	// zlib-compressed samples, row after row (FlateDecode).
	JPEG    []byte
	Samples []byte
	// Alpha is the zlib-compressed 8-bit opacity, nil when the picture is opaque.
	Alpha []byte
}

// Data returns the bytes the EPUB carries: the rebuilt SVG, or the file as it was checked.
// A raster file is read again rather than held, and refused if it changed since.
func (p *Picture) Data() ([]byte, error) {
	if p.SVG != nil {
		return p.SVG.Data, nil
	}
	data, err := os.ReadFile(p.Path)
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", p.Name, err)
	}
	if sha256.Sum256(data) != p.sum {
		return nil, fmt.Errorf("image %s: the file changed during the build; build again", p.Name)
	}
	return data, nil
}

// Set reads the pictures of one book, each once, within the book's pixel budget. Fill in
// its page before the first Load; then it may be read from several goroutines.
type Set struct {
	// PageWidth and PageHeight bound a printed picture, in points; zero prepares nothing
	// for print.
	PageWidth, PageHeight float64
	// FigurePPI is how many of a picture's pixels the layout sets to the inch when the
	// picture fits the page (book/layout places figures at 150).
	FigurePPI float64
	// Render draws an SVG for print at w×h pixels, with what it could not draw; nil prints
	// no SVG.
	Render func(p *svg.Picture, w, h int) (image.Image, []string, error)

	mu       sync.Mutex
	byPath   map[string]*Picture
	byName   map[string]*Picture
	pixels   int64 // decoded so far
	embedded int   // pictures inside SVGs, for their names
}

// Get returns a picture Load has read, by the name the book gave it.
func (s *Set) Get(name string) (*Picture, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.byName[name]
	return p, ok
}

// Load reads and checks the picture at path (name is how the book names it), and prepares
// it for print if print is set. A picture is read once, however often the book uses it.
func (s *Set) Load(name, path string, print bool) (*Picture, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byPath == nil {
		s.byPath, s.byName = map[string]*Picture{}, map[string]*Picture{}
	}
	if p, ok := s.byPath[path]; ok && (p.printTried || !s.printing(print)) {
		s.byName[name] = p
		return p, nil
	}
	p, err := s.load(name, path, print)
	if err != nil {
		return nil, err
	}
	s.byPath[path], s.byName[name] = p, p
	return p, nil
}

func (s *Set) load(name, path string, print bool) (*Picture, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file in the book's folder")
		}
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Size() > MaxBytes {
		return nil, fmt.Errorf("%d MB is too large (the limit is %d MB)", info.Size()>>20, MaxBytes>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read at most the limit: the file may have grown since Stat.
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("more than %d MB is too large", MaxBytes>>20)
	}
	p := &Picture{Name: name, Path: path, sum: sha256.Sum256(data), printTried: s.printing(print)}
	p.Type, err = sniff(name, data)
	if err != nil {
		return nil, err
	}
	if p.Type == "image/svg+xml" {
		err := s.loadSVG(p, data, print)
		if err != nil && !strings.HasSuffix(strings.ToLower(name), ".svg") {
			// Some other text that mentions <svg (an HTML page): say what it is.
			return nil, fmt.Errorf("%s is not an image type e-readers show (PNG, JPEG, GIF, SVG)", http.DetectContentType(data))
		}
		return p, err
	}
	pr, w, h, err := s.decode(data, p.Type, print)
	if err != nil {
		return nil, err
	}
	p.Width, p.Height, p.Print = w, h, pr
	return p, nil
}

// sniff names a picture's type from its first bytes, never its name.
func sniff(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", nil
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg", nil
	case bytes.HasPrefix(data, []byte("GIF87a")) || bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif", nil
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	if bytes.HasPrefix(text, []byte("<")) && (strings.HasSuffix(strings.ToLower(name), ".svg") || bytes.Contains(data[:min(len(data), 4096)], []byte("<svg"))) {
		return "image/svg+xml", nil
	}
	return "", &NotPicture{Type: http.DetectContentType(data)}
}

// NotPicture is the error for a file that is not a picture of a type e-readers show.
type NotPicture struct {
	Type string // its media type, as sniffed
}

func (e *NotPicture) Error() string {
	return fmt.Sprintf("%s is not an image type e-readers show (PNG, JPEG, GIF, SVG)", e.Type)
}

// Document reports whether the file is a document made for print (a PDF or PostScript
// figure, as LaTeX books use): a manuscript may name one where no reader can show it.
func (e *NotPicture) Document() bool {
	return e.Type == "application/pdf" || e.Type == "application/postscript"
}

// budget counts the pixels of a picture about to be decoded against the limits.
func (s *Set) budget(w, h int) error {
	if w <= 0 || h <= 0 || int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%d×%d pixels is too large (the limit is %d megapixels)", w, h, MaxPixels/1_000_000)
	}
	if s.pixels+int64(w)*int64(h) > BookPixels {
		return fmt.Errorf("the book's pictures come to more than %d megapixels, which bindery will not decode; make them smaller (an A4 page at %d ppi is 8.7 megapixels)", BookPixels/1_000_000, PrintPPI)
	}
	s.pixels += int64(w) * int64(h)
	return nil
}

// target is the size in pixels a picture of w×h layout pixels needs for print: the largest
// it can print (at FigurePPI, within the page) at PrintPPI.
func (s *Set) target(w, h float64) (int, int) {
	k := min(72/s.FigurePPI, s.PageWidth/w, s.PageHeight/h) // points per layout pixel
	scale := k * PrintPPI / 72
	return max(1, int(math.Ceil(w*scale-1e-6))), max(1, int(math.Ceil(h*scale-1e-6)))
}

func (s *Set) printing(print bool) bool {
	return print && s.PageWidth > 0 && s.PageHeight > 0 && s.FigurePPI > 0
}

// decode checks a raster picture's header, then decodes its pixels once, straight into the
// size print needs (or into nothing, to check them).
func (s *Set) decode(data []byte, mt string, print bool) (*Print, int, int, error) {
	kind := strings.TrimPrefix(mt, "image/")
	var cfg image.Config
	var pr *pngReader
	var ph pngHeader
	var err error
	switch mt {
	case "image/png":
		pr, ph, err = readPNGHeader(bufio.NewReader(bytes.NewReader(data)))
		cfg.Width, cfg.Height = ph.width, ph.height
	case "image/jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "image/gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("not a readable %s: %v", kind, err)
	}
	if err := s.budget(cfg.Width, cfg.Height); err != nil {
		return nil, 0, 0, err
	}
	w, h := cfg.Width, cfg.Height
	tw, th := 0, 0
	if s.printing(print) {
		tw, th = s.target(float64(w), float64(h))
	}
	if mt == "image/jpeg" && tw >= w && th >= h {
		// The page needs every pixel: the JPEG goes into the PDF as it is, once checked.
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			return nil, 0, 0, fmt.Errorf("the %s is damaged: %v", kind, err)
		}
		return &Print{Width: w, Height: h, JPEG: data, Gray: cfg.ColorModel == color.GrayModel,
			CMYK: cfg.ColorModel == color.CMYKModel}, w, h, nil
	}
	smp := newSampler(w, h, tw, th)
	switch mt {
	case "image/png":
		err = decodePNG(pr, ph, smp)
	case "image/jpeg":
		var img image.Image
		if img, err = jpeg.Decode(bytes.NewReader(data)); err == nil {
			smp.image(img)
			img = nil // let the full-size picture go before the reduced one is encoded
			if smp.acc != nil {
				pr, err := smp.printJPEG()
				return pr, w, h, err
			}
		}
	case "image/gif":
		var img image.Image // the first frame: what a printed page shows
		if img, err = gif.Decode(bytes.NewReader(data)); err == nil {
			smp.image(img)
		}
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("the %s is damaged: %v", kind, err)
	}
	return smp.print(), w, h, nil
}

// loadSVG sanitises an SVG and, for print, draws the rebuilt picture.
func (s *Set) loadSVG(p *Picture, data []byte, print bool) error {
	doc, err := svg.Sanitize(data, svg.Options{CheckPicture: s.checkEmbedded})
	if err != nil {
		return err
	}
	p.SVG = doc
	if len(doc.Removed) > 0 {
		p.Warnings = append(p.Warnings, "left out of the SVG, so that it cannot act or fetch: "+strings.Join(doc.Removed, ", "))
	}
	ppi := s.FigurePPI
	if ppi <= 0 {
		ppi = CSSPixelsPerInch
	}
	w, h := doc.Width*ppi/CSSPixelsPerInch, doc.Height*ppi/CSSPixelsPerInch
	p.Width, p.Height = max(1, int(math.Round(w))), max(1, int(math.Round(h)))
	if !s.printing(print) || s.Render == nil {
		return nil
	}
	tw, th := s.target(w, h)
	if err := s.budget(tw, th); err != nil {
		return err
	}
	img, missing, err := s.Render(doc, tw, th)
	if err != nil {
		p.Warnings = append(p.Warnings, fmt.Sprintf("the print edition cannot draw it (%v) and shows its description instead", err))
		return nil
	}
	if len(missing) > 0 {
		p.Warnings = append(p.Warnings, "the print edition draws it without its "+strings.Join(missing, ", ")+" (the EPUB has them)")
	}
	smp := newSampler(tw, th, tw, th)
	smp.image(img)
	p.Print = smp.print()
	return nil
}

// checkEmbedded checks a PNG or JPEG inside an SVG as a picture file is checked.
func (s *Set) checkEmbedded(data []byte, mt string) error {
	if len(data) > MaxBytes {
		return errors.New("the embedded picture is too large")
	}
	got, err := sniff("", data)
	if err != nil || got != mt {
		return fmt.Errorf("the embedded picture is not a %s", strings.TrimPrefix(mt, "image/"))
	}
	_, _, _, err = s.decode(data, mt, false)
	return err
}
