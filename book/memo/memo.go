// Package memo keeps the results of costly work on bytes (compressing an EPUB entry, a PDF
// stream) from one build to the next, by the hash of the bytes, so that a rebuild does again
// only the work whose input changed. Only results the last build used are kept.
package memo

import (
	"crypto/sha256"
	"sync"
)

// Store holds the results of one kind of work. Safe for concurrent use within a build; the
// builds that share one must not run at the same time. The zero Store is ready to use.
type Store struct {
	mu   sync.Mutex
	kept map[[sha256.Size]byte][]byte
	used map[[sha256.Size]byte]bool
	made int
}

// Begin starts a build.
func (s *Store) Begin() {
	s.mu.Lock()
	s.used, s.made = map[[sha256.Size]byte]bool{}, 0
	s.mu.Unlock()
}

// Get returns the kept result of work on data, or does the work and keeps its result.
func (s *Store) Get(data []byte, work func([]byte) []byte) []byte {
	sum := sha256.Sum256(data)
	s.mu.Lock()
	out, ok := s.kept[sum]
	if s.used != nil {
		s.used[sum] = true
	}
	s.mu.Unlock()
	if ok {
		return out
	}
	out = work(data)
	s.mu.Lock()
	if s.kept == nil {
		s.kept = map[[sha256.Size]byte][]byte{}
	}
	s.kept[sum] = out
	s.made++
	s.mu.Unlock()
	return out
}

// End finishes a build: results it did not use are let go.
func (s *Store) End() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.kept {
		if !s.used[k] {
			delete(s.kept, k)
		}
	}
	s.used = nil
}

// Made is how many results the last build worked out (the others were kept).
func (s *Store) Made() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.made
}
