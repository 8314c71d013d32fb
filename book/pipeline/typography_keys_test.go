package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTypographyKeys: acronyms: small-caps reaches the layout (and the book's glossary
// terms in capitals with it); numerals: oldstyle asked of a face without oldstyle figures
// (Charis SIL) is one note at the key, not one per number, and the default is silent.
func TestTypographyKeys(t *testing.T) {
	build := func(keys string) ([]string, string) {
		dir := t.TempDir()
		yaml := "title: Figures\nauthor: A\nlanguage: en-GB\nidentifier: urn:uuid:1\ndate: 2005\nchapters: [one.md]\n" + keys
		text := "# One\n\nIn 1952 the MNR, in 1964 the army, in 1982 the MNR again; 1985, 2003 and 2005.\n"
		for name, body := range map[string]string{"book.yaml": yaml, "one.md": text} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, list, err := Load(dir)
		if err != nil {
			t.Fatalf("%v\n%v", err, list)
		}
		d, list, err := Layout(b)
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for _, w := range list {
			notes = append(notes, w.String())
		}
		var runs strings.Builder
		for _, p := range d.Pages {
			for _, r := range p.Runs {
				runs.WriteString(r.Text + " ")
			}
		}
		return notes, runs.String()
	}
	notes, runs := build("numerals: oldstyle\nacronyms: small-caps\n")
	if len(notes) != 1 || !strings.Contains(notes[0], "book.yaml:7:11: warning: numerals: oldstyle: the font Charis SIL has no oldstyle figures") {
		t.Errorf("notes %q, want one about oldstyle figures at book.yaml:7:11", notes)
	}
	if !strings.Contains(runs, "\U000F004D\U000F004E\U000F0052") || !strings.Contains(runs, "1952") {
		t.Errorf("MNR not in small capitals, or 1952 not in Charis's own figures: %q", runs)
	}
	if notes, runs := build(""); len(notes) != 0 || strings.ContainsRune(runs, 0xF004D) {
		t.Errorf("default: notes %q; runs %q", notes, runs)
	}
}
