package layout_test

import (
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

func cell(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{At: at(), Inlines: ins} }

func code(s string) *doc.Code { return &doc.Code{At: at(), Text: s} }

// tableRuns are the runs on table lines, by line.
func tableRuns(d *layout.Document) (lines []layout.LineMetrics, runs [][]layout.Run) {
	for _, p := range d.Pages[d.BodyStart:] {
		for _, l := range p.Lines {
			if l.Kind != layout.LineTable {
				continue
			}
			var rs []layout.Run
			for _, r := range p.Runs {
				if layout.Length(r.Y) == layout.Length(l.Y) {
					rs = append(rs, r)
				}
			}
			lines, runs = append(lines, l), append(runs, rs)
		}
	}
	return lines, runs
}

// TestTableColumnsFromContent: a narrow column of short words beside one of prose is as wide
// as its widest word, and no word in a cell is hyphenated when the columns can hold them;
// the table stays within the measure, and code in a narrow column stays whole.
func TestTableColumnsFromContent(t *testing.T) {
	s := settings(t)
	tb := &doc.Table{At: at(), Align: []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignLeft},
		Header: []*doc.TableCell{cell(txt("Trait")), cell(txt("Count")), cell(txt("What it means"))}}
	for _, name := range []string{"PartialEq", "PartialOrd", "std::hash::Hash"} {
		tb.Rows = append(tb.Rows, []*doc.TableCell{cell(code(name)), cell(txt("1,234,567")),
			cell(txt("equality that may not be reflexive, and an order that may be partial, and hashing that agrees with equality"))})
	}
	tb.Caption = []doc.Inline{txt("Traits and what they mean")}
	d := typeset(t, modelBook(chapterOf("c", "Tables", tb)), s)
	lines, runs := tableRuns(d)
	for i, l := range lines {
		if l.X+l.Width > s.Inner+s.TextWidth() && l.X+l.Width > s.Outer+s.TextWidth() {
			t.Errorf("a table line is %v wide, past the measure", l.Width)
		}
		for _, r := range runs[i] {
			if strings.HasSuffix(r.Text, "-") {
				t.Errorf("hyphenated in a cell: %q", r.Text)
			}
			if layout.Length(r.X)+layout.Length(r.Width) > layout.Length(l.X)+layout.Length(l.Width) {
				t.Errorf("%q passes the table's edge", r.Text)
			}
		}
	}
	// The code stays whole, each name on one line of its cell.
	text := ""
	for i := range lines {
		text += lines[i].Text + "\n"
	}
	for _, name := range []string{"PartialEq", "PartialOrd", "std::hash::Hash", "1,234,567"} {
		if !strings.Contains(text, name) {
			t.Errorf("%q is not whole on a line:\n%s", name, text)
		}
	}
	// Right-aligned numbers end at one x.
	var ends []layout.Length
	for i := range lines {
		for _, r := range runs[i] {
			if r.Text == "1,234,567" {
				ends = append(ends, layout.Length(r.X)+layout.Length(r.Width))
			}
		}
	}
	if len(ends) != 3 || ends[0] != ends[1] || ends[1] != ends[2] {
		t.Errorf("right-aligned numbers end at %v", ends)
	}
	if _, l, ok := line(d, "Traits and what they mean"); !ok || l.Kind != layout.LineCaption {
		t.Errorf("the caption is not set as one (%v, %s)", ok, l.Kind)
	}
}

// TestTableTooWide: a table of many long words is set smaller and breaks its words rather
// than pass the measure; every run stays on the page's text block.
func TestTableTooWide(t *testing.T) {
	s := settings(t)
	tb := &doc.Table{At: at()}
	var row []*doc.TableCell
	for range 12 {
		row = append(row, cell(txt("Counterrevolutionaries")))
		tb.Header = append(tb.Header, cell(txt("Incomprehensibilities")))
	}
	tb.Rows = [][]*doc.TableCell{row, row}
	d, err := layout.Typeset(modelBook(chapterOf("c", "Wide", tb)), s)
	if err != nil {
		t.Fatal(err)
	}
	lines, runs := tableRuns(d)
	for i, l := range lines {
		for _, r := range runs[i] {
			if layout.Length(r.X)+layout.Length(r.Width) > layout.Length(l.X)+layout.Length(l.Width) || layout.Length(r.X) < layout.Length(l.X) {
				t.Errorf("%q stands outside the table", r.Text)
			}
			if layout.Length(r.Size) < s.FontSize*9/10*45/100 {
				t.Errorf("%q set at %v", r.Text, r.Size)
			}
		}
		if l.Width > s.TextWidth() {
			t.Errorf("the table is %v wide, the measure %v", l.Width, s.TextWidth())
		}
	}
	// It says so, once.
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "too wide for the measure") {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

// TestTableDecimalPoints: a right-aligned column of numbers stands on the decimal point; a
// whole number ends where the points are.
func TestTableDecimalPoints(t *testing.T) {
	s := settings(t)
	tb := &doc.Table{At: at(), Align: []doc.Align{doc.AlignLeft, doc.AlignRight},
		Header: []*doc.TableCell{cell(txt("Element")), cell(txt("Mass"))}}
	for _, r := range [][2]string{{"Hydrogen", "1.008"}, {"Boron", "10.81"}, {"Technetium", "97"}, {"Copper", "63.546"}} {
		tb.Rows = append(tb.Rows, []*doc.TableCell{cell(txt(r[0])), cell(txt(r[1]))})
	}
	d := typeset(t, modelBook(chapterOf("c", "Masses", tb)), s)
	face := s.Face(layout.Roman)
	points := map[layout.Length]bool{}
	for _, p := range d.Pages {
		for _, r := range p.Runs {
			whole, _, ok := strings.Cut(r.Text, ".")
			if r.Text == "97" {
				whole, ok = r.Text, true
			}
			if ok && r.Text[0] >= '0' && r.Text[0] <= '9' {
				points[layout.Length(r.X)+layout.Length(face.Measure(whole, int64(layout.Length(r.Size)), true))] = true
			}
		}
	}
	if len(points) != 1 {
		t.Errorf("the decimal points stand at %d places: %v", len(points), points)
	}
}
