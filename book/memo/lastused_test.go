package memo

import "testing"

// TestLastUsedKeepsWhatTheLastBuildUsed: a value got or put in a build survives its End; one
// the build did not touch does not.
func TestLastUsedKeepsWhatTheLastBuildUsed(t *testing.T) {
	var l LastUsed[string, int]
	l.Begin()
	l.Put("a", 1)
	l.Put("b", 2)
	l.End()
	l.Begin()
	if v, ok := l.Get("a"); !ok || v != 1 {
		t.Fatalf("a = %d, %v; want 1, true", v, ok)
	}
	l.End()
	if _, ok := l.Get("b"); ok || l.Len() != 1 {
		t.Fatalf("b kept after a build that did not use it (%d kept)", l.Len())
	}
	l.Reset()
	if l.Len() != 0 {
		t.Fatal("Reset kept values")
	}
}
