package config

import (
	"math"
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
		// Issue 18: which part of a date is wrong; advice for the usual YAML mistakes.
		{"month", strings.Replace(good, "2005-12-01", "2026-13-30", 1), []string{"book.yaml:5:7:", `date "2026-13-30": the month 13 is not from 01 to 12`}},
		{"day", strings.Replace(good, "2005-12-01", "2024-02-30", 1), []string{"book.yaml:5:7:", "the day 30 is not from 01 to 29 (February 2024 has 29 days)"}},
		{"tab", strings.Replace(good, "  - one.md", "\t- one.md", 1), []string{"book.yaml:7:1:", "a tab in the indentation"}},
		{"colon", strings.Replace(good, "title: A Book", "title: A Book: Its Story", 1), []string{"book.yaml:1:14:", "put the value in quotes"}},
		{"unknown key, rest read", strings.Replace(good, "title:", "titel:", 1), []string{"book.yaml:1:1:", `unknown key "titel": did you mean "title"?`}},
		// yaml.v3 keeps one of a key's two values without a word, at any depth.
		{"key twice, nested", good + "print:\n  margins: {top: 12mm, top: 14mm}\n  leading: 13pt\n  leading: 14pt\n",
			[]string{"book.yaml:9:24: error: print: margins: top is given twice (first at line 9)", "book.yaml:11:3: error: print: leading is given twice (first at line 10)"}},
		// yaml.v3 places no error of an explicit tag its value does not fit.
		{"bad tag", strings.Replace(good, "title: A Book", "title: !!int A Book", 1), []string{"book.yaml:1:8:", `"A Book" does not fit its tag !!int`}},
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

// TestPartialBook: with a misspelt key, Load still returns what it could read, for a check
// to go on with the chapters.
func TestPartialBook(t *testing.T) {
	dir := writeBook(t, strings.Replace(good, "author:", "autor:", 1)+"chapters2: x\n", "one.md")
	b, err := Load(dir)
	if err == nil || b == nil || len(b.Chapters) != 1 || b.Title != "A Book" {
		t.Fatalf("%v, %+v", err, b)
	}
	if !strings.Contains(err.Error(), `unknown key "autor": did you mean "author"?`) || !strings.Contains(err.Error(), `unknown key "chapters2": did you mean "chapters"?`) {
		t.Error(err)
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

// Links are followed to where they lead, wherever the book's folder really is: a book
// reached through a link reads its own files, and links inside it to its own files are
// taken; a folder in it that is a link to elsewhere is refused, as a file is.
func TestLinksInsideTheBook(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("# secret\n"), 0o644)
	dir := writeBook(t, strings.Replace(good, "  - one.md\n", "  - one.md\n  - same.md\n  - sub/two.md\n", 1), "one.md")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "two.md"), []byte("# two\n"), 0o644)
	via := filepath.Join(t.TempDir(), "via")
	if err := os.Symlink(dir, via); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink("one.md", filepath.Join(dir, "same.md")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, via} {
		if b, err := Load(d); err != nil || len(b.Chapters) != 3 {
			t.Fatalf("%s: %v", d, err)
		}
	}
	os.RemoveAll(filepath.Join(dir, "sub"))
	if err := os.Symlink(outside, filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	os.Rename(filepath.Join(outside, "secret.md"), filepath.Join(outside, "two.md"))
	for _, d := range []string{dir, via} {
		if _, err := Load(d); err == nil || !strings.Contains(err.Error(), "link to outside") {
			t.Errorf("%s: sub/ a link to outside: got %v", d, err)
		}
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

func TestPrintShopSettings(t *testing.T) {
	dir := writeBook(t, good+"print:\n  bleed: 3mm\n  marks: true\n  paper: {caliper: 0.1mm}\nback_cover: |\n  First paragraph.\n\n  Second.\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(b.Print.Bleed-3*mm) > 1e-9 || !b.Print.Marks || math.Abs(b.Print.Caliper-0.1*mm) > 1e-9 {
		t.Fatalf("print %+v", b.Print)
	}
	if b.BackCover != "First paragraph.\n\nSecond." {
		t.Fatalf("back cover %q", b.BackCover)
	}
	b, err = Load(writeBook(t, good+"print:\n  paper: {ppi: 400}\n", "one.md"))
	if err != nil || math.Abs(b.Print.Caliper-2*72/400.0) > 1e-9 {
		t.Fatalf("ppi 400: caliper %v, %v", b.Print.Caliper, err)
	}
	for _, bad := range []string{"print:\n  bleed: 30mm\n", "print:\n  bleed: 3\n", "print:\n  marks: yes please\n",
		"print:\n  paper: {caliper: 2mm}\n", "print:\n  paper: {weight: 80gsm}\n", "print:\n  paper: {ppi: ten}\n", "print:\n  paper: 0.1mm\n"} {
		if _, err := Load(writeBook(t, good+bad, "one.md")); err == nil || !strings.Contains(err.Error(), "book.yaml:") {
			t.Errorf("%q: got %v", bad, err)
		}
	}
}

func TestPageList(t *testing.T) {
	for yaml, want := range map[string]bool{"": false, "page_list: true\n": false, "page_list: false\n": true} {
		b, err := Load(writeBook(t, good+yaml, "one.md"))
		if err != nil {
			t.Fatalf("%q: %v", yaml, err)
		}
		if b.NoPageList != want {
			t.Errorf("%q: NoPageList %v, want %v", yaml, b.NoPageList, want)
		}
	}
	_, err := Load(writeBook(t, good+"page_list: none\n", "one.md"))
	if err == nil || !strings.Contains(err.Error(), "book.yaml:8:12: error: page_list must be true or false") {
		t.Errorf("page_list: none: %v", err)
	}
}
