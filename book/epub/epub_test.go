package epub_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bindery/book/config"
	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

func loadBook(t *testing.T, dir string) *doc.Book {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, list := markdown.LoadBook(cfg)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, b *doc.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := epub.Write(&buf, b, epub.Options{
		Modified:   time.Date(2020, 2, 29, 12, 0, 0, 0, time.UTC),
		Stylesheet: []byte("body { font-family: serif; }\n"),
		Media:      []byte("@media (max-width: 30em) { body { text-align: left; } }\n"),
		Cover:      []byte("\x89PNG fake cover"), CoverType: "image/png",
		Generator: "bindery test",
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func entries(t *testing.T, data []byte) (*zip.Reader, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return zr, out
}

// TestGolden pins the XHTML, navigation and package documents of a book that uses every
// construct. Refresh with: go test ./book/epub -run TestGolden -update
func TestGolden(t *testing.T) {
	data := write(t, loadBook(t, "../../testdata/books/features"))
	_, files := entries(t, data)
	compareGolden(t, "testdata/golden/features", files)
}

// compareGolden compares an EPUB's text entries with the golden files in folder golden, or
// rewrites them with -update. Pictures are left out: they are the test's own bytes.
func compareGolden(t *testing.T, golden string, files map[string][]byte) {
	t.Helper()
	if *update {
		os.RemoveAll(golden)
	}
	skip := func(name string) bool { return name == "mimetype" || strings.HasPrefix(name, "OEBPS/images/") }
	for name, content := range files {
		if skip(name) {
			continue
		}
		path := filepath.Join(golden, filepath.FromSlash(name))
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (run with -update): %v", name, err)
			continue
		}
		if !bytes.Equal(content, want) {
			t.Errorf("%s differs from %s (run with -update to accept):\n%s", name, path, firstDiff(string(want), string(content)))
		}
	}
	if !*update {
		filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(golden, p)
				if _, ok := files[filepath.ToSlash(rel)]; !ok || skip(filepath.ToSlash(rel)) {
					t.Errorf("golden file %s is no longer produced", rel)
				}
			}
			return nil
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestMimetypeFirstAndStored(t *testing.T) {
	data := write(t, loadBook(t, "../../testdata/books/features"))
	zr, _ := entries(t, data)
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
		t.Fatalf("first entry %q method %d extra %d", first.Name, first.Method, len(first.Extra))
	}
	if string(data[30:38]) != "mimetype" || string(data[38:58]) != "application/epub+zip" {
		t.Fatalf("mimetype not at the fixed offsets: %q", data[:60])
	}
}

func TestReproducible(t *testing.T) {
	b := loadBook(t, "../../testdata/books/features")
	if !bytes.Equal(write(t, b), write(t, b)) {
		t.Fatal("two writes of the same book differ")
	}
}

// TestWellFormed parses every XML entry, so a manuscript cannot make the EPUB ill-formed.
func TestWellFormed(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: \"A <b>&amp; 'x'\"\nauthor: \"Q & A\"\nlanguage: en\nidentifier: x\nchapters: [c.md]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.md"), []byte("# T <i>&\n\nText \x01 \x7f \u0085 with <script>alert(1)</script> & [x](javascript:alert(1)) \uFFFE.\n\n<div onload=\"x()\">raw</div>\n"), 0o644)
	b := loadBook(t, dir)
	b.Meta.Title += " \u0001" // book.yaml refuses control characters; the writer must cope anyway
	_, files := entries(t, write(t, b))
	for name, content := range files {
		if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".ncx") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(content))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v\n%s", name, err, content)
			}
		}
		if bytes.Contains(content, []byte("<script")) || bytes.Contains(content, []byte("javascript:")) || bytes.Contains(content, []byte("onload")) {
			t.Errorf("%s carries script:\n%s", name, content)
		}
	}
}
