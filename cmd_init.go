package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"bindery/book/starter"

	"github.com/urfave/cli/v2"
)

// starterRoles say what each file of the starter book is, for the message after init.
var starterRoles = map[string]string{
	"book.yaml":                  "title, author, language… and the list of chapters",
	"01-the-codex.md":            "chapter 1: headings, notes, anchors, index marks",
	"02-from-press-to-screen.md": "chapter 2: dates for the chronology, cross-references",
	"glossary.yaml":              "the glossary",
	"chronology.yaml":            "the chronology",
	"index.yaml":                 "the index",
}

// runInit is `bindery init [DIR]`.
func runInit(c *cli.Context, stdout io.Writer) error {
	dir := "."
	switch c.NArg() {
	case 0:
	case 1:
		dir = c.Args().First()
	default:
		return cli.Exit(fmt.Sprintf("expected at most one folder, got %d arguments (see bindery init --help)", c.NArg()), 2)
	}
	which := starter.Starter
	if c.Bool("from-default") {
		which = starter.Default
	}
	names, err := starter.Write(dir, which, time.Now())
	if err != nil {
		var exists *starter.ExistsError
		if errors.As(err, &exists) {
			return cli.Exit(err.Error(), 1)
		}
		return cli.Exit(fmt.Sprintf("init: %v", err), 1)
	}
	where := "this folder"
	if dir != "." {
		where = filepath.ToSlash(filepath.Clean(dir)) + "/"
	}
	if which == starter.Default {
		fmt.Fprintf(stdout, "Wrote the default book, %d files, into %s.\n", len(names), where)
	} else {
		fmt.Fprintf(stdout, "Wrote a starter book into %s:\n", where)
		for _, n := range names {
			fmt.Fprintf(stdout, "  %-28s %s\n", n, starterRoles[n])
		}
	}
	fmt.Fprintln(stdout, "\nNext:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", shellQuote(dir))
	}
	fmt.Fprintln(stdout, "  bindery build    write the EPUB and the PDF into out/")
	fmt.Fprintln(stdout, "  bindery watch    rebuild them every time you save a file (Ctrl-C to stop)")
	fmt.Fprintln(stdout, "  bindery check    list every problem, with file:line:column")
	if which == starter.Starter {
		fmt.Fprintln(stdout, "\nThen make it yours: in book.yaml set the title, subtitle, author and description, and list\n"+
			"your own chapters; the glossary, chronology and index entries are about the sample chapters:\n"+
			"delete them (an empty file, or one with only comments, is fine) and add your own as you go.")
	}
	return nil
}

// shellQuote quotes a path for a command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
