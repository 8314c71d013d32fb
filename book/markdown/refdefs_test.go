package markdown

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// referenceDefinitions finds, line by line, what the pattern finds in the whole text: on
// every Markdown file of the repository's books and on edge cases (indents, footnotes, titles
// of each kind, CR line ends, a definition on the last line without a newline).
func TestReferenceDefinitionsLineByLine(t *testing.T) {
	whole := func(src []byte) []parser.Reference {
		var refs []parser.Reference
		for _, m := range referenceRE().FindAllSubmatch(src, -1) {
			if len(m[1]) > 0 && m[1][0] == '^' {
				continue
			}
			refs = append(refs, referenceOf(m))
		}
		return refs
	}
	texts := [][]byte{
		[]byte("[a]: http://a\n   [b]:   <http://b>  \"T\"\n    [c]: http://c\n[^1]: a note [d]: x\n"),
		[]byte("\t[e]: http://e\n [f]: f 'single'\n  [g]: g (paren)\n[h]: h \"open\n[i]:\n[j]: j\r\n[k]:k"),
		[]byte("text [l]: not at the start\n>[m]: quoted\n[n]:  n  \n[]: empty\n[o]: o \"t\" trailing"),
	}
	files, _ := filepath.Glob("../../testdata/books/*/*.md")
	more, _ := filepath.Glob("../../manuscript/*.md")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b)
	}
	found := 0
	for i, src := range texts {
		got, want := referenceDefinitions(src), whole(src)
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Errorf("text %d: found %d definitions, the whole-text pattern %d", i, len(got), len(want))
		}
		found += len(want)
	}
	if found < 7 {
		t.Fatalf("only %d definitions in the texts: the test shows nothing", found)
	}
}

// BenchmarkReferenceDefinitions looks for definitions in every file of the default book.
func BenchmarkReferenceDefinitions(b *testing.B) {
	files, _ := filepath.Glob("../../manuscript/*.md")
	var texts [][]byte
	for _, f := range files {
		t, _ := os.ReadFile(f)
		texts = append(texts, t)
	}
	for b.Loop() {
		for _, t := range texts {
			referenceDefinitions(t)
		}
	}
}
