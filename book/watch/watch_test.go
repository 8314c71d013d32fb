package watch

import (
	"path/filepath"
	"testing"

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
