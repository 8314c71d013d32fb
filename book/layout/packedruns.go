package layout

import (
	"encoding/binary"
	"strings"

	"bindery/book/parallel"
)

// The paragraphs a pass keeps for the next (kept.slots) hold most of a long book's runs: a
// run is 56 bytes, and most are a word of a justified line (1.3 million at 100×, 74 MB),
// alive through the next pass beside its own back matter. A pass that is not the last
// packs them (packSlots): each line's runs become bytes in one string a paragraph (no
// pointer for the collector to follow), about 14 bytes a run with its text. The next pass
// shares the packed lines as it shares set ones; a packed line's runs are unpacked only
// where they are put on a page (putLine) or changed (own, which every change goes
// through), so the runs of a pass that is not drawn are never made again.
//
// A run is written as a flag byte (its style, hyphen, and which fields follow), the gap
// from the end of the run before and the width as zig-zag varints, the size and tracking
// when they differ from the run before's, the rarer fields when not zero, then its text
// (length and bytes). A line's bytes start with its number of runs.

const (
	packHyphen   = 1 << 3
	packSize     = 1 << 4
	packTracking = 1 << 5
	packRare     = 1 << 6
	// The rare fields' flags, in a second byte.
	packY      = 1 << 0
	packRaise  = 1 << 1
	packLink   = 1 << 2
	packBlock  = 1 << 3
	packColour = 1 << 4
	packLang   = 1 << 5
	packStyle  = 7 // the flag byte's low bits: Style fits (Mono|Bold|Italic)
)

// packSlots packs the runs of every line the slots keep, the slots on every core. A line
// is packed once: the passes after share it packed.
func (k *kept) packSlots() {
	type scratch struct {
		buf  []byte
		ends []int
	}
	work := make([]scratch, parallel.Workers(len(k.slots)))
	parallel.For(len(k.slots), func(w, i int) {
		work[w].buf, work[w].ends = packSlot(k.slots[i], work[w].buf, work[w].ends)
	})
}

// packSlot packs the runs of the lines of one slot, with buf and ends as scratch, which it
// returns grown.
func packSlot(sl *chapterSlot, buf []byte, ends []int) ([]byte, []int) {
	for _, res := range sl.paragraphs {
		buf, ends = buf[:0], ends[:0]
		for _, lb := range res.lines {
			if lb.packed == "" && packable(lb.Runs) {
				buf = packRuns(buf, lb.Runs)
			}
			ends = append(ends, len(buf))
		}
		if len(buf) == 0 {
			continue
		}
		s, at := string(buf), 0
		for i, lb := range res.lines {
			if ends[i] > at {
				lb.packed, lb.Runs = s[at:ends[i]], nil
			}
			at = ends[i]
		}
	}
	return buf, ends
}

// packLines packs the runs of a paragraph's lines as they leave the setter, in a pass that
// packs as set (Settings.packAsSet): the runs are packed from the setter's scratch, not
// copied out of it first, and the pass's end has nothing left to pack. Lines whose runs
// cannot be packed keep them (keepRuns copies them).
func (p *paragraphSetter) packLines(boxes []lineBox) {
	ps := p.t.setters
	buf, ends := ps.packBuf[:0], ps.packEnds[:0]
	for i := range boxes {
		if runs := boxes[i].Runs; packable(runs) {
			buf = packRuns(buf, runs)
		}
		ends = append(ends, len(buf))
	}
	ps.packBuf, ps.packEnds = buf, ends
	if len(buf) == 0 {
		return
	}
	s, at := ps.packed.keep(buf), 0
	for i := range boxes {
		if ends[i] > at {
			boxes[i].packed, boxes[i].Runs = s[at:ends[i]], nil
		}
		at = ends[i]
	}
}

// packArena keeps packed runs in chunks of packChunk bytes, each a large allocation of its
// own: packed one paragraph at a time, amid the pass's garbage, strings of their own would
// pin half-empty spans, which the memory limit counts (heap25's notes).
type packArena struct {
	chunk strings.Builder
}

// packChunk is the size of a packArena's chunk; a paragraph packed into more than a
// quarter of it gets a string of its own.
const packChunk = 64 << 10

// keep returns b as a string in the arena's chunk (a new chunk when it has no room).
func (a *packArena) keep(b []byte) string {
	if len(b) > packChunk/4 {
		return string(b)
	}
	if a.chunk.Cap()-a.chunk.Len() < len(b) {
		a.chunk = strings.Builder{}
		a.chunk.Grow(packChunk)
	}
	at := a.chunk.Len()
	a.chunk.Write(b)
	// A Builder only appends: what String returned stays as it was.
	return a.chunk.String()[at:]
}

// packable reports whether runs can be packed: there are some, and each style fits the
// flag byte's bits.
func packable(runs []Run) bool {
	for _, r := range runs {
		if r.Style > packStyle {
			return false
		}
	}
	return len(runs) > 0
}

// packRuns appends runs, packed, to b.
func packRuns(b []byte, runs []Run) []byte {
	b = binary.AppendUvarint(b, uint64(len(runs)))
	var prev Run
	for _, r := range runs {
		flags := byte(r.Style) & packStyle
		if r.Hyphen {
			flags |= packHyphen
		}
		if r.Size != prev.Size {
			flags |= packSize
		}
		if r.Tracking != prev.Tracking {
			flags |= packTracking
		}
		rare := rareFlags(&r)
		if rare != 0 {
			flags |= packRare
		}
		b = append(b, flags)
		if rare != 0 {
			b = append(b, rare)
		}
		b = binary.AppendVarint(b, int64(r.X)-int64(prev.X)-int64(prev.Width))
		b = binary.AppendVarint(b, int64(r.Width))
		if flags&packSize != 0 {
			b = binary.AppendVarint(b, int64(r.Size))
		}
		if flags&packTracking != 0 {
			b = binary.AppendVarint(b, int64(r.Tracking))
		}
		if rare&packY != 0 {
			b = binary.AppendVarint(b, int64(r.Y))
		}
		if rare&packRaise != 0 {
			b = binary.AppendVarint(b, int64(r.Raise))
		}
		if rare&packLink != 0 {
			b = binary.AppendUvarint(b, uint64(r.Link))
		}
		if rare&packBlock != 0 {
			b = binary.AppendUvarint(b, uint64(r.Block))
		}
		if rare&packColour != 0 {
			b = binary.AppendUvarint(b, uint64(r.Colour))
		}
		if rare&packLang != 0 {
			b = binary.AppendUvarint(b, uint64(r.Lang))
		}
		b = binary.AppendUvarint(b, uint64(len(r.Text)))
		b = append(b, r.Text...)
		prev = r
	}
	return b
}

// rareFlags says which of r's rarer fields are not zero.
func rareFlags(r *Run) byte {
	var f byte
	if r.Y != 0 {
		f |= packY
	}
	if r.Raise != 0 {
		f |= packRaise
	}
	if r.Link != 0 {
		f |= packLink
	}
	if r.Block != 0 {
		f |= packBlock
	}
	if r.Colour != 0 {
		f |= packColour
	}
	if r.Lang != 0 {
		f |= packLang
	}
	return f
}

// runCount is the number of the line's runs.
func (lb *lineBox) runCount() int {
	if lb.packed == "" {
		return len(lb.Runs)
	}
	n, _ := uvarint(lb.packed, 0)
	return int(n)
}

// runList is the line's runs: its own, or unpacked into a new slice.
func (lb *lineBox) runList() []Run {
	if lb.packed == "" {
		return lb.Runs
	}
	return lb.appendRuns(make([]Run, 0, lb.runCount()))
}

// appendRuns appends the line's runs to dst, unpacked if packed.
func (lb *lineBox) appendRuns(dst []Run) []Run {
	s := lb.packed
	if s == "" {
		return append(dst, lb.Runs...)
	}
	n, at := uvarint(s, 0)
	var prev Run
	for ; n > 0; n-- {
		flags := s[at]
		at++
		var rare byte
		if flags&packRare != 0 {
			rare = s[at]
			at++
		}
		r := Run{Style: Style(flags & packStyle), Hyphen: flags&packHyphen != 0, Size: prev.Size, Tracking: prev.Tracking}
		var v int64
		v, at = varint(s, at)
		r.X = int32(int64(prev.X) + int64(prev.Width) + v)
		v, at = varint(s, at)
		r.Width = int32(v)
		if flags&packSize != 0 {
			v, at = varint(s, at)
			r.Size = int32(v)
		}
		if flags&packTracking != 0 {
			v, at = varint(s, at)
			r.Tracking = int32(v)
		}
		if rare&packY != 0 {
			v, at = varint(s, at)
			r.Y = int32(v)
		}
		if rare&packRaise != 0 {
			v, at = varint(s, at)
			r.Raise = int32(v)
		}
		var u uint64
		if rare&packLink != 0 {
			u, at = uvarint(s, at)
			r.Link = LinkID(u)
		}
		if rare&packBlock != 0 {
			u, at = uvarint(s, at)
			r.Block = BlockRef(u)
		}
		if rare&packColour != 0 {
			u, at = uvarint(s, at)
			r.Colour = uint32(u)
		}
		if rare&packLang != 0 {
			u, at = uvarint(s, at)
			r.Lang = LangID(u)
		}
		u, at = uvarint(s, at)
		r.Text = s[at : at+int(u)]
		at += int(u)
		dst = append(dst, r)
		prev = r
	}
	return dst
}

// uvarint reads an unsigned varint of s at at, and where it ends.
func uvarint(s string, at int) (uint64, int) {
	var x uint64
	for shift := uint(0); ; shift += 7 {
		c := s[at]
		at++
		if c < 0x80 {
			return x | uint64(c)<<shift, at
		}
		x |= uint64(c&0x7f) << shift
	}
}

// varint reads a zig-zag varint of s at at, and where it ends.
func varint(s string, at int) (int64, int) {
	u, at := uvarint(s, at)
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x, at
}
