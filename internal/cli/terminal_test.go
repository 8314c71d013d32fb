package cli

import (
	"bytes"
	"strings"
	"testing"

	"bindery/book/diag"
)

// TestVisible (issue 11): what a terminal would act on is shown, not done.
func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text, “quotes” and ünïcödé", "plain text, “quotes” and ünïcödé"},
		{"title \x1b]0;PWNED\x07 end", `title \x1b]0;PWNED\x07 end`},
		{"clear \x1b[2J", `clear \x1b[2J`},
		{"two\nlines\r\tand a tab", `two\nlines\r\tand a tab`},
		{"del \x7f c1 \u0085 \u009b", `del \x7f c1 \u0085 \u009b`},
		{"evil\u202egnp.exe", `evil\u202egnp.exe`},
		{"isolates \u2066x\u2069 marks \u200e\u200f\u061c", `isolates \u2066x\u2069 marks \u200e\u200f\u061c`},
		{"bad byte \xff", `bad byte \xff`},
	} {
		if got := visible(c.in); got != c.want {
			t.Errorf("visible(%q) = %s, want %s", c.in, got, c.want)
		}
		if got := visible(visible(c.in)); got != c.want {
			t.Errorf("visible is not idempotent on %q: %s", c.in, got)
		}
	}
	if got := visibleFile("ch\n\x1b[2Jx.md"); got != `"ch\n\x1b[2Jx.md"` {
		t.Errorf("visibleFile = %s", got)
	}
	if got := visibleFile("chapter one.md"); got != "chapter one.md" {
		t.Errorf("visibleFile = %s", got)
	}
}

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
