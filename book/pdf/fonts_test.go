package pdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"bindery/book/font"
	"bindery/book/layout"
	"bindery/fonts"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// fontResource is what the tests read of one embedded face.
type fontResource struct {
	baseFont string
	widths   map[int]int // /W: glyph → width in 1/1000 em
	toUni    map[int]rune
	file     []byte // FontFile2, decoded
	desc     map[string]any
	length1  float64
}

// embeddedFonts returns the fonts of the page tree's resources by their resource names.
func embeddedFonts(t *testing.T, q *qpdfDoc) map[string]fontResource {
	t.Helper()
	res := q.dict(t, q.dict(t, q.catalog(t)["/Pages"])["/Resources"])
	out := map[string]fontResource{}
	fontDict, _ := res["/Font"].(map[string]any)
	for name, ref := range fontDict {
		type0 := q.dict(t, ref)
		cid := q.dict(t, type0["/DescendantFonts"].([]any)[0])
		if type0["/Subtype"] != "/Type0" || cid["/Subtype"] != "/CIDFontType2" || cid["/BaseFont"] != type0["/BaseFont"] {
			t.Fatalf("%s: %v, descendant %v", name, type0, cid)
		}
		// One byte a code through the embedded CMap and the CIDToGIDMap stream: the maps
		// below are by glyph ID.
		cmap, _ := q.stream(t, type0["/Encoding"])
		if string(cmap) != oneByteCMap {
			t.Fatalf("%s: encoding %q", name, cmap)
		}
		m, _ := q.stream(t, cid["/CIDToGIDMap"])
		if len(m) != 512 {
			t.Fatalf("%s: a CIDToGIDMap of %d bytes", name, len(m))
		}
		glyph := func(code int) int { return int(m[2*code])<<8 | int(m[2*code+1]) }
		byGlyph := func(m map[int]int) map[int]int {
			out := map[int]int{}
			for c, v := range m {
				out[glyph(c)] = v
			}
			return out
		}
		fr := fontResource{baseFont: type0["/BaseFont"].(string), widths: byGlyph(readW(t, cid["/W"]))}
		fr.desc = q.dict(t, cid["/FontDescriptor"])
		var dict map[string]any
		fr.file, dict = q.stream(t, fr.desc["/FontFile2"])
		fr.length1, _ = dict["/Length1"].(float64)
		cmap, _ = q.stream(t, type0["/ToUnicode"])
		fr.toUni = map[int]rune{}
		for c, r := range readToUnicode(t, string(cmap)) {
			fr.toUni[glyph(c)] = r
		}
		out[name] = fr
	}
	return out
}

// readW reads a /W array of the form [g [w w …] g [w …] …].
func readW(t *testing.T, v any) map[int]int {
	t.Helper()
	a, _ := v.([]any)
	w := map[int]int{}
	for i := 0; i+1 < len(a); i += 2 {
		first, ok := a[i].(float64)
		if !ok {
			t.Fatalf("/W: %v where a glyph number belongs", a[i])
		}
		for k, x := range numbers(t, a[i+1]) {
			w[int(first)+k] = int(x)
		}
	}
	return w
}

var bfchar = regexp.MustCompile(`<([0-9A-F]{4}|[0-9A-F]{2})> <([0-9A-F]{4,8})>`)

// readToUnicode reads the glyph → character pairs of a ToUnicode CMap, checking that its
// blocks hold at most 100 entries.
func readToUnicode(t *testing.T, cmap string) map[int]rune {
	t.Helper()
	out := map[int]rune{}
	for _, block := range strings.Split(cmap, "beginbfchar\n")[1:] {
		block = block[:strings.Index(block, "endbfchar")]
		pairs := bfchar.FindAllStringSubmatch(block, -1)
		if len(pairs) > 100 || len(pairs) != strings.Count(block, "\n") {
			t.Fatalf("a bfchar block of %d lines, %d pairs", strings.Count(block, "\n"), len(pairs))
		}
		for _, p := range pairs {
			g, _ := strconv.ParseUint(p[1], 16, 16)
			var u []uint16
			for k := 0; k < len(p[2]); k += 4 {
				v, _ := strconv.ParseUint(p[2][k:k+4], 16, 16)
				u = append(u, uint16(v))
			}
			r := rune(u[0])
			if len(u) == 2 {
				r = 0x10000 + (rune(u[0])-0xD800)<<10 + rune(u[1]) - 0xDC00
			}
			out[int(g)] = r
		}
	}
	return out
}

// glyphsOf returns each glyph face draws for s, with the smallest character drawn with it.
func glyphsOf(face *font.Face, s ...string) map[int]rune {
	out := map[int]rune{}
	for _, r := range strings.Join(s, "") {
		g := int(face.Glyph(r))
		if c, ok := out[g]; !ok || r < c {
			out[g] = r
		}
	}
	return out
}

var styleTexts = [4]string{
	"Roman: fi ½ “quotes” — Ŝ and a missing 中 character",
	"Italic ǅ ȸ, with the space before",
	"Bold 0123456789",
	"Bold italic Ω ő",
}

func TestFontSubsetsHoldTheGlyphsDrawnWithTheLayoutsWidths(t *testing.T) {
	f := charis(t)
	d := newDocument(2, 0)
	for s, txt := range styleTexts {
		p := d.Pages[s%2]
		p.Runs = append(p.Runs, text(layout.Style(s), 10, 40, 80+20*float64(s), txt))
	}
	q := readBack(t, write(t, d, testInfo, f))
	embedded := embeddedFonts(t, q)
	if len(embedded) != 4 {
		t.Fatalf("%d fonts embedded, want the 4 styles drawn", len(embedded))
	}
	components := 0
	faces := f.faces()
	for s, face := range faces[:4] {
		fr := embedded[fmt.Sprintf("/F%d", s)]
		suffix := [4]string{"", "-Italic", "-Bold", "-BoldItalic"}[s]
		if !regexp.MustCompile(`^/[A-Z]{6}\+CharisSIL` + suffix + `$`).MatchString(fr.baseFont) {
			t.Errorf("style %d: /BaseFont %s", s, fr.baseFont)
		}
		drawn := glyphsOf(face, styleTexts[s])
		for g, r := range drawn {
			if fr.widths[g] != face.GlyphMilli(uint16(g)) {
				t.Errorf("style %d: %q (glyph %d) is %d wide in /W, book/font measures %d", s, r, g, fr.widths[g], face.GlyphMilli(uint16(g)))
			}
			if fr.toUni[g] != r {
				t.Errorf("style %d: glyph %d maps to %q, want %q", s, g, fr.toUni[g], r)
			}
		}
		if len(fr.widths) != len(drawn) || len(fr.toUni) != len(drawn) {
			t.Errorf("style %d: /W has %d glyphs, ToUnicode %d, %d drawn", s, len(fr.widths), len(fr.toUni), len(drawn))
		}
		if fr.length1 != float64(len(fr.file)) {
			t.Errorf("style %d: /Length1 %v for %d bytes", s, fr.length1, len(fr.file))
		}
		components += checkSubset(t, fr.file, fontBytes(t, f, s), drawn)
		checkDescriptor(t, fr.desc, fontBytes(t, f, s), s == 1 || s == 3)
	}
	// ǅ and ő are composites: the glyphs they are built from stay.
	if components == 0 {
		t.Error("no glyph kept for a composite")
	}
}

// fontBytes is the file of a face, as the shipped fonts hold it.
func fontBytes(t *testing.T, f Fonts, style int) []byte {
	t.Helper()
	data, err := fonts.Read(fonts.Family{Base: f.Base}.File(fonts.Styles[style]))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkSubset reads the subset with x/image's sfnt, a TrueType reader of its own, beside the
// original: every glyph drawn keeps its outline and advance, every other is empty unless a
// drawn composite is built from it; the checksums are right. It returns how many glyphs
// were kept for composites.
func checkSubset(t *testing.T, sub, orig []byte, drawn map[int]rune) int {
	t.Helper()
	checkSums(t, sub)
	of, err := sfnt.Parse(orig)
	if err != nil {
		t.Fatal(err)
	}
	// sfnt needs a cmap and a post table to open a font, and a subset for the PDF has
	// neither: lend it the font's.
	sf, err := sfnt.Parse(lend(t, sub, orig, "cmap", "post"))
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if sf.NumGlyphs() != of.NumGlyphs() {
		t.Fatalf("the subset has %d glyphs, the font %d: glyph IDs must not change", sf.NumGlyphs(), of.NumGlyphs())
	}
	var bs, bo sfnt.Buffer
	ppem := fixed.Int26_6(of.UnitsPerEm())
	kept := 0
	for g := range of.NumGlyphs() {
		x := sfnt.GlyphIndex(g)
		ss, err1 := sf.LoadGlyph(&bs, x, ppem, nil)
		ss = slices.Clone(ss)
		os, err2 := of.LoadGlyph(&bo, x, ppem, nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("glyph %d: %v, %v", g, err1, err2)
		}
		_, isDrawn := drawn[g]
		switch {
		case isDrawn || g == 0:
			if !slices.Equal(ss, os) {
				t.Errorf("glyph %d is drawn, and its outline changed", g)
			}
			as, _ := sf.GlyphAdvance(&bs, x, ppem, 0)
			ao, _ := of.GlyphAdvance(&bo, x, ppem, 0)
			if as != ao {
				t.Errorf("glyph %d: advance %v, the font's %v", g, as, ao)
			}
		case len(ss) > 0:
			kept++
			if !slices.Equal(ss, os) {
				t.Errorf("glyph %d, not drawn, has an outline that is not the font's", g)
			}
		}
	}
	if kept > len(drawn) {
		t.Errorf("%d glyphs not drawn kept their outlines (%d drawn)", kept, len(drawn))
	}
	return kept
}

// tables reads a TrueType table directory: tag → (offset, length, checksum).
func tables(t *testing.T, data []byte) map[string][3]uint32 {
	t.Helper()
	n := int(binary.BigEndian.Uint16(data[4:]))
	out := map[string][3]uint32{}
	for i := range n {
		rec := data[12+16*i:]
		out[string(rec[:4])] = [3]uint32{binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:]), binary.BigEndian.Uint32(rec[4:])}
	}
	return out
}

func table(t *testing.T, data []byte, tag string) []byte {
	t.Helper()
	e, ok := tables(t, data)[tag]
	if !ok {
		t.Fatalf("no %s table", tag)
	}
	return data[e[0] : e[0]+e[1]]
}

// lend returns the font data with more tables, from another font, the directory sorted by tag.
func lend(t *testing.T, data, from []byte, lent ...string) []byte {
	t.Helper()
	bodies := map[string][]byte{}
	for _, tg := range lent {
		bodies[tg] = table(t, from, tg)
	}
	for tg := range tables(t, data) {
		bodies[tg] = table(t, data, tg)
	}
	var tags []string
	for tg := range bodies {
		tags = append(tags, tg)
	}
	sort.Strings(tags)
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(len(tags)))
	out = append(out, make([]byte, 6+16*len(tags))...)
	for i, tg := range tags {
		rec := out[12+16*i:]
		copy(rec, tg)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(bodies[tg])))
		out = append(out, bodies[tg]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func sum32(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// checkSums checks each table's checksum and the file's (head's checkSumAdjustment).
func checkSums(t *testing.T, data []byte) {
	t.Helper()
	for tag, e := range tables(t, data) {
		body := slices.Clone(data[e[0] : e[0]+e[1]])
		if tag == "head" {
			binary.BigEndian.PutUint32(body[8:], 0)
		}
		if sum32(body) != e[2] {
			t.Errorf("table %s: checksum %08x, recorded %08x", tag, sum32(body), e[2])
		}
	}
	if s := sum32(data); s != 0xB1B0AFBA {
		t.Errorf("the file sums to %08x, want B1B0AFBA", s)
	}
}

// checkDescriptor compares the font descriptor with what sfnt reads in the font.
func checkDescriptor(t *testing.T, desc map[string]any, orig []byte, italic bool) {
	t.Helper()
	of, err := sfnt.Parse(orig)
	if err != nil {
		t.Fatal(err)
	}
	upem := fixed.Int26_6(of.UnitsPerEm())
	milli := func(v fixed.Int26_6) float64 { return float64(int(float64(v) * 1000 / float64(upem))) }
	b, _ := of.Bounds(nil, upem, 0)
	// sfnt's y axis points down.
	if got, want := numbers(t, desc["/FontBBox"]), []float64{milli(b.Min.X), milli(-b.Max.Y), milli(b.Max.X), milli(-b.Min.Y)}; !slices.Equal(got, want) {
		t.Errorf("/FontBBox %v, want %v", got, want)
	}
	m, _ := of.Metrics(nil, upem, 0)
	if desc["/Ascent"] != milli(m.Ascent) || desc["/Descent"] != milli(-m.Descent) || desc["/CapHeight"] != milli(m.CapHeight) {
		t.Errorf("ascent, descent, cap height %v %v %v; sfnt reads %v %v %v", desc["/Ascent"], desc["/Descent"], desc["/CapHeight"], m.Ascent, m.Descent, m.CapHeight)
	}
	flags, angle := 32.0, 0.0
	if italic {
		flags = 96
		post := table(t, orig, "post")
		angle = math.Round(float64(int32(binary.BigEndian.Uint32(post[4:])))/65536*100) / 100
	}
	if desc["/Flags"] != flags || desc["/ItalicAngle"] != angle {
		t.Errorf("/Flags %v /ItalicAngle %v, want %v %v", desc["/Flags"], desc["/ItalicAngle"], flags, angle)
	}
}

func TestUnusedStylesAreNotEmbedded(t *testing.T) {
	d := newDocument(1, 0)
	d.Pages[0].Runs = []layout.Run{text(layout.Bold, 12, 40, 80, "Only bold")}
	f := charis(t)
	f.Base = "My Family (test)/x"
	q := readBack(t, write(t, d, testInfo, f))
	embedded := embeddedFonts(t, q)
	if len(embedded) != 1 {
		t.Fatalf("%d fonts for one style", len(embedded))
	}
	// A name may not hold spaces or delimiters.
	if fr := embedded["/F2"]; !regexp.MustCompile(`^/[A-Z]{6}\+MyFamilytestx-Bold$`).MatchString(fr.baseFont) {
		t.Errorf("/BaseFont %s", fr.baseFont)
	}
}

func TestSubsetTagsFollowTheGlyphs(t *testing.T) {
	tag := func(s string) string {
		d := newDocument(1, 0)
		d.Pages[0].Runs = []layout.Run{text(layout.Roman, 10, 40, 80, s)}
		for _, fr := range embeddedFonts(t, readBack(t, write(t, d, Info{}, charis(t)))) {
			return fr.baseFont[1:7]
		}
		return ""
	}
	if a, b := tag("abc"), tag("cab"); a != b {
		t.Errorf("the same glyphs, tags %s and %s", a, b)
	}
	if a, b := tag("abc"), tag("abd"); a == b {
		t.Errorf("other glyphs, one tag %s", a)
	}
}

func TestCodesAreGivenAsGlyphsAreFirstDrawn(t *testing.T) {
	faces := charis(t).faces()
	c := newCodes(faces[0])
	uni := make([]rune, faces[0].NumGlyphs())
	give := func(g uint16, r rune) (int, byte) {
		if uni[g] == 0 || r < uni[g] {
			uni[g] = r
		}
		return c.code(g, r)
	}
	// Printable ASCII its own code, the rest from 0x80; a glyph keeps its code.
	for _, tc := range []struct {
		g    uint16
		r    rune
		code byte
	}{{3, 'a', 'a'}, {4, '(', '('}, {5, 'a', 0x80}, {7, '😀', 0x81}, {3, 'a', 'a'}} {
		if k, code := give(tc.g, tc.r); k != 0 || code != tc.code {
			t.Errorf("glyph %d (%q): bank %d code %#x, want 0 %#x", tc.g, tc.r, k, code, tc.code)
		}
	}
	// More than 256 glyphs go on in a second bank; no code is given twice in a bank.
	for g := uint16(10); g < 300; g++ {
		give(g, rune('A'+g))
	}
	seen := map[[2]int]uint16{}
	for g := uint16(3); g < 300; g++ {
		if g == 6 || g == 8 || g == 9 {
			continue
		}
		k, code := c.code(g, uni[g])
		if o, dup := seen[[2]int{k, int(code)}]; dup {
			t.Fatalf("glyphs %d and %d share bank %d code %#x", o, g, k, code)
		}
		seen[[2]int{k, int(code)}] = g
	}
	if len(c.banks) != 2 || c.n[0] != 256 || c.n[1] != 294-256 {
		t.Errorf("%d banks, %v codes", len(c.banks), c.n)
	}
	if k, code := c.code(uint16('d'-'A'), 'd'); k != 0 || code != 'd' {
		t.Errorf("d: bank %d code %#x", k, code)
	}
	gs, cs := c.glyphs(0)
	cmap := string(toUnicode(gs, cs, uni))
	if !strings.Contains(cmap, "<81> <D83DDE00>") {
		t.Error("no surrogate pair for U+1F600")
	}
	got := readToUnicode(t, cmap)
	if len(got) != 256 || got['a'] != 'a' || got[0x81] != '😀' || got[0x80] != 'a' || got['d'] != 'd' {
		t.Errorf("bank 0's ToUnicode: %d codes", len(got))
	}
	gs, cs = c.glyphs(1)
	if got := readToUnicode(t, string(toUnicode(gs, cs, uni))); len(got) != 38 {
		t.Errorf("bank 1's ToUnicode: %d codes", len(got))
	}
	if m := c.cidToGID(0); int(m[2*0x81])<<8|int(m[2*0x81+1]) != 7 {
		t.Error("bank 0's CIDToGIDMap does not take 0x81 to glyph 7")
	}
	if b := appendCode(nil, '('); string(b) != `\(` {
		t.Errorf("( is written %q", b)
	}

	// A missing character is drawn as the space: the space is what copying gives.
	u := newGlyphUse(faces)
	u.note(0, faces[0].Glyph('中'), '中')
	u.note(0, faces[0].Glyph(' '), ' ')
	if g := faces[0].Glyph(' '); u.uni[0][g] != ' ' {
		t.Errorf("the space glyph maps to %q", u.uni[0][g])
	}
}
