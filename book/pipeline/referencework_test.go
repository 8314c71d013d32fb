package pipeline

import (
	"regexp"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

// The back matter set like a reference work (issue 16, item 4), measured on the default
// book's layout: the index's columns, its "(continued)" lines, the chronology's dates.

// indexColumn is the lines of one column of an index page, top to bottom.
type indexColumn []layout.LineMetrics

// indexColumns splits an index page's lines (entries and letter headings; not the chapter's
// title, which spans the columns) into its columns, left to right, and gives the leading of
// its entries.
func indexColumns(p *layout.Page) (cols []indexColumn, leading layout.Length) {
	var lines []layout.LineMetrics
	var minX, width layout.Length = -1, 0
	for _, l := range p.Lines {
		if l.Kind != layout.LineIndex && l.Kind != layout.LineHeading && l.Kind != layout.LineContinued {
			continue
		}
		lines = append(lines, l)
		if minX < 0 || l.X < minX {
			minX = l.X
		}
		width = max(width, l.Width)
	}
	cols = make([]indexColumn, 2)
	for _, l := range lines {
		c := 0
		if l.X > minX+width/2 {
			c = 1
		}
		if n := len(cols[c]); n > 0 && l.Kind == "index" && cols[c][n-1].Kind == "index" {
			if dy := l.Y - cols[c][n-1].Y; leading == 0 || dy < leading {
				leading = dy
			}
		}
		cols[c] = append(cols[c], l)
	}
	return cols, leading
}

// TestIndexSetAsReferenceWork: on every index page both columns start at the same height
// (the heading spans them) and end within one line of each other, the last page included;
// turnover lines stand deeper than sub-entries; a column that opens among an entry's
// sub-entries opens with the entry's "(continued)" line.
func TestIndexSetAsReferenceWork(t *testing.T) {
	d := layoutDefault(t)
	pages, continued := 0, 0
	for _, p := range d.Pages {
		if p.Chapter == nil || !p.Chapter.Generated || p.Chapter.Columns < 2 {
			continue
		}
		pages++
		cols, leading := indexColumns(p)
		if len(cols[0]) == 0 {
			t.Errorf("p. %s: no index lines", p.Label)
			continue
		}
		if len(cols[1]) == 0 {
			t.Errorf("p. %s: the right column is empty, the left holds %d lines", p.Label, len(cols[0]))
			continue
		}
		if top0, top1 := cols[0][0].Y, cols[1][0].Y; top0 != top1 {
			t.Errorf("p. %s: the columns start at different heights (%v, %v)", p.Label, top0, top1)
		}
		b0, b1 := cols[0][len(cols[0])-1].Y, cols[1][len(cols[1])-1].Y
		if diff := max(b0-b1, b1-b0); diff > leading {
			t.Errorf("p. %s: the columns end %.1f lines apart (%v, %v)", p.Label, float64(diff)/float64(leading), b0, b1)
		}
		for c, col := range cols {
			colX := col[0].X
			for _, l := range col {
				colX = min(colX, l.X)
			}
			top := col[0]
			for k := 0; k < len(col) && col[k].Kind == layout.LineHeading; k++ {
				top = layout.LineMetrics{}
			}
			if top.Kind == layout.LineContinued && !strings.HasSuffix(top.Text, "(continued)") {
				// "Sánchez de Lozada, Gonzalo" alone before the term was cut at its comma.
				t.Errorf("p. %s column %d: a continued entry's line without its word: %q", p.Label, c+1, top.Text)
			}
			if strings.HasSuffix(top.Text, "(continued)") {
				continued++
				if len(col) < 2 || col[1].X <= colX {
					t.Errorf("p. %s column %d: a (continued) line not followed by a sub-entry", p.Label, c+1)
				}
			} else if top.Kind == layout.LineIndex && top.X > colX {
				t.Errorf("p. %s column %d opens among sub-entries without a (continued) line: %q", p.Label, c+1, top.Text)
			} else if top.Kind == layout.LineIndex && !top.First {
				t.Errorf("p. %s column %d opens with a turnover line: %q", p.Label, c+1, top.Text)
			}
			// Sub-entries stand one step in, turnovers (of entries and sub-entries) a
			// step further: the deepest first line is shallower than any turnover.
			var deepestFirst, shallowestTurn layout.Length = 0, -1
			for _, l := range col {
				if l.Kind != "index" || strings.HasSuffix(l.Text, "(continued)") {
					continue
				}
				if in := textLeft(p, l) - colX; l.First {
					deepestFirst = max(deepestFirst, in)
				} else if shallowestTurn < 0 || in < shallowestTurn {
					shallowestTurn = in
				}
			}
			if shallowestTurn >= 0 && shallowestTurn <= deepestFirst {
				t.Errorf("p. %s column %d: a turnover line %v in, a sub-entry %v in", p.Label, c+1, shallowestTurn, deepestFirst)
			}
		}
	}
	t.Logf("%d index pages, %d (continued) lines", pages, continued)
	if pages < 2 || continued == 0 {
		t.Errorf("the default book's index: %d pages and %d (continued) lines, expected more than one page and some", pages, continued)
	}
}

// textLeft is where the text of line l begins on page p: its leftmost run on its baseline,
// within its measure (a hanging indentation moves the runs, not the measure).
func textLeft(p *layout.Page, l layout.LineMetrics) layout.Length {
	left := l.X + l.Width
	for _, r := range p.Runs {
		if layout.Length(r.Y) == layout.Length(l.Y) && layout.Length(r.X) >= layout.Length(l.X) && layout.Length(r.X) < left {
			left = layout.Length(r.X)
		}
	}
	return left
}

// TestChronologyDatesAsPrinted: in the default book's printed chronology, no date heading
// repeats the one before it (events of one date stand under one heading), no range says
// its month or year twice ("12 October 2003–31 October 2003"), and the glossary cites
// pages as the chronology does, "(p. 5)", never "Pages:".
func TestChronologyDatesAsPrinted(t *testing.T) {
	d := layoutDefault(t)
	twice := regexp.MustCompile(`(\pL+) (\d{4})–(\d+ )?(\pL+ )?\pL* ?(\d{4})`)
	prev, terms, grouped, events := "", 0, 0, 0
	for _, p := range d.Pages {
		if p.Chapter == nil || !p.Chapter.Generated {
			continue
		}
		for _, l := range p.Lines {
			if strings.Contains(l.Text, "Pages:") {
				t.Errorf("p. %s: %q: the old locator style", p.Label, l.Text)
			}
			if p.Chapter.Role != doc.ChronologyChapter {
				continue
			}
			switch l.Kind {
			case layout.LineTerm:
				terms++
				events = 0
				if l.Text == prev {
					t.Errorf("p. %s: the date %q heads two events in a row", p.Label, l.Text)
				}
				if m := twice.FindStringSubmatch(l.Text); m != nil && m[2] == m[5] {
					t.Errorf("p. %s: %q says its year twice", p.Label, l.Text)
				}
				prev = l.Text
			case layout.LineDefinition:
				if l.First {
					if events++; events == 2 {
						grouped++ // a second event under one date
					}
				}
			}
		}
	}
	t.Logf("%d date headings in the chronology, %d with more than one event", terms, grouped)
	if terms == 0 || grouped == 0 {
		t.Fatalf("the default book's chronology: %d dates, %d with more than one event; expected some of each", terms, grouped)
	}
	for _, s := range []string{"12 October 2003–31 October 2003", "June 2004–July 2004"} {
		if m := twice.FindStringSubmatch(s); m == nil || m[2] != m[5] {
			t.Errorf("the test's pattern misses %q", s)
		}
	}
}
