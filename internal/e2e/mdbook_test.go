package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/config"

	"bindery/internal/cli"
)

// smallMdBook writes an mdBook project whose chapters the reader sets today (no parts, every
// file opening with its "#" title): prefix, numbered with a nested file, a separator, a draft
// and a suffix chapter.
func smallMdBook(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"book.toml": "[book]\ntitle = \"Small Things\"\nauthors = [\"Ada Example <ada@example.org>\"]\nlanguage = \"en\"\n" +
			"description = \"A test book.\"\n\n[output.html]\nmathjax-support = true\n\n[output.bindery]\nformats = [\"epub\", \"pdf\"]\n",
		"src/SUMMARY.md":     "# Summary\n\n[Preface](preface.md)\n\n- [One](one.md)\n    - [One, a section](one/section.md)\n- [Later]()\n\n---\n\n[Afterword](after.md)\n",
		"src/preface.md":     "# Preface\n\nA few words first.\n",
		"src/one.md":         "# One\n\nThe first chapter.\n",
		"src/one/section.md": "# One, a section\n\nA section in its own file.\n",
		"src/after.md":       "# Afterword\n\nThe last words.\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestMdBookProjectBuilds: bindery build, check and stats take an mdBook project as it is,
// in the current folder too.
func TestMdBookProjectBuilds(t *testing.T) {
	dir := smallMdBook(t)
	t.Chdir(dir)
	code, stdout, stderr := run(t, "check")
	if code != 0 || !strings.Contains(stdout, `src/SUMMARY.md:7:3: warning: draft chapter "Later" has no file yet and was left out`) ||
		!strings.Contains(stdout, "0 errors, 1 warning") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "build")
	if code != 0 || !strings.Contains(stdout, "wrote out/small-things.epub") || !strings.Contains(stderr, "draft chapter") {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	// epubcheck and qpdf pass an mdBook project's outputs in TestBadInputs/mdbook-odd-but-fine.
	checkPDF(t, filepath.Join("out", "small-things.pdf"))
	opf := unzipFile(t, filepath.Join("out", "small-things.epub"), "OEBPS/content.opf")
	for _, want := range []string{"<dc:title id=\"title\">Small Things</dc:title>", "<dc:creator id=\"creator\">Ada Example</dc:creator>", "urn:uuid:"} {
		if !bytes.Contains(opf, []byte(want)) {
			t.Errorf("content.opf lacks %s", want)
		}
	}
	if code, stdout, stderr := run(t, "stats", "--json"); code != 0 || !strings.Contains(stdout, `"title": "Small Things"`) {
		t.Errorf("stats: exit %d\n%s%s", code, stdout, stderr)
	}
}

// checkPDF checks that a file is a whole PDF: its header, and its end.
func checkPDF(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
		t.Fatalf("%s is not a whole PDF", path)
	}
}

func unzipFile(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return data
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return nil
}

// TestInitFromMdBook writes a book.yaml beside book.toml that bindery then reads, and refuses
// to write it twice.
func TestInitFromMdBook(t *testing.T) {
	dir := smallMdBook(t)
	code, stdout, stderr := run(t, "init", "--from-mdbook", dir)
	if code != 0 || !strings.Contains(stdout, "Wrote "+filepath.Join(dir, "book.yaml")+": 4 files, from book.toml and SUMMARY.md.") ||
		!strings.Contains(stderr, "draft chapter") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "Small Things" || len(b.Chapters) != 3 || b.Chapters[2].Depth != 1 || b.Chapters[2].Title != "One, a section" || len(b.Backmatter) != 1 {
		t.Fatalf("book.yaml says %+v", b)
	}
	// bindery reads book.yaml now: a mistake there is what check reports.
	os.WriteFile(filepath.Join(dir, "book.yaml"), append(must(os.ReadFile(filepath.Join(dir, "book.yaml"))), "colour: red\n"...), 0o644)
	if code, stdout, _ := run(t, "check", dir); code != 1 || !strings.Contains(stdout, `book.yaml:`) || !strings.Contains(stdout, `unknown key "colour"`) {
		t.Errorf("check after init: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "init", "--from-mdbook", dir); code != 1 || !strings.Contains(stderr, "exists already") {
		t.Errorf("a second init: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "init", "--from-mdbook", t.TempDir()); code != 1 || !strings.Contains(stderr, "no book.toml here") {
		t.Errorf("init in a folder without book.toml: exit %d\n%s", code, stderr)
	}
	if code, _, _ := run(t, "init", "--from-mdbook", "--from-default", dir); code != 2 {
		t.Errorf("both --from flags: exit %d", code)
	}
}

func must(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}

// renderContext is the JSON mdBook 0.5 writes to a renderer's standard input for the book
// smallMdBook writes (the text of each chapter as its preprocessors left it).
func renderContext(t *testing.T, root string, formats []string) string {
	t.Helper()
	ch := func(name, path string, number []int, content string, sub ...any) map[string]any {
		var p any
		if path != "" {
			p = path
		}
		var n any
		if number != nil {
			n = number
		}
		return map[string]any{"Chapter": map[string]any{"name": name, "content": content, "number": n,
			"sub_items": append([]any{}, sub...), "path": p, "source_path": p, "parent_names": []string{}}}
	}
	read := func(name string) string { return string(must(os.ReadFile(filepath.Join(root, "src", name)))) }
	c := map[string]any{
		"version": "0.5.2", "root": root, "destination": filepath.Join(root, "book", "bindery"),
		"book": map[string]any{"items": []any{
			ch("Preface", "preface.md", nil, read("preface.md")),
			ch("One", "one.md", []int{1}, read("one.md"), ch("One, a section", "one/section.md", []int{1, 1}, read("one/section.md"))),
			ch("Later", "", []int{2}, ""),
			"Separator",
			ch("Afterword", "after.md", nil, read("after.md")),
		}},
		"config": map[string]any{
			"book":   map[string]any{"title": "Small Things", "authors": []string{"Ada Example"}, "language": "en", "text-direction": nil},
			"output": map[string]any{"bindery": map[string]any{"formats": formats}, "html": map[string]any{}},
		},
	}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// runWithStdin runs the CLI in-process with its standard input (the render context).
func runWithStdin(t *testing.T, in string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(in), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestMdBookRenderer: as mdBook's renderer (bindery mdbook, or under the name
// mdbook-bindery), bindery reads the render context and writes the outputs into mdBook's
// destination.
func TestMdBookRenderer(t *testing.T) {
	root := smallMdBook(t)
	dest := filepath.Join(root, "book", "bindery")
	code, stdout, stderr := runWithStdin(t, renderContext(t, root, []string{"epub", "pdf"}), "bindery", "mdbook")
	if code != 0 || !strings.Contains(stdout, "bindery: wrote "+filepath.Join(dest, "small-things.epub")) || !strings.Contains(stderr, `draft chapter "Later"`) {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	unzipFile(t, filepath.Join(dest, "small-things.epub"), "OEBPS/content.opf")
	checkPDF(t, filepath.Join(dest, "small-things.pdf"))

	// Under its renderer's name, with only the EPUB asked for.
	os.RemoveAll(dest)
	code, stdout, stderr = runWithStdin(t, renderContext(t, root, []string{"epub"}), filepath.Join("/usr/local/bin", "mdbook-bindery"))
	if code != 0 {
		t.Fatalf("as mdbook-bindery: exit %d\n%s%s", code, stdout, stderr)
	}
	entries, _ := os.ReadDir(dest)
	if len(entries) != 1 || entries[0].Name() != "small-things.epub" {
		t.Fatalf("destination holds %v", entries)
	}
}

func TestMdBookRendererErrors(t *testing.T) {
	root := smallMdBook(t)
	for _, c := range []struct {
		in   string
		code int
		want string
	}{
		{"", 1, "no render context on standard input"},
		{`{"version": "0.5.0"}`, 1, "lacks root, destination or config"},
		{strings.Replace(renderContext(t, root, []string{"epub"}), `"formats":["epub"]`, `"formats":["mobi"]`, 1), 1, `unknown format "mobi"`},
		{strings.Replace(renderContext(t, root, []string{"epub"}), `"language":"en"`, `"language":"!!"`, 1), 1, `language "!!" is not a BCP 47 language tag`},
	} {
		code, _, stderr := runWithStdin(t, c.in, "mdbook-bindery")
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%.60s…: exit %d\n%s", c.in, code, stderr)
		}
	}
	if code, _, stderr := runWithStdin(t, "", "bindery", "mdbook", "somewhere"); code != 2 || !strings.Contains(stderr, "takes no arguments") {
		t.Errorf("with an argument: exit %d\n%s", code, stderr)
	}
}
