package mdbook

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/config"
)

// readContext reads a render context written as mdBook writes it, with ROOT standing for
// root.
func readContext(t *testing.T, file, root string) *Context {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	c, err := ReadContext(strings.NewReader(strings.ReplaceAll(string(data), "ROOT", filepath.ToSlash(root))))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func describe(files []config.File) string {
	var b strings.Builder
	for _, f := range files {
		switch {
		case f.Part:
			fmt.Fprintf(&b, "part %q\n", f.Name)
		default:
			fmt.Fprintf(&b, "%s %q depth %d: %q\n", f.Name, f.Title, f.Depth, f.Content)
		}
	}
	return b.String()
}

func TestRenderContext05(t *testing.T) {
	root := t.TempDir()
	c := readContext(t, "context-0.5.json", root)
	if c.Version != "0.5.2" || c.Destination != filepath.ToSlash(root)+"/book/bindery" {
		t.Errorf("version %q, destination %q", c.Version, c.Destination)
	}
	b, list, err := c.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || !strings.Contains(list[0].Message, `draft chapter "Loops, to be written" has no file yet`) {
		t.Errorf("diagnostics %v", list)
	}
	want := `src/preface.md "Preface" depth 0: "# Preface\n\nBefore anything.\n"
part "Part I: Small numbers"
src/fingers/README.md "Counting on fingers" depth 0: "# Counting on fingers\n\nTen of them.\n"
src/fingers/thumbs.md "Thumbs" depth 1: "# Thumbs\n\nTwelve joints.\n"
src/fingers/tallies.md "Tallies" depth 1: "A tally is a mark.\n"
src/fingers/gates.md "Five-bar gates" depth 2: "# Five-bar gates\n\n` + "```rust\\nfn main() {}\\n```" + `\n\nWrite ` + "`{{#include x.rs}}`" + ` to include.\n"
src/code.md "Counting in code" depth 0: "# Counting in code\n"
`
	if got := describe(b.Chapters); got != want {
		t.Errorf("chapters:\n%s\nwant\n%s", got, want)
	}
	if got := describe(b.Backmatter); got != "src/terms.md \"Terms\" depth 0: \"# Terms\\n\"\n" {
		t.Errorf("back matter:\n%s", got)
	}
	if b.Title != "Counting Things" || b.Author != "Ada Example, Ben Sample" || b.Language != "en-GB" ||
		b.Trim.Name != "6x9in" || b.Dir != root || b.Path != filepath.Join(root, "book.toml") ||
		b.Identifier != Identifier("Counting Things", []string{"Ada Example", "Ben Sample"}) {
		t.Errorf("metadata %+v", b)
	}
	if b.Chapters[0].Path != filepath.Join(root, "src", "preface.md") {
		t.Errorf("path %s", b.Chapters[0].Path)
	}
	opt, err := c.Options()
	if err != nil || fmt.Sprint(opt.Formats) != "[epub]" {
		t.Errorf("options %+v %v", opt, err)
	}
}

func TestRenderContext04(t *testing.T) {
	root := t.TempDir()
	b, list, err := readContext(t, "context-0.4.json", root).Load()
	if err != nil || len(list) > 0 {
		t.Fatal(err, list)
	}
	want := "src/preface.md \"Preface\" depth 0: \"# Preface\\n\\nBefore anything.\\n\"\npart \"Part I: Small numbers\"\n" +
		"src/fingers/README.md \"Counting on fingers\" depth 0: \"# Counting on fingers\\n\"\nsrc/fingers/thumbs.md \"Thumbs\" depth 1: \"# Thumbs\\n\"\n"
	if got := describe(b.Chapters); got != want {
		t.Errorf("chapters:\n%s\nwant\n%s", got, want)
	}
	if len(b.Backmatter) != 1 || b.Language != "en" {
		t.Errorf("%+v", b)
	}
}

// TestRenderContextPlaces: with book.toml and SUMMARY.md on disk, problems are placed there.
func TestRenderContextPlaces(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"book.toml":      "[book]\ntitle = \"Counting Things\"\nauthors = [\"Ada Example\"]\n\n[output.bindery]\ntrim = \"B7\"\n",
		"src/SUMMARY.md": "# Summary\n\n[Preface](preface.md)\n",
	})
	c := readContext(t, "context-0.5.json", root)
	c.Config["output"].(map[string]any)["bindery"].(map[string]any)["trim"] = "B7"
	_, list, err := c.Load()
	if err == nil || !strings.Contains(list.Err().Error(), filepath.Join(root, "book.toml")+`:6:1: error: trim: unknown size "B7"`) {
		t.Fatalf("got %v", list)
	}
}

func TestReadContextErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "no render context on standard input"},
		{"{", "not mdBook's"},
		{`{"version":"0.5.0"}`, "lacks root, destination or config"},
		{`{"root":"/r","destination":"/d","config":{},"book":{"items":["Nonsense"]}}`, `unknown book item "Nonsense"`},
		{`{"root":"/r","destination":"/d","config":{},"book":{"items":[{"Chapter":{"name":3}}]}}`, "not mdBook's"},
	} {
		if _, err := ReadContext(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.in, err, c.want)
		}
	}
}
