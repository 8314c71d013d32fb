// Command bindery builds a book — an EPUB for e-readers and a print PDF — from a Markdown
// manuscript and its book.yaml (or an mdBook project as it is). `bindery init` starts a new
// book, `bindery watch` rebuilds it on every save; with no command it builds the book in the
// current folder (or, in bindery's repository, the default book in manuscript/). Named
// mdbook-bindery, or as `bindery mdbook`, it is mdBook's renderer.
//
// The command line is internal/cli; the stages it runs are book/pipeline (see
// docs/ARCHITECTURE.md).
package main

import "bindery/internal/cli"

func main() { cli.Main() }
