// Package gfm is goldmark's extensions that bindery parses with (GitHub's tables,
// strikethrough, task lists and extended autolinks; PHP Markdown Extra's definition lists and
// footnotes; typographic punctuation), copied from goldmark's extension package so that a
// program that only starts pays nothing for them: that package compiles its autolinks' regular
// expressions at init. The copies leave out the HTML renderers (the book has its own writers)
// and build the nodes of goldmark's extension/ast, so a parse is the same as goldmark's.
package gfm
