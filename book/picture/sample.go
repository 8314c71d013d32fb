package picture

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// sampler reduces a picture to the size the page needs as its pixels arrive, in any order
// (an interlaced PNG sends them in passes): each target pixel is the average of the source
// pixels it covers (a box filter), colours weighted by their opacity. A sampler with a
// zero target only lets the pixels pass, for a picture that is checked but not printed.
type sampler struct {
	w, h, tw, th int
	xbin, ybin   []int32  // source column (row) → target column (row)
	cols, rows   []int32  // how many source columns (rows) each target column (row) covers
	acc          []uint32 // tw×th×4 sums: red, green, blue weighted by alpha, and alpha
	last         []uint32 // the sums of the last row, by target column, for repeat
	gray         bool     // every pixel so far has red = green = blue
}

// maxBin bounds the source pixels one target pixel averages, so that the sums fit 32 bits.
const maxBin = 1 << 24

func newSampler(w, h, tw, th int) *sampler {
	s := &sampler{w: w, h: h, gray: true}
	if tw <= 0 || th <= 0 {
		return s
	}
	tw, th = min(tw, w), min(th, h)
	for ((w+tw-1)/tw)*((h+th-1)/th) > maxBin {
		tw, th = min(2*tw, w), min(2*th, h)
	}
	s.tw, s.th = tw, th
	s.xbin, s.cols = bins(w, tw)
	s.ybin, s.rows = bins(h, th)
	s.acc = make([]uint32, tw*th*4)
	s.last = make([]uint32, tw*4)
	return s
}

// bins maps n source positions onto t target ones.
func bins(n, t int) ([]int32, []int32) {
	bin, count := make([]int32, n), make([]int32, t)
	for i := range n {
		b := int32(int64(i) * int64(t) / int64(n))
		bin[i] = b
		count[b]++
	}
	return bin, count
}

// row adds the pixels of source row y at columns x0, x0+dx, … (8-bit RGBA, not
// premultiplied).
func (s *sampler) row(y, x0, dx int, rgba []byte) {
	for i := 0; s.gray && i+3 < len(rgba); i += 4 {
		s.gray = rgba[i] == rgba[i+1] && rgba[i] == rgba[i+2]
	}
	if s.acc == nil {
		return
	}
	clear(s.last)
	for i, x := 0, x0; i+3 < len(rgba); i, x = i+4, x+dx {
		a := uint32(rgba[i+3])
		b := 4 * s.xbin[x]
		s.last[b] += (uint32(rgba[i])*a + 127) / 255
		s.last[b+1] += (uint32(rgba[i+1])*a + 127) / 255
		s.last[b+2] += (uint32(rgba[i+2])*a + 127) / 255
		s.last[b+3] += a
	}
	s.repeat(y)
}

// repeat adds source row y, the same as the last row given.
func (s *sampler) repeat(y int) {
	if s.acc == nil {
		return
	}
	dst := s.acc[int(s.ybin[y])*s.tw*4:][:s.tw*4]
	for i, v := range s.last {
		dst[i] += v
	}
}

// image adds a whole decoded picture.
func (s *sampler) image(img image.Image) {
	b := img.Bounds()
	rgba := make([]byte, 4*b.Dx())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		rowRGBA(rgba, img, y)
		s.row(y-b.Min.Y, 0, 1, rgba)
	}
}

// rowRGBA converts row y of img to 8-bit non-premultiplied RGBA, quickly for the kinds the
// decoders make.
func rowRGBA(dst []byte, img image.Image, y int) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr:
		for x := b.Min.X; x < b.Max.X; x++ {
			yi, ci := m.YOffset(x, y), m.COffset(x, y)
			r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			i := 4 * (x - b.Min.X)
			dst[i], dst[i+1], dst[i+2], dst[i+3] = r, g, bl, 0xff
		}
	case *image.Gray:
		row := m.Pix[m.PixOffset(b.Min.X, y):][:b.Dx()]
		for x, v := range row {
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = v, v, v, 0xff
		}
	case *image.Paletted:
		row := m.Pix[m.PixOffset(b.Min.X, y):][:b.Dx()]
		var pal [256][4]byte
		for i, c := range m.Palette {
			n := color.NRGBAModel.Convert(c).(color.NRGBA)
			pal[i] = [4]byte{n.R, n.G, n.B, n.A}
		}
		for i := len(m.Palette); i < 256; i++ {
			pal[i] = [4]byte{0, 0, 0, 0xff}
		}
		for x, v := range row {
			copy(dst[4*x:], pal[v][:])
		}
	case *image.CMYK:
		row := m.Pix[m.PixOffset(b.Min.X, y):][:4*b.Dx()]
		for x := 0; x < b.Dx(); x++ {
			r, g, bl := color.CMYKToRGB(row[4*x], row[4*x+1], row[4*x+2], row[4*x+3])
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = r, g, bl, 0xff
		}
	case *image.NRGBA:
		copy(dst, m.Pix[m.PixOffset(b.Min.X, y):][:4*b.Dx()])
	case *image.RGBA:
		row := m.Pix[m.PixOffset(b.Min.X, y):][:4*b.Dx()]
		for i := 0; i < len(row); i += 4 {
			a := uint32(row[i+3])
			if a == 0 {
				dst[i], dst[i+1], dst[i+2], dst[i+3] = 0, 0, 0, 0
				continue
			}
			for k := range 3 {
				dst[i+k] = byte(min(255, (uint32(row[i+k])*255+a/2)/a))
			}
			dst[i+3] = byte(a)
		}
	default:
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			i := 4 * (x - b.Min.X)
			dst[i], dst[i+1], dst[i+2], dst[i+3] = c.R, c.G, c.B, c.A
		}
	}
}

// print finishes the reduced picture: 8-bit samples, grey when every pixel was, alpha only
// when some pixel is not opaque, each compressed.
func (s *sampler) print() *Print {
	if s.acc == nil {
		return nil
	}
	pix, alpha, opaque := s.samples()
	p := &Print{Width: s.tw, Height: s.th, Gray: s.gray, Samples: compress(pix)}
	if !opaque {
		p.Alpha = compress(alpha)
	}
	return p
}

// printJPEG finishes a reduced photograph as a JPEG again (a photograph deflates badly).
func (s *sampler) printJPEG() (*Print, error) {
	pix, _, _ := s.samples()
	r := image.Rect(0, 0, s.tw, s.th)
	var img image.Image = &image.Gray{Pix: pix, Stride: s.tw, Rect: r}
	if !s.gray {
		rgba := image.NewRGBA(r)
		for i := range s.tw * s.th {
			copy(rgba.Pix[4*i:], pix[3*i:3*i+3])
			rgba.Pix[4*i+3] = 0xff
		}
		img = rgba
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		return nil, err
	}
	return &Print{Width: s.tw, Height: s.th, Gray: s.gray, JPEG: b.Bytes()}, nil
}

// samples are the reduced picture's 8-bit samples (one or three a pixel) and alpha.
func (s *sampler) samples() (pix, alpha []byte, opaque bool) {
	n := s.tw * s.th
	channels := 3
	if s.gray {
		channels = 1
	}
	pix = make([]byte, 0, n*channels)
	alpha = make([]byte, n)
	opaque = true
	for ty := range s.th {
		for tx := range s.tw {
			i := 4 * (ty*s.tw + tx)
			count := uint32(s.cols[tx]) * uint32(s.rows[ty])
			sa := s.acc[i+3]
			a := byte((sa + count/2) / count)
			var c [3]byte
			if sa > 0 {
				for k := range 3 {
					c[k] = byte(min(255, (uint64(s.acc[i+k])*255+uint64(sa)/2)/uint64(sa)))
				}
			}
			if s.gray {
				pix = append(pix, c[0])
			} else {
				pix = append(pix, c[0], c[1], c[2])
			}
			alpha[ty*s.tw+tx] = a
			opaque = opaque && a == 0xff
		}
	}
	return pix, alpha, opaque
}

var compressors = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.DefaultCompression)
	return zw
}}

// compress is what PDF's FlateDecode reads: a zlib stream.
func compress(data []byte) []byte {
	var b bytes.Buffer
	zw := compressors.Get().(*zlib.Writer)
	zw.Reset(&b)
	zw.Write(data)
	zw.Close()
	compressors.Put(zw)
	return b.Bytes()
}
