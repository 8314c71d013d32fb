package compress

import (
	"bytes"
	"hash/adler32"
	"math/rand/v2"
	"testing"
)

// TestAdler32SumIsAdler32s: hash/adler32, the oracle, on random lengths 0..100k of random
// bytes, of runs of one byte and of text, and on all-0xFF input (the largest sums, where a
// lane or s2 would overflow first) of every length to 3·adlerRun and some far longer.
func TestAdler32SumIsAdler32s(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 19))
	rounds := 400
	if testing.Short() {
		rounds = 60
	}
	buf := make([]byte, 100_001)
	for i := 0; i < rounds; i++ {
		n := r.IntN(len(buf))
		if i%4 == 0 {
			n = r.IntN(300)
		}
		p := buf[:n]
		switch i % 3 {
		case 0:
			for k := range p {
				p[k] = byte(r.Uint32())
			}
		case 1:
			for k := range p {
				p[k] = byte(r.IntN(2)) * 0xff
			}
		default:
			copy(p, bytes.Repeat([]byte("0 0 1 rg 72.5 700 Td [(The codex)-250(and)] TJ\n"), n/46+1))
		}
		off := r.IntN(8) // not word-aligned as often as not
		q := append(make([]byte, off), p...)[off:]
		if got, want := adler32Sum(q), adler32.Checksum(p); got != want {
			t.Fatalf("round %d, %d bytes: %08x, hash/adler32 %08x", i, n, got, want)
		}
	}
	ff := bytes.Repeat([]byte{0xff}, 1<<20)
	for n := 0; n <= 3*adlerRun; n++ {
		if got, want := adler32Sum(ff[:n]), adler32.Checksum(ff[:n]); got != want {
			t.Fatalf("%d bytes of 0xff: %08x, hash/adler32 %08x", n, got, want)
		}
	}
	for _, n := range []int{100_000, 1 << 20} {
		if got, want := adler32Sum(ff[:n]), adler32.Checksum(ff[:n]); got != want {
			t.Fatalf("%d bytes of 0xff: %08x, hash/adler32 %08x", n, got, want)
		}
	}
}

func BenchmarkAdler32(b *testing.B) {
	p := bytes.Repeat([]byte("0 0 1 rg 72.5 700 Td [(The codex)-250(and)] TJ\n"), 1000)
	b.SetBytes(int64(len(p)))
	b.Run("ours", func(b *testing.B) {
		for b.Loop() {
			adler32Sum(p)
		}
	})
	b.Run("hash/adler32", func(b *testing.B) {
		for b.Loop() {
			adler32.Checksum(p)
		}
	})
}
