// Package assets carries the files every book is built with (the EPUB stylesheet), embedded so
// that the bindery binary works anywhere, not only inside this repository.
package assets

import _ "embed"

// Stylesheet is the EPUB's CSS.
//
//go:embed book.css
var Stylesheet []byte
