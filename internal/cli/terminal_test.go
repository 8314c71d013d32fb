package cli

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/diag"
)

// TestDiagnosticsCannotAct: a diagnostic whose file name and message carry escapes and a
// newline prints as one line, with nothing a terminal acts on, coloured or not.
func TestDiagnosticsCannotAct(t *testing.T) {
	d := diag.Diagnostic{Pos: diag.Pos{File: "book/two\n\x1b[2J.md", Line: 3, Col: 1}, Severity: diag.Error,
		Message: "fake\nbook.yaml:1:1: error: \x1b]0;PWNED\x07"}
	for _, colour := range []bool{false, true} {
		got := formatDiag(d, colour)
		if strings.Contains(got, "\n") || strings.Contains(strings.ReplaceAll(got, "\x1b[", ""), "\x1b") {
			t.Errorf("colour %v: %q", colour, got)
		}
		if !strings.Contains(got, `"book/two\n\x1b[2J.md":3:1`) || !strings.Contains(got, `fake\nbook.yaml:1:1: error: \x1b]0;PWNED\x07`) {
			t.Errorf("colour %v: %q", colour, got)
		}
	}
	var b bytes.Buffer
	printExit(&b, hintedExit{msg: "no book.yaml in this folder (/tmp/a\nb).", hints: []string{"To start a book here: bindery init"}, code: 1})
	if got := b.String(); strings.Count(got, "\n") != 2 || !strings.Contains(got, `(/tmp/a\nb)`) {
		t.Errorf("printExit: %q", got)
	}
}

// fakeTerminal makes every writer look like a terminal for the test.
func fakeTerminal(t *testing.T) {
	old, oldDelay := isTerminal, progressDelay
	isTerminal = func(io.Writer) bool { return true }
	progressDelay = 0
	t.Cleanup(func() { isTerminal, progressDelay = old, oldDelay })
}

// TestColour: severities are coloured on a terminal, never with NO_COLOR, never in a pipe.
func TestColour(t *testing.T) {
	broken := filepath.Join(repo, "testdata", "broken")
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	_, piped, _ := run(t, "check", broken)
	if strings.Contains(piped, "\x1b[") {
		t.Fatal("colour in output that is not a terminal")
	}
	fakeTerminal(t)
	_, coloured, _ := run(t, "check", broken)
	if !strings.Contains(coloured, "\x1b[1;31merror\x1b[0m: ") || !strings.Contains(coloured, "\x1b[1;35mwarning\x1b[0m: ") {
		t.Fatalf("no colour on a terminal:\n%q", coloured)
	}
	t.Setenv("NO_COLOR", "1")
	_, plain, _ := run(t, "check", broken)
	if plain != piped {
		t.Fatalf("NO_COLOR: the output is not the plain one:\n%q", plain)
	}
}

// TestProgress: on a terminal a build shows its stage on one line, redrawn and cleared at the
// end; in a pipe, with --quiet or with --json, nothing.
func TestProgress(t *testing.T) {
	t.Setenv("TERM", "xterm")
	starter := filepath.Join(repo, "book", "starter", "book")
	out := t.TempDir()
	if _, _, stderr := run(t, "build", starter, "--out", out); strings.Contains(stderr, "\r") {
		t.Fatalf("progress shown in a pipe: %q", stderr)
	}
	fakeTerminal(t)
	_, _, stderr := run(t, "build", starter, "--out", out)
	if !strings.Contains(stderr, "\r\x1b[Kbindery: ") || !strings.HasSuffix(stderr, "\r\x1b[K") {
		t.Fatalf("no progress display, or not cleared: %q", stderr)
	}
	for _, flag := range []string{"--quiet", "--json"} {
		if _, _, stderr := run(t, "build", starter, "--out", out, flag); strings.Contains(stderr, "\r") {
			t.Errorf("progress shown with %s: %q", flag, stderr)
		}
	}
}
