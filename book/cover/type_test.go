package cover

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"testing"

	"bindery/book/font"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The covers were drawn with x/image's opentype package until book/font read the outlines:
// every glyph must measure and rasterise as it did, so that covers keep their bytes.
func TestGlyphsAsOpentypeDrewThem(t *testing.T) {
	const sample = "Bolivia: power within grasp — AVATAR Tavern, “WAVY” ‘To’ Yves… ǅ ő ŀ ÆŒ ß ﬁ 0123 中🙂\u00a0"
	for _, base := range []string{"CharisSIL", "GentiumBookPlus"} {
		for _, style := range []string{"Regular", "Italic", "Bold"} {
			data, err := os.ReadFile(filepath.Join("..", "..", "fonts", base+"-"+style+".ttf"))
			if err != nil {
				t.Fatal(err)
			}
			ours, err := font.Parse(base+"-"+style, data)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := opentype.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			tf := &typeface{f: ours, s: &scratch{}}
			for _, size := range []float64{10.01, 48, 240.25} {
				f := tf.face(size, 0.12)
				of, _ := opentype.NewFace(ref, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: xfont.HintingNone})
				capH := 0.68 * size
				if b, _, ok := of.GlyphBounds('H'); ok && b.Min.Y < 0 {
					capH = float64(-b.Min.Y) / 64
				}
				if f.capH != capH {
					t.Errorf("%s-%s at %v: cap height %v, opentype %v", base, style, size, f.capH, capH)
				}
				for i, r := range []rune(sample) {
					compareGlyph(t, f, of, r, fixed.Point26_6{X: fixed.Int26_6(640 + i*37%64), Y: fixed.Int26_6(6400 + i*13%64)})
					for _, r2 := range "AVTo." {
						// opentype's Kern gives the font units as if they were 1/64 pixels (its
						// quirk): the same units, scaled as every other metric, are our kern.
						if k, units := f.kern(r, r2), of.Kern(r, r2); k != f.scale(int32(units)) {
							t.Errorf("%s-%s at %v: kern %q%q %v, opentype's units %v scaled %v", base, style, size, r, r2, k, units, f.scale(int32(units)))
						}
					}
				}
			}
		}
	}
}

func compareGlyph(t *testing.T, f *face, of xfont.Face, r rune, dot fixed.Point26_6) {
	t.Helper()
	if a, _ := of.GlyphAdvance(r); f.advance(f.t.glyph(r)) != a {
		t.Errorf("%q at %v: advance %v, opentype %v", r, f.size, f.advance(f.t.glyph(r)), a)
	}
	dr, mask, adv, ok := f.glyph(dot, r)
	odr, omask, omp, oadv, ook := of.Glyph(dot, r)
	if dr != odr || adv != oadv || ok != ook {
		t.Fatalf("%q at %v: %v advance %v ok %v; opentype %v %v %v", r, f.size, dr, adv, ok, odr, oadv, ook)
	}
	if !ok {
		return
	}
	om := omask.(*image.Alpha)
	if omp != (image.Point{}) || om.Rect != mask.Rect || !bytes.Equal(om.Pix[:len(mask.Pix)], mask.Pix) {
		t.Errorf("%q at %v: the coverage differs from opentype's", r, f.size)
	}
}
