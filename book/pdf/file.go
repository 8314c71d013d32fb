package pdf

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"hash"
	"io"
	"strconv"
	"sync"
)

// file assembles a PDF as it writes it: numbered objects in any order, then one
// cross-reference table. Nothing is kept but the objects' offsets, so a book of thousands of
// pages is not held in memory twice. The trailer's /ID is a hash of everything before it, so
// equal books give equal files.
type file struct {
	out     *bufio.Writer
	sum     hash.Hash // of every byte written so far
	n       int       // bytes written so far
	offsets []int     // by object number; -1 until written
	streams *Streams  // compressed streams kept from the Write before, if any
}

func newFile(w io.Writer) *file {
	f := &file{offsets: []int{0}, sum: md5.New()}
	f.out = bufio.NewWriterSize(io.MultiWriter(w, f.sum), 256<<10)
	// A binary comment line tells transfer tools the file is binary.
	f.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return f
}

// Write and WriteString append to the file; an error surfaces from finish (bufio keeps it).
func (f *file) Write(b []byte) (int, error) {
	f.n += len(b)
	return f.out.Write(b)
}

func (f *file) WriteString(s string) {
	f.n += len(s)
	f.out.WriteString(s)
}

// alloc reserves an object number.
func (f *file) alloc() int {
	f.offsets = append(f.offsets, -1)
	return len(f.offsets) - 1
}

// allocN reserves n consecutive object numbers and returns the first.
func (f *file) allocN(n int) int {
	first := len(f.offsets)
	for range n {
		f.offsets = append(f.offsets, -1)
	}
	return first
}

func (f *file) begin(num int) {
	f.offsets[num] = f.n
	var b [24]byte
	f.Write(strconv.AppendInt(b[:0], int64(num), 10))
	f.WriteString(" 0 obj\n")
}

// object writes a non-stream object.
func (f *file) object(num int, body string) {
	f.begin(num)
	f.WriteString(body)
	f.WriteString("\nendobj\n")
}

// objectBytes is object for a body built as bytes.
func (f *file) objectBytes(num int, body []byte) {
	f.begin(num)
	f.Write(body)
	f.WriteString("\nendobj\n")
}

// stream writes a stream object; dict holds the entries other than /Length.
func (f *file) stream(num int, dict string, data []byte) {
	f.begin(num)
	f.WriteString("<< ")
	f.WriteString(dict)
	f.WriteString(" /Length ")
	var b [24]byte
	f.Write(strconv.AppendInt(b[:0], int64(len(data)), 10))
	f.WriteString(" >>\nstream\n")
	f.Write(data)
	f.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer.
func (f *file) finish(root, info int) error {
	for n := 1; n < len(f.offsets); n++ {
		if f.offsets[n] < 0 {
			return fmt.Errorf("pdf: object %d was reserved but never written", n)
		}
	}
	if err := f.out.Flush(); err != nil {
		return err
	}
	id := fmt.Sprintf("<%X>", f.sum.Sum(nil))
	xref := f.n
	var b []byte
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets))
	line := []byte("0000000000 00000 n \n")
	for _, off := range f.offsets[1:] {
		s := strconv.Itoa(off)
		copy(line[:10], "0000000000")
		copy(line[10-len(s):10], s)
		b = append(b, line...)
	}
	b = fmt.Appendf(b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n",
		len(f.offsets), root, info, id, id, xref)
	f.Write(b)
	return f.out.Flush()
}

// deflater compresses streams with one reusable compressor per worker: a fresh zlib writer
// allocates and clears several hundred kilobytes.
type deflater struct {
	buf bytes.Buffer
	zw  *zlib.Writer
}

var deflaters = sync.Pool{New: func() any {
	d := &deflater{}
	d.zw, _ = zlib.NewWriterLevel(&d.buf, zlib.BestSpeed)
	return d
}}

// deflate returns data zlib-compressed (for /FlateDecode).
func deflate(data []byte) []byte {
	d := deflaters.Get().(*deflater)
	d.buf.Reset()
	d.zw.Reset(&d.buf)
	d.zw.Write(data)
	d.zw.Close()
	out := bytes.Clone(d.buf.Bytes())
	deflaters.Put(d)
	return out
}

// appendNum writes v with at most prec decimals and no trailing zeros, as PDF numbers are.
func appendNum(b []byte, v float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	if prec > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

func num(f float64) string { return string(appendNum(nil, f, 2)) }

// appendLiteral writes s as a PDF literal string, escaping what must be.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			b = append(b, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}
