// Command heapprobe builds a book the way the CLI does and writes a heap profile taken at the
// largest live heap it saw (it collects every 100 ms to look, so it runs slower than a real
// build), and the largest in each stage of the build: the tool for finding what holds memory
// at the peak of a long book. -from 12s profiles the largest from 12 s on (a later stage's);
// -series prints every sample (the heap's shape through the passes), -every 2s also writes
// a profile every 2 s to /tmp/heap-<seconds>.prof (what is alive in each stretch).
//
//	go run ./bench/heapprobe /tmp/book100 && go tool pprof -sample_index=inuse_space -top /tmp/heap.prof
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"bindery/book/pipeline"
)

func main() {
	from := flag.Duration("from", 0, "profile the largest live heap from this time on")
	series := flag.Bool("series", false, "print every sample's live heap, not only the new largest")
	every := flag.Duration("every", 0, "also write a profile this often, to /tmp/heap-<seconds>.prof")
	flag.Parse()
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(1 << 30)
	var best []byte
	var bestLive uint64
	stop := make(chan bool)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	start := time.Now()
	type sample struct {
		at   time.Duration
		live uint64
	}
	var samples []sample
	var nextAt time.Duration
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			runtime.GC()
			// The heap the collection marked: HeapAlloc would add what the build's
			// goroutines allocated since, which made the peak's moment a matter of chance.
			metrics.Read(live)
			v, at := live[0].Value.Uint64(), time.Since(start)
			samples = append(samples, sample{at, v})
			if *series {
				fmt.Printf("%v %d MB\n", at.Round(time.Millisecond), v>>20)
			}
			if *every > 0 && at >= nextAt {
				nextAt += *every
				var b bytes.Buffer
				pprof.WriteHeapProfile(&b)
				os.WriteFile(fmt.Sprintf("/tmp/heap-%02d.prof", int(at.Seconds())), b.Bytes(), 0o644)
			}
			if v > bestLive && at >= *from {
				bestLive = v
				var b bytes.Buffer
				pprof.WriteHeapProfile(&b)
				best = b.Bytes()
				fmt.Printf("%v live %d MB\n", time.Since(start).Round(time.Millisecond), v>>20)
			}
		}
	}()
	res, err := pipeline.Build(pipeline.Options{Dir: flag.Arg(0), OutDir: "/tmp/oprobe", Formats: pipeline.Formats})
	stop <- true
	if err != nil {
		panic(err)
	}
	// The stages run one after another from the start; the samples are the heap's between.
	var end time.Duration
	for _, t := range res.Timings {
		begin := end
		end += t.Duration
		var peak uint64
		for _, s := range samples {
			if s.at >= begin && s.at < end {
				peak = max(peak, s.live)
			}
		}
		fmt.Printf("%s %v (from %v), largest live heap %d MB\n", t.Stage, t.Duration.Round(time.Millisecond), begin.Round(time.Millisecond), peak>>20)
	}
	os.WriteFile("/tmp/heap.prof", best, 0o644)
}
