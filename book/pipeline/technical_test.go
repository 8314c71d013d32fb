package pipeline

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/layout"
)

const technicalBook = "../../testdata/books/technical"

// bboxWord is a word as pdftotext -bbox reads it back from the PDF.
type bboxWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var bboxPageRE = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
var bboxWordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// bboxWords reads the words of every page of a PDF with pdftotext -bbox.
func bboxWords(t *testing.T, path string) [][]bboxWord {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var pages [][]bboxWord
	for _, pm := range bboxPageRE.FindAllStringSubmatch(string(out), -1) {
		var ws []bboxWord
		for _, m := range bboxWordRE.FindAllStringSubmatch(pm[1], -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			text := m[5]
			for _, e := range [][2]string{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&apos;", "'"}} {
				text = strings.ReplaceAll(text, e[0], e[1])
			}
			ws = append(ws, bboxWord{f(m[1]), f(m[2]), f(m[3]), f(m[4]), text})
		}
		pages = append(pages, ws)
	}
	return pages
}

// TestTechnicalBookReadsBack: the technical fixture built, then read back from the PDF with
// pdftotext -bbox: every line of every code block comes back with its characters and its
// leading spaces (the column of each word from where it stands, in the code face's advance;
// a wrapped line joined after its ↪), every code line and inline code is set in the code
// face, nothing stands outside the text block, the long table's header is repeated on every
// page it continues onto, the PDF draws coloured text, and the EPUB has the highlighting's
// classes and stylesheet.
func TestTechnicalBookReadsBack(t *testing.T) {
	needPDFToText(t)
	b, list, err := Load(technicalBook)
	if err != nil {
		t.Fatalf("%v\n%v", err, list)
	}
	d, list, err := Layout(b)
	if err != nil {
		t.Fatalf("%v\n%v", err, list)
	}
	for _, w := range list {
		t.Errorf("diagnostic: %v", w)
	}
	pdfPath := filepath.Join(t.TempDir(), "book.pdf")
	pfs, err := writePDF(pdfPath, b, Options{}, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range pfs {
		if err := f.commit(); err != nil {
			t.Fatal(err)
		}
	}
	pages := bboxWords(t, pdfPath)
	mono := d.Settings.Face(layout.Mono)
	s := d.Settings

	// The code as printed: each code line's words placed at their columns.
	var printed []string
	for pi, p := range d.Pages {
		if pi < d.BodyStart {
			continue
		}
		left := s.Outer
		if p.Recto {
			left = s.Inner
		}
		for _, r := range p.Runs {
			if layout.Length(r.X) < left-layout.Pt/100 || layout.Length(r.X)+layout.Length(r.Width) > left+s.TextWidth()+layout.Pt/100 {
				t.Errorf("page %s: %q stands outside the text block", p.Label, r.Text)
			}
		}
		for _, l := range p.Lines {
			if l.Kind != layout.LineCode {
				continue
			}
			var size layout.Length
			for _, r := range p.Runs {
				if layout.Length(r.Y) == layout.Length(l.Y) {
					size = layout.Length(r.Size)
					if r.Style&layout.Mono == 0 {
						t.Errorf("page %s: code %q is not in the code face", p.Label, r.Text)
					}
				}
			}
			// The code's text edge: the ground's inset, half the body size.
			x0 := (l.X + s.FontSize/2).Points()
			adv := float64(mono.AdvanceMilli('0')) * size.Points() / 1000
			y := l.Y.Points()
			var ws []bboxWord
			for _, w := range pages[pi] {
				if w.y1 > y-size.Points() && w.y1 < y+size.Points()/2 {
					ws = append(ws, w)
				}
			}
			sort.Slice(ws, func(i, j int) bool { return ws[i].x0 < ws[j].x0 })
			var line strings.Builder
			col := 0
			for _, w := range ws {
				for want := int((w.x0-x0)/adv + 0.5); col < want; col++ {
					line.WriteByte(' ')
				}
				if col > 0 && line.Len() > 0 && !strings.HasSuffix(line.String(), " ") {
					line.WriteByte(' ')
					col++
				}
				line.WriteString(w.text)
				col += len([]rune(w.text))
			}
			text := line.String()
			if rest, ok := strings.CutPrefix(strings.TrimLeft(text, " "), "↪"); ok && len(printed) > 0 {
				printed[len(printed)-1] += " " + strings.TrimLeft(rest, " ")
				continue
			}
			printed = append(printed, strings.TrimRight(text, " "))
		}
	}
	var source []string
	for _, ch := range b.Book.Chapters {
		doc.Walk(ch.Blocks, func(bl doc.Block) bool {
			if cb, ok := bl.(*doc.CodeBlock); ok {
				for _, l := range strings.Split(cb.Text, "\n") {
					source = append(source, strings.TrimRight(expandTabsForTest(l, 4), " "))
				}
			}
			return true
		})
	}
	// Words joined across a wrap where the source had spaces: compare with runs of spaces
	// inside a line kept, and a join at a wrap counted as one space.
	if len(printed) != len(source) {
		t.Fatalf("%d code lines printed, %d in the source", len(printed), len(source))
	}
	for i := range source {
		got, want := printed[i], source[i]
		if got != want && collapseAfterIndent(got) != collapseAfterIndent(want) {
			t.Errorf("code line %d:\n got %q\nwant %q", i+1, got, want)
		} else if leading(got) != leading(want) {
			t.Errorf("code line %d: %d leading spaces, want %d", i+1, leading(got), leading(want))
		}
	}

	// The long table's header on every page it continues onto.
	repeated := 0
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if l.Repeated && strings.HasPrefix(l.Text, "No.") {
				repeated++
			}
		}
	}
	if repeated < 2 {
		t.Errorf("the long table's header is repeated on %d pages, want its continuation pages (2 or more)", repeated)
	}

	// Coloured text in the PDF: rg operators in the content streams.
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", pdfPath, qdf).CombinedOutput(); err != nil {
		t.Skipf("qpdf: %v %s", err, out)
	}
	raw, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`[0-9.]+ [0-9.]+ [0-9.]+ rg\s`).FindAll(raw, -1)); n < 20 {
		t.Errorf("%d coloured runs in the PDF", n)
	}
	if !regexp.MustCompile(`/BaseFont /[A-Z]{6}\+DejaVuSansMono`).Match(raw) {
		t.Error("the code face is not embedded as a subset")
	}

	// The EPUB: classes, their stylesheet.
	var buf bytes.Buffer
	if err := epub.Write(&buf, b.Book, epub.Options{Print: PrintForEPUB(b, d), Highlight: b.Config.Code.HighlightStyle()}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		all += string(data)
	}
	for _, want := range []string{`<code class="language-rust">`, `<span class="hl-kw">fn</span>`, `<span class="hl-cm">`, "pre .hl-kw {", `<caption>Downloads of four crates</caption>`} {
		if !strings.Contains(all, want) {
			t.Errorf("the EPUB lacks %s", want)
		}
	}
	if strings.Contains(all, `style="`) {
		t.Error("the EPUB has inline styles")
	}
	if strings.Contains(all, `language-klingon`) {
		t.Error("an unknown language was highlighted")
	}
}

func expandTabsForTest(s string, w int) string {
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := w - col%w
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

func leading(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// collapseAfterIndent is s with its indentation kept and every other run of spaces one space.
func collapseAfterIndent(s string) string {
	return strings.Repeat(" ", leading(s)) + strings.Join(strings.Fields(s), " ")
}
