package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// outputs reads the files of a build's output folder (the manifest left out).
func outputs(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	list, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.Name()[0] == '.' {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

// build --cache writes what a build without it writes, finds everything the second time,
// only what an edit changed after it; --clean without --cache removes the folder; a
// .bindery-cache that is not a folder gets a note and a build without the cache.
func TestBuildCache(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	dir := filepath.Join(t.TempDir(), "book")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	if ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !bytes.Contains(ignore, []byte(".bindery-cache/")) {
		t.Errorf("the starter's .gitignore keeps the cache in git: %q", ignore)
	}
	tmp := t.TempDir()
	stats := regexp.MustCompile(`cache +(\d+) found, (\d+) missed, (\d+) written`)
	build := func(step string, args ...string) (map[string][]byte, []string) {
		t.Helper()
		out := filepath.Join(tmp, step)
		code, stdout, stderr := run(t, append([]string{"build", dir, "--out", out}, args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s%s", step, code, stdout, stderr)
		}
		return outputs(t, out), stats.FindStringSubmatch(stdout)
	}
	same := func(step string, a, b map[string][]byte) {
		t.Helper()
		if len(a) != 2 || len(b) != 2 {
			t.Fatalf("%s: %d and %d outputs", step, len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("%s: %s differs from a build without the cache", step, name)
			}
		}
	}
	cold, _ := build("cold")
	first, s := build("first", "--cache", "--timings")
	if s == nil || s[1] != "0" || s[2] == "0" || s[2] != s[3] {
		t.Fatalf("first build with --cache: %v", s)
	}
	same("first", first, cold)
	if _, err := os.Stat(filepath.Join(dir, ".bindery-cache", "CACHEDIR.TAG")); err != nil {
		t.Errorf("no CACHEDIR.TAG: %v", err)
	}
	warm, s := build("warm", "--cache", "--timings")
	if s == nil || s[1] == "0" || s[2] != "0" || s[3] != "0" {
		t.Fatalf("unchanged build with --cache: %v", s)
	}
	same("warm", warm, cold)

	chapter := filepath.Join(dir, "01-the-codex.md")
	data, _ := os.ReadFile(chapter)
	os.WriteFile(chapter, bytes.Replace(data, []byte("the"), []byte("this"), 1), 0o644)
	edited, s := build("edited", "--cache", "--timings")
	if s == nil || s[1] == "0" || s[2] == "0" {
		t.Fatalf("build with --cache after an edit: %v", s)
	}
	coldEdited, _ := build("cold edited")
	same("edited", edited, coldEdited)

	code, stdout, stderr := run(t, "build", dir, "--out", filepath.Join(tmp, "clean"), "--clean")
	if code != 0 || !bytes.Contains([]byte(stdout), []byte("removed "+filepath.Join(dir, ".bindery-cache")+"/\n")) {
		t.Fatalf("--clean: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".bindery-cache")); err == nil {
		t.Errorf("--clean left the cache")
	}

	os.WriteFile(filepath.Join(dir, ".bindery-cache"), []byte("not a folder"), 0o644)
	code, stdout, stderr = run(t, "build", dir, "--out", filepath.Join(tmp, "file"), "--cache")
	if code != 0 || !bytes.Contains([]byte(stderr), []byte("note: building without the cache")) {
		t.Fatalf("a .bindery-cache file: exit %d\n%s%s", code, stdout, stderr)
	}
	same("without", outputs(t, filepath.Join(tmp, "file")), coldEdited)
}

// Each build --cache is a new process, which has asked its fonts for nothing: books built
// twice with the cache, and after an edit, write what a build without it writes (the default
// book has small capitals in its running heads and text; the features book code, tables,
// notes, pictures and passages in other languages; the technical book highlighted code and
// tables; a German book its hyphenation).
func TestBuildCacheAcrossProcesses(t *testing.T) {
	bin := builtBinary(t)
	for _, c := range []struct{ book, file, old, new string }{
		{defaultBookDir, "05-urban-classes.md", "living in cities", "dwelling in cities"},
		{"testdata/books/features", "one.md", "paragraph", "passage"},
		{"testdata/books/technical", "tables.md", " the ", " this "},
		{"testdata/books/de", "anfaenge.md", " und ", " sowie "},
	} {
		dir := copyBook(t, c.book)
		tmp := t.TempDir()
		build := func(out string, args ...string) map[string][]byte {
			t.Helper()
			cmd := exec.Command(bin, append([]string{"build", dir, "-q", "--out", filepath.Join(tmp, out)}, args...)...)
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s, %s: %v\n%s", c.book, out, err, msg)
			}
			return outputs(t, filepath.Join(tmp, out))
		}
		same := func(step string, a, b map[string][]byte) {
			t.Helper()
			for name, data := range b {
				if !bytes.Equal(a[name], data) {
					t.Errorf("%s, %s: %s differs from a build without the cache", c.book, step, name)
				}
			}
		}
		cold := build("cold")
		build("first", "--cache")
		same("warm", build("warm", "--cache"), cold)
		chapter := filepath.Join(dir, c.file)
		data, _ := os.ReadFile(chapter)
		os.WriteFile(chapter, bytes.Replace(data, []byte(c.old), []byte(c.new), 1), 0o644)
		same("edited", build("edited", "--cache"), build("cold edited"))
	}
}
