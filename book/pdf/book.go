package pdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"bindery/book/layout"
)

// The print edition: its pages with their links, the named namedDests of its anchors, the
// outline of its headings and its page labels.

// dest is a named destination: where an anchor is.
type dest struct {
	id   string
	page int32
	seq  int32 // its place among the marks in page order, which decides between equal ids
	x, y float64
}

// pageRefs returns what names page i's object ("12 0 R"), pages of them numbered from first:
// the tree, the outline and the names ask for one thousands of times, so they are written
// once, into one string.
func pageRefs(first, pages int) func(i int) string {
	var b []byte
	ends := make([]int, pages)
	for i := range pages {
		b = append(appendInt(b, first+i), " 0 R"...)
		ends[i] = len(b)
	}
	all := string(b)
	return func(i int) string {
		if i < 0 || i >= pages {
			return strconv.Itoa(first+i) + " 0 R"
		}
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		return all[start:ends[i]]
	}
}

// book writes the pages of the print edition with their links, the named namedDests, the
// outline and the page labels; it returns the catalog entries they need.
func (r *rendering) book(pages int) (string, error) {
	f, d := r.f, r.d
	f.expect(r.objectsAhead())
	first := f.allocN(len(d.Pages))
	pageRef := pageRefs(first, len(d.Pages))

	annotObj := make([]int, r.tags.annots.len())
	// For a print shop, each page's drawing is moved into the bleed and slug around it, by a
	// content stream before it and one after, that all pages share.
	org := r.info.margin()
	boxes := r.info.boxes(r.pageW, r.pageH)
	var before, after int
	if org > 0 || r.info.Marks {
		before, after = f.alloc(), f.alloc()
		f.stream(before, "", shift(org))
		marks := []byte("Q\n")
		if r.info.Marks {
			marks = append(marks, printMarks(r.pageW, r.pageH, org, r.info.Bleed)...)
		}
		f.stream(after, "/Filter /FlateDecode", f.streams.deflate(marks))
	}
	r.pageObjects(pages, first, before, after, boxes, annotObj, org)
	r.pageTree(pages, first, len(d.Pages), r.pageW+2*org, r.pageH+2*org)

	dests, err := r.destinations()
	if err != nil {
		return "", err
	}
	var cat strings.Builder
	if len(dests) > 0 {
		fmt.Fprintf(&cat, " /Names << /Dests %d 0 R >>", r.nameTree(dests, first, pageRef))
	}
	if len(d.Pages) > 0 {
		// Front matter in roman numerals, the body in arabic from 1; a book without front
		// matter has one range (a number tree's keys may not repeat).
		cat.WriteString(" /PageLabels << /Nums [")
		if d.BodyStart > 0 {
			cat.WriteString("0 << /S /r >>")
		}
		if d.BodyStart <= 0 {
			cat.WriteString("0 << /S /D >>")
		} else if d.BodyStart < len(d.Pages) {
			fmt.Fprintf(&cat, " %d << /S /D >>", d.BodyStart)
		}
		cat.WriteString("] >>")
	}
	if outline := r.outline(pageRef); outline != 0 {
		fmt.Fprintf(&cat, " /Outlines %d 0 R /PageMode /UseOutlines", outline)
	}
	fmt.Fprintf(&cat, " /MarkInfo << /Marked true >> /StructTreeRoot %d 0 R", r.tags.write(f, pageRef, annotObj))
	return cat.String(), nil
}

// objectsAhead is about how many objects the book's pages, links, names, outline and
// structure tree will number: each page and its content, each link's annotation, each
// structure element, each outline entry, a leaf of names for every 256 anchors, and their
// object streams; a little more for the rest (the parent tree's leaves).
func (r *rendering) objectsAhead() int {
	d := r.d
	pages, annots, elems := len(d.Pages), r.tags.annots.len(), int(r.tags.nextID)
	objects := 2*pages + annots + elems + len(d.Outline) + d.Map.Len()/256
	objects += objects/elementsPerStream + 64
	return objects + objects/64
}

// pageObjects writes the pages' objects, numbered from first, with their contents and link
// annotations (annotObj gets their numbers), the pages drawn org from the media box's
// corner, between the streams before and after if set.
func (r *rendering) pageObjects(pages, first, before, after int, boxes string, annotObj []int, org float64) {
	f, d := r.f, r.d
	var b []byte
	page := func(i int, bodies func(k int, l layout.Link, a int) []byte) {
		p := d.Pages[i]
		content := f.alloc()
		f.stream(content, "/Filter /FlateDecode", r.contents[i])
		var annots []int
		for k, l := range p.Links {
			a := r.tags.pages[i].annots[k]
			if a < 0 {
				continue
			}
			annotObj[a] = f.alloc()
			f.objectBytes(annotObj[a], bodies(k, l, a))
			annots = append(annots, annotObj[a])
		}
		b = append(b[:0], "<< /Type /Page /Parent "...)
		b = appendInt(b, pages)
		b = append(b, " 0 R /Contents "...)
		if before > 0 {
			b = fmt.Appendf(b, "[%d 0 R %d 0 R %d", before, content, after)
			b = append(b, " 0 R]"...)
		} else {
			b = appendInt(b, content)
			b = append(b, " 0 R"...)
		}
		b = append(b, boxes...)
		b = append(b, " /StructParents "...)
		b = appendInt(b, i)
		b = append(b, " /Tabs /S"...)
		if len(annots) > 0 {
			b = append(b, " /Annots ["...)
			for _, a := range annots {
				b = appendInt(b, a)
				b = append(b, " 0 R "...)
			}
			b[len(b)-1] = ']'
		}
		b = append(b, " >>"...)
		f.objectBytes(first+i, b)
	}
	if r.info.Paintings != nil {
		var ab []byte
		for i := range d.Pages {
			page(i, func(_ int, l layout.Link, a int) []byte { return r.annotation(&ab, l, a, org) })
		}
	} else {
		// A long book's links are tens of thousands: each page's annotations are formatted
		// on every core (one after the other, each after its length), and given to the file
		// in order.
		formatInOrder(len(d.Pages), func(i int, fb []byte) []byte {
			for k, l := range d.Pages[i].Links {
				if a := r.tags.pages[i].annots[k]; a >= 0 {
					at := len(fb)
					fb = r.linkAnnotation(binary.LittleEndian.AppendUint32(fb, 0), l, a, org)
					binary.LittleEndian.PutUint32(fb[at:], uint32(len(fb)-at-4))
				}
			}
			return fb
		}, func(i int, fb []byte) {
			page(i, func(int, layout.Link, int) []byte {
				n := int(binary.LittleEndian.Uint32(fb))
				body := fb[4 : 4+n]
				fb = fb[4+n:]
				return body
			})
		})
	}
}

// annotation is link l's annotation, the a-th of the book, on a page drawn org from the media
// box's corner: the last Write's bytes when it was written from the same (Paintings), else
// written into *b. A long book's links are tens of thousands, each with four numbers and two
// strings to format, and an edit moves few of them.
func (r *rendering) annotation(b *[]byte, l layout.Link, a int, org float64) []byte {
	var kept *keptAnnotation
	if r.info.Paintings != nil {
		ks := &r.info.Paintings.annots
		if a >= len(*ks) {
			*ks = append(*ks, make([]keptAnnotation, a+1-len(*ks))...)
		}
		kept = &(*ks)[a]
		in := annotationInput{link: l, org: org, pageH: r.pageH, pages: len(r.d.Pages), contents: r.tags.annots.at(a).contents}
		if kept.body != nil && kept.in == in {
			return kept.body
		}
		kept.in = in
	}
	*b = r.linkAnnotation((*b)[:0], l, a, org)
	if kept != nil {
		kept.body = append(kept.body[:0], *b...)
	}
	return *b
}

// keptAnnotation is a link annotation of the last Write, kept by Paintings: what it was
// written from and its bytes.
type keptAnnotation struct {
	in   annotationInput
	body []byte
}

// annotationInput is all linkAnnotation reads.
type annotationInput struct {
	link       layout.Link
	org, pageH float64
	pages      int // the annotation's /StructParent follows the pages'
	contents   string
}

// linkAnnotation appends link l's annotation, the a-th of the book, on a page drawn org from
// the media box's corner.
func (r *rendering) linkAnnotation(b []byte, l layout.Link, a int, org float64) []byte {
	target, isDest := strings.CutPrefix(l.Target, "#")
	// The area in whole points, outwards: a finer edge is no use to a pointer, and the
	// digits of thousands of links are a tenth of a book's file.
	b = append(b, "<</Type/Annot/Subtype/Link/Rect["...)
	b = appendNum(b, math.Floor(org+ptOf(l.X)+0.005), 0)
	b = append(b, ' ')
	b = appendNum(b, math.Floor(org+r.pageH-ptOf(l.Y+l.H)+0.005), 0)
	b = append(b, ' ')
	b = appendNum(b, math.Ceil(org+ptOf(l.X+l.W)-0.005), 0)
	b = append(b, ' ')
	b = appendNum(b, math.Ceil(org+r.pageH-ptOf(l.Y)-0.005), 0)
	b = append(b, "]/Border[0 0 0]"...)
	if isDest {
		b = append(b, "/Dest"...)
		b = appendLiteral(b, target)
	} else {
		b = append(b, "/A<</S/URI/URI"...)
		b = appendLiteral(b, l.Target)
		b = append(b, ">>"...)
	}
	// Tagged: the annotation's place in the structure, and what it says.
	b = append(b, "/StructParent "...)
	b = appendInt(b, len(r.d.Pages)+a)
	b = append(b, "/Contents"...)
	b = appendText(b, r.tags.annotText(a, l.Target))
	b = append(b, ">>"...)
	return b
}

// anchorDests are the anchors of d on the pages the layout's map puts them on (org from the
// media box's corner), sorted by name: the name tree's order, and the order has searches.
// kept, if set, holds the last Write's anchors and their order by name: when the anchors
// are the same names in the same order as then (an edit that moved none before another),
// that order stands, without sorting.
func anchorDests(d *layout.Document, pageH, org float64, kept *destOrder) namedDests {
	// Sized once: grown by append, a long book's were several copies of the list.
	n := 0
	for _, p := range d.Pages {
		n += len(p.Marks)
	}
	var dests []dest
	if kept != nil {
		dests = slices.Grow(kept.marks[:0], n)
	} else {
		dests = make([]dest, 0, n)
	}
	for _, p := range d.Pages {
		for _, m := range p.Marks {
			if loc, ok := d.Map.Get(m.ID); ok && loc.Page == p.Index {
				dests = append(dests, dest{m.ID, int32(p.Index), int32(len(dests)), org + ptOf(m.X), org + pageH - ptOf(m.Y)})
			}
		}
	}
	if kept != nil {
		return kept.sort(dests)
	}
	return sortDests(dests)
}

// sortDests sorts dests by name, the first of an anchor's marks on its page its destination.
// A stable sort's merging was several times the comparisons of an unstable sort broken by
// the marks' order, which gives the same list.
func sortDests(dests []dest) namedDests {
	sortDestsByName(dests)
	return slices.CompactFunc(dests, func(a, b dest) bool { return a.id == b.id })
}

// destOrder is the order by name of a Write's anchors, in page order (ids): by index into
// ids, the destinations left after sorting and keeping each name's first (order).
type destOrder struct {
	ids   []string
	order []int32
	same  bool // the last sort found the names of the Write before
	// marks and sorted are the last Write's lists, their memory reused by the next (a
	// rebuild of a long book makes lists of tens of thousands of anchors again).
	marks, sorted []dest
}

// sort returns dests sorted as sortDests does, by the order kept when the names are the
// same, in the same order; it keeps the order of these names for the next Write.
func (k *destOrder) sort(dests []dest) namedDests {
	same := len(dests) == len(k.ids)
	for i := 0; same && i < len(dests); i++ {
		same = dests[i].id == k.ids[i]
	}
	k.same = same
	k.marks = dests
	if same {
		out := slices.Grow(k.sorted[:0], len(k.order))[:len(k.order)]
		for i, j := range k.order {
			out[i] = dests[j]
		}
		k.sorted = out
		return out
	}
	k.ids = k.ids[:0]
	for _, d := range dests {
		k.ids = append(k.ids, d.id)
	}
	out := sortDests(append(k.sorted[:0], dests...))
	k.order = k.order[:0]
	for _, d := range out {
		k.order = append(k.order, d.seq)
	}
	k.sorted = out
	return out
}

// namedDests are named destinations sorted by name: a long book has hundreds of
// thousands, too many to keep a set of their names beside them.
type namedDests []dest

// has reports whether id has a destination.
func (ds namedDests) has(id string) bool {
	_, ok := slices.BinarySearchFunc(ds, id, func(d dest, id string) int { return strings.Compare(d.id, id) })
	return ok
}

// anchorNames are the anchors that have a destination: the destinations themselves, or
// while a streamed pass is painted, the names the layout foresaw (sortedIDs).
type anchorNames interface{ has(id string) bool }

// sortedIDs are anchors' names, sorted: a streamed pass's foreseen ones, taken as given
// (as destinations without places, 40 bytes each, they were 7 MB at 100×).
type sortedIDs []string

func (ids sortedIDs) has(id string) bool {
	_, ok := slices.BinarySearch(ids, id)
	return ok
}

// nameTree writes the named namedDests, sorted, as a name tree (in leaves of at most 256
// names, so a viewer finds a name without reading them all) and returns its root. The
// pages' objects are numbered from first (pageRef).
func (r *rendering) nameTree(dests []dest, first int, pageRef func(int) string) int {
	const leafSize = 256
	var b []byte // each leaf's, reused: the file copies it
	var kept *[]keptLeaf
	if r.info.Paintings != nil {
		kept = &r.info.Paintings.leaves
	}
	n := 0 // the leaf being written
	leaf := func(ds []dest, kid bool) int {
		id := r.f.alloc()
		n++
		if kept != nil && n <= len(*kept) {
			if l := &(*kept)[n-1]; l.first == first && l.kid == kid && slices.Equal(l.dests, ds) {
				r.f.objectBytes(id, l.body)
				return id
			}
		}
		b = appendLeaf(b[:0], ds, kid, pageRef)
		r.f.objectBytes(id, b)
		if kept != nil {
			l := keptLeaf{first: first, kid: kid, dests: slices.Clone(ds), body: slices.Clone(b)}
			if n <= len(*kept) {
				(*kept)[n-1] = l
			} else {
				*kept = append(*kept, l)
			}
		}
		return id
	}
	defer func() {
		if kept != nil {
			*kept = (*kept)[:min(n, len(*kept))] // a book that lost leaves keeps no more
		}
	}()
	if len(dests) <= leafSize {
		return leaf(dests, false)
	}
	root := r.f.alloc()
	var kids strings.Builder
	leaves := (len(dests) + leafSize - 1) / leafSize
	part := func(l int) []dest { return dests[l*leafSize : min((l+1)*leafSize, len(dests))] }
	if kept == nil {
		// Formatted on every core, given to the file in order (a long book has hundreds).
		formatInOrder(leaves, func(l int, b []byte) []byte { return appendLeaf(b, part(l), true, pageRef) }, func(_ int, body []byte) {
			id := r.f.alloc()
			r.f.objectBytes(id, body)
			fmt.Fprintf(&kids, "%d 0 R ", id)
		})
	}
	for l := 0; kept != nil && l < leaves; l++ {
		fmt.Fprintf(&kids, "%d 0 R ", leaf(part(l), true))
	}
	r.f.object(root, "<< /Kids ["+strings.TrimSpace(kids.String())+"] >>")
	return root
}

// appendLeaf writes a leaf of the name tree holding ds (with its /Limits when it is a kid).
func appendLeaf(b []byte, ds []dest, kid bool, pageRef func(int) string) []byte {
	// Compact syntax (compact.go): no space next to a delimiter.
	b = append(b, "<<"...)
	if kid {
		b = append(b, "/Limits["...)
		b = appendLiteral(b, ds[0].id)
		b = appendLiteral(b, ds[len(ds)-1].id)
		b = append(b, ']')
	}
	b = append(b, "/Names["...)
	for _, d := range ds {
		b = appendLiteral(b, d.id)
		b = append(b, '[')
		b = append(b, pageRef(int(d.page))...)
		// In whole points, the view's top at or above the anchor: as the links' areas.
		b = append(b, "/XYZ "...)
		b = appendNum(b, math.Floor(d.x+0.005), 0)
		b = append(b, ' ')
		b = appendNum(b, math.Ceil(d.y-0.005), 0)
		b = append(b, " null]"...)
	}
	return append(b, "]>>"...)
}

// keptLeaf is a leaf of the last Write's name tree, kept by Paintings: its names, where
// they lead, and the object it was written as. The anchors an edit moved are on a few
// leaves; the others are the same bytes again, not formatted again.
type keptLeaf struct {
	first int // the first page's object number
	kid   bool
	dests []dest
	body  []byte
}

// outline writes the bookmarks: a tree of headings by level. It returns the outline's root,
// or 0 when there are no headings.
func (r *rendering) outline(pageRef func(int) string) int {
	d := r.d
	type node struct {
		id    int
		entry layout.OutlineEntry
		kids  []*node
		level int
	}
	root := &node{level: 0}
	stack := []*node{root}
	for _, e := range d.Outline {
		if _, ok := d.Map.Get(e.ID); !ok {
			continue
		}
		n := &node{entry: e, level: e.Level, id: r.f.alloc()}
		for len(stack) > 1 && stack[len(stack)-1].level >= e.Level {
			stack = stack[:len(stack)-1]
		}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	if len(root.kids) == 0 {
		return 0
	}
	root.id = r.f.alloc()
	var count func(n *node) int
	count = func(n *node) int {
		c := len(n.kids)
		for _, k := range n.kids {
			c += count(k)
		}
		return c
	}
	var write func(n *node)
	write = func(n *node) {
		for i, k := range n.kids {
			loc := d.Map.At(k.entry.ID)
			var b strings.Builder
			fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfText(k.entry.Title), n.id)
			if i > 0 {
				fmt.Fprintf(&b, " /Prev %d 0 R", n.kids[i-1].id)
			}
			if i+1 < len(n.kids) {
				fmt.Fprintf(&b, " /Next %d 0 R", n.kids[i+1].id)
			}
			if len(k.kids) > 0 {
				fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", k.kids[0].id, k.kids[len(k.kids)-1].id, count(k))
			}
			fmt.Fprintf(&b, " /Dest [%s /XYZ %s %s null] >>", pageRef(loc.Page), num(r.info.margin()+ptOf(loc.X)), num(r.info.margin()+r.pageH-ptOf(loc.Y)))
			r.f.object(k.id, b.String())
			write(k)
		}
	}
	write(root)
	r.f.object(root.id, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", root.kids[0].id, root.kids[len(root.kids)-1].id, count(root)))
	return root.id
}
