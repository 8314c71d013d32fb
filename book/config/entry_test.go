package config

import (
	"reflect"
	"strings"
	"testing"
)

const outline = `title: A Book
author: An Author
language: en-GB
identifier: urn:uuid:0
chapters:
  - one.md
  - part: Part One
  - file: two.md
    title: Two
  - {file: three.md, depth: 1, title: "Three, a section"}
  - {part: "Part Two"}
  - {file: four.md}
backmatter:
  - {file: five.md, title: Five}
`

func TestChapterEntries(t *testing.T) {
	dir := writeBook(t, outline, "one.md", "two.md", "three.md", "four.md", "five.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Name, Title string
		Depth       int
		Part        bool
		Line, Col   int
	}
	var got []entry
	for _, f := range append(b.Chapters, b.Backmatter...) {
		if !f.Part && f.Path == "" {
			t.Errorf("%s has no path", f.Name)
		}
		got = append(got, entry{f.Name, f.Title, f.Depth, f.Part, f.Pos.Line, f.Pos.Col})
	}
	want := []entry{
		{"one.md", "", 0, false, 6, 5},
		{"Part One", "", 0, true, 7, 11},
		{"two.md", "Two", 0, false, 8, 11},
		{"three.md", "Three, a section", 1, false, 10, 12},
		{"Part Two", "", 0, true, 11, 12},
		{"four.md", "", 0, false, 12, 12},
		{"five.md", "Five", 0, false, 14, 12},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("entries:\n got %+v\nwant %+v", got, want)
	}
	if len(b.Backmatter) != 1 {
		t.Fatalf("backmatter %+v", b.Backmatter)
	}
}

func TestChapterEntryErrors(t *testing.T) {
	head := "title: A Book\nauthor: An Author\nlanguage: en-GB\nidentifier: urn:uuid:0\nchapters:\n  - one.md\n"
	cases := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", head + "  - {fil: two.md}\n", []string{"book.yaml:7:6: ", `unknown key "fil"`}},
		{"no file", head + "  - {title: Two}\n", []string{"book.yaml:7:5: ", "names no file"}},
		{"part and file", head + "  - {part: P, file: two.md}\n", []string{"book.yaml:7:5: ", "not both"}},
		{"empty part", head + "  - {part: ''}\n", []string{"book.yaml:7:12: ", "title is empty"}},
		{"part as list", head + "  - {part: [a]}\n", []string{"book.yaml:7:12: ", "part must be text"}},
		{"depth too deep", head + "  - {file: two.md, depth: 6}\n", []string{"book.yaml:7:27: ", "depth must be a whole number from 0"}},
		{"depth not a number", head + "  - {file: two.md, depth: one}\n", []string{"book.yaml:7:27: ", "depth must be"}},
		{"depth negative", head + "  - {file: two.md, depth: -1}\n", []string{"book.yaml:7:27: ", "depth must be"}},
		{"first has depth", strings.Replace(head, "  - one.md\n", "  - {file: one.md, depth: 1}\n", 1), []string{"book.yaml:6:27: ", "no chapter before it"}},
		{"missing file", head + "  - {file: nowhere.md, depth: 1}\n", []string{"book.yaml:7:12: ", "nowhere.md: no such file"}},
		{"escaping file", head + "  - {file: ../x.md}\n", []string{"book.yaml:7:12: ", "outside the book"}},
		{"part in backmatter", head + "backmatter:\n  - {part: P}\n", []string{"book.yaml:8:12: ", "parts belong in chapters"}},
		{"key twice", head + "  - {file: two.md, file: two.md}\n", []string{"book.yaml:7:20: ", "given twice"}},
		{"list item", head + "  - [two.md]\n", []string{"book.yaml:7:5: ", "expected a file name, or a mapping"}},
		{"listed twice", head + "  - {file: ./one.md, title: Again}\n", []string{"book.yaml:7:12: ", "listed twice"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeBook(t, c.yaml, "one.md", "two.md")
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

// TestNewBookHasParsesDefaults: a book assembled from NewBook (as an mdBook project's is) has
// exactly the defaults of a book.yaml that sets nothing optional.
func TestNewBookHasParsesDefaults(t *testing.T) {
	dir := writeBook(t, good, "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := NewBook(b.Dir, b.Path)
	n.Title, n.Author, n.Language, n.Identifier, n.Date, n.Chapters = b.Title, b.Author, b.Language, b.Identifier, b.Date, b.Chapters
	n.LanguagePos = b.LanguagePos // a position, which only a parsed book.yaml has
	if !reflect.DeepEqual(n, b) {
		t.Fatalf("NewBook:\n%+v\nParse:\n%+v", n, b)
	}
}
