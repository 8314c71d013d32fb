package epub

import (
	"archive/zip"
	"hash/crc32"
	"strings"
	"sync"

	"bindery/book/parallel"
)

// zipEntry is one file of the container, compressed (or stored) and ready to be written.
type zipEntry struct {
	name   string
	data   []byte // the contents, until compressed
	body   []byte // as written: compressed, or data itself for a stored picture
	method uint16
	crc    uint32
	size   uint64 // of the contents
	done   bool
}

// compress makes the entry's body, through c's kept entries when c is set, and lets its
// contents go. Pictures, compressed already, are stored as they are.
func (e *zipEntry) compress(c *Compressed) {
	e.crc, e.size, e.done = crc32.ChecksumIEEE(e.data), uint64(len(e.data)), true
	switch {
	case strings.HasSuffix(e.name, ".png") || strings.HasSuffix(e.name, ".jpg") || strings.HasSuffix(e.name, ".jpeg"):
		e.method, e.body = zip.Store, e.data
	case c != nil:
		e.method, e.body = zip.Deflate, c.deflated(e.data, deflate)
	default:
		e.method, e.body = zip.Deflate, deflate(e.data)
	}
	e.data = nil
}

// packer compresses the chapters as they are written, on the other cores, with no more of
// them waiting than there are workers: what a long book holds is its chapters compressed.
type packer struct {
	c    *Compressed
	wg   sync.WaitGroup
	busy chan struct{}
}

func (w *writer) newPacker() *packer {
	return &packer{c: w.opt.Compressed, busy: make(chan struct{}, parallel.Workers(len(w.chapters())))}
}

// pack compresses data (a chapter's XHTML, in a buffer of chapterBuffers, given back once
// compressed) and returns its entry, complete once wait returns.
func (p *packer) pack(data []byte) *zipEntry {
	e := &zipEntry{data: data}
	p.busy <- struct{}{}
	p.wg.Add(1)
	go func() {
		defer func() { <-p.busy; p.wg.Done() }()
		e.compress(p.c)
		chapterBuffers.put(data)
	}()
	return e
}

// wait returns once every entry packed is compressed.
func (p *packer) wait() { p.wg.Wait() }
