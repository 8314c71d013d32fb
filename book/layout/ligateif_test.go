package layout

import (
	"math/rand/v2"
	"strings"
	"testing"

	"bindery/book/font"
)

// TestLigateIfAsLigate: a piece of a word set in any look (small capitals, acronyms, other
// figures) is ligated as ligate did, when ligateIf skips the words whose bytes have no f:
// random words of f, i, l, digits, capitals and letters past ASCII, whole and cut at random.
func TestLigateIfAsLigate(t *testing.T) {
	fam, err := font.LoadFamily("../../fonts", "CharisSIL")
	if err != nil {
		t.Fatal(err)
	}
	looks := []look{
		{size: 10 << 16},
		{size: 10 << 16, smallCaps: true},
		{size: 10 << 16, figures: font.Oldstyle},
		{size: 10 << 16, smallCaps: true, figures: font.Lining},
	}
	r := rand.New(rand.NewPCG(41, 19))
	alphabet := []string{"f", "f", "i", "l", "a", "e", "F", "I", "L", "1", "9", "é", "ß", "ﬁ", "-", "\xff"}
	iters := 200000
	if testing.Short() {
		iters = 20000
	}
	ligated, changed := 0, 0
	for range iters {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		w := b.String()
		classes := wordClasses(w)
		if classes&byteF == 0 && strings.Contains(w, "f") {
			t.Fatalf("%q: no f class", w)
		}
		from, to := 0, len(w)
		if r.IntN(2) == 0 {
			from = r.IntN(len(w) + 1)
			to = from + r.IntN(len(w)-from+1)
		}
		var acronyms [][2]int
		if r.IntN(3) == 0 {
			acronyms = [][2]int{{0, len(w)}}
		}
		l := &looks[r.IntN(len(looks))]
		face := fam.Regular
		if r.IntN(2) == 0 {
			face = fam.Italic
		}
		v := variants(face, w, from, to, l, acronyms, classes)
		got, want := ligateIf(face, v, classes), ligate(face, v)
		if got != want {
			t.Fatalf("%q [%d:%d] %+v: ligateIf gives %q, ligate %q", w, from, to, *l, got, want)
		}
		if want != v {
			ligated++
		}
		if v != w[from:to] {
			changed++
		}
	}
	if ligated < iters/50 || changed < iters/50 {
		t.Fatalf("only %d of %d pieces had a ligature, %d a variant", ligated, iters, changed)
	}
}
