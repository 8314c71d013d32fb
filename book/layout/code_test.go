package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/highlight"
	"bindery/book/layout"
)

// codeLines are the printed lines of code blocks, in order, with their runs.
type codeLine struct {
	metrics layout.LineMetrics
	runs    []layout.Run
}

func codeLinesOf(d *layout.Document) []codeLine {
	var out []codeLine
	for _, p := range d.Pages[d.BodyStart:] {
		for _, l := range p.Lines {
			if l.Kind != layout.LineCode {
				continue
			}
			cl := codeLine{metrics: l}
			for _, r := range p.Runs {
				if layout.Length(r.Y) == layout.Length(l.Y) && layout.Length(r.X) >= layout.Length(l.X) && layout.Length(r.X) < layout.Length(l.X)+layout.Length(l.Width) {
					cl.runs = append(cl.runs, r)
				}
			}
			out = append(out, cl)
		}
	}
	return out
}

// text is what a printed line of code shows, spaces placed by where the runs stand: the
// columns of a monospaced face, counted from the line's text edge x0.
func (cl codeLine) text(x0, advance layout.Length) string {
	var b strings.Builder
	col := 0
	for _, r := range cl.runs {
		want := int((layout.Length(r.X) - x0 + advance/2) / advance)
		for col < want {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(r.Text)
		col += len([]rune(r.Text))
	}
	return b.String()
}

// TestCodeBlockKeepsEveryCharacter: each line of a code block comes back exactly from where
// its runs stand (indentation to the column, runs of spaces inside the line, tabs expanded to
// the tab width), in the code face, and no run passes the measure. A line too long for the
// measure is cut at a space, its continuation led by ↪ and hanging under its indentation.
func TestCodeBlockKeepsEveryCharacter(t *testing.T) {
	s := settings(t)
	src := "def f(x):\n\tif x:\n\t\treturn  x   # two spaces, then three\n" +
		"        y = [\"a long line of code that cannot fit in the measure of an A5 page\", \"and goes on\"]\n\n" +
		"|   aligned |  columns |\n└──┬──┘ ✓ ✗ λ"
	d := typeset(t, modelBook(chapterOf("c", "Code", &doc.CodeBlock{At: at(), Language: "python", Text: src})), s)
	lines := codeLinesOf(d)
	mono := s.Face(layout.Mono)
	var size layout.Length
	for _, cl := range lines {
		for _, r := range cl.runs {
			size = layout.Length(r.Size)
			if r.Style&layout.Mono == 0 {
				t.Errorf("%q is not in the code face (style %d)", r.Text, r.Style)
			}
			if layout.Length(r.X)+layout.Length(r.Width) > layout.Length(cl.metrics.X)+layout.Length(cl.metrics.Width) {
				t.Errorf("%q passes the measure by %v", r.Text, layout.Length(r.X)+layout.Length(r.Width)-layout.Length(cl.metrics.X)-layout.Length(cl.metrics.Width))
			}
		}
	}
	adv := layout.Length(mono.Measure("0", int64(size), false))
	x0 := layout.Length(lines[0].runs[0].X)
	var got []string
	for _, cl := range lines {
		text := cl.text(x0, adv)
		if strings.HasPrefix(strings.TrimLeft(text, " "), "↪") {
			// A continuation: after the mark, the rest of the line it continues.
			rest := strings.TrimLeft(text, " ")
			rest = strings.TrimPrefix(rest, "↪")
			got[len(got)-1] += " " + strings.TrimLeft(rest, " ")
			continue
		}
		got = append(got, strings.TrimRight(text, " "))
	}
	want := strings.Split(strings.ReplaceAll(strings.ReplaceAll(src, "\t\t", "        "), "\t", "    "), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the code came back as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The long line wrapped once, at a space, its continuation hanging under its indentation.
	var cont *codeLine
	for i := range lines {
		if len(lines[i].runs) > 0 && strings.HasPrefix(lines[i].runs[0].Text, "↪") {
			cont = &lines[i]
		}
	}
	if cont == nil {
		t.Fatal("the long line was not wrapped with a continuation mark")
	}
	if got, want := layout.Length(cont.runs[0].X)-x0, 8*adv; got != want {
		t.Errorf("the continuation mark stands %v in, want under the indentation, %v", got, want)
	}
}

// TestCodeTabWidth: tab_width sets where a tab takes the text.
func TestCodeTabWidth(t *testing.T) {
	s := settings(t)
	s.TabWidth = 8
	d := typeset(t, modelBook(chapterOf("c", "Code", &doc.CodeBlock{At: at(), Text: "a\n\tb\n  \tc"})), s)
	lines := codeLinesOf(d)
	adv := layout.Length(s.Face(layout.Mono).Measure("0", int64(lines[0].runs[0].Size), false))
	x0 := layout.Length(lines[0].runs[0].X)
	for i, want := range []string{"a", "        b", "        c"} {
		if got := lines[i].text(x0, adv); got != want {
			t.Errorf("line %d: %q, want %q", i, got, want)
		}
	}
}

// TestCodeHighlighted: with highlighting, keywords are bold and coloured, comments italic,
// strings coloured; without it, everything is roman and black.
func TestCodeHighlighted(t *testing.T) {
	src := "fn main() {\n    // a comment\n    let s = \"text\";\n}"
	for _, hl := range []bool{true, false} {
		s := settings(t)
		if hl {
			s.Highlight = highlight.Lines
			s.Palette, _ = highlight.Palette("colour")
		}
		d := typeset(t, modelBook(chapterOf("c", "Code", &doc.CodeBlock{At: at(), Language: "rust", Text: src})), s)
		styles := map[string]layout.Run{}
		for _, cl := range codeLinesOf(d) {
			for _, r := range cl.runs {
				styles[strings.TrimSpace(r.Text)] = r
			}
		}
		kw, cm, st := styles["fn"], styles["// a comment"], styles[`"text"`]
		if hl {
			if kw.Style != layout.Mono|layout.Bold || kw.Colour == 0 || cm.Style != layout.Mono|layout.Italic || st.Colour == 0 || st.Colour == kw.Colour {
				t.Errorf("highlighted: fn %d #%06X, comment %d, string #%06X", kw.Style, kw.Colour, cm.Style, st.Colour)
			}
		} else {
			for text, r := range styles {
				if r.Style != layout.Mono || r.Colour != 0 {
					t.Errorf("plain: %q in style %d colour #%06X", text, r.Style, r.Colour)
				}
			}
		}
	}
}

// TestCodeBlocksBreakAcrossPages: a block of six lines or fewer never splits; a longer one
// splits only with two lines or more on each side.
func TestCodeBlocksBreakAcrossPages(t *testing.T) {
	s := settings(t)
	for _, n := range []int{4, 6, 7, 30, 100} {
		for filler := 0; filler < 30; filler += 3 {
			var lines []string
			for i := range n {
				lines = append(lines, fmt.Sprintf("line_%d = %d", i, i))
			}
			blocks := []doc.Block{}
			for range filler {
				blocks = append(blocks, para(txt(lorem)))
			}
			blocks = append(blocks, &doc.CodeBlock{At: at(), Text: strings.Join(lines, "\n")})
			d := typeset(t, modelBook(chapterOf("c", "Code", blocks...)), s)
			var perPage []int
			for _, p := range d.Pages[d.BodyStart:] {
				k := 0
				for _, l := range p.Lines {
					if l.Kind == layout.LineCode {
						k++
					}
				}
				if k > 0 {
					perPage = append(perPage, k)
				}
			}
			if n <= 6 && len(perPage) > 1 {
				t.Errorf("%d lines after %d paragraphs split %v", n, filler, perPage)
			}
			for i, k := range perPage {
				if len(perPage) > 1 && k < 2 {
					t.Errorf("%d lines after %d paragraphs: %v leaves %d alone on a page (%d)", n, filler, perPage, k, i)
				}
			}
		}
	}
}

// TestInlineCodeNeverHyphenated: inline code and addresses break only before . / _ - and the
// like (or after :: and //), never with a hyphen added; "<<=" is drawn as written, in the
// code face at the text's x-height.
func TestInlineCodeNeverHyphenated(t *testing.T) {
	s := settings(t)
	var ins []doc.Inline
	for range 6 {
		ins = append(ins, txt("The call "), &doc.Code{At: at(), Text: "std::collections::HashMap::with_capacity_and_hasher"},
			txt(" shifts with "), &doc.Code{At: at(), Text: "<<="}, txt(" and reads https://docs.example.org/reference/collections-abstract-base-classes.html in the text, "))
	}
	d := typeset(t, modelBook(chapterOf("c", "Inline", para(ins...))), s)
	for _, p := range d.Pages[d.BodyStart:] {
		for _, r := range p.Runs {
			if r.Style&layout.Mono != 0 && strings.HasSuffix(r.Text, "-") {
				t.Errorf("inline code %q ends with a hyphen", r.Text)
			}
			if strings.Contains(r.Text, "<<") && r.Text != "<<=" {
				t.Errorf("<<= drawn as %q", r.Text)
			}
			if r.Style&layout.Mono != 0 && (layout.Length(r.Size) >= s.FontSize || layout.Length(r.Size) < s.FontSize*3/4) {
				t.Errorf("inline code at %v in text of %v", r.Size, s.FontSize)
			}
		}
		for _, l := range p.Lines {
			if l.Hyphenated && (strings.Contains(l.Text, "collections") || strings.Contains(l.Text, "example")) {
				t.Errorf("a line of code or an address ends hyphenated: %q", l.Text)
			}
		}
	}
}

// TestCodeLineNumbers: line_numbers puts each source line's number, right-aligned and grey,
// in a gutter before the code; a continuation has none, and the code stays in the measure.
func TestCodeLineNumbers(t *testing.T) {
	s := settings(t)
	s.LineNumbers = true
	var src []string
	for i := range 12 {
		src = append(src, fmt.Sprintf("x%d = %d", i, i))
	}
	src[10] = "y = [" + strings.Repeat("\"long item\", ", 12) + "]"
	d := typeset(t, modelBook(chapterOf("c", "Numbered", &doc.CodeBlock{At: at(), Text: strings.Join(src, "\n")})), s)
	lines := codeLinesOf(d)
	n, ends := 0, map[layout.Length]bool{}
	for _, cl := range lines {
		first := cl.runs[0]
		if strings.HasPrefix(first.Text, "↪") || (len(cl.runs) > 1 && strings.HasPrefix(cl.runs[1].Text, "↪")) {
			if first.Text != "↪" {
				t.Errorf("a continuation is numbered: %q", first.Text)
			}
			continue
		}
		n++
		if first.Text != fmt.Sprint(n) || first.Colour == 0 {
			t.Errorf("line %d starts with %q (colour #%06X)", n, first.Text, first.Colour)
		}
		ends[layout.Length(first.X)+layout.Length(first.Width)] = true
		if len(cl.runs) > 1 && cl.runs[1].X <= first.X+first.Width {
			t.Errorf("line %d: the code overlaps its number", n)
		}
		for _, r := range cl.runs {
			if layout.Length(r.X)+layout.Length(r.Width) > layout.Length(cl.metrics.X)+layout.Length(cl.metrics.Width) {
				t.Errorf("%q passes the measure", r.Text)
			}
		}
	}
	if n != 12 || len(ends) != 1 {
		t.Errorf("%d numbered lines, numbers ending at %d places", n, len(ends))
	}
}

// TestCodeMissingGlyphs: a character the code face lacks is reported once, at its line and
// column in the block, never printed silently as a blank.
func TestCodeMissingGlyphs(t *testing.T) {
	s := settings(t)
	cb := &doc.CodeBlock{At: at(), Text: "ok = 1\n\tname = \"漢字\"  # 漢"}
	d, err := layout.Typeset(modelBook(chapterOf("c", "Code", cb)), s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings {
		got = append(got, w.String())
	}
	want := fmt.Sprintf("%s:%d:%d: warning: the character U+6F22 '漢' is not in the code font DejaVu Sans Mono; the PDF shows a blank for it", cb.Pos.File, cb.Pos.Line+2, 13)
	if len(got) != 2 || got[0] != want {
		t.Errorf("warnings:\n%s\nwant first\n%s", strings.Join(got, "\n"), want)
	}
}
