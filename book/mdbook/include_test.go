package mdbook

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/diag"
)

// writeFiles makes a folder of files (name → content) and returns its path.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// expand expands the chapter src/ch.md of a book made of files.
func expand(t *testing.T, files map[string]string) (string, []diag.Origin, diag.List, string) {
	t.Helper()
	dir := writeFiles(t, files)
	path := filepath.Join(dir, "src", "ch.md")
	out, origins, list := Expand(dir, path, "src/ch.md", []byte(files["src/ch.md"]))
	return string(out), origins, list, dir
}

const rustFile = `// ANCHOR: all
use std::io;

// ANCHOR: main
fn main() {
    println!("hi");
}
// ANCHOR_END: main
// ANCHOR_END: all
`

func TestExpandForms(t *testing.T) {
	cases := []struct {
		name, chapter, want string
	}{
		{"whole file, anchors left out", "```rust\n{{#include code.rs}}\n```\n",
			"```rust\nuse std::io;\n\nfn main() {\n    println!(\"hi\");\n}\n```\n"},
		{"anchor", "{{#include code.rs:main}}\n", "fn main() {\n    println!(\"hi\");\n}\n"},
		{"outer anchor drops the inner anchors' lines", "{{#include code.rs:all}}",
			"use std::io;\n\nfn main() {\n    println!(\"hi\");\n}"},
		{"one line", "{{#include code.rs:5}}", "fn main() {"},
		{"line range", "{{#include code.rs:5:7}}", "fn main() {\n    println!(\"hi\");\n}"},
		{"from a line", "{{#include code.rs:7:}}", "}"},
		{"up to a line, its last empty line dropped (mdBook)", "{{#include code.rs::3}}", "use std::io;"},
		{"spaces in the braces", "{{ #include code.rs:5 }}", "fn main() {"},
		{"rustdoc_include with a range", "{{#rustdoc_include code.rs:6}}",
			"# use std::io;\n# \n# fn main() {\n    println!(\"hi\");\n# }"},
		{"rustdoc_include with an anchor", "{{#rustdoc_include code.rs:main}}",
			"# use std::io;\n# \nfn main() {\n    println!(\"hi\");\n}"},
		{"playground", "{{#playground code.rs editable}}\n",
			"```rust,editable\nuse std::io;\n\nfn main() {\n    println!(\"hi\");\n}\n```\n"},
		{"title", "{{#title A page title}}\n# Chapter\n", "\n# Chapter\n"},
		{"escaped", "Write `\\{{#include code.rs}}` to include.\n", "Write `{{#include code.rs}}` to include.\n"},
		{"escaped runs to the last braces of its line", "\\{{#include code.rs}} and {{#include code.rs:5}}\n",
			"{{#include code.rs}} and {{#include code.rs:5}}\n"},
		{"inline, in text", "Before {{#include word.txt}} after.\n", "Before one\ntwo after.\n"},
		{"in a list item", "- Item:\n\n  ```rust\n  {{#include code.rs:main}}\n  ```\n",
			"- Item:\n\n  ```rust\n  fn main() {\n      println!(\"hi\");\n  }\n  ```\n"},
		{"after a list marker", "1. {{#include word.txt}}\n", "1. one\n   two\n"},
		{"in a quote", "> ```\n> {{#include word.txt}}\n> ```\n", "> ```\n> one\n> two\n> ```\n"},
		{"nested, relative to the included file", "{{#include sub/a.md}}\n", "A says:\nB here.\n"},
		{"unknown directive kept", "{{#template x.md}}\n", "{{#template x.md}}\n"},
		{"CRLF file", "{{#include crlf.txt}}|", "x\ny|"},
	}
	files := map[string]string{
		"src/code.rs":  rustFile,
		"src/word.txt": "one\ntwo\n",
		"src/sub/a.md": "A says:\n{{#include b.md}}\n",
		"src/sub/b.md": "B here.\n",
		"src/crlf.txt": "x\r\ny\r\n",
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files["src/ch.md"] = c.chapter
			got, _, list, _ := expand(t, files)
			if got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
			for _, d := range list {
				if d.Severity == diag.Error {
					t.Errorf("unexpected %s", d)
				}
			}
		})
	}
}

func TestExpandWithoutDirectivesIsFree(t *testing.T) {
	src := []byte("# Chapter\n\nNo directives { here }.\n")
	out, origins, list := Expand("/nowhere", "/nowhere/ch.md", "ch.md", src)
	if &out[0] != &src[0] || origins != nil || list != nil {
		t.Fatalf("a text without {{ was not returned as it is: %q %v %v", out, origins, list)
	}
}

// TestExpandOrigins: a position in included text names the included file and its line; the
// chapter's own lines after it keep their numbers.
func TestExpandOrigins(t *testing.T) {
	chapter := "# Chapter\n\n```rust\n{{#include code.rs:main}}\n```\n\nAfter {{#include word.txt}} text.\nLast line.\n"
	got, origins, list, _ := expand(t, map[string]string{"src/ch.md": chapter, "src/code.rs": rustFile, "src/word.txt": "one\ntwo\n"})
	if len(list) > 0 {
		t.Fatal(list)
	}
	x := diag.NewLineIndexFrom("src/ch.md", []byte(got), origins)
	for _, c := range []struct {
		text string
		want string
	}{
		{"# Chapter", "src/ch.md:1:1"},
		{"```rust", "src/ch.md:3:1"},
		{"fn main", "src/code.rs:5:1"},
		{"println", "src/code.rs:6:5"},
		{"}\n```", "src/code.rs:7:1"},
		{"```\n\nAfter", "src/ch.md:5:1"},
		{"After", "src/ch.md:7:1"},
		{"one", "src/ch.md:7:7"}, // the first line of an include inside text is the chapter's
		{"two", "src/word.txt:2:1"},
		{"Last", "src/ch.md:8:1"},
	} {
		i := strings.Index(got, c.text)
		if i < 0 {
			t.Fatalf("%q not in %q", c.text, got)
		}
		if p := x.Pos(i).String(); p != c.want {
			t.Errorf("%q is at %s, want %s", c.text, p, c.want)
		}
	}
}

func TestExpandErrors(t *testing.T) {
	cases := []struct {
		name    string
		files   map[string]string
		want    []string
		symlink [2]string // target (outside the book when relative to "OUT"), link
	}{
		{name: "missing file",
			files: map[string]string{"src/ch.md": "# C\n\nText {{#include nowhere.rs}}\n"},
			want:  []string{"src/ch.md:3:6: error: {{#include nowhere.rs}}: no such file"}},
		{name: "outside the book",
			files: map[string]string{"src/ch.md": "{{#include ../../etc/passwd}}\n"},
			want:  []string{"src/ch.md:1:1: error: {{#include ../../etc/passwd}}: the file is outside the book's folder"}},
		{name: "absolute",
			files: map[string]string{"src/ch.md": "x\n{{#include /etc/passwd}}\n"},
			want:  []string{"src/ch.md:2:1: error: {{#include /etc/passwd}}: absolute paths are not allowed"}},
		{name: "symlink out",
			files:   map[string]string{"src/ch.md": "{{#include secret.rs}}\n"},
			symlink: [2]string{"OUT/secret.rs", "src/secret.rs"},
			want:    []string{"src/ch.md:1:1: error: {{#include secret.rs}}: the file is a link to outside the book's folder"}},
		{name: "a folder",
			files: map[string]string{"src/ch.md": "{{#include sub}}\n", "src/sub/x": ""},
			want:  []string{"src/ch.md:1:1: error: {{#include sub}}: a folder, not a file"}},
		{name: "cycle",
			files: map[string]string{"src/ch.md": "{{#include a.md}}\n", "src/a.md": "a\n{{#include b.md}}\n", "src/b.md": "b\n\n{{#include a.md}}\n"},
			want:  []string{"src/b.md:3:1: error: {{#include a.md}}: a cycle: a.md is already being included (at src/ch.md:1:1), and includes itself through src/b.md"}},
		{name: "includes its chapter",
			files: map[string]string{"src/ch.md": "{{#include a.md}}\n", "src/a.md": "{{#include ch.md}}\n"},
			want:  []string{"src/a.md:1:1: error: {{#include ch.md}}: a cycle: src/a.md includes the chapter it is part of, src/ch.md"}},
		{name: "not UTF-8",
			files: map[string]string{"src/ch.md": "{{#include latin1.txt}}\n", "src/latin1.txt": "caf\xe9\n"},
			want:  []string{"src/ch.md:1:1: error: {{#include latin1.txt}}: src/latin1.txt is not UTF-8 text (at src/latin1.txt:1:4)"}},
		{name: "missing anchor",
			files: map[string]string{"src/ch.md": "{{#include code.rs:nope}}\n", "src/code.rs": rustFile},
			want:  []string{`src/ch.md:1:1: warning: {{#include code.rs:nope}}: code.rs has no anchor "nope"`}},
		{name: "lines past the end",
			files: map[string]string{"src/ch.md": "{{#include code.rs:40:50}}\n", "src/code.rs": rustFile},
			want:  []string{"src/ch.md:1:1: warning: {{#include code.rs:40:50}}: code.rs has only 9 lines: nothing was included"}},
		{name: "unknown directive",
			files: map[string]string{"src/ch.md": "{{#tabs x}}\n"},
			want:  []string{"src/ch.md:1:1: warning: {{#tabs …}} is not one of mdBook's own directives"}},
		{name: "error inside an included file",
			files: map[string]string{"src/ch.md": "{{#include a.md}}\n", "src/a.md": "line one\n  {{#include gone.md}}\n"},
			want:  []string{"src/a.md:2:3: error: {{#include gone.md}}: no such file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeFiles(t, c.files)
			if c.symlink[0] != "" {
				outside := t.TempDir()
				target := strings.Replace(c.symlink[0], "OUT", outside, 1)
				os.WriteFile(target, []byte("secret\n"), 0o644)
				if err := os.Symlink(target, filepath.Join(dir, c.symlink[1])); err != nil {
					t.Skip("no symlinks here:", err)
				}
			}
			out, _, list := Expand(dir, filepath.Join(dir, "src", "ch.md"), "src/ch.md", []byte(c.files["src/ch.md"]))
			got := fmt.Sprint(list)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics\n%s\nlack\n%s", got, w)
				}
			}
			if len(list) != 1 {
				t.Errorf("want one diagnostic, got %d:\n%s", len(list), got)
			}
			if list.HasErrors() && !strings.Contains(string(out), "{{#include") {
				t.Errorf("the failed directive was not kept as text: %q", out)
			}
		})
	}
}

// TestExpandDepth: ten nested includes are fine (mdBook's limit), eleven are not.
func TestExpandDepth(t *testing.T) {
	chain := func(n int) map[string]string {
		files := map[string]string{"src/ch.md": "{{#include f1.md}}\n"}
		for i := 1; i <= n; i++ {
			next := fmt.Sprintf("{{#include f%d.md}}\n", i+1)
			if i == n {
				next = "end\n"
			}
			files[fmt.Sprintf("src/f%d.md", i)] = fmt.Sprintf("level %d\n%s", i, next)
		}
		return files
	}
	got, _, list, _ := expand(t, chain(10))
	if len(list) > 0 || !strings.Contains(got, "level 10\nend") {
		t.Fatalf("ten deep: %q %v", got, list)
	}
	_, _, list, _ = expand(t, chain(11))
	if len(list) != 1 || !strings.Contains(list[0].String(), "src/f10.md:2:1: error: {{#include f11.md}}: includes nest more than 10 deep") {
		t.Fatalf("eleven deep: %v", list)
	}
}

// TestExpandBounded: a file included twice by a file included twice… (2^10 copies) is cut off
// with an error instead of filling the memory.
func TestExpandBounded(t *testing.T) {
	defer func(n int) { maxExpanded = n }(maxExpanded)
	maxExpanded = 1 << 20
	files := map[string]string{"src/ch.md": "{{#include f1.md}}\n"}
	for i := 1; i < 10; i++ {
		files[fmt.Sprintf("src/f%d.md", i)] = fmt.Sprintf("{{#include f%d.md}}\n{{#include f%d.md}}\n", i+1, i+1)
	}
	files["src/f10.md"] = strings.Repeat("x", 4<<10) + "\n"
	out, _, list, _ := expand(t, files)
	if !list.HasErrors() || !strings.Contains(list.Err().Error(), "more than 1 MB") || len(out) > 2<<20 {
		t.Fatalf("%d bytes, %v", len(out), list)
	}
}

func TestIncludes(t *testing.T) {
	dir := writeFiles(t, map[string]string{"src/ch.md": "", "src/a.md": "{{#include b.md}}{{#include b.md}}", "src/b.md": "b", "listings/x.rs": "x"})
	got := Includes(dir, filepath.Join(dir, "src", "ch.md"), []byte("{{#include a.md}}\n{{#rustdoc_include ../listings/x.rs}}"))
	want := []string{filepath.Join(dir, "src", "a.md"), filepath.Join(dir, "src", "b.md"), filepath.Join(dir, "listings", "x.rs")}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
