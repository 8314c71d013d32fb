package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bindery/internal/cli"
)

// run runs the CLI in-process and returns its exit status and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), append([]string{"bindery"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// defaultBookDir is the repository's default book, which bindery builds when run with no
// folder in the repository's root (where these tests run: TestMain).
const defaultBookDir = "manuscript"

const epubName = "bolivia-power-within-grasp.epub"

func TestBuildDefaultBookIsReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	a, b := t.TempDir(), t.TempDir()
	if code, _, stderr := run(t, "build", "--out", a); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "--out", b); code != 0 { // no command: build is the default
		t.Fatalf("exit %d: %s", code, stderr)
	}
	x, err := os.ReadFile(filepath.Join(a, epubName))
	if err != nil {
		t.Fatal(err)
	}
	y, _ := os.ReadFile(filepath.Join(b, epubName))
	if !bytes.Equal(x, y) {
		t.Fatal("two builds of the default book differ")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	c := t.TempDir()
	run(t, "build", "manuscript", "--out", c)
	z, _ := os.ReadFile(filepath.Join(c, epubName))
	if bytes.Equal(x, z) {
		t.Fatal("SOURCE_DATE_EPOCH did not change the recorded time")
	}
	if !bytes.Contains(unzipEntry(t, z, "OEBPS/content.opf"), []byte("2023-11-14T22:13:20Z")) {
		t.Fatal("dcterms:modified does not follow SOURCE_DATE_EPOCH")
	}
}

// TestEpubcheck runs epubcheck on the default book: zero errors and zero warnings. It fails,
// not skips, in CI when epubcheck is missing.
func TestEpubcheck(t *testing.T) {
	t.Parallel() // beside TestBadInputs: Java starts while Go builds
	out := t.TempDir()
	if code, _, stderr := run(t, "build", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	epubcheck(t, filepath.Join(out, epubName))
}

func epubcheckJar() string {
	for _, p := range []string{os.Getenv("EPUBCHECK_JAR"), "/usr/share/java/epubcheck.jar"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			if _, err := exec.LookPath("java"); err == nil {
				return p
			}
		}
	}
	return ""
}

func TestBrokenBookLeavesOutputUntouched(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := run(t, "build", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	good, _ := os.ReadFile(filepath.Join(out, epubName))

	cases := []struct {
		name, yaml string
		want       string
	}{
		{"bad yaml", "title: [oops\n", "book.yaml:1:8: error: this [ is never closed"},
		{"unknown key", "title: T\nauthor: A\nlanguage: en\nidentifier: x\ncolour: red\nchapters: [00-introduction.md]\n", "book.yaml:5:"},
		{"missing chapter", "title: T\nauthor: A\nlanguage: en\nidentifier: x\nchapters:\n  - 00-introduction.md\n  - nowhere.md\n", "book.yaml:7:5: error: nowhere.md: no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyBook(t, "manuscript")
			os.WriteFile(filepath.Join(dir, "book.yaml"), []byte(c.yaml), 0o644)
			// The broken book is titled like the default one, so it would overwrite its EPUB.
			code, _, stderr := run(t, "build", dir, "--out", out)
			if code == 0 {
				t.Fatal("a broken book built")
			}
			if !strings.Contains(stderr, c.want) {
				t.Fatalf("stderr %q does not contain %q", stderr, c.want)
			}
			now, _ := os.ReadFile(filepath.Join(out, epubName))
			if !bytes.Equal(now, good) {
				t.Fatal("the earlier EPUB was changed")
			}
			leftovers, _ := filepath.Glob(filepath.Join(out, ".*tmp*"))
			if len(leftovers) > 0 {
				t.Fatalf("temporary files left: %v", leftovers)
			}
		})
	}
}

func TestBrokenChapterNamesFileLineAndColumn(t *testing.T) {
	dir := copyBook(t, "manuscript")
	os.WriteFile(filepath.Join(dir, "04-the-indian-majority.md"), []byte("# The Indian majority {#urban-classes}\n\nText.\n"), 0o644)
	code, stdout, _ := run(t, "check", dir)
	if code != 1 || !strings.Contains(stdout, "05-urban-classes.md:1:1: error: duplicate ID \"urban-classes\": already used at") ||
		!strings.Contains(stdout, "04-the-indian-majority.md:1:1") {
		t.Fatalf("exit %d, output:\n%s", code, stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	if code, _, stderr := run(t, "build", "--format", "docx"); code != 2 || !strings.Contains(stderr, `unknown format "docx"`) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "build", "--nope"); code != 2 || !strings.Contains(stderr, "nope") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "build", t.TempDir()); code != 1 || !strings.Contains(stderr, "no book.yaml here") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"build", "--help"}, {"check", "--help"}, {"init", "--help"}, {"watch", "--help"},
		{"serve", "--help"}, {"stats", "--help"}, {"version", "--help"}, {"completion", "--help"}, {"help"}, {"help", "watch"}} {
		code, stdout, _ := run(t, args...)
		if code != 0 || !strings.Contains(stdout, "USAGE") {
			t.Errorf("%v: exit %d, output %q", args, code, stdout)
		}
	}
}

func copyBook(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644)
	}
	return dst
}

func unzipEntry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("%s not in the EPUB", name)
	return nil
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestCheckBrokenManuscript pins `bindery check` on a manuscript with one of every mistake:
// compiler-style diagnostics with the source line and a caret, a summary, exit status 1.
// Refresh with: go test ./internal/e2e -run TestCheckBrokenManuscript -update
func TestCheckBrokenManuscript(t *testing.T) {
	code, stdout, _ := run(t, "check", "testdata/broken")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	golden := "testdata/broken/check.golden"
	if *update {
		os.WriteFile(golden, []byte(stdout), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Fatalf("check output differs from %s (-update to accept):\n%s", golden, stdout)
	}
	// build refuses to write anything for the same book.
	out := t.TempDir()
	if code, _, _ := run(t, "build", "testdata/broken", "--out", out); code != 1 {
		t.Fatalf("build exit %d", code)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("build wrote %d files for a broken book", len(entries))
	}
}

// TestInterruptLeavesNoPartialFile sends SIGINT to a real build at several moments: whatever
// the moment, the output folder holds only whole files (the earlier ones or the new ones) and
// no temporary file.
func TestInterruptLeavesNoPartialFile(t *testing.T) {
	bin := builtBinary(t)
	out := t.TempDir()
	if err := exec.Command(bin, "build", "--out", out).Run(); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, n := range []string{epubName, pdfName} {
		before[n], _ = os.ReadFile(filepath.Join(out, n))
	}
	for _, delay := range []time.Duration{5, 20, 40, 60, 80, 120} {
		cmd := exec.Command(bin, "build", "--out", out)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000") // new outputs differ from the old
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		// 130: stopped by our handler; -1: killed before the handler was installed.
		if code != 0 && code != 130 && code != -1 {
			t.Fatalf("after %v ms: exit %d", delay, code)
		}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Fatalf("after %v ms: temporary file %s left", delay, e.Name())
			}
		}
		for n, old := range before {
			now, _ := os.ReadFile(filepath.Join(out, n))
			if !bytes.Equal(now, old) && !validOutput(now) {
				t.Fatalf("after %v ms: %s is neither the old file nor a whole new one", delay, n)
			}
		}
	}
}

// validOutput recognises a complete EPUB (a zip that opens) or PDF (ends with %%EOF).
func validOutput(b []byte) bool {
	if bytes.HasPrefix(b, []byte("%PDF")) {
		return bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF"))
	}
	_, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	return err == nil
}
