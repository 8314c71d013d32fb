// Package layout turns the document model into pages of positioned boxes in
// TeX's model (boxes, glue, penalties) and records the page map: which
// source element ended up on which page and where.
//
// Everything is measured in integer scaled points (Length, 1/65536 pt), so a
// layout is exact and the same on every machine. Paragraphs are broken into
// lines by book/linebreak (Knuth–Plass, as TeX does it).
package layout
