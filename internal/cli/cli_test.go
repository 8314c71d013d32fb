package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	urfave "github.com/urfave/cli/v2"
)

// repo is the repository's root, where the books these tests build are (the end-to-end tests
// in internal/e2e run from there).
var repo = filepath.Join("..", "..")

var update = flag.Bool("update", false, "rewrite golden files")

// run runs the CLI in-process and returns its exit status and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), append([]string{"bindery"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestCLIDocs fails when docs/cli.md no longer matches the command definitions.
// Refresh with: go test ./internal/cli -run TestCLIDocs -update
func TestCLIDocs(t *testing.T) {
	got := cliMarkdown(t)
	path := filepath.Join(repo, "docs", "cli.md")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("%s is stale: refresh it with go test ./internal/cli -run TestCLIDocs -update and review the diff", path)
	}
}

// cliMarkdown documents the commands from their definitions: usage, description and flags.
func cliMarkdown(t *testing.T) string {
	app := newApp(nil, io.Discard, io.Discard)
	var b strings.Builder
	b.WriteString("<!-- Generated from the command definitions in internal/cli/cli.go by `go test ./internal/cli -run TestCLIDocs -update`; do not edit. -->\n\n")
	b.WriteString("# The bindery command line\n\n")
	fmt.Fprintf(&b, "bindery: %s.\n\n```\n%s\n```\n\n", app.Usage, app.UsageText)
	b.WriteString("With no command, `bindery` builds, with the options of `bindery build`.\n\n")
	b.WriteString("Exit status: 0 on success, 1 when the book has errors or cannot be written, 2 for a mistake on the command line.\n")
	flags := func(list []urfave.Flag) {
		if len(list) == 0 {
			return
		}
		b.WriteString("\n| Option | |\n|---|---|\n")
		for _, f := range list {
			df := f.(urfave.DocGenerationFlag)
			var names []string
			for _, n := range f.Names() {
				name := dashed(n)
				if df.TakesValue() {
					name += " VALUE"
				}
				names = append(names, "`"+name+"`")
			}
			usage := df.GetUsage()
			if v := df.GetValue(); df.TakesValue() && v != "" {
				usage += fmt.Sprintf(" (default: `%s`)", v)
			}
			fmt.Fprintf(&b, "| %s | %s |\n", strings.Join(names, ", "), strings.ReplaceAll(usage, "|", "\\|"))
		}
	}
	for _, cmd := range app.Commands {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n", strings.TrimSpace("bindery "+cmd.Name+" "+cmd.ArgsUsage), upperFirst(cmd.Usage))
		if cmd.Description != "" {
			fmt.Fprintf(&b, "\n%s\n", cmd.Description)
		}
		flags(cmd.Flags)
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func TestPrintShopFlagMistakes(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "../../testdata/books/features", "--signature", "4"}, "--signature needs --impose"},
		{[]string{"build", "../../testdata/books/features", "--impose", "booklet", "--signature", "-2"}, "from 1 to 64"},
		{[]string{"build", "../../testdata/books/features", "--bleed", "3"}, "--bleed 3: a length"},
		{[]string{"build", "../../testdata/books/features", "--bleed", "25mm"}, "--bleed 25mm"},
	} {
		code, _, stderr := run(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
