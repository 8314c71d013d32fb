// Package hugeheap puts the bindery process's heap in transparent huge pages before the
// other packages' initialisers run: it has no bindery imports and its path sorts first, so
// Go initialises it as soon as the few standard packages it uses are, and the modules'
// start-up allocations (goldmark's, x/net/html's, yaml's tables: some 700 KB) land in huge
// pages instead of faulting in 4 KB at a time.
package hugeheap

import (
	"os"
	"strings"
)

// active is set when the heap grows in huge pages.
var active = start(os.Args)

// Active reports whether the heap grows in huge pages (the collector is tuned for it).
func Active() bool { return active }

// start prefers huge pages for a process that will build: not for `bindery version` alone
// (which prints a line: mapping the heap ahead costs more than it saves) nor for a test
// binary (its tests ask for what they test).
func start(args []string) bool {
	if len(args) == 2 && args[1] == "version" {
		return false
	}
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-test.") {
			return false
		}
	}
	return preferHugePages()
}
