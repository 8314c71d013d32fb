// Command scale writes an n-fold copy of a book for benchmarks:
//
//	go run ./bench/scale -n 100 -out /tmp/book100 [-from manuscript]
package main

import (
	"flag"
	"fmt"
	"os"

	"bindery/bench/scalebook"
)

func main() {
	n := flag.Int("n", 10, "how many times to repeat the manuscript")
	from := flag.String("from", "manuscript", "the book to repeat")
	out := flag.String("out", "", "folder to write the longer book to")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: scale -n N -out DIR [-from DIR]")
		os.Exit(2)
	}
	if err := scalebook.Write(*from, *out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}
