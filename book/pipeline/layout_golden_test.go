package pipeline

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/layout"
)

var updateLayout = flag.Bool("update", false, "rewrite the print layout's golden files (testdata/layout) from the current layout")

// TestPrintLayoutGolden pins the print layout of the fixture books and the default book as
// text, page by page and line by line: what each line sets, its first and last word, and the
// adjustment ratio of its glue, so that a change of the line breaker or the page builder
// shows as a readable diff. After an intended change: go test ./book/pipeline -run
// TestPrintLayoutGolden -update (or make golden), and read the diff.
func TestPrintLayoutGolden(t *testing.T) {
	for _, c := range []struct{ name, dir string }{
		{"features", "../../testdata/books/features"},
		{"commonmark", "../../testdata/books/commonmark"},
		{"default", "../../manuscript"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, list, err := Load(c.dir)
			if err != nil {
				t.Fatalf("%v\n%v", err, list)
			}
			d, _, err := Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			compareLayoutGolden(t, filepath.Join("testdata", "layout", c.name+".txt"), layoutText(d))
		})
	}
}

// pageKinds name the kinds of page in the golden files.
var pageKinds = map[layout.PageKind]string{
	layout.BodyPage: "body", layout.OpeningPage: "opening", layout.BlankPage: "blank",
	layout.HalfTitlePage: "half-title", layout.TitlePage: "title", layout.ImprintPage: "imprint",
	layout.ContentsPage: "contents", layout.PartPage: "part",
}

// layoutText writes a laid-out book as the golden files hold it. A page is a line with its
// label and kind; each of its lines follows, indented: its kind (a note's line as
// footnote/ and the kind of block it sets), its first and last word, and for a justified
// line its adjustment ratio (TeX's glue set ratio, negative when shrunk) to two decimals, and
// the letter spacing it needed, if any. A hyphenated line's last word ends in its hyphen.
func layoutText(d *layout.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d pages, %d passes\n", len(d.Pages), d.Passes)
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "\npage %s (%s)\n", p.Label, pageKinds[p.Kind])
		for _, l := range p.Lines {
			kind := string(l.Kind)
			if l.NoteBlock != "" {
				kind += "/" + string(l.NoteBlock)
			}
			words := strings.Fields(l.Text)
			text := "-"
			switch len(words) {
			case 0:
			case 1:
				text = words[0]
			default:
				text = words[0] + " … " + words[len(words)-1]
			}
			fmt.Fprintf(&b, "  %-20s %s", kind, text)
			if l.Justified {
				fmt.Fprintf(&b, "  %s", ratio(l.Ratio))
			}
			if l.Tracking != 0 {
				fmt.Fprintf(&b, "  tracked %.2fpt", l.Tracking.Points())
			}
			if l.Overfull > 0 {
				fmt.Fprintf(&b, "  overfull %.2fpt", l.Overfull.Points())
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// ratio formats an adjustment ratio to two decimals with its sign (-0.00 reads as +0.00).
func ratio(r float64) string {
	if math.IsInf(r, 0) {
		return fmt.Sprintf("%+f", r)
	}
	r = math.Round(r*100) / 100
	if r == 0 {
		r = 0
	}
	return fmt.Sprintf("%+.2f", r)
}

// compareLayoutGolden compares got with the golden file, or rewrites it with -update. It
// reports where the two first differ: up to 15 lines of each.
func compareLayoutGolden(t *testing.T, path, got string) {
	t.Helper()
	if *updateLayout {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file (run with -update): %v", err)
	}
	if got == string(want) {
		return
	}
	// The lines that differ, between the lines both share at the start and at the end.
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	eg, ew := len(g), len(w)
	for eg > i && ew > i && g[eg-1] == w[ew-1] {
		eg, ew = eg-1, ew-1
	}
	var diff strings.Builder
	fmt.Fprintf(&diff, "%s, from line %d:\n", path, i+1)
	for _, l := range w[i:min(ew, i+15)] {
		fmt.Fprintf(&diff, "-%s\n", l)
	}
	for _, l := range g[i:min(eg, i+15)] {
		fmt.Fprintf(&diff, "+%s\n", l)
	}
	t.Errorf("the print layout differs (after an intended change, run with -update and read the diff):\n%s", diff.String())
}
