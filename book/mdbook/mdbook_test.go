package mdbook

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
)

const fixture = "../../testdata/books/mdbook"

// TestLoadFixture: the fixture project gives the config.Book a book.yaml would give for it.
func TestLoadFixture(t *testing.T) {
	b, list, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	summary := filepath.Join(fixture, "src", "SUMMARY.md")
	if len(list) != 1 || list[0].String() != summary+`:14:7: warning: draft chapter "Loops, to be written" has no file yet and was left out` {
		t.Errorf("diagnostics: %v", list)
	}
	type entry struct {
		Name, Title string
		Depth       int
		Part        bool
		Line, Col   int
	}
	entries := func(files []config.File) []entry {
		var out []entry
		for _, f := range files {
			if f.Pos.File != summary {
				t.Errorf("%s is placed in %s", f.Name, f.Pos.File)
			}
			if !f.Part && f.Path != filepath.Join(fixture, filepath.FromSlash(f.Name)) {
				t.Errorf("%s has path %s", f.Name, f.Path)
			}
			out = append(out, entry{f.Name, f.Title, f.Depth, f.Part, f.Pos.Line, f.Pos.Col})
		}
		return out
	}
	wantChapters := []entry{
		{"src/preface.md", "Preface", 0, false, 3, 1},
		{"Part I: Small numbers", "", 0, true, 7, 1},
		{"src/fingers/README.md", "Counting on fingers", 0, false, 9, 3},
		{"src/fingers/thumbs.md", "Thumbs", 1, false, 10, 7},
		{"src/fingers/tallies.md", "Tallies", 1, false, 11, 7},
		{"src/fingers/gates.md", "Five-bar gates", 2, false, 12, 11},
		{"src/code.md", "Counting in code", 0, false, 13, 3},
		{"Part II: Large numbers", "", 0, true, 16, 1},
		{"src/powers.md", "Powers of ten", 0, false, 18, 3},
		{"src/names.md", "Naming large numbers", 0, false, 19, 3},
	}
	if got := entries(b.Chapters); !reflect.DeepEqual(got, wantChapters) {
		t.Errorf("chapters:\n got %+v\nwant %+v", got, wantChapters)
	}
	wantBack := []entry{{"src/terms.md", "Terms", 0, false, 23, 1}, {"src/colophon.md", "Colophon", 0, false, 24, 1}}
	if got := entries(b.Backmatter); !reflect.DeepEqual(got, wantBack) {
		t.Errorf("back matter:\n got %+v\nwant %+v", got, wantBack)
	}

	want := config.NewBook(fixture, filepath.Join(fixture, "book.toml"))
	want.Title = "Counting Things"
	want.Author = "Ada Example, Ben Sample"
	want.Language = "en-GB"
	want.Description = "A small book about counting, on fingers and in code."
	want.Identifier = Identifier("Counting Things", []string{"Ada Example", "Ben Sample"})
	want.Date = "2024-05"
	want.Trim = config.Trims[3]
	want.PrintPos = diag.Pos{File: want.Path, Line: 27, Col: 1}
	want.Chapters, want.Backmatter = b.Chapters, b.Backmatter
	if !reflect.DeepEqual(b, want) {
		t.Errorf("book:\n got %+v\nwant %+v", b, want)
	}
	if !strings.HasPrefix(b.Identifier, "urn:uuid:") || b.Identifier[23] != '5' {
		t.Errorf("identifier %s is not a version 5 UUID", b.Identifier)
	}
}

// TestFixtureIncludes: every chapter of the fixture expands without a problem, and the
// includes bring what they should.
func TestFixtureIncludes(t *testing.T) {
	b, _, err := Load(fixture)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, f := range append(b.Chapters, b.Backmatter...) {
		if f.Part {
			continue
		}
		src, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		out, _, list := Expand(b.Dir, f.Path, f.Name, src)
		if len(list) > 0 {
			t.Errorf("%s: %v", f.Name, list)
		}
		texts[f.Name] = string(out)
	}
	code := texts["src/code.md"]
	for _, want := range []string{
		"```rust\nfn main() {\n    let mut count = 0;",
		"# fn main() {\n#     let mut count = 0;\n    for _ in 0..10 {\n        count += 1;\n    }\n#     println!",
		"```rust\n// Counting to ten, for \"Counting Things\".\n// Run it with `cargo run`.\n```",
		"   ```rust\n   fn count_items(items: &[&str]) -> usize {\n       items.iter().count()\n   }\n   ```",
		"`{{#include ../listings/count.rs}}`",
		"| 5     | `\\|\\|\\|\\|/` |\n",
	} {
		if !strings.Contains(code, want) {
			t.Errorf("code.md lacks\n%s\nin\n%s", want, code)
		}
	}
	if strings.Contains(code, "ANCHOR") || strings.Contains(code, "{{#title") {
		t.Errorf("code.md keeps an anchor or the title directive:\n%s", code)
	}
	if !strings.Contains(texts["src/powers.md"], "| 10^6  | 1,000,000     |\n\nPast a million") {
		t.Errorf("powers.md:\n%s", texts["src/powers.md"])
	}
}

// newProject writes a small mdBook project: book.toml, src/SUMMARY.md and the files named.
func newProject(t *testing.T, toml, summary string, files ...string) string {
	t.Helper()
	m := map[string]string{"book.toml": toml, "src/SUMMARY.md": summary}
	for _, f := range files {
		m[f] = "# " + f + "\n"
	}
	return writeFiles(t, m)
}

func TestLoadDefaultsAndWarnings(t *testing.T) {
	dir := newProject(t, "[book]\nmultilingual = false\nautors = [\"Typo\"]\n\n[output.html]\nanything = 1\n[preprocessor.x]\ncommand = \"x\"\n",
		"- [A](a.md)\n", "src/a.md")
	b, list, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(list)
	for _, w := range []string{
		"book.toml:3:1: warning: unknown key \"autors\" in [book] was ignored",
		"book.toml:1:1: warning: book.toml gives the book no title: it is called \"" + filepath.Base(dir) + "\"",
		"book.toml:1:1: warning: book.toml names no authors: the book is credited to \"Anonymous\"",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics\n%s\nlack %s", got, w)
		}
	}
	if b.Language != "en" || b.Author != "Anonymous" || b.Trim != config.DefaultTrim || b.GlossaryLinks != "first" || b.Date != "" {
		t.Errorf("defaults: %+v", b)
	}
}

func TestLoadLegacyFormat(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"book.toml": "title = \"Old\"\nauthors = [\"A\"]\nsource = \"text\"\n", "text/SUMMARY.md": "[A](a.md)\n", "text/a.md": "# A\n"})
	b, list, err := Load(dir)
	if err != nil || len(list) > 0 {
		t.Fatal(err, list)
	}
	if b.Title != "Old" || b.Author != "A" || len(b.Chapters) != 1 || b.Chapters[0].Name != "text/a.md" {
		t.Fatalf("%+v", b)
	}
}

func TestLoadErrors(t *testing.T) {
	const good = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n"
	cases := []struct {
		name, toml, summary string
		files               []string
		want                string
	}{
		{"toml syntax", "[book\ntitle = 1\n", "", nil, "book.toml:1:6: error:"},
		{"title not text", "[book]\ntitle = 3\n", "- [A](a.md)\n", []string{"src/a.md"}, "book.toml:2:1: error: title must be text (in quotes), not a number"},
		{"authors not a list", "[book]\ntitle = \"T\"\nauthors = \"A\"\n", "- [A](a.md)\n", []string{"src/a.md"}, "book.toml:3:1: error: authors must be a list of text"},
		{"bad language", good + "language = \"english!!\"\n", "- [A](a.md)\n", []string{"src/a.md"}, `book.toml:4:1: error: language "english!!" is not a BCP 47 language tag`},
		{"src outside", good + "src = \"../elsewhere\"\n", "", nil, `book.toml:4:1: error: src = "../elsewhere": the source folder is outside the book's folder`},
		{"no SUMMARY.md", good, "", nil, "book.toml:1:1: error: src/SUMMARY.md: no such file in the book's folder"},
		{"missing chapter", good, "# Summary\n\n- [A](a.md)\n    - [Gone](sub/gone.md)\n", []string{"src/a.md"},
			"src/SUMMARY.md:4:7: error: sub/gone.md: no such file in src/ (mdBook would create it; bindery reports it instead)"},
		{"chapter outside", good, "- [A](../../a.md)\n", nil, "src/SUMMARY.md:1:3: error: ../../a.md: the file is outside the book's folder"},
		{"chapter absolute", good, "[A](/etc/passwd)\n", nil, "src/SUMMARY.md:1:1: error: /etc/passwd: absolute paths are not allowed"},
		{"chapter a URL", good, "[A](https://example.org/a.md)\n", nil, "src/SUMMARY.md:1:1: error: https://example.org/a.md: a chapter must be a Markdown file in the book"},
		{"no chapters", good, "# Summary\n\nNothing yet.\n", nil, "src/SUMMARY.md:1:1: error: SUMMARY.md lists no chapters"},
		{"only drafts", good, "- [Later]()\n", nil, "src/SUMMARY.md:1:1: error: SUMMARY.md lists no chapters"},
		{"bad option", good + "[output.bindery]\ntrim = \"B7\"\nfont = \"Comic Sans\"\nembed_fonts = \"yes\"\ndate = \"May\"\ncolour = 1\n", "- [A](a.md)\n", []string{"src/a.md"},
			"book.toml:5:1: error: trim: unknown size \"B7\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := newProject(t, c.toml, c.summary, c.files...)
			if c.summary == "" {
				os.Remove(filepath.Join(dir, "src", "SUMMARY.md"))
			}
			_, list, err := Load(dir)
			if err == nil {
				t.Fatalf("no error; diagnostics %v", list)
			}
			if got := fmt.Sprint(list); !strings.Contains(got, dir+string(filepath.Separator)+c.want) {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestLoadOptionErrors(t *testing.T) {
	dir := newProject(t, "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[output.bindery]\ntrim = \"B7\"\nfont = \"Comic Sans\"\nembed_fonts = \"yes\"\ndate = \"May\"\ncolour = 1\n",
		"- [A](a.md)\n", "src/a.md")
	_, list, _ := Load(dir)
	got := fmt.Sprint(list)
	for _, w := range []string{
		"book.toml:5:1: error: trim: unknown size",
		"book.toml:6:1: error: font:",
		"book.toml:7:1: error: embed-fonts must be true or false",
		`book.toml:8:1: error: date "May": not a date`,
		`book.toml:9:1: warning: unknown key "colour" in [output.bindery] was ignored`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics\n%s\nlack %s", got, w)
		}
	}
}

func TestLoadSymlinkOut(t *testing.T) {
	dir := newProject(t, "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n", "- [A](a.md)\n- [B](b.md)\n", "src/a.md")
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("# Secret\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "src", "b.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, list, err := Load(dir)
	if err == nil || !strings.Contains(fmt.Sprint(list), "SUMMARY.md:2:3: error: b.md: the file is a link to outside the book's folder") {
		t.Fatalf("got %v", list)
	}
}

func TestDeepNestingIsClamped(t *testing.T) {
	summary := "- [L0](l0.md)\n"
	files := []string{"src/l0.md"}
	for d := 1; d <= 7; d++ {
		summary += strings.Repeat("    ", d) + fmt.Sprintf("- [L%d](l%d.md)\n", d, d)
		files = append(files, fmt.Sprintf("src/l%d.md", d))
	}
	b, list, err := Load(newProject(t, "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n", summary, files...))
	if err != nil {
		t.Fatal(err)
	}
	var depths []int
	for _, f := range b.Chapters {
		depths = append(depths, f.Depth)
	}
	if fmt.Sprint(depths) != "[0 1 2 3 4 5 5 5]" || len(list) != 2 || !strings.Contains(list[0].Message, `"L6" is nested 6 deep`) {
		t.Fatalf("depths %v, diagnostics %v", depths, list)
	}
}

func TestDraftWithSections(t *testing.T) {
	b, list, err := Load(newProject(t, "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n",
		"- [A](a.md)\n- [Draft]()\n    - [B](b.md)\n        - [C](c.md)\n", "src/a.md", "src/b.md", "src/c.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range b.Chapters {
		got = append(got, fmt.Sprintf("%s:%d", f.Title, f.Depth))
	}
	if fmt.Sprint(got) != "[A:0 B:0 C:1]" || len(list) != 1 || !strings.Contains(list[0].Message, "stands one level higher") {
		t.Fatalf("%v %v", got, list)
	}
}

func TestIdentifier(t *testing.T) {
	a := Identifier("A Book", []string{"X", "Y"})
	if a != Identifier("A Book", []string{"X", "Y"}) || a == Identifier("A Book", []string{"X"}) || a == Identifier("B Book", []string{"X", "Y"}) {
		t.Fatal("the identifier is not a function of title and authors")
	}
	if len(a) != len("urn:uuid:")+36 || a[23] != '5' || !strings.ContainsAny(a[28:29], "89ab") {
		t.Fatalf("%s is not a version 5 UUID", a)
	}
}

// TestIncludeRoot: an include from the repository around the book is refused, with a hint,
// until include-root in [output.bindery] allows that folder; never one outside it.
func TestIncludeRoot(t *testing.T) {
	repo := writeFiles(t, map[string]string{
		"guide/book.toml":      "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n",
		"guide/src/SUMMARY.md": "- [A](a.md)\n",
		"guide/src/a.md":       "# A\n\n{{#include ../../examples/x.rs}}\n",
		"examples/x.rs":        "fn main() {}\n",
	})
	guide := filepath.Join(repo, "guide")
	chapter := filepath.Join(guide, "src", "a.md")
	src, _ := os.ReadFile(chapter)
	if _, _, list := Expand(guide, chapter, "a.md", src); !strings.Contains(fmt.Sprint(list), `include-root = ".."`) {
		t.Fatalf("no hint: %v", list)
	}
	os.WriteFile(filepath.Join(guide, "book.toml"), []byte("[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[output.bindery]\ninclude-root = \"..\"\n"), 0o644)
	b, list, err := Load(guide)
	if err != nil || b.IncludeRoot != repo {
		t.Fatalf("include-root: %q %v %v", b.IncludeRoot, err, list)
	}
	out, _, list := Expand(b.IncludeRoot, chapter, "a.md", src)
	if list.HasErrors() || !strings.Contains(string(out), "fn main() {}") {
		t.Fatalf("%v\n%s", list, out)
	}
	for _, bad := range []string{"/", "src", "../nowhere"} {
		os.WriteFile(filepath.Join(guide, "book.toml"), []byte("[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[output.bindery]\ninclude-root = \""+bad+"\"\n"), 0o644)
		if _, list, _ := Load(guide); !strings.Contains(fmt.Sprint(list), "include-root") {
			t.Errorf("include-root %q accepted: %v", bad, list)
		}
	}
}
