package layout_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/layout"
	"bindery/book/pdf"
)

// ligatureText is a paragraph with the standard ligatures in running text, in words the
// patterns hyphenate between the letters of a ligature, and in code.
const ligatureText = "# Ligatures\n\nWe find the official figures: the flow of traffic, an affluent office and a " +
	"baffling offer, fifty fine flags; the code `office_find()` stays as typed.\n"

// TestLigaturesInTextNotInCode: fi, fl, ff, ffi and ffl are drawn as ligatures in running
// text, never across a point where the line may break (a word is shaped syllable by
// syllable, as the hyphenation patterns cut it) and never in code; the line's text still
// reads as letters.
func TestLigaturesInTextNotInCode(t *testing.T) {
	s := settings(t)
	d := typeset(t, book(t, ligatureText), s)
	var drawn, text strings.Builder
	for _, p := range d.Pages {
		for _, r := range p.Runs {
			drawn.WriteString(r.Text + " ")
		}
		for _, l := range p.Lines {
			text.WriteString(l.Text + " ")
		}
	}
	for _, lig := range []string{"\ufb01", "\ufb02", "\ufb00"} {
		if !strings.Contains(drawn.String(), lig) {
			t.Errorf("no %q drawn in %q", lig, drawn.String())
		}
	}
	if !strings.Contains(drawn.String(), "office_find()") {
		t.Errorf("code drawn with ligatures: %q", drawn.String())
	}
	for _, w := range []string{"find", "official", "traffic", "affluent", "baffling", "offer", "flags"} {
		if !strings.Contains(text.String(), w) {
			t.Errorf("the lines' text lacks %q: %q", w, text.String())
		}
		// A ligature never spans a hyphenation point of the word.
		pts := s.Hyphenator.Points(w)
		for _, l := range []struct{ letters, glyph string }{{"ffi", "\ufb03"}, {"ffl", "\ufb04"}, {"ff", "\ufb00"}, {"fi", "\ufb01"}, {"fl", "\ufb02"}} {
			at := strings.Index(w, l.letters)
			if at < 0 {
				continue
			}
			spans := false
			for _, p := range pts {
				spans = spans || (p > at && p < at+len(l.letters))
			}
			if spans && strings.Contains(drawn.String(), strings.Replace(w, l.letters, l.glyph, 1)) {
				t.Errorf("%q drawn with %q across its hyphenation points %v", w, l.glyph, pts)
			}
		}
	}
}

// TestLigaturesReadBackAsLetters: the PDF's ToUnicode maps a ligature glyph to its letters,
// so pdftotext (search, copy) gives "find" and "official" whole.
func TestLigaturesReadBackAsLetters(t *testing.T) {
	s := settings(t)
	got := pdfText(t, typeset(t, book(t, ligatureText), s), s)
	for _, w := range []string{"find", "official", "figures", "flow", "traffic", "affluent", "office", "baffling", "offer", "fifty", "fine", "flags"} {
		if !strings.Contains(got, w) {
			t.Errorf("pdftotext does not give %q back: %q", w, got)
		}
	}
	if strings.ContainsAny(got, "\ufb00\ufb01\ufb02\ufb03\ufb04") {
		t.Errorf("pdftotext gives ligature characters: %q", got)
	}
}

// pdfText writes d as a PDF and gives its text as pdftotext reads it, words joined by single
// spaces and hyphenated line ends joined (skipping the test without poppler).
func pdfText(t *testing.T, d *layout.Document, s layout.Settings) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, d, pdf.Info{Title: "Read back"}, pdf.Fonts{Family: s.Family, Base: "CharisSIL"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "read-back.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "-\n", "")), " ")
}
