package pipeline

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"bindery/book/layout"
)

// The measures a book designer reads a proof by (issue 16), on the default book's layout.

// oneWordLastLines counts the paragraphs of running text and those whose last line is one
// word alone.
func oneWordLastLines(d *layout.Document) (paragraphs, alone int, which []string) {
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Kind != layout.LineParagraph || !l.Last || l.First || p.Chapter == nil || p.Chapter.Generated {
				continue
			}
			paragraphs++
			if len(strings.Fields(l.Text)) == 1 {
				alone++
				which = append(which, p.Label+": "+l.Text)
			}
		}
	}
	return paragraphs, alone, which
}

// hyphenatedPageEnds lists the pages whose last line of text ends in a hyphen, and how many
// such pages follow one another.
func hyphenatedPageEnds(d *layout.Document) (ends []string, consecutive int) {
	prev := false
	for _, p := range d.Pages {
		body := bodyLines(p)
		h := len(body) > 0 && body[len(body)-1].Hyphenated
		if h {
			ends = append(ends, p.Label)
			if prev {
				consecutive++
			}
		}
		prev = h
	}
	return ends, consecutive
}

// spaceP95 is the 95th percentile of inter-word spaces over their natural width, on the
// justified lines of the author's chapters.
func spaceP95(d *layout.Document) float64 {
	var ratios []float64
	for _, p := range d.Pages {
		for _, l := range bodyLines(p) {
			if l.Justified && l.NaturalSpace > 0 && p.Chapter != nil && !p.Chapter.Generated {
				for _, s := range l.Spaces {
					ratios = append(ratios, float64(s)/float64(l.NaturalSpace))
				}
			}
		}
	}
	sort.Float64s(ratios)
	return ratios[int(math.Ceil(0.95*float64(len(ratios))))-1]
}

// TestDesignersProof measures the default book as issue 16 asks: no heading line holds a
// single word (unless the heading is one word); paragraphs ending in a line of one word,
// pages in a row ending in a hyphen, and the 95th percentile of inter-word spaces are
// logged and held to the targets (hyphenated page ends in a row: none; one-word last
// lines at most 2 %; spaces 1.40×: see docs/notes.md, issue 16). Before issue 16: 14 of 158
// one-word last lines, 1 pair of hyphenated page ends, p95 1.435, 3 headings with a word
// alone.
func TestDesignersProof(t *testing.T) {
	d := layoutDefault(t)
	n, alone, which := oneWordLastLines(d)
	t.Logf("%d of %d paragraphs end in a one-word line (%.1f %%, target 2 %%): %q", alone, n, 100*float64(alone)/float64(n), which)
	// 14 of 158 before issue 16, 12 of 159 after its first rounds; 0 with letter spacing
	// and the second pass for paragraphs whose last word stood alone (acronyms in small
	// capitals had made it 14 before). Held to the 2 %.
	if alone*50 > n {
		t.Errorf("%d of %d paragraphs end in a one-word line, more than 2 %%", alone, n)
	}
	ends, consecutive := hyphenatedPageEnds(d)
	t.Logf("pages ending in a hyphen: %v (%d right after another, target 0)", ends, consecutive)
	if consecutive > 0 { // 1 pair before the page builder ended such a page a line early
		t.Errorf("%d pages end in a hyphen right after a page that does: %v", consecutive, ends)
	}
	for _, p := range d.Pages {
		var heading []layout.LineMetrics
		flush := func() {
			if len(heading) > 1 && len(strings.Fields(heading[len(heading)-1].Text)) == 1 {
				t.Errorf("page %s: heading ends with one word alone on its line: %q", p.Label, heading[len(heading)-1].Text)
			}
			heading = nil
		}
		for _, l := range p.Lines {
			switch l.Kind {
			case layout.LineHeading, layout.LineChapterTitle, layout.LinePartTitle:
				if l.First {
					flush()
				}
				heading = append(heading, l)
			default:
				flush()
			}
		}
		flush()
	}
	// The letters' share stays within the limits (at most the tolerance's ratio times the
	// stretch, the full shrink), but on an underfull line.
	s := d.Settings
	most, least := layout.Length(math.Cbrt(2)*float64(s.FontSize)*float64(s.LetterStretch)/1000)+1, -s.FontSize*layout.Length(s.LetterShrink)/1000-1
	spaced := 0
	for _, p := range d.Pages {
		for _, l := range bodyLines(p) {
			if l.Kind != layout.LineParagraph || !l.Justified || l.Underfull {
				continue
			}
			if l.Tracking > most || l.Tracking < least {
				t.Errorf("page %s: letters spaced by %v, beyond %v to %v: %q", p.Label, l.Tracking, least, most, l.Text)
			}
			if l.Tracking != 0 {
				spaced++
			}
		}
	}
	if spaced == 0 {
		t.Error("no line has its letters spaced: the letters take no part in justifying")
	}
	p95 := spaceP95(d)
	t.Logf("inter-word space p95 %.3f× natural (target 1.40)", p95)
	if p95 > 1.40 { // 1.444 before the letters took part in justifying; 1.378 after
		t.Errorf("95th percentile of inter-word space is %.3f× natural, looser than XeLaTeX's 1.40", p95)
	}
}

// TestTitlePageTitleIsBalanced: a title that takes two lines on the title page is balanced
// over them, never one word alone on the last ("Technical: a test book of code and / tables"
// before the title page's texts were set as display lines).
func TestTitlePageTitleIsBalanced(t *testing.T) {
	b, list, err := Load("../../testdata/books/technical")
	if err != nil {
		t.Fatalf("%v\n%v", err, list)
	}
	d, _, err := Layout(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Pages {
		if p.Kind != layout.TitlePage {
			continue
		}
		var biggest layout.Length
		for _, r := range p.Runs {
			biggest = max(biggest, layout.Length(r.Size))
		}
		lines := map[layout.Length]string{} // the title's text by baseline
		var ys []layout.Length
		for _, r := range p.Runs {
			if layout.Length(r.Size) == biggest {
				if _, ok := lines[layout.Length(r.Y)]; !ok {
					ys = append(ys, layout.Length(r.Y))
				}
				lines[layout.Length(r.Y)] += r.Text
			}
		}
		if len(ys) < 2 {
			t.Fatalf("the title takes %d line(s); the test wants a title of two", len(ys))
		}
		last := lines[slices.Max(ys)]
		if len(strings.Fields(last)) < 2 {
			t.Errorf("the title's last line is one word alone: %q", last)
		}
		return
	}
	t.Fatal("no title page")
}
