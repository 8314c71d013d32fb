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
		"<a id=\"x\"></a>\n\n# T\n\nA <sup>b</sup> <span id=s>c<b>d</span>e</b> <img src=x.png alt=y width=3> &amp; &#124; $x_1$ ~~s~~\n\n- [ ] t\n- [x] u\n",
		"# T\n\n<details>\n<summary>S</summary>\n\nMarkdown *here*.\n\n</details>\n\n<figure><img src=a.png><figcaption>C</figcaption></figure>\n\n<table><tr><th>a<td>b<tr><td>c</table>\n",
		"## Section first\n\n[x](other.md#y) [](a.html) <ul><li>one<li>two</ul><dl><dt>t<dd>d</dl><pre><code class=language-go>x := 1\n</code></pre>\n",
		"# T\n\n$$\na\n$$\n\n[^a]: never used\n\nText [^open and [^b].\n\n<script>x</script><style>y</style><!-- z -->\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ch, list := Parse("f.md", src, doc.BodyMatter)
		if ch == nil {
			if len(list) == 0 {
				t.Fatal("no chapter and not a word why")
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
