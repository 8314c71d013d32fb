// Command bindery builds a book — an EPUB for e-readers and a print PDF — from a Markdown
// manuscript and its book.yaml. With no arguments it builds the default book in manuscript/.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"bindery/book/build"
	"bindery/book/diag"

	"github.com/urfave/cli/v2"
)

// defaultBookDir is the bundled default book, built when no folder is given.
const defaultBookDir = "manuscript"

func main() {
	// A build is short-lived and allocates a lot: collect garbage less often, within a bound.
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(1 << 30)
	app := newApp(os.Stdout, os.Stderr)
	// Interrupted (Ctrl-C, kill): remove half-written outputs; earlier outputs stay as they were.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		build.RemoveTemporaryFiles()
		fmt.Fprintf(os.Stderr, "bindery: %v: stopped; no output was left half-written\n", sig)
		os.Exit(130)
	}()
	os.Exit(exitCode(app.Run(interspersed(app, os.Args))))
}

// exitCode maps an error from the app to the process exit status: 0 for success, 2 for a
// usage mistake, 1 for anything else.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) && ec.ExitCode() != 0 {
		return ec.ExitCode()
	}
	return 1
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newApp(stdout, stderr io.Writer) *cli.App {
	formatFlag := &cli.StringFlag{
		Name: "format", Aliases: []string{"f"}, Value: "epub,pdf",
		Usage: "comma-separated output formats: epub, pdf",
	}
	outFlag := &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "folder to write the outputs to"}
	timingsFlag := &cli.BoolFlag{Name: "timings", Usage: "print how long each stage of the build took"}
	imposeFlag := &cli.StringFlag{
		Name:  "impose",
		Usage: "also write a booklet PDF for duplex printing and saddle stitching: 'booklet' (two pages per sheet side, e.g. A5 on A4) or a sheet size (A4, A3, Letter, Tabloid)",
	}
	buildCmd := &cli.Command{
		Name:      "build",
		Usage:     "build the book in DIR (default: the bundled book in manuscript/)",
		ArgsUsage: "[DIR]",
		Flags:     []cli.Flag{formatFlag, outFlag, imposeFlag, timingsFlag},
		Action:    func(c *cli.Context) error { return runBuild(c, stdout, stderr) },
	}
	checkCmd := &cli.Command{
		Name:      "check",
		Usage:     "check the book in DIR and report every problem, writing nothing",
		ArgsUsage: "[DIR]",
		Action:    func(c *cli.Context) error { return runCheck(c, stdout, stderr) },
	}
	app := &cli.App{
		Name:      "bindery",
		Usage:     "build an EPUB and a print PDF from a Markdown manuscript",
		Version:   version(),
		Writer:    stdout,
		ErrWriter: stderr,
		Commands:  []*cli.Command{buildCmd, checkCmd},
		Flags:     []cli.Flag{formatFlag, outFlag, imposeFlag, timingsFlag},
		// With no command, build the default book.
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				fmt.Fprintf(stderr, "bindery: unknown command %q (commands: build, check; see bindery --help)\n", c.Args().First())
				return cli.Exit("", 2)
			}
			return runBuild(c, stdout, stderr)
		},
		HideHelpCommand: false,
		ExitErrHandler: func(c *cli.Context, err error) {
			if err == nil {
				return
			}
			if msg := err.Error(); msg != "" {
				fmt.Fprintf(stderr, "bindery: %s\n", msg)
			}
		},
		OnUsageError: usageError,
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = usageError
	}
	return app
}

// usageError reports a mistake in the command line in one line, with exit status 2.
func usageError(c *cli.Context, err error, _ bool) error {
	help := "bindery --help"
	if c.Command != nil && c.Command.Name != "" {
		help = "bindery " + c.Command.Name + " --help"
	}
	return cli.Exit(fmt.Sprintf("%v (see %s)", err, help), 2)
}

func bookDir(c *cli.Context) (string, error) {
	switch c.NArg() {
	case 0:
		return defaultBookDir, nil
	case 1:
		return c.Args().First(), nil
	}
	return "", cli.Exit(fmt.Sprintf("expected at most one book folder, got %d arguments", c.NArg()), 2)
}

func parseFormats(s string) ([]build.Format, error) {
	var out []build.Format
	seen := map[build.Format]bool{}
	for _, part := range strings.Split(s, ",") {
		f := build.Format(strings.ToLower(strings.TrimSpace(part)))
		if f == "" || seen[f] {
			continue
		}
		known := false
		for _, k := range build.Formats {
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

func printDiagnostics(w io.Writer, list diag.List) {
	for _, d := range list {
		fmt.Fprintln(w, d.String())
	}
}

// printWithSource prints diagnostics as a compiler does: the message, the source line, and a
// caret under the column.
func printWithSource(w io.Writer, list diag.List) {
	files := map[string][]string{}
	for _, d := range list {
		fmt.Fprintln(w, d.String())
		if d.Pos.File == "" || d.Pos.Line <= 0 {
			continue
		}
		lines, ok := files[d.Pos.File]
		if !ok {
			data, err := os.ReadFile(d.Pos.File)
			if err == nil {
				lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
			}
			files[d.Pos.File] = lines
		}
		if d.Pos.Line > len(lines) {
			continue
		}
		line := []rune(strings.TrimPrefix(lines[d.Pos.Line-1], "\ufeff"))
		// Long lines (a paragraph is one line) are shown around the column.
		from, col := 0, max(d.Pos.Col-1, 0)
		if col > 60 {
			from = col - 40
		}
		to := min(len(line), from+100)
		if col > len(line) {
			col = len(line)
		}
		prefix := "    "
		shown := string(line[min(from, len(line)):to])
		if from > 0 {
			shown = "…" + shown
			prefix += " "
		}
		fmt.Fprintf(w, "%s%s\n", prefix[:4], shown)
		pad := []rune{}
		for _, r := range line[min(from, len(line)):min(col, len(line))] {
			if r == '\t' {
				pad = append(pad, '\t')
			} else {
				pad = append(pad, ' ')
			}
		}
		fmt.Fprintf(w, "%s%s^\n", prefix, string(pad))
	}
}

func runBuild(c *cli.Context, stdout, stderr io.Writer) error {
	dir, err := bookDir(c)
	if err != nil {
		return err
	}
	formats, err := parseFormats(c.String("format"))
	if err != nil {
		return cli.Exit(err.Error(), 2)
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return cli.Exit(err.Error(), 2)
	}
	start := time.Now()
	res, err := build.Build(build.Options{
		Dir: dir, OutDir: c.String("out"), Formats: formats, Epoch: epoch,
		Impose:    c.String("impose"),
		Generator: "bindery " + version(),
	})
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics)
	}
	if err != nil {
		if _, ok := diag.AsList(err); ok {
			return cli.Exit(fmt.Sprintf("%s: the book has errors; nothing was written", dir), 1)
		}
		return cli.Exit(err.Error(), 1)
	}
	for _, out := range res.Outputs {
		fmt.Fprintf(stdout, "wrote %s\n", out)
	}
	if c.Bool("timings") {
		for _, t := range res.Timings {
			fmt.Fprintf(stdout, "  %-22s %6.1f ms\n", t.Stage, float64(t.Duration.Microseconds())/1000)
		}
	}
	fmt.Fprintf(stdout, "built %q in %d ms\n", res.Book.Meta.Title, time.Since(start).Milliseconds())
	return nil
}

func runCheck(c *cli.Context, stdout, stderr io.Writer) error {
	dir, err := bookDir(c)
	if err != nil {
		return err
	}
	list, err := build.Check(dir)
	printWithSource(stdout, list)
	errs, warns := 0, 0
	for _, d := range list {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	if err != nil && errs == 0 {
		return cli.Exit(err.Error(), 1)
	}
	fmt.Fprintf(stdout, "%s: %d %s, %d %s\n", dir, errs, plural(errs, "error"), warns, plural(warns, "warning"))
	if errs > 0 {
		return cli.Exit("", 1)
	}
	return nil
}

// interspersed moves a command's flags in front of its arguments, so that
// "bindery build DIR --out x" works like "bindery build --out x DIR" (urfave/cli v2 stops
// reading flags at the first argument).
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	flags := app.Flags
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		if cmd := app.Command(rest[0]); cmd != nil {
			out = append(out, rest[0])
			rest = rest[1:]
			flags = cmd.Flags
		}
	}
	takesValue := map[string]bool{}
	for _, f := range flags {
		if _, isBool := f.(*cli.BoolFlag); isBool {
			continue
		}
		for _, n := range f.Names() {
			takesValue[n] = true
		}
	}
	var opts, pos []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			pos = append(pos, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(a, "-") && a != "-":
			opts = append(opts, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				i++
				opts = append(opts, rest[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	out = append(out, opts...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
