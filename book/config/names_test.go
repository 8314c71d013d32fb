package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChaptersDifferingInCase: One.md and one.md are two files on Linux and one on Windows and
// macOS, so a book that lists both is an error everywhere (on those two, where the second
// write replaced the first file, as much as here).
func TestChaptersDifferingInCase(t *testing.T) {
	dir := writeBook(t, strings.Replace(good, "  - one.md\n", "  - one.md\n  - One.md\n", 1), "one.md", "One.md")
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "book.yaml:8:5: error: One.md and one.md (at ") ||
		!strings.Contains(err.Error(), "differ only in case") {
		t.Fatalf("got %v", err)
	}
	// In folders too, and with the names in another Unicode form (macOS's NFD).
	os.Mkdir(filepath.Join(dir, "Part"), 0o755)
	os.Mkdir(filepath.Join(dir, "part"), 0o755)
	for _, name := range []string{"Part/café.md", "part/cafe\u0301.md"} {
		os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte("# Café\n"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, FileName), []byte(strings.Replace(good, "  - one.md\n", "  - Part/café.md\n  - part/cafe\u0301.md\n", 1)), 0o644)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "differ only in case") {
		t.Fatalf("got %v", err)
	}
}

func TestNameKey(t *testing.T) {
	for _, c := range [][2]string{{"One.md", "one.md"}, {"CAFÉ.md", "cafe\u0301.md"}, {"Ωμέγα.md", "ωμέγα.md"}} {
		if NameKey(c[0]) != NameKey(c[1]) {
			t.Errorf("%q and %q: %q, %q", c[0], c[1], NameKey(c[0]), NameKey(c[1]))
		}
	}
	for _, c := range [][2]string{{"one.md", "two.md"}, {"STRASSE.md", "straße.md"}} {
		if NameKey(c[0]) == NameKey(c[1]) {
			t.Errorf("%q and %q are one name", c[0], c[1])
		}
	}
}

// TestNamesWindowsCannotHold: a book that names a file Windows cannot have is refused on every
// system, with the reason; a backslash separates folders everywhere.
func TestNamesWindowsCannotHold(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "part"), 0o755)
	os.WriteFile(filepath.Join(dir, "part", "one.md"), []byte("# One\n"), 0o644)
	if p, err := Resolve(dir, `part\one.md`); err != nil || p != filepath.Join(dir, "part", "one.md") {
		t.Errorf(`part\one.md: %q, %v`, p, err)
	}
	for name, want := range map[string]string{
		"one.md:secret": `holds ":"`,
		"what?.md":      `holds "?"`,
		`a"b.md`:        `holds "\""`,
		"part/x|y.md":   `holds "|"`,
		"tab\there.md":  `holds "\t"`,
		"notes.":        "ends with a dot",
		"part /one.md":  "ends with a dot or a space",
		"con.md":        "device's name",
		"Aux.tar.gz":    "device's name",
		"part/nul":      "device's name",
		"lpt1.png":      "device's name",
		"part/COM9.md":  "device's name",
		"C:x.md":        `holds ":"`,
	} {
		_, err := Resolve(dir, name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", name, err, want)
		}
	}
	for _, name := range []string{"console.md", "com10.md", "nullify.md", "a.b.md", "./part/one.md"} {
		if err := portableName(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}
