package picture

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/klauspost/compress/zlib"
)

// A PNG is read row by row into a sampler: the picture is never held at its full size,
// whatever its depth (image/png would hold a 100-megapixel 16-bit RGB picture as 800 MB).
// The checks are image/png's: the signature, every chunk's CRC, the zlib stream's checksum,
// exactly the pixel data the header promises, and an IEND.

// pngHeader is what IHDR says.
type pngHeader struct {
	width, height int
	depth         int // bits per sample: 1, 2, 4, 8 or 16
	colour        int // 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA
	interlaced    bool
}

func (h pngHeader) channels() int {
	return map[int]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[h.colour]
}

// bitsPerPixel of the packed samples.
func (h pngHeader) bitsPerPixel() int { return h.channels() * h.depth }

// gray: the picture has no colour.
func (h pngHeader) gray() bool { return h.colour == 0 || h.colour == 4 }

var errPNGSignature = errors.New("not a PNG file")

// pngReader reads the chunks of a PNG.
type pngReader struct {
	r       *bufio.Reader
	typ     string // the chunk being read
	left    uint32 // its bytes not yet read
	crc     uint32 // of its type and the bytes read so far
	pending bool   // a chunk header was read and not yet handled
}

// next reads the next chunk's header.
func (p *pngReader) next() error {
	var h [8]byte
	if _, err := io.ReadFull(p.r, h[:]); err != nil {
		return truncated(err)
	}
	n := binary.BigEndian.Uint32(h[:4])
	if n > 0x7fffffff {
		return errors.New("a chunk claims more than 2 GB")
	}
	p.typ, p.left = string(h[4:]), n
	p.crc = crc32.Update(0, crc32.IEEETable, h[4:])
	return nil
}

// Read reads the current chunk's data.
func (p *pngReader) Read(b []byte) (int, error) {
	if p.left == 0 {
		return 0, io.EOF
	}
	if uint32(len(b)) > p.left {
		b = b[:p.left]
	}
	n, err := p.r.Read(b)
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b[:n])
	p.left -= uint32(n)
	if err == io.EOF && p.left > 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// end reads the rest of the chunk and checks its CRC.
func (p *pngReader) end() error {
	if _, err := io.Copy(io.Discard, p); err != nil {
		return truncated(err)
	}
	var c [4]byte
	if _, err := io.ReadFull(p.r, c[:]); err != nil {
		return truncated(err)
	}
	if binary.BigEndian.Uint32(c[:]) != p.crc {
		return fmt.Errorf("the %s chunk's checksum is wrong", p.typ)
	}
	return nil
}

// idatReader reads the data of consecutive IDAT chunks as one stream.
type idatReader struct{ p *pngReader }

func (r idatReader) Read(b []byte) (int, error) {
	for r.p.left == 0 {
		if err := r.p.end(); err != nil {
			return 0, err
		}
		if err := r.p.next(); err != nil {
			return 0, err
		}
		if r.p.typ != "IDAT" {
			r.p.pending = true
			return 0, io.EOF
		}
	}
	return r.p.Read(b)
}

func truncated(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errors.New("the file ends too soon")
	}
	return err
}

// readPNGHeader reads the signature and IHDR: the size and kind of the picture, before
// any pixel.
func readPNGHeader(r *bufio.Reader) (*pngReader, pngHeader, error) {
	var h pngHeader
	sig := make([]byte, 8)
	if _, err := io.ReadFull(r, sig); err != nil || !bytes.Equal(sig, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, h, errPNGSignature
	}
	p := &pngReader{r: r}
	if err := p.next(); err != nil {
		return nil, h, err
	}
	if p.typ != "IHDR" || p.left != 13 {
		return nil, h, errors.New("it does not begin with a header (IHDR)")
	}
	var ih [13]byte
	if _, err := io.ReadFull(p, ih[:]); err != nil {
		return nil, h, truncated(err)
	}
	if err := p.end(); err != nil {
		return nil, h, err
	}
	w, hh := binary.BigEndian.Uint32(ih[0:]), binary.BigEndian.Uint32(ih[4:])
	if w == 0 || hh == 0 || w > 0x7fffffff || hh > 0x7fffffff {
		return nil, h, fmt.Errorf("a size of %d×%d pixels", w, hh)
	}
	h = pngHeader{width: int(w), height: int(hh), depth: int(ih[8]), colour: int(ih[9])}
	valid := map[int][]int{0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
	ok := false
	for _, d := range valid[h.colour] {
		ok = ok || d == h.depth
	}
	if !ok {
		return nil, h, fmt.Errorf("colour type %d at %d bits is not a PNG format", h.colour, h.depth)
	}
	if ih[10] != 0 || ih[11] != 0 || ih[12] > 1 {
		return nil, h, errors.New("an unknown compression, filter or interlace method")
	}
	h.interlaced = ih[12] == 1
	return p, h, nil
}

// adam7 are the interlace passes: first column and row, column and row steps.
var adam7 = [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}

// decodePNG reads the rest of a PNG whose header readPNGHeader read, handing every pixel,
// as 8-bit non-premultiplied RGBA, to s.
func decodePNG(p *pngReader, h pngHeader, s *sampler) error {
	var palette [256][4]byte
	for i := range palette {
		palette[i] = [4]byte{0, 0, 0, 0xff} // image/png's colour for an index past the palette
	}
	var trns []byte
	sawPalette := false
	for {
		if err := p.next(); err != nil {
			return err
		}
		switch p.typ {
		case "PLTE":
			if p.left%3 != 0 || p.left > 256*3 || p.left == 0 {
				return errors.New("a bad palette")
			}
			b := make([]byte, p.left)
			if _, err := io.ReadFull(p, b); err != nil {
				return truncated(err)
			}
			for i := 0; i < len(b)/3; i++ {
				palette[i] = [4]byte{b[3*i], b[3*i+1], b[3*i+2], 0xff}
			}
			sawPalette = true
		case "tRNS":
			if p.left > 256 {
				return errors.New("a bad transparency chunk")
			}
			trns = make([]byte, p.left)
			if _, err := io.ReadFull(p, trns); err != nil {
				return truncated(err)
			}
			if h.colour == 3 {
				for i, a := range trns {
					palette[i][3] = a
				}
			}
		case "IDAT":
			if h.colour == 3 && !sawPalette {
				return errors.New("a palette picture without a palette")
			}
			if err := readPixels(idatReader{p}, h, &palette, trns, s); err != nil {
				return err
			}
			return afterPixels(p)
		case "IEND":
			return errors.New("no pixel data")
		default:
			if p.typ[0]&0x20 == 0 && p.typ != "IHDR" {
				return fmt.Errorf("an unknown critical chunk %q", p.typ)
			}
		}
		if err := p.end(); err != nil {
			return err
		}
	}
}

// afterPixels reads the chunks after the pixel data, up to IEND.
func afterPixels(p *pngReader) error {
	if !p.pending { // still in an IDAT chunk (the zlib stream may end before it does)
		for {
			if err := p.end(); err != nil {
				return err
			}
			if err := p.next(); err != nil {
				return err
			}
			if p.typ != "IDAT" {
				break
			}
		}
	}
	p.pending = false
	for p.typ != "IEND" {
		if p.typ == "IDAT" {
			return errors.New("pixel data after other chunks")
		}
		if err := p.end(); err != nil {
			return err
		}
		if err := p.next(); err != nil {
			return err
		}
	}
	return p.end()
}

// readPixels inflates the pixel data, undoes the row filters and converts each row.
func readPixels(r io.Reader, h pngHeader, palette *[256][4]byte, trns []byte, s *sampler) error {
	zr, err := zlib.NewReader(r)
	if err != nil {
		return fmt.Errorf("the pixel data is damaged: %v", truncated(err))
	}
	bpp := max(1, h.bitsPerPixel()/8) // the byte distance the filters use
	passes := [][4]int{{0, 0, 1, 1}}
	if h.interlaced {
		passes = adam7[:]
	}
	rgba := make([]byte, 4*h.width)
	for _, pass := range passes {
		pw := (h.width - pass[0] + pass[2] - 1) / pass[2]
		ph := (h.height - pass[1] + pass[3] - 1) / pass[3]
		if pw <= 0 || ph <= 0 {
			continue
		}
		rowBytes := 1 + (pw*h.bitsPerPixel()+7)/8
		cur, prev := make([]byte, rowBytes), make([]byte, rowBytes)
		for py := 0; py < ph; py++ {
			if _, err := io.ReadFull(zr, cur); err != nil {
				return fmt.Errorf("the pixel data is damaged: %v", truncated(err))
			}
			if err := unfilter(cur, prev, bpp); err != nil {
				return err
			}
			y := pass[1] + py*pass[3]
			if py > 0 && bytes.Equal(cur[1:], prev[1:]) {
				s.repeat(y) // drawings repeat rows: sum them once
			} else {
				toRGBA(rgba[:4*pw], cur[1:], h, palette, trns)
				s.row(y, pass[0], pass[2], rgba[:4*pw])
			}
			cur, prev = prev, cur
		}
	}
	// The stream must end here, its checksum right.
	var extra [1]byte
	if n, err := io.ReadFull(zr, extra[:]); n > 0 {
		return errors.New("more pixel data than the size says")
	} else if err != io.EOF {
		return fmt.Errorf("the pixel data is damaged: %v", truncated(err))
	}
	return nil
}

// unfilter undoes a row's filter in place (cur[0] is the filter type).
func unfilter(cur, prev []byte, bpp int) error {
	c, p := cur[1:], prev[1:]
	switch cur[0] {
	case 0:
	case 1:
		for i := bpp; i < len(c); i++ {
			c[i] += c[i-bpp]
		}
	case 2:
		for i := range c {
			c[i] += p[i]
		}
	case 3:
		for i := 0; i < bpp && i < len(c); i++ {
			c[i] += p[i] / 2
		}
		for i := bpp; i < len(c); i++ {
			c[i] += byte((int(c[i-bpp]) + int(p[i])) / 2)
		}
	case 4:
		for i := 0; i < bpp && i < len(c); i++ {
			c[i] += p[i]
		}
		for i := bpp; i < len(c); i++ {
			c[i] += paeth(c[i-bpp], p[i], p[i-bpp])
		}
	default:
		return fmt.Errorf("the pixel data is damaged: unknown row filter %d", cur[0])
	}
	return nil
}

func paeth(a, b, c byte) byte {
	pc := int(c)
	pa := int(b) - pc
	pb := int(a) - pc
	pcc := pa + pb
	if pa < 0 {
		pa = -pa
	}
	if pb < 0 {
		pb = -pb
	}
	if pcc < 0 {
		pcc = -pcc
	}
	if pa <= pb && pa <= pcc {
		return a
	}
	if pb <= pcc {
		return b
	}
	return c
}

// toRGBA converts a row of packed samples to 8-bit RGBA, as image/png's colour models
// convert to color.NRGBA (16-bit samples keep their high byte).
func toRGBA(dst, src []byte, h pngHeader, palette *[256][4]byte, trns []byte) {
	n := len(dst) / 4
	switch {
	case h.colour == 3 || (h.colour == 0 && h.depth < 8):
		per := 8 / h.depth
		mask := byte(1<<h.depth - 1)
		scale := byte(255 / int(mask))
		for x := 0; x < n; x++ {
			v := (src[x/per] >> (8 - h.depth*(x%per+1))) & mask
			if h.colour == 3 {
				copy(dst[4*x:], palette[v][:])
				continue
			}
			g := v * scale
			a := byte(0xff)
			if len(trns) >= 2 && uint16(v) == binary.BigEndian.Uint16(trns) {
				a = 0
			}
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = g, g, g, a
		}
	case h.colour == 0:
		step := h.depth / 8
		for x := 0; x < n; x++ {
			g := src[x*step]
			a := byte(0xff)
			if len(trns) >= 2 && sample(src[x*step:], step) == binary.BigEndian.Uint16(trns) {
				a = 0
			}
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = g, g, g, a
		}
	case h.colour == 2:
		step := h.depth / 8
		for x := 0; x < n; x++ {
			s := src[3*step*x:]
			a := byte(0xff)
			if len(trns) >= 6 && sample(s, step) == binary.BigEndian.Uint16(trns) &&
				sample(s[step:], step) == binary.BigEndian.Uint16(trns[2:]) &&
				sample(s[2*step:], step) == binary.BigEndian.Uint16(trns[4:]) {
				a = 0
			}
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = s[0], s[step], s[2*step], a
		}
	case h.colour == 4:
		step := h.depth / 8
		for x := 0; x < n; x++ {
			s := src[2*step*x:]
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = s[0], s[0], s[0], s[step]
		}
	case h.colour == 6:
		if h.depth == 8 {
			copy(dst, src[:4*n])
			return
		}
		for x := 0; x < n; x++ {
			s := src[8*x:]
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = s[0], s[2], s[4], s[6]
		}
	}
}

// sample reads an 8- or 16-bit sample.
func sample(b []byte, step int) uint16 {
	if step == 2 {
		return binary.BigEndian.Uint16(b)
	}
	return uint16(b[0])
}
