package memo

import "sync"

// LastUsed keeps values by key from one build to the next, keeping only those the last
// build used: what a build gets or puts is kept, and End lets go of the rest. Safe for
// concurrent use within a build; the builds sharing one must not run at the same time. The
// zero LastUsed is ready to use.
type LastUsed[K comparable, V any] struct {
	mu   sync.Mutex
	kept map[K]*lastUse[V]
	gen  int // the build running, counted from 1
}

// lastUse is a value and the last build that used it.
type lastUse[V any] struct {
	v   V
	gen int
}

// Begin starts a build.
func (l *LastUsed[K, V]) Begin() {
	l.mu.Lock()
	l.gen++
	l.mu.Unlock()
}

// End lets go of the values the finished build did not use.
func (l *LastUsed[K, V]) End() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, u := range l.kept {
		if u.gen != l.gen {
			delete(l.kept, k)
		}
	}
}

// Reset lets go of every value.
func (l *LastUsed[K, V]) Reset() {
	l.mu.Lock()
	l.kept = nil
	l.mu.Unlock()
}

// Get returns the value kept under k, marked used by this build.
func (l *LastUsed[K, V]) Get(k K) (V, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	u, ok := l.kept[k]
	if !ok {
		var zero V
		return zero, false
	}
	u.gen = l.gen
	return u.v, true
}

// Put keeps v under k for this build and the next.
func (l *LastUsed[K, V]) Put(k K, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.kept == nil {
		l.kept = map[K]*lastUse[V]{}
	}
	l.kept[k] = &lastUse[V]{v: v, gen: l.gen}
}

// Len is how many values are kept.
func (l *LastUsed[K, V]) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.kept)
}
