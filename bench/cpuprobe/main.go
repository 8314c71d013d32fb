// Command cpuprobe builds a book in both formats and writes a CPU profile of the build, or
// with -trace an execution trace (`go tool trace`: which stages run on one core, and what
// waits on what), with the collector set as the CLI sets it for a long book (GOGC 400; a
// 1400 MiB soft limit, where the CLI's limit, which follows the live heap, ends for the
// 100-fold default book). With GOGC set, the collector is left as the environment says.
//
//	go run ./bench/scale -n 100 -out /tmp/book100
//	go run ./bench/cpuprobe /tmp/book100 /tmp/cpu.prof && go tool pprof -top -cum /tmp/cpu.prof
//	go run ./bench/cpuprobe -trace BOOK-DIR /tmp/trace.out && go tool trace /tmp/trace.out
//	go run ./bench/cpuprobe -epub -trace BOOK-DIR /tmp/trace.out  (the EPUB alone, no page-list)
//
// serial.py beside it reads a trace for the time a build had work for one core only, and
// stretches.py lists those stretches in order, with the goroutine that ran alone.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"bindery/book/pipeline"
)

func main() {
	tracing := flag.Bool("trace", false, "write an execution trace instead of a CPU profile")
	epubOnly := flag.Bool("epub", false, "build the EPUB alone, without its page-list (--format epub --no-page-list)")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: cpuprobe [-trace] BOOK-DIR OUTPUT")
		os.Exit(2)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(1400 << 20)
	}
	out, err := os.MkdirTemp("", "cpuprobe")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(out)
	f, err := os.Create(flag.Arg(1))
	if err != nil {
		fail(err)
	}
	start, stop := pprof.StartCPUProfile, pprof.StopCPUProfile
	if *tracing {
		start, stop = trace.Start, trace.Stop
	}
	if err := start(f); err != nil {
		fail(err)
	}
	began := time.Now()
	opts := pipeline.Options{Dir: flag.Arg(0), OutDir: out, Formats: pipeline.Formats}
	if *epubOnly {
		opts.Formats, opts.NoPageList = []pipeline.Format{pipeline.EPUB}, true
	}
	res, err := pipeline.Build(opts)
	wall := time.Since(began)
	stop()
	if err := f.Close(); err != nil {
		fail(err)
	}
	if err != nil {
		fail(err)
	}
	if res.Layout != nil {
		fmt.Println("pages", len(res.Layout.Pages), "passes", res.Layout.Passes)
	}
	fmt.Println("wall", wall)
	for _, t := range res.Timings {
		fmt.Println(t.Stage, t.Duration)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cpuprobe:", err)
	os.Exit(1)
}
