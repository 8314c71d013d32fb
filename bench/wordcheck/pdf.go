package wordcheck

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
)

// PDFTokens returns the words of a PDF's body pages (from the first page numbered in arabic,
// per the page labels; all pages when there are none), read with pdftotext -bbox-layout, less
// the running heads and folios. A word hyphenated at a line end is re-joined when the joined
// form is a source word (see LineWords). Words that stand even partly outside the page are
// not returned, since no reader sees them whole: their number is the second result. Needs
// pdftotext; qpdf, if present, for page labels.
func PDFTokens(file string, v *Vocab) ([]Token, int, error) {
	out, err := exec.Command("pdftotext", "-bbox-layout", file, "-").Output()
	if err != nil {
		return nil, 0, fmt.Errorf("pdftotext %s: %v", file, err)
	}
	pages, err := parseBBox(out)
	if err != nil {
		return nil, 0, fmt.Errorf("pdftotext %s: %v", file, err)
	}
	first, labels := arabicStart(file, len(pages))
	pages = pages[first:]
	clipped := 0
	for i := range pages {
		clipped += pages[i].clip()
	}
	return pageTokens(pages, labels[first:], v), clipped, nil
}

// clip removes the words that stand partly outside the page and returns how many there were.
func (p *bboxPage) clip() int {
	n := 0
	for _, f := range p.Flows {
		for _, b := range f.Blocks {
			for k := range b.Lines {
				l := &b.Lines[k]
				kept := l.Words[:0]
				for _, w := range l.Words {
					if p.Width > 0 && (w.XMin < -0.5 || w.XMax > p.Width+0.5 || w.YMax > p.Height+0.5) {
						n++
						continue
					}
					kept = append(kept, w)
				}
				l.Words = kept
			}
		}
	}
	return n
}

// A bbox page, as pdftotext -bbox-layout writes it: lines of words with their positions.
type bboxPage struct {
	Width  float64    `xml:"width,attr"`
	Height float64    `xml:"height,attr"`
	Flows  []bboxFlow `xml:"flow"`
}

type bboxFlow struct {
	Blocks []struct {
		Lines []bboxLine `xml:"line"`
	} `xml:"block"`
}

type bboxLine struct {
	YMin  float64    `xml:"yMin,attr"`
	Words []bboxWord `xml:"word"`
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

func parseBBox(b []byte) ([]bboxPage, error) {
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		return nil, err
	}
	return doc.Pages, nil
}

// arabicStart returns the index of the first page labelled in arabic numerals and the label
// (folio) of every page; with no page labels, 0 and 1, 2, 3….
func arabicStart(file string, n int) (int, []string) {
	labels := make([]string, n)
	for i := range labels {
		labels[i] = strconv.Itoa(i + 1)
	}
	out, err := exec.Command("qpdf", "--json", "--json-key=pagelabels", file).Output()
	if err != nil {
		return 0, labels
	}
	var j struct {
		PageLabels []struct {
			Index int `json:"index"`
			Label struct {
				S  string `json:"/S"`
				St int    `json:"/St"`
			} `json:"label"`
		} `json:"pagelabels"`
	}
	if json.Unmarshal(out, &j) != nil || len(j.PageLabels) == 0 {
		return 0, labels
	}
	first := -1
	for k, pl := range j.PageLabels {
		end := n
		if k+1 < len(j.PageLabels) {
			end = j.PageLabels[k+1].Index
		}
		st := max(pl.Label.St, 1)
		for i := pl.Index; i < end && i < n; i++ {
			num := st + i - pl.Index
			switch pl.Label.S {
			case "/D":
				labels[i] = strconv.Itoa(num)
			case "/r":
				labels[i] = roman(num)
			case "/R":
				labels[i] = strings.ToUpper(roman(num))
			}
		}
		if pl.Label.S == "/D" && first < 0 {
			first = pl.Index
		}
	}
	if first < 0 || first >= n {
		return 0, labels
	}
	return first, labels
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// row is the words of one baseline band of a page (pdftotext may split a line, e.g. a running
// head and its folio, into several lines at one height).
type row struct {
	y     float64
	words []string
}

func pageRows(p bboxPage) []row {
	var rows []row
	for _, f := range p.Flows {
		for _, b := range f.Blocks {
			for _, l := range b.Lines {
				var ws []string
				for _, w := range l.Words {
					ws = append(ws, w.Text)
				}
				rows = append(rows, row{y: l.YMin, words: ws})
			}
		}
	}
	return rows
}

// pageTokens drops the running head (the top band, when it is at the height where the
// running heads of most pages stand and holds the folio) and a folio alone in the bottom band,
// then splits the rest into words, line by line.
func pageTokens(pages []bboxPage, labels []string, v *Vocab) []Token {
	all := make([][]row, len(pages))
	heads := map[int]int{} // top-band height (rounded) → pages with the folio in it
	for i, p := range pages {
		all[i] = pageRows(p)
		if top, ok := band(all[i], math.Min); ok && holds(all[i], top, labels[i]) {
			heads[int(math.Round(top))]++
		}
	}
	headY, best := math.NaN(), 0
	for y, n := range heads {
		if n > best {
			headY, best = float64(y), n
		}
	}
	var lines []string
	var where []string // the page of each line
	for i, rows := range all {
		top, _ := band(rows, math.Min)
		bottom, _ := band(rows, math.Max)
		for _, r := range rows {
			if math.Abs(r.y-top) < 1 && math.Abs(top-headY) < 1.5 && holds(rows, top, labels[i]) {
				continue // running head and folio
			}
			if math.Abs(r.y-bottom) < 1 && len(r.words) == 1 && strings.EqualFold(r.words[0], labels[i]) && onlyRow(rows, bottom) {
				continue // folio at the foot
			}
			lines = append(lines, strings.Join(r.words, " "))
			where = append(where, "p. "+labels[i])
		}
	}
	// One pass over all lines, so that a word hyphenated across a page break is re-joined.
	var toks []Token
	for _, lw := range lineWords(lines, v) {
		toks = append(toks, Token{Word: lw.word, File: where[lw.line], Hyph: lw.hyph, HyphNext: lw.hyphNext})
	}
	return toks
}

// band returns the height of the top (math.Min) or bottom (math.Max) band of a page.
func band(rows []row, pick func(a, b float64) float64) (float64, bool) {
	if len(rows) == 0 {
		return 0, false
	}
	y := rows[0].y
	for _, r := range rows[1:] {
		y = pick(y, r.y)
	}
	return y, true
}

// holds reports whether the band at y has a word equal to the folio.
func holds(rows []row, y float64, folio string) bool {
	for _, r := range rows {
		if math.Abs(r.y-y) < 1 {
			for _, w := range r.words {
				if strings.EqualFold(w, folio) {
					return true
				}
			}
		}
	}
	return false
}

func onlyRow(rows []row, y float64) bool {
	n := 0
	for _, r := range rows {
		if math.Abs(r.y-y) < 1 {
			n++
		}
	}
	return n == 1
}
