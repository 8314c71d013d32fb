package pdf

import (
	"crypto/sha256"
	"sync"
)

// Streams keeps the compressed streams a Write made (pages' contents, font subsets), by the
// hash of their bytes, for the next Write (a rebuild): a page or a subset that did not change
// is not compressed again. Only the streams the last Write used are kept. Safe for concurrent
// use; the Writes that share one must not run at the same time.
type Streams struct {
	mu    sync.Mutex
	kept  map[[sha256.Size]byte][]byte
	used  map[[sha256.Size]byte]bool
	made  int
	begun bool
}

// NewStreams returns an empty Streams.
func NewStreams() *Streams { return &Streams{kept: map[[sha256.Size]byte][]byte{}} }

// Made is how many streams the last Write compressed (the others were kept).
func (s *Streams) Made() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.made
}

func (s *Streams) begin() {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.used, s.made = map[[sha256.Size]byte]bool{}, 0
	s.mu.Unlock()
}

// deflate compresses data, or returns its compressed bytes kept from before; s may be nil.
func (s *Streams) deflate(data []byte) []byte {
	if s == nil {
		return deflate(data)
	}
	sum := sha256.Sum256(data)
	s.mu.Lock()
	out, ok := s.kept[sum]
	s.used[sum] = true
	s.mu.Unlock()
	if ok {
		return out
	}
	out = deflate(data)
	s.mu.Lock()
	s.kept[sum] = out
	s.made++
	s.mu.Unlock()
	return out
}

// end lets go of the streams the finished Write did not use.
func (s *Streams) end() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.kept {
		if !s.used[k] {
			delete(s.kept, k)
		}
	}
	s.used = nil
}
