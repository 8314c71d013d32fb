package mdbook

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
)

// TestBookYAMLSaysTheSame: the book.yaml written for the fixture project gives, through
// config.Load, the book the project gives (but for where each thing is written).
func TestBookYAMLSaysTheSame(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	want, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := BookYAML(want)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, config.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := config.Load(dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	strip := func(b *config.Book) {
		b.Path, b.PrintPos, b.LanguagePos = "", diag.Pos{}, diag.Pos{}
		for _, list := range [][]config.File{b.Chapters, b.Backmatter} {
			for i := range list {
				list[i].Pos.File, list[i].Pos.Line, list[i].Pos.Col = "", 0, 0
			}
		}
	}
	strip(want)
	strip(got)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("book.yaml gives\n%+v\nbook.toml gave\n%+v\n%s", got, want, data)
	}
}

// TestBookYAMLOptions: a custom page size and the other options survive the round trip.
func TestBookYAMLOptions(t *testing.T) {
	dir := newProject(t, "[book]\ntitle = \"T: a \\\"quoted\\\" title\"\nauthors = [\"A\"]\ndescription = \"# not a comment\"\n"+
		"[output.bindery]\ntrim = {width = \"140mm\", height = \"216mm\"}\nsubjects = [\"S\"]\nfont = \"Gentium Book Plus\"\nembed-fonts = true\nhyphenation = [\"hy-phen\"]\nsubtitle = \"Sub\"\nrights = \"R\"\npublisher = \"P\"\n",
		"- [A](a.md)\n", "src/a.md")
	want, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := BookYAML(want)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, config.FileName), data, 0o644)
	got, err := config.Load(dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if got.Title != want.Title || got.Description != want.Description || got.Trim.Name != "custom" ||
		int(got.Trim.Width) != int(want.Trim.Width) || got.Font != want.Font || !got.EmbedFonts ||
		!reflect.DeepEqual(got.Hyphenation, want.Hyphenation) || !reflect.DeepEqual(got.Subjects, want.Subjects) ||
		got.Subtitle != "Sub" || got.Rights != "R" || got.Publisher != "P" {
		t.Fatalf("got %+v\nwant %+v\n%s", got, want, data)
	}
}
