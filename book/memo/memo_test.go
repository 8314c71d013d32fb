package memo

import (
	"bytes"
	"testing"
)

// A rebuild works again only on what changed, and keeps only what the last build used.
func TestStoreKeepsWhatTheLastBuildUsed(t *testing.T) {
	var s Store
	calls := 0
	upper := func(b []byte) []byte { calls++; return bytes.ToUpper(b) }
	s.Begin()
	if got := s.Get([]byte("a"), upper); string(got) != "A" {
		t.Fatalf("got %q", got)
	}
	s.Get([]byte("b"), upper)
	s.End()
	if s.Made() != 2 || calls != 2 {
		t.Fatalf("first build made %d (%d calls), want 2", s.Made(), calls)
	}
	s.Begin()
	s.Get([]byte("a"), upper) // kept
	s.Get([]byte("c"), upper) // new
	s.End()
	if s.Made() != 1 || calls != 3 {
		t.Fatalf("second build made %d (%d calls), want 1 (3)", s.Made(), calls)
	}
	s.Begin()
	s.Get([]byte("b"), upper) // let go after the second build
	s.End()
	if s.Made() != 1 || calls != 4 {
		t.Fatalf("third build made %d (%d calls): b should have been let go", s.Made(), calls)
	}
}
