package svg

import (
	"strings"
	"testing"

	"golang.org/x/image/colornames"
)

// TestNamedColoursAreColornames: the table names the colours x/image/colornames' map does,
// no more, and finds each by binary search (an unsorted entry would be missed).
func TestNamedColoursAreColornames(t *testing.T) {
	if len(colourNames) != len(colornames.Map) {
		t.Errorf("%d names, colornames has %d", len(colourNames), len(colornames.Map))
	}
	for name, want := range colornames.Map {
		got, ok := namedColour(name)
		if !ok || got != want {
			t.Errorf("namedColour(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	for _, name := range []string{"", "Red", "reds", "re", "grey0", "zzz", "aaa", strings.Repeat("a", 40)} {
		if c, ok := namedColour(name); ok {
			t.Errorf("namedColour(%q) = %v, want no colour", name, c)
		}
	}
}
