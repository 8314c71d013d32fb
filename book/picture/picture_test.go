package picture

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"bindery/book/picture/picturetest"
)

// pixels returns a prepared picture's 8-bit RGBA samples.
func pixels(t *testing.T, p *Print) []byte {
	t.Helper()
	inflate := func(b []byte) []byte {
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	samples := inflate(p.Samples)
	alpha := bytes.Repeat([]byte{0xff}, p.Width*p.Height)
	if p.Alpha != nil {
		alpha = inflate(p.Alpha)
	}
	out := make([]byte, 0, 4*p.Width*p.Height)
	for i := range p.Width * p.Height {
		if p.Gray {
			out = append(out, samples[i], samples[i], samples[i], alpha[i])
		} else {
			out = append(out, samples[3*i], samples[3*i+1], samples[3*i+2], alpha[i])
		}
	}
	return out
}

// decodeFull reads a PNG with our decoder at its own size.
func decodeFull(data []byte) (*Print, error) {
	pr, h, err := readPNGHeader(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, err
	}
	s := newSampler(h.width, h.height, h.width, h.height)
	if err := decodePNG(pr, h, s); err != nil {
		return nil, err
	}
	return s.print(), nil
}

// TestPNGAgainstImagePNG: our row-at-a-time decoder gives image/png's pixels (as 8-bit
// NRGBA) on PngSuite and Go's own test pictures: every colour type and depth, palettes with
// transparency, interlaced files; and refuses the files image/png refuses.
func TestPNGAgainstImagePNG(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src/image/png/testdata/pngsuite/*.png"))
	more, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src/image/png/testdata/*.png"))
	files = append(files, more...)
	if len(files) < 40 {
		t.Skipf("Go's PNG test files are not here (%d found)", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		want, werr := png.Decode(bytes.NewReader(data))
		got, gerr := decodeFull(data)
		if (werr == nil) != (gerr == nil) {
			t.Errorf("%s: image/png says %v, we say %v", name, werr, gerr)
			continue
		}
		if werr != nil {
			continue
		}
		comparePixels(t, name, want, pixels(t, got))
	}
}

// comparePixels: alpha exact, colour weighted by alpha within one step (the sampler averages
// premultiplied colours).
func comparePixels(t *testing.T, name string, want image.Image, got []byte) {
	t.Helper()
	b := want.Bounds()
	bad := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
			i := 4 * ((y-b.Min.Y)*b.Dx() + x - b.Min.X)
			g := got[i : i+4]
			ok := g[3] == c.A
			for k, v := range []uint8{c.R, c.G, c.B} {
				d := int(g[k])*int(c.A)/255 - int(v)*int(c.A)/255
				ok = ok && d >= -1 && d <= 1
			}
			if !ok {
				if bad++; bad <= 3 {
					t.Errorf("%s: pixel %d,%d is %v, image/png says %v", name, x, y, g, c)
				}
			}
		}
	}
}

// TestDamagedPNG: a PNG cut anywhere, or with a byte changed, is refused with an error,
// never a panic.
func TestDamagedPNG(t *testing.T) {
	var b bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	png.Encode(&b, img)
	data := b.Bytes()
	for cut := 0; cut < len(data); cut += 7 {
		if _, err := decodeFull(data[:cut]); err == nil {
			t.Errorf("cut at %d of %d: no error", cut, len(data))
		}
	}
	for i := 8; i < len(data); i += 5 {
		bad := bytes.Clone(data)
		bad[i] ^= 0x55
		_, err := decodeFull(bad)
		_, werr := png.Decode(bytes.NewReader(bad))
		if werr != nil && err == nil {
			t.Errorf("byte %d changed: image/png refuses it (%v), we do not", i, werr)
		}
	}
}

func TestDownsample(t *testing.T) {
	// 1000×500: the left half black, the right half white, opaque.
	img := image.NewGray(image.Rect(0, 0, 1000, 500))
	for y := range 500 {
		for x := 500; x < 1000; x++ {
			img.Pix[y*1000+x] = 0xff
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	pr, h, err := readPNGHeader(bufio.NewReader(bytes.NewReader(b.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	s := newSampler(h.width, h.height, 100, 50)
	if err := decodePNG(pr, h, s); err != nil {
		t.Fatal(err)
	}
	p := s.print()
	if p.Width != 100 || p.Height != 50 || !p.Gray || p.Alpha != nil {
		t.Fatalf("got %d×%d gray=%v alpha=%v", p.Width, p.Height, p.Gray, p.Alpha != nil)
	}
	px := pixels(t, p)
	if px[4*(10*100+10)] != 0 || px[4*(10*100+90)] != 0xff {
		t.Errorf("halves not kept: %v %v", px[4*(10*100+10)], px[4*(10*100+90)])
	}
}

// loadBytes writes data to a file and loads it with an A5 page.
func loadBytes(t *testing.T, s *Set, name string, data []byte) (*Picture, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return s.Load(name, path, true)
}

func a5() *Set { return &Set{PageWidth: 420, PageHeight: 595, FigurePPI: 150} }

// TestHugePNGBounded (issue 11): a 100-megapixel 16-bit PNG is decoded once, a row at a
// time, into what an A5 page needs at 300 ppi: what it allocates is counted, not timed.
// (10 megapixels under the race detector: see raceEnabled.)
func TestHugePNGBounded(t *testing.T) {
	w, h := 10000, 10000
	if raceEnabled {
		h = 1000
	}
	data := picturetest.HugePNG(w, h)
	if len(data) > MaxBytes {
		t.Fatalf("the test picture is %d MB", len(data)>>20)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := loadBytes(t, a5(), "huge.png", data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	// The page is 420×595 pt: 5.83 in wide, 1750 pixels at 300 ppi.
	if p.Width != w || p.Print.Width != 1750 || p.Print.Height != 1750*h/w || p.Print.Gray {
		t.Errorf("picture %d×%d, print %d×%d gray=%v", p.Width, p.Height, p.Print.Width, p.Print.Height, p.Print.Gray)
	}
	// image/png alone would allocate 800 MB (8 bytes a pixel) for 100 megapixels.
	if alloc := (after.TotalAlloc - before.TotalAlloc) >> 20; alloc > 150 {
		t.Errorf("loading allocated %d MB; want at most 150", alloc)
	} else {
		t.Logf("loading allocated %d MB", alloc)
	}
	px := pixels(t, p.Print)
	if l, r := px[0:3], px[len(px)-4:len(px)-1]; l[0] < 250 || l[2] > 5 || r[0] > 5 || r[2] < 250 {
		t.Errorf("the gradient is lost: left %v, right %v", l, r)
	}
}

func TestLimits(t *testing.T) {
	// A header claiming 20,000 × 20,000 pixels: refused before any pixel is read.
	var ihdr [13]byte
	copy(ihdr[:], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2})
	claim := append([]byte("\x89PNG\r\n\x1a\n"), picturetest.Chunk("IHDR", ihdr[:])...)
	if _, err := loadBytes(t, a5(), "claim.png", claim); err == nil || !strings.Contains(err.Error(), "20000×20000 pixels is too large") {
		t.Errorf("err = %v", err)
	}
	// The book's budget: ten pictures at the limit are fine, the eleventh is not.
	s := a5()
	s.pixels = BookPixels - 50_000_000
	copy(ihdr[:], []byte{0, 0, 0x23, 0x28, 0, 0, 0x23, 0x28, 8, 2}) // 9000 × 9000
	claim = append([]byte("\x89PNG\r\n\x1a\n"), picturetest.Chunk("IHDR", ihdr[:])...)
	if _, err := loadBytes(t, s, "big.png", claim); err == nil || !strings.Contains(err.Error(), "more than 1000 megapixels") {
		t.Errorf("err = %v", err)
	}
	if _, err := loadBytes(t, a5(), "page.html", []byte("<!doctype html><svg><script>x</script>")); err == nil || !strings.Contains(err.Error(), "not an image type") && !strings.Contains(err.Error(), "not") {
		t.Errorf("err = %v", err)
	}
}

// TestKinds: JPEG, GIF (its first frame) and SVG are prepared for print; a JPEG that the page
// needs whole goes in as it is.
func TestKinds(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	var j bytes.Buffer
	jpeg.Encode(&j, img, nil)
	p, err := loadBytes(t, a5(), "a.jpg", j.Bytes())
	if err != nil || p.Type != "image/jpeg" || !bytes.Equal(p.Print.JPEG, j.Bytes()) || p.Width != 60 {
		t.Errorf("JPEG: %v %+v", err, p)
	}
	var g bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Transparent, color.NRGBA{0, 0, 255, 255}})
	pal.Pix[0] = 1
	gif.EncodeAll(&g, &gif.GIF{Image: []*image.Paletted{pal, pal}, Delay: []int{10, 10}})
	p, err = loadBytes(t, a5(), "a.gif", g.Bytes())
	if err != nil || p.Print == nil || p.Print.Alpha == nil || p.Width != 8 {
		t.Fatalf("GIF: %v %+v", err, p)
	}
	if px := pixels(t, p.Print); px[2] != 0xff || px[3] != 0xff || px[7] != 0 {
		t.Errorf("GIF pixels %v", px[:8])
	}
}
