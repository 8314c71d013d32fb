package cli

import (
	"fmt"
	"io"
	"slices"

	"bindery/book/diag"
	"bindery/book/pipeline"
	"bindery/book/serve"
	"bindery/book/watch"

	urfave "github.com/urfave/cli/v2"
)

// runServe is `bindery serve [DIR]`: it returns when the context is cancelled (Ctrl-C).
func runServe(c *urfave.Context, stdout, stderr io.Writer) error {
	dir, err := bookDir(c)
	if err != nil {
		return err
	}
	opt, err := buildOptions(c, dir)
	if err != nil {
		return err
	}
	if !slices.Contains(opt.Formats, pipeline.EPUB) {
		return urfave.Exit("--format: the preview shows the EPUB's pages: the formats must include epub", 2)
	}
	port := c.Int("port")
	if port < 0 || port > 65535 {
		return urfave.Exit(fmt.Sprintf("--port %d: a port is a number from 1 to 65535 (0 picks a free one)", port), 2)
	}
	if dc := openCache(c, dir, stderr); dc != nil {
		withCache(&opt, dc, true)
		defer dc.Close()
	} else if removed := cleanCache(c, dir, nil, stderr); removed != "" {
		fmt.Fprintf(stdout, "removed %s\n", diag.VisibleFile(removed))
	}
	watching.Store(true)
	defer watching.Store(false)
	colour := useColour(stdout)
	sopt := serve.Options{
		Watch: watch.Options{
			Build:   opt,
			Quiet:   c.Bool("quiet"),
			Visible: diag.VisibleFile,
			Diagnostics: func(w io.Writer, list diag.List) {
				for _, d := range list {
					fmt.Fprintln(w, "  "+formatDiag(d, colour))
				}
			},
		},
		Host: c.String("host"),
		Port: port,
	}
	if c.Bool("open") {
		sopt.Open = serve.OpenBrowser
	}
	if err := serve.Run(c.Context, sopt, stdout, stderr); err != nil {
		return urfave.Exit(err.Error(), 1)
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stdout) // after the ^C the terminal echoed
	}
	fmt.Fprintln(stdout, "stopped serving")
	return nil
}
