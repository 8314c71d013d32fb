package pipeline

import (
	"crypto/sha256"
	"strings"
)

// Store is a slower second level behind a Cache, such as the on-disk cache of
// `bindery build --cache` (book/diskcache): the Cache asks it for what it does not hold and
// gives it what a build worked out. Results are keyed by kind and by the SHA-256 of what they
// were made from; a Store returns only what it is sure was saved under that kind and key.
type Store interface {
	Load(kind string, key [sha256.Size]byte) ([]byte, bool)
	Save(kind string, key [sha256.Size]byte, value []byte)
}

// The kinds of results a Cache keeps in its Store.
const (
	storePDFStream = "pdf-stream" // a PDF stream compressed (a page's contents, a font subset)
	storeEPUBEntry = "epub-entry" // an EPUB entry deflated
	storeCover     = "cover-png"  // the typographic cover, by what it shows
)

// NewStoreCache returns a cache for one build that keeps in s what outlives the process:
// compressed PDF streams and EPUB entries, and the typographic cover. Parsed files and set
// paragraphs are not kept (they would be copied for nothing: no build follows in this
// process).
func NewStoreCache(s Store) *Cache {
	c := NewCache()
	c.parsed, c.once = nil, true
	c.epub.Once()
	c.SetStore(s)
	return c
}

// SetStore puts s behind the cache (watch and serve with --cache: the first build reads what
// an earlier process kept, and every build keeps what it made).
func (c *Cache) SetStore(s Store) {
	c.store = s
	c.pdf.SetBacking(kindOf{s, storePDFStream})
	c.epub.SetBacking(kindOf{s, storeEPUBEntry})
}

// keepsModels reports whether the cache keeps parsed files and the apparatus (c may be nil).
func (c *Cache) keepsModels() bool { return c != nil && !c.once }

// kindOf is one kind of a Store's results, as book/memo asks for them.
type kindOf struct {
	s    Store
	kind string
}

func (k kindOf) Load(key [sha256.Size]byte) ([]byte, bool) { return k.s.Load(k.kind, key) }
func (k kindOf) Save(key [sha256.Size]byte, v []byte)      { k.s.Save(k.kind, key, v) }

// storedCover returns the cover the store keeps for key (what the cover shows), if any.
func (c *Cache) storedCover(key string) (coverResult, bool) {
	if c.store == nil {
		return coverResult{}, false
	}
	data, ok := c.store.Load(storeCover, sha256.Sum256([]byte(key)))
	if !ok || !strings.HasPrefix(string(data[:min(len(data), 8)]), "\x89PNG\r\n\x1a\n") {
		return coverResult{}, false
	}
	return coverResult{data: data, typ: "image/png"}, true
}

func (c *Cache) storeCover(key string, res coverResult) {
	if c.store != nil && res.err == nil && res.typ == "image/png" && res.data != nil {
		c.store.Save(storeCover, sha256.Sum256([]byte(key)), res.data)
	}
}
