// Package manuscript embeds the default book, the pamphlet in this folder, so that
// `bindery init --from-default` can write it anywhere, outside this repository too.
package manuscript

import "embed"

// Files are the book's files: book.yaml, the chapters and the reference matter.
//
//go:embed *.md *.yaml
var Files embed.FS
