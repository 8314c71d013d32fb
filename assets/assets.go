// Package assets carries the files every book is built with (the EPUB stylesheets), embedded
// so that the bindery binary works anywhere, not only inside this repository.
package assets

import _ "embed"

// Stylesheet is the EPUB's CSS.
//
//go:embed book.css
var Stylesheet []byte

// Media is the EPUB's CSS for narrow screens, in a file of its own (it has media queries).
//
//go:embed media.css
var Media []byte
