package hyphen

import (
	"os"
	"reflect"
	"testing"
)

// The packed files are compiled from the pattern files beside them; this
// fails when one was changed without `go generate`.
func TestPackedFormMatchesSourcePatterns(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range languages {
		if seen[l.trie] {
			continue
		}
		seen[l.trie] = true
		t.Run(l.trie, func(t *testing.T) {
			src, err := os.ReadFile("patterns/" + l.trie + ".pat.txt")
			if err != nil {
				t.Fatal(err)
			}
			want, err := buildTrie(string(src))
			if err != nil {
				t.Fatal(err)
			}
			packed, ok := packedTrie(l.trie)
			if !ok {
				t.Fatalf("no packed file %s.bin", l.trie)
			}
			got, err := unpack(packed)
			if err != nil {
				t.Fatal(err)
			}
			if !sameTrie(got, want) {
				t.Errorf("patterns/%s.bin is not %s.pat.txt compiled: run go generate ./book/hyphen", l.trie, l.trie)
			}
		})
	}
}

func TestPackRoundTrips(t *testing.T) {
	const pats = "1ba\n.ab4c\nc3d2e\né1ñ\nzz5\n"
	want, err := buildTrie(pats)
	if err != nil {
		t.Fatal(err)
	}
	packed, err := Pack(pats)
	if err != nil {
		t.Fatal(err)
	}
	got, err := unpack(string(packed))
	if err != nil {
		t.Fatal(err)
	}
	if !sameTrie(got, want) {
		t.Errorf("unpack(Pack(p)) differs from buildTrie(p)")
	}
	// Damaged data is an error, never a panic.
	for i := range packed {
		for _, b := range []byte{0, 0xFF, packed[i] ^ 1} {
			bad := append([]byte(nil), packed...)
			bad[i] = b
			hyphenateDamaged(string(bad), "abcdeñzz")
		}
		hyphenateDamaged(string(packed[:i]), "abcdeñzz")
	}
}

// hyphenateDamaged unpacks damaged patterns and, when they are accepted, applies them to
// every suffix of syms (as symbols, whatever they mean): an error or any levels, never a
// panic.
func hyphenateDamaged(data, word string) {
	tr, err := unpack(data)
	if err != nil {
		return
	}
	syms := []uint8(word)
	for i := range syms {
		tr.apply(syms[i:], make([]uint8, len(syms)-i+1))
	}
	for r := range tr.other {
		tr.symbol(r)
	}
}

// A language's patterns are read when it is first used, not before: a book
// pays only for the languages it uses, however many ship.
func TestPatternsAreLoadedOnFirstUse(t *testing.T) {
	l := &language{tag: "xx", trie: "hyph-de-1996"}
	if l.loaded != nil {
		t.Fatal("a language is loaded before its first use")
	}
	if err := l.load(); err != nil || l.loaded == nil {
		t.Fatalf("load: %v", err)
	}
	if l.loaded.symbol('ß') == symUnknown {
		t.Error("German patterns without ß")
	}
	bad := &language{tag: "yy", trie: "hyph-none"}
	if err := bad.load(); err == nil {
		t.Error("loading missing patterns succeeded")
	}
}

// sameTrie compares two tries: alphabets, arrays and levels.
func sameTrie(a, b *trie) bool {
	return a.ascii == b.ascii && reflect.DeepEqual(a.other, b.other) && a.maxLen == b.maxLen &&
		a.states == b.states && a.nodes == b.nodes &&
		a.values == b.values
}

func FuzzUnpack(f *testing.F) {
	p, _ := Pack("1ba\n.ab4c\nc3d2e\n")
	f.Add(p, "abcde")
	f.Fuzz(func(t *testing.T, b []byte, word string) { hyphenateDamaged(string(b), word) })
}

// BenchmarkLoad is what a book pays the first time it uses a language:
// unpacking the compiled patterns, against building the trie from the
// pattern text as bindery did before they were compiled.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"hyph-en-gb", "hyph-es", "hyph-de-1996", "hyph-hu"} {
		packed, ok := packedTrie(name)
		if !ok {
			b.Fatal("no packed file", name)
		}
		b.Run("packed/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := unpack(packed); err != nil {
					b.Fatal(err)
				}
			}
		})
		src, err := os.ReadFile("patterns/" + name + ".pat.txt")
		if err != nil {
			b.Fatal(err)
		}
		b.Run("text/"+name, func(b *testing.B) {
			for b.Loop() {
				if _, err := buildTrie(string(src)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
