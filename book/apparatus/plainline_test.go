package apparatus

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"bindery/book/config"
)

// TestPlainLinesAsParsed: the apparatus of every book in the repository is the same model,
// and gives the same messages, with plain lines taken without the parse as with every text
// parsed (book/markdown's TestPlainLineIsParseIns checks the lines one by one).
func TestPlainLinesAsParsed(t *testing.T) {
	dirs := []string{filepath.Join("..", "..", "manuscript"), filepath.Join("..", "starter", "book"), filepath.Join("..", "starter", "book-es")}
	books, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "books", "*"))
	loaded := 0
	for _, d := range append(dirs, books...) {
		if _, err := os.Stat(filepath.Join(d, "book.yaml")); err != nil {
			continue
		}
		loaded++
		cfg, err := config.Load(d)
		if err != nil {
			t.Fatal(err)
		}
		plainLines = false
		parsed, parsedList := Load(cfg)
		plainLines = true
		plain, plainList := Load(cfg)
		if !reflect.DeepEqual(parsed, plain) || !reflect.DeepEqual(parsedList, plainList) {
			t.Errorf("%s: the apparatus differs with plain lines taken as they are", d)
		}
	}
	if loaded < 9 {
		t.Errorf("%d books loaded, not the default book, the starters and testdata/books", loaded)
	}
}
