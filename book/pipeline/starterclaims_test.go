package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/diag"
)

// TestStarterAndREADMEClaims keeps true what the starter's index.yaml comments and the
// README's "Your first book" (step 3) say bindery reports, and at which severity: each claim
// is an edit to the starter book and the one diagnostic it must give.
func TestStarterAndREADMEClaims(t *testing.T) {
	for _, c := range []struct {
		claim, file, old, new string
		severity              diag.Severity
		message               string // "" for no diagnostic at all
	}{
		{"index.yaml: a term found nowhere", "index.yaml", "- term: codex", "- term: vellum\n- term: codex", diag.Error, `index term "vellum" occurs nowhere in the text`},
		{"index.yaml: a sub-entry found nowhere", "index.yaml", "    - term: finding a place", "    - term: finding a place\n    - term: losing a place", diag.Error, `index sub-entry "losing a place" of "reading" occurs nowhere`},
		{"index.yaml: a range never closed", "01-the-codex.md", "a codex could travel.{^reading|)}", "a codex could travel.", diag.Error, `index range for "reading" is never closed`},
		{"index.yaml: a sub-entry with a single page is not reported", "02-from-press-to-screen.md", "{^reading!finding a place}Both", "Both", diag.Error, ""},
		{"README step 3: an index term the text no longer has is an error", "02-from-press-to-screen.md", "Penguin Books published", "A publisher published", diag.Error, `index term "Penguin Books" occurs nowhere in the text`},
		{"README step 3: a chronology anchor the text no longer has is an error", "02-from-press-to-screen.md", "{#c-penguin}", "", diag.Error, "points at {#c-penguin}, which is nowhere in the text"},
		{"README step 3: a glossary entry the text does not use is a warning", "glossary.yaml", "- id: codex", "- id: quire\n  term: quire\n  definition: A gathering of folded sheets.\n- id: codex", diag.Warning, `glossary entry "quire" is never used in the text`},
	} {
		t.Run(c.claim, func(t *testing.T) {
			dir := starterCopy(t)
			path := filepath.Join(dir, c.file)
			data, _ := os.ReadFile(path)
			if !strings.Contains(string(data), c.old) {
				t.Fatalf("%s has no %q", c.file, c.old)
			}
			os.WriteFile(path, []byte(strings.Replace(string(data), c.old, c.new, 1)), 0o644)
			list, _ := Check(dir)
			if c.message == "" {
				if len(list) != 0 {
					t.Errorf("want no diagnostic, got %v", list)
				}
				return
			}
			if len(list) != 1 || list[0].Severity != c.severity || !strings.Contains(list[0].Message, c.message) {
				t.Errorf("want one %s %q, got:\n%v", c.severity, c.message, list)
			}
		})
	}
}
