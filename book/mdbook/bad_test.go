package mdbook

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
)

// TestBadIncludeCases runs the include cases of the adversarial corpus (testdata/bad/include-*)
// through Expand alone, as the reader does: each chapter, with the book's folder read as BOOK,
// must give the diagnostics its expect.txt lists (and errors only if it says "error").
// TestBadInputs builds the same cases whole.
func TestBadIncludeCases(t *testing.T) {
	const cases = "../../testdata/bad"
	entries, err := os.ReadDir(cases)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "include-") {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			if e.Name() == "include-symlink-out" && runtime.GOOS == "windows" {
				// Windows lets only the privileged make links (Wine lets anyone, but its links
				// do not behave as Windows' would): left to other systems.
				t.Skip("symbolic links are not an author's tool on Windows")
			}
			src := filepath.Join(cases, e.Name())
			expect, err := os.ReadFile(filepath.Join(src, "expect.txt"))
			if err != nil {
				t.Fatal(err)
			}
			book := filepath.Join(t.TempDir(), "book")
			if err := os.CopyFS(book, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if e.Name() == "include-symlink-out" {
				outside := filepath.Join(t.TempDir(), "secret.rs")
				os.WriteFile(outside, []byte("fn secret() {}\n"), 0o644)
				if err := os.Symlink(outside, filepath.Join(book, "code", "secret.rs")); err != nil {
					t.Skip("no symlinks here:", err)
				}
			}
			var cfg *config.Book
			if IsProject(book) {
				cfg, _, err = Load(book)
			} else {
				cfg, err = config.Load(book)
			}
			if err != nil {
				t.Fatal(err)
			}
			var list diag.List
			for _, f := range append(cfg.Chapters, cfg.Backmatter...) {
				if f.Part {
					continue
				}
				text, err := os.ReadFile(f.Path)
				if err != nil {
					t.Fatal(err)
				}
				_, _, more := Expand(book, f.Path, f.Path, text)
				list = append(list, more...)
			}
			var lines []string
			for _, d := range list {
				lines = append(lines, strings.ReplaceAll(d.String(), filepath.ToSlash(book), "BOOK"))
			}
			got := strings.Join(lines, "\n")
			want := strings.Split(strings.TrimSpace(string(expect)), "\n")
			if (want[0] == "error") != list.HasErrors() {
				t.Errorf("expect.txt says %s; the diagnostics are\n%s", want[0], got)
			}
			for _, w := range want[1:] {
				if !strings.HasPrefix(w, "#") && !strings.Contains(got, w) {
					t.Errorf("the diagnostics\n%s\nlack\n%s", got, w)
				}
			}
		})
	}
}
