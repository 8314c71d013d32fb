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
package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
	"golang.org/x/text/unicode/norm"
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

// Fonts holds the bytes of TrueType/OpenType font files. Regular is
// required; Italic and Bold fall back to Regular when empty.
type Fonts struct{ Regular, Italic, Bold []byte }

// Colours: a deep red field with warm off-white ink. In greyscale the
// field is about 23% grey and the ink about 92%, strong contrast on e-ink.
var (
	background = color.NRGBA{0x8b, 0x1a, 0x1a, 0xff}
	ink        = color.NRGBA{0xf4, 0xec, 0xd8, 0xff}
)

// Render draws the cover described by s with the fonts f and returns it
// encoded as PNG.
func Render(s Spec, f Fonts) (out []byte, err error) {
	// The font parser and rasteriser deal with untrusted bytes; make sure a
	// malformed font can only ever produce an error.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("cover: rendering failed: %v", r)
		}
	}()

	img, err := render(s, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	// Measured on the default cover: BestCompression gives 41 KB but takes
	// 140-250 ms, the default level 48 KB in about 30 ms, BestSpeed 50 KB in
	// about 7 ms: a cover is drawn on every build, so speed wins.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("cover: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// render lays out and draws the cover as a paletted image.
func render(s Spec, f Fonts) (*image.Paletted, error) {
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

	regular, err := parseFont("regular", f.Regular, nil)
	if err != nil {
		return nil, err
	}
	italic, err := parseFont("italic", f.Italic, regular)
	if err != nil {
		return nil, err
	}
	bold, err := parseFont("bold", f.Bold, regular)
	if err != nil {
		return nil, err
	}

	c := &canvas{
		mask: image.NewAlpha(image.Rect(0, 0, w, h)),
		W:    float64(w),
		H:    float64(h),
		U:    math.Min(float64(w), 1.6*float64(h)),
	}
	if err := c.layout(title, subs, clean(s.Author), clean(s.Publisher), regular, italic, bold); err != nil {
		return nil, err
	}

	// The mask holds ink coverage 0..255; a palette ramping from the
	// background to the ink colour turns it directly into the picture.
	pal := make(color.Palette, 256)
	for i := range pal {
		pal[i] = mix(background, ink, i)
	}
	return &image.Paletted{Pix: c.mask.Pix, Stride: c.mask.Stride, Rect: c.mask.Rect, Palette: pal}, nil
}

// mix blends a towards b by i/255.
func mix(a, b color.NRGBA, i int) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8((int(x)*(255-i) + int(y)*i + 127) / 255) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}

// splitTitle returns the main title and the subtitle paragraphs.
func splitTitle(title, subtitle string) (string, []string) {
	title = clean(title)
	subtitle = clean(subtitle)
	var subs []string
	if i := strings.Index(title, ": "); i > 0 {
		main, rest := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+2:])
		if main != "" && rest != "" {
			title = main
			subs = append(subs, rest)
		}
	}
	if subtitle != "" && (len(subs) == 0 || !strings.EqualFold(subs[0], subtitle)) {
		subs = append(subs, subtitle)
	}
	return title, subs
}

// clean normalises s to NFC and collapses all white space (including line
// breaks) to single spaces. Control characters are dropped.
func clean(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// splitNames splits a list of two or three authors joined by "and", "&"
// or ";" into separate names; anything else is returned as one name.
// Commas are left alone: "Quispe, Ana María" is one name.
func splitNames(s string) []string {
	var names []string
	for _, n := range strings.Split(strings.NewReplacer(" and ", ";", " & ", ";").Replace(s), ";") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) < 2 || len(names) > 3 {
		return []string{s}
	}
	return names
}

// typeface is a parsed font.
type typeface struct {
	font *sfnt.Font
	buf  sfnt.Buffer
}

func parseFont(name string, data []byte, fallback *typeface) (*typeface, error) {
	if len(data) == 0 {
		if fallback != nil {
			return fallback, nil
		}
		return nil, fmt.Errorf("cover: no %s font", name)
	}
	fnt, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("cover: parsing %s font: %w", name, err)
	}
	t := &typeface{font: fnt}
	// A font without Latin letters (or one whose cmap is unusable) would
	// render nothing; reject it early.
	if !t.has('A') {
		return nil, fmt.Errorf("cover: %s font has no glyph for 'A'", name)
	}
	return t, nil
}

// has reports whether the font has a real glyph (not .notdef) for r.
func (t *typeface) has(r rune) bool {
	if r == ' ' {
		return true
	}
	x, err := t.font.GlyphIndex(&t.buf, r)
	return err == nil && x != 0
}

// filter drops the characters the font cannot draw, so that scripts the
// font does not cover are skipped instead of showing .notdef boxes.
func (t *typeface) filter(s string) string {
	s = strings.Map(func(r rune) rune {
		if t.has(r) {
			return r
		}
		return -1
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// face is a font at a size, with letter-spacing.
type face struct {
	font.Face
	size  float64 // pixels per em
	track fixed.Int26_6
	capH  float64 // height of capitals above the baseline, in pixels
}

func (t *typeface) face(size, tracking float64) (*face, error) {
	ff, err := opentype.NewFace(t.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	capH := 0.68 * size
	if b, _, ok := ff.GlyphBounds('H'); ok && b.Min.Y < 0 {
		capH = float64(-b.Min.Y) / 64
	}
	return &face{Face: ff, size: size, track: fixed.Int26_6(math.Round(tracking * size * 64)), capH: capH}, nil
}

// width is the advance width of s in pixels, including kerning and
// letter-spacing between (not after) the characters.
func (f *face) width(s string) float64 {
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += f.Kern(prev, r) + f.track
		}
		a, _ := f.GlyphAdvance(r)
		w += a
		prev = r
	}
	return float64(w) / 64
}

// canvas is the coverage mask being drawn, with the page size in pixels.
// U is the unit that type and ornament sizes are proportional to: the
// width, except on covers so wide that the width would make them too big
// for the height.
type canvas struct {
	mask    *image.Alpha
	W, H, U float64
}

// text draws s with its left end of the baseline at (x, y).
func (c *canvas) text(f *face, s string, x, y float64) {
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r) + f.track
		}
		dr, mask, mp, adv, ok := f.Glyph(dot, r)
		if ok {
			if m, isAlpha := mask.(*image.Alpha); isAlpha {
				c.composite(dr, m, mp)
			}
		}
		dot.X += adv
		prev = r
	}
}

// centred draws each line centred horizontally, the first baseline at y,
// and returns the baseline of the last line.
func (c *canvas) centred(f *face, lines []string, y, leading float64) float64 {
	for i, l := range lines {
		if i > 0 {
			y += leading
		}
		c.text(f, l, (c.W-f.width(l))/2, y)
	}
	return y
}

// composite paints ink through the coverage mask m (at mp) onto dr.
func (c *canvas) composite(dr image.Rectangle, m *image.Alpha, mp image.Point) {
	clip := dr.Intersect(c.mask.Rect)
	if clip.Empty() {
		return
	}
	mp = mp.Add(clip.Min.Sub(dr.Min))
	for y := 0; y < clip.Dy(); y++ {
		d := c.mask.Pix[c.mask.PixOffset(clip.Min.X, clip.Min.Y+y):]
		s := m.Pix[m.PixOffset(mp.X, mp.Y+y):]
		for x := 0; x < clip.Dx(); x++ {
			a := uint32(s[x])
			if a == 0 {
				continue
			}
			// Porter-Duff "over" with opaque ink.
			d[x] = uint8((a*255 + uint32(d[x])*(255-a) + 127) / 255)
		}
	}
}

// rect fills the axis-aligned rectangle [x0,x1)×[y0,y1) with exact
// anti-aliased coverage at its fractional edges.
func (c *canvas) rect(x0, y0, x1, y1 float64) {
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(c.mask.Rect)
	overlap := func(p int, lo, hi float64) float64 {
		return math.Max(0, math.Min(float64(p+1), hi)-math.Max(float64(p), lo))
	}
	m := image.NewAlpha(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		cy := overlap(y, y0, y1)
		for x := r.Min.X; x < r.Max.X; x++ {
			m.Pix[m.PixOffset(x, y)] = uint8(math.Round(255 * cy * overlap(x, x0, x1)))
		}
	}
	c.composite(r, m, r.Min)
}

// frame strokes the rectangle [x0,x1]×[y0,y1] with a line t wide
// (centred on the rectangle's edges).
func (c *canvas) frame(x0, y0, x1, y1, t float64) {
	h := t / 2
	c.rect(x0-h, y0-h, x1+h, y0+h) // top
	c.rect(x0-h, y1-h, x1+h, y1+h) // bottom
	c.rect(x0-h, y0+h, x0+h, y1-h) // left
	c.rect(x1-h, y0+h, x1+h, y1-h) // right
}

// diamond fills a lozenge centred on (cx, cy) with half-width rx and
// half-height ry.
func (c *canvas) diamond(cx, cy, rx, ry float64) {
	r := image.Rect(int(math.Floor(cx-rx)), int(math.Floor(cy-ry)), int(math.Ceil(cx+rx)), int(math.Ceil(cy+ry)))
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	z.DrawOp = draw.Src
	z.MoveTo(float32(cx-ox), float32(cy-ry-oy))
	z.LineTo(float32(cx+rx-ox), float32(cy-oy))
	z.LineTo(float32(cx-ox), float32(cy+ry-oy))
	z.LineTo(float32(cx-rx-ox), float32(cy-oy))
	z.ClosePath()
	m := image.NewAlpha(image.Rect(0, 0, r.Dx(), r.Dy()))
	z.Draw(m, m.Rect, image.Opaque, image.Point{})
	c.composite(r, m, image.Point{})
}

// ornament draws a short rule broken by a lozenge, centred on (cx, cy).
func (c *canvas) ornament(cx, cy float64) {
	W := c.U
	t := math.Max(1, 0.0035*W) // rule thickness
	half := 0.12 * W           // half the ornament's length
	gap := 0.022 * W           // space between rule and lozenge
	rx, ry := 0.011*W, 0.016*W // lozenge
	c.rect(cx-half, cy-t/2, cx-gap, cy+t/2)
	c.rect(cx+gap, cy-t/2, cx+half, cy+t/2)
	c.diamond(cx, cy, rx, ry)
}

// wrap breaks text into lines no wider than maxW, balancing the line
// lengths. Lines break at spaces and after hyphens and dashes inside
// words. It reports whether some piece was wider than maxW by itself (such
// pieces are broken between characters).
func wrap(f *face, text string, maxW float64) (lines []string, overflow bool) {
	type piece struct {
		text  string
		space bool // preceded by a space
	}
	var pieces []piece
	add := func(p string, space bool) {
		if f.width(p) <= maxW {
			pieces = append(pieces, piece{p, space})
			return
		}
		overflow = true
		var cur []rune
		for _, r := range p {
			if len(cur) > 0 && f.width(string(append(cur, r))) > maxW {
				pieces = append(pieces, piece{string(cur), space})
				cur, space = cur[:0], false
			}
			cur = append(cur, r)
		}
		if len(cur) > 0 {
			pieces = append(pieces, piece{string(cur), space})
		}
	}
	for _, wd := range strings.Fields(text) {
		space := true
		for {
			i := breakAfter(wd)
			if i < 0 {
				break
			}
			add(wd[:i], space)
			wd, space = wd[i:], false
		}
		add(wd, space)
	}
	if len(pieces) == 0 {
		return nil, overflow
	}

	greedy := func(limit float64) []string {
		var out []string
		line := pieces[0].text
		for _, p := range pieces[1:] {
			cand := line + p.text
			if p.space {
				cand = line + " " + p.text
			}
			if f.width(cand) <= limit {
				line = cand
			} else {
				out = append(out, line)
				line = p.text
			}
		}
		return append(out, line)
	}
	lines = greedy(maxW)
	if len(lines) < 2 {
		return lines, overflow
	}
	// Find the narrowest measure that still needs no more lines, so that
	// the lines come out of similar length rather than with a short last
	// line (a fixed number of bisection steps keeps this cheap).
	lo, hi := widest(f, lines)*0.5, maxW
	for range 12 {
		mid := (lo + hi) / 2
		if l := greedy(mid); len(l) <= len(lines) && widest(f, l) <= mid {
			hi = mid
		} else {
			lo = mid
		}
	}
	return greedy(hi), overflow
}

// breakAfter returns the byte offset just after the first hyphen or dash
// in w that has a letter or digit on both sides, or -1.
func breakAfter(w string) int {
	rs := []rune(w)
	off := 0
	for i, r := range rs {
		off += utf8.RuneLen(r)
		if (r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014' || r == '/') &&
			i > 0 && i < len(rs)-1 && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
			return off
		}
	}
	return -1
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func widest(f *face, lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, f.width(l))
	}
	return w
}

// layout places and draws everything.
func (c *canvas) layout(title string, subs []string, author, publisher string, regular, italic, bold *typeface) error {
	W, H, U := c.W, c.H, c.U

	// Drop characters the fonts cannot draw.
	// A title made only of such characters leaves the title lines out
	// (the rest of the cover is still drawn).
	title = bold.filter(title)
	var kept []string
	for _, sub := range subs {
		if sub = italic.filter(sub); sub != "" {
			kept = append(kept, sub)
		}
	}
	subs = kept
	author = regular.filter(author)
	publisher = strings.ToUpper(regular.filter(publisher))

	// The frame: a double rule, inset by the same distance on every side
	// (unless the cover is oddly proportioned), always clear of the outer
	// 4% of the cover.
	ix, iy := math.Max(0.07*U, 0.046*W), math.Max(0.07*U, 0.046*H)
	if m := math.Max(ix, iy); m < 0.1*math.Min(W, H) {
		ix, iy = m, m
	}
	ix, iy = math.Round(ix), math.Round(iy)
	outerT := math.Max(1, 0.004*U)
	innerT := math.Max(1, 0.0018*U)
	step := 0.014 * U
	c.frame(ix, iy, W-ix, H-iy, outerT)
	c.frame(ix+step, iy+step, W-ix-step, H-iy-step, innerT)
	inner := iy + step // inside edge of the frame's top and bottom

	measure := 0.80 * W // width available to the title
	titleSize := 0.15 * U

	// Publisher: small spaced capitals just above the foot of the frame.
	footY := H - inner - 0.045*U // baseline
	if publisher != "" {
		// Shrink a long name to fit one line; if that would make it too
		// small, use more (at most three) lines.
		size := 0.026 * U
		pf, err := regular.face(size, 0.18)
		if err != nil {
			return err
		}
		pw := 0.66 * W
		if w := pf.width(publisher); w > pw {
			size = math.Max(size*pw/w, 0.019*U)
			if pf, err = regular.face(size, 0.18); err != nil {
				return err
			}
		}
		lines, _ := wrap(pf, publisher, pw)
		if len(lines) > 3 {
			lines = lines[:3]
		}
		lead := 1.9 * pf.capH
		c.centred(pf, lines, footY-lead*float64(len(lines)-1), lead)
		footY -= lead*float64(len(lines)-1) + pf.capH + 0.05*U
	} else {
		footY -= 0.02 * U
	}

	// Author: spaced capitals, near the bottom.
	authorTop := footY
	if author != "" {
		// Several authors go one to a line; a single long name may take
		// two lines.
		names := splitNames(author)
		for i := range names {
			names[i] = strings.ToUpper(names[i])
		}
		size := 0.048 * U
		var af *face
		var lines []string
		for {
			var err error
			af, err = regular.face(size, 0.12)
			if err != nil {
				return err
			}
			lines = lines[:0]
			over := false
			for _, n := range names {
				l, o := wrap(af, n, 0.78*W)
				lines = append(lines, l...)
				over = over || o
			}
			fits := len(lines) == len(names) || (len(names) == 1 && len(lines) <= 2)
			if (!over && fits) || size < 0.028*U {
				break
			}
			size *= 0.92
		}
		lead := 1.9 * af.capH
		last := footY - 0.04*U
		first := last - lead*float64(len(lines)-1)
		c.centred(af, lines, first, lead)
		authorTop = first - af.capH
	}

	// Title, ornament and subtitle form one group in the upper part.
	regionTop := inner + 0.09*U
	regionBot := authorTop - 0.10*U
	avail := regionBot - regionTop

	type group struct {
		tf, sf         *face
		tLines         []string
		sLines         [][]string
		tLead, sLead   float64
		height         float64
		ornGap, subGap float64
	}
	build := func(k float64) (group, bool, error) {
		var g group
		var err error
		g.tf, err = bold.face(titleSize*k, 0)
		if err != nil {
			return g, false, err
		}
		g.sf, err = italic.face(0.06*U*math.Min(1, 0.35+k), 0)
		if err != nil {
			return g, false, err
		}
		var over bool
		g.tLines, over = wrap(g.tf, title, measure)
		// Prefer shrinking to breaking a word, but not below about half
		// the full size: very long words are better broken than tiny.
		ok := (!over || k < 0.5) && len(g.tLines) <= 4
		g.tLead = 1.12 * g.tf.size
		g.sLead = 1.3 * g.sf.size
		g.ornGap = 0.35*g.tf.capH + 0.05*U
		g.subGap = 0.05 * U
		if len(g.tLines) > 0 {
			g.height = g.tf.capH + g.tLead*float64(len(g.tLines)-1)
		}
		g.height += g.ornGap
		if len(subs) > 0 {
			g.height += g.subGap + g.sf.capH
			for i, s := range subs {
				l, o := wrap(g.sf, s, 0.72*W)
				ok = ok && (!o || k < 0.5)
				g.sLines = append(g.sLines, l)
				if i > 0 {
					g.height += 1.6 * g.sLead
				}
				g.height += g.sLead * float64(len(l)-1)
			}
			g.height += 0.25 * g.sf.size // descenders
		}
		return g, ok && g.height <= avail, nil
	}

	var g group
	for k := 1.0; ; k *= 0.94 {
		var ok bool
		var err error
		g, ok, err = build(k)
		if err != nil {
			return err
		}
		if ok || titleSize*k < 0.03*U {
			break
		}
	}

	// Sit the group a little above the middle of its region, but never
	// above the region's top.
	top := regionTop + math.Max(0, (avail-g.height)*0.42)
	y := top
	if len(g.tLines) > 0 {
		y = c.centred(g.tf, g.tLines, top+g.tf.capH, g.tLead)
	}
	y += g.ornGap
	c.ornament(W/2, y)
	if len(g.sLines) > 0 {
		y += g.subGap + g.sf.capH
		for i, l := range g.sLines {
			if i > 0 {
				y += 1.6 * g.sLead
			}
			y = c.centred(g.sf, l, y, g.sLead)
		}
	}
	return nil
}
