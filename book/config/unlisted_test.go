package config

import (
	"strings"
	"testing"
)

// TestUnlisted: Markdown files no chapter list names get one warning; a repository's README
// and the listed files none; not_acronyms is read as a list.
func TestUnlisted(t *testing.T) {
	dir := writeBook(t, good+"not_acronyms: [BC, AD]\n", "one.md", "two.md", "README.md", "notes.txt")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(b.NotAcronyms, ",") != "BC,AD" {
		t.Errorf("not_acronyms: %v", b.NotAcronyms)
	}
	list := Unlisted(b)
	if len(list) != 1 || list[0].Pos.Line != 7 || !strings.HasPrefix(list[0].Message, "two.md is in the book's folder but in no chapter list") {
		t.Errorf("%v", list)
	}
	dir = writeBook(t, good, "one.md", "a.md", "b.markdown")
	b, _ = Load(dir)
	if list := Unlisted(b); len(list) != 1 || !strings.HasPrefix(list[0].Message, "2 Markdown files in the book's folder are in no chapter list (a.md, b.markdown)") {
		t.Errorf("%v", list)
	}
	// A chapter not found, whose error offers two.md: no second word about two.md.
	b, _ = Load(writeBook(t, strings.Replace(good, "one.md", "tow.md", 1), "two.md"))
	if list := Unlisted(b); len(list) != 0 {
		t.Errorf("%v", list)
	}
	b, _ = Load(writeBook(t, good, "one.md"))
	if list := Unlisted(b); len(list) != 0 {
		t.Errorf("%v", list)
	}
}
