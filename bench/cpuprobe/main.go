// Command cpuprobe builds a book in both formats and writes a CPU profile of the build, with
// the collector set as the CLI sets it for a long book (GOGC 400; a 1400 MiB soft limit,
// where the CLI's limit, which follows the live heap, ends for the 100-fold default book).
// With GOGC set, the collector is left as the environment says.
//
//	go run ./bench/scale -n 100 -out /tmp/book100
//	go run ./bench/cpuprobe /tmp/book100 /tmp/cpu.prof && go tool pprof -top -cum /tmp/cpu.prof
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"bindery/book/pipeline"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: cpuprobe BOOK-DIR PROFILE")
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
	f, err := os.Create(os.Args[2])
	if err != nil {
		fail(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fail(err)
	}
	res, err := pipeline.Build(pipeline.Options{Dir: os.Args[1], OutDir: out, Formats: pipeline.Formats})
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fail(err)
	}
	if err != nil {
		fail(err)
	}
	fmt.Println("pages", len(res.Layout.Pages), "passes", res.Layout.Passes)
	for _, t := range res.Timings {
		fmt.Println(t.Stage, t.Duration)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "cpuprobe:", err)
	os.Exit(1)
}
