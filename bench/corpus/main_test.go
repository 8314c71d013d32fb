package main

import "testing"

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
