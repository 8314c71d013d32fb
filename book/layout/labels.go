package layout

// The page-number fixpoint compares, pass after pass, the page label of every ID a page
// reference printed with the page that ID landed on. The IDs are those the lines' marks
// carry (anchors, index marks, note references): each gets a number once, the first time a
// pass finds it on a page, and a pass's labels are a slice by number, not a map by string,
// so that finding them again (pageLabels) allocates nothing per mark and no map grows.

// labelIndex numbers the IDs marked on pages. It grows only in pageLabels, on the goroutine
// that runs the passes, while no chapter is set: the chapters read it at the same time
// without a lock.
type labelIndex struct {
	ids map[string]int32
}

// newLabelIndex is an empty index.
func newLabelIndex() *labelIndex { return &labelIndex{ids: map[string]int32{}} }

// number is id's number, given now if it has none.
func (x *labelIndex) number(id string) int32 {
	n, ok := x.ids[id]
	if !ok {
		n = int32(len(x.ids))
		x.ids[id] = n
	}
	return n
}

// labelSet is the page label of each numbered ID, as a pass found them ("" for an ID on no
// page of that pass). A long book has half a million IDs and two or three sets alive at
// once: an ID's label is a number into the set's labels (4 bytes, not a string's 16), each
// page's label listed once, as the pages are noted one after another.
type labelSet struct {
	index  *labelIndex
	of     []int32  // by ID number: 1 + the label's place in labels, 0 for none
	labels []string // the labels given, in the order given
	n      int      // how many IDs have a label
}

// newLabelSet is a set of no labels over index.
func newLabelSet(index *labelIndex) *labelSet { return &labelSet{index: index} }

// at is the label of the ID numbered n.
func (l *labelSet) at(n int32) string {
	if int(n) < len(l.of) && l.of[n] > 0 {
		return l.labels[l.of[n]-1]
	}
	return ""
}

// get is the label of id.
func (l *labelSet) get(id string) string {
	if n, ok := l.index.ids[id]; ok {
		return l.at(n)
	}
	return ""
}

// note gives id the label, unless an earlier page gave it one.
func (l *labelSet) note(id, label string) {
	n := l.index.number(id)
	for int(n) >= len(l.of) {
		l.of = append(l.of, 0) // a number just given: one more
	}
	if l.of[n] == 0 {
		if k := len(l.labels); k == 0 || l.labels[k-1] != label {
			l.labels = append(l.labels, label)
		}
		l.of[n] = int32(len(l.labels))
		l.n++
	}
}

// usedLabels are the IDs whose page labels a pass printed, by number, and by name those the
// index did not know yet (on no page of the pass before). An ID may be listed more than
// once: the list is only walked (settled).
type usedLabels struct {
	numbers []int32
	names   []string
}

// add records that the label of id, looked up in labels, was printed.
func (u *usedLabels) add(labels *labelSet, id string) {
	if n, ok := labels.index.ids[id]; ok {
		u.numbers = append(u.numbers, n)
	} else {
		u.names = append(u.names, id)
	}
}

// label is add's and labels.get's in one lookup of id: the page references of a long
// book's index are a few hundred thousand.
func (u *usedLabels) label(labels *labelSet, id string) string {
	n, ok := labels.index.ids[id]
	if !ok {
		u.names = append(u.names, id)
		return ""
	}
	u.numbers = append(u.numbers, n)
	return labels.at(n)
}

// join adds the IDs another typesetter used.
func (u *usedLabels) join(o *usedLabels) {
	u.numbers = append(u.numbers, o.numbers...)
	u.names = append(u.names, o.names...)
}
