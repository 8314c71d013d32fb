package layout

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"bindery/book/font"
)

// wordFormOld and wordCacheOld are the word cache before the twenty-ninth round: a word's
// first form the map's value itself, its other looks in more. The oracle of
// TestWordCacheAsBefore.
type wordFormOld struct {
	look    wordLook
	pieces  []setPiece
	measure Length
	wide    bool
	next    int32
}

type wordCacheOld struct {
	first map[string]wordFormOld
	more  []wordFormOld
	room  []setPiece
}

func (c *wordCacheOld) add(w string, f wordFormOld, known bool) {
	if c.first == nil {
		c.first = make(map[string]wordFormOld, pieceChunk)
	}
	if k := len(c.room); cap(c.room)-k < len(f.pieces) {
		c.room = make([]setPiece, 0, max(pieceChunk, len(f.pieces)))
	}
	k := len(c.room)
	c.room = append(c.room, f.pieces...)
	f.pieces = c.room[k:len(c.room):len(c.room)]
	if known {
		head := c.first[w]
		f.next, head.next = head.next, int32(len(c.more))
		c.more = append(c.more, f)
		c.first[w] = head
		return
	}
	f.next = -1
	c.first[w] = f
}

func (c *wordCacheOld) size() int { return len(c.first) + len(c.more) }

// find is setWordPieces' lookup as it was: the pieces, whether found, and whether w known.
func (c *wordCacheOld) find(w string, wl *wordLook, width Length) ([]setPiece, bool, bool) {
	f, known := c.first[w]
	if known {
		for {
			if f.look.same(wl) && (!f.wide || f.measure == width) {
				return f.pieces, true, true
			}
			if f.next < 0 {
				break
			}
			f = c.more[f.next]
		}
	}
	return nil, false, known
}

// The cache finds what the old one found, word by word, in a random run of lookups and
// additions: words in many looks, wide forms at several measures, forms with no pieces,
// past several chunks of forms.
func TestWordCacheAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 42))
	faces := []*font.Face{new(font.Face), new(font.Face), new(font.Face)}
	langs := []string{"", "de", "en-GB"}
	widths := []Length{300 << 16, 200 << 16, 40 << 16}
	looks := make([]wordLook, 12)
	for i := range looks {
		looks[i] = wordLook{
			face: faces[rng.IntN(len(faces))], size: Length(10+rng.IntN(2)) << 16, lang: langs[rng.IntN(len(langs))],
			figures: font.FigureStyle(rng.IntN(2)), literal: rng.IntN(8) == 0, smallCaps: rng.IntN(6) == 0,
			acronyms: rng.IntN(2) == 0, anywhere: rng.IntN(10) == 0, noHyphens: rng.IntN(10) == 0,
		}
	}
	looks[len(looks)-1] = looks[0]
	looks[len(looks)-1].lang = strings.Clone(looks[0].lang + "x")[:len(looks[0].lang)] // the same look, its language another copy
	looks[len(looks)-2] = looks[1]
	looks[len(looks)-2].noHyphens = !looks[1].noHyphens
	lookups := 200_000
	if testing.Short() {
		lookups = 20_000
	}
	for round := range 4 {
		nwords := []int{50, 700, 3000, 40000}[round] // the last past maxWordForms
		words := make([]string, nwords)
		for i := range words {
			b := make([]byte, 5+rng.IntN(8))
			for j := range b {
				b[j] = byte('a' + rng.IntN(26))
			}
			words[i] = string(b)
		}
		var old wordCacheOld
		var c wordCache
		for n := range lookups {
			w := words[rng.IntN(len(words))]
			wl := looks[rng.IntN(len(looks))]
			width := widths[rng.IntN(len(widths))]
			want, found, wantKnown := old.find(w, &wl, width)
			f, head, known := c.find(w, &wl, width)
			if found != (f != nil) || known != wantKnown {
				t.Fatalf("round %d, lookup %d of %q: found %v known %v, want %v %v", round, n, w, f != nil, known, found, wantKnown)
			}
			if found {
				if !reflect.DeepEqual(f.pieces, want) {
					t.Fatalf("round %d, lookup %d of %q: pieces %v, want %v", round, n, w, f.pieces, want)
				}
				continue
			}
			if c.size() != old.size() {
				t.Fatalf("round %d, lookup %d: %d forms, want %d", round, n, c.size(), old.size())
			}
			if c.size() >= maxWordForms {
				continue
			}
			pieces := make([]setPiece, rng.IntN(4))
			for i := range pieces {
				pieces[i] = setPiece{text: w[:1+rng.IntN(len(w))], width: rng.Int32(), extra: rng.Int32N(100), after: pieceEnd(rng.IntN(3))}
			}
			wide := rng.IntN(3) == 0
			var measure Length
			if wide {
				measure = width
			}
			old.add(w, wordFormOld{look: wl, pieces: pieces, measure: measure, wide: wide}, wantKnown)
			c.add(w, wordForm{look: wl, pieces: pieces, measure: measure, wide: wide}, known, head)
		}
		if c.size() != old.size() || c.size() < 2 {
			t.Fatalf("round %d: %d forms, want %d", round, c.size(), old.size())
		}
		t.Logf("round %d: %d forms", round, c.size())
	}
}
