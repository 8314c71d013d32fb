package font

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

func TestZZMut(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	good := charisBytes(t, "Regular")
	for seed := uint64(0); seed < 20000; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		d := append([]byte(nil), good...)
		n := 1 + rng.IntN(8)
		for i := 0; i < n; i++ {
			switch rng.IntN(3) {
			case 0: // directory area
				d[rng.IntN(300)] = byte(rng.Uint32())
			case 1:
				d[rng.IntN(len(d))] = byte(rng.Uint32())
			case 2:
				d = d[:rng.IntN(len(d))+1]
			}
		}
		os.WriteFile("/tmp/zzcur.bin", d, 0o644)
		fmt.Fprintf(os.Stderr, "%d\r", seed)
		Parse("m", d)
	}
}
