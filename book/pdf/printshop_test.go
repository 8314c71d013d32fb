package pdf

import (
	"bytes"
	"compress/zlib"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.01 }

func TestBleedAndMarksGiveTrimAndBleedBoxes(t *testing.T) {
	d := numbered(3)
	info := testInfo
	info.Bleed, info.Marks = 3*mm, true
	data := write(t, d, info, charis(t))
	q := readBack(t, data)
	m := 3*mm + markGap + markLength + slugMargin
	media := numbers(t, q.dict(t, q.catalog(t)["/Pages"])["/MediaBox"])
	if !near(media[2], 420+2*m) || !near(media[3], 595+2*m) {
		t.Errorf("media box %v, want the page and %g around it", media, m)
	}
	for i := range 3 {
		p := q.page(t, i)
		trim, bleed := numbers(t, p["/TrimBox"]), numbers(t, p["/BleedBox"])
		if len(trim) != 4 || !near(trim[0], m) || !near(trim[1], m) || !near(trim[2], m+420) || !near(trim[3], m+595) {
			t.Errorf("page %d: trim box %v", i, trim)
		}
		if len(bleed) != 4 || !near(bleed[0], m-3*mm) || !near(bleed[3], m+595+3*mm) {
			t.Errorf("page %d: bleed box %v", i, bleed)
		}
		// The page's drawing is moved onto the trimmed page; the marks stand outside the
		// bleed box, in the slug, as an artifact.
		c := q.content(t, i)
		if !strings.HasPrefix(c, "q 1 0 0 1 "+strconv.FormatFloat(m, 'f', 3, 64)) {
			t.Errorf("page %d: content does not begin with the shift: %.60q", i, c)
		}
		marks := c[strings.LastIndex(c, "/Artifact BMC"):]
		for _, l := range regexp.MustCompile(`([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S`).FindAllStringSubmatch(marks, -1) {
			x0, _ := strconv.ParseFloat(l[1], 64)
			y0, _ := strconv.ParseFloat(l[2], 64)
			x1, _ := strconv.ParseFloat(l[3], 64)
			y1, _ := strconv.ParseFloat(l[4], 64)
			inBleed := func(x, y float64) bool {
				return x > bleed[0] && x < bleed[2] && y > bleed[1] && y < bleed[3]
			}
			if inBleed(x0, y0) || inBleed(x1, y1) {
				t.Errorf("page %d: a mark inside the bleed box: %s", i, l[0])
			}
		}
		if n := strings.Count(marks, " l S"); n != 8+8 {
			t.Errorf("page %d: %d mark lines, want 8 crop and 8 registration", i, n)
		}
	}
	// Links and destinations move with the page.
	annot := q.dict(t, q.page(t, 0)["/Annots"].([]any)[0])
	if r := numbers(t, annot["/Rect"]); r[0] > m+10 || r[0] <= m+9 { // in whole points, outwards
		t.Errorf("link at %v, want moved by %g", r, m)
	}
	tagReport(t, data)
}

func TestBleedAloneHasNoMarks(t *testing.T) {
	info := testInfo
	info.Bleed = 5 * mm
	q := readBack(t, write(t, numbered(3), info, charis(t)))
	if c := q.content(t, 0); strings.Contains(c, " l S") {
		t.Error("marks without marks: true")
	}
	if trim := numbers(t, q.page(t, 0)["/TrimBox"]); !near(trim[0], 5*mm) {
		t.Errorf("trim box %v", trim)
	}
	plain := readBack(t, write(t, numbered(3), testInfo, charis(t)))
	if plain.page(t, 0)["/TrimBox"] != nil {
		t.Error("a trim box without bleed or marks")
	}
}

func TestSignaturesSplitTheSheets(t *testing.T) {
	for _, c := range []struct {
		sheets, per int
		want        []int
	}{{1, 0, []int{1}}, {10, 0, []int{10}}, {11, 0, []int{6, 5}}, {19, 0, []int{10, 9}}, {20, 0, []int{7, 7, 6}},
		{19, 4, []int{4, 4, 4, 4, 3}}, {8, 4, []int{4, 4}}, {3, 8, []int{3}}} {
		if got := Signatures(c.sheets, c.per); !slices.Equal(got, c.want) {
			t.Errorf("%d sheets, %d a signature: %v, want %v", c.sheets, c.per, got, c.want)
		}
	}
}

// TestBookletSignaturesAndCreep imposes 73 pages in signatures of 4 sheets with creep: each
// signature is a booklet of its own 16 pages, each sheet's pages moved towards the fold by
// its depth in the signature × the caliper.
func TestBookletSignaturesAndCreep(t *testing.T) {
	caliper := 0.1 * mm
	sides := BookletSides(73, 4, caliper)
	if len(sides) != 2*19 {
		t.Fatalf("%d sides for 19 sheets", len(sides))
	}
	seen := map[int]bool{}
	for i, s := range sides {
		sig, j := s.Signature, s.Sheet
		first := 16 * sig // every signature but the last has 4 sheets, 16 pages
		last := first + 4*min(4, 19-4*sig) - 1
		want := [2]int{last - 2*j, first + 2*j}
		if i%2 == 1 {
			want = [2]int{first + 2*j + 1, last - 1 - 2*j}
		}
		for k := range want {
			if want[k] >= 73 {
				want[k] = -1
			}
		}
		if [2]int{s.Left, s.Right} != want || !near(s.Creep, float64(j)*caliper) {
			t.Errorf("side %d: %+v, want pages %v, creep %g", i, s, want, float64(j)*caliper)
		}
		seen[s.Left], seen[s.Right] = true, true
	}
	for p := range 73 {
		if !seen[p] {
			t.Errorf("page %d on no side", p)
		}
	}
	// In the file: the left page moved right by the creep, the right page left.
	sheet := Sheet{Name: "A4", Width: 841.89, Height: 595.28, Signature: 4, Caliper: caliper, Marks: true}
	var buf bytes.Buffer
	if err := WriteBooklet(&buf, numbered(73), testInfo, charis(t), sheet); err != nil {
		t.Fatal(err)
	}
	q := readBack(t, buf.Bytes())
	cm := regexp.MustCompile(`q 1 0 0 1 ([\d.-]+) ([\d.-]+) cm /P(\d+) Do Q`)
	dx := sheet.Width/2 - 420
	for i, s := range sides {
		c := q.content(t, i)
		for _, m := range cm.FindAllStringSubmatch(c, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			p, _ := strconv.Atoi(m[3])
			switch p {
			case s.Left:
				if !near(x, dx+s.Creep) {
					t.Errorf("side %d: page %d at %g, want %g", i, p, x, dx+s.Creep)
				}
			case s.Right:
				if !near(x, dx+420-s.Creep) {
					t.Errorf("side %d: page %d at %g, want %g", i, p, x, dx+420-s.Creep)
				}
			default:
				t.Errorf("side %d places page %d", i, p)
			}
		}
		// The fold marked at both ends.
		if !strings.Contains(c, num(sheet.Width/2)+" 0 m") || !strings.Contains(c, num(sheet.Width/2)+" "+num(sheet.Height)+" m") {
			t.Errorf("side %d: no fold marks", i)
		}
	}
}

// coverFile writes a cover and returns its path.
func coverFile(t *testing.T, c Cover, info Info) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCover(&buf, c, info, charis(t)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cover.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	return path
}

var testCover = Cover{Title: "Bolivia: power within grasp", Subtitle: "A pamphlet", Author: "League for the Fifth International",
	Back: "A history of the movement.\n\nIts second paragraph.", ISBN: "9780306406157", Pages: 76, Caliper: 0.1 * mm,
	Width: 419.53, Height: 595.28}

func TestCoverSpineAndBoxes(t *testing.T) {
	info := testInfo
	info.Bleed, info.Marks = 3*mm, true
	path := coverFile(t, testCover, info)
	data, _ := os.ReadFile(path)
	q := readBack(t, data)
	spine := 76 * 0.1 * mm / 2
	if got := SpineWidth(76, 0.1*mm); math.Abs(got-spine) > 0.1*mm/100 {
		t.Errorf("spine %g, want %g", got, spine)
	}
	m := info.margin()
	p := q.page(t, 0)
	trim := numbers(t, p["/TrimBox"])
	if len(trim) != 4 || !near(trim[2]-trim[0], 2*419.53+spine) || !near(trim[3]-trim[1], 595.28) || !near(trim[0], m) {
		t.Errorf("trim box %v, want %g wide", trim, 2*419.53+spine)
	}
	// The spine's width read back from the file: the fold marks stand at its edges, and the
	// spine's type is turned there.
	c := q.content(t, 0)
	var folds []float64
	for _, f := range regexp.MustCompile(`([\d.]+) [\d.]+ m ([\d.]+) [\d.]+ l S`).FindAllStringSubmatch(c, -1) {
		if f[1] == f[2] {
			x, _ := strconv.ParseFloat(f[1], 64)
			if x > m+100 && x < m+2*419.53+spine-100 {
				folds = append(folds, x)
			}
		}
	}
	slices.Sort(folds)
	folds = slices.Compact(folds)
	// The registration mark's cross stands at the sheet's middle; the folds are W apart
	// from either edge of the trim and spine apart.
	at := func(x float64) bool {
		return slices.ContainsFunc(folds, func(f float64) bool { return math.Abs(f-x) < 0.01 })
	}
	if !at(m+419.53) || !at(m+419.53+spine) || len(folds) != 3 {
		t.Errorf("fold marks at %v, want %g and %g, the spine %g wide", folds, m+419.53, m+419.53+spine, spine)
	}
	if !strings.Contains(c, "q 0 -1 1 0 ") {
		t.Error("the spine's type is not turned")
	}
	if exec.Command("pdftotext", "-v").Run() == nil {
		out, _ := exec.Command("pdftotext", path, "-").Output()
		for _, want := range []string{"Bolivia: power", "Its second paragraph.", "ISBN 9780306406157", "League for the Fifth International"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the cover's text lacks %q:\n%s", want, out)
			}
		}
	}
}

// TestBarcodeDecodes reads the cover's barcode with zbarimg (Debian's zbar-tools).
func TestBarcodeDecodes(t *testing.T) {
	for _, tool := range []string{"zbarimg", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (apt-get install zbar-tools poppler-utils)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	for _, isbn := range []string{"9780306406157", "9791234567896"} {
		c := testCover
		c.ISBN = isbn
		path := coverFile(t, c, testInfo)
		png := filepath.Join(t.TempDir(), "c")
		if out, err := exec.Command("pdftoppm", "-png", "-r", "200", "-singlefile", path, png).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		out, _ := exec.Command("zbarimg", "-q", "--raw", png+".png").Output()
		if got := strings.TrimSpace(string(out)); got != isbn {
			t.Errorf("zbarimg read %q, want %s", got, isbn)
		}
	}
}

func TestCoverErrors(t *testing.T) {
	for _, c := range []struct {
		edit func(*Cover)
		want string
	}{
		{func(c *Cover) { c.ISBN = "9780306406158" }, "check digit"},
		{func(c *Cover) { c.ISBN = "978030640615" }, "13 digits"},
		{func(c *Cover) { c.ISBN = "97803064061x7" }, "digits only"},
		{func(c *Cover) { c.Caliper = 0 }, "caliper"},
		{func(c *Cover) { c.Back = strings.Repeat("Far too many words for the back of a small book. ", 300) }, "too long"},
	} {
		cv := testCover
		c.edit(&cv)
		err := WriteCover(&bytes.Buffer{}, cv, testInfo, charis(t))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want an error saying %q", err, c.want)
		}
	}
	if err := WriteCover(&bytes.Buffer{}, testCover, testInfo, Fonts{}); err == nil {
		t.Error("a cover without fonts")
	}
}

func TestCoverWithoutISBNOrSpineText(t *testing.T) {
	c := testCover
	c.ISBN, c.Pages = "", 8 // a spine of 1.1 mm: no room for type
	path := coverFile(t, c, testInfo)
	data, _ := os.ReadFile(path)
	q := readBack(t, data)
	if strings.Contains(q.content(t, 0), "1 g") {
		t.Error("a barcode's white ground without an ISBN")
	}
}

// TestBookletTrimMarks: where the sheet has room beside the pages (A5 pages scaled onto
// Tabloid) or above and below them (Letter), trim marks stand at the corners of the pair,
// outside it; on A4, which the pages fill, there is only the fold's.
func TestBookletTrimMarks(t *testing.T) {
	for _, c := range []struct {
		sheet Sheet
		lines int
	}{{Sheet{Name: "Letter", Width: 792, Height: 612, Marks: true}, 2 + 4}, {Sheet{Name: "Tabloid", Width: 1224, Height: 792, Marks: true}, 2 + 4},
		{Sheet{Name: "A4", Width: 841.89, Height: 595.28, Marks: true}, 2}} {
		var buf bytes.Buffer
		if err := WriteBooklet(&buf, numbered(4), testInfo, charis(t), c.sheet); err != nil {
			t.Fatal(err)
		}
		q := readBack(t, buf.Bytes())
		if n := strings.Count(q.content(t, 0), " l S"); n != c.lines {
			t.Errorf("%s: %d mark lines, want %d", c.sheet.Name, n, c.lines)
		}
	}
}

// TestCoverPicture: a cover picture fills the front panel and its bleed, centred on the
// panel, its proportions kept, clipped at the spine's fold; the front then has no type of
// ours, the spine and the back keep theirs. Read back with qpdf, and rendered by poppler.
func TestCoverPicture(t *testing.T) {
	for _, px := range [][2]int{{60, 90}, {90, 60}} { // taller and wider than the panel
		c := testCover
		var samples bytes.Buffer
		zw := zlib.NewWriter(&samples)
		for i := range px[0] * px[1] {
			zw.Write([]byte{byte(i), 0x80, 0x40})
		}
		zw.Close()
		c.Image = &Image{Width: px[0], Height: px[1], Samples: samples.Bytes()}
		info := testInfo
		info.Bleed, info.Marks = 3*mm, true
		path := coverFile(t, c, info)
		data, _ := os.ReadFile(path)
		q := readBack(t, data)
		res, _ := q.page(t, 0)["/Resources"].(map[string]any) // direct: the page's own
		xo, _ := res["/XObject"].(map[string]any)
		if res["/Font"] == nil || xo["/CoverArt"] == nil {
			t.Fatalf("the page's resources %v: no fonts or no picture", res)
		}
		if img := q.dict(t, xo["/CoverArt"]); img["/Subtype"] != "/Image" || img["/Width"] != float64(px[0]) {
			t.Errorf("the picture's XObject: %v", img)
		}
		W, H, b := c.Width, c.Height, info.Bleed
		spine := SpineWidth(c.Pages, c.Caliper)
		m := regexp.MustCompile(`q ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re W n\n([\d.-]+) 0 0 ([\d.-]+) ([\d.-]+) ([\d.-]+) cm /CoverArt Do Q`).FindStringSubmatch(q.content(t, 0))
		if m == nil {
			t.Fatalf("no clipped picture in the content:\n%s", q.content(t, 0))
		}
		v := make([]float64, 8)
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		// The clip: from the spine's fold to the bleed's edge, the bleed above and below.
		if !near(v[0], W+spine) || !near(v[1], -b) || !near(v[2], W+b) || !near(v[3], H+2*b) {
			t.Errorf("clip %v, want the front panel %g %g %g %g", v[:4], W+spine, -b, W+b, H+2*b)
		}
		// Drawn: proportions kept, covering the clip, centred on the panel.
		dw, dh, x, y := v[4], v[5], v[6], v[7]
		if math.Abs(dw/dh-float64(px[0])/float64(px[1])) > 0.001 {
			t.Errorf("drawn %g×%g: the picture is distorted", dw, dh)
		}
		if x > W+spine+1e-3 || y > -b+1e-3 || x+dw < 2*W+spine+b-1e-3 || y+dh < H+b-1e-3 {
			t.Errorf("drawn at %g %g, %g×%g: the front and its bleed are not covered", x, y, dw, dh)
		}
		if !near(x+dw/2, W+spine+W/2) || !near(y+dh/2, H/2) {
			t.Errorf("the picture's centre %g %g, the panel's %g %g", x+dw/2, y+dh/2, W+spine+W/2, H/2)
		}
		if exec.Command("pdftotext", "-v").Run() == nil {
			out, _ := exec.Command("pdftotext", path, "-").Output()
			if strings.Count(string(out), "Bolivia: power") != 1 || !strings.Contains(string(out), "Its second paragraph.") {
				t.Errorf("the title should be on the spine alone, the back kept:\n%s", out)
			}
		}
	}
}
