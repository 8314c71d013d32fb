// Package diskcache keeps the results of a build's costly work (compressed PDF streams and
// EPUB entries, the typographic cover) in the book's folder, in .bindery-cache/, so that the
// next `bindery build --cache` of the same book does only the work whose input changed. It
// stores bytes by kind and key; what they mean is the caller's.
//
// Nothing read from it is trusted: every entry names its kind, its key and the binary that
// wrote it, and carries the SHA-256 of its bytes; an entry that is not exactly what was asked
// for (corrupt, truncated, foreign, a link, a folder) is a miss. Entries live in a folder per
// format version and binary, so a different bindery never reads another's; writes are atomic
// (a temporary file renamed into place), so two builds may share the folder; the folder is
// kept under a size limit by removing the entries used least recently; and deleting it at any
// time only makes the next build slower.
package diskcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Dir is the cache's folder in a book's folder.
const Dir = ".bindery-cache"

// Format is the version of the layout of the folder and of its entries: a bindery reads only
// entries of its own format, in its own binary's folder.
const Format = 1

// DefaultLimit is the size the folder is kept under, unless the book's own entries need more.
const DefaultLimit = 64 << 20

// magic begins every entry file.
const magic = "bindery cache entry\n"

// tagFile marks the folder as a cache for backup tools (https://bford.info/cachedir/).
const tagFile = "CACHEDIR.TAG"

const tag = "Signature: 8a477f597d28d172789f06886806bc55\n" +
	"# This folder is bindery's cache (bindery build --cache): safe to delete.\n"

// tempPrefix begins the names of entries being written.
const tempPrefix = ".tmp-"

// Cache is one book's on-disk cache, opened by one process. Safe for concurrent use.
type Cache struct {
	base     *os.Root // .bindery-cache
	root     *os.Root // this format's and binary's folder in it
	version  string   // that folder's name
	identity [sha256.Size]byte
	limit    int64

	mu        sync.Mutex
	used      map[string]use // entries this process read or wrote, by name
	evicted   time.Time      // when the folder was last brought under the limit
	unevicted int64          // bytes written since
	evicting  sync.Mutex
	queue     []pending  // entries saved, not yet written
	writing   bool       // a goroutine writes them
	written   *sync.Cond // when it has written them all (on mu)

	hits, misses, writes atomic.Int64
}

// use is an entry's size and when this process last read or wrote it.
type use struct {
	size int64
	at   time.Time
}

// Option sets how a Cache is opened.
type Option func(*Cache)

// WithLimit keeps the folder under n bytes (beyond what the entries this process used need).
func WithLimit(n int64) Option { return func(c *Cache) { c.limit = n } }

// WithIdentity names the binary whose entries the Cache reads and writes (Identity by
// default); tests use it to stand for another bindery.
func WithIdentity(id string) Option {
	return func(c *Cache) { c.identity = sha256.Sum256([]byte(id)) }
}

// Open opens (creating it if needed) the cache in the book's folder dir, and removes the
// folders of other formats and binaries. It fails if the folder cannot be made or used (a
// read-only book folder, a .bindery-cache that is a link or a file): a build then goes
// without the cache.
func Open(dir string, opts ...Option) (*Cache, error) {
	c := &Cache{limit: DefaultLimit, used: map[string]use{}}
	c.written = sync.NewCond(&c.mu)
	for _, o := range opts {
		o(c)
	}
	if c.identity == ([sha256.Size]byte{}) {
		id, err := Identity()
		if err != nil {
			return nil, err
		}
		c.identity = sha256.Sum256([]byte(id))
	}
	c.version = fmt.Sprintf("v%d-%x", Format, c.identity[:8])
	base, err := openFolder(nil, filepath.Join(dir, Dir))
	if err != nil {
		return nil, err
	}
	c.base = base
	if _, err := base.Lstat(tagFile); errors.Is(err, fs.ErrNotExist) {
		_ = writeAtomic(base, tagFile, []byte(tag))
	}
	c.removeOthers()
	if c.root, err = openFolder(base, c.version); err != nil {
		base.Close()
		return nil, err
	}
	return c, nil
}

// openFolder opens the folder name (in parent, if not nil), making it if it does not exist,
// as a root that nothing inside can lead out of. A link is refused, not followed.
func openFolder(parent *os.Root, name string) (*os.Root, error) {
	lstat, mkdir, open := os.Lstat, os.Mkdir, os.OpenRoot
	if parent != nil {
		lstat, mkdir, open = parent.Lstat, parent.Mkdir, parent.OpenRoot
	}
	fi, err := lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		if err := mkdir(name, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("cannot make the cache folder: %w", err)
		}
		fi, err = lstat(name)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot use the cache folder: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("cannot use the cache folder: %s is not a folder (a link or a file): delete it", name)
	}
	r, err := open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot use the cache folder: %w", err)
	}
	return r, nil
}

// removeOthers removes the folders of other formats and binaries: they are never read again
// by this bindery. A build of another bindery running now only misses.
func (c *Cache) removeOthers() {
	f, err := c.base.Open(".")
	if err != nil {
		return
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	for _, n := range names {
		if n != c.version && strings.HasPrefix(n, "v") && strings.Contains(n, "-") {
			_ = c.base.RemoveAll(n)
		}
	}
}

// Close keeps the folder under its size limit, and lets go of the folder.
func (c *Cache) Close() error {
	c.Flush()
	if c.writes.Load() > 0 {
		c.evict(time.Now())
	}
	c.root.Close()
	return c.base.Close()
}

// Stats reports what this process found in the cache, did not find, and wrote to it (after
// Flush or Close: entries are written behind the caller's back).
func (c *Cache) Stats() (hits, misses, writes int) {
	return int(c.hits.Load()), int(c.misses.Load()), int(c.writes.Load())
}

// Kind is the part of the cache that holds one kind of result (such as "pdf-stream"): what
// book/memo calls a Backing.
func (c *Cache) Kind(kind string) *Kind { return &Kind{c, kind} }

// Kind holds the results of one kind of work, keyed by the SHA-256 of their input.
type Kind struct {
	c    *Cache
	kind string
}

// Load is Cache.Load for this kind.
func (k *Kind) Load(key [sha256.Size]byte) ([]byte, bool) { return k.c.Load(k.kind, key) }

// Save is Cache.Save for this kind.
func (k *Kind) Save(key [sha256.Size]byte, value []byte) { k.c.Save(k.kind, key, value) }

// name is the file an entry is kept in: a hash of its kind and key, so that no name read
// from anywhere becomes a path.
func name(kind string, key [sha256.Size]byte) string {
	h := sha256.New()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write(key[:])
	return hex.EncodeToString(h.Sum(nil))
}

// header is what an entry says of itself before its value: the format, the binary, its kind
// and key, the length and SHA-256 of the value.
func (c *Cache) header(kind string, key [sha256.Size]byte, value []byte) []byte {
	b := make([]byte, 0, len(magic)+4+2*sha256.Size+2+len(kind)+8+sha256.Size)
	b = append(b, magic...)
	b = binary.BigEndian.AppendUint32(b, Format)
	b = append(b, c.identity[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(kind)))
	b = append(b, kind...)
	b = append(b, key[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(len(value)))
	sum := sha256.Sum256(value)
	return append(b, sum[:]...)
}

// Load returns the value kept for kind and key, or false: the entry is missing, or it is not
// exactly an entry of this format and binary for this kind and key whose bytes hash as it
// says.
func (c *Cache) Load(kind string, key [sha256.Size]byte) ([]byte, bool) {
	n := name(kind, key)
	data, ok := c.read(n)
	if ok {
		var value []byte
		if value, ok = c.check(data, kind, key); ok {
			c.hits.Add(1)
			c.mu.Lock()
			c.used[n] = use{int64(len(data)), time.Now()}
			c.mu.Unlock()
			return value, true
		}
	}
	c.misses.Add(1)
	return nil, false
}

// check returns the value of the entry data if it is the one for kind and key.
func (c *Cache) check(data []byte, kind string, key [sha256.Size]byte) ([]byte, bool) {
	head := c.header(kind, key, nil)
	// Everything up to the length must be the same; then the length and the sum.
	fixed := len(head) - 8 - sha256.Size
	if len(data) < len(head) || !bytes.Equal(data[:fixed], head[:fixed]) {
		return nil, false
	}
	size := binary.BigEndian.Uint64(data[fixed:])
	value := data[len(head):]
	if size != uint64(len(value)) {
		return nil, false
	}
	if sum := sha256.Sum256(value); !bytes.Equal(sum[:], data[fixed+8:len(head)]) {
		return nil, false
	}
	return value, true
}

// read returns the bytes of the entry file n if it is a regular file (not a link, not
// swapped for one while it was opened) no larger than the limit.
func (c *Cache) read(n string) ([]byte, bool) {
	fi, err := c.root.Lstat(n)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > c.limit {
		return nil, false
	}
	f, err := c.root.OpenFile(n, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !os.SameFile(fi, st) {
		return nil, false
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, false
	}
	// Used now: the entry is kept longest. Its time is set at most once an hour, so that
	// an unchanged build writes nothing.
	if now := time.Now(); now.Sub(st.ModTime()) > time.Hour {
		_ = c.root.Chtimes(n, now, now)
	}
	return data, true
}

// Save keeps value for kind and key. The entry is written by one goroutine behind the
// caller's back (builds save from every core, and files made at once in one folder queue on
// its lock); Flush and Close wait for it. It is the cache's loss, not the build's, when an
// entry cannot be written: the error is dropped.
func (c *Cache) Save(kind string, key [sha256.Size]byte, value []byte) {
	n := name(kind, key)
	data := append(c.header(kind, key, value), value...)
	if int64(len(data)) > c.limit {
		return // it would never be read
	}
	c.mu.Lock()
	c.used[n] = use{int64(len(data)), time.Now()}
	c.queue = append(c.queue, pending{n, data})
	if !c.writing {
		c.writing = true
		go c.write()
	}
	c.mu.Unlock()
}

// pending is an entry waiting to be written.
type pending struct {
	name string
	data []byte
}

// write writes the queued entries, one at a time, until none is left.
func (c *Cache) write() {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.writing = false
			c.written.Broadcast()
			c.mu.Unlock()
			return
		}
		p := c.queue[0]
		c.queue[0] = pending{}
		c.queue = c.queue[1:]
		c.mu.Unlock()
		if writeAtomic(c.root, p.name, p.data) != nil {
			continue
		}
		c.writes.Add(1)
		c.mu.Lock()
		c.unevicted += int64(len(p.data))
		due := c.unevicted > c.limit/4
		c.mu.Unlock()
		if due { // a long watch session keeps writing
			c.evict(time.Now())
		}
	}
}

// Flush waits until every entry saved is written.
func (c *Cache) Flush() {
	c.mu.Lock()
	for c.writing {
		c.written.Wait()
	}
	c.mu.Unlock()
}

// writeAtomic writes a file in place whole or not at all: a reader sees the old entry, the
// new one or none, and two writers of the same entry write the same bytes.
func writeAtomic(r *os.Root, n string, data []byte) error {
	var rnd [12]byte
	if _, err := randRead(rnd[:]); err != nil {
		return err
	}
	tmp := tempPrefix + hex.EncodeToString(rnd[:])
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = r.Rename(tmp, n)
	}
	if err != nil {
		_ = r.Remove(tmp)
	}
	return err
}
