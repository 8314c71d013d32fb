// Package memo keeps the results of costly work on bytes (compressing an EPUB entry, a PDF
// stream) from one build to the next, by the hash of the bytes, so that a rebuild does again
// only the work whose input changed. Only results the last build used are kept; a Backing
// (the on-disk cache) may keep them longer. LastUsed keeps any values by key the same way
// (set paragraphs, term finds, index lines).
package memo

import (
	"crypto/sha256"
	"hash/maphash"
	"sync"
)

// Store holds the results of one kind of work. Safe for concurrent use within a build; the
// builds that share one must not run at the same time. The zero Store is ready to use.
type Store struct {
	mu   sync.Mutex
	kept map[sum128][]byte
	used map[sum128]bool
	made int
	back Backing
}

// sum128 keys results in memory: maphash under two seeds, made once a process, a fraction
// of SHA-256's cost; only the Backing, which outlives the process, is keyed by SHA-256.
type sum128 [2]uint64

var seeds = sync.OnceValue(func() [2]maphash.Seed { return [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()} })

func hash128(data []byte) sum128 {
	s := seeds()
	return sum128{maphash.Bytes(s[0], data), maphash.Bytes(s[1], data)}
}

// Backing is a second, slower level behind a Store (bindery's on-disk cache): asked for a
// result the Store does not hold, and given every result the Store works out. It keys
// results by the SHA-256 of the bytes worked on; a Backing serves one kind of work.
type Backing interface {
	Load(key [sha256.Size]byte) ([]byte, bool)
	Save(key [sha256.Size]byte, result []byte)
}

// SetBacking puts b behind the Store (nil: none).
func (s *Store) SetBacking(b Backing) {
	s.mu.Lock()
	s.back = b
	s.mu.Unlock()
}

// Begin starts a build.
func (s *Store) Begin() {
	s.mu.Lock()
	s.used, s.made = make(map[sum128]bool, len(s.kept)), 0 // a rebuild uses about as many
	s.mu.Unlock()
}

// Get returns the kept result of work on data, or does the work and keeps its result.
func (s *Store) Get(data []byte, work func([]byte) []byte) []byte {
	sum := hash128(data)
	s.mu.Lock()
	out, ok := s.kept[sum]
	if s.used != nil {
		s.used[sum] = true
	}
	back := s.back
	s.mu.Unlock()
	if ok {
		return out
	}
	made := false
	var long [sha256.Size]byte
	if back != nil {
		long = sha256.Sum256(data)
		out, ok = back.Load(long)
	}
	if !ok {
		out, made = work(data), true
		if back != nil {
			back.Save(long, out)
		}
	}
	s.mu.Lock()
	if s.kept == nil {
		s.kept = map[sum128][]byte{}
	}
	s.kept[sum] = out
	if made {
		s.made++
	}
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

// Made is how many results the last build worked out (the others were kept, here or in the
// Backing).
func (s *Store) Made() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.made
}
