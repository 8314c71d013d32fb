// Command heapprobe builds a book the way the CLI does and writes a heap profile taken at the
// largest live heap it saw (it collects every 100 ms to look, so it runs slower than a real
// build): the tool for finding what holds memory at the peak of a long book.
//
//	go run ./bench/heapprobe /tmp/book100 && go tool pprof -sample_index=inuse_space -top /tmp/heap.prof
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"bindery/book/pipeline"
)

func main() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(1 << 30)
	var best []byte
	var bestLive uint64
	stop := make(chan bool)
	start := time.Now()
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > bestLive {
				bestLive = m.HeapAlloc
				var b bytes.Buffer
				pprof.WriteHeapProfile(&b)
				best = b.Bytes()
				fmt.Printf("%v live %d MB\n", time.Since(start).Round(time.Millisecond), m.HeapAlloc>>20)
			}
		}
	}()
	res, err := pipeline.Build(pipeline.Options{Dir: os.Args[1], OutDir: "/tmp/oprobe", Formats: pipeline.Formats})
	stop <- true
	if err != nil {
		panic(err)
	}
	for _, t := range res.Timings {
		fmt.Println(t.Stage, t.Duration)
	}
	os.WriteFile("/tmp/heap.prof", best, 0o644)
}
