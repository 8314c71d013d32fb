package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeBook(t *testing.T, yaml string, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("# "+f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const good = `title: A Book
author: An Author
language: en-GB
identifier: urn:uuid:0
date: 2005-12-01
chapters:
  - one.md
`

func TestLoadGood(t *testing.T) {
	dir := writeBook(t, good, "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "A Book" || len(b.Chapters) != 1 || b.Chapters[0].Name != "one.md" || b.Trim.Name != "A5" {
		t.Fatalf("unexpected %+v", b)
	}
	if b.Chapters[0].Pos.Line != 7 {
		t.Errorf("chapter named at line %d, want 7", b.Chapters[0].Pos.Line)
	}
}

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string
	}{
		{"bad yaml", "title: [unclosed\nauthor: x\n", []string{"book.yaml:1:8: ", "never closed"}},
		{"unknown key", good + "colour: red\n", []string{"book.yaml:8:", `unknown key "colour"`}},
		{"missing chapter", strings.Replace(good, "one.md", "two.md", 1), []string{"book.yaml:7:5:", "two.md", "no such file"}},
		{"missing title", strings.Replace(good, "title: A Book", "title: ''", 1), []string{"book.yaml:1:", "title is missing"}},
		{"bad date", strings.Replace(good, "2005-12-01", "1 Dec 2005", 1), []string{"book.yaml:5:7:", "not a date"}},
		{"bad language", strings.Replace(good, "en-GB", "english!", 1), []string{"book.yaml:3:", "BCP 47"}},
		{"escaping path", strings.Replace(good, "one.md", "../../etc/passwd", 1), []string{"book.yaml:7:", "outside the book"}},
		{"absolute path", strings.Replace(good, "one.md", "/etc/passwd", 1), []string{"book.yaml:7:", "absolute"}},
		{"no chapters", strings.Replace(good, "chapters:\n  - one.md\n", "", 1), []string{"book.yaml:1:1:", "chapters is missing"}},
		{"wrong type", strings.Replace(good, "  - one.md", "  - [a, b]", 1), []string{"book.yaml:7:", "expected a file name"}},
		{"unknown trim", good + "trim: B7\n", []string{"book.yaml:8:7:", `unknown size "B7"`}},
		{"empty", "", []string{"book.yaml:1:1:", "empty"}},
		{"not a mapping", "- a\n- b\n", []string{"book.yaml:1:1:", "mapping"}},
		{"ties not a list", good + "ties: Clause\n", []string{"book.yaml:8:7:", "ties must be a list of text"}},
		{"ties of lists", good + "ties: [[a]]\n", []string{"book.yaml:8:8:", "ties must be a list of text, not of lists"}},
		{"ties two words", good + "ties: [Clause, two words]\n", []string{"book.yaml:8:7:", `ties: "two words" is not one word`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeBook(t, c.yaml, "one.md")
			_, err := Load(dir)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestSymlinkOutOfBookRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("# secret\n"), 0o644)
	dir := writeBook(t, strings.Replace(good, "one.md", "link.md", 1))
	if err := os.Symlink(outside, filepath.Join(dir, "link.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "link to outside") {
		t.Fatalf("got %v", err)
	}
}

func TestCustomTrim(t *testing.T) {
	dir := writeBook(t, good+"trim: {width: 140mm, height: 216mm}\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Trim.Name != "custom" || int(b.Trim.Width) != 396 || int(b.Trim.Height) != 612 {
		t.Fatalf("trim %+v", b.Trim)
	}
}

func TestPrintSettings(t *testing.T) {
	dir := writeBook(t, good+"print:\n  font_size: 11pt\n  leading: 14pt\n  margins: {inner: 20mm, outer: 15mm}\n  recto_chapters: true\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Print.FontSize != 11 || b.Print.Leading != 14 || int(b.Print.Inner) != 56 || !b.Print.RectoChapters {
		t.Fatalf("print %+v", b.Print)
	}
	for _, bad := range []string{"print:\n  font_size: 2pt\n", "print:\n  colour: red\n", "print:\n  margins: {left: 1in}\n", "print:\n  font_size: 12pt\n  leading: 10pt\n"} {
		if _, err := Load(writeBook(t, good+bad, "one.md")); err == nil || !strings.Contains(err.Error(), "book.yaml:") {
			t.Errorf("%q: got %v", bad, err)
		}
	}
}

func TestTiesLoaded(t *testing.T) {
	dir := writeBook(t, good+"ties: [Clause, ' Resolution ', '']\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(b.Ties, "|") != "Clause|Resolution" {
		t.Fatalf("ties: %q", b.Ties)
	}
}
