package layout_test

import (
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/layout"
)

// smallCapsText has acronyms in running text, in a heading, in code and in a table; a
// roman numeral; a word the author says is no acronym; and text marked small capitals.
const smallCapsText = "# The MNR and the COB\n\n" +
	"The MNR and the COB (Central Obrera Boliviana) met the CSUTCB in 1952; Louis XIV and " +
	"the UK did not. The code `MNR_find()` stays as typed. [Small capitals]{.smallcaps} " +
	"are marked.\n\n| Party | Year |\n|---|---|\n| MNR | 1952 |\n"

// drawn is the text of a page's runs of one line kind, as drawn, and as read.
func drawnRuns(d *layout.Document, kinds ...layout.LineKind) (drawn, read string) {
	var b, r strings.Builder
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			for _, k := range kinds {
				if l.Kind == k {
					r.WriteString(l.Text + " ")
				}
			}
		}
		for _, run := range p.Runs {
			b.WriteString(run.Text + " ")
		}
	}
	return b.String(), r.String()
}

// smallCaps is a word as the face draws it in small capitals.
func smallCaps(t *testing.T, f *font.Face, w string) string {
	var b strings.Builder
	for _, r := range w {
		v, ok := f.SmallCap(r)
		if !ok && r != ' ' {
			t.Fatalf("%s has no small capital for %q", f.Family, r)
		}
		b.WriteRune(v)
	}
	return b.String()
}

// TestAcronymsInSmallCapitals: with Settings.Acronyms, an acronym's capitals in running text
// and tables are drawn as the face's small capitals (c2sc), text marked .smallcaps has its
// lower case in small capitals (smcp), and headings, code, roman numerals and the author's
// exceptions keep their capitals; every line still reads as written.
func TestAcronymsInSmallCapitals(t *testing.T) {
	s := settings(t)
	s.Acronyms = doc.NewAcronyms(&doc.Apparatus{NotAcronyms: []string{"UK"}})
	d := typeset(t, book(t, smallCapsText), s)
	drawn, read := drawnRuns(d, layout.LineParagraph, layout.LineTable, layout.LineChapterTitle)
	face := s.Family.Regular
	for _, w := range []string{"MNR", "COB", "CSUTCB"} {
		if !strings.Contains(drawn, smallCaps(t, face, w)) {
			t.Errorf("%s not drawn in small capitals: %q", w, drawn)
		}
	}
	if sc := "S" + smallCaps(t, face, "mall") + " " + smallCaps(t, face, "capitals"); !strings.Contains(strings.ReplaceAll(drawn, "  ", " "), sc) {
		t.Errorf("[Small capitals]{.smallcaps} not drawn with smcp: %q", drawn)
	}
	for _, w := range []string{"The MNR and the COB", "MNR_find()", "XIV", "UK"} {
		if !strings.Contains(drawn, w) {
			t.Errorf("%q not drawn as written: %q", w, drawn)
		}
	}
	if n := strings.Count(drawn, smallCaps(t, face, "MNR")); n != 2 {
		t.Errorf("MNR in small capitals %d times, want 2 (text and table; not the heading, not code)", n)
	}
	for _, w := range []string{"The MNR and the COB", "the CSUTCB in 1952", "Small capitals", "MNR 1952"} {
		if !strings.Contains(read, w) {
			t.Errorf("the lines do not read %q: %q", w, read)
		}
	}
	// Off, nothing changes.
	plain, _ := drawnRuns(typeset(t, book(t, smallCapsText), settings(t)))
	if strings.Contains(plain, smallCaps(t, face, "MNR")) {
		t.Errorf("acronyms in small capitals without Settings.Acronyms: %q", plain)
	}
}

// TestSmallCapitalsReadBackAsLetters: the PDF draws the small-capital glyphs (its subset
// has them) and its ToUnicode gives the letters written, so pdftotext finds "MNR".
func TestSmallCapitalsReadBackAsLetters(t *testing.T) {
	s := settings(t)
	s.Acronyms = doc.NewAcronyms(nil)
	got := pdfText(t, typeset(t, book(t, smallCapsText), s), s)
	for _, w := range []string{"The MNR and the COB (Central Obrera Boliviana) met the CSUTCB in 1952", "MNR_find()"} {
		if !strings.Contains(got, w) {
			t.Errorf("pdftotext does not give %q back: %q", w, got)
		}
	}
	// A glyph has one ToUnicode entry: the small capital an acronym's "M" draws is the
	// one smcp gives "m"; ToUnicode says capitals, as XeLaTeX's does (docs/notes.md, issue
	// 16, shaping).
	if w := "SMALL CAPITALS are marked"; !strings.Contains(got, w) {
		t.Errorf("pdftotext does not give %q back: %q", w, got)
	}
}

// TestFiguresByPlace: with a face that has oldstyle figures, running text is set in them
// and a table and a heading in the face's lining ones; the lines read the digits written.
func TestFiguresByPlace(t *testing.T) {
	f, err := font.Load("../font/testdata/figures/FiguresTest-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	s := settings(t)
	s.Family = &font.Family{Regular: f, Italic: f, Bold: f, BoldItalic: f}
	s.Hyphenator = nil
	s.Figures = font.Oldstyle
	d := typeset(t, book(t, "# M 2026\n\nmnr 2026 nm 1952\n\n| mn | rm |\n|---|---|\n| 2026 | 1952 |\n"), s)
	var text, table, heading []string
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			switch l.Kind {
			case layout.LineParagraph:
				text = append(text, l.Text)
			case layout.LineTable:
				table = append(table, l.Text)
			case layout.LineChapterTitle:
				heading = append(heading, l.Text)
			}
		}
	}
	if strings.Join(text, " ") != "mnr 2026 nm 1952" || !strings.Contains(strings.Join(table, " "), "2026") || strings.Join(heading, " ") != "M 2026" {
		t.Errorf("lines read %q, %q, %q", text, table, heading)
	}
	oldstyle := ""
	for _, r := range "2026" {
		v, ok := f.Figure(r, font.Oldstyle)
		if !ok {
			t.Fatalf("no oldstyle %q", r)
		}
		oldstyle += string(v)
	}
	// By size: the text and the contents at the body size, the table smaller, the
	// chapter title larger.
	count := map[string]int{}
	for _, p := range d.Pages {
		for _, r := range p.Runs {
			size := "larger"
			switch {
			case layout.Length(r.Size) == s.FontSize:
				size = "text"
			case layout.Length(r.Size) < s.FontSize:
				size = "smaller"
			}
			if strings.Contains(r.Text, oldstyle) {
				count["oldstyle in "+size]++
			}
			if strings.Contains(r.Text, "2026") {
				count["lining in "+size]++
			}
		}
	}
	want := map[string]int{"oldstyle in text": 1, "lining in text": 1, "lining in smaller": 1, "lining in larger": 1}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("2026 %s: %d times, want %d (%v)", k, count[k], n, count)
		}
	}
	if len(count) != len(want) {
		t.Errorf("2026 set as %v, want %v", count, want)
	}
}
