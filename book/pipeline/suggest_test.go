package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bindery/book/starter"
)

// TestDidYouMean: every kind of name whose right answers are known gets the one probably
// meant, once, in the diagnostic at the mistake's place: one edit to the starter book each.
func TestDidYouMean(t *testing.T) {
	for _, c := range []struct {
		name       string
		file       string
		old, new   string
		suggestion string
	}{
		{"book.yaml key", "book.yaml", "subtitle: A starter", "subtitel: A starter", `unknown key "subtitel": did you mean "subtitle"?`},
		{"print key", "book.yaml", "trim: A5 ", "print: {leadin: 14pt}\ntrim: A5 ", `unknown key "leadin": did you mean "leading"?`},
		{"chapter entry key", "book.yaml", "  - 01-the-codex.md ", "  - {fiel: 01-the-codex.md}", `unknown key "fiel" in an entry: did you mean "file"?`},
		{"chapter file", "book.yaml", "  - 02-from-press-to-screen.md", "  - 02-from-press-to-sreen.md", `no such file in the book's folder; did you mean "02-from-press-to-screen.md"?`},
		{"language name", "book.yaml", "language: en-GB ", "language: English ", `did you mean "en" (English)?`},
		{"language tag with an underscore", "book.yaml", "language: en-GB ", "language: en_GB ", `language "en_GB" is not a BCP 47 language tag: did you mean "en-GB"?`},
		{"language tag mistyped", "book.yaml", "language: en-GB ", "language: en-GX ", `language "en-GX" is not a BCP 47 language tag: did you mean "en-GB"?`},
		{"glossary key", "glossary.yaml", "  plural: codices", "  plurl: codices", `unknown key "plurl": did you mean "plural"?`},
		{"glossary see_also", "glossary.yaml", "see_also: [signature]", "see_also: [signatur]", `no glossary entry has the id "signatur"; did you mean "signature"?`},
		{"index glossary id", "index.yaml", "glossary: recto", "glossary: rceto", `no glossary entry has the id "rceto"; did you mean "recto"?`},
		{"index see", "index.yaml", "see: EPUB", "see: EPBU", `see: no index entry has the term "EPBU"; did you mean "EPUB"?`},
		{"index see_also", "index.yaml", "see_also: [scroll]", "see_also: [scrol]", `no index entry has the term "scrol"; did you mean "scroll"?`},
		{"chronology anchor", "chronology.yaml", "anchor: c-aldus", "anchor: c-aldis", `points at {#c-aldis}, which is nowhere in the text; did you mean "c-aldus"?`},
		{"index mark", "01-the-codex.md", "{^codex!replaces the scroll}took", "{^codx}took", `index mark {^codx}: no index entry has the term "codx"; did you mean "codex"?`},
		{"index sub-entry", "01-the-codex.md", "{^reading!finding a place}find", "{^reading!finding a plce}find", `has no sub-entry "finding a plce"; did you mean "finding a place"?`},
		{"cross-reference", "01-the-codex.md", "[](#press-to-screen)", "[](#press-to-scren)", `no heading, anchor or entry in the book has that ID; did you mean "press-to-screen"?`},
		{"link", "01-the-codex.md", "[](#press-to-screen)", "[the next chapter](#press-to-scren)", `link to #press-to-scren: no heading, note or anchor in the book has that ID; did you mean "press-to-screen"?`},
		{"cross-reference to a file", "01-the-codex.md", "[](#press-to-screen)", "[](02-from-press-to-sreen.md#press-to-screen)", `that file is not part of the book; did you mean "02-from-press-to-screen.md"?`},
		{"trim key", "book.yaml", "trim: A5 ", "trim: {widht: 140mm, height: 216mm} ", `trim: unknown key "widht": did you mean "width"?`},
		{"margins key", "book.yaml", "trim: A5 ", "print: {margins: {innr: 16mm}}\ntrim: A5 ", `margins: unknown key "innr": did you mean "inner"?`},
		{"footnote", "01-the-codex.md", "the scroll.[^scroll]", "the scroll.[^scrol]", `footnote [^scrol] is referenced but never defined; did you mean [^scroll], defined at line 33 and never referenced?`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.file)
			data, _ := os.ReadFile(path)
			if !strings.Contains(string(data), c.old) {
				t.Fatalf("%s has no %q", c.file, c.old)
			}
			edited := strings.Replace(string(data), c.old, c.new, 1)
			os.WriteFile(path, []byte(edited), 0o644)
			line := strings.Count(edited[:strings.Index(edited, c.new)], "\n") + 1
			where := fmt.Sprintf("%s:%d:", c.file, line)
			list, err := Check(dir)
			var got []string
			n := 0
			for _, d := range list {
				got = append(got, d.String())
				if strings.Contains(d.String(), "did you mean") {
					n++
				}
				if strings.HasPrefix(filepath.Base(d.Pos.File)+":"+strconv.Itoa(d.Pos.Line)+":", where) && strings.Contains(d.Message, c.suggestion) {
					n += 100
				}
			}
			if err == nil && !list.HasErrors() {
				t.Errorf("no error")
			}
			if n != 101 {
				t.Errorf("want one suggestion, at %s: %s\ngot:\n%s", where, c.suggestion, strings.Join(got, "\n"))
			}
		})
	}
}
