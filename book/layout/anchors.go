package layout

// Anchors are where a document's anchors stand in print: every ID a page marks, at its
// first mark. A long book has hundreds of thousands (every index and glossary mark), alive
// from the last pass's end to the EPUB's writing: a map by string of Locations took 37 MB
// at 100×. The IDs keep the numbers the passes gave them (labelIndex), so what is added is
// a slice of places by number, and each page's label once.
type Anchors struct {
	index  *labelIndex // the IDs' numbers; nothing grows it once the document is drawn
	at     []anchorAt  // by number
	labels []string    // each page's label, by index
	n      int         // how many IDs are placed
}

// anchorAt is where an ID stands: page is its index + 1, 0 for an ID on no page.
type anchorAt struct {
	page int32
	x, y Length
}

// Get is where id stands, and whether it is placed at all.
func (a *Anchors) Get(id string) (Location, bool) {
	if a.index == nil {
		return Location{}, false
	}
	n, ok := a.index.ids[id]
	if !ok || int(n) >= len(a.at) || a.at[n].page == 0 {
		return Location{}, false
	}
	at := a.at[n]
	return Location{Page: int(at.page - 1), Label: a.labels[at.page-1], X: at.x, Y: at.y}, true
}

// At is where id stands, the zero Location for an ID on no page.
func (a *Anchors) At(id string) Location {
	loc, _ := a.Get(id)
	return loc
}

// Len is how many anchors are placed.
func (a *Anchors) Len() int { return a.n }

// Place puts id at loc, unless it is placed already: for a document made by hand (a test,
// a cover); a laid-out document's are placed by draw.
func (a *Anchors) Place(id string, loc Location) {
	if a.index == nil {
		a.index = newLabelIndex()
	}
	for len(a.labels) <= loc.Page {
		a.labels = append(a.labels, "")
	}
	a.labels[loc.Page] = loc.Label
	a.place(a.index.number(id), loc.Page, loc.X, loc.Y)
}

// place puts the ID numbered n on page (an index), unless it is placed already.
func (a *Anchors) place(n int32, page int, x, y Length) {
	for int(n) >= len(a.at) {
		a.at = append(a.at, anchorAt{})
	}
	if a.at[n].page == 0 {
		a.at[n] = anchorAt{page: int32(page + 1), x: x, y: y}
		a.n++
	}
}

// begin readies a for the pages of d, over the IDs' numbers index: the pass's own, or one
// of its own in a rebuild, whose index the next build grows while this document may still
// be read.
func (a *Anchors) begin(d *Document, index *labelIndex, own bool, size int) {
	if own {
		index = &labelIndex{ids: make(map[string]int32, size)}
	}
	a.index = index
	a.labels = make([]string, len(d.Pages))
	for i, p := range d.Pages {
		a.labels[i] = p.Label
	}
	a.at = make([]anchorAt, len(index.ids), max(len(index.ids), size))
}
