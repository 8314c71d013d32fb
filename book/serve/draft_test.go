package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bindery/book/pipeline"
	"bindery/book/starter"
)

// TestDraftShown: a draft (serve's default) is served like the book, with its problems
// listed above the text and "??" where a reference leads nowhere.
func TestDraftShown(t *testing.T) {
	dir := t.TempDir()
	if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	chapter := filepath.Join(dir, "01-the-codex.md")
	text, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, []byte(strings.Replace(string(text), "[](#press-to-screen)", "[](#later)", 1)), 0o644)
	res, err := pipeline.Build(pipeline.Options{Dir: dir, OutDir: t.TempDir(), Formats: pipeline.Formats, Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	_, srv := siteOf(t, res)
	_, _, page := get(t, srv.URL+"/text/codex.xhtml")
	wellFormed(t, "a draft's page", page)
	i := strings.Index(page, `<section id="bindery-draft"`)
	if i < 0 {
		t.Fatalf("no draft panel:\n%s", page)
	}
	panel := page[i:]
	panel = panel[:strings.Index(panel, "</section>")]
	for _, want := range []string{"A draft: 1 problem left for later", "01-the-codex.md:31:1: ", "cross-reference [](#later): no heading"} {
		if !strings.Contains(panel, want) {
			t.Errorf("no %q in the draft panel:\n%s", want, panel)
		}
	}
	if strings.Contains(page, "bindery-diagnostics") || !strings.Contains(page, "to the screen: see ??.") {
		t.Errorf("the draft's text:\n%s", page)
	}
}
