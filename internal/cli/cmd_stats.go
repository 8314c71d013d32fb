package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"bindery/book/diag"
	"bindery/book/pipeline"
	"bindery/book/stats"

	urfave "github.com/urfave/cli/v2"
)

// runStats is `bindery stats [DIR]`.
func runStats(c *urfave.Context, stdout, stderr io.Writer) error {
	dir, err := bookDir(c)
	if err != nil {
		return err
	}
	p := startProgress(stderr, !c.Bool("json"))
	p.stage("reading", 0, 2)
	b, list, err := pipeline.Load(dir)
	var st stats.Stats
	if err == nil {
		p.stage("laying out", 1, 2)
		lay, more, lerr := pipeline.Layout(b)
		list = append(list, more...)
		err = lerr
		if err == nil {
			st = stats.Compute(b.Book, b.Config.Trim, lay)
		}
	}
	p.stop()
	if err != nil {
		// The figures of a book with errors would be wrong: show why instead.
		printDiagnostics(stderr, list, true)
		if _, ok := diag.AsList(err); ok {
			return urfave.Exit(fmt.Sprintf("%s: the book has errors; run bindery check %s", dir, dir), 1)
		}
		return urfave.Exit(err.Error(), 1)
	}
	if c.Bool("json") {
		data, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", data)
		return nil
	}
	printStats(stdout, st)
	return nil
}

// printStats prints the figures as a table.
func printStats(w io.Writer, st stats.Stats) {
	fmt.Fprintln(w, diag.Visible(st.Title))
	row := func(label string, n int, note string) {
		if note != "" {
			note = "  " + note
		}
		fmt.Fprintf(w, "  %-20s %8s%s\n", label, thousands(n), note)
	}
	row("words", st.Words, "")
	row("characters", st.Characters, fmt.Sprintf("(%s without spaces)", thousands(st.CharactersNoSpaces)))
	back := ""
	if st.BackMatter > 0 {
		back = fmt.Sprintf("(and %d of back matter)", st.BackMatter)
	}
	row("chapters", st.Chapters, back)
	if st.Footnotes > 0 {
		row("footnotes", st.Footnotes, "")
	}
	if st.Images > 0 {
		row("images", st.Images, "")
	}
	fmt.Fprintf(w, "  %-20s %8s  (at %d words a minute)\n", "reading time", duration(st.ReadingMinutes), st.WordsPerMinute)
	row("print pages", st.Pages, fmt.Sprintf("(%s, %g × %g mm)", st.Trim, st.TrimWidthMM, st.TrimHeightMM))
	row("glossary entries", st.Glossary, "")
	row("chronology events", st.Chronology, "")
	sub := ""
	if st.IndexSub > 0 {
		sub = fmt.Sprintf("(and %d sub-entries)", st.IndexSub)
	}
	row("index entries", st.Index, sub)
	if l := st.Longest; l != nil {
		fmt.Fprintf(w, "  %-20s %8s  words: %s “%s”\n", "longest paragraph", thousands(l.Words), formatPos(l.Pos()), diag.Visible(l.Begins))
	}
}

// duration writes minutes as "7 min" or "2 h 05 min".
func duration(minutes int) string {
	if minutes < 60 {
		return fmt.Sprintf("%d min", minutes)
	}
	return fmt.Sprintf("%d h %02d min", minutes/60, minutes%60)
}

// thousands writes n with thousands separated by commas: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
