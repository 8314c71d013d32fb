package link

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
)

// TestFindInIsFindOnEachPiece: the search splits a text into words once for the three tables,
// looks each word up once (a scratch's words kept from text to text), and searches the
// glossary in each piece between the index's marks on a run of those words; it must find
// what the search one table at a time found (oracleFindIn: the glossary's in the piece cut
// out as a text), with the same offsets. Tokens are checked against a split rune by rune.
func TestFindInIsFindOnEachPiece(t *testing.T) {
	ts := &termSearch{idx: newPhrases(stemmerFor("en")), excl: newPhrases(nil), gl: newPhrases(nil)}
	ts.idx.reach = reachFor("en") // words whose stem cannot be a phrase's are not stemmed
	ts.add(ts.idx, 'i', []string{"general strike", "road", "water war", "MAS", "possibility"}, target{})
	ts.add(ts.excl, 'x', []string{"road map"}, target{})
	ts.add(ts.gl, 'g', []string{"strike", "strike wave", "blockade", "Morales’ party", "ayllu"}, target{})
	ts.add(ts.gl, 'g', []string{"war", "road blockade", "MAS-IPSP", "general"}, target{})
	ts.made(nil, "")
	words := []string{"general", "strike", "strikes", "wave", "road", "roads", "blockade", "map",
		"water", "war", "wars", "Water", "War", "MAS", "IPSP", "Morales", "party", "ayllu", "ayllus",
		"São", "1952", "Ünal", "possibly", "Possible", "possibilities", "generally", "roadside", "party",
		"parties", "warring"}
	seps := []string{" ", " ", " ", "  ", "-", "’ ", ", ", ". ", "\u00a0", "—", "é"}
	rng := rand.New(rand.NewPCG(1, 2))
	searched, marked, dropped := 0, 0, 0
	sc := newFindScratch(ts, 0)
	for range 5000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		text := b.String()
		if got, want := tokens(text), runeTokens(text); !slices.Equal(got, want) {
			t.Fatalf("%q: tokens %v, want %v", text, got, want)
		}
		tf := sc.search(text).clone()
		want := oracleFindIn(ts, text)
		for _, l := range [][2][]keptMatch{{tf.marks, want.marks}, {tf.dropped, want.dropped}, {tf.xs, want.xs}, {tf.gloss, want.gloss}} {
			if !slices.Equal(l[0], l[1]) {
				t.Fatalf("%q: found %+v, want %+v", text, tf, want)
			}
		}
		marked += len(tf.marks)
		dropped += len(tf.dropped)
		searched += len(testPieces(len(text), tf.marks))
	}
	if marked < 1000 || searched < 6000 || dropped < 10 {
		t.Fatalf("only %d marks, %d dropped and %d pieces: the case does not test the pieces", marked, dropped, searched)
	}
}

// runeTokens splits s as tokens does, a rune at a time by doc.WordChar.
func runeTokens(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		word := doc.WordChar(r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, token{int32(start), int32(i)})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{int32(start), int32(len(s))})
	}
	return out
}

// textPos gives what PosAt gives, for offsets in increasing order (at characters' starts, as
// words' are), across a text's starts and in a text without a line (no column counted).
func TestTextPosIsPosAt(t *testing.T) {
	texts := []*doc.Text{
		{At: doc.At{Pos: diag.Pos{File: "c.md", Line: 3, Col: 5}}, Text: "héllo wörld and más",
			Starts: []doc.TextStart{{Offset: 7, Pos: diag.Pos{File: "c.md", Line: 4, Col: 1}}, {Offset: 13, Pos: diag.Pos{File: "c.md", Line: 5, Col: 3}}}},
		{At: doc.At{Pos: diag.Pos{File: "c.md", Line: 9, Col: 2}}, Text: "plain text, no starts"},
		{Text: "no line at all"},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tx := range texts {
		for range 200 {
			c := textPos{t: tx, base: tx.Pos}
			for off := 0; off <= len(tx.Text); off += rng.IntN(4) {
				if off < len(tx.Text) && !utf8.RuneStart(tx.Text[off]) {
					continue
				}
				if got, want := c.pos(off), tx.PosAt(off); got != want {
					t.Fatalf("%q at %d: %v, want %v", tx.Text, off, got, want)
				}
			}
		}
	}
}

// TestWordIDsIsAMap: the search's table of words numbers them as a map would, in the order
// met, through its growth from the smallest size, with words of every length up to and past
// the hash's eight bytes and many alike; a word's hash is the same in any text around it
// (with more bytes after it, or fewer than eight) as alone. lookup, the search's, gives
// what find gives: a word of eight bytes or fewer is compared by its bytes and length.
func TestWordIDsIsAMap(t *testing.T) {
	ids, want := newWordIDs(0), map[string]int32{}
	rng := rand.New(rand.NewPCG(19, 20))
	some := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abé\x00"[rng.IntN(4)]
		}
		return string(b)
	}
	for range 100_000 {
		w, before := some(rng.IntN(20)), some(rng.IntN(10))
		text := before + w + some(rng.IntN(10))
		slot, id := ids.find(w, wordHash(text, len(before), len(before)+len(w)))
		if rng.IntN(2) == 0 { // the search's way, short words by their bytes
			slot2, id2 := ids.lookup(text, len(before), len(before)+len(w))
			if slot2 != slot || id2 != id {
				t.Fatalf("%q in %q: lookup %d at %d, find %d at %d", w, text, id2, slot2, id, slot)
			}
			if len(w) <= 8 && len(before)+8 <= len(text) {
				if h, x := wordHash(w, 0, len(w)), diag.Load64(text, len(before))&(^uint64(0)>>(64-8*len(w))); shortHash(len(w), x) != h {
					t.Fatalf("%q: shortHash %#x, wordHash %#x", w, shortHash(len(w), x), h)
				}
			}
		}
		n, ok := want[w]
		if !ok {
			n = int32(len(want))
			want[w] = n
			if id < 0 {
				ids.add(slot, w)
			}
		}
		if ok && id != n || !ok && id != -1 {
			t.Fatalf("%q in %q: number %d, want %d (met before: %v)", w, text, id, n, ok)
		}
	}
	for w, n := range want {
		if _, id := ids.find(w, wordHash(w, 0, len(w))); id != n {
			t.Fatalf("%q: number %d after growing, want %d", w, id, n)
		}
		if _, id := ids.lookup(w+"\x00\x00\x00\x00\x00\x00\x00\x00", 0, len(w)); id != n {
			t.Fatalf("%q: number %d after growing, want %d", w, id, n)
		}
	}
}

// TestFindShortComparesLengths: a word of eight bytes or fewer is its bytes and its length:
// "ab" and "ab\x00" hold the same bytes, and where their hashes meet in one chain of slots
// (here the same hash) neither is taken for the other.
func TestFindShortComparesLengths(t *testing.T) {
	ids := newWordIDs(0)
	x := diag.Load64("ab\x00\x00\x00\x00\x00\x00", 0)
	h := shortHash(2, x)
	slot, id := ids.findShort(x, 2, h)
	if id != -1 {
		t.Fatalf("ab in an empty table: %d", id)
	}
	ids.add(slot, "ab")
	if _, id := ids.findShort(x, 3, h); id != -1 {
		t.Fatalf("ab\\x00 found as %d, ab's number", id)
	}
	if _, id := ids.findShort(x, 2, h); id != 0 {
		t.Fatalf("ab found as %d", id)
	}
}
