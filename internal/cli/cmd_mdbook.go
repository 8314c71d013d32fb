package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"bindery/book/diag"
	"bindery/book/mdbook"
	"bindery/book/pipeline"

	urfave "github.com/urfave/cli/v2"
)

// isRenderer reports whether bindery was run under the name mdBook gives the renderer of
// [output.bindery]: mdbook-bindery.
func isRenderer(arg0 string) bool {
	return strings.TrimSuffix(filepath.Base(arg0), ".exe") == mdbook.RendererName
}

// runRenderer is `bindery mdbook` (and `mdbook-bindery`): mdBook's renderer protocol. mdBook
// writes the render context to standard input and runs the renderer in the destination
// folder; the outputs are written there.
func runRenderer(c *urfave.Context, stdin io.Reader, stdout, stderr io.Writer) error {
	if c.NArg() > 0 {
		return urfave.Exit(fmt.Sprintf("bindery mdbook takes no arguments: mdBook gives it the book on standard input (to build a folder: bindery build %s)", c.Args().First()), 2)
	}
	if f, ok := stdin.(*os.File); ok && isTerminal(f) {
		return urfave.Exit("bindery mdbook is run by mdBook, which writes the book to its standard input: add [output.bindery] to book.toml and run mdbook build (or build the folder yourself: bindery build DIR)", 2)
	}
	quiet := c.Bool("quiet")
	ctx, err := mdbook.ReadContext(stdin)
	if err != nil {
		return urfave.Exit(err.Error(), 1)
	}
	cfg, list, err := ctx.Load()
	if err != nil {
		printDiagnostics(stderr, list, quiet)
		return urfave.Exit("the book has errors (above); nothing was written", 1)
	}
	opt, _ := ctx.Options() // its problems are Load's
	formats := "epub,pdf"
	if len(opt.Formats) > 0 {
		formats = strings.Join(opt.Formats, ",")
	}
	fs, err := parseFormats(formats)
	if err != nil {
		return urfave.Exit("[output.bindery] formats: "+err.Error(), 1)
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return urfave.Exit(err.Error(), 2)
	}
	res, err := pipeline.Build(pipeline.Options{
		Config: cfg, Dir: ctx.Root, OutDir: ctx.Destination, Formats: fs, Epoch: epoch,
		Impose: opt.Impose, Generator: "bindery " + version() + " (mdBook " + ctx.Version + ")",
		NoManifest: true, // the folder is mdBook's: no file of ours in it
	})
	if res != nil {
		list = append(list, res.Diagnostics...)
	}
	list = list.Dedupe()
	list.Sort()
	printDiagnostics(stderr, list, quiet)
	if err != nil {
		if _, ok := diag.AsList(err); ok {
			errs, _ := count(list)
			return urfave.Exit(fmt.Sprintf("the book has %d %s (above); nothing was written", errs, plural(errs, "error")), 1)
		}
		return urfave.Exit(err.Error(), 1)
	}
	if !quiet {
		for _, out := range res.Outputs {
			fmt.Fprintf(stdout, "bindery: wrote %s\n", out)
		}
	}
	return nil
}
