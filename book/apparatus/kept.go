package apparatus

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"sync"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
)

// Kept is the apparatus a Load read, by the hash of its files and settings, for the next Load
// (a rebuild): unchanged files are not read as YAML again, and the apparatus is copied from
// the one kept (doc.Copy), since linking adds the uses of its terms to it. Safe for
// concurrent use.
type Kept struct {
	mu    sync.Mutex
	key   [sha256.Size]byte
	a     *doc.Apparatus
	list  diag.List
	reads int
}

// Reads is how many times the apparatus was read from its files rather than kept.
func (k *Kept) Reads() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.reads
}

// LoadWith is Load through k: the apparatus kept if its files and settings are unchanged.
func LoadWith(cfg *config.Book, k *Kept) (*doc.Apparatus, diag.List) {
	key, ok := filesKey(cfg)
	k.mu.Lock()
	if ok && k.a != nil && k.key == key {
		a, list := doc.Copy(k.a), append(diag.List(nil), k.list...)
		k.mu.Unlock()
		return a, list
	}
	k.mu.Unlock()
	a, list := Load(cfg)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.reads++
	k.a = nil
	if ok {
		k.key, k.a, k.list = key, doc.Copy(a), append(diag.List(nil), list...)
	}
	return a, list
}

// filesKey hashes what Load reads: the files' names, places and contents, and the setting it
// copies. It reports false if a file cannot be read (Load says why).
func filesKey(cfg *config.Book) ([sha256.Size]byte, bool) {
	h := sha256.New()
	raw := func(v []byte) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
		h.Write(n[:])
		h.Write(v)
	}
	str := func(v string) { raw([]byte(v)) }
	str(cfg.GlossaryLinks)
	for _, f := range []config.File{cfg.Glossary, cfg.Chronology, cfg.Index} {
		str(f.Name)
		str(f.Path)
		str(f.Pos.String())
		if f.Path == "" {
			continue
		}
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return [sha256.Size]byte{}, false
		}
		raw(data) // not copied into a string and back
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out, true
}
