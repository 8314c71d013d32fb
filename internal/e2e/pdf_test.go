package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
	"bindery/book/pdf"
	"bindery/book/pipeline"
)

const pdfName = "bolivia-power-within-grasp.pdf"

// needTool finds a command-line tool, failing in CI (where .ci/run installs it) and skipping
// elsewhere.
func needTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s is not installed", name)
	}
}

func buildPDF(t *testing.T, args ...string) string {
	t.Helper()
	out := t.TempDir()
	if code, _, stderr := run(t, append([]string{"build", "--format", "pdf", "--out", out}, args...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return filepath.Join(out, pdfName)
}

func TestPDFIsReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	a, _ := os.ReadFile(buildPDF(t))
	b, _ := os.ReadFile(buildPDF(t))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("two builds of the PDF differ")
	}
	// Issue 17's bound for the default book, tagged (it was 386 KB before the second round).
	if len(a) > 320_000 {
		t.Errorf("the default book's PDF is %d bytes, more than 320 KB", len(a))
	}
}

// TestPDFChecks runs the PDF tools a printer or reader would: qpdf finds no errors, every
// font is an embedded subset, the metadata is there, and the text comes back in reading order.
func TestPDFChecks(t *testing.T) {
	needTool(t, "qpdf", "qpdf")
	needTool(t, "pdffonts", "poppler-utils")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	path := buildPDF(t)

	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") || strings.Contains(string(out), "WARNING") {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}

	out, _ = exec.Command("pdffonts", path).CombinedOutput()
	fonts := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(fonts) == 0 {
		t.Fatalf("no fonts:\n%s", out)
	}
	for _, f := range fonts {
		fields := strings.Fields(f)
		if len(fields) < 7 || fields[len(fields)-5] != "yes" || fields[len(fields)-4] != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(fields[0]) {
			t.Errorf("font not an embedded subset: %s", f)
		}
	}

	out, _ = exec.Command("pdfinfo", path).CombinedOutput()
	for _, want := range []string{"Title:           Bolivia: power within grasp", "Author:          League for the Fifth International",
		"Keywords:        Bolivia", "Subject:         A history", "Creator:         bindery", "CreationDate:    Tue Nov 14 22:13:20 2023 UTC"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}

	out, _ = exec.Command("qpdf", "--json", "--json-key=pagelabels", path).CombinedOutput()
	if !regexp.MustCompile(`(?s)"index": 0,\s*"label": \{\s*"/S": "/r"`).Match(out) || !regexp.MustCompile(`(?s)"index": \d+,\s*"label": \{\s*"/S": "/D"`).Match(out) {
		t.Errorf("page labels missing:\n%s", out)
	}

	// Reading order: the opening words of every paragraph appear in the PDF's text in order.
	out, err = exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := normalise(string(out))
	b, _, err := pipeline.Load(defaultBookDir)
	if err != nil {
		t.Fatal(err)
	}
	at, paragraphs := 0, 0
	for _, ch := range b.AllChapters() {
		doc.Walk(ch.Blocks, func(blk doc.Block) bool {
			p, ok := blk.(*doc.Paragraph)
			if !ok {
				return true
			}
			// The probe stops at a note's reference: print sets its number in the line.
			ins := p.Inlines
			for k, in := range ins {
				if _, ok := in.(*doc.FootnoteRef); ok {
					ins = ins[:k]
					break
				}
			}
			words := strings.Fields(normalise(doc.PlainText(ins)))
			if len(words) == 0 {
				return true
			}
			probe := strings.Join(words[:min(6, len(words))], " ")
			i := strings.Index(text[at:], probe)
			if i < 0 {
				t.Errorf("%s: %q not found in order in the PDF text", p.Pos, probe)
				return true
			}
			at += i + len(probe)
			paragraphs++
			return true
		})
	}
	if paragraphs < 150 {
		t.Fatalf("only %d paragraphs checked", paragraphs)
	}
}

// normalise joins words hyphenated at line ends and collapses white space.
func normalise(s string) string {
	s = regexp.MustCompile(`(\p{L})-\n(\p{Ll})`).ReplaceAllString(s, "$1$2")
	return strings.Join(strings.Fields(s), " ")
}

// TestBooklet checks the imposed booklet: sides in a multiple of four pages, two pages on each
// side, and the first sheet's front holding the first signature's last and first page, the
// back the second and the second-to-last, read from the PDFs' own text; with --signature 4,
// the same of the second signature (pages 17 to 32).
func TestBooklet(t *testing.T) {
	needTool(t, "pdftotext", "poppler-utils")
	needTool(t, "qpdf", "qpdf")
	t.Run("default", func(t *testing.T) { checkBooklet(t, 0) })
	t.Run("signature 4", func(t *testing.T) { checkBooklet(t, 4) })
}

func checkBooklet(t *testing.T, signature int) {
	out := t.TempDir()
	args := []string{"build", "--format", "pdf", "--impose", "booklet", "--out", out}
	if signature > 0 {
		args = append(args, "--signature", itoa(signature))
	}
	if code, _, stderr := run(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	book, booklet := filepath.Join(out, pdfName), filepath.Join(out, "bolivia-power-within-grasp-booklet.pdf")
	if res, err := exec.Command("qpdf", "--check", booklet).CombinedOutput(); err != nil || strings.Contains(string(res), "WARNING") {
		t.Fatalf("qpdf --check booklet: %v\n%s", err, res)
	}
	pages := pageCount(t, book)
	sides := pageCount(t, booklet)
	if padded := (pages + 3) / 4 * 4; sides*2 != padded {
		t.Fatalf("%d pages imposed on %d sides, want %d", pages, sides, padded/2)
	}
	info, _ := exec.Command("pdfinfo", booklet).Output()
	if !strings.Contains(string(info), "841.89 x 595.28 pts (A4)") {
		t.Fatalf("A5 pages are not on A4 sheets:\n%s", info)
	}
	pageText := func(n int) string {
		if n > pages {
			return ""
		}
		b, _ := exec.Command("pdftotext", "-f", itoa(n), "-l", itoa(n), book, "-").Output()
		return strings.Join(strings.Fields(string(b)), " ")
	}
	half := func(side int, right bool) string {
		x := "0"
		if right {
			x = "421"
		}
		b, _ := exec.Command("pdftotext", "-f", itoa(side), "-l", itoa(side), "-x", x, "-y", "0", "-W", "420", "-H", "596", booklet, "-").Output()
		return strings.Join(strings.Fields(string(b)), " ")
	}
	// The signature checked: its first side, and its first and last page.
	sizes := pdf.Signatures((pages+3)/4, signature)
	// The default book takes more than one signature (86 pages: 22 sheets, in 3 of at most 8
	// or 6 of 4), and every signature but the last is full.
	for k, n := range sizes {
		if len(sizes) < 2 || k < len(sizes)-1 && signature > 0 && n != signature {
			t.Fatalf("%d sheets in signatures %v", (pages+3)/4, sizes)
		}
	}
	side0, first, last := 0, 1, 4*sizes[0]
	if signature > 0 {
		side0, first, last = 2*sizes[0], 4*sizes[0]+1, 4*(sizes[0]+sizes[1])
	}
	checks := []struct {
		side  int
		right bool
		page  int
	}{{side0 + 1, false, last}, {side0 + 1, true, first}, {side0 + 2, false, first + 1}, {side0 + 2, true, last - 1},
		{side0 + 3, true, first + 2}, {side0 + 3, false, last - 2}}
	for _, c := range checks {
		got, want := half(c.side, c.right), pageText(c.page)
		if got != want {
			t.Errorf("side %d %s half: got %q, want page %d %q", c.side, map[bool]string{false: "left", true: "right"}[c.right], got, c.page, want)
		}
	}
	if pageText(1) == "" || pageText(3) == "" {
		t.Fatal("pages 1 and 3 should have text to compare")
	}
}

func pageCount(t *testing.T, path string) int {
	t.Helper()
	b, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no page count in pdfinfo output")
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestKerningInPDF: with a kerned family the PDF's text carries the kerning adjustments.
func TestKerningInPDF(t *testing.T) {
	needTool(t, "qpdf", "qpdf")
	dir := copyBook(t, "testdata/books/features")
	cfg, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	os.WriteFile(filepath.Join(dir, "book.yaml"), append(cfg, []byte("font: Gentium Book Plus\n")...), 0o644)
	out := t.TempDir()
	if code, _, stderr := run(t, "build", dir, "--format", "pdf", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	plain := filepath.Join(out, "plain.pdf")
	if res, err := exec.Command("qpdf", "--stream-data=uncompress", filepath.Join(out, "features-a-test-book.pdf"), plain).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, res)
	}
	data, _ := os.ReadFile(plain)
	// A string, a whole number, a string: kerning (the glyphs are in hex, or one byte a
	// glyph in a literal string).
	if !regexp.MustCompile(`\[(<[0-9A-F]+>|\([^()\\]+\))-?\d+[<(]`).Match(data) {
		t.Fatal("no kerning adjustments in the text operators")
	}
	if !bytes.Contains(data, []byte("GentiumBookPlus")) {
		t.Fatal("the family was not used")
	}
}

// TestFigureInPDF: an image alone in its paragraph is printed, scaled to the measure, and the
// EPUB carries it too.
func TestFigureInPDF(t *testing.T) {
	needTool(t, "pdfimages", "poppler-utils")
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 600))
	for x := 0; x < 1200; x++ {
		img.Set(x, x/2, color.RGBA{200, 0, 0, 255})
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	os.MkdirAll(filepath.Join(dir, "figures"), 0o755)
	os.WriteFile(filepath.Join(dir, "figures", "map.png"), buf.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Figures\nauthor: A\nlanguage: en-GB\nidentifier: x\nchapters: [c.md]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.md"), []byte("# Figures\n\nBefore the map.\n\n![A red diagonal line](figures/map.png)\n\nAfter the map.\n"), 0o644)
	out := t.TempDir()
	if code, _, stderr := run(t, "build", dir, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	list, err := exec.Command("pdfimages", "-list", filepath.Join(out, "figures.pdf")).Output()
	if err != nil || !strings.Contains(string(list), "1200   600") {
		t.Fatalf("the PDF does not hold the 1200×600 image: %v\n%s", err, list)
	}
	if res, err := exec.Command("qpdf", "--check", filepath.Join(out, "figures.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, res)
	}
	// The description is the caption; the picture's own alternative is then empty, so that
	// a screen reader does not read it twice.
	xhtml := unzipEntry(t, mustRead(t, filepath.Join(out, "figures.epub")), "OEBPS/text/figures.xhtml")
	if !regexp.MustCompile(`<figure>\s*<img src="[^"]+" alt=""/>\s*<figcaption>A red diagonal line</figcaption>`).Match(xhtml) {
		t.Fatalf("the EPUB lacks the figure:\n%s", xhtml)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGlyphsLandWhereLaidOut reads back where poppler finds each word and compares it with the
// layout: every run starts at the x the layout gave it and ends where the layout measured,
// to 0.005 pt, kerned (Gentium Book Plus) and unkerned (Charis SIL), so the
// writer's glyph widths and TJ arithmetic agree with the layout's measure.
func TestGlyphsLandWhereLaidOut(t *testing.T) {
	needTool(t, "pdftotext", "poppler-utils")
	for _, c := range []struct{ book, family string }{
		{defaultBookDir, "Charis SIL"}, {defaultBookDir, "Gentium Book Plus"}, {"testdata/books/features", "Charis SIL"},
		{"testdata/books/technical", "Charis SIL"},
	} {
		family := c.family
		t.Run(c.book+" "+family, func(t *testing.T) {
			dir := copyBook(t, c.book)
			cfg, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
			os.WriteFile(filepath.Join(dir, "book.yaml"), append(cfg, []byte("\nfont: "+family+"\n")...), 0o644)
			out := t.TempDir()
			if code, _, stderr := run(t, "build", dir, "--format", "pdf", "--out", out); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, _, err := pipeline.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := pipeline.Layout(b)
			if err != nil {
				t.Fatal(err)
			}
			pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
			if len(pdfs) != 1 {
				t.Fatalf("%d PDFs", len(pdfs))
			}
			html, err := exec.Command("pdftotext", "-bbox", pdfs[0], "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(string(html), "<page ")[1:]
			if len(pages) != len(d.Pages) {
				t.Fatalf("%d pages in the PDF, %d laid out", len(pages), len(d.Pages))
			}
			wordRE := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">`)
			// Poppler puts a word's bottom at the baseline plus the font's descent: the same
			// fraction of the size for every run, raised (note numbers) or not.
			descent := map[layout.Style]float64{}
			pt := func(l layout.Length) float64 { return float64(l) / float64(layout.Pt) }
			checked, worst := 0, 0.0
			for i, p := range d.Pages {
				var starts, ends, bottoms []float64
				for _, m := range wordRE.FindAllStringSubmatch(pages[i], -1) {
					x0, _ := strconv.ParseFloat(m[1], 64)
					x1, _ := strconv.ParseFloat(m[2], 64)
					y1, _ := strconv.ParseFloat(m[3], 64)
					starts, ends, bottoms = append(starts, x0), append(ends, x1), append(bottoms, y1)
				}
				for _, r := range p.Runs {
					if strings.TrimSpace(r.Text) == "" || r.Size == 0 {
						continue
					}
					best := -1
					for k, x0 := range starts {
						if math.Abs(x0-pt(layout.Length(r.X))) <= 0.005 && (best < 0 || math.Abs(bottoms[k]-pt(layout.Length(r.Y))) < math.Abs(bottoms[best]-pt(layout.Length(r.Y)))) {
							best = k
						}
					}
					// Half the size: a word of the line above or below that happens to start
					// at the same x (a glossary's ragged lines) is not this run's.
					if best < 0 || math.Abs(bottoms[best]-pt(layout.Length(r.Y))) > pt(layout.Length(r.Size))/2 {
						continue // inside a word (punctuation after a link, say)
					}
					d := (bottoms[best] - pt(layout.Length(r.Y))) / pt(layout.Length(r.Size))
					if want, ok := descent[r.Style]; !ok {
						descent[r.Style] = d
					} else if math.Abs(d-want) > 0.002 {
						t.Errorf("page %s: %q (raised %.2fpt) sits %.3fpt off its baseline", p.Label, r.Text, pt(layout.Length(r.Raise)), (d-want)*pt(layout.Length(r.Size)))
					}
				}
				nearest := func(xs []float64, x float64) float64 {
					best := math.Inf(1)
					for _, v := range xs {
						best = min(best, math.Abs(v-x))
					}
					return best
				}
				for k, r := range p.Runs {
					// A run that continues a word (a footnote number, a change of style)
					// is not a word of its own for poppler; tracked runs end after their
					// last letter's spacing, which poppler leaves out.
					next := k+1 < len(p.Runs) && layout.Length(p.Runs[k+1].Y) == layout.Length(r.Y) && layout.Length(p.Runs[k+1].X)-(layout.Length(r.X)+layout.Length(r.Width)) < layout.Pt
					prev := k > 0 && layout.Length(p.Runs[k-1].Y) == layout.Length(r.Y) && layout.Length(r.X)-(layout.Length(p.Runs[k-1].X)+layout.Length(p.Runs[k-1].Width)) < layout.Pt
					text := strings.TrimSpace(r.Text)
					if text == "" || r.Raise != 0 || r.Tracking != 0 || strings.ContainsAny(text, ".") && len(text) == 1 {
						continue
					}
					// A run's spaces (code keeps them) are no part of the words poppler sees.
					face := d.Settings.Face(r.Style)
					lead := layout.Length(face.Measure(r.Text[:len(r.Text)-len(strings.TrimLeft(r.Text, " "))], int64(r.Size), false))
					trail := layout.Length(face.Measure(r.Text[len(strings.TrimRight(r.Text, " ")):], int64(r.Size), false))
					if !prev {
						e := nearest(starts, pt(layout.Length(r.X)+lead))
						worst = max(worst, e)
						if e > 0.005 {
							t.Errorf("page %s: %q starts %.3fpt from where it was laid out", p.Label, r.Text, e)
						}
						checked++
					}
					if !next {
						e := nearest(ends, pt(layout.Length(r.X)+layout.Length(r.Width)-trail))
						worst = max(worst, e)
						if e > 0.005 {
							t.Errorf("page %s: %q ends %.3fpt from where it was measured to", p.Label, r.Text, e)
						}
						checked++
					}
				}
			}
			if checked < 5000 && c.book == defaultBookDir || checked < 100 {
				t.Fatalf("only %d word edges checked", checked)
			}
			t.Logf("%d word edges, worst %.4fpt", checked, worst)
		})
	}
}
