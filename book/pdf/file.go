package pdf

import (
	"bufio"
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"bindery/book/compress"
)

// file assembles a PDF as it writes it: numbered objects in any order, the small ones packed
// into compressed object streams, then one cross-reference stream (PDF 1.5). Nothing is kept
// but the objects' places and the object stream being filled, so a book of thousands of
// pages is not held in memory twice. The trailer's /ID is a hash of everything before it, so
// equal books give equal files.
type file struct {
	out     *bufio.Writer
	sum     hash.Hash // of every byte written so far
	n       int       // bytes written so far
	offsets []int     // by object number: where it was written; -1 until written
	streams *Streams  // compressed streams kept from the Write before, if any
	// packed is, for an object inside an object stream, that stream's number (0 for an
	// object written at the top level) and its index there.
	packed []packedAt
	// batch holds the objects waiting for the object stream being filled: their numbers,
	// and their bodies one after the other with the offset of each.
	batch     []int
	batchOffs []int
	batchBody []byte
	// regrown counts the table's growths since expect: none, when it guessed right.
	regrown int
	// The bytes are written by a goroutine of their own (filesink.go) while object streams
	// are compressed on every core: the streams to write, in order, and what they need.
	sink
}

// spareFiles keeps a finished file's buffers for the next Write (a rebuild writes as many
// objects again): grown by doubling in every Write, the places, the batch and the output's
// buffer were a sixth of what a rebuild allocated.
var spareFiles sync.Pool

// lastObjects is how many objects the last finished file had: the pool is emptied by the
// collector, often between two rebuilds, and the places were then grown from nothing.
var lastObjects atomic.Int64

// packedAt is where an object went: its object stream and its place there (0, 0: not in
// one). 32 bits each: a long book's file has hundreds of thousands of objects.
type packedAt struct{ stream, index int32 }

// objectsPerStream is how many objects an object stream holds: enough for the compression
// to find the repeats among dictionaries, few enough that a viewer reads little to get one.
const objectsPerStream = 1000

// elementsPerStream is how many structure elements an object stream holds, fewer than the
// other objects' streams: an edit changes the MCIDs of its page's elements, and a rebuild
// compresses again the stream holding them (Streams). After a one-word edit of the default
// book that stream is about 36 KB (written compactly; 79 KB in a stream of 1,000 objects),
// compressed at level 6 in about the time 256 elements took at level 7; 256 made the PDF
// 0.15 % larger.
const elementsPerStream = 512

// bigObject is the size from which an object gets an object stream of its own (a name
// tree's leaf; the parent tree's leaves get theirs whatever their size): compressed alone it
// loses little, and a rebuild that changes it (Streams) compresses it again without the
// thousand objects around it, nor they with it. The other objects' streams still break
// every objectsPerStream objects, so an edit that changes an object's length moves no
// stream's boundary. The default book's PDF grows by 0.6 %; a rebuild after a one-word edit
// compresses 225 KB instead of 387 KB.
const bigObject = 8 << 10

// newFile begins a file written to w, its streams through streams (nil: none).
func newFile(w io.Writer, streams *Streams) *file {
	f := streams.spareFile()
	if f == nil {
		f, _ = spareFiles.Get().(*file)
	}
	if f == nil {
		f = &file{out: bufio.NewWriterSize(nil, 256<<10)}
	}
	f.sum, f.n, f.streams = md5.New(), 0, streams
	n := int(lastObjects.Load())
	f.offsets = append(slices.Grow(f.offsets[:0], n), 0)
	f.packed = append(slices.Grow(f.packed[:0], n), packedAt{})
	f.out.Reset(io.MultiWriter(w, f.sum))
	// A binary comment line tells transfer tools the file is binary.
	f.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	f.startSink()
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
	if len(f.offsets) == cap(f.offsets) {
		f.regrown++
	}
	f.offsets = append(f.offsets, -1)
	f.packed = append(f.packed, packedAt{})
	return len(f.offsets) - 1
}

// expect makes room in the table for n more objects at once: grown by doubling, the table of
// a long book's file (276,000 objects at 100×) was made and copied again a dozen times on the
// file's goroutine, each large allocation, at the memory limit, first returning as much
// memory to the system.
func (f *file) expect(n int) {
	f.offsets, f.packed = slices.Grow(f.offsets, n), slices.Grow(f.packed, n)
	f.regrown = 0
}

// allocN reserves n consecutive object numbers and returns the first.
func (f *file) allocN(n int) int {
	first := len(f.offsets)
	f.offsets, f.packed = slices.Grow(f.offsets, n), slices.Grow(f.packed, n)
	for range n {
		f.alloc()
	}
	return first
}

func (f *file) begin(num int) {
	var b [24]byte
	f.Write(appendInt(b[:0], num))
	f.WriteString(" 0 obj\n")
}

// object writes a non-stream object: into the object stream being filled.
func (f *file) object(num int, body string) {
	batchObject(f, num, body)
}

// objectBytes is object for a body built as bytes (not copied into a string first).
func (f *file) objectBytes(num int, body []byte) { batchObject(f, num, body) }

// objectAlone writes an object in an object stream of its own: a part that changes alone
// on a rebuild (a leaf of the parent tree) is compressed again without its neighbours.
func (f *file) objectAlone(num int, body []byte) {
	f.flushObjects()
	batchObject(f, num, body)
	f.flushObjects()
}

// batchObject adds an object's body to the object stream being filled, or a big one to a
// stream of its own.
func batchObject[B string | []byte](f *file, num int, body B) {
	big := len(body) >= bigObject
	if big {
		f.flushObjects()
	}
	f.batch = append(f.batch, num)
	f.batchOffs = append(f.batchOffs, len(f.batchBody))
	f.batchBody = separate(append(f.batchBody, body...))
	f.offsets[num] = 0
	if len(f.batch) == objectsPerStream || big {
		f.flushObjects()
	}
}

// flushObjects writes the objects waiting as one object stream.
func (f *file) flushObjects() {
	if len(f.batch) == 0 {
		return
	}
	stm := f.alloc()
	head := appendStreamHead(f.spareStream(), f.batch, f.batchOffs)
	for i, num := range f.batch {
		f.packed[num] = packedAt{int32(stm), int32(i)}
	}
	first := len(head)
	raw := append(head, f.batchBody...)
	// Through the kept streams: an object stream whose objects did not change (most of the
	// structure tree after an edit) is not compressed again. Neither keeps raw.
	f.offsets[stm] = 0
	f.queue <- chunk{num: stm, dict: "/Type /ObjStm /N " + strconv.Itoa(len(f.batch)) + " /First " + strconv.Itoa(first) + " /Filter /FlateDecode", ready: f.deflateLater(raw)}
	f.batch, f.batchOffs, f.batchBody = f.batch[:0], f.batchOffs[:0], f.batchBody[:0]
}

// stream writes a stream object; dict holds the entries other than /Length. data is
// written later, in the file's order: it must not change.
func (f *file) stream(num int, dict string, data []byte) {
	f.offsets[num] = 0
	f.queue <- chunk{num: num, dict: dict, data: data}
}

// writeStream writes a stream object now.
func (f *file) writeStream(num int, dict string, data []byte) {
	f.begin(num)
	var b [256]byte
	head := appendCompact(append(b[:0], "<<"...), dict)
	head = appendInt(append(head, "/Length "...), len(data))
	f.Write(append(head, ">>\nstream\n"...))
	f.Write(data)
	f.WriteString("\nendstream\nendobj\n")
}

// finish writes the last object stream and the cross-reference stream, which is the
// trailer too.
func (f *file) finish(root, info int) error {
	f.flushObjects()
	f.drain()
	xref := f.alloc()
	f.offsets[xref] = f.n
	// Entries of 1 + w + 2 bytes, w as wide as the file's length needs.
	w := 1
	for ; f.n>>(8*w) > 0; w++ {
	}
	rows, err := f.xrefRows(w)
	if err != nil {
		return err
	}
	if err := f.out.Flush(); err != nil {
		return err
	}
	id := fmt.Sprintf("<%X>", f.sum.Sum(nil))
	f.writeStream(xref, fmt.Sprintf("/Type /XRef /Size %d /W [1 %d 2] /Root %d 0 R /Info %d 0 R /ID [%s %s] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >>",
		len(f.offsets), w, root, info, id, id, 3+w), f.streams.deflate(rows))
	f.WriteString(fmt.Sprintf("startxref\n%d\n%%%%EOF\n", f.offsets[xref]))
	lastObjects.Store(int64(len(f.offsets)))
	err = f.out.Flush()
	f.out.Reset(nil) // lets go of the output
	if s := f.streams; s != nil {
		f.streams = nil
		s.spare = f
	} else {
		spareFiles.Put(f)
	}
	return err
}

// xrefRows makes the cross-reference stream's rows, an entry of 1 + w + 2 bytes for each
// object: type 1 (offset, generation 0) or 2 (object stream, index). Each row is prefixed
// by PNG's Up predictor (2) and given as its difference from the row above: neighbouring
// entries differ in a byte or two, so the rows are mostly zeros and compress to a fifth.
// Made in one pass into one buffer: a long book's file has hundreds of thousands, on the
// file's goroutine alone at its end. An entry (3 + w bytes) is one word, so the difference
// is taken a word at a time, byte by byte without borrows.
func (f *file) xrefRows(w int) ([]byte, error) {
	if w > 5 {
		return f.xrefRowsByByte(w)
	}
	n := 1 + 3 + w // a row: the predictor's byte and the entry
	// An entry's word is written whole from its row's second byte: 5 − w bytes spill into
	// the next row, written after, and past the last into room not returned.
	rows := make([]byte, n*len(f.offsets)+8)
	shift := uint(8 * (5 - w)) // the entry to the word's top
	typeAt, fieldMask := uint(8*(w+2)), uint64(1)<<(8*w)-1
	var above uint64
	for num, at := range f.packed[:len(f.offsets)] {
		var e uint64
		switch {
		case num == 0:
			e = 0xFFFF
		case f.offsets[num] < 0:
			return nil, fmt.Errorf("pdf: object %d was reserved but never written", num)
		case at.stream != 0:
			e = 2<<typeAt | (uint64(at.stream)&fieldMask)<<16 | uint64(uint16(at.index))
		default:
			e = 1<<typeAt | (uint64(f.offsets[num])&fieldMask)<<16
		}
		rows[num*n] = 2
		binary.BigEndian.PutUint64(rows[num*n+1:], subBytes(e, above)<<shift)
		above = e
	}
	return rows[: n*len(f.offsets) : n*len(f.offsets)], nil
}

// subBytes is x − y in each byte alone, no borrow passed on (Hacker's Delight 2-18).
func subBytes(x, y uint64) uint64 {
	const high = 0x8080808080808080
	return ((x | high) - (y &^ high)) ^ ((x ^ ^y) & high)
}

// xrefRowsByByte is xrefRows for entries wider than a word (a file of a terabyte or more).
func (f *file) xrefRowsByByte(w int) ([]byte, error) {
	n := 1 + 3 + w
	rows := make([]byte, n*len(f.offsets))
	for num, at := range f.packed[:len(f.offsets)] {
		row := rows[num*n : (num+1)*n]
		row[0] = 2
		switch {
		case num == 0:
			row[n-2], row[n-1] = 0xFF, 0xFF
		case f.offsets[num] < 0:
			return nil, fmt.Errorf("pdf: object %d was reserved but never written", num)
		case at.stream != 0:
			row[1] = 2
			putBigEndian(row[2:2+w], int(at.stream))
			row[n-2], row[n-1] = byte(at.index>>8), byte(at.index)
		default:
			row[1] = 1
			putBigEndian(row[2:2+w], f.offsets[num])
		}
	}
	// From the last row up, each less the one above, still as it was.
	for at := len(rows) - n; at >= n; at -= n {
		row, above := rows[at:at+n], rows[at-n:at]
		for k := 1; k < n; k++ {
			row[k] -= above[k]
		}
	}
	return rows, nil
}

// putBigEndian writes v into b, its most significant byte first.
func putBigEndian(b []byte, v int) {
	for k := range b {
		b[len(b)-1-k] = byte(v >> (8 * k))
	}
}

// A stream of PDF syntax (a page's content, an object stream: five sixths of what the PDF
// writer compresses) is at level 6 of klauspost's flate, the others (font files, maps,
// the cross-reference stream) at level 7, or 6 when small. Longer match chains cost more
// than they give: level 9 → 7 cut the default book's compression by two thirds for 2 % of
// its bytes, and level 7 → 6 on the syntax nearly halves what was left for 2.5 % more, paid
// back by writing the syntax compactly (compact.go; bench/streamlevels gives the figures
// by kind). Levels 7 to 9 also clear 640 KB of hash tables at every Reset, more
// than a small stream costs to compress; level 6's encoder does not.
const (
	bigLevel    = 7
	smallLevel  = 6
	smallStream = 2 << 10
	syntaxLevel = 6
)

// deflate returns data zlib-compressed (for /FlateDecode), by compressors the process keeps
// and shares with the EPUB writer.
func deflate(data []byte) []byte {
	if len(data) < smallStream {
		return compress.Zlib(smallLevel, data)
	}
	return compress.Zlib(bigLevel, data)
}

// deflateSyntax is deflate for PDF syntax: pages' contents and object streams.
func deflateSyntax(data []byte) []byte { return compress.Zlib(syntaxLevel, data) }

// appendNum writes v with at most prec decimals and no trailing zeros, as PDF numbers are.
func appendNum(b []byte, v float64, prec int) []byte {
	if n, ok := fixedPoint(v, prec); ok {
		return appendFixed(b, n, prec)
	}
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

// appendLiteral writes s as a PDF literal string, escaping what must be. What needs no
// escape (most of an anchor's name, a link's target) is copied a stretch at a time.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '(')
	from := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if literalPlain[c] {
			continue
		}
		b = append(b, s[from:i]...)
		if c == '(' || c == ')' || c == '\\' {
			b = append(b, '\\', c)
		} else {
			b = append(b, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
		}
		from = i + 1
	}
	b = append(b, s[from:]...)
	return append(b, ')')
}

// literalPlain tells the bytes a literal string holds as they are.
var literalPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '(' && c != ')' && c != '\\'
	}
	return t
}()
