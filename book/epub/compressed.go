package epub

import "bindery/book/memo"

// Compressed keeps the deflated bytes of the entries an EPUB was written with, by the hash
// of their contents, for the next Write (a rebuild): an entry whose contents did not change
// is not compressed again. Only entries the last Write used are kept. Safe for concurrent
// use; the Writes that share one must not run at the same time.
type Compressed struct{ store memo.Store }

// NewCompressed returns an empty Compressed.
func NewCompressed() *Compressed { return &Compressed{} }

// SetBacking puts b (the on-disk cache) behind the kept entries: asked for what is not kept,
// given what is compressed.
func (c *Compressed) SetBacking(b memo.Backing) { c.store.SetBacking(b) }

// Made is the number of entries the last Write compressed (the others were kept).
func (c *Compressed) Made() int { return c.store.Made() }

// begin starts a Write.
func (c *Compressed) begin() { c.store.Begin() }

// deflated returns the kept compressed bytes of data, or compresses it with deflate and keeps
// the result.
func (c *Compressed) deflated(data []byte, deflate func([]byte) []byte) []byte {
	return c.store.Get(data, deflate)
}

// end lets go of the entries the finished Write did not use.
func (c *Compressed) end() { c.store.End() }
