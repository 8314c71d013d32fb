package linebreak

// KindBox is a box: material of fixed width that is never broken, such as a
// word, a syllable between hyphenation points, an explicit hyphen, an
// inline image or a paragraph indent (an empty box of the indent's width).
// Only Width and Payload are used. A box is not a breakpoint, and it ends
// the run of discardable items after a break.
const KindBox ItemKind = 0

// NewBox returns a box of the given width (scaled points) carrying the
// caller's payload, e.g. the index of the text run it stands for.
func NewBox(width Length, payload int) Item {
	return Item{Kind: KindBox, Width: width, Payload: payload}
}
