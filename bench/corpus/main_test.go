package main

import (
	"strings"
	"testing"
)

func TestKindFoldsParticulars(t *testing.T) {
	for msg, want := range map[string]string{
		"a line is wider than the measure: PhantomData<*const":                                                                          "a line is wider than the measure: …",
		"the character U+1F980 '🦀' is not in the font Charis SIL; the PDF shows a blank for it":                                         "the character … … is not in the font Charis SIL; the PDF shows a blank for it",
		"link to src/panic-handler.html: not a file of the book, so the link was kept as text only (and 3 others like it in this file)": "link to … not a file of the book, so the link was kept as text only",
	} {
		if got := kind(diagnostic{Message: msg}); got != want {
			t.Errorf("kind(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestChangesSaysWhatMoved(t *testing.T) {
	prev := map[string]row{"a": {Commit: "1111111", Build: "ok", EPUB: 1, PDF: 0.999}, "b": {Build: "ok", EPUB: 1, PDF: 1}}
	cur := map[string]row{"a": {Build: "refused", EPUB: -1, PDF: -1}, "b": {Build: "ok", EPUB: 1, PDF: 1}, "c": {Build: "ok"}}
	got := changes(prev, cur)
	for _, want := range []string{"- a (since 1111111): build ok → refused; EPUB 100.000 % → —; PDF 99.900 % → —", "- c: new in the corpus"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "- b") {
		t.Errorf("b did not change:\n%s", got)
	}
}
