package watch

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bindery/book/doc"
	"bindery/book/mdbook"
	"bindery/book/pipeline"
	"bindery/book/starter"

	"github.com/fsnotify/fsnotify"
)

// TestRelevant: what counts as a change of the book's sources.
func TestRelevant(t *testing.T) {
	dir := "/book"
	s := &session{dir: dir, out: "/book/out",
		files: map[string]bool{"/book/chapters/one.txt": true},
		dirs:  map[string]bool{"/book": true, "/book/figures": true}}
	for name, want := range map[string]bool{
		"one.md": true, "glossary.yaml": true, "figures/map.PNG": true, "chapters/one.txt": true,
		"figures":     true, // a watched folder made anew
		".one.md.swp": false, "one.md~": false, "#one.md#": false, "4913": false, "notes.txt": false,
		"out/x.epub": false, "out/.x.epub.tmp-123": false, "out/page.png": false,
	} {
		ev := fsnotify.Event{Name: filepath.Join(dir, name), Op: fsnotify.Write}
		if got := s.relevant(ev); got != want {
			t.Errorf("%s: relevant %v, want %v", name, got, want)
		}
	}
	if s.relevant(fsnotify.Event{Name: "/book/one.md", Op: fsnotify.Chmod}) {
		t.Error("a change of mode alone rebuilt")
	}
	// Outputs written into the book's own folder (--out .) are not sources either.
	s.out = dir
	if s.relevant(fsnotify.Event{Name: "/book/x.epub", Op: fsnotify.Create}) || !s.relevant(fsnotify.Event{Name: "/book/one.md", Op: fsnotify.Write}) {
		t.Error("--out . confuses outputs and sources")
	}
}

// TestLearnMdBookProject: for an mdBook project the sources are book.toml, SUMMARY.md, the
// chapters and the files they include, wherever these are in the book.
func TestLearnMdBookProject(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"book.toml":             "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n",
		"src/SUMMARY.md":        "- [One](one.md)\n",
		"src/one.md":            "# One\n\n```rust\n{{#include ../listings/main.rs}}\n```\n",
		"listings/main.rs":      "{{#include ../listings/part.rs}}\n",
		"listings/part.rs":      "fn main() {}\n",
		"listings/unrelated.rs": "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	cfg, _, err := mdbook.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Skip("cannot watch here:", err)
	}
	defer fw.Close()
	s := &session{w: io.Discard, dir: dir, fw: fw, dirs: map[string]bool{}, files: map[string]bool{}}
	s.learn(&pipeline.Book{Book: &doc.Book{Meta: &cfg.Metadata}, Config: cfg})
	for _, name := range []string{"book.toml", "src/SUMMARY.md", "src/one.md", "listings/main.rs", "listings/part.rs"} {
		if abs, _ := filepath.Abs(filepath.Join(dir, filepath.FromSlash(name))); !s.files[abs] {
			t.Errorf("%s is not among the sources %v", name, s.files)
		}
	}
	if abs, _ := filepath.Abs(filepath.Join(dir, "listings")); !s.dirs[abs] {
		t.Error("the listings folder is not watched")
	}
	if abs, _ := filepath.Abs(filepath.Join(dir, "listings", "unrelated.rs")); s.relevant(fsnotify.Event{Name: abs, Op: fsnotify.Write}) {
		t.Error("a file the book does not use is a change")
	}
}

// TestLearnIncludesAroundTheBook: with include-root widened to the repository around the
// book, the files included from outside the book's folder are watched too.
func TestLearnIncludesAroundTheBook(t *testing.T) {
	repo := t.TempDir()
	dir := filepath.Join(repo, "guide")
	for name, content := range map[string]string{
		"guide/book.toml":      "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n\n[output.bindery]\ninclude-root = \"..\"\n",
		"guide/src/SUMMARY.md": "- [One](one.md)\n",
		"guide/src/one.md":     "# One\n\n```toml\n{{#include ../../examples/book.toml}}\n```\n",
		"examples/book.toml":   "[book]\n",
	} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	cfg, _, err := mdbook.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Skip("cannot watch here:", err)
	}
	defer fw.Close()
	s := &session{w: io.Discard, dir: dir, fw: fw, dirs: map[string]bool{}, files: map[string]bool{}}
	s.learn(&pipeline.Book{Book: &doc.Book{Meta: &cfg.Metadata}, Config: cfg})
	if abs, _ := filepath.Abs(filepath.Join(repo, "examples", "book.toml")); !s.files[abs] {
		t.Errorf("the included examples/book.toml is not among the sources %v", s.files)
	}
}

// TestBuiltIsToldOfEveryBuild: Built hears of the first build and of each rebuild, good or
// failed, with the build's result; the outputs it names are in place when it is told.
func TestBuiltIsToldOfEveryBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	type told struct {
		res *pipeline.Result
		err error
	}
	builds := make(chan told, 8)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- Run(ctx, Options{
			Build: pipeline.Options{Dir: dir, OutDir: filepath.Join(dir, "out"), Formats: []pipeline.Format{pipeline.EPUB}},
			Built: func(res *pipeline.Result, err error) { builds <- told{res, err} },
		}, io.Discard)
	}()
	next := func() told {
		select {
		case b := <-builds:
			return b
		case err := <-done:
			t.Fatalf("Run returned %v", err)
		}
		return told{}
	}
	first := next()
	if first.err != nil || len(first.res.Outputs) != 1 {
		t.Fatalf("first build: %v, outputs %v", first.err, first.res.Outputs)
	}
	if _, err := os.Stat(first.res.Outputs[0]); err != nil {
		t.Fatal("the output is not in place when Built is told:", err)
	}
	chapter := filepath.Join(dir, "01-the-codex.md")
	text, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, append(text, "\nA mark of no entry: {^Nowhere}.\n"...), 0o644)
	if failed := next(); failed.err == nil || !failed.res.Diagnostics.HasErrors() {
		t.Fatalf("a broken chapter built: %v", failed.err)
	}
	os.WriteFile(chapter, text, 0o644)
	if mended := next(); mended.err != nil {
		t.Fatalf("the mended chapter did not build: %v", mended.err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// lockedBuffer is what a watch writes, read by the test between builds.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestStaleOutputsUnderWatch: a new title leaves the old outputs behind, said once (not at
// every rebuild); with Clean the rebuild removes them and says so on its line.
func TestStaleOutputsUnderWatch(t *testing.T) {
	for _, clean := range []bool{false, true} {
		dir := t.TempDir()
		if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		builds := make(chan error, 8)
		var w lockedBuffer
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			done <- Run(ctx, Options{
				Build: pipeline.Options{Dir: dir, OutDir: out, Formats: []pipeline.Format{pipeline.EPUB}, NoPageList: true, Clean: clean},
				Built: func(_ *pipeline.Result, err error) { builds <- err },
			}, &w)
		}()
		next := func() {
			t.Helper()
			select {
			case err := <-builds:
				if err != nil {
					t.Fatal(err)
				}
			case err := <-done:
				t.Fatalf("Run returned %v", err)
			}
		}
		next()
		yaml := filepath.Join(dir, "book.yaml")
		data, _ := os.ReadFile(yaml)
		os.WriteFile(yaml, []byte(strings.Replace(string(data), "title: A Short Book About Books", "title: Another Book", 1)), 0o644)
		next()
		chapter := filepath.Join(dir, "01-the-codex.md")
		text, _ := os.ReadFile(chapter)
		os.WriteFile(chapter, append(text, "\nOne more line.\n"...), 0o644)
		next()
		cancel()
		<-done
		got := w.String()
		_, err := os.Stat(filepath.Join(out, "a-short-book-about-books.epub"))
		if clean {
			if !strings.Contains(got, "; removed "+filepath.ToSlash(out)+"/a-short-book-about-books.epub\n") || err == nil || strings.Contains(got, "note:") {
				t.Errorf("with Clean (old output: %v):\n%s", err, got)
			}
			continue
		}
		if n := strings.Count(got, "note: "); n != 1 || !strings.Contains(got, "still holds a-short-book-about-books.epub") || err != nil {
			t.Errorf("without Clean, %d notes (old output: %v):\n%s", n, err, got)
		}
	}
}
