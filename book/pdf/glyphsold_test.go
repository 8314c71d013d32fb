package pdf

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// painter.glyphs as it was before its codes and widths were one load and its glyph use was
// noted inline (pdf39), for TestGlyphsAsBefore.
func (pt *painter) glyphsAsBefore(b []byte, tx *textState, rs int, s string, prevG uint16, prevR rune) ([]byte, uint16, rune) {
	face := pt.faces[rs]
	kern := face.HasKerning()
	size := tx.size
	enc := pt.codes[rs]
	fresh := false
	if tx.open && len(b) > 0 && b[len(b)-1] == ')' && (len(b) < 2 || b[len(b)-2] != '\\') {
		b = b[:len(b)-1]
	} else {
		b = append(b, '(')
		fresh = true
	}
	for _, c := range s {
		g := face.Glyph(c)
		bank, code := enc.code(g, c)
		if bank != tx.bank {
			b = tx.setFont(b, rs, bank, fresh)
			fresh = true
		}
		if kern && prevR >= 0 && prevR != ' ' && c != ' ' {
			if k := face.KernGlyphsMilli(prevG, g); k != 0 {
				b = append(b, ')')
				b = strconv.AppendInt(b, int64(-k), 10)
				b = append(b, '(')
				tx.cursor += float64(k) * size / 1000
			}
		}
		b = appendCode(b, code)
		fresh = false
		tx.cursor += float64(face.GlyphMilli(g))*size/1000 + tx.tc
		pt.use.note(rs, g, c)
		prevG, prevR = g, c
	}
	return append(b, ')'), prevG, prevR
}

// TestGlyphsAsBefore paints random strings with glyphs and with glyphsAsBefore on two
// painters in step: the same bytes, text state, last glyph, codes given (banks past the
// first), glyph use and page records, in faces with and without kerning.
func TestGlyphsAsBefore(t *testing.T) {
	glyphsAgainst(t, (*painter).glyphsAsBefore, 39)
}

// TestGlyphsAsPDF42 is TestGlyphsAsBefore against glyphs as pdf42 left it, on other strings.
func TestGlyphsAsPDF42(t *testing.T) {
	glyphsAgainst(t, (*painter).glyphsAsPDF42, 43)
}

func glyphsAgainst(t *testing.T, oracle func(*painter, []byte, *textState, int, string, uint16, rune) ([]byte, uint16, rune), seed uint64) {
	rounds, calls := 40, 400
	if testing.Short() {
		rounds = 8
	}
	pool := []rune("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ()\\\n\r.,;:!?-–—’“”…" +
		"àéîõüçñßæøåÆŒœ ﬁﬂﬀﬃ ΑΒΓαβγδ АБВабв ǅǈĳ ₀₁₂ ½¼ ←→ 中文 😀 \t\x01\x7f\u00a0\u200b")
	// A face's glyphs, to fill past one bank.
	for r := rune(0x100); r < 0x250; r++ {
		pool = append(pool, r)
	}
	families := []Fonts{charis(t), bookFonts(t, "GentiumBookPlus")}
	kerned := 0
	for _, f := range families {
		for _, face := range f.faces() {
			if face != nil && face.HasKerning() {
				kerned++
			}
		}
	}
	if kerned == 0 {
		t.Log("no face with kerning: the kerned path is not compared")
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for round := range rounds {
		faces := families[round%len(families)].faces()
		mk := func() *painter {
			pt := &painter{faces: faces, pageH: 842, images: map[string]int{}, use: newGlyphUse(faces), codes: new([numFaces]*codes)}
			for s, face := range faces {
				pt.codes[s] = newCodes(face)
			}
			if round%3 == 1 {
				rec := newPageRecord(faces)
				rec.startPage()
				pt.use.rec = rec
				for s := range faces {
					pt.codes[s].rec, pt.codes[s].face = rec, uint8(s)
				}
			}
			return pt
		}
		a, o := mk(), mk()
		ta := textState{inText: true, open: true, style: -1, mcid: noContent, lastR: -1, size: 10.5}
		to := ta
		ba, bo := []byte("BT\n["), []byte("BT\n[")
		var ga, gb uint16
		ra, rb := rune(-1), rune(-1)
		for call := range calls {
			rs := rng.IntN(4)
			if faces[rs] == nil {
				continue
			}
			// A new state now and then: a TJ array open or not, a string before or not.
			if rng.IntN(8) == 0 {
				ta.open = rng.IntN(2) == 0
				ta.size = []float64{10.5, 9, 7.35, 21, 0.1}[rng.IntN(5)]
				ta.tc = []float64{0, 0.01, -0.05}[rng.IntN(3)]
				ta.bank = rng.IntN(2)
				ta.cursor = rng.Float64() * 300
				tail := []string{"", ")", "\\)", "[", "x"}[rng.IntN(5)]
				ba, bo = append(ba, tail...), append(bo, tail...)
				to = ta
				ga, gb, ra, rb = 0, 0, -1, -1
			}
			if rec := a.use.rec; rec != nil && call%50 == 0 {
				rec.startPage()
				o.use.rec.startPage()
			}
			n := rng.IntN(12)
			s := make([]rune, n)
			for k := range s {
				s[k] = pool[rng.IntN(len(pool))]
			}
			text := string(s)
			if rng.IntN(3) == 0 { // words of ASCII, drawn before or not yet
				text = randomASCII(rng, rng.IntN(24))
			}
			if rng.IntN(20) == 0 {
				text += "\xff\xfe" // broken UTF-8
			}
			ba, ga, ra = a.glyphs(ba, &ta, rs, text, ga, ra)
			bo, gb, rb = oracle(o, bo, &to, rs, text, gb, rb)
			if string(ba) != string(bo) || ta != to || ga != gb || ra != rb {
				t.Fatalf("round %d call %d (%q in face %d): glyphs gave\n%q %+v %d %d\nbefore:\n%q %+v %d %d",
					round, call, text, rs, ba[max(0, len(ba)-80):], ta, ga, ra, bo[max(0, len(bo)-80):], to, gb, rb)
			}
			if rec := a.use.rec; rec != nil && (!slices.Equal(rec.notes, o.use.rec.notes) || !slices.Equal(rec.given, o.use.rec.given)) {
				t.Fatalf("round %d call %d: page records differ", round, call)
			}
		}
		for s := range faces {
			if faces[s] == nil {
				continue
			}
			ca, co := a.codes[s], o.codes[s]
			if !slices.Equal(ca.of, co.of) || !slices.Equal(ca.n, co.n) || !slices.Equal(ca.free, co.free) || len(ca.banks) != len(co.banks) {
				t.Fatalf("round %d face %d: codes differ", round, s)
			}
			for k := range ca.banks {
				if *ca.banks[k] != *co.banks[k] {
					t.Fatalf("round %d face %d: bank %d differs", round, s, k)
				}
			}
			if !slices.Equal(a.use.used[s], o.use.used[s]) || !slices.Equal(a.use.uni[s], o.use.uni[s]) {
				t.Fatalf("round %d face %d: glyph use differs", round, s)
			}
		}
	}
}

// painter.glyphs as it was before its stretches of ASCII drawn before went by drawnASCII
// (pdf43), for TestGlyphsAsPDF42.
func (pt *painter) glyphsAsPDF42(b []byte, tx *textState, rs int, s string, prevG uint16, prevR rune) ([]byte, uint16, rune) {
	face := pt.faces[rs]
	kern := face.HasKerning()
	size, tc, cursor := tx.size, tx.tc, tx.cursor
	enc := pt.codes[rs]
	used, uni, rec := pt.use.used[rs], pt.use.uni[rs], pt.use.rec
	drawn := pt.drawn[rs]
	if drawn == nil {
		drawn = new([256]drawnGlyph)
		pt.drawn[rs] = drawn
	}
	// Two strings in a row in the TJ array are one (a word and its space).
	fresh := false // the string was opened with nothing in it yet
	if tx.open && len(b) > 0 && b[len(b)-1] == ')' && (len(b) < 2 || b[len(b)-2] != '\\') {
		b = b[:len(b)-1]
	} else {
		b = append(b, '(')
		fresh = true
	}
	for _, c := range s {
		var g uint16
		var v glyphCode
		if uint32(c) < 256 && drawn[c].code.given != 0 {
			g, v = drawn[c].g, drawn[c].code
		} else {
			g = face.Glyph(c)
			if v = enc.of[g]; v.given == 0 {
				v = enc.give(g, c)
			}
			if !used[g] || c < uni[g] { // glyphUse.mark
				used[g], uni[g] = true, c
			}
			if uint32(c) < 256 {
				drawn[c] = drawnGlyph{v, g}
			}
		}
		if bank := v.bank(); bank != tx.bank {
			b = tx.setFont(b, rs, bank, fresh)
			fresh = true
		}
		// The layout measures words and spaces apart: no kerning across a space.
		if kern && prevR >= 0 && prevR != ' ' && c != ' ' {
			if k := face.KernGlyphsMilli(prevG, g); k != 0 {
				b = append(b, ')')
				b = appendInt(b, -k)
				b = append(b, '(')
				cursor += float64(k) * size / 1000
			}
		}
		b = appendCode(b, v.code())
		fresh = false
		cursor += float64(v.milli)*size/1000 + tc
		if rec != nil {
			rec.note(rs, g, c)
		}
		prevG, prevR = g, c
	}
	tx.cursor = cursor
	return append(b, ')'), prevG, prevR
}

// randomASCII is n bytes of letters, spaces, the string's escapes and a few controls.
func randomASCII(rng *rand.Rand, n int) string {
	const pool = "etaoinshrdlu etaoin ETAOIN .,;-()\\\n\r\x01\x7f~"
	b := make([]byte, n)
	for k := range b {
		b[k] = pool[rng.IntN(len(pool))]
	}
	return string(b)
}

// TestEscapedAsAppendCode checks drawnASCII's table against appendCode for every code.
func TestEscapedAsAppendCode(t *testing.T) {
	for c := range 256 {
		want := string(appendCode(nil, byte(c)))
		got := string([]byte{byte(c)})
		if e := escaped[c]; e != 0 {
			got = string([]byte{'\\', e})
		}
		if got != want {
			t.Errorf("code %#x: table gives %q, appendCode %q", c, got, want)
		}
	}
}

// TestSpaceAsGlyphs paints word spaces with space and with glyphs(" ") on two painters in
// step, between random strings and states: the same bytes and text state.
func TestSpaceAsGlyphs(t *testing.T) {
	rounds, calls := 30, 400
	if testing.Short() {
		rounds = 6
	}
	families := []Fonts{charis(t), bookFonts(t, "GentiumBookPlus")}
	rng := rand.New(rand.NewPCG(431, 1))
	pool := []rune("abc ()\\\n\r.,é中😀\x01")
	for r := rune(0x100); r < 0x250; r++ {
		pool = append(pool, r) // past one bank
	}
	for round := range rounds {
		faces := families[round%len(families)].faces()
		mk := func() *painter {
			pt := &painter{faces: faces, pageH: 842, images: map[string]int{}, use: newGlyphUse(faces), codes: new([numFaces]*codes)}
			for s, face := range faces {
				pt.codes[s] = newCodes(face)
			}
			if round%4 == 3 {
				rec := newPageRecord(faces)
				rec.startPage()
				pt.use.rec = rec
				for s := range faces {
					pt.codes[s].rec, pt.codes[s].face = rec, uint8(s)
				}
			}
			return pt
		}
		a, o := mk(), mk()
		ta := textState{inText: true, open: true, style: 0, mcid: noContent, lastR: -1, size: 10.5}
		to := ta
		ba, bo := []byte("BT\n["), []byte("BT\n[")
		for call := range calls {
			if rng.IntN(6) == 0 {
				ta.open = rng.IntN(3) != 0
				ta.style = rng.IntN(4)
				for faces[ta.style] == nil {
					ta.style = rng.IntN(4)
				}
				ta.size = []float64{10.5, 9, 7.35, 21, 0.1}[rng.IntN(5)]
				ta.tc = []float64{0, 0.01, -0.05}[rng.IntN(3)]
				ta.bank = rng.IntN(2)
				ta.cursor = rng.Float64() * 300
				tail := []string{"", ")", "\\)", "[", "x", "()"}[rng.IntN(6)]
				ba, bo = append(ba, tail...), append(bo, tail...)
				to = ta
			}
			if rng.IntN(2) == 0 {
				ba = a.space(ba, &ta)
				bo, _, _ = o.glyphs(bo, &to, to.style, " ", 0, -1)
			} else {
				s := make([]rune, rng.IntN(6))
				for k := range s {
					s[k] = pool[rng.IntN(len(pool))]
				}
				ba, _, _ = a.glyphs(ba, &ta, ta.style, string(s), 0, -1)
				bo, _, _ = o.glyphs(bo, &to, to.style, string(s), 0, -1)
			}
			if string(ba) != string(bo) || ta != to {
				t.Fatalf("round %d call %d: space gave\n%q %+v\nglyphs:\n%q %+v",
					round, call, ba[max(0, len(ba)-60):], ta, bo[max(0, len(bo)-60):], to)
			}
		}
	}
}
