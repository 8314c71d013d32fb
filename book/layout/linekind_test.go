package layout

import "testing"

// Every line kind keeps its name through its code, and a line keeps its kind and its
// note's block kind through compact.
func TestLineKindCodes(t *testing.T) {
	kinds := append(lineKinds[:], "sidebar") // one not among the constants
	for _, k := range kinds {
		if got := kindOf(codeOf(k)); got != k {
			t.Errorf("kind %q came back as %q", k, got)
		}
		m := compact(LineMetrics{Kind: k, NoteBlock: LineQuote}, true).full()
		if m.Kind != k || m.NoteBlock != LineQuote {
			t.Errorf("compact(%q) gave %q, %q", k, m.Kind, m.NoteBlock)
		}
	}
	if codeOf("sidebar") != codeOf("sidebar") {
		t.Error("an added kind got two codes")
	}
}
