package pdf

import (
	"encoding/binary"
	"hash/maphash"
	"sync"

	"bindery/book/font"
	"bindery/book/layout"
)

// Paintings keeps what painting each page gave in the last Write (its compressed content
// stream, the glyph codes it gave, the glyphs it drew), by a hash of everything painting
// it reads, for the next Write (bindery watch and serve): a page that did not change is not
// painted again. What painting a page reads: its runs, rules and pictures as drawn (the
// pictures by their /Im number), its marked content (the MCIDs, /ActualText and structure
// type of each piece, the structure tree's tagPage gives), and the codes given before it
// (codes.go gives them in page order: a glyph new to the book renumbers the glyphs first
// drawn after it), written into the key as a hash chained over every code given before the
// page. Links and the tree's numbering do not reach a page's content stream. Only the pages
// of the last Write are kept; the Writes that share one must not run at the same time. It
// also keeps the order by name of the last Write's anchors, for the named destinations.
type Paintings struct {
	faces [numFaces]*font.Face
	pageH float64
	last  map[paintingKey]*painting
	next  map[paintingKey]*painting
	buf   []byte // the key's bytes, reused
	// dests is the order by name of the last Write's anchors (anchorDests).
	dests destOrder
	// treeKeys is how many keys the last Write's structure tree had, to size the next's;
	// arena is that tree's memory, for the next to be cut from.
	treeKeys int
	arena    *treeArena
	// annots are the last Write's link annotations, by number (rendering.annotation).
	annots []keptAnnotation
	// leaves are the last Write's name tree's leaves (nameTree).
	leaves []keptLeaf
	// rec is the last Write's record of the pages' glyphs, for the next (record).
	rec *pageRecord
	// written is, by target, whether a link to an anchor is written (structure.written):
	// kept while the anchors are the same names in the same order (dests.same).
	written map[string]bool
	// reused and painted count the last Write's pages.
	reused, painted int
}

// NewPaintings returns an empty Paintings.
func NewPaintings() *Paintings { return &Paintings{} }

// Pages reports how many pages the last Write painted and how many it took as they were.
func (k *Paintings) Pages() (painted, reused int) { return k.painted, k.reused }

// paintingKey is a 128-bit hash: maphash under two seeds, made once a process. A Paintings
// lives in memory only (no on-disk cache keeps one), so a hash that differs between processes
// does, and it costs a fraction of SHA-256.
type paintingKey [2]uint64

var paintingSeeds = sync.OnceValue(func() [2]maphash.Seed { return [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()} })

// keyOf is the key of b.
func keyOf(b []byte) paintingKey {
	seeds := paintingSeeds()
	return paintingKey{maphash.Bytes(seeds[0], b), maphash.Bytes(seeds[1], b)}
}

// appendKey appends k's bytes to b.
func appendKey(b []byte, k paintingKey) []byte {
	return binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(b, k[0]), k[1])
}

// painting is one page's painting.
type painting struct {
	content []byte      // compressed
	codes   []glyphNote // the codes it gave, in order
	notes   []glyphNote // the glyphs it drew, each with its least character
}

// glyphNote is glyph g of face s, drawn for character r.
type glyphNote struct {
	s uint8
	g uint16
	r rune
}

// begin starts a Write with faces and page height; what was painted with others goes.
func (k *Paintings) begin(faces [numFaces]*font.Face, pageH float64) {
	if k.faces != faces || k.pageH != pageH {
		k.faces, k.pageH, k.last = faces, pageH, nil
	}
	k.next = make(map[paintingKey]*painting, len(k.last))
	k.reused, k.painted = 0, 0
}

// end keeps the Write's pages, contents holding their compressed streams, for the next.
func (k *Paintings) end(kept []*painting, contents [][]byte) {
	for i, p := range kept {
		if p != nil && p.content == nil {
			p.content = contents[i]
		}
	}
	k.last, k.next = k.next, nil
}

// key is the hash of what painting page p reads: chain (the codes given before it), the
// page's drawn content and its marked content.
func (k *Paintings) key(chain paintingKey, p *layout.Page, t *pageTags, images map[string]int) paintingKey {
	b := appendKey(k.buf[:0], chain)
	// Numbers as varints: in 8 bytes each, the key was three times as long and hashing it
	// cost more than the varints' loops saved (tried).
	num := func(v int64) { b = binary.AppendVarint(b, v) }
	str := func(s string) { num(int64(len(s))); b = append(b, s...) }
	num(int64(len(p.Rules)))
	for _, r := range p.Rules {
		num(int64(r.X))
		num(int64(r.Y))
		num(int64(r.W))
		num(int64(r.H))
		num(int64(r.Tint))
	}
	num(int64(len(t.order)))
	var block layout.BlockRef // the painter compares each run's block with the one before (a word space)
	for _, it := range t.order {
		if it.pic >= 0 {
			pic := p.Pictures[it.pic]
			num(-1)
			num(int64(t.pic(it.pic)))
			num(int64(images[pic.Src]))
			num(int64(pic.X))
			num(int64(pic.Y))
			num(int64(pic.W))
			num(int64(pic.H))
			continue
		}
		r := &p.Runs[it.run]
		if !drawn(r) {
			num(-2)
			continue
		}
		same := int64(0)
		if r.Block == block {
			same = 1
		}
		block = r.Block
		num(same)
		num(int64(r.Style))
		num(int64(r.Size))
		num(int64(r.Tracking))
		num(int64(r.X))
		num(int64(r.Y))
		num(int64(r.Colour))
		str(r.Text)
		var one [1]segment
		segs := t.segments(it.run, len(r.Text), &one)
		num(int64(len(segs)))
		for _, s := range segs {
			num(int64(s.to))
			num(int64(s.mcid))
			str(t.typ(s))
			if s.hasActual {
				num(1)
				str(s.actual)
			} else {
				num(0)
			}
		}
	}
	k.buf = b
	return keyOf(b)
}

// page returns page p's painting: the last Write's, replayed on pt, with the chain after
// it, when p reads what it read then; else a new one, not painted yet, for p's painting
// to fill, and the chain as it was.
func (k *Paintings) page(pt *painter, chain paintingKey, p *layout.Page, t *pageTags, images map[string]int) (*painting, paintingKey) {
	key := k.key(chain, p, t, images)
	if e := k.last[key]; e != nil {
		e.replay(pt)
		k.next[key] = e
		k.reused++
		return e, chained(chain, e.codes)
	}
	e := &painting{}
	k.next[key] = e
	k.painted++
	pt.use.rec.startPage()
	return e, chain
}

// fill keeps what rec noted while the page was painted.
func (p *painting) fill(rec *pageRecord) {
	p.codes = append([]glyphNote(nil), rec.given...)
	p.notes = append([]glyphNote(nil), rec.notes...)
}

// chained is the chain after codes were given.
func chained(chain paintingKey, given []glyphNote) paintingKey {
	if len(given) == 0 {
		return chain
	}
	b := appendKey(nil, chain)
	for _, n := range given {
		b = append(b, n.s)
		b = binary.BigEndian.AppendUint16(b, n.g)
		b = binary.BigEndian.AppendUint32(b, uint32(n.r))
	}
	return keyOf(b)
}

// replay does to the painter what painting p did: its codes given, in order, and its
// glyphs noted.
func (p *painting) replay(pt *painter) {
	for _, n := range p.codes {
		pt.codes[n.s].code(n.g, n.r)
	}
	for _, n := range p.notes {
		pt.use.mark(int(n.s), n.g, n.r)
	}
}

// pageRecord is what a painter notes while painting a page for Paintings: the codes given
// (appended by codes.code) and the glyphs drawn, each once with its least character.
type pageRecord struct {
	given []glyphNote
	notes []glyphNote
	faces [numFaces]*font.Face
	page  int32             // the page being painted, from 1
	seen  [numFaces][]int32 // by glyph: the last page that drew it
	least [numFaces][]rune  // by glyph: its least character on that page
}

// record returns the last Write's page record when it was made for faces, else a new one:
// its tables by glyph (a few hundred KB) are not made again; its page count goes on, so
// what it saw in the last Write reads as not seen on this Write's pages.
func (k *Paintings) record(faces [numFaces]*font.Face) *pageRecord {
	if k.rec == nil || k.rec.faces != faces {
		k.rec = newPageRecord(faces)
	}
	return k.rec
}

func newPageRecord(faces [numFaces]*font.Face) *pageRecord {
	rec := &pageRecord{faces: faces}
	for s, f := range faces {
		rec.seen[s] = make([]int32, f.NumGlyphs())
		rec.least[s] = make([]rune, f.NumGlyphs())
	}
	return rec
}

// note records glyph g of face s drawn for r on the page being painted.
func (rec *pageRecord) note(s int, g uint16, r rune) {
	if rec.seen[s][g] != rec.page {
		rec.seen[s][g], rec.least[s][g] = rec.page, r
	} else if r >= rec.least[s][g] {
		return
	}
	rec.least[s][g] = r
	rec.notes = append(rec.notes, glyphNote{uint8(s), g, r})
}

// startPage begins recording a page.
func (rec *pageRecord) startPage() {
	rec.page++
	rec.given, rec.notes = rec.given[:0], rec.notes[:0]
}
