package font

import (
	"errors"
	"fmt"
	"slices"
)

// This file reads pair kerning from the GPOS table. go-text parses GPOS
// too, but keeps PairSet records private (only FindGlyph), so listing
// every pair would mean probing each glyph pair; walking the bytes is
// both simpler and faster. The layout follows the OpenType spec,
// "GPOS — Glyph positioning table", lookup types 2 (pair adjustment) and
// 9 (extension).

// maxKernPairs bounds the expanded table so a hostile or unusually
// large class-kerning font cannot exhaust memory at load time.
const maxKernPairs = 1 << 21

var errKernTooLarge = fmt.Errorf("GPOS kerning expands to more than %d pairs", maxKernPairs)

// kernTable is the pair table in compressed-row form: the pairs whose
// first glyph is g are seconds[first[g]:first[g+1]], sorted, with their
// values (font units) in values at the same indices.
type kernTable struct {
	first   []int32 // len numGlyphs+1, or nil when the font has no kerning
	seconds []uint16
	values  []int16
}

func (k *kernTable) lookup(g1, g2 uint16) int {
	if int(g1)+1 >= len(k.first) {
		return 0
	}
	lo, hi := int(k.first[g1]), int(k.first[g1+1])
	s := k.seconds[lo:hi]
	// Rows are short (a few hundred at most): binary search.
	i, j := 0, len(s)
	for i < j {
		h := int(uint(i+j) >> 1)
		if s[h] < g2 {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(s) && s[i] == g2 {
		return int(k.values[lo+i])
	}
	return 0
}

func (k *kernTable) len() int { return len(k.values) }

// gposReader reads big-endian fields with bounds checks; a read past the
// end sets bad and yields 0, so corrupt fonts end in an error, not a panic.
type gposReader struct {
	b      []byte
	bad    bool
	budget int // loop steps left; overlapping ranges in a hostile font must not hang us
}

// step spends one unit of work and reports whether any is left.
func (r *gposReader) step() bool {
	r.budget--
	if r.budget < 0 {
		r.bad = true
	}
	return !r.bad
}

func (r *gposReader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(r.b[off])<<8 | int(r.b[off+1])
}

func (r *gposReader) u32(off int) int {
	return r.u16(off)<<16 | r.u16(off+2)
}

func (r *gposReader) s16(off int) int { return int(int16(uint16(r.u16(off)))) }

// at returns the table starting at off within b (offsets in GPOS are
// relative to the enclosing table).
func (r *gposReader) at(base, off int) int {
	p := base + off
	if off == 0 || p < 0 || p >= len(r.b) {
		r.bad = true
		return len(r.b)
	}
	return p
}

// glyphInfo is what the GPOS reader needs to know about the font.
type glyphInfo struct {
	numGlyphs int
	reachable []bool  // glyph is the cmap image of some rune: only those can be drawn
	gdefClass []uint8 // GDEF glyph class (1 base, 2 ligature, 3 mark), nil if none
}

// readKerning builds the pair table from the kern feature of the latn
// script (default language), else of DFLT. Lookups of the feature are
// applied in order and their values add up; within a lookup the first
// subtable that covers a pair decides it, as in HarfBuzz. Only the
// first glyph's XAdvance counts: that is what pair kerning of horizontal
// text uses and what a PDF TJ adjustment can express.
func readKerning(gpos []byte, gi glyphInfo) (kernTable, error) {
	if len(gpos) == 0 {
		return kernTable{}, nil
	}
	r := &gposReader{b: gpos, budget: 1 << 27}
	if major := r.u16(0); major != 1 {
		return kernTable{}, fmt.Errorf("GPOS version %d not supported", major)
	}
	if r.u16(4) == 0 || r.u16(6) == 0 || r.u16(8) == 0 {
		return kernTable{}, nil // an empty list: no kerning
	}
	scriptList := r.at(0, r.u16(4))
	featureList := r.at(0, r.u16(6))
	lookupList := r.at(0, r.u16(8))
	if r.bad {
		return kernTable{}, errors.New("GPOS header truncated")
	}

	lookups := kernLookups(r, scriptList, featureList)
	if r.bad {
		return kernTable{}, errors.New("GPOS script or feature list corrupt")
	}
	if len(lookups) == 0 {
		return kernTable{}, nil
	}

	total := map[uint32]int32{}
	nLookups := r.u16(lookupList)
	for _, li := range lookups {
		if li >= nLookups {
			return kernTable{}, fmt.Errorf("GPOS kern feature names lookup %d of %d", li, nLookups)
		}
		lk := r.at(lookupList, r.u16(lookupList+2+2*li))
		if err := applyLookup(r, lk, gi, total); err != nil {
			return kernTable{}, err
		}
		if r.bad {
			return kernTable{}, fmt.Errorf("GPOS lookup %d corrupt", li)
		}
	}
	return packKerning(total, gi.numGlyphs), nil
}

// kernLookups returns the sorted, distinct lookup indices of the kern
// feature for latn (default language system), falling back to DFLT.
func kernLookups(r *gposReader, scriptList, featureList int) []int {
	langSys := -1
	for _, want := range []string{"latn", "DFLT"} {
		n := r.u16(scriptList)
		for i := 0; i < n && !r.bad; i++ {
			rec := scriptList + 2 + 6*i
			if tag(r, rec) != want {
				continue
			}
			script := r.at(scriptList, r.u16(rec+4))
			if off := r.u16(script); off != 0 {
				langSys = r.at(script, off)
			} else if r.u16(script+2) > 0 {
				// No default: the first language system is the best guess.
				langSys = r.at(script, r.u16(script+8))
			}
			break
		}
		if langSys >= 0 {
			break
		}
	}
	if langSys < 0 || r.bad {
		return nil
	}
	nFeatures := r.u16(featureList)
	var out []int
	addFeature := func(fi int) {
		if fi >= nFeatures {
			return
		}
		rec := featureList + 2 + 6*fi
		if tag(r, rec) != "kern" {
			return
		}
		feat := r.at(featureList, r.u16(rec+4))
		n := r.u16(feat + 2)
		for j := 0; j < n && !r.bad; j++ {
			out = append(out, r.u16(feat+4+2*j))
		}
	}
	if req := r.u16(langSys + 2); req != 0xFFFF {
		addFeature(req)
	}
	n := r.u16(langSys + 4)
	for i := 0; i < n && !r.bad; i++ {
		addFeature(r.u16(langSys + 6 + 2*i))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func tag(r *gposReader, off int) string {
	if off+4 > len(r.b) {
		r.bad = true
		return ""
	}
	return string(r.b[off : off+4])
}

// GPOS lookup flags that make a shaper skip glyphs of a GDEF class.
const (
	ignoreBaseGlyphs = 0x2
	ignoreLigatures  = 0x4
	ignoreMarks      = 0x8
)

// applyLookup adds one lookup's pair values to total.
func applyLookup(r *gposReader, lk int, gi glyphInfo, total map[uint32]int32) error {
	typ, flag, n := r.u16(lk), r.u16(lk+2), r.u16(lk+4)
	if typ != 2 && typ != 9 {
		return nil // a kern feature may also hold contextual lookups; pairs are all we can draw
	}
	skip := func(g int) bool {
		if gi.gdefClass == nil || g >= len(gi.gdefClass) {
			return false
		}
		switch gi.gdefClass[g] {
		case 1:
			return flag&ignoreBaseGlyphs != 0
		case 2:
			return flag&ignoreLigatures != 0
		case 3:
			return flag&ignoreMarks != 0
		}
		return false
	}
	st := &lookupState{
		closed:  make([]bool, gi.numGlyphs),
		decided: map[uint32]bool{},
		gi:      gi,
		skip:    skip,
		total:   total,
	}
	for i := 0; i < n && !r.bad; i++ {
		sub := r.at(lk, r.u16(lk+6+2*i))
		subType := typ
		if typ == 9 {
			// Extension: format 1, real type, 32-bit offset.
			if r.u16(sub) != 1 {
				return errors.New("GPOS extension subtable format not 1")
			}
			subType = r.u16(sub + 2)
			sub = r.at(sub, r.u32(sub+4))
		}
		if subType != 2 || r.bad {
			continue
		}
		var err error
		switch r.u16(sub) {
		case 1:
			err = st.pairFormat1(r, sub)
		case 2:
			err = st.pairFormat2(r, sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// lookupState carries the "first subtable decides" rule through one lookup.
type lookupState struct {
	closed  []bool          // first glyph fully decided by a format 2 subtable
	decided map[uint32]bool // pair decided by a format 1 subtable
	gi      glyphInfo
	skip    func(g int) bool
	total   map[uint32]int32
}

func (st *lookupState) usable(g int) bool {
	return g < st.gi.numGlyphs && st.gi.reachable[g] && !st.skip(g)
}

func (st *lookupState) add(g1, g2 int, v int) error {
	key := uint32(g1)<<16 | uint32(g2)
	if st.decided[key] {
		return nil
	}
	if v == 0 {
		return nil
	}
	if _, ok := st.total[key]; !ok && len(st.total) >= maxKernPairs {
		return errKernTooLarge
	}
	st.total[key] += int32(v)
	return nil
}

// xAdvanceOffset returns where XAdvance sits in a value record of the
// given format, or -1 if absent; size is the record's length in bytes.
func xAdvanceOffset(format int) (off, size int) {
	size = 2 * popcount(format&0xFF)
	if format&0x4 == 0 {
		return -1, size
	}
	return 2 * popcount(format&0x3), size
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func (st *lookupState) pairFormat1(r *gposReader, sub int) error {
	cov := r.at(sub, r.u16(sub+2))
	vf1, vf2 := r.u16(sub+4), r.u16(sub+6)
	nSets := r.u16(sub + 8)
	xOff, size1 := xAdvanceOffset(vf1)
	_, size2 := xAdvanceOffset(vf2)
	recSize := 2 + size1 + size2
	var err error
	eachCovered(r, cov, func(g1, ci int) {
		if err != nil || ci >= nSets || !st.usable(g1) || st.closed[g1] {
			return
		}
		set := r.at(sub, r.u16(sub+10+2*ci))
		n := r.u16(set)
		if r.bad || set+2+n*recSize > len(r.b) {
			r.bad = true
			return
		}
		for i := 0; i < n && r.step(); i++ {
			rec := set + 2 + i*recSize
			g2 := r.u16(rec)
			if !st.usable(g2) {
				continue
			}
			v := 0
			if xOff >= 0 {
				v = r.s16(rec + 2 + xOff)
			}
			if err = st.add(g1, g2, v); err != nil {
				return
			}
			// Decided even when zero: later subtables must not override it.
			st.decided[uint32(g1)<<16|uint32(g2)] = true
		}
	})
	return err
}

func (st *lookupState) pairFormat2(r *gposReader, sub int) error {
	cov := r.at(sub, r.u16(sub+2))
	vf1, vf2 := r.u16(sub+4), r.u16(sub+6)
	cd1 := r.at(sub, r.u16(sub+8))
	cd2 := r.at(sub, r.u16(sub+10))
	n1, n2 := r.u16(sub+12), r.u16(sub+14)
	xOff, size1 := xAdvanceOffset(vf1)
	_, size2 := xAdvanceOffset(vf2)
	recSize := size1 + size2
	matrix := sub + 16
	if r.bad || matrix+n1*n2*recSize > len(r.b) {
		r.bad = true
		return nil
	}
	if xOff < 0 {
		// No XAdvance for the first glyph: nothing to kern, but the
		// subtable still decides its first glyphs.
		eachCovered(r, cov, func(g1, _ int) {
			if g1 < len(st.closed) {
				st.closed[g1] = true
			}
		})
		return nil
	}
	class1 := readClassDef(r, cd1, st.gi.numGlyphs)
	class2 := readClassDef(r, cd2, st.gi.numGlyphs)
	if r.bad {
		return nil
	}
	// Members of each second class among drawable glyphs; class 0 is
	// every glyph the class definition does not list.
	members := make([][]int, n2)
	for g := 0; g < st.gi.numGlyphs; g++ {
		if c := int(class2[g]); c < n2 && st.usable(g) {
			members[c] = append(members[c], g)
		}
	}
	var err error
	eachCovered(r, cov, func(g1, _ int) {
		if err != nil || g1 >= st.gi.numGlyphs || st.closed[g1] {
			return
		}
		st.closed[g1] = true
		c1 := int(class1[g1])
		if c1 >= n1 || !st.usable(g1) {
			return
		}
		row := matrix + c1*n2*recSize
		for c2 := 0; c2 < n2; c2++ {
			v := r.s16(row + c2*recSize + xOff)
			if v == 0 {
				continue
			}
			for _, g2 := range members[c2] {
				if !r.step() {
					return
				}
				if err = st.add(g1, g2, v); err != nil {
					return
				}
			}
		}
	})
	return err
}

// eachCovered calls fn(glyph, coverageIndex) for every glyph of a
// Coverage table.
func eachCovered(r *gposReader, cov int, fn func(g, ci int)) {
	switch r.u16(cov) {
	case 1:
		n := r.u16(cov + 2)
		for i := 0; i < n && r.step(); i++ {
			fn(r.u16(cov+4+2*i), i)
		}
	case 2:
		n := r.u16(cov + 2)
		for i := 0; i < n && !r.bad; i++ {
			rec := cov + 4 + 6*i
			start, end, ci := r.u16(rec), r.u16(rec+2), r.u16(rec+4)
			for g := start; g <= end && r.step(); g++ {
				fn(g, ci+g-start)
			}
		}
	default:
		r.bad = true
	}
}

// readClassDef expands a ClassDef table to one class per glyph.
func readClassDef(r *gposReader, cd, numGlyphs int) []uint16 {
	out := make([]uint16, numGlyphs)
	switch r.u16(cd) {
	case 1:
		start, n := r.u16(cd+2), r.u16(cd+4)
		for i := 0; i < n && !r.bad; i++ {
			if g := start + i; g < numGlyphs {
				out[g] = uint16(r.u16(cd + 6 + 2*i))
			}
		}
	case 2:
		n := r.u16(cd + 2)
		for i := 0; i < n && !r.bad; i++ {
			rec := cd + 4 + 6*i
			start, end, c := r.u16(rec), r.u16(rec+2), r.u16(rec+4)
			for g := start; g <= end && g < numGlyphs && r.step(); g++ {
				out[g] = uint16(c)
			}
		}
	default:
		r.bad = true
	}
	return out
}

// packKerning turns the summed pair values into the compressed-row table.
func packKerning(total map[uint32]int32, numGlyphs int) kernTable {
	keys := make([]uint32, 0, len(total))
	for k, v := range total {
		if v != 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return kernTable{}
	}
	slices.Sort(keys)
	k := kernTable{
		first:   make([]int32, numGlyphs+1),
		seconds: make([]uint16, len(keys)),
		values:  make([]int16, len(keys)),
	}
	for i, key := range keys {
		k.seconds[i] = uint16(key)
		v := total[key]
		k.values[i] = int16(max(min(v, 32767), -32768))
		k.first[key>>16+1]++
	}
	for g := 1; g <= numGlyphs; g++ {
		k.first[g] += k.first[g-1]
	}
	return k
}
