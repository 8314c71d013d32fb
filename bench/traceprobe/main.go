// Command traceprobe builds a book in both formats under runtime/trace, for `go tool trace`:
// which stages run on one core, and what waits on what.
//
//	go run ./bench/traceprobe BOOK-DIR /tmp/trace.out && go tool trace /tmp/trace.out
//
// serial.py beside it reads the trace for the time a build had work for one core only.
package main

import (
	"fmt"
	"os"
	"runtime/trace"
	"time"

	"bindery/book/pipeline"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: traceprobe BOOK-DIR TRACE")
		os.Exit(2)
	}
	out, err := os.MkdirTemp("", "traceprobe")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(out)
	f, err := os.Create(os.Args[2])
	if err != nil {
		fail(err)
	}
	if err := trace.Start(f); err != nil {
		fail(err)
	}
	start := time.Now()
	res, err := pipeline.Build(pipeline.Options{Dir: os.Args[1], OutDir: out, Formats: pipeline.Formats})
	wall := time.Since(start)
	trace.Stop()
	if err := f.Close(); err != nil {
		fail(err)
	}
	if err != nil {
		fail(err)
	}
	fmt.Println("pages", len(res.Layout.Pages), "passes", res.Layout.Passes, "wall", wall)
	for _, t := range res.Timings {
		fmt.Println(t.Stage, t.Duration)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "traceprobe:", err)
	os.Exit(1)
}
