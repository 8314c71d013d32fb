package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// textExts are the files an author writes in a text editor: on Windows they often end their
// lines with "\r\n" (and Notepad may begin them with a byte-order mark).
var textExts = map[string]bool{".md": true, ".yaml": true, ".yml": true, ".toml": true, ".rs": true, ".txt": true}

// copyBook copies the book in src to a new folder, passing its text files through edit (nil:
// copied as they are).
func copyBook(t *testing.T, src string, edit func([]byte) []byte) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if edit != nil && textExts[filepath.Ext(p)] {
			data = edit(data)
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func toCRLF(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// TestCRLFBooksBuildTheSame: a copy of each fixture book with Windows line ends in every text
// file (Markdown, book.yaml, the apparatus, book.toml, SUMMARY.md, included code), and one with
// a byte-order mark too, gives the same EPUB and PDF, byte for byte, as the book itself.
func TestCRLFBooksBuildTheSame(t *testing.T) {
	edits := map[string]func([]byte) []byte{
		"crlf":     toCRLF,
		"crlf+bom": func(b []byte) []byte { return append([]byte("\ufeff"), toCRLF(b)...) },
	}
	for _, book := range []string{"commonmark", "features", "mdbook"} {
		src := filepath.Join("..", "..", "testdata", "books", book)
		want := buildFiles(t, copyBook(t, src, func(b []byte) []byte { return b }))
		for name, edit := range edits {
			t.Run(book+"/"+name, func(t *testing.T) {
				got := buildFiles(t, copyBook(t, src, edit))
				for ext, w := range want {
					if !bytes.Equal(got[ext], w) {
						t.Errorf("the %s differs from the book with \"\\n\" line ends", ext)
					}
				}
			})
		}
	}
}

// buildFiles builds the book in dir and returns its outputs by extension.
func buildFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	res, err := Build(Options{Dir: dir, OutDir: t.TempDir(), Formats: Formats})
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		if strings.Contains(d.String(), "\r") {
			t.Errorf("a diagnostic holds a carriage return: %q", d)
		}
	}
	files := map[string][]byte{}
	for _, p := range res.Outputs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Ext(p)] = data
	}
	return files
}
