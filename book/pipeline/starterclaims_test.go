package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bindery/book/diag"
	"bindery/book/starter"
)

// TestStarterAndREADMEClaims keeps true what the starter's comments (book.yaml, glossary,
// chronology, index) and the README's "Your first book" (step 3) say bindery reports, and at which severity: each claim
// is an edit to the starter book and the one diagnostic it must give.
func TestStarterAndREADMEClaims(t *testing.T) {
	for _, c := range []struct {
		claim, file, old, new string
		severity              diag.Severity
		message               string // "" for no diagnostic at all
		spanish               bool   // the Spanish starter's claim, else the English
	}{
		{"index.yaml: a term found nowhere", "index.yaml", "- term: codex", "- term: vellum\n- term: codex", diag.Error, `index term "vellum" occurs nowhere in the text`, false},
		{"index.yaml: a sub-entry found nowhere", "index.yaml", "    - term: finding a place", "    - term: finding a place\n    - term: losing a place", diag.Error, `index sub-entry "losing a place" of "reading" occurs nowhere`, false},
		{"index.yaml: a range never closed", "01-the-codex.md", "a codex could travel.{^reading|)}", "a codex could travel.", diag.Error, `index range for "reading" is never closed`, false},
		{"index.yaml: a sub-entry with a single page is not reported", "02-from-press-to-screen.md", "{^reading!finding a place}Both", "Both", diag.Error, "", false},
		{"glossary.yaml: a word in capitals without an entry", "02-from-press-to-screen.md", "Penguin Books published", "NASA and Penguin Books published", diag.Warning, `"NASA" looks like an acronym but has no glossary entry`, false},
		{"chronology.yaml: an event out of date order", "chronology.yaml", `date: "1501"`, `date: "1401"`, diag.Warning, "chronology out of order: 1401 comes after 1454/1455", false},
		{"book.yaml: a key bindery does not know is an error", "book.yaml", "subtitle:", "subtitel:", diag.Error, `unknown key "subtitel"`, false},
		{"README step 3: an index term the text no longer has is an error", "02-from-press-to-screen.md", "Penguin Books published", "A publisher published", diag.Error, `index term "Penguin Books" occurs nowhere in the text`, false},
		{"README step 3: a chronology anchor the text no longer has is an error", "02-from-press-to-screen.md", "{#c-penguin}", "", diag.Error, "points at {#c-penguin}, which is nowhere in the text", false},
		{"README step 3: a glossary entry the text does not use is a warning", "glossary.yaml", "- id: codex", "- id: quire\n  term: quire\n  definition: A gathering of folded sheets.\n- id: codex", diag.Warning, `glossary entry "quire" is never used in the text`, false},
		{"indice.yaml: un término que no aparece", "indice.yaml", "- term: códice", "- term: vitela\n- term: códice", diag.Error, `index term "vitela" occurs nowhere in the text`, true},
		{"indice.yaml: una subentrada que no aparece", "indice.yaml", "    - term: sustituye al rollo", "    - term: sustituye al rollo\n    - term: perder un lugar", diag.Error, `index sub-entry "perder un lugar" of "códice" occurs nowhere`, true},
		{"indice.yaml: un intervalo sin cerrar", "01-el-codice.md", `mucho y sabe mucho".{^lectura|)}`, `mucho y sabe mucho".`, diag.Error, `index range for "lectura" is never closed`, true},
		{"indice.yaml: una subentrada de una sola página no se señala", "02-de-la-imprenta-a-la-pantalla.md", "{^lectura!encontrar un lugar}Los dos", "Los dos", diag.Error, "", true},
		{"cronologia.yaml: un suceso fuera de orden", "cronologia.yaml", `date: "1501"`, `date: "1401"`, diag.Warning, "chronology out of order: 1401 comes after 1454/1455", true},
		{"book.yaml: una clave que bindery no conoce es un error", "book.yaml", "subtitle:", "subtitel:", diag.Error, `unknown key "subtitel"`, true},
	} {
		t.Run(c.claim, func(t *testing.T) {
			dir := starterCopy(t)
			if c.spanish {
				dir = t.TempDir()
				if _, err := starter.Write(dir, starter.StarterSpanish, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
					t.Fatal(err)
				}
			}
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

// TestStarterWithoutItsEntries keeps true what the starter's book.yaml and README step 3 say
// of a book whose chapters replaced the samples: its glossary, chronology and index may keep
// only their comments, or be deleted with their lines in book.yaml.
func TestStarterWithoutItsEntries(t *testing.T) {
	for _, deleted := range []bool{false, true} {
		dir := starterCopy(t)
		os.WriteFile(filepath.Join(dir, "01-the-codex.md"), []byte("# My chapter\n\nNothing here is in the glossary.\n"), 0o644)
		os.Remove(filepath.Join(dir, "02-from-press-to-screen.md"))
		yaml, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
		var kept []string
		for _, line := range strings.Split(string(yaml), "\n") {
			if strings.Contains(line, "02-from-press-to-screen.md") || deleted && (strings.HasPrefix(line, "glossary:") || strings.HasPrefix(line, "chronology:") || strings.HasPrefix(line, "index:")) {
				continue
			}
			kept = append(kept, line)
		}
		os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(strings.Join(kept, "\n")), 0o644)
		for _, f := range []string{"glossary.yaml", "chronology.yaml", "index.yaml"} {
			path := filepath.Join(dir, f)
			if deleted {
				os.Remove(path)
				continue
			}
			data, _ := os.ReadFile(path)
			var comments []string
			for _, line := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(line, "#") {
					comments = append(comments, line)
				}
			}
			os.WriteFile(path, []byte(strings.Join(comments, "\n")+"\n"), 0o644)
		}
		if list, err := Check(dir); err != nil || len(list) != 0 {
			t.Errorf("files deleted %v: %v\n%v", deleted, err, list)
		}
	}
}
