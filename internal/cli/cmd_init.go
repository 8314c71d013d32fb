package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bindery/book/config"
	"bindery/book/mdbook"
	"bindery/book/starter"

	urfave "github.com/urfave/cli/v2"
)

// starterRoles say what each file of the starter book is, for the message after init.
var starterRoles = map[string]string{
	"book.yaml":                  "title, author, language… and the list of chapters",
	"01-the-codex.md":            "chapter 1: headings, notes, anchors, index marks",
	"02-from-press-to-screen.md": "chapter 2: dates for the chronology, cross-references",
	"glossary.yaml":              "the glossary",
	"chronology.yaml":            "the chronology",
	"index.yaml":                 "the index",
	".gitignore":                 "keeps out/, where the outputs go, and the build cache out of git",
	// The starter in Spanish (init --language es).
	"01-el-codice.md":                    "capítulo 1: encabezados, notas, anclas, marcas de índice",
	"02-de-la-imprenta-a-la-pantalla.md": "capítulo 2: fechas de la cronología, referencias cruzadas",
	"glosario.yaml":                      "el glosario",
	"cronologia.yaml":                    "la cronología",
	"indice.yaml":                        "el índice analítico",
}

// runInit is `bindery init [DIR]`.
func runInit(c *urfave.Context, stdout, stderr io.Writer) error {
	dir := "."
	switch c.NArg() {
	case 0:
	case 1:
		dir = c.Args().First()
	default:
		return urfave.Exit(fmt.Sprintf("expected at most one folder, got %d arguments (see bindery init --help)", c.NArg()), 2)
	}
	if c.Bool("from-mdbook") {
		if c.Bool("from-default") {
			return urfave.Exit("--from-mdbook and --from-default: choose one (see bindery init --help)", 2)
		}
		return initFromMdBook(dir, stdout, stderr)
	}
	which := starter.Starter
	if l := c.String("language"); l != "" {
		if c.Bool("from-default") {
			return urfave.Exit("--language and --from-default: the default book is in English (see bindery init --help)", 2)
		}
		var err error
		if which, err = starter.StarterIn(l); err != nil {
			return urfave.Exit(err.Error(), 2)
		}
	}
	if c.Bool("from-default") {
		which = starter.Default
	}
	names, err := starter.Write(dir, which, time.Now())
	if err != nil {
		var exists *starter.ExistsError
		if errors.As(err, &exists) {
			return urfave.Exit(err.Error(), 1)
		}
		return urfave.Exit(fmt.Sprintf("init: %v", err), 1)
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
			fmt.Fprintf(stdout, "  %-36s %s\n", n, starterRoles[n])
		}
	}
	fmt.Fprintln(stdout, "\nNext:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", shellQuote(dir))
	}
	fmt.Fprintln(stdout, "  bindery build    write the EPUB and the PDF into out/")
	fmt.Fprintln(stdout, "  bindery serve    see the book in your browser, as you write (Ctrl-C to stop)")
	fmt.Fprintln(stdout, "  bindery watch    rebuild them every time you save a file (Ctrl-C to stop)")
	fmt.Fprintln(stdout, "  bindery check    list every problem, with file:line:column")
	if which != starter.Default {
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

// initFromMdBook is `bindery init --from-mdbook [DIR]`: a book.yaml beside the mdBook
// project's book.toml that says the same, for an author who wants what only book.yaml can say
// (a glossary, a chronology, an index).
func initFromMdBook(dir string, stdout, stderr io.Writer) error {
	if !mdbook.IsProject(dir) {
		return urfave.Exit(fmt.Sprintf("%s: no %s here; --from-mdbook writes a book.yaml for an mdBook project", filepath.Join(dir, mdbook.FileName), mdbook.FileName), 1)
	}
	path := filepath.Join(dir, config.FileName)
	if _, err := os.Lstat(path); err == nil {
		return urfave.Exit(fmt.Sprintf("%s exists already: bindery init never overwrites a file (bindery reads it rather than book.toml)", path), 1)
	}
	b, list, err := mdbook.Load(dir)
	printDiagnostics(stderr, list, false)
	if err != nil {
		return urfave.Exit("the mdBook project has errors (above); no book.yaml was written", 1)
	}
	data, err := mdbook.BookYAML(b)
	if err != nil {
		return urfave.Exit(fmt.Sprintf("init: %v", err), 1)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return urfave.Exit(fmt.Sprintf("init: %v", err), 1)
	}
	if _, err = f.Write(data); err == nil {
		err = f.Close()
	} else {
		f.Close()
	}
	if err == nil {
		// What was written must read back as a book: say so now rather than at the next build.
		_, err = config.Load(dir)
	}
	if err != nil {
		os.Remove(path)
		return urfave.Exit(fmt.Sprintf("init: could not write a valid book.yaml (a bug; please report it): %v", err), 1)
	}
	files, parts := 0, 0
	for _, f := range append(b.Chapters, b.Backmatter...) {
		if f.Part {
			parts++
		} else {
			files++
		}
	}
	fmt.Fprintf(stdout, "Wrote %s: %d %s", path, files, plural(files, "file"))
	if parts > 0 {
		fmt.Fprintf(stdout, " in %d %s", parts, plural(parts, "part"))
	}
	fmt.Fprintf(stdout, ", from %s and %s.\n", mdbook.FileName, mdbook.SummaryName)
	fmt.Fprintln(stdout, "\nbindery now reads book.yaml instead of them; mdBook still reads SUMMARY.md, so a new chapter\n"+
		"goes into both. Add glossary:, chronology: and index: to book.yaml as the book needs them\n"+
		"(bindery init in an empty folder writes an example of each).")
	fmt.Fprintln(stdout, "\nNext:")
	where := ""
	if dir != "." {
		where = " " + shellQuote(dir)
	}
	fmt.Fprintf(stdout, "  bindery build%s    write the EPUB and the PDF into out/\n", where)
	return nil
}
