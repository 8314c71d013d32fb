// Package compress compresses bytes with DEFLATE (raw, for ZIP entries, or zlib-framed, for
// PDF streams), through compressors kept for the life of the process and shared by every
// writer: a new compressor is hundreds of kilobytes of tables whose first touch, page by
// page, costs a short build more than the compressing does.
package compress

import (
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/klauspost/compress/flate"
)

// compressor is one reusable DEFLATE writer at a level, with the buffer it writes into.
type compressor struct {
	buf bytes.Buffer
	fw  *flate.Writer
}

// pool keeps the compressors of one level that are not in use. Not a sync.Pool: every
// collection empties one, and a short build then makes its compressors again.
//
// A level's second compressor (and any after it) is made only once the level has
// compressed alone bytes: until then a compression waits for the one there is. A short
// book's streams and entries take a millisecond or two to compress, less than a new
// compressor's tables cost to touch; a long book gets one per worker.
type pool struct {
	mu    sync.Mutex
	ready sync.Cond // signalled when a compressor is given back
	free  []*compressor
	made  int
	bytes int // compressed at this level so far, counted up to alone
}

// alone is how many bytes a level compresses before its second compressor is made.
const alone = 256 << 10

// pools holds a pool per level, 1 to 9.
var pools [10]pool

// run compresses data at level (1 to 9) into a compressor's buffer; the caller copies
// the bytes out and gives the compressor back with done.
func run(level int, data []byte) *compressor {
	if level < 1 || level > 9 {
		panic("compress: level out of range")
	}
	return pools[level].run(level, data)
}

// run compresses data at level by one of p's compressors.
func (p *pool) run(level int, data []byte) *compressor {
	c := p.get(len(data))
	if c == nil {
		// Not Reset on first use: a new writer's tables are fresh zeroed memory, and
		// Reset clears them again, touching every page (level 8: 640 KB) where a short
		// stream hashes into a part of them.
		c = &compressor{}
		c.fw, _ = flate.NewWriter(&c.buf, level)
	} else {
		c.buf.Reset()
		c.fw.Reset(&c.buf)
	}
	c.fw.Write(data) // writes to a bytes.Buffer cannot fail
	c.fw.Close()
	return c
}

// get returns a free compressor, or nil when the caller is to make one, for n bytes.
func (p *pool) get(n int) *compressor {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ready.L == nil {
		p.ready.L = &p.mu
	}
	if before := p.bytes; before < alone {
		if p.bytes = min(before+n, alone); p.bytes == alone {
			p.ready.Broadcast() // those waiting may make their own now
		}
	}
	for {
		if k := len(p.free); k > 0 {
			c := p.free[k-1]
			p.free = p.free[:k-1]
			return c
		}
		if p.made == 0 || p.bytes >= alone {
			p.made++
			return nil
		}
		p.ready.Wait()
	}
}

// done gives c back to the pool of level.
func done(level int, c *compressor) { pools[level].put(c) }

// put gives c back.
func (p *pool) put(c *compressor) {
	p.mu.Lock()
	p.free = append(p.free, c)
	p.ready.Signal() // a get has set ready.L before any compressor was made
	p.mu.Unlock()
}

// Raw returns data compressed at level (1 to 9), as a ZIP entry holds it.
func Raw(level int, data []byte) []byte {
	c := run(level, data)
	out := bytes.Clone(c.buf.Bytes())
	done(level, c)
	return out
}

// Zlib returns data compressed at level (1 to 9) in a zlib stream (RFC 1950), as PDF's
// FlateDecode wants: the bytes klauspost's zlib writer makes at that level given all of
// data in one Write (its header's level bits, no dictionary, the Adler-32 of data).
func Zlib(level int, data []byte) []byte {
	c := run(level, data)
	out := make([]byte, 2, 2+c.buf.Len()+4)
	out[0] = 0x78 // deflate with a 32 KB window
	switch {
	case level <= 1:
		out[1] = 0 << 6
	case level <= 5:
		out[1] = 1 << 6
	case level == 6:
		out[1] = 2 << 6
	default:
		out[1] = 3 << 6
	}
	out[1] += uint8(31 - binary.BigEndian.Uint16(out)%31)
	out = append(out, c.buf.Bytes()...)
	done(level, c)
	return binary.BigEndian.AppendUint32(out, adler32Sum(data))
}
