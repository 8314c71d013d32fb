package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary book.yaml contents to the loader: errors, never panics.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(good + "trim: {width: 140mm, height: 216mm}\nprint: {font_size: 11pt, margins: {inner: 2cm}}\n"))
	f.Add([]byte("title: [a, b]\nchapters: {x: 1}\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Add([]byte("chapters:\n  - ../../etc/passwd\n  - /abs\n  - one.md\n"))
	f.Add([]byte(good + "  - {part: P}\n  - {file: one.md, depth: 1, title: T}\n  - {part: [x], file: 3}\nbackmatter:\n  - {part: Q}\n"))
	dir := f.TempDir()
	os.WriteFile(filepath.Join(dir, "one.md"), []byte("# One\n"), 0o644)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(dir, filepath.Join(dir, FileName), data)
		if err == nil && (b.Title == "" || len(b.Chapters) == 0) {
			t.Fatalf("accepted a book without title or chapters: %+v", b)
		}
	})
}
