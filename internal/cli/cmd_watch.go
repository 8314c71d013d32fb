package cli

import (
	"fmt"
	"io"

	"bindery/book/diag"
	"bindery/book/watch"

	urfave "github.com/urfave/cli/v2"
)

// runWatch is `bindery watch [DIR]`: it returns when the context is cancelled (Ctrl-C).
func runWatch(c *urfave.Context, stdout, stderr io.Writer) error {
	dir, err := bookDir(c)
	if err != nil {
		return err
	}
	opt, err := buildOptions(c, dir)
	if err != nil {
		return err
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
	err = watch.Run(c.Context, watch.Options{
		Build:   opt,
		Quiet:   c.Bool("quiet"),
		Visible: diag.VisibleFile,
		Diagnostics: func(w io.Writer, list diag.List) {
			for _, d := range withoutNotes(list) {
				fmt.Fprintln(w, "  "+formatDiag(d, colour))
			}
		},
	}, stdout)
	if err != nil {
		return urfave.Exit(err.Error(), 1)
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stdout) // after the ^C the terminal echoed
	}
	fmt.Fprintln(stdout, "stopped watching")
	return nil
}
