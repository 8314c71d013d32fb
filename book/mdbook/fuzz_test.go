package mdbook

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/diag"
)

// FuzzExpand feeds arbitrary chapter text to the include resolver, in a book with files to
// include (anchors, a cycle, a nested include): errors, never a panic; origins that fit the
// text; positions in the book.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{
		"{{#include a.md}}", "x {{#include code.rs:main}} y\n", "- {{#include code.rs:2:3}}\n",
		"> {{#rustdoc_include code.rs:main}}\n", "{{#playground code.rs editable}}", "\\{{#include a.md}} {{#include a.md}}",
		"{{#include cyc1.md}}", "{{#include ../x}}", "{{#include /etc/passwd}}", "{{#title T}}",
		"{{ #include\ncode.rs:1:\n}}", "{{#include code.rs:::}}", "{{#include code.rs:99999999999999999999}}",
		"{{#include sub/n.md}}\n\n{{#include sub/n.md}}", "{{#unknown x}}", "{{#include}}", "{{#include \u00a0}}",
		"1. {{#include a.md}}\n   2) {{#include a.md}}",
	} {
		f.Add(s)
	}
	dir := writeFiles(f, map[string]string{
		"src/a.md":     "A line\n{{#include b.md}}\nend of a\n",
		"src/b.md":     "B line\r\nsecond\r\n",
		"src/code.rs":  rustFile,
		"src/cyc1.md":  "{{#include cyc2.md}}",
		"src/cyc2.md":  "{{#include cyc1.md}}",
		"src/sub/n.md": "{{#include ../code.rs:all}}\n{{#include ../a.md}}",
	})
	path := filepath.Join(dir, "src", "ch.md")
	f.Fuzz(func(t *testing.T, src string) {
		out, origins, list := Expand(dir, path, "src/ch.md", []byte(src))
		if !strings.Contains(src, "{{") && (string(out) != src || origins != nil || list != nil) {
			t.Fatalf("a text without directives changed")
		}
		prev := -1
		for _, o := range origins {
			if o.Offset <= prev || o.Offset > len(out) || o.Line < 1 || o.File == "" {
				t.Fatalf("bad origin %+v after %d in %d bytes", o, prev, len(out))
			}
			if o.Offset > 0 && out[o.Offset-1] != '\n' {
				t.Fatalf("origin %+v is not at a line's start", o)
			}
			prev = o.Offset
		}
		x := diag.NewLineIndexFrom("src/ch.md", out, origins)
		for off := 0; off < len(out); off += 1 + len(out)/50 {
			if p := x.Pos(off); p.Line < 1 || p.Col < 1 {
				t.Fatalf("offset %d is at %s", off, p)
			}
		}
		for _, d := range list {
			if d.Pos.Line < 1 || d.Pos.Col < 1 || !strings.HasPrefix(d.Pos.File, "src/") {
				t.Fatalf("diagnostic not placed in the book: %s", d)
			}
		}
	})
}

// FuzzParseSummary feeds arbitrary text to the SUMMARY.md parser: errors, never a panic; every
// entry placed; section numbers nested as the entries are.
func FuzzParseSummary(f *testing.F) {
	for _, s := range []string{
		"# Summary\n\n[Intro](intro.md)\n\n# Part\n\n- [A](a.md)\n    - [B](b.md)\n\n---\n\n[End](end.md)\n",
		"- [A]()\n  * [B](<b c.md>)\n1. [C](c%20d.md)\n", "[A](a.md)\n- [B](b.md)\n", "- Title\n", "- **[A](a.md)**\n",
		"<!-- c -->\n# T\n- [A](a.md)\n<!-- c -->\n- [B](b.md)\n> - [C](c.md)\n", "- [A](a.md)\n- [A](./a.md)\n",
		"- <http://x>\n", "# \n\n- [`code` *em* &amp;](x.md)\n", strings.Repeat("  ", 100) + "- [deep](d.md)\n",
		strings.Repeat("- ", 300) + "[x](x.md)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, list := ParseSummary("SUMMARY.md", []byte(src))
		if s == nil {
			if !list.HasErrors() {
				t.Fatal("no summary and no error")
			}
			return
		}
		var walk func(items []Item, parent []int)
		walk = func(items []Item, parent []int) {
			for _, it := range items {
				if it.Pos.Line < 1 || it.Pos.Col < 1 {
					t.Fatalf("entry %+v is not placed", it)
				}
				if it.Kind == Link && it.Number != nil && (len(it.Number) != len(parent)+1 || !bytes.Equal(intsKey(it.Number[:len(parent)]), intsKey(parent))) {
					t.Fatalf("entry %+v numbered %v under %v", it.Name, it.Number, parent)
				}
				walk(it.Nested, it.Number)
			}
		}
		walk(s.Prefix, nil)
		walk(s.Numbered, nil)
		walk(s.Suffix, nil)
	})
}

func intsKey(n []int) []byte {
	var b []byte
	for _, x := range n {
		b = append(b, byte(x), byte(x>>8), byte(x>>16))
	}
	return b
}

// FuzzBookTOML feeds arbitrary text to the book.toml reader and its key locator.
func FuzzBookTOML(f *testing.F) {
	for _, s := range []string{
		"[book]\ntitle = \"T\"\nauthors = [\"A <a@b.c>\"]\n[output.bindery]\ntrim = {width = \"1in\", height = 3}\n",
		"title = 'x'\n\"quoted.key\" = \"\"\"multi\nline\"\"\"\na.b.c = [\n [1, 2],\n]\n", "[[x]]\n[book\n", "= 3\n",
		"[book]\nsrc = \"../..\"\nlanguage = \"?\"\n", "a = '''\n[book]\ntitle = 1\n'''\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for k, p := range locateKeys("book.toml", []byte(src)) {
			if p.Line < 1 || p.Line > lines || p.Col < 1 {
				t.Fatalf("key %q placed at %s", k, p)
			}
		}
		if tf, list := parseTOML("book.toml", []byte(src)); tf != nil {
			configure(".", tf)
		} else if !list.HasErrors() {
			t.Fatal("no file and no error")
		}
	})
}
