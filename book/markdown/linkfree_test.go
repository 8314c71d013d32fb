package markdown

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// dumpAST writes the tree as goldmark made it: kinds, text segments and their breaks,
// strings, blocks' lines.
func dumpAST(b *strings.Builder, n ast.Node, depth int) {
	fmt.Fprintf(b, "%*s%s", depth, "", n.Kind())
	switch n := n.(type) {
	case *ast.Text:
		fmt.Fprintf(b, " %v soft=%v hard=%v raw=%v", n.Segment, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
	case *ast.String:
		fmt.Fprintf(b, " %q code=%v", n.Value, n.IsCode())
	case *ast.Link:
		fmt.Fprintf(b, " %q %q", n.Destination, n.Title)
	case *ast.Emphasis:
		fmt.Fprintf(b, " %d", n.Level)
	}
	if n.Type() == ast.TypeBlock {
		for i := range n.Lines().Len() {
			fmt.Fprintf(b, " %v", n.Lines().At(i))
		}
	}
	b.WriteByte('\n')
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dumpAST(b, c, depth+1)
	}
}

func dumpOf(n ast.Node) string {
	var b strings.Builder
	dumpAST(&b, n, 0)
	return b.String()
}

var linkFreeTokens = []string{
	"foo", "bar", "l'été", "don't", "Ça", "x", "1990", " ", " ", " ", "  ", "   ", "(", ")", "((",
	"*", "**", "***", "_", "__", "[", "]", "![", "](u)", "][r]", "`", "``", "<", ">", "<b>", "</b>",
	"\"", "'", "-", "--", "---", "...", ",", ".", ";", "{#id}", "{^Term}", "{", "}", "$x$", "$",
	"[^1]", "^", ":", "|", "!", "&amp;", "&#40;", "#", "\n", "\n", "\n", "  \n", " \n", "\n\n",
	"\n# ", "\n> ", "\n- ", "\n1. ", "\n    ", "\n: ", "\nTerm\n: def ", "\n\n| a | b |\n|---|---|\n| ",
	"\n```\ncode (x) y\n```\n", "\n::: note\n", "\n:::\n", "\n[^1]: a note (x) ", "\n[r]: /u\n",
	"\n---\n", "\nTitle\n===\n", "\n- [ ] ", "<!-- c -->", "\n<div>\n", "\n</div>\n",
}

// Characters that send a source back to linkify (linkFree false).
var linkTokens = []string{"~", "~~", "\\", "\\*", "@", "a@b.co", "www.x.org", "http://x.org", "\t"}

var proseTokens = []string{"word", "the", "of", "a", " ", " ", " ", " ", "\n", ",", "."}

func randomMarkdown(r *rand.Rand, linked bool) string {
	var b strings.Builder
	n := 1 + r.Intn(60)
	prose := r.Intn(2) == 0 // mostly words and spaces, a special token now and then
	for range n {
		if prose && r.Intn(4) != 0 {
			b.WriteString(proseTokens[r.Intn(len(proseTokens))])
			continue
		}
		if linked && r.Intn(20) == 0 {
			b.WriteString(linkTokens[r.Intn(len(linkTokens))])
			continue
		}
		b.WriteString(linkFreeTokens[r.Intn(len(linkFreeTokens))])
	}
	if r.Intn(2) == 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// TestParseWithoutLinkifyIsTheSameTree checks parseMarkdown against the parser with linkify
// (the way every source was read before): the same tree for random sources, most of them
// ones linkify can match nothing in.
func TestParseWithoutLinkifyIsTheSameTree(t *testing.T) {
	r := rand.New(rand.NewSource(seed41))
	n := 60000
	if testing.Short() {
		n = 6000
	}
	refs := []parser.Reference{parser.NewReference([]byte("r"), []byte("/r"), nil)}
	free, redone := 0, 0
	for i := range n {
		src := []byte(randomMarkdown(r, i%4 == 0))
		want := dumpOf(markdownParser().Parse(text.NewReader(src), parser.WithContext(contextWith(refs))))
		got := dumpOf(parseMarkdown(src, refs))
		if got != want {
			t.Fatalf("source %q:\nwith linkify:\n%s\nwithout, cut:\n%s", src, want, got)
		}
		if linkFree(src) {
			free++
			root := plainMarkdownParser().Parse(text.NewReader(src), parser.WithContext(contextWith(refs)))
			if !linkifyCuts(root, src) {
				redone++
			}
		}
	}
	t.Logf("%d sources, %d linkify-free, %d of them read again with linkify", n, free, redone)
	if redone*10 > free {
		t.Errorf("%d of %d linkify-free sources read again", redone, free)
	}
}

func TestLinkFree(t *testing.T) {
	for _, c := range []struct {
		src  string
		free bool
	}{
		{"plain (text) *here*", true}, {"a@b", false}, {"see www.x.org", false}, {"http:", false},
		{"https:", false}, {"mailto:", false}, {"a\\*", false}, {"~x~", false}, {"\tx", false},
		{"a\r\nb", false}, {"ftp://x", true}, {"www", true},
	} {
		if got := linkFree([]byte(c.src)); got != c.free {
			t.Errorf("linkFree(%q) = %v", c.src, got)
		}
	}
}

var seed41 int64 = 41
