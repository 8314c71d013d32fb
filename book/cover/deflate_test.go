package cover

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"testing"
)

// deflateRows codes rows with rowDeflater and returns the stream, no row said to repeat.
func deflateRows(t testing.TB, rows [][]byte) []byte { return deflateRowsTold(t, rows, nil) }

// deflateRowsTold codes rows, saying row i repeats the one before where repeated[i] is set.
func deflateRowsTold(t testing.TB, rows [][]byte, repeated []bool) []byte {
	var buf bytes.Buffer
	d := newRowDeflater(&buf, len(rows[0]))
	for i, r := range rows {
		d.writeRow(r, repeated != nil && repeated[i])
	}
	if err := d.close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkInflates reads the stream back with compress/zlib (which checks the Adler-32) and
// compares it with the rows.
func checkInflates(t testing.TB, rows [][]byte, stream []byte) {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("inflating: %v", err)
	}
	want := bytes.Join(rows, nil)
	if !bytes.Equal(got, want) {
		t.Fatalf("inflated %d bytes differ from the %d written", len(got), len(want))
	}
	if s := stream[len(stream)-4:]; adler32.Checksum(want) != uint32(s[0])<<24|uint32(s[1])<<16|uint32(s[2])<<8|uint32(s[3]) {
		t.Fatal("the Adler-32 is not the data's")
	}
}

// randomRows are rows like a cover's: runs of a few colours, rows repeating the one above,
// rows differing from it in a stretch, and noise.
func randomRows(r *rand.Rand, width, height int) [][]byte {
	rows := make([][]byte, height)
	for y := range rows {
		row := make([]byte, 1+width)
		switch k := r.IntN(6); {
		case y > 0 && k < 2:
			copy(row, rows[y-1])
		case y > 0 && k < 4:
			copy(row, rows[y-1])
			from := 1 + r.IntN(width)
			for x := from; x < min(1+width, from+r.IntN(40)); x++ {
				row[x] = byte(r.IntN(256))
			}
		case k == 4:
			for x := 1; x < len(row); x++ {
				row[x] = byte(r.IntN(256))
			}
		default:
			for x := 1; x < len(row); {
				v, n := byte(r.IntN(4)), 1+r.IntN(300)
				for ; n > 0 && x < len(row); n, x = n-1, x+1 {
					row[x] = v
				}
			}
		}
		rows[y] = row
	}
	return rows
}

func TestRowDeflaterInflates(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 4))
	for _, size := range [][2]int{{1, 1}, {2, 3}, {63, 64}, {257, 9}, {258, 40}, {1600, 200}, {10000, 12}, {40000, 3}} {
		rows := randomRows(r, size[0], size[1])
		checkInflates(t, rows, deflateRows(t, rows))
	}
}

func FuzzRowDeflater(f *testing.F) {
	f.Add(uint64(1), uint16(100), uint8(20))
	f.Fuzz(func(t *testing.T, seed uint64, width uint16, height uint8) {
		if width == 0 || height == 0 {
			return
		}
		rows := randomRows(rand.New(rand.NewPCG(seed, 19)), int(width), int(height))
		stream := deflateRows(t, rows)
		checkInflates(t, rows, stream)
		if !bytes.Equal(stream, deflateRowsPlain(t, rows)) {
			t.Fatal("the stream is not the reference's")
		}
	})
}

// The codes for every length and distance a match can have are DEFLATE's: a single match
// of each inflates to the copy it stands for.
func TestRowDeflaterEveryMatch(t *testing.T) {
	for n := 3; n <= 600; n++ {
		row := bytes.Repeat([]byte{7}, n)
		row[0] = 1
		rows := [][]byte{row, bytes.Clone(row)}
		checkInflates(t, rows, deflateRows(t, rows))
	}
}

// TestCodesAreTheTables: lengthCode and distanceCode, worked out from n's bits, pick the
// code a search of RFC 1951's tables picks, for every length and distance.
func TestCodesAreTheTables(t *testing.T) {
	search := func(base []int, n int) int {
		i := len(base) - 1
		for base[i] > n {
			i--
		}
		return i
	}
	for n := 3; n <= 258; n++ {
		if got, want := lengthCode(n), search(lengthBase[:], n); got != want || int(lengthCodes[n]) != want {
			t.Fatalf("lengthCode(%d) = %d, in the table %d, want %d", n, got, lengthCodes[n], want)
		}
	}
	for n := 1; n <= maxDistance; n++ {
		if got, want := distanceCode(n), search(distanceBase[:], n); got != want {
			t.Fatalf("distanceCode(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestSamePrefix: the word-at-a-time comparison agrees with a byte-by-byte one wherever the
// first difference falls, for every length around a word's.
func TestSamePrefix(t *testing.T) {
	for n := 0; n <= 40; n++ {
		a := make([]byte, n)
		for i := range a {
			a[i] = byte(i*7 + 1)
		}
		for diff := 0; diff <= n; diff++ {
			b := bytes.Clone(a)
			if diff < n {
				b[diff] ^= 0x10
			}
			for cut := 0; cut <= 2; cut++ { // b shorter than a
				bb := b[:max(0, len(b)-cut)]
				want := 0
				for want < min(len(a), len(bb)) && a[want] == bb[want] {
					want++
				}
				if got := samePrefix(a, bb); got != want {
					t.Fatalf("n %d, difference at %d, cut %d: %d, want %d", n, diff, cut, got, want)
				}
			}
		}
	}
}

// TestRowAdlerIsTheWeightedSum: the row's sums taken eight bytes at a time are the sum and
// the sum weighted by len(row)-i, for rows of every length up to 40 and the longest.
func TestRowAdlerIsTheWeightedSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range append(rangeUpTo(40), 1601, 10001) {
		row := make([]byte, n)
		for i := range row {
			row[i] = byte(rng.IntN(256))
		}
		if n == 10001 {
			for i := range row {
				row[i] = 255
			}
		}
		var s, w uint64
		for i, x := range row {
			s += uint64(x)
			w += uint64(n-i) * uint64(x)
		}
		if sum, weights := rowAdler(row); sum != uint32(s%adlerMod) || weights != uint32(w%adlerMod) {
			t.Fatalf("%d bytes: %d, %d; want %d, %d", n, sum, weights, s%adlerMod, w%adlerMod)
		}
	}
}

func rangeUpTo(n int) []int {
	out := make([]int, n+1)
	for i := range out {
		out[i] = i
	}
	return out
}

// writeRowPlain is writeRow as it was first written, the reference: the row's run looked
// for at every byte, and its sums taken whole.
func writeRowPlain(d *rowDeflater, row []byte) {
	n := len(row)
	up := d.hasPrev && n <= maxDistance
	if up && n >= 3 && bytes.Equal(row, d.prev) {
		d.match(n, n)
	} else {
		for i := 0; i < n; {
			same := 0
			if up {
				same = samePrefix(row[i:], d.prev[i:])
			}
			run := 1 + samePrefix(row[i+1:], row[i:n-1])
			switch {
			case same >= 3 && same >= run:
				d.match(n, same)
				i += same
			case run >= 4:
				d.literal(row[i])
				d.match(1, run-1)
				i += run
			default:
				d.literal(row[i])
				i++
			}
		}
		d.sum, d.weights = rowAdler(row)
		copy(d.prev, row)
		d.hasPrev = true
	}
	a := uint64(d.a)
	d.a = uint32((a + uint64(d.sum)) % adlerMod)
	d.b = uint32((uint64(d.b) + uint64(n)%adlerMod*a + uint64(d.weights)) % adlerMod)
}

// deflateRowsPlain codes rows with writeRowPlain.
func deflateRowsPlain(t testing.TB, rows [][]byte) []byte {
	var buf bytes.Buffer
	d := newRowDeflater(&buf, len(rows[0]))
	for _, r := range rows {
		writeRowPlain(d, r)
	}
	if err := d.close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRowDeflaterIsThePlainOne: writeRow, which looks for a run only where it can win and
// sums only the bytes that are not copies of the row above, writes the reference's stream
// byte for byte, for random rows and for the rows of covers; told which rows repeat (by
// comparing them, and for covers by the row painter, as writePNG tells it), the same.
func TestRowDeflaterIsThePlainOne(t *testing.T) {
	check := func(name string, rows [][]byte, painted []bool) {
		t.Helper()
		plain := deflateRowsPlain(t, rows)
		if got := deflateRows(t, rows); !bytes.Equal(got, plain) {
			t.Errorf("%s: %d bytes, the reference's %d, differ", name, len(got), len(plain))
		}
		equal := make([]bool, len(rows))
		for i := 1; i < len(rows); i++ {
			equal[i] = bytes.Equal(rows[i], rows[i-1])
		}
		for _, told := range [][]bool{equal, painted} {
			if told == nil {
				continue
			}
			if got := deflateRowsTold(t, rows, told); !bytes.Equal(got, plain) {
				t.Errorf("%s, repeated rows told: %d bytes, the reference's %d, differ", name, len(got), len(plain))
			}
		}
	}
	r := rand.New(rand.NewPCG(33, 1))
	for _, size := range [][2]int{{1, 1}, {2, 3}, {5, 50}, {63, 64}, {257, 90}, {1600, 200}, {10000, 12}, {40000, 3}} {
		check("random", randomRows(r, size[0], size[1]), nil)
	}
	f := loadFonts(t)
	for _, s := range []Spec{defaultSpec, starterSpec, {Title: "Wide", Author: "W", Width: 3000, Height: 700}} {
		c, err := render(s, f)
		if err != nil {
			t.Fatal(err)
		}
		rows := make([][]byte, c.bounds.Dy())
		for y := range rows {
			rows[y] = make([]byte, 1+c.bounds.Dx())
			c.row(y, rows[y][1:])
		}
		p, row := c.rowPainter(), make([]byte, c.bounds.Dx())
		same := make([]bool, len(rows))
		for y := range rows {
			same[y] = p.row(y, row)
		}
		check(s.Title, rows, same)
	}
}

// TestPutKeepsEveryBit: puts of 1 to 32 bits, in any order, write the bits a bit at a time
// would (a match is put as two pieces of up to 20 and 28 bits).
func TestPutKeepsEveryBit(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 33))
	d := &rowDeflater{}
	var want []byte
	var acc byte
	var nacc uint
	for range 100000 {
		n := uint(1 + r.IntN(32))
		v := uint32(r.Uint64()) & (1<<n - 1)
		d.put(v, n)
		for k := range n {
			acc |= byte(v>>k&1) << nacc
			if nacc++; nacc == 8 {
				want, acc, nacc = append(want, acc), 0, 0
			}
		}
	}
	got := d.out
	for rest := d.bits; uint(len(got)) < uint(len(want)); rest >>= 8 {
		got = append(got, byte(rest))
	}
	if !bytes.Equal(got, want) {
		t.Fatal("put lost or moved bits")
	}
}

// TestCodesAreEachPartPut: codes writes a block's tokens as the literal's code, or the
// length's code and extra bits and the distance's code and extra bits put one after the
// other, whatever the code lengths (up to 15 bits: with 5 and 13 extra bits, a match can be
// more than the 32 bits put takes at once).
func TestCodesAreEachPartPut(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 33))
	for range 200 {
		litCodes, litLen := make([]uint32, 286), make([]uint8, 286)
		distCodes, distLen := make([]uint32, 30), make([]uint8, 30)
		for i := range litLen {
			litLen[i] = uint8(1 + r.IntN(15))
			litCodes[i] = uint32(r.IntN(1 << litLen[i]))
		}
		for i := range distLen {
			distLen[i] = uint8(1 + r.IntN(15))
			distCodes[i] = uint32(r.IntN(1 << distLen[i]))
		}
		got, want := &rowDeflater{}, &rowDeflater{}
		for range 1 + r.IntN(3000) {
			tk := token(r.IntN(256))
			if r.IntN(2) == 0 {
				tk = matchFlag | token(3+r.IntN(256))<<16 | token(1+r.IntN(32768))
			}
			for range 1 + r.IntN(3) {
				got.tokens = append(got.tokens, tk)
			}
		}
		for _, tk := range got.tokens {
			if tk&matchFlag == 0 {
				want.put(litCodes[tk], uint(litLen[tk]))
				continue
			}
			n, dist := int(tk>>16&0x1FF), int(tk&0xFFFF)
			lc, dc := lengthCode(n), distanceCode(dist)
			want.put(litCodes[257+lc], uint(litLen[257+lc]))
			want.put(uint32(n-lengthBase[lc]), uint(lengthExtra[lc]))
			want.put(distCodes[dc], uint(distLen[dc]))
			want.put(uint32(dist-distanceBase[dc]), uint(distanceExtra[dc]))
		}
		var out bytes.Buffer
		got.w = &out
		got.codes(litCodes, litLen, distCodes, distLen)
		got.flush(true)
		if !bytes.Equal(out.Bytes(), want.out) || got.nbits != want.nbits || got.bits != want.bits {
			t.Fatal("codes wrote other bits than each part put")
		}
	}
}
