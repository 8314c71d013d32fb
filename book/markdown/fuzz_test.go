package markdown

import (
	"testing"

	"bindery/book/doc"
)

// FuzzParse feeds arbitrary bytes to the chapter reader, marks and all: it must never panic,
// and what it accepts must be a chapter with a title.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# T {#t}\n\nText[^n] {#a}and {^Term!Sub|(} more {^Term|)}.\n\n[^n]: Note.\n",
		"# T\n\n> quote\n>\n> - list\n>   1. nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"# T\n\n{#}{^}{#x y}{^a!b!c}[](#x)[]()<script>x</script>\n",
		"\ufeff# T\r\n\r\ntext\r\n",
		"# T\n\nTerm\n: def\n\n```go\ncode\n```\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ch, list := Parse("f.md", src, doc.BodyMatter)
		if ch == nil {
			if !list.HasErrors() {
				t.Fatal("no chapter and no error")
			}
			return
		}
		if ch.ID == "" || len(ch.Blocks) == 0 {
			t.Fatalf("chapter without ID or blocks: %+v", ch)
		}
		b := &doc.Book{Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors()}
		RegisterAnchors(b)
	})
}
