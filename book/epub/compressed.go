package epub

import "bindery/book/memo"

// Compressed keeps the deflated bytes of the entries an EPUB was written with, by the hash
// of their contents, for the next Write (a rebuild): an entry whose contents did not change
// is not compressed again; and each chapter's entry with what its XHTML depended on
// (kept.go): a chapter nothing of which changed is not written again. Only entries the last
// Write used are kept. Safe for concurrent use; the Writes that share one must not run at the
// same time.
type Compressed struct {
	store memo.Store
	// chapters are by file name; read and changed by Write's own goroutine only.
	chapters map[string]*keptChapter
	gen      int // the Write running, counted from 1
	reused   int
	written  int
	once     bool   // serves one Write: chapters are not kept
	ids      int    // how many IDs the last Write placed: the next one's map is made that large
	keyBuf   []byte // the chapter keys' buffer, kept: a long chapter's is large, and new memory costs page faults
	// files is the last Write's map of IDs to files, cleared, for the next (takeFiles): made
	// anew it was 2 % of what a 10× rebuild allocated.
	files *idFiles
}

// takeFiles returns the map of IDs to files for a Write that places about ids IDs: the last
// Write's, empty, if c kept it (c may be nil).
func (c *Compressed) takeFiles(ids int) *idFiles {
	if c == nil || c.files == nil {
		return newIDFiles(ids)
	}
	m := c.files
	c.files = nil
	return m
}

// keepFiles keeps a finished Write's map for the next, emptied (c may be nil): nothing of
// that Write's book stays alive through it.
func (c *Compressed) keepFiles(m *idFiles) {
	if c == nil || c.once {
		return
	}
	m.clear()
	c.files = m
}

// NewCompressed returns an empty Compressed.
func NewCompressed() *Compressed { return &Compressed{chapters: map[string]*keptChapter{}} }

// Once says the Compressed serves one Write (a build with the on-disk cache, whose entries
// outlive the process; chapters are kept for a rebuild in this process only): it keeps no
// chapters and spends nothing on their keys.
func (c *Compressed) Once() { c.once = true }

// SetBacking puts b (the on-disk cache) behind the kept entries: asked for what is not kept,
// given what is compressed.
func (c *Compressed) SetBacking(b memo.Backing) { c.store.SetBacking(b) }

// Made is the number of entries the last Write compressed (the others were kept).
func (c *Compressed) Made() int { return c.store.Made() }

// Chapters are the number of chapters the last Write wrote as XHTML and the number it took
// from the Write before without writing them.
func (c *Compressed) Chapters() (written, reused int) { return c.written, c.reused }

// begin starts a Write.
func (c *Compressed) begin() {
	c.store.Begin()
	c.gen++
	c.reused, c.written = 0, 0
	if c.chapters == nil {
		c.chapters = map[string]*keptChapter{}
	}
}

// deflated returns the kept compressed bytes of data, or compresses it with deflate and keeps
// the result.
func (c *Compressed) deflated(data []byte, deflate func([]byte) []byte) []byte {
	return c.store.Get(data, deflate)
}

// end lets go of the entries the finished Write did not use.
func (c *Compressed) end() {
	c.store.End()
	for name, k := range c.chapters {
		if k.gen != c.gen {
			delete(c.chapters, name)
		}
	}
}
