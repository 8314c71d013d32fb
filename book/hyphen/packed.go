package hyphen

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode"
)

// The packed form is the double-array trie itself, as apply reads it, so that loading a
// language reads its header and alphabet and nothing else: the arrays are read in place in
// the binary's data (the embedded file, a string). Unpacking a compressed form cost English
// 2-4 ms and 400 KB of fresh memory at every start (German 10 ms and 2.2 MB); the price is
// the binary's size, 3.9 MB for the 19 tries against 0.7 MB compressed.
//
//	"BHY2", then little-endian 32-bit words: symbols, states, maxLen, levels;
//	each symbol's rune, in symbol order;
//	per state: base, check and ref (start in the levels <<8 | their count);
//	then the levels, a byte each.
const packedMagic = "BHY2"

// Pack compiles hyph-utf8 pattern text (one pattern per line) into the packed
// form New loads. It is for `go generate` (internal/genpatterns), which
// writes the packed files checked in under patterns/.
func Pack(patterns string) ([]byte, error) {
	t, _, _, err := buildTrieNodes(patterns)
	if err != nil {
		return nil, err
	}
	alphabet := t.alphabet()
	out := []byte(packedMagic)
	for _, v := range []int{len(alphabet), int(t.states), t.maxLen, len(t.values)} {
		out = binary.LittleEndian.AppendUint32(out, uint32(v))
	}
	for _, r := range alphabet {
		out = binary.LittleEndian.AppendUint32(out, uint32(r))
	}
	out = append(out, t.nodes...)
	return append(out, t.values...), nil
}

// alphabet returns the runes of t's symbols, in symbol order.
func (t *trie) alphabet() []rune {
	var out []rune
	set := func(r rune, s uint8) {
		for int(s) >= len(out) {
			out = append(out, 0)
		}
		out[s] = r
	}
	for r, s := range t.ascii {
		if s != 0 {
			set(rune(r), s-1)
		}
	}
	for r, s := range t.other {
		set(r, s)
	}
	return out
}

var errPacked = errors.New("damaged packed patterns")

// unpack reads the packed form: its arrays stay where they are, in data.
func unpack(data string) (*trie, error) {
	if !strings.HasPrefix(data, packedMagic) || len(data) < len(packedMagic)+16 {
		return nil, errPacked
	}
	word := func(at int) int32 { return int32(binary.LittleEndian.Uint32([]byte(data[at : at+4]))) }
	head := len(packedMagic)
	nsym, states, maxLen, nvalues := word(head), word(head+4), word(head+8), word(head+12)
	if nsym < 0 || nsym > symUnknown || states < 1 || maxLen < 0 || nvalues < 0 {
		return nil, errPacked
	}
	at := int64(len(packedMagic)) + 16
	size := at + 4*int64(nsym) + 12*int64(states) + int64(nvalues)
	if int64(len(data)) != size {
		return nil, errPacked
	}
	t := &trie{other: map[rune]uint8{}, states: states, maxLen: int(maxLen)}
	syms := data[at : at+4*int64(nsym)]
	for s := range nsym {
		c := int32(binary.LittleEndian.Uint32([]byte(syms[4*s : 4*s+4])))
		if c < 0 || c > unicode.MaxRune {
			return nil, errPacked
		}
		if c < 128 {
			t.ascii[c] = uint8(s) + 1
		} else {
			t.other[c] = uint8(s)
		}
	}
	at += 4 * int64(nsym)
	n := 12 * int64(states)
	t.nodes, t.values = data[at:at+n], data[at+n:]
	return t, nil
}
