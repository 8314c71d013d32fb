// Package cover renders a typographic book cover as a PNG image.
//
// The cover is a solid deep-red field framed by a thin double rule, with
// the title set large in bold, an ornamental rule, the subtitle in italic,
// the author in letter-spaced capitals near the foot and, optionally, the
// publisher below that. Everything is drawn in a single light colour, so the
// image is stored as a two-colour palette ramp (one byte per pixel) and stays
// small, and it reads well in greyscale on e-ink and as a thumbnail.
//
// Rendering is pure Go and deterministic: the same Spec and Fonts always
// produce the same bytes.
//
// The files: cover.go renders and encodes the picture; layout.go places the
// frame, the publisher, the author and the title group; text.go splits
// titles and names and wraps lines; type.go sizes and rasterises the
// book's faces (read by book/font); canvas.go draws rules, ornaments and
// glyph masks.
package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"

	"bindery/book/font"
)

// Default cover size in pixels (a 1:1.6 portrait, the usual e-book cover).
const (
	DefaultWidth  = 1600
	DefaultHeight = 2560
)

// maxPixels bounds the canvas so that a silly Spec cannot exhaust memory.
const maxPixels = 10000 * 10000

// Spec is what goes on a typographic cover.
type Spec struct {
	// Title is the book's title. If it contains ": " and the part before
	// it is non-empty, that part becomes the large title and the rest
	// becomes the (first) subtitle: "Bolivia: power within grasp" gives a
	// big "Bolivia" and a smaller "power within grasp".
	Title string
	// Subtitle is an optional explicit subtitle. It is set after any
	// subtitle split off the Title (unless it repeats it).
	Subtitle string
	// Author is set in capitals near the foot of the cover.
	Author string
	// Publisher is optional, set small at the foot.
	Publisher string
	// Width and Height are the size in pixels; if either is zero, the
	// default 1600×2560 is used.
	Width, Height int
}

// Fonts are the faces of the book's family the cover is set in (the faces
// the layout measures with). Regular is required; Italic and Bold fall back
// to Regular when nil.
type Fonts struct{ Regular, Italic, Bold *font.Face }

// Colours: a deep red field with warm off-white ink. In greyscale the
// field is about 23% grey and the ink about 92%, strong contrast on e-ink.
var (
	background = color.NRGBA{0x8b, 0x1a, 0x1a, 0xff}
	ink        = color.NRGBA{0xf4, 0xec, 0xd8, 0xff}
)

// Render draws the cover described by s with the fonts f and returns it
// encoded as PNG.
func Render(s Spec, f Fonts) (out []byte, err error) {
	// The outlines come from font files; make sure a malformed one can only
	// ever produce an error.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("cover: rendering failed: %v", r)
		}
	}()

	c, err := render(s, f)
	if err != nil {
		return nil, err
	}
	// A cover's PNG is about a byte per 40 to 60 pixels: room for that at once, where
	// doubling as it is written made twice as much fresh memory. Made by make, not Grow
	// (which zeroes it all): pages never written cost nothing.
	buf := bytes.NewBuffer(make([]byte, 0, min(c.bounds.Dx()*c.bounds.Dy()/32, 1<<20)))
	if err := writePNG(buf, c, palette()); err != nil {
		return nil, fmt.Errorf("cover: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// render lays out and draws the cover.
func render(s Spec, f Fonts) (*canvas, error) {
	w, h := s.Width, s.Height
	if w == 0 || h == 0 {
		w, h = DefaultWidth, DefaultHeight
	}
	if w < 0 || h < 0 || w > 10000 || h > 10000 || w*h > maxPixels {
		return nil, fmt.Errorf("cover: invalid size %d×%d", w, h)
	}
	if w < 64 || h < 64 {
		return nil, fmt.Errorf("cover: size %d×%d too small", w, h)
	}

	title, subs := splitTitle(s.Title, s.Subtitle)
	if title == "" {
		return nil, errors.New("cover: empty title")
	}

	s0 := &scratch{}
	regular, err := newTypeface("regular", f.Regular, nil, s0)
	if err != nil {
		return nil, err
	}
	italic, err := newTypeface("italic", f.Italic, regular, s0)
	if err != nil {
		return nil, err
	}
	bold, err := newTypeface("bold", f.Bold, regular, s0)
	if err != nil {
		return nil, err
	}

	c := &canvas{
		bounds: image.Rect(0, 0, w, h),
		W:      float64(w),
		H:      float64(h),
		U:      math.Min(float64(w), 1.6*float64(h)),
	}
	c.layout(title, subs, clean(s.Author), clean(s.Publisher), regular, italic, bold)
	return c, nil
}

// palette ramps from the background to the ink colour: a coverage (0..255) is the colour's
// index.
func palette() color.Palette {
	pal := make(color.Palette, 256)
	for i := range pal {
		pal[i] = mix(background, ink, i)
	}
	return pal
}

// mix blends a towards b by i/255.
func mix(a, b color.NRGBA, i int) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8((int(x)*(255-i) + int(y)*i + 127) / 255) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}
