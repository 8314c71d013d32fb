package linebreak

// KindBox is a box: material of fixed width that is never broken, such as a
// word, a syllable between hyphenation points, an explicit hyphen, an
// inline image or a paragraph indent (an empty box of the indent's width).
// Width and Payload are used, and Stretch and Shrink when a box may be set
// wider or narrower with the line's finite glue (letter spacing, as
// pdfTeX's font expansion lets a character stretch): they are finite
// (StretchOrder Normal), and the line's adjustment ratio applies to them as
// to its glue. A box is not a breakpoint, and it ends the run of
// discardable items after a break.
const KindBox ItemKind = 0

// NewBox returns a box of the given width (scaled points) carrying the
// caller's payload, e.g. the index of the text run it stands for.
func NewBox(width Length, payload int) Item {
	return Item{Kind: KindBox, Width: width, Payload: payload}
}
