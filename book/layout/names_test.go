package layout

import (
	"hash/maphash"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Numbers are given once per string, read back as the string, and stop at the limit.
func TestNamesNumberEachStringOnce(t *testing.T) {
	n := newNames[LangID](3)
	if n.id("") != 0 || n.string(0) != "" {
		t.Fatal(`"" must be 0 both ways`)
	}
	var wg sync.WaitGroup
	got := make([]LangID, 8)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = n.id([]string{"es", "qu"}[i%2]) }()
	}
	wg.Wait()
	for i, id := range got {
		if want := []string{"es", "qu"}[i%2]; n.string(id) != want {
			t.Errorf("id %d reads %q; want %q", id, n.string(id), want)
		}
	}
	if n.id("ay") != 3 || n.id("gn") != 0 {
		t.Errorf("past the limit of 3 a string must number 0: ay=%d gn=%d", n.id("ay"), n.id("gn"))
	}
	for i := range 3 {
		if s := n.string(LangID(i + 1)); s == "" {
			t.Errorf("number %d lost its string", i+1)
		}
	}
	if n.id("es") != got[0] {
		t.Error("a string's number changed")
	}
}

// Link targets are numbered once each, read back, never 0, from many goroutines at once; a
// goroutine numbering a target waits for no goroutine that holds another shard (the back
// matter's setters waited on one another's new targets under one lock).
func TestLinkTargetsNumberedInShards(t *testing.T) {
	s := newShardedNames()
	if s.id("") != 0 || s.string(0) != "" {
		t.Fatal(`"" must be 0 both ways`)
	}
	targets := make([]string, 2000)
	for i := range targets {
		targets[i] = "#idx-" + strconv.Itoa(i)
	}
	got := make([][]LinkID, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range targets {
				got[g] = append(got[g], s.id(targets[(i+g*500)%len(targets)]))
			}
		}()
	}
	wg.Wait()
	seen := map[LinkID]string{}
	for g, ids := range got {
		for i, id := range ids {
			want := targets[(i+g*500)%len(targets)]
			if id == 0 || s.string(id) != want {
				t.Fatalf("%q numbered %d, which reads %q", want, id, s.string(id))
			}
			if o, ok := seen[id]; ok && o != want {
				t.Fatalf("%q and %q both numbered %d", o, want, id)
			}
			seen[id] = want
		}
	}
	if len(seen) != len(targets) {
		t.Errorf("%d numbers for %d targets", len(seen), len(targets))
	}
	// One shard held: a target of another is numbered all the same.
	held := s.shards[s.id(targets[0])%linkShards]
	held.Lock()
	defer held.Unlock()
	done := make(chan LinkID, 1)
	for i := 0; ; i++ {
		if target := "#new-" + strconv.Itoa(i); s.shards[maphash.String(s.seed, target)%linkShards] != held {
			go func() { done <- s.id(target) }()
			break
		}
	}
	select {
	case id := <-done:
		if id == 0 {
			t.Error("a new target numbered 0")
		}
	case <-time.After(10 * time.Second): // a hang, not a timing
		t.Fatal("numbering a target waited for another shard's lock")
	}
}
