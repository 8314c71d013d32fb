package layout

import (
	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/hyphen"
)

// A book repeats its words, and a word set in the same look in the same kind of paragraph
// gives the same syllables, widths and breaks: each goroutine setting chapters keeps the
// words of five bytes or more it has set (setters.words), once it has set enough words for
// them to repeat (cacheAfterWords), and such a word is then measured and hyphenated once
// per look, not once per occurrence (a build of the default book sets 34 k words, 6.5 k of
// them distinct in what setPieces reads; the tenfold book 224 k and 8.1 k). What depends on
// the word's neighbours — the kern with the text before it, opening quotation marks, its
// fragment's link, raise and rule — is done as each occurrence is set (word).

// setPiece is a syllable of a set word as drawn: its box's width and what may follow it.
// Widths are a word's (under 2^31 sp, 32,768 pt): 32 bits keep a piece at 32 bytes.
type setPiece struct {
	text  string
	width int32
	// extra is, after a discretionary, the width it adds to a line that breaks there; after
	// an explicit break, its own cost (0: the book's ExHyphenPenalty).
	extra int32
	after pieceEnd
}

// pieceEnd is what follows a piece of a word.
type pieceEnd uint8

const (
	wordEnds      pieceEnd = iota
	discretionary          // a hyphen the line may break at
	explicitBreak          // a break after a hyphen, dash or slash the word has
)

// wordLook is what a word's set form depends on besides its letters: the face and size it
// is measured in, how it is broken (the passage's language, literal text, the paragraph's
// hyphenation), and which letters and figures are drawn as variants.
type wordLook struct {
	face      *font.Face
	size      Length
	lang      string
	figures   font.FigureStyle
	literal   bool
	smallCaps bool
	// acronyms, anywhere and noHyphens are the paragraph's: acronyms in small capitals
	// allowed (acronymsAllowed), breaks between any two characters, no hyphenation.
	acronyms, anywhere, noHyphens bool
}

// wordForm is one set form of a word. The map holds a word's first form itself (a hit
// reads no other memory for it but its pieces); its forms in other looks are in
// wordCache.more.
type wordForm struct {
	look   wordLook
	pieces []setPiece
	// measure is the paragraph's width, when the form depends on it (wide): code and
	// addresses wider than the measure break between any two characters.
	measure Length
	wide    bool
	next    int32 // the word's next form in more, or -1
}

// same reports whether two looks are the same, the fields that differ most often first
// (the generated comparison was a third of a lookup).
func (a *wordLook) same(b *wordLook) bool {
	return a.face == b.face && a.size == b.size && a.figures == b.figures && a.literal == b.literal &&
		a.smallCaps == b.smallCaps && a.acronyms == b.acronyms && a.anywhere == b.anywhere &&
		a.noHyphens == b.noHyphens && a.lang == b.lang
}

// minCachedWord is the shortest word kept, in bytes: a shorter one (the, of, and) is set
// in about the time a map takes to find it, and is not hyphenated.
const minCachedWord = 5

// maxWordForms bounds a goroutine's cache: past it, words are set as if it were off. About
// 150 bytes a form, so at most ~5 MB a goroutine; the 100-fold book has ~8 k forms.
const maxWordForms = 1 << 15

// pieceChunk is how many pieces are allocated at once: the cache grows by chunks, never
// copied (a slice grown by append was copied, write barriers and all, a dozen times).
const pieceChunk = 512

// wordCache holds the set forms of the words one goroutine has set in a build.
type wordCache struct {
	// hyphenator and acronyms are the settings the forms were set with: forms set with
	// others are dropped (Settings change between tests, not within a build).
	hyphenator *hyphen.Hyphenator
	acronyms   *doc.Acronyms
	first      map[string]wordForm // a word's first form
	more       []wordForm          // the words' forms in other looks
	room       []setPiece          // where the next forms' pieces go
	// set counts the words set before the cache starts (cacheAfterWords); eager starts it
	// at once and off never (tests).
	set        int
	eager, off bool
	// setAfresh counts the words set, not found (tests).
	setAfresh int
}

// cacheAfterWords is how many words a goroutine sets before it keeps them. A miss costs
// about four hits' saving (the map's insert, the copy, write barriers while the collector
// runs): a short book's vocabulary is half its long words and the cache does not pay,
// a long book's text repeats and it does. The default book's chapter goroutines set
// ~17 k words each, the tenfold book's ~110 k.
const cacheAfterWords = 1 << 14

// add keeps a form of w, its pieces copied into the cache's room.
func (c *wordCache) add(w string, f wordForm, known bool) {
	if c.first == nil {
		c.first = make(map[string]wordForm, pieceChunk)
	}
	if k := len(c.room); cap(c.room)-k < len(f.pieces) {
		c.room = make([]setPiece, 0, max(pieceChunk, len(f.pieces)))
	}
	k := len(c.room)
	c.room = append(c.room, f.pieces...)
	f.pieces = c.room[k:len(c.room):len(c.room)]
	if known {
		// Another look of a word kept: behind its first form.
		head := c.first[w]
		f.next, head.next = head.next, int32(len(c.more))
		c.more = append(c.more, f)
		c.first[w] = head
		return
	}
	f.next = -1
	c.first[w] = f
}

// size is how many forms the cache holds.
func (c *wordCache) size() int { return len(c.first) + len(c.more) }

// wordLook is the look of w as the cache knows it.
func (p *paragraphSetter) wordLook(face *font.Face, l *look) wordLook {
	return wordLook{
		face: face, size: l.size, lang: l.lang, figures: l.figures, literal: l.literal, smallCaps: l.smallCaps,
		acronyms: p.acronymsAllowed(l), anywhere: p.spec.breakAnywhere, noHyphens: p.spec.NoHyphenation,
	}
}

// setWordPieces returns the pieces of w set in look l: from the goroutine's cache, else set
// (setPieces) and kept there while it has room. The pieces are read before the next word
// is set.
func (p *paragraphSetter) setWordPieces(w string, l *look, face *font.Face) []setPiece {
	c := &p.t.setters.words
	if c.set < cacheAfterWords && !c.eager {
		c.set++
	}
	if c.off || len(w) < minCachedWord || c.set < cacheAfterWords && !c.eager {
		c.setAfresh++
		p.setScratch = p.setPieces(p.setScratch[:0], w, l, face)
		return p.setScratch
	}
	if c.hyphenator != p.s.Hyphenator || c.acronyms != p.s.Acronyms {
		c.hyphenator, c.acronyms = p.s.Hyphenator, p.s.Acronyms
		c.first, c.more, c.room = nil, nil, nil
	}
	wl := p.wordLook(face, l)
	f, known := c.first[w]
	if known {
		for {
			if f.look.same(&wl) && (!f.wide || f.measure == p.spec.Width) {
				return f.pieces
			}
			if f.next < 0 {
				break
			}
			f = c.more[f.next]
		}
	}
	c.setAfresh++
	p.setScratch = p.setPieces(p.setScratch[:0], w, l, face)
	if c.size() >= maxWordForms {
		return p.setScratch
	}
	f = wordForm{look: wl, pieces: p.setScratch}
	if f.wide = !p.spec.breakAnywhere && (l.literal || looksLikeURL(w)); f.wide {
		f.measure = p.spec.Width
	}
	c.add(w, f, known)
	return p.setScratch
}
