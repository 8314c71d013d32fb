package layout

import (
	"sync"

	"bindery/book/hyphen"
)

// hyphenate returns the hyphenation points of a word, remembered: a book repeats its words.
// The book's own language's are asked of the goroutine's setters first, then of the map
// the chapters share (a read of it for every word set was half of hyphenating).
func (t *typesetter) hyphenate(hy *hyphen.Hyphenator, word string) []int {
	if hy.TooShort(word) {
		return nil // Points gives none: not worth the maps
	}
	key := word
	var own map[string][]int
	if hy != t.s.Hyphenator {
		key = hy.Lang() + "\x00" + word // a passage in another language
	} else if t.setters != nil {
		if own = t.setters.hyphens; own == nil {
			own = make(map[string][]int, ownHyphens)
			t.setters.hyphens = own
		}
		if pts, ok := own[word]; ok {
			return pts
		}
	}
	pts, ok := t.hyphens.load(key)
	if !ok {
		pts = t.setters.points(hy, word)
		t.hyphens.store(key, pts)
	}
	if own != nil {
		own[word] = pts
	}
	return pts
}

// ownHyphens is the room a goroutine's map of hyphenation points starts with: the default
// book's goroutines each remember 1,000 to 1,500 words, grown from nothing a build.
const ownHyphens = 1024

// points are the hyphenation points of word, in the setters' arena (nil when it has none):
// a slice a word was an allocation a word.
func (s *setters) points(hy *hyphen.Hyphenator, word string) []int {
	if s == nil {
		return hy.Points(word)
	}
	// A word has fewer points than bytes: its points fit in the room left.
	if cap(s.pointRoom)-len(s.pointRoom) < len(word) {
		s.pointRoom = make([]int, 0, max(pointChunk, len(word)))
	}
	n := len(s.pointRoom)
	s.pointRoom = hy.AppendPoints(s.pointRoom, word)
	if len(s.pointRoom) == n {
		return nil
	}
	return s.pointRoom[n:len(s.pointRoom):len(s.pointRoom)]
}

// pointChunk is how many points a setters' arena holds (8 KB).
const pointChunk = 1024

// hyphenCache is the hyphenation points of the words the chapters have set, shared by their
// goroutines and kept from pass to pass (and build to build: Reuse). A sync.Map boxed every
// word and its points, two allocations a word besides its own nodes. No goroutine waits for
// it: a word's points are the same whoever finds them, and finding them again costs less
// than the wait (the default book's first pass: its two setters were parked on the lock a
// fifth of the time they set its text).
type hyphenCache struct {
	mu sync.RWMutex
	m  map[string][]int
}

// load gives the points kept for key; none while another goroutine stores.
func (c *hyphenCache) load(key string) ([]int, bool) {
	if !c.mu.TryRLock() {
		return nil, false
	}
	pts, ok := c.m[key]
	c.mu.RUnlock()
	return pts, ok
}

// store keeps the points of key, unless another goroutine holds the map.
func (c *hyphenCache) store(key string, pts []int) {
	if !c.mu.TryLock() {
		return
	}
	if c.m == nil {
		c.m = make(map[string][]int, sharedHyphens)
	}
	c.m[key] = pts
	c.mu.Unlock()
}

// sharedHyphens is the room the shared map starts with: the default book has 2,200 distinct
// words long enough to hyphenate.
const sharedHyphens = 2048

// hyphenatorFor is the hyphenator of a passage's language: the book's own when the
// passage's language falls back to it (en-GB in an en-GB book), else the settings'.
func (t *typesetter) hyphenatorFor(tag string) *hyphen.Hyphenator {
	if t.s.HyphenatorFor == nil {
		return nil
	}
	return t.s.HyphenatorFor(tag)
}
