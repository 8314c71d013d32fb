package markdown

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/lang"
)

// localizeTextOld is localizeText as it was, before localizer: Punctuate asked for every
// piece in every language.
func localizeTextOld(t *doc.Text, tag string) *doc.Text {
	if len(t.Starts) == 0 {
		s := lang.Punctuate(tag, marks(t.Text, tag))
		if s == t.Text {
			return t
		}
		return &doc.Text{At: t.At, Text: s}
	}
	if !hasMarks(t.Text) && !lang.MayPunctuate(t.Text) {
		return t
	}
	out := &doc.Text{At: t.At, Starts: make([]doc.TextStart, 0, len(t.Starts))}
	var b strings.Builder
	from := 0
	for i := 0; i <= len(t.Starts); i++ {
		to := len(t.Text)
		if i < len(t.Starts) {
			to = t.Starts[i].Offset
		}
		if i > 0 {
			out.Starts = append(out.Starts, doc.TextStart{Offset: b.Len(), Pos: t.Starts[i-1].Pos})
		}
		b.WriteString(lang.Punctuate(tag, marks(t.Text[from:to], tag)))
		from = to
	}
	out.Text = b.String()
	return out
}

// TestLocalizeAsBefore: random texts, with and without pieces, in languages that space
// marks and some that do not, an image's alt text and spans switching language, come out as
// localizeTextOld made them (the same *doc.Text kept where it kept it; it made a copy of
// some texts it left as they were, which text keeps).
func TestLocalizeAsBefore(t *testing.T) {
	pieces := []string{"a", " ", "\u00a0", "?", "!", ":", ";", "«", "»", "1", ".", "é", "x",
		leftDouble, rightDouble, leftSingle, rightSingle, "\ue000", "\ue01a"}
	tags := []string{"en", "fr", "fr-CA", "de", "de-CH", "es", "fr-CH", "da", "no", "x"}
	rng := rand.New(rand.NewPCG(40, 41))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	randomText := func() *doc.Text {
		var b strings.Builder
		t := &doc.Text{At: doc.At{Pos: diag.Pos{File: "c.md", Line: 3, Col: 2}}}
		for range rng.IntN(10) {
			if b.Len() > 0 && rng.IntN(4) == 0 {
				t.Starts = append(t.Starts, doc.TextStart{Offset: b.Len(), Pos: diag.Pos{File: "c.md", Line: 4 + len(t.Starts), Col: 1}})
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		t.Text = b.String()
		return t
	}
	for range n {
		tag := tags[rng.IntN(len(tags))]
		in := randomText()
		want := localizeTextOld(in, tag)
		got := localizer{tag, lang.SpacesMarks(tag)}.text(in)
		if !reflect.DeepEqual(got, want) || want == in && got != in {
			t.Fatalf("%s %q %v: got %q %v (same %v), want %q %v (same %v)", tag, in.Text, in.Starts,
				got.Text, got.Starts, got == in, want.Text, want.Starts, want == in)
		}
		// The same through localize: an image's alt and a span in another language.
		inner, alt := tags[rng.IntN(len(tags))], randomText()
		span := randomText()
		blocks := []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{
			&doc.Image{Alt: alt.Text},
			&doc.Span{Lang: inner, Children: []doc.Inline{span}},
		}}}
		localize(blocks, tag)
		ins := blocks[0].(*doc.Paragraph).Inlines
		if a := ins[0].(*doc.Image).Alt; a != lang.Punctuate(tag, marks(alt.Text, tag)) {
			t.Fatalf("%s alt %q: got %q", tag, alt.Text, a)
		}
		if s, w := ins[1].(*doc.Span).Children[0], localizeTextOld(span, inner); !reflect.DeepEqual(s, w) {
			t.Fatalf("%s span %s %q: got %v, want %v", tag, inner, span.Text, s, w)
		}
	}
}
