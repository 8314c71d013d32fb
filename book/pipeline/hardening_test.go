package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func writeBook(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestMissingGlyphsAreReported: characters the font lacks are named with their place.
func TestMissingGlyphsAreReported(t *testing.T) {
	dir := writeBook(t, map[string]string{
		"book.yaml": "title: Glyphs\nauthor: A\nlanguage: en\nidentifier: x\nchapters: [c.md]\n",
		"c.md":      "# Glyphs\n\nGreek αβγ is fine; 中 is not, nor 😀.\n\nAgain 中.\n",
	})
	res, err := Build(Options{Dir: dir, OutDir: t.TempDir(), Formats: []Format{PDF}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "is not in the font") {
			got = append(got, d.String())
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "c.md:3:20: warning: the character U+4E2D '中'") || !strings.Contains(got[1], "U+1F600") {
		t.Fatalf("got %q", got)
	}
}

// TestParallelBuilds builds several books at once in one process (run with -race).
func TestParallelBuilds(t *testing.T) {
	dirs := []string{"../../manuscript", "../../testdata/books/features", "../../manuscript", "../../testdata/books/features"}
	var wg sync.WaitGroup
	outs := make([][]byte, len(dirs))
	for i, dir := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := t.TempDir()
			res, err := Build(Options{Dir: dir, OutDir: out, Formats: Formats})
			if err != nil {
				t.Errorf("%s: %v", dir, err)
				return
			}
			outs[i], _ = os.ReadFile(res.Outputs[1])
		}()
	}
	wg.Wait()
	if len(outs[0]) == 0 || string(outs[0]) != string(outs[2]) || string(outs[1]) != string(outs[3]) {
		t.Fatal("the same book built at the same time gave different PDFs")
	}
}
