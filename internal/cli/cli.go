// Package cli is bindery's command line: the commands (cmd_*.go, one file each), the book's
// folder and options they share (this file), what they print (terminal.go) and the "did you
// mean" of a mistyped word (suggest.go). The root's main.go calls Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/pipeline"
	"bindery/book/serve"
	"bindery/internal/hugeheap"

	urfave "github.com/urfave/cli/v2"
)

// defaultBookDir is the default book in bindery's repository, built when no folder is given
// and the current folder has no book.yaml.
const defaultBookDir = "manuscript"

// watching is set while `bindery watch` or `bindery serve` runs: Ctrl-C then stops the watch (exit status 0)
// instead of interrupting a build.
var watching atomic.Bool

// Main is the bindery command: it runs the command line of the process and exits with its
// status.
func Main() {
	// version builds no book: it skips the collector's tuning, the signal handler and the app.
	if versionOnly(os.Args) {
		os.Exit(Run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr))
	}
	tuneGC(hugeheap.Active())
	ctx, cancel := context.WithCancel(context.Background())
	// Interrupted (Ctrl-C, kill): remove half-written outputs; earlier outputs stay as they were.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		pipeline.RemoveTemporaryFiles()
		if watching.Load() {
			cancel() // the watch loop returns and main exits 0; a second Ctrl-C exits at once
			sig = <-signals
		}
		fmt.Fprintf(os.Stderr, "\nbindery: %v: stopped; no output was left half-written\n", sig)
		os.Exit(130)
	}()
	os.Exit(Run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// Run runs the command line args (args[0] is the name bindery was run under) with the given
// standard streams and returns the exit status. Cancelling ctx stops bindery watch. Runs in
// one process take turns (runMu, in urfave.go).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if versionOnly(args) {
		// Building the app (its flags' names matched by urfave/cli's expressions) was most of
		// what bindery version did of its own.
		return exitCode(runVersion(stdout))
	}
	app := newApp(stdin, stdout, stderr)
	// Shell completion asks with --generate-bash-completion after the words typed so far.
	if n := len(args); n > 0 && args[n-1] == completionFlag {
		complete(app, args[1:n-1], stdout)
		return 0
	}
	// Named mdbook-bindery (a link or a copy), bindery is mdBook's renderer.
	if len(args) > 0 && isRenderer(args[0]) {
		args = append([]string{args[0], "mdbook"}, args[1:]...)
	}
	return exitCode(runApp(ctx, app, args))
}

// versionOnly tells `bindery version`, with nothing after it, from every other command line.
func versionOnly(args []string) bool {
	return len(args) == 2 && args[1] == "version" && !isRenderer(args[0])
}

// exitCode maps an error from the app to the process exit status: 0 for success, 2 for a
// usage mistake, 1 for anything else.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ec urfave.ExitCoder
	if errors.As(err, &ec) && ec.ExitCode() != 0 {
		return ec.ExitCode()
	}
	return 1
}

// flags are the options more than one command takes; a new set for each app, since
// urfave/cli keeps state in them.
type flags struct {
	format, out, impose, bleed                         *urfave.StringFlag
	timings, quiet, json, marks, cover, draft, draftOn *urfave.BoolFlag
	noPageList, clean, cache                           *urfave.BoolFlag
	signature                                          *urfave.IntFlag
}

func newFlags() *flags {
	f := &flags{}
	f.format = &urfave.StringFlag{
		Name: "format", Aliases: []string{"f"}, Value: "epub,pdf",
		Usage: "comma-separated output formats: epub, pdf",
	}
	f.out = &urfave.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "folder to write the outputs to"}
	f.timings = &urfave.BoolFlag{Name: "timings", Usage: "print how long each stage of the build took"}
	f.impose = &urfave.StringFlag{
		Name:  "impose",
		Usage: "also write a booklet PDF for duplex printing and saddle stitching: 'booklet' (two pages per sheet side, e.g. A5 on A4) or a sheet size (A4, A3, Letter, Tabloid)",
	}
	f.quiet = &urfave.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only"}
	f.json = &urfave.BoolFlag{Name: "json", Usage: "print the diagnostics as one JSON array on stdout (file, line, column, severity, message) and nothing else"}
	f.bleed = &urfave.StringFlag{Name: "bleed", Usage: "print beyond the trim by this much on every side, for a print shop (e.g. 3mm; default: print: bleed: in book.yaml)"}
	f.marks = &urfave.BoolFlag{Name: "marks", Usage: "add crop and registration marks around each page (and fold and trim marks on a booklet's sheets)"}
	f.cover = &urfave.BoolFlag{Name: "cover-pdf", Usage: "also write NAME-cover.pdf: back, spine and front on one sheet, the spine as wide as the pages are thick (print: paper: caliper:)"}
	f.signature = &urfave.IntFlag{Name: "signature", Usage: "sheets per signature of an imposed booklet (default: one signature up to 10 sheets, else signatures of about 8)"}
	draftUsage := "build despite dangling references (printed ??) and unused entries (left out), reported as warnings: " +
		"the outputs are NAME.draft.epub and NAME.draft.pdf, each PDF page marked DRAFT"
	f.draft = &urfave.BoolFlag{Name: "draft", Usage: draftUsage}
	// watch and serve show the book while it is written: a draft by default.
	f.draftOn = &urfave.BoolFlag{Name: "draft", Value: true, Usage: draftUsage + " (--draft=false: stop at them)"}
	f.noPageList = &urfave.BoolFlag{Name: "no-page-list", Usage: "leave the print edition's page numbers out of the EPUB (as page_list: false in book.yaml): an EPUB alone is then made without the print layout"}
	f.clean = &urfave.BoolFlag{Name: "clean", Usage: "remove the outputs an earlier build of this book wrote in the output folder under another name " +
		"(an old title, a draft of the finished book), as its manifest " + pipeline.ManifestName + " lists them"}
	f.cache = cacheFlag()
	return f
}

// build are the flags of build (and of bindery with no command).
func (f *flags) build() []urfave.Flag {
	return []urfave.Flag{f.format, f.out, f.impose, f.signature, f.bleed, f.marks, f.cover, f.noPageList, f.draft, f.clean, f.cache, f.timings, f.quiet, f.json}
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *urfave.App {
	f := newFlags()
	app := &urfave.App{
		Name:      "bindery",
		Usage:     "build an EPUB and a print PDF from a Markdown manuscript",
		UsageText: "bindery [command] [options] [DIR]\n\nStart a book: bindery init mybook; then in mybook: bindery build, bindery watch, or bindery serve.",
		Version:   version(),
		Writer:    stdout,
		ErrWriter: stderr,
		Commands:  commands(f, stdin, stdout, stderr),
		Flags:     f.build(),
		// With no command, build: the book in the current folder, or the default book.
		Action: func(c *urfave.Context) error {
			switch {
			case c.Args().First() == "help":
				return helpCommand(c)
			case c.Args().Present():
				return notACommand(c, c.Args().First())
			}
			return runBuild(c, stdout, stderr)
		},
	}
	return adapt(app, stderr)
}

// commands are bindery's commands, in the order help lists them.
func commands(f *flags, stdin io.Reader, stdout, stderr io.Writer) []*urfave.Command {
	return []*urfave.Command{
		{
			Name:      "init",
			Usage:     "start a new book in DIR (default: the current folder) from a small starter book",
			ArgsUsage: "[DIR]",
			Description: "Writes book.yaml, two short chapters, a glossary, a chronology and an index that show\n" +
				"every part of the manuscript syntax, with comments. Never overwrites a file.",
			Flags: []urfave.Flag{
				&urfave.BoolFlag{Name: "from-default", Usage: "write the full default book (the pamphlet in bindery's repository) instead"},
				&urfave.StringFlag{Name: "language", Usage: "write the starter book in this language: en (the default) or es"},
				&urfave.BoolFlag{Name: "from-mdbook", Usage: "write a book.yaml for the mdBook project in DIR (beside its book.toml), saying what book.toml and SUMMARY.md say"},
			},
			Action: func(c *urfave.Context) error { return runInit(c, stdout, stderr) },
		},
		{
			Name:      "build",
			Usage:     "build the EPUB and the PDF of the book in DIR (default: the current folder)",
			ArgsUsage: "[DIR]",
			Description: "DIR holds a book.yaml, or an mdBook project (book.toml and src/SUMMARY.md). Without DIR:\n" +
				"the current folder, if it has either; else, in bindery's repository, the default book in\n" +
				"manuscript/.",
			Flags:  f.build(),
			Action: func(c *urfave.Context) error { return runBuild(c, stdout, stderr) },
		},
		{
			Name:      "check",
			Usage:     "check the book in DIR and report every problem, writing nothing",
			ArgsUsage: "[DIR]",
			Flags:     []urfave.Flag{f.quiet, f.json},
			Action:    func(c *urfave.Context) error { return runCheck(c, stdout, stderr) },
		},
		{
			Name:      "watch",
			Usage:     "build the book in DIR, then rebuild it every time one of its files changes",
			ArgsUsage: "[DIR]",
			Description: "Prints one line per build, with its time and its diagnostics. A failed rebuild writes\n" +
				"nothing: the outputs of the last good build stay in place. Ctrl-C stops.",
			Flags:  []urfave.Flag{f.format, f.out, f.impose, f.draftOn, f.clean, f.cache, f.quiet},
			Action: func(c *urfave.Context) error { return runWatch(c, stdout, stderr) },
		},
		{
			Name:      "serve",
			Usage:     "build the book in DIR and show it in the browser, reloading the page after every change",
			ArgsUsage: "[DIR]",
			Description: "Serves the EPUB's pages, with a contents sidebar and the PDF beside them, at\n" +
				"http://127.0.0.1:3000/ and rebuilds like watch. Every open page reloads after each rebuild;\n" +
				"a failed rebuild shows its diagnostics at the top of the page, above the last good book.\n" +
				"Only this computer can connect unless --host says otherwise. Ctrl-C stops.",
			Flags: []urfave.Flag{
				&urfave.StringFlag{Name: "host", Value: serve.DefaultHost, Usage: "address to listen on; another than a loopback address lets other computers read the book"},
				&urfave.IntFlag{Name: "port", Aliases: []string{"p"}, Value: serve.DefaultPort, Usage: "port to listen on (0: a free one)"},
				&urfave.BoolFlag{Name: "open", Usage: "open the book in the browser once it is built"},
				f.format, f.out, f.draftOn, f.clean, f.cache, f.quiet,
			},
			Action: func(c *urfave.Context) error { return runServe(c, stdout, stderr) },
		},
		{
			Name:      "stats",
			Usage:     "count the words, pages and reference entries of the book in DIR",
			ArgsUsage: "[DIR]",
			Flags:     []urfave.Flag{&urfave.BoolFlag{Name: "json", Usage: "print the figures as a JSON object"}},
			Action:    func(c *urfave.Context) error { return runStats(c, stdout, stderr) },
		},
		{
			Name:  "mdbook",
			Usage: "be mdBook's renderer: read the book mdBook gives on standard input, write the EPUB and the PDF where it says",
			Description: "mdBook runs this for an [output.bindery] table in book.toml: its command is mdbook-bindery\n" +
				"(bindery answers to that name: a link or a copy of it so named, on the PATH), or\n" +
				"command = \"bindery mdbook\". The book is mdBook's, after its preprocessors; the outputs go to\n" +
				"mdBook's folder for this output (book/bindery/, or book/ alone). Options in [output.bindery]:\n" +
				"formats = [\"epub\", \"pdf\"], impose, trim, font, date, identifier and the like (see the README).",
			Flags:  []urfave.Flag{f.quiet},
			Action: func(c *urfave.Context) error { return runRenderer(c, stdin, stdout, stderr) },
		},
		{
			Name:   "version",
			Usage:  "print bindery's version, the Go version and the versions of its dependencies",
			Action: func(c *urfave.Context) error { return runVersion(stdout) },
		},
		{
			Name:      "completion",
			Usage:     "print a shell completion script: bash, zsh or fish",
			ArgsUsage: "bash|zsh|fish",
			Description: "- bash: `source <(bindery completion bash)`, or save it as ~/.local/share/bash-completion/completions/bindery\n" +
				"- zsh: `source <(bindery completion zsh)`\n" +
				"- fish: `bindery completion fish > ~/.config/fish/completions/bindery.fish`",
			Action: func(c *urfave.Context) error { return runCompletion(c, stdout) },
		},
	}
}

// notACommand answers "bindery WORD" (or "bindery help WORD") where WORD is not a command: a
// folder given without "build", or a typo.
func notACommand(c *urfave.Context, word string) error {
	if hasBook(word) {
		return urfave.Exit(fmt.Sprintf("%q is a book's folder, not a command: to build it, bindery build %s", word, word), 2)
	}
	if s := diag.Suggest(word, commandNames(c.App)); s != "" {
		return urfave.Exit(fmt.Sprintf("unknown command %q: did you mean %s? (see bindery --help)", word, s), 2)
	}
	return urfave.Exit(fmt.Sprintf("unknown command %q (commands: %s; see bindery --help)", word, strings.Join(commandNames(c.App), ", ")), 2)
}

func commandNames(app *urfave.App) []string {
	var names []string
	for _, cmd := range app.Commands {
		if !cmd.Hidden {
			names = append(names, cmd.Name)
		}
	}
	return names
}

// usageError reports a mistake in the command line in one line, with exit status 2, and
// suggests the flag that was probably meant.
func usageError(c *urfave.Context, err error, _ bool) error {
	help := "bindery --help"
	if name := runningCommand(c); name != "" {
		help = "bindery " + name + " --help"
	}
	msg := err.Error()
	if name, ok := undefinedFlag(err); ok {
		msg = fmt.Sprintf("unknown flag %s", dashed(name))
		var flags []urfave.Flag
		if c.Command != nil {
			flags = c.Command.Flags
		}
		if s := diag.Suggest(name, flagNames(flags)); s != "" {
			msg += fmt.Sprintf(": did you mean %s?", dashed(s))
		} else if others := commandsWithFlag(c.App, name); len(others) > 0 {
			verb := "has"
			if len(others) > 1 {
				verb = "have"
			}
			msg = fmt.Sprintf("%s has no flag %s (%s %s it)", commandName(c), dashed(name), andList(others), verb)
		}
	}
	return urfave.Exit(fmt.Sprintf("%s (see %s)", msg, help), 2)
}

// andList is "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func flagNames(flags []urfave.Flag) []string {
	names := []string{"help"}
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	return names
}

func commandsWithFlag(app *urfave.App, name string) []string {
	var out []string
	for _, cmd := range app.Commands {
		for _, n := range flagNames(cmd.Flags) {
			if n == name && n != "help" {
				out = append(out, cmd.Name)
			}
		}
	}
	return out
}

// dashed writes a flag name as typed: -f, --format.
func dashed(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// hasBook reports whether dir holds a book: a book.yaml, or an mdBook project's book.toml.
func hasBook(dir string) bool { return pipeline.HasBook(dir) }

// bookDir is the book's folder: the argument, or without one the current folder if it holds a
// book (book.yaml, or mdBook's book.toml), else the default book of bindery's repository.
// Outside the repository, with no book, the answer is a message that suggests bindery init:
// building the embedded default book there would write a stranger's pamphlet into the user's
// folder.
func bookDir(c *urfave.Context) (string, error) {
	switch c.NArg() {
	case 0:
		if hasBook(".") {
			return ".", nil
		}
		if hasBook(defaultBookDir) {
			return defaultBookDir, nil
		}
		here, _ := os.Getwd()
		return "", hintedExit{msg: fmt.Sprintf("no book.yaml (nor an mdBook project's book.toml) in this folder (%s).", here), code: 1, hints: []string{
			"To start a book here:      bindery init",
			"To build a book elsewhere: bindery " + commandName(c) + " DIR"}}
	case 1:
		dir := c.Args().First()
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return "", urfave.Exit(fmt.Sprintf("%s: no such folder (to start a book there: bindery init %s)", dir, dir), 1)
		}
		if !hasBook(dir) {
			return "", urfave.Exit(fmt.Sprintf("%s: no book.yaml here (nor an mdBook project's book.toml); a book's folder needs one (to start a book there: bindery init %s)",
				filepath.Join(dir, config.FileName), dir), 1)
		}
		return dir, nil
	}
	return "", urfave.Exit(fmt.Sprintf("expected at most one book folder, got %d arguments (see bindery %s --help)", c.NArg(), commandName(c)), 2)
}

// commandName is the running command's name, "build" for the root action.
func commandName(c *urfave.Context) string {
	if name := runningCommand(c); name != "" {
		return name
	}
	return "build"
}

func parseFormats(s string) ([]pipeline.Format, error) {
	var out []pipeline.Format
	seen := map[pipeline.Format]bool{}
	for _, part := range strings.Split(s, ",") {
		f := pipeline.Format(strings.ToLower(strings.TrimSpace(part)))
		if f == "" || seen[f] {
			continue
		}
		known := false
		for _, k := range pipeline.Formats {
			known = known || k == f
		}
		if !known {
			return nil, fmt.Errorf("unknown format %q (known: epub, pdf)", f)
		}
		seen[f] = true
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, errors.New("--format needs at least one of: epub, pdf")
	}
	return out, nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the reproducible-builds convention for the time to
// record in outputs.
func sourceDateEpoch() (*time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	t := time.Unix(n, 0).UTC()
	return &t, nil
}

// buildOptions reads the flags shared by build and watch.
func buildOptions(c *urfave.Context, dir string) (pipeline.Options, error) {
	formats, err := parseFormats(c.String("format"))
	if err != nil {
		return pipeline.Options{}, urfave.Exit(err.Error(), 2)
	}
	// --impose is checked here, so that its mistakes are the command line's (exit 2).
	if impose := c.String("impose"); impose != "" {
		if !slices.Contains(formats, pipeline.PDF) {
			return pipeline.Options{}, urfave.Exit("--impose makes a booklet from the PDF: add pdf to --format", 2)
		}
		if _, err := pipeline.BookletSheet(impose, 1, 1); err != nil {
			msg := err.Error()
			if s := diag.Suggest(impose, []string{"booklet", "A4", "A3", "Letter", "Tabloid"}); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			return pipeline.Options{}, urfave.Exit(msg, 2)
		}
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return pipeline.Options{}, urfave.Exit(err.Error(), 2)
	}
	opt := pipeline.Options{
		Dir: dir, OutDir: c.String("out"), Formats: formats, Epoch: epoch,
		Impose:     c.String("impose"),
		Draft:      c.Bool("draft"),
		Clean:      c.Bool("clean"),
		Generator:  "bindery " + version(),
		NoPageList: c.Bool("no-page-list"),
		Marks:      c.Bool("marks"), Cover: c.Bool("cover-pdf"), Signature: c.Int("signature"),
	}
	if s := c.String("bleed"); s != "" {
		bleed, err := config.ParseLength(s)
		if err != nil || bleed < 0 || bleed > 20*72/25.4 {
			return opt, urfave.Exit(fmt.Sprintf("--bleed %s: a length from 0 to 20mm, e.g. 3mm", s), 2)
		}
		opt.Bleed = &bleed
	}
	if opt.Signature != 0 && opt.Impose == "" {
		return opt, urfave.Exit("--signature needs --impose (booklet, or a sheet size)", 2)
	}
	if opt.Signature < 0 || opt.Signature > 64 {
		return opt, urfave.Exit(fmt.Sprintf("--signature %d: sheets per signature, from 1 to 64", opt.Signature), 2)
	}
	return opt, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
