package link

import (
	"strings"
	"testing"

	"bindery/book/doc"
)

// TestNotAcronyms: words the author lists under not_acronyms get no warning; the others do,
// once each, with the way to silence it.
func TestNotAcronyms(t *testing.T) {
	ch := &doc.Chapter{Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Text: "In 44 BC the UK had no TV, and the TV was AD."}}}}}
	b := &doc.Book{Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors(), Apparatus: &doc.Apparatus{
		Glossary:    []*doc.GlossaryEntry{{Term: "codex"}},
		NotAcronyms: []string{"BC", "AD", "UK"},
	}}
	// Cold, then the words kept by a Found, then taken from it.
	found := NewFound()
	for i, f := range []*Found{nil, found, found} {
		f.begin("")
		acr := acronymsOf(b)
		acr.report(walkChapters(b, nil, acr, f, newResolver(b))) // where the walk looks at the text
		list := acr.list
		f.end()
		if len(list) != 1 || !strings.Contains(list[0].Message, `"TV" looks like an acronym but has no glossary entry (list it under not_acronyms:`) {
			t.Errorf("%d: %v", i, list)
		}
	}
	if n := found.kept.Len(); n != 1 {
		t.Errorf("%d texts' words kept; want the one text's", n)
	}
}
