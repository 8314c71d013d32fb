package layout

import (
	"slices"
	"testing"
	"time"
)

// TestHyphenCacheNeverWaits: a setter finds a word's hyphenation points while another
// goroutine holds the shared map, reading or writing it, and gives the same points; it never
// waits for the map (a first pass's setters spent much of their time parked on its lock).
func TestHyphenCacheNeverWaits(t *testing.T) {
	ts := setterTypesetter(t)
	hy := ts.s.Hyphenator
	const word = "characteristically"
	want := hy.Points(word)
	if len(want) == 0 {
		t.Fatalf("%s has no hyphenation points", word)
	}
	c := ts.hyphens
	c.store(word, want)
	for _, held := range []struct {
		name         string
		lock, unlock func()
	}{
		{"writing", c.mu.Lock, c.mu.Unlock},
		{"reading", c.mu.RLock, c.mu.RUnlock},
	} {
		held.lock()
		got := make(chan []int, 2)
		go func() {
			got <- ts.hyphenate(hy, word)
			c.store("typography", hy.Points("typography"))
			got <- ts.hyphenate(hy, "typography")
		}()
		for _, w := range []string{word, "typography"} {
			select {
			case pts := <-got:
				if !slices.Equal(pts, hy.Points(w)) {
					t.Errorf("%s, another goroutine %s the map: points %v, want %v", w, held.name, pts, hy.Points(w))
				}
			case <-time.After(10 * time.Second): // a hang, not a timing
				t.Fatalf("%s: the setter waited for the map while another goroutine was %s it", w, held.name)
			}
		}
		held.unlock()
	}
}
