package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (name → content) under a new folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var mdBookProject = map[string]string{
	"book.toml":      "[book]\ntitle = \"From TOML\"\nauthors = [\"A\"]\n",
	"src/SUMMARY.md": "- [One](one.md)\n- [Draft]()\n",
	"src/one.md":     "# One\n\nText.\n",
}

// TestLoadMdBookProject: a folder with book.toml and no book.yaml is read as mdBook's, and
// what reading its outline says (a draft left out) reaches the book's diagnostics.
func TestLoadMdBookProject(t *testing.T) {
	dir := writeTree(t, mdBookProject)
	if !HasBook(dir) {
		t.Fatal("HasBook: no")
	}
	b, list, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "From TOML" || len(b.Chapters) != 1 {
		t.Fatalf("%+v", b.Meta)
	}
	if len(list) != 1 || !strings.Contains(list[0].String(), `SUMMARY.md:2:3: warning: draft chapter "Draft"`) {
		t.Fatalf("diagnostics %v", list)
	}
}

// TestBookYAMLComesFirst: beside book.toml, a book.yaml is the book's outline.
func TestBookYAMLComesFirst(t *testing.T) {
	files := map[string]string{"book.yaml": "title: From YAML\nauthor: A\nlanguage: en\nidentifier: urn:x\nchapters: [src/one.md]\n"}
	for k, v := range mdBookProject {
		files[k] = v
	}
	b, _, err := Load(writeTree(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "From YAML" {
		t.Fatalf("read %q", b.Meta.Title)
	}
	if HasBook(t.TempDir()) {
		t.Error("an empty folder has a book")
	}
}
