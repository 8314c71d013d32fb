package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTiesFromBookYAML: the words book.yaml's ties: lists keep the number after them on
// their line. The same text without the key breaks after "Clause" somewhere.
func TestTiesFromBookYAML(t *testing.T) {
	var text strings.Builder
	words := strings.Fields("the assembly voted on the motion and the draft that the committee sent back")
	for i := range 60 {
		text.WriteString(strings.Join(words[:1+i%len(words)], " "))
		text.WriteString(" under Clause 12 of the charter; ")
	}
	endsInClause := func(ties string) int {
		dir := t.TempDir()
		yaml := "title: Ties\nauthor: A\nlanguage: en-GB\nidentifier: urn:uuid:1\ndate: 2005\nchapters: [one.md]\n" + ties
		for name, body := range map[string]string{"book.yaml": yaml, "one.md": "# One\n\n" + text.String() + "\n"} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, list, err := Load(dir)
		if err != nil {
			t.Fatalf("%v\n%v", err, list)
		}
		d, _, err := Layout(b)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, p := range d.Pages {
			for _, l := range p.Lines {
				if strings.HasSuffix(strings.TrimSpace(l.Text), "Clause") {
					n++
				}
			}
		}
		return n
	}
	if n := endsInClause(""); n == 0 {
		t.Fatal("without ties: no line ends in \"Clause\"; the test's text proves nothing")
	}
	if n := endsInClause("ties: [Clause]\n"); n != 0 {
		t.Errorf("with ties: [Clause], %d lines end in \"Clause\"", n)
	}
}
