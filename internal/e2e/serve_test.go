package e2e

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestServeCtrlC: `bindery serve` says where the book is, serves its first chapter there,
// and Ctrl-C stops it with exit status 0 and one line; the port is free again.
func TestServeCtrlC(t *testing.T) {
	bin := builtBinary(t)
	book := t.TempDir()
	run(t, "init", book)
	cmd := exec.Command(bin, "serve", book, "--port", "0", "--out", t.TempDir())
	var stdout syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stdout, "(Ctrl-C to stop)\n", 1)
	m := regexp.MustCompile(`serving the book at (http://127\.0\.0\.1:\d+/)\n`).FindStringSubmatch(stdout.String())
	if m == nil {
		cmd.Process.Kill()
		t.Fatalf("no address:\n%s", stdout.String())
	}
	res, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Request.URL.Path != "/text/codex.xhtml" || !strings.Contains(string(page), "A book, as most of us picture it") {
		t.Errorf("%s %s:\n%s", res.Status, res.Request.URL, page)
	}
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if !strings.HasSuffix(stdout.String(), "(Ctrl-C to stop)\nstopped serving\n") {
		t.Fatalf("output:\n%s", stdout.String())
	}
	if _, err := http.Get(m[1]); err == nil {
		t.Error("the port still answers after the preview stopped")
	}
}

// TestServeUsageErrors: a preview without the EPUB, or on a port that is none, is a
// command-line mistake (exit 2), said before anything is built.
func TestServeUsageErrors(t *testing.T) {
	book := t.TempDir()
	run(t, "init", book)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", book, "--format", "pdf"}, "the formats must include epub"},
		{[]string{"serve", book, "--port", "70000"}, "--port 70000: a port is a number from 1 to 65535"},
	} {
		if code, _, stderr := run(t, c.args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
		}
	}
	if _, err := os.Stat(book + "/out"); err == nil {
		t.Error("a usage mistake built the book")
	}
}
