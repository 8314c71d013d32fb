package font

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// shippedFonts returns the file of every face bindery ships, by name.
func shippedFonts(t testing.TB) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob("../../fonts/*.ttf")
	if len(paths) < 16 {
		t.Fatalf("%d fonts in fonts/", len(paths))
	}
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = data
	}
	return out
}

// sfntOutline is glyph g's outline as x/image's sfnt reads it, in font units, y up.
func sfntOutline(f *sfnt.Font, buf *sfnt.Buffer, g int) ([]Segment, error) {
	// At ppem = unitsPerEm sfnt's scaling leaves font units as they are; it turns y down.
	segs, err := f.LoadGlyph(buf, sfnt.GlyphIndex(g), fixed.Int26_6(f.UnitsPerEm()), nil)
	var out []Segment
	for _, s := range segs {
		seg := Segment{Op: map[sfnt.SegmentOp]SegmentOp{sfnt.SegmentOpMoveTo: MoveTo, sfnt.SegmentOpLineTo: LineTo, sfnt.SegmentOpQuadTo: QuadTo}[s.Op]}
		for k := range seg.Args {
			seg.Args[k] = Point{int32(s.Args[k].X), -int32(s.Args[k].Y)}
		}
		if seg.Op != QuadTo {
			seg.Args[1] = Point{}
		}
		out = append(out, seg)
	}
	return out, err
}

// bothReaders opens a font with Parse and with x/image's sfnt.
func bothReaders(t testing.TB, name string, data []byte) (*Face, *sfnt.Font) {
	t.Helper()
	face, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return face, ref
}

func TestOutlinesAgreeWithSfnt(t *testing.T) {
	for name, data := range shippedFonts(t) {
		face, ref := bothReaders(t, name, data)
		var buf sfnt.Buffer
		var segs []Segment
		composites := 0
		for g := range face.NumGlyphs() {
			want, werr := sfntOutline(ref, &buf, g)
			var err error
			segs, err = face.AppendOutline(segs[:0], uint16(g))
			if (err != nil) != (werr != nil) || !slices.Equal(segs, want) {
				t.Fatalf("%s glyph %d: %d segments (%v), sfnt reads %d (%v)", name, g, len(segs), err, len(want), werr)
			}
			comps, err := face.Components(uint16(g))
			if err != nil {
				t.Fatalf("%s glyph %d: %v", name, g, err)
			}
			if len(comps) > 0 {
				composites++
			}
		}
		if composites == 0 {
			t.Errorf("%s: no composite glyph", name)
		}
	}
}

func TestComponentsOfAComposite(t *testing.T) {
	face := charisFamily(t).Regular
	// Charis builds ő from o and a double acute.
	comps, err := face.Components(face.Glyph('ő'))
	if err != nil || len(comps) != 2 || comps[0] != face.Glyph('o') {
		t.Fatalf("ő is made of %v (%v); o is glyph %d", comps, err, face.Glyph('o'))
	}
	if comps, err := face.Components(face.Glyph('o')); err != nil || comps != nil {
		t.Errorf("o is made of %v (%v)", comps, err)
	}
	if rec, err := face.GlyphRecord(face.Glyph(' ')); err != nil || len(rec) != 0 {
		t.Errorf("the space has a record of %d bytes (%v)", len(rec), err)
	}
	if _, err := face.GlyphRecord(uint16(face.NumGlyphs())); err == nil {
		t.Error("a glyph past the last has a record")
	}
}

func TestTablesAndHeadMetrics(t *testing.T) {
	for name, data := range shippedFonts(t) {
		face, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := sfnt.Parse(data)
		upem := fixed.Int26_6(ref.UnitsPerEm())
		b, _ := ref.Bounds(nil, upem, 0)
		if want := [4]int{int(b.Min.X), int(-b.Max.Y), int(b.Max.X), int(-b.Min.Y)}; face.BBox != want {
			t.Errorf("%s: BBox %v, sfnt reads %v", name, face.BBox, want)
		}
		post := ref.PostTable()
		if face.ItalicAngle != post.ItalicAngle {
			t.Errorf("%s: ItalicAngle %v, sfnt reads %v", name, face.ItalicAngle, post.ItalicAngle)
		}
		if head := face.Table("head"); len(head) != 54 || binary.BigEndian.Uint32(head[12:]) != 0x5F0F3CF5 {
			t.Errorf("%s: head is not a head table", name)
		}
		if face.Table("CFF ") != nil {
			t.Errorf("%s: a table the font lacks", name)
		}
	}
}

// withGlyph returns the font data with glyph g's record replaced (loca rewritten long).
func withGlyph(t testing.TB, data []byte, g int, rec []byte) []byte {
	t.Helper()
	face, err := Parse("with-glyph.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	var glyf []byte
	loca := make([]byte, 4*(face.NumGlyphs()+1))
	for i := range face.NumGlyphs() {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		r, err := face.GlyphRecord(uint16(i))
		if err != nil {
			t.Fatal(err)
		}
		if i == g {
			r = rec
		}
		glyf = append(glyf, r...)
	}
	binary.BigEndian.PutUint32(loca[4*face.NumGlyphs():], uint32(len(glyf)))
	head := slices.Clone(face.Table("head"))
	binary.BigEndian.PutUint16(head[50:], 1)
	return withTable(t, withTable(t, withTable(t, data, "glyf", glyf), "loca", loca), "head", head)
}

// composite is a glyph record of components, each glyph placed at (dx, dy).
func composite(glyphs ...uint16) []byte {
	rec := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0}
	for i, g := range glyphs {
		flags := uint16(argsAreWords | argsAreXYValues)
		if i+1 < len(glyphs) {
			flags |= moreComponents
		}
		rec = binary.BigEndian.AppendUint16(rec, flags)
		rec = binary.BigEndian.AppendUint16(rec, g)
		rec = binary.BigEndian.AppendUint32(rec, 0x000A0014) // dx 10, dy 20
	}
	return rec
}

func TestHostileCompositesEndInErrors(t *testing.T) {
	regular := charisBytes(t, "Regular")
	plain, _ := Parse("plain.ttf", regular)
	o := plain.Glyph('o')
	var wide []uint16
	for range 40 {
		wide = append(wide, 1)
	}
	for name, rec := range map[string][]byte{
		"itself":    composite(1),                         // a composite made of itself
		"wide":      composite(wide...),                   // 40 × 40 × … copies of itself
		"truncated": composite(o, o)[:20],                 // the second component cut short
		"past":      composite(uint16(plain.NumGlyphs())), // a glyph the font does not have
	} {
		face, err := Parse(name+".ttf", withGlyph(t, regular, 1, rec))
		if err != nil {
			t.Fatal(err)
		}
		if segs, err := face.AppendOutline(nil, 1); err == nil {
			t.Errorf("%s: %d segments, no error", name, len(segs))
		}
	}
	// A composite of two o's, the second moved: twice the o's segments.
	face, _ := Parse("two-o.ttf", withGlyph(t, regular, 1, composite(o, o)))
	single, _ := plain.AppendOutline(nil, o)
	double, err := face.AppendOutline(nil, 1)
	if err != nil || len(double) != 2*len(single) || double[0].Args[0] != (Point{single[0].Args[0].X + 10, single[0].Args[0].Y + 20}) {
		t.Errorf("two o's: %d segments (%v), one o has %d", len(double), err, len(single))
	}
}

// loneOffCurve reports whether a simple glyph has a contour of a single off-curve point,
// which sfnt turns into a curve from wherever the contour before ended; we draw nothing.
func loneOffCurve(rec []byte) bool {
	if len(rec) < 10 || int16(binary.BigEndian.Uint16(rec)) <= 0 {
		return false
	}
	contours := int(int16(binary.BigEndian.Uint16(rec)))
	pts, err := readPoints(rec, contours)
	if err != nil {
		return false
	}
	prev := -1
	for c := range contours {
		end := int(binary.BigEndian.Uint16(rec[10+2*c:]))
		if end == prev+1 && end < len(pts) && !pts[end].on {
			return true
		}
		prev = end
	}
	return false
}

// FuzzOutline plants a fuzzed record as glyph 1 of Charis and reads its outline with
// AppendOutline and with x/image's sfnt: where sfnt draws it, we draw the same segments.
func FuzzOutline(f *testing.F) {
	regular := charisBytes(f, "Regular")
	plain, err := Parse("plain.ttf", regular)
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range "oőǅ%8&ŀ" {
		rec, _ := plain.GlyphRecord(plain.Glyph(r))
		f.Add(rec)
		f.Add(rec[:len(rec)/2])
	}
	f.Add(composite(plain.Glyph('o'), plain.Glyph('ő')))
	f.Add(composite(1))
	f.Fuzz(func(t *testing.T, rec []byte) {
		if len(rec) > 4096 {
			return
		}
		face, ref := bothReaders(t, "fuzz.ttf", withGlyph(t, regular, 1, rec))
		var buf sfnt.Buffer
		want, werr := sfntOutline(ref, &buf, 1)
		got, err := face.AppendOutline(nil, 1)
		if err == nil {
			checkContours(t, got)
		}
		if loneOffCurve(rec) || len(rec) >= 2 && int16(binary.BigEndian.Uint16(rec)) < -1 {
			return // sfnt refuses numberOfContours below -1, which the specification allows
		}
		if (err == nil) != (werr == nil) || !slices.Equal(got, want) {
			t.Fatalf("%d segments (%v); sfnt reads %d (%v)", len(got), err, len(want), werr)
		}
	})
}
