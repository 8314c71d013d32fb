package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cpuguy83/go-md2man/v2/md2man"
	urfave "github.com/urfave/cli/v2"
)

// TestManPage fails when docs/bindery.1, the manual page make dist ships, no longer matches
// the command definitions. Refresh with: go test ./internal/cli -run TestManPage -update
func TestManPage(t *testing.T) {
	got := manPage()
	path := filepath.Join(repo, "docs", "bindery.1")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("%s is stale: refresh it with go test ./internal/cli -run TestManPage -update and review the diff", path)
	}
	for _, s := range []string{".TH BINDERY 1", ".SH EXIT STATUS", `\fB\-\-format\fP \fIVALUE\fP, \fB\-f\fP \fIVALUE\fP`, ".SS bindery completion bash|zsh|fish"} {
		if !strings.Contains(got, s) {
			t.Errorf("the manual page has no %q", s)
		}
	}
}

// manPage writes the manual page: the commands and their options from their definitions (as
// urfave/cli's ToMan does, with each command's arguments and description too), then what a
// manual page has beside (exit status, environment, files), through go-md2man.
func manPage() string {
	app := newApp(nil, io.Discard, io.Discard)
	var b strings.Builder
	fmt.Fprintf(&b, "%% BINDERY 1\n\n# NAME\n\nbindery - %s\n\n", app.Usage)
	b.WriteString("# SYNOPSIS\n\n**bindery** [*command*] [*options*] [*DIR*]\n\n")
	b.WriteString("# DESCRIPTION\n\n")
	b.WriteString("**bindery** turns a Markdown manuscript and its **book.yaml** (or an mdBook project) into an EPUB 3 " +
		"and a paginated print PDF, offline. With no command it builds, with the options of **bindery build**. " +
		"Options may come before or after *DIR*.\n\n")
	b.WriteString("Start a book with **bindery init mybook**; then, in *mybook*, **bindery build** or **bindery watch**.\n\n")
	manFlags(&b, app.Flags)
	b.WriteString("# COMMANDS\n\n")
	for _, cmd := range app.Commands {
		if cmd.Hidden {
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n%s.\n\n", strings.TrimSpace("bindery "+cmd.Name+" "+cmd.ArgsUsage), upperFirst(cmd.Usage))
		if cmd.Description != "" {
			fmt.Fprintf(&b, "%s\n\n", cmd.Description)
		}
		manFlags(&b, cmd.Flags)
	}
	b.WriteString(`# EXIT STATUS

0 on success; 1 when the book has errors or cannot be written; 2 for a mistake on the command line; 130 when interrupted.

# ENVIRONMENT

**SOURCE_DATE_EPOCH**
: The time recorded in the outputs, in seconds since 1970 (reproducible builds); else the book's date.

**NO_COLOR**
: Set to anything, no colour in diagnostics. Nor with **TERM=dumb**, nor when the output is not a terminal.

**GOGC**, **GOMEMLIMIT**
: The Go runtime's collector settings; when they are not set, bindery runs GOGC 100, 400 once the live heap passes 64 MB (400 from the start where Linux gives its heap transparent huge pages), under a soft limit of 400 MiB or 4/3 of the live heap, whichever is more.

# FILES

**book.yaml**
: A book's settings: title, author, chapters in reading order, the glossary, chronology and index files.

**book.toml**, **src/SUMMARY.md**
: An mdBook project, built as it is when the folder has no book.yaml.

**out/**
: Where the outputs go by default, named after the title (*out/my-novel.epub*, *out/my-novel.pdf*).

# EXAMPLES

    bindery init mybook && cd mybook
    bindery build --format epub
    bindery build --impose booklet
    bindery check --json

# SEE ALSO

The README shipped with bindery, and docs/cli.md in its source.
`)
	return dashes(string(md2man.Render([]byte(b.String()))))
}

// manFlags lists options as a definition list: names, then what they do.
func manFlags(b *strings.Builder, list []urfave.Flag) {
	if len(list) == 0 {
		return
	}
	b.WriteString("Options:\n\n")
	for _, f := range list {
		df := f.(urfave.DocGenerationFlag)
		var names []string
		for _, n := range f.Names() {
			name := "**" + dashed(n) + "**"
			if df.TakesValue() {
				name += " *VALUE*"
			}
			names = append(names, name)
		}
		usage := df.GetUsage()
		if v := df.GetValue(); df.TakesValue() && v != "" {
			usage += fmt.Sprintf(" (default: %s)", v)
		}
		fmt.Fprintf(b, "%s\n: %s\n\n", strings.Join(names, ", "), upperFirst(usage))
	}
}

// optionDash is a hyphen that begins an option (--format, -f): roff prints a bare "-" as a
// hyphen, which cannot be copied into a shell, so it is written "\-".
var optionDash = regexp.MustCompile(`(^|[\s\[(|>]|\\f[BIR])(--?)([a-z])`)

func dashes(roff string) string {
	lines := strings.Split(roff, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") && !strings.HasPrefix(l, ".SS") && !strings.HasPrefix(l, ".TP") {
			continue
		}
		lines[i] = optionDash.ReplaceAllStringFunc(l, func(m string) string {
			return strings.ReplaceAll(m, "-", `\-`)
		})
	}
	return strings.Join(lines, "\n")
}
