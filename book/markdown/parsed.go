package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"reflect"
	"sync"
	"sync/atomic"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
)

// Parsed keeps the files a LoadBook parsed, by the hash of everything their parse depends on
// (the text after includes, where it came from, the book's link reference definitions), for
// the next LoadBook (a rebuild): a file the author did not change is not parsed again, and
// the model is copied from the one kept (doc.Copy), since linking changes it in place. A file
// with a picture is parsed every time: where its path leads depends on the files on disk.
// Only the files the last LoadBook used are kept. Safe for concurrent use; the LoadBooks that
// share one must not run at the same time.
type Parsed struct {
	mu    sync.Mutex
	files map[[sha256.Size]byte]*parsedFile
	used  map[[sha256.Size]byte]bool
	read  atomic.Int64
}

// NewParsed returns an empty Parsed.
func NewParsed() *Parsed { return &Parsed{files: map[[sha256.Size]byte]*parsedFile{}} }

// Read is how many files the last LoadBook parsed (the others were kept).
func (p *Parsed) Read() int { return int(p.read.Load()) }

// LoadBookWith is LoadBook keeping parsed files in p for the next call.
func LoadBookWith(cfg *config.Book, p *Parsed) (*doc.Book, diag.List) {
	p.mu.Lock()
	p.used = map[[sha256.Size]byte]bool{}
	p.mu.Unlock()
	p.read.Store(0)
	defer func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for k := range p.files {
			if !p.used[k] {
				delete(p.files, k)
			}
		}
	}()
	return loadBook(cfg, p)
}

// parse is readSource through the cache, if any.
func (p *Parsed) parse(s source) *parsedFile {
	if p == nil {
		return readSource(s)
	}
	key := sourceKey(s)
	p.mu.Lock()
	kept, ok := p.files[key]
	p.used[key] = true
	p.mu.Unlock()
	if ok {
		return kept.copy(s)
	}
	p.read.Add(1)
	f := readSource(s)
	if !hasPicture(f) {
		p.mu.Lock()
		p.files[key] = f.copy(s)
		p.mu.Unlock()
	}
	return f
}

// copy is a parsed file with its own model, for source s.
func (f *parsedFile) copy(s source) *parsedFile {
	type model struct {
		Blocks []doc.Block
		Notes  []*doc.Footnote
	}
	m := doc.Copy(model{f.blocks, f.notes})
	return &parsedFile{source: s, blocks: m.Blocks, notes: m.Notes, list: append(diag.List(nil), f.list...), part: f.part}
}

// hasPicture reports whether a parsed file shows a picture, wherever it stands (a table's
// cell, a note, a definition).
func hasPicture(f *parsedFile) bool {
	image, figure := reflect.TypeFor[*doc.Image](), reflect.TypeFor[*doc.Figure]()
	seen := map[uintptr]bool{}
	var find func(v reflect.Value) bool
	find = func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return false
			}
			if v.Type() == image || v.Type() == figure {
				return true
			}
			seen[v.Pointer()] = true
			return find(v.Elem())
		case reflect.Interface:
			return !v.IsNil() && find(v.Elem())
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				if find(v.Index(i)) {
					return true
				}
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() && find(v.Field(i)) {
					return true
				}
			}
		}
		return false
	}
	return find(reflect.ValueOf(f.blocks)) || find(reflect.ValueOf(f.notes))
}

// sourceKey hashes everything readSource reads.
func sourceKey(s source) [sha256.Size]byte {
	h := sha256.New()
	// The text and the references are hashed as the bytes they are: converted to strings
	// first, the book's text was copied twice a build.
	raw := func(v []byte) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
		h.Write(n[:])
		h.Write(v)
	}
	str := func(v string) { raw([]byte(v)) }
	str(s.display)
	str(s.path)
	str(s.title)
	str(s.bookDir)
	str(fmt.Sprint(s.depth))
	raw(s.src)
	str(fmt.Sprintf("%v", s.origins))
	str(fmt.Sprintf("%v", s.warnings))
	for _, r := range s.refs {
		raw(r.Label())
		raw(r.Destination())
		raw(r.Title())
	}
	return sum(h)
}

func sum(h hash.Hash) (out [sha256.Size]byte) {
	h.Sum(out[:0])
	return out
}
