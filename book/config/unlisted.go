package config

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"bindery/book/diag"
)

// Unlisted notes, once, the Markdown files in the book's folder (and in the folders of its
// chapters) that no chapter list names: a chapter written and not yet listed is otherwise
// left out without a word. README, LICENSE and CHANGELOG files are a repository's, not the
// book's.
func Unlisted(b *Book) diag.List {
	listed := map[string]bool{}
	folders := []string{"."}
	for _, f := range append(slices.Clone(b.Chapters), b.Backmatter...) {
		if f.Part {
			continue
		}
		name := path.Clean(strings.ReplaceAll(f.Name, `\`, "/"))
		listed[name] = true
		if d := path.Dir(name); !slices.Contains(folders, d) {
			folders = append(folders, d)
		}
	}
	var unlisted []string
	for _, folder := range folders {
		entries, err := os.ReadDir(b.Dir + "/" + folder)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := path.Join(folder, e.Name())
			ext := strings.ToLower(path.Ext(e.Name()))
			if !e.Type().IsRegular() || (ext != ".md" && ext != ".markdown") || listed[name] || strings.HasPrefix(e.Name(), ".") || repositoryFile(e.Name()) {
				continue
			}
			if meantBy(name, b.missing) {
				continue // the error about a name not found already offers it
			}
			unlisted = append(unlisted, name)
		}
	}
	if len(unlisted) == 0 {
		return nil
	}
	slices.Sort(unlisted)
	what := fmt.Sprintf("%s is in the book's folder but in no chapter list: add it to chapters: (or backmatter:) if it belongs to the book", unlisted[0])
	if len(unlisted) > 1 {
		shown := unlisted
		if len(shown) > 5 {
			shown = append(slices.Clone(shown[:5]), fmt.Sprintf("%d more", len(unlisted)-5))
		}
		what = fmt.Sprintf("%d Markdown files in the book's folder are in no chapter list (%s): add them to chapters: (or backmatter:) if they belong to the book", len(unlisted), strings.Join(shown, ", "))
	}
	at := diag.Pos{File: b.Path, Line: 1, Col: 1}
	if len(b.Chapters) > 0 {
		at = b.Chapters[0].Pos
	}
	var list diag.List
	list.Notef(at, "%s", what)
	return list
}

// meantBy reports whether name is the file one of the names not found probably meant.
func meantBy(name string, missing []string) bool {
	for _, m := range missing {
		if diag.Suggest(path.Clean(m), []string{name}) == name {
			return true
		}
	}
	return false
}

// repositoryFile: a file a repository has beside a book (README.md and the like).
func repositoryFile(name string) bool {
	stem := strings.ToUpper(strings.TrimSuffix(name, path.Ext(name)))
	for _, r := range []string{"README", "LICENSE", "LICENCE", "CHANGELOG", "CHANGES", "CONTRIBUTING", "CODE_OF_CONDUCT", "AUTHORS", "NOTES", "TODO"} {
		if stem == r {
			return true
		}
	}
	return false
}
