package doc

import "unicode"

// The rules below are shared by the print layout and the EPUB. The EPUB marks where each
// print page begins by counting words in the block the page starts in, as the layout counted
// them (the word-counting contract in docs/notes.md), and both print the same text for a
// cross-reference: written once here, they cannot drift apart.

// WordSpace reports whether r separates words: any white space, the no-break spaces
// included. The layout makes glue of each run of it; the EPUB counts a word after each run.
func WordSpace(r rune) bool { return unicode.IsSpace(r) }

// NoBreakSpace reports whether r is a space no line may break at.
func NoBreakSpace(r rune) bool { return r == '\u00a0' || r == '\u202f' || r == '\u2007' }

// CountWords counts the words of s by WordSpace.
func CountWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if WordSpace(r) {
			in = false
			continue
		}
		if !in {
			n++
			in = true
		}
	}
	return n
}

// CrossRefText is the text of a cross-reference in both editions: the target's title and
// the print page it is on.
func CrossRefText(title, page string) string {
	return "‘" + title + "’, p.\u00a0" + page
}
