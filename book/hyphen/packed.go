package hyphen

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode"
)

// The packed form is the double-array trie as buildTrie lays it out, written
// node by node in the order pack placed them (breadth first), so reading it
// back is one linear pass with no search for free slots. Packing German's
// 35,000 patterns takes half a second; unpacking them, a few milliseconds.
//
//	"BHY1", then DEFLATE of:
//	uvarint symbols, then each symbol's rune (uvarint), in symbol order
//	uvarint states (len(check)), uvarint maxLen
//	per node, breadth first from the root:
//	  uvarint children; if any: uvarint base, then each child's symbol (byte)
//	  uvarint levels, then the levels two to a byte (low nibble first)
const packedMagic = "BHY1"

// Pack compiles hyph-utf8 pattern text (one pattern per line) into the packed
// form New loads. It is for `go generate` (internal/genpatterns), which
// writes the packed files checked in under patterns/.
func Pack(patterns string) ([]byte, error) {
	t, nodes, slot, err := buildTrieNodes(patterns)
	if err != nil {
		return nil, err
	}
	var out []byte
	alphabet := t.alphabet()
	out = binary.AppendUvarint(out, uint64(len(alphabet)))
	for _, r := range alphabet {
		out = binary.AppendUvarint(out, uint64(r))
	}
	out = binary.AppendUvarint(out, uint64(len(t.check)))
	out = binary.AppendUvarint(out, uint64(t.maxLen))
	// Breadth first, children in symbol order: the order pack placed them.
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		kids := sortedKids(nodes[n])
		out = binary.AppendUvarint(out, uint64(len(kids)))
		if len(kids) > 0 {
			out = binary.AppendUvarint(out, uint64(t.base[slot[n]]))
			for _, k := range kids {
				out = append(out, k)
				queue = append(queue, nodes[n].kids[k])
			}
		}
		v := trimLevels(nodes[n].values)
		out = binary.AppendUvarint(out, uint64(len(v)))
		for i := 0; i < len(v); i += 2 {
			b := v[i]
			if i+1 < len(v) {
				b |= v[i+1] << 4
			}
			out = append(out, b)
		}
	}
	var z bytes.Buffer
	z.WriteString(packedMagic)
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(out)
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
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

func sortedKids(n patternNode) []uint8 {
	kids := make([]uint8, 0, len(n.kids))
	for s := range n.kids {
		kids = append(kids, s)
	}
	slices.Sort(kids)
	return kids
}

// trimLevels drops trailing zeros, which never raise a level.
func trimLevels(v []uint8) []uint8 {
	for len(v) > 0 && v[len(v)-1] == 0 {
		v = v[:len(v)-1]
	}
	return v
}

var errPacked = errors.New("damaged packed patterns")

// unpack reads the packed form back into a trie.
func unpack(data []byte) (*trie, error) {
	return unpackFrom(bytes.NewReader(data), len(data))
}

// unpackFrom reads the packed form, size bytes, from in. It is read as it is inflated,
// through a small buffer, and the embedded file is not copied first: reading it whole and
// then inflating it whole (io.ReadAll) made about three times its size in fresh memory,
// 190 KB for English, which a start-up pays in page faults.
func unpackFrom(in io.Reader, size int) (*trie, error) {
	var magic [len(packedMagic)]byte
	if _, err := io.ReadFull(in, magic[:]); err != nil || string(magic[:]) != packedMagic {
		return nil, errPacked
	}
	r := packedReader{in: bufio.NewReaderSize(flate.NewReader(in), 4096)}
	t := &trie{other: map[rune]uint8{}}
	nsym := r.uvarint()
	if nsym > symUnknown {
		return nil, errPacked
	}
	for s := range nsym {
		v := r.uvarint()
		if v > unicode.MaxRune {
			return nil, errPacked
		}
		c := rune(v)
		if c < 128 {
			t.ascii[c] = uint8(s) + 1
		} else {
			t.other[c] = uint8(s)
		}
	}
	states := r.uvarint()
	t.maxLen = int(r.uvarint())
	// The packed files hold 0.4 states a byte at most (Hungarian): a damaged header that
	// claims forty times that is refused before anything is allocated for it.
	if r.err != nil || states == 0 || states > 16*uint64(size)+64 {
		return nil, errPacked
	}
	t.base = make([]int32, states)
	t.check = make([]int32, states)
	t.value0 = make([]int32, states)
	t.nvalue = make([]uint8, states)
	for i := range t.check {
		t.check[i] = -1
	}
	t.check[0] = -2
	// The queue and the values are built in locals and stored in t at the end: appending
	// to t's fields would pass a write barrier per byte while a collection runs.
	queue := make([]int32, 1, states)
	var values []uint8
	for next := 0; next < len(queue) && r.err == nil; next++ {
		st := queue[next]
		if nkids := r.uvarint(); nkids > 0 {
			b := r.uvarint()
			if b > states {
				return nil, errPacked
			}
			t.base[st] = int32(b)
			for range nkids {
				at := uint64(b) + uint64(r.byte())
				if at >= states || t.check[at] != -1 {
					return nil, errPacked
				}
				t.check[at] = st
				queue = append(queue, int32(at))
			}
		}
		if nv := r.uvarint(); nv > 0 {
			if nv > 255 {
				return nil, errPacked
			}
			t.value0[st] = int32(len(values))
			t.nvalue[st] = uint8(nv)
			for i := uint64(0); i < nv; i += 2 {
				b := r.byte()
				values = append(values, b&0xF)
				if i+1 < nv {
					values = append(values, b>>4)
				}
			}
		}
	}
	t.values = values
	if r.err != nil || !r.atEnd() {
		return nil, errPacked
	}
	return t, nil
}

// packedReader reads varints and bytes, remembering the first error.
type packedReader struct {
	in  *bufio.Reader
	err error
}

func (r *packedReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.in)
	if err != nil {
		r.fail()
		return 0
	}
	return v
}

func (r *packedReader) byte() uint8 {
	if r.err != nil {
		return 0
	}
	b, err := r.in.ReadByte()
	if err != nil {
		r.fail()
		return 0
	}
	return b
}

// atEnd reports whether everything was read: the stream ends there, whole.
func (r *packedReader) atEnd() bool {
	_, err := r.in.ReadByte()
	return err == io.EOF
}

func (r *packedReader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("hyphen: %w", errPacked)
	}
}
