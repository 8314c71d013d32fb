package linebreak

import (
	"bytes"
	"errors"
	"testing"
)

// fuzzParagraph builds a paragraph and parameters from bytes: the first
// four choose the measure, the parameters and whether the paragraph is
// finished; each further byte is one item.
func fuzzParagraph(data []byte) ([]Item, func(int) Length, Params) {
	p := DefaultParams()
	var head [4]byte
	copy(head[:], data)
	data = data[min(len(data), 4):]
	measure := Length(10+int(head[0])) * Pt
	p.Looseness = int(head[1]%5) - 2
	if head[1]&0x80 == 0 {
		p.Looseness = 0
	}
	p.ShapeLines = int(head[2]%4) - 1
	if head[2]&0x10 != 0 {
		p.EmergencyStretch = Length(head[2]>>5) * 5 * Pt
	}
	if head[2]&0x08 != 0 {
		p.Pretolerance = -1
	}
	if head[3]&0x02 != 0 {
		p.RightSkip = NewGlue(0, 20*Pt, 0)
	}
	if head[3]&0x04 != 0 {
		p.Tolerance = 10000
	}
	lw := func(l int) Length { return measure - Length(l%3)*7*Pt }
	penalties := [...]int{EjectPenalty, -500, -50, 0, 50, 500, InfPenalty, InfPenalty + 7}
	var items []Item
	for i, b := range data {
		v := Length(b >> 3)
		switch b % 8 {
		case 0, 1, 2:
			items = append(items, NewBox(v*Pt, i))
		case 3, 4:
			items = append(items, NewGlue(3*Pt+v%4*Pt, v%3*Pt, v%2*Pt))
		case 5:
			items = append(items, NewPenalty(penalties[v%8]))
		case 6:
			items = append(items, Item{Kind: KindPenalty, Flagged: true, Width: v % 2 * 5 * Pt, Penalty: penalties[v%8]})
		case 7:
			if v%2 == 0 {
				items = append(items, NewFilGlue(v*Pt, GlueOrder(v%5)))
			} else {
				items = append(items, Item{Kind: ItemKind(3 + v%4), Width: v * Pt}) // unknown kinds are boxes
			}
		}
	}
	if head[3]&0x01 != 0 {
		items = Finish(items)
	}
	return items, lw, p
}

// FuzzBreak checks that Break terminates without panicking on any
// paragraph and that its result always covers the paragraph in order,
// breaks only at legal breakpoints, honours forced breaks, reports every
// overfull line, and, when it reports no error, keeps every line within
// the tolerance.
func FuzzBreak(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{100, 0, 0, 1})
	f.Add([]byte{100, 0, 0, 1, 0xf8})                         // one wide box
	f.Add([]byte{60, 0x81, 0x11, 1, 8, 3, 16, 3, 24, 5, 32})  // looseness, emergency
	f.Add([]byte{30, 0, 2, 0, 5, 5, 5, 3, 3, 7, 15, 23, 255}) // penalties, no Finish
	f.Add(append([]byte{120, 0x80, 3, 3}, []byte("In olden times when wishing still helped one, there lived a king")...))
	// 3000 explicit-hyphen breakpoints with nothing between them, with
	// looseness and tolerance 10000: no line ever becomes overfull, so
	// without maxActiveNodes the active list grows without bound.
	f.Add(append([]byte{0xf5, 0xa6, 0xa6, 0xa6}, bytes.Repeat([]byte{0xa6}, 3000)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1500 {
			return
		}
		items, lw, p := fuzzParagraph(data)
		lines, err := Break(items, lw, p)
		checkLineCover(t, items, lines, p)
		var be *BreakError
		if err != nil && !errors.As(err, &be) {
			t.Fatalf("unexpected error %v", err)
		}
		overfull := map[int]bool{}
		if be != nil {
			for _, k := range be.Overfull {
				overfull[k] = true
			}
		}
		for k, l := range lines {
			if l.IsOverfull() != (l.Ratio < -1) {
				t.Fatalf("line %d: overfull %v but ratio %v", k, l.Overfull, l.Ratio)
			}
			if l.IsOverfull() && !overfull[k] {
				t.Fatalf("line %d is overfull by %v but not reported (err %v)", k, l.Overfull, err)
			}
			if err == nil && p.EmergencyStretch == 0 && l.Badness > max(p.Tolerance, p.Pretolerance) {
				t.Fatalf("line %d has badness %d without an error", k, l.Badness)
			}
		}
	})
}
