package doc

import (
	"reflect"
	"testing"
)

// A copy equals the original, shares no pointer with it, and keeps its own references: a
// note reference points at the copy of the note, an entry's see-also at the copy of the entry.
func TestCopyIsDeepAndKeepsReferences(t *testing.T) {
	note := &Footnote{ID: "n1", Label: "1", Number: 1, Blocks: []Block{&Paragraph{Inlines: []Inline{&Text{Text: "A note."}}}}}
	blocks := []Block{
		&Heading{Level: 1, ID: "h", Inlines: []Inline{&Text{Text: "Title"}}},
		&Paragraph{Inlines: []Inline{&Text{Text: "Some "}, &Emphasis{Children: []Inline{&Text{Text: "text"}}}, &FootnoteRef{Note: note, N: 1}}},
	}
	type model struct {
		Blocks []Block
		Notes  []*Footnote
	}
	orig := model{blocks, []*Footnote{note}}
	c := Copy(orig)
	if !reflect.DeepEqual(c, orig) {
		t.Fatalf("the copy differs from the original")
	}
	ref := c.Blocks[1].(*Paragraph).Inlines[2].(*FootnoteRef)
	if ref.Note != c.Notes[0] {
		t.Errorf("the copied reference does not point at the copied note")
	}
	if ref.Note == note || c.Blocks[0] == blocks[0] || &c.Blocks[0] == &blocks[0] {
		t.Errorf("the copy shares pointers with the original")
	}
	c.Blocks[1].(*Paragraph).Inlines[1].(*Emphasis).Children[0].(*Text).Text = "changed"
	if blocks[1].(*Paragraph).Inlines[1].(*Emphasis).Children[0].(*Text).Text != "text" {
		t.Errorf("changing the copy changed the original")
	}

	cob := &GlossaryEntry{ID: "g-cob", Term: "COB"}
	mnr := &GlossaryEntry{ID: "g-mnr", Term: "MNR", SeeAlso: []*GlossaryEntry{cob}}
	a := &Apparatus{Glossary: []*GlossaryEntry{mnr, cob}, Index: []*IndexEntry{{ID: "ix", Term: "MNR", Glossary: mnr}}}
	ac := Copy(a)
	if !reflect.DeepEqual(ac, a) || ac == a {
		t.Fatalf("the apparatus's copy differs from it, or is it")
	}
	if ac.Glossary[0].SeeAlso[0] != ac.Glossary[1] || ac.Index[0].Glossary != ac.Glossary[0] {
		t.Errorf("the apparatus's copy does not keep its own references")
	}
	ac.Glossary[0].Uses = append(ac.Glossary[0].Uses, &GlossaryRef{ID: "u"})
	if len(mnr.Uses) != 0 {
		t.Errorf("a use added to the copy reached the original")
	}
}
