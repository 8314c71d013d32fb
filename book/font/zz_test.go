package font

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

func TestZZMut(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	good := charisBytes(t, "Regular")
	var tot time.Duration
	defer func() { fmt.Println("parse total", tot) }()
	for seed := uint64(0); seed < 3000; seed++  {
		rng := rand.New(rand.NewPCG(seed, 7))
		d := append([]byte(nil), good...)
		n := 1 + rng.IntN(8)
		for i := 0; i < n; i++ {
			switch rng.IntN(3) {
			case 0: // directory area
				d[rng.IntN(min(300, len(d)))] = byte(rng.Uint32())
			case 1:
				d[rng.IntN(len(d))] = byte(rng.Uint32())
			case 2:
				d = d[:rng.IntN(len(d))+1]
			}
		}
		os.WriteFile("/tmp/zzcur.bin", d, 0o644)
		st := time.Now()
		_, err := Parse("m", d)
		tot += time.Since(st)
		if el := time.Since(st); el > 50*time.Millisecond {
			fmt.Fprintf(os.Stderr, "seed %d took %v err=%v\n", seed, el, err)
		}
	}
}
