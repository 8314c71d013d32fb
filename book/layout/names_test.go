package layout

import (
	"sync"
	"testing"
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
