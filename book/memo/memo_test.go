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

// backing is a Backing in a map, counting what it was asked.
type backing struct {
	kept         map[[32]byte][]byte
	loads, saves int
}

func (b *backing) Load(k [32]byte) ([]byte, bool) { b.loads++; v, ok := b.kept[k]; return v, ok }
func (b *backing) Save(k [32]byte, v []byte)      { b.saves++; b.kept[k] = v }

// A Store with a Backing asks it before working, gives it what it works out, and counts as
// made only what it worked out.
func TestStoreAsksItsBacking(t *testing.T) {
	b := &backing{kept: map[[32]byte][]byte{}}
	calls := 0
	upper := func(d []byte) []byte { calls++; return bytes.ToUpper(d) }
	var first Store
	first.SetBacking(b)
	first.Begin()
	first.Get([]byte("a"), upper)
	first.End()
	if calls != 1 || b.saves != 1 || first.Made() != 1 {
		t.Fatalf("first: %d calls, %d saves, made %d", calls, b.saves, first.Made())
	}
	var second Store // a new process
	second.SetBacking(b)
	second.Begin()
	if got := second.Get([]byte("a"), upper); string(got) != "A" {
		t.Fatalf("got %q", got)
	}
	second.Get([]byte("a"), upper) // kept in memory now: the backing is not asked again
	second.End()
	if calls != 1 || second.Made() != 0 || b.loads != 2 || b.saves != 1 {
		t.Errorf("second: %d calls, made %d, %d loads, %d saves; want 1, 0, 2, 1", calls, second.Made(), b.loads, b.saves)
	}
}
