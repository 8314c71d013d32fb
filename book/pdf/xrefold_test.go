package pdf

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
)

// xrefRowsAsBefore is xrefRows before the entries were differenced a word at a time: the
// oracle for TestXrefRowsAsBefore.
func (f *file) xrefRowsAsBefore(w int) ([]byte, error) {
	n := 1 + 3 + w // a row: the predictor's byte and the entry
	rows := make([]byte, n*len(f.offsets))
	for num, at := range f.packed[:len(f.offsets)] {
		row := rows[num*n : (num+1)*n]
		row[0] = 2
		switch {
		case num == 0:
			row[n-2], row[n-1] = 0xFF, 0xFF
		case f.offsets[num] < 0:
			return nil, fmt.Errorf("pdf: object %d was reserved but never written", num)
		case at.stream != 0:
			row[1] = 2
			putBigEndian(row[2:2+w], int(at.stream))
			row[n-2], row[n-1] = byte(at.index>>8), byte(at.index)
		default:
			row[1] = 1
			putBigEndian(row[2:2+w], f.offsets[num])
		}
	}
	// From the last row up, each less the one above, still as it was.
	for at := len(rows) - n; at >= n; at -= n {
		row, above := rows[at:at+n], rows[at-n:at]
		for k := 1; k < n; k++ {
			row[k] -= above[k]
		}
	}
	return rows, nil
}

// TestXrefRowsAsBefore compares xrefRows with the old byte-by-byte rows on random tables:
// offsets growing as a file's do or anywhere below 2^(8w), objects in object streams of
// any number and index (the index's high bits too), every width, now and then an object
// never written.
func TestXrefRowsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewSource(19_29))
	rounds := 3000
	if testing.Short() {
		rounds = 300
	}
	for round := 0; round < rounds; round++ {
		w := 1 + rng.Intn(7)
		limit := int64(1) << (8 * w)
		if w == 7 {
			limit = 1 << 55
		}
		count := 1 + rng.Intn(300)
		if rng.Intn(10) == 0 {
			count = 1 + rng.Intn(5000)
		}
		f := &file{offsets: make([]int, count), packed: make([]packedAt, count)}
		at := int64(0)
		for num := 1; num < count; num++ {
			switch rng.Intn(6) {
			case 0:
				f.offsets[num] = int(rng.Int63n(limit))
			case 1, 2:
				f.packed[num] = packedAt{stream: rng.Int31(), index: rng.Int31()}
				if rng.Intn(2) == 0 {
					f.packed[num] = packedAt{stream: int32(rng.Intn(count)), index: int32(rng.Intn(300))}
				}
				f.offsets[num] = int(rng.Int63n(limit))
			default:
				at += rng.Int63n(1 << uint(rng.Intn(8*w)))
				f.offsets[num] = int(at % limit)
			}
		}
		if rng.Intn(20) == 0 && count > 1 {
			f.offsets[1+rng.Intn(count-1)] = -1
		}
		want, wantErr := f.xrefRowsAsBefore(w)
		got, err := f.xrefRows(w)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("round %d (w %d): error %v, want %v", round, w, err, wantErr)
		}
		if !bytes.Equal(got, want) || len(got) != cap(got) && err == nil {
			t.Fatalf("round %d (w %d, %d objects): rows differ (%d and %d bytes)", round, w, count, len(got), len(want))
		}
	}
}
