package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/pipeline"

	urfave "github.com/urfave/cli/v2"
)

// runBuild is `bindery build` and `bindery` alone.
func runBuild(c *urfave.Context, stdout, stderr io.Writer) error {
	quiet, asJSON := c.Bool("quiet"), c.Bool("json")
	dir, err := bookDir(c)
	if err != nil {
		if asJSON {
			return reportJSON(stdout, nil, err)
		}
		return err
	}
	opt, err := buildOptions(c, dir)
	if err != nil {
		return err
	}
	start := time.Now()
	dc := openCache(c, dir, stderr)
	withCache(&opt, dc, false)
	p := startProgress(stderr, !quiet && !asJSON)
	opt.Progress = p.stage
	res, err := pipeline.Build(opt)
	p.stop()
	var cleaned string
	if err == nil {
		cleaned = cleanCache(c, dir, dc, stderr)
	}
	if dc != nil {
		dc.Close()
	}
	var list diag.List
	if res != nil {
		list = res.Diagnostics
	}
	if asJSON {
		return reportJSON(stdout, withoutNotes(list), err)
	}
	printDiagnostics(stderr, list, quiet)
	if err != nil {
		if _, ok := diag.AsList(err); ok {
			errs, _ := count(list)
			where := diag.VisibleFile(dir) + ": "
			if dir == "." {
				where = ""
			}
			return urfave.Exit(fmt.Sprintf("%sthe book has %d %s (above); nothing was written", where, errs, plural(errs, "error")), 1)
		}
		return urfave.Exit(err.Error(), 1)
	}
	if !quiet {
		for _, out := range res.Outputs {
			fmt.Fprintf(stdout, "wrote %s\n", diag.VisibleFile(out))
		}
		for _, out := range res.Cleanup.Removed {
			fmt.Fprintf(stdout, "removed %s\n", diag.VisibleFile(out))
		}
		if cleaned != "" {
			fmt.Fprintf(stdout, "removed %s\n", diag.VisibleFile(cleaned))
		}
		for _, note := range res.Cleanup.Notes() {
			fmt.Fprintf(stderr, "note: %s\n", note)
		}
	}
	if c.Bool("timings") {
		for _, t := range res.Timings {
			fmt.Fprintf(stdout, "  %-22s %6.1f ms\n", t.Stage, float64(t.Duration.Microseconds())/1000)
		}
		cacheTimings(stdout, dc)
	}
	if !quiet {
		what := "built"
		if res.Book.Draft {
			n := 0
			for _, d := range list {
				n += btoi(d.Draft)
			}
			what = fmt.Sprintf("built a draft (%d %s above left for later: \"??\" in the text) of", n, plural(n, "problem"))
		}
		fmt.Fprintf(stdout, "%s %q in %d ms\n", what, res.Book.Meta.Title, time.Since(start).Milliseconds())
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// runCheck is `bindery check`.
func runCheck(c *urfave.Context, stdout, stderr io.Writer) error {
	quiet, asJSON := c.Bool("quiet"), c.Bool("json")
	dir, err := bookDir(c)
	if err != nil {
		if asJSON {
			return reportJSON(stdout, nil, err)
		}
		return err
	}
	p := startProgress(stderr, !quiet && !asJSON)
	p.stage("checking", 0, 1)
	list, err := pipeline.Check(dir)
	p.stop()
	if asJSON {
		return reportJSON(stdout, list, err)
	}
	errs, warns := count(list)
	if err != nil && errs == 0 {
		return urfave.Exit(err.Error(), 1)
	}
	if quiet {
		list = onlyErrors(list)
	}
	printWithSource(stdout, list)
	if !quiet {
		printByFile(stdout, list)
		where := diag.VisibleFile(dir) + ": "
		if dir == "." {
			where = ""
		}
		notes := ""
		if n := len(list) - len(withoutNotes(list)); n > 0 {
			notes = fmt.Sprintf(", %d %s", n, plural(n, "note"))
		}
		fmt.Fprintf(stdout, "%s%d %s, %d %s%s\n", where, errs, plural(errs, "error"), warns, plural(warns, "warning"), notes)
	}
	if errs > 0 {
		return urfave.Exit("", 1)
	}
	return nil
}

// printByFile counts the errors, warnings and notes of each file, in the order the list
// names the files, when more than one file has some: what to open first.
func printByFile(w io.Writer, list diag.List) {
	var files []string
	byFile := map[string]*[3]int{}
	for _, d := range list {
		n, ok := byFile[d.Pos.File]
		if !ok {
			n = new([3]int)
			byFile[d.Pos.File] = n
			files = append(files, d.Pos.File)
		}
		n[d.Severity]++
	}
	if len(files) < 2 {
		return
	}
	fmt.Fprintln(w)
	width := 0
	for _, f := range files {
		width = max(width, utf8.RuneCountInString(shownFile(f)))
	}
	for _, f := range files {
		n := byFile[f]
		var parts []string
		if n[diag.Error] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[diag.Error], plural(n[diag.Error], "error")))
		}
		if n[diag.Warning] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[diag.Warning], plural(n[diag.Warning], "warning")))
		}
		if n[diag.Note] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[diag.Note], plural(n[diag.Note], "note")))
		}
		name := shownFile(f)
		fmt.Fprintf(w, "  %s%s  %s\n", name, strings.Repeat(" ", width-utf8.RuneCountInString(name)), strings.Join(parts, ", "))
	}
}

// shownFile is a diagnostic's file as the summary names it.
func shownFile(f string) string {
	if f == "" {
		return "(the book)"
	}
	return diag.VisibleFile(f)
}

func count(list diag.List) (errs, warns int) {
	for _, d := range list {
		switch d.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warns++
		}
	}
	return errs, warns
}

// withoutNotes leaves out the notes: they are for bindery check, where an author reviews the
// book, not for every build.
func withoutNotes(list diag.List) diag.List {
	var out diag.List
	for _, d := range list {
		if d.Severity != diag.Note {
			out = append(out, d)
		}
	}
	return out
}

func onlyErrors(list diag.List) diag.List {
	var out diag.List
	for _, d := range list {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// printDiagnostics prints one line per diagnostic, warnings left out when quiet; warnings of
// a kind that repeat in a file are one line (--json keeps each).
func printDiagnostics(w io.Writer, list diag.List, quiet bool) {
	list = withoutNotes(list)
	if quiet {
		list = onlyErrors(list)
	}
	list = list.Grouped()
	colour := useColour(w)
	for _, d := range list {
		fmt.Fprintln(w, formatDiag(d, colour))
	}
}

// printWithSource prints diagnostics as a compiler does: the message, the source line, and a
// caret under the column.
func printWithSource(w io.Writer, list diag.List) {
	list = list.Grouped()
	colour := useColour(w)
	files := map[string][]string{}
	for _, d := range list {
		fmt.Fprintln(w, formatDiag(d, colour))
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
		col = min(col, len(line))
		from = min(from, len(line))
		prefix := "    "
		// The line is shown as visible says (a control character in the text cannot act),
		// tabs as four spaces, and the caret counted on what is shown.
		show := func(rs []rune) string { return diag.Visible(strings.ReplaceAll(string(rs), "\t", "    ")) }
		shown := show(line[from:to])
		if from > 0 {
			shown = "…" + shown
			prefix += " "
		}
		fmt.Fprintf(w, "%s%s\n", prefix[:4], shown)
		pad := strings.Repeat(" ", utf8.RuneCountInString(show(line[from:col])))
		fmt.Fprintf(w, "%s%s%s\n", prefix, pad, paint(colour, green, "^"))
	}
}
