package epub

import (
	"crypto/sha256"
	"sync"
)

// Compressed keeps the deflated bytes of the entries an EPUB was written with, by the hash
// of their contents, for the next Write (a rebuild): an entry whose contents did not change
// is not compressed again. Only entries the last Write used are kept. Safe for concurrent
// use; the Writes that share one must not run at the same time.
type Compressed struct {
	mu      sync.Mutex
	entries map[[sha256.Size]byte][]byte
	used    map[[sha256.Size]byte]bool
	made    int // entries the last Write compressed
}

// NewCompressed returns an empty Compressed.
func NewCompressed() *Compressed { return &Compressed{entries: map[[sha256.Size]byte][]byte{}} }

// Made is the number of entries the last Write compressed (the others were kept).
func (c *Compressed) Made() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.made
}

// begin starts a Write.
func (c *Compressed) begin() {
	c.mu.Lock()
	c.used, c.made = map[[sha256.Size]byte]bool{}, 0
	c.mu.Unlock()
}

// deflated returns the kept compressed bytes of data, or compresses it with deflate and keeps
// the result.
func (c *Compressed) deflated(data []byte, deflate func([]byte) []byte) []byte {
	sum := sha256.Sum256(data)
	c.mu.Lock()
	body, ok := c.entries[sum]
	c.used[sum] = true
	c.mu.Unlock()
	if ok {
		return body
	}
	body = deflate(data)
	c.mu.Lock()
	c.entries[sum] = body
	c.made++
	c.mu.Unlock()
	return body
}

// end lets go of the entries the finished Write did not use.
func (c *Compressed) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.used[k] {
			delete(c.entries, k)
		}
	}
	c.used = nil
}
