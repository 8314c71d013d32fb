package pdf

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/layout"
)

// placedGlyph is a glyph where a viewer puts it: the text position after the content stream's
// operators, with the widths of the font's /W array.
type placedGlyph struct {
	font  string
	glyph int
	x, y  float64 // points, from the bottom left
	size  float64
}

// placeGlyphs runs the text operators of page i as a viewer does.
func placeGlyphs(t *testing.T, rf *readFile, i int) []placedGlyph {
	t.Helper()
	fontRes := rf.dict(rf.dict(rf.dict(rf.trailer["Root"])["Pages"])["Resources"])["Font"]
	widths := map[string]map[int]float64{} // by code
	glyphOf := map[string]map[int]int{}    // code → glyph ID, for one-byte faces
	for name, ref := range rf.dict(fontRes) {
		cid := rf.dict(rf.dict(ref)["DescendantFonts"].([]any)[0])
		w := map[int]float64{}
		a := cid["W"].([]any)
		for k := 0; k < len(a); k += 2 {
			for j, v := range a[k+1].([]any) {
				w[int(a[k].(float64))+j] = v.(float64)
			}
		}
		widths[name] = w
		if ref, ok := cid["CIDToGIDMap"].(pdfRef); ok {
			st, _ := rf.objects[int(ref)].(pdfStream)
			m, err := inflate(st)
			if err != nil {
				t.Fatal(err)
			}
			glyphOf[name] = map[int]int{}
			for c := 0; 2*c+1 < len(m); c++ {
				glyphOf[name][c] = int(m[2*c])<<8 | int(m[2*c+1])
			}
		}
	}
	var out []placedGlyph
	var fontName string
	var size, tc, x, y float64
	var lx, ly float64 // the line matrix's origin, which Td moves
	for _, op := range rf.contents[i] {
		switch op.op {
		case "Tf":
			fontName, size = string(op.args[0].(pdfName)), op.args[1].(float64)
		case "Tc":
			tc = op.args[0].(float64)
		case "BT":
			lx, ly = 0, 0
		case "Tm":
			x, y = op.args[4].(float64), op.args[5].(float64)
			lx, ly = x, y
		case "Td":
			lx, ly = lx+op.args[0].(float64), ly+op.args[1].(float64)
			x, y = lx, ly
		case "TJ":
			for _, e := range op.args[0].([]any) {
				switch e := e.(type) {
				case float64:
					x -= e * size / 1000
				case pdfString:
					one := glyphOf[fontName] != nil
					for k := 0; k < len(e); k++ {
						c, g := int(e[k]), 0
						if one {
							g = glyphOf[fontName][c]
						} else {
							k++
							c = c<<8 | int(e[k])
							g = c
						}
						out = append(out, placedGlyph{fontName, g, x, y, size})
						x += widths[fontName][c]*size/1000 + tc
					}
				}
			}
		}
	}
	return out
}

// expectGlyphs lists where the layout means each glyph of the runs to be: a run starts at its
// X, and its glyphs follow at book/font's widths, kerned within words. Runs apart on one
// baseline (justified words) have a space glyph drawn where the first ends, for text
// extraction.
func expectGlyphs(f Fonts, pageH float64, runs []layout.Run) []placedGlyph {
	var out []placedGlyph
	faces := f.faces()
	lineY, end, last := -1.0, 0.0, rune(-1)
	var before layout.Run // the run drawn last: the space is in its face and size
	for _, r := range runs {
		if r.Text == "" || int(r.Style) >= 4 {
			continue
		}
		face, size := faces[r.Style], ptOf(layout.Length(r.Size))
		x := ptOf(layout.Length(r.X))
		if y := pageH - ptOf(layout.Length(r.Y)); y == lineY && x-end > size/10 && last != ' ' && r.Text[0] != ' ' {
			out = append(out, placedGlyph{fmt.Sprintf("F%d", before.Style), int(faces[before.Style].Glyph(' ')), end, y, ptOf(layout.Length(before.Size))})
		}
		before = r
		prev := rune(-1)
		for _, c := range r.Text {
			if prev >= 0 && prev != ' ' && c != ' ' {
				x += float64(face.KernGlyphsMilli(face.Glyph(prev), face.Glyph(c))) * size / 1000
			}
			out = append(out, placedGlyph{fmt.Sprintf("F%d", r.Style), int(face.Glyph(c)), x, pageH - ptOf(layout.Length(r.Y)), size})
			x += float64(face.GlyphMilli(face.Glyph(c)))*size/1000 + ptOf(layout.Length(r.Tracking))
			prev = c
		}
		lineY, end, last = pageH-ptOf(layout.Length(r.Y)), x, prev
	}
	return out
}

func comparePlaced(t *testing.T, got, want []placedGlyph) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d glyphs drawn, %d laid out", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.font != w.font || g.glyph != w.glyph || g.size != w.size {
			t.Fatalf("glyph %d: %v, want %v", i, g, w)
		}
		// TJ numbers are rounded to 1/10,000 em; baselines to 1/100 pt.
		if math.Abs(g.x-w.x) > 0.0006 || math.Abs(g.y-w.y) > 0.005 {
			t.Errorf("glyph %d (%d) at (%.4f, %.4f), laid out at (%.4f, %.4f)", i, g.glyph, g.x, g.y, w.x, w.y)
		}
	}
}

// line lays out words along one baseline as a justified line does: each word at its own x.
func line(f Fonts, style layout.Style, size, x, y, gap float64, words ...string) []layout.Run {
	var runs []layout.Run
	face := f.faces()[style]
	for _, w := range words {
		runs = append(runs, text(style, size, x, y, w))
		x += float64(face.MeasureMilli(w, true))*size/1000 + gap
	}
	return runs
}

func TestGlyphsLandWhereLaidOut(t *testing.T) {
	for _, base := range []string{"CharisSIL", "GentiumBookPlus"} {
		t.Run(base, func(t *testing.T) {
			f := bookFonts(t, base)
			d := newDocument(1, 0)
			p := d.Pages[0]
			p.Runs = append(p.Runs, line(f, layout.Roman, 10, 46.153, 120, 3.3187, "AVAST,", "Tavern", "WAVY", "“To", "Yves”.")...)
			p.Runs = append(p.Runs, line(f, layout.Italic, 10, 46.15, 133, 2.71, "Ta", "Vo", "fly", "off")...)
			// A note number, raised on the line of the text it follows, and a tracked line.
			p.Runs = append(p.Runs, text(layout.Roman, 6.5, 120.77, 142.4, "12"))
			tracked := text(layout.Bold, 10, 46.15, 146, "Tracked AV")
			tracked.Tracking = int32(pt(0.137))
			p.Runs = append(p.Runs, tracked, text(layout.Roman, 10, 300, 146, "after"))
			// A space inside a run is not kerned with its neighbours.
			p.Runs = append(p.Runs, text(layout.BoldItalic, 11, 46.15, 160, "A V T o"))
			// Small capitals: glyphs only GSUB reaches, drawn through book/font's private
			// characters.
			var sc []rune
			for _, r := range "AVAST Wavy" {
				v, _ := f.faces()[layout.Roman].SmallCap(r)
				sc = append(sc, v)
			}
			p.Runs = append(p.Runs, line(f, layout.Roman, 10, 46.15, 172, 3.1, string(sc), "To")...)
			data := write(t, d, testInfo, f)
			readBack(t, data)
			rf, err := readStructure(data)
			if err != nil {
				t.Fatal(err)
			}
			comparePlaced(t, placeGlyphs(t, rf, 0), expectGlyphs(f, 595, p.Runs))
		})
	}
	if f := bookFonts(t, "GentiumBookPlus"); f.faces()[0].KernGlyphsMilli(f.faces()[0].Glyph('A'), f.faces()[0].Glyph('V')) == 0 {
		t.Fatal("Gentium Book Plus does not kern AV: the test tests no kerning")
	}
}

func TestOneTextArrayPerBaseline(t *testing.T) {
	f := charis(t)
	d := newDocument(1, 0)
	d.Pages[0].Runs = append(line(f, layout.Roman, 10, 40, 100, 3, strings.Fields("one line of many words set as runs")...),
		line(f, layout.Roman, 10, 40, 113, 3, strings.Fields("and the next line")...)...)
	rf, err := readStructure(write(t, d, Info{}, f))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, op := range rf.contents[0] {
		count[op.op]++
	}
	if count["TJ"] != 2 || count["Td"] != 2 || count["Tf"] != 1 || count["Tc"] != 0 || count["BT"] != 1 {
		t.Errorf("operators %v: want two lines of one TJ each, one font selection", count)
	}
}

func TestRulesAndPicturesArePainted(t *testing.T) {
	d := newDocument(2, 0)
	d.Pages[0].Rules = []layout.Rule{{X: pt(40), Y: pt(100), W: pt(200), H: pt(0.4)}}
	d.Pages[0].Pictures = []layout.Picture{
		{Src: "b.png", X: pt(50), Y: pt(150), W: pt(100), H: pt(80)},
		{Src: "a.jpg", X: pt(50), Y: pt(300), W: pt(60), H: pt(60)},
	}
	d.Pages[1].Pictures = []layout.Picture{
		{Src: "a.jpg", X: pt(10), Y: pt(10), W: pt(60), H: pt(60)},
		{Src: "c.png", X: pt(10.5), Y: pt(100.25), W: pt(33.333), H: pt(20)},
	}
	images := map[string]*Image{
		"a.jpg": {Width: 3, Height: 3, JPEG: jpegOf(t, 3, 3)},
		"b.png": {Width: 2, Height: 2, Samples: deflate(make([]byte, 12))},
		"c.png": {Width: 1, Height: 1, Gray: true, Samples: deflate([]byte{7})},
	}
	info := Info{Image: func(src string) (*Image, error) { return images[src], nil }}
	data := write(t, d, info, charis(t))
	q := readBack(t, data)
	rf, err := readStructure(data)
	if err != nil {
		t.Fatal(err)
	}
	ops := func(p int) string {
		var b strings.Builder
		for _, op := range rf.contents[p] {
			fmt.Fprintf(&b, "%v %s\n", op.args, op.op)
		}
		return b.String()
	}
	// Pictures are named in the order they first appear; y is measured from the bottom.
	// Pictures the layout ties to no block, and rules, are artifacts; pictures come first,
	// in reading order with the text.
	want0 := "[Artifact] BMC\n" +
		"[] q\n[100 0 0 80 50 365] cm\n[Im0] Do\n[] Q\n" +
		"[] q\n[60 0 0 60 50 235] cm\n[Im1] Do\n[] Q\n" +
		"[40 494.6 200 0.4] re\n[] f\n[] EMC\n"
	want1 := "[Artifact] BMC\n[] q\n[60 0 0 60 10 525] cm\n[Im1] Do\n[] Q\n" +
		"[] q\n[33.333 0 0 20 10.5 474.75] cm\n[Im2] Do\n[] Q\n[] EMC\n"
	if got := ops(0); got != want0 {
		t.Errorf("page 1:\n%s\nwant\n%s", got, want0)
	}
	if got := ops(1); got != want1 {
		t.Errorf("page 2:\n%s\nwant\n%s", got, want1)
	}
	xobjects := q.dict(t, q.dict(t, q.catalog(t)["/Pages"])["/Resources"])["/XObject"].(map[string]any)
	for name, src := range map[string]string{"/Im0": "b.png", "/Im1": "a.jpg", "/Im2": "c.png"} {
		img := q.dict(t, xobjects[name])
		if img["/Width"] != float64(images[src].Width) || img["/Height"] != float64(images[src].Height) {
			t.Errorf("%s is %v×%v, %s is %d×%d", name, img["/Width"], img["/Height"], src, images[src].Width, images[src].Height)
		}
	}
}

func TestRunsWithNothingToDrawAreSkipped(t *testing.T) {
	d := newDocument(2, 0)
	d.Pages[0].Runs = []layout.Run{text(layout.Roman, 10, 40, 100, ""), text(layout.Style(numFaces), 10, 40, 100, "no such style")}
	rf, err := readStructure(write(t, d, Info{}, charis(t)))
	if err != nil {
		t.Fatal(err)
	}
	for p := range 2 {
		for _, op := range rf.contents[p] {
			if op.op == "TJ" {
				t.Errorf("page %d draws text", p+1)
			}
		}
	}
}

// TestColouredTextAndTints: a run's colour is set before its text (rg, or g for a grey) and
// black again after the text object; a tinted rule is painted under the text, in its colour
// inside q…Q, and a plain rule over it in black.
func TestColouredTextAndTints(t *testing.T) {
	d := newDocument(1, 0)
	p := d.Pages[0]
	blue := text(layout.Mono|layout.Bold, 8, 40, 100, "fn")
	blue.Colour = 0x0060A0
	grey := text(layout.Mono|layout.Italic, 8, 60, 100, "// note")
	grey.Colour = 0x5E5E5E
	p.Runs = []layout.Run{blue, grey, text(layout.Roman, 10, 40, 120, "plain")}
	p.Rules = []layout.Rule{{X: pt(30), Y: pt(90), W: pt(300), H: pt(12), Tint: 0xF2F2F2}, {X: pt(30), Y: pt(130), W: pt(300), H: pt(1)}}
	f := charis(t)
	f.Code = bookFonts(t, "DejaVuSansMono").Family
	f.CodeBase = "DejaVuSansMono"
	rf, err := readStructure(write(t, d, Info{}, f))
	if err != nil {
		t.Fatal(err)
	}
	var seq []string
	for _, op := range rf.contents[0] {
		switch op.op {
		case "rg", "g", "re", "BT", "ET", "TJ", "q", "Q":
			s := op.op
			if op.op == "g" || op.op == "rg" {
				s = fmt.Sprint(op.args...) + " " + op.op
			}
			seq = append(seq, s)
		}
	}
	got := strings.Join(seq, " | ")
	want := "q | 0.949 g | re | Q | BT | 0 0.376 0.627 rg | TJ | 0.369 g | TJ | 0 g | TJ | ET | re"
	if got != want {
		t.Errorf("content:\n%s\nwant\n%s", got, want)
	}
	embedded := embeddedFonts(t, readBack(t, write(t, d, Info{}, f)))
	for _, name := range []string{"/F5", "/F6"} {
		if fr, ok := embedded[name]; !ok || !strings.Contains(fr.baseFont, "DejaVuSansMono") {
			t.Errorf("%s is %+v, want a DejaVu Sans Mono subset", name, fr)
		}
	}
}

// TestManyGlyphsGoOnInASecondBank: a face that draws more than 256 glyphs goes on in a second
// font over the same subset (/F0.1), switched to within a line; every glyph lands where laid
// out and maps back to its character.
func TestManyGlyphsGoOnInASecondBank(t *testing.T) {
	f := charis(t)
	face := f.faces()[layout.Roman]
	var many []rune
	for r := rune(0x100); len(many) < 300 && r < 0x500; r++ {
		if face.HasRune(r) {
			many = append(many, r)
		}
	}
	if len(many) < 300 {
		t.Fatalf("only %d characters to draw", len(many))
	}
	d := newDocument(1, 0)
	p := d.Pages[0]
	for i := 0; i < len(many); i += 30 {
		p.Runs = append(p.Runs, text(layout.Roman, 10, 40, 60+12*float64(i/30), string(many[i:i+30])))
	}
	p.Runs = append(p.Runs, text(layout.Italic, 10, 40, 200, "A (few) \\ italics"))
	data := write(t, d, testInfo, f)
	q := readBack(t, data)
	fonts := embeddedFonts(t, q)
	res := q.dict(t, q.dict(t, q.catalog(t)["/Pages"])["/Resources"])["/Font"].(map[string]any)
	if res["/F0.1"] == nil || res["/F0.2"] != nil || res["/F1.1"] != nil {
		t.Errorf("300 glyphs: fonts %v, want /F0 and /F0.1", res)
	}
	f0, f01 := q.dict(t, res["/F0"]), q.dict(t, res["/F0.1"])
	d0 := q.dict(t, f0["/DescendantFonts"].([]any)[0])
	d01 := q.dict(t, f01["/DescendantFonts"].([]any)[0])
	if f0["/BaseFont"] != f01["/BaseFont"] || d0["/FontDescriptor"] != d01["/FontDescriptor"] {
		t.Errorf("two banks, two subsets: %v and %v", d0, d01)
	}
	for _, r := range many {
		g := int(face.Glyph(r))
		if a, b := fonts["/F0"].toUni[g], fonts["/F0.1"].toUni[g]; a != r && b != r {
			t.Errorf("glyph %d maps to %q and %q, want %q", g, a, b, r)
		}
	}
	rf, err := readStructure(data)
	if err != nil {
		t.Fatal(err)
	}
	// The second bank is the same face: its glyphs are F0's.
	placed, banks := placeGlyphs(t, rf, 0), 0
	for i := range placed {
		if placed[i].font == "F0.1" {
			placed[i].font, banks = "F0", banks+1
		}
	}
	if banks != len(many)-256 {
		t.Errorf("%d glyphs drawn from the second bank, want %d", banks, len(many)-256)
	}
	comparePlaced(t, placed, expectGlyphs(f, 595, p.Runs))
	if _, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(t.TempDir(), "many.pdf")
		os.WriteFile(path, data, 0o644)
		txt, _ := exec.Command("pdftotext", path, "-").Output()
		if !strings.Contains(string(txt), string(many[30:60])) || !strings.Contains(string(txt), "A (few) \\ italics") {
			t.Errorf("pdftotext:\n%s", txt)
		}
	}
}
