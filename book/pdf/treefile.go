package pdf

import (
	"slices"
	"strings"
)

// The structure tree written into the file (tags.go makes it as the pages are painted):
// its elements, numbered in the order a reader meets them, in object streams of their own;
// its parent tree; its ID tree.

// write writes the structure tree, its parent tree and ID tree, and returns the number of
// the StructTreeRoot. pageRef names a page; annotObj are the annotations' object numbers.
func (s *structure) write(f *file, pageRef func(int) string, annotObj []int) int {
	treeRoot := f.alloc()
	// An annotation no run led to (a link on a picture alone) is a Link of its own.
	for a := range s.annots.len() {
		if s.annots.at(a).elem == nil {
			e := s.newElem("Link", s.root)
			s.addKid(e, annotKid(a))
			s.addKid(s.root, elemKid(e))
			s.annots.at(a).elem = e
		}
	}
	// Numbered in the order a reader meets them, consecutively, each noted with its
	// parent's number: the numbers reserved at once (one by one they were a seventh of
	// the end of a long book's file, the table grown from nothing).
	order := make([]int32, 0, s.nextID)
	parents := make([]int32, 0, s.nextID)
	next := int32(len(f.offsets))
	var number func(e *elem, parent int32)
	number = func(e *elem, parent int32) {
		e.num = next + int32(len(order))
		order, parents = append(order, e.id), append(parents, parent)
		for _, k := range e.kids {
			if k.kind == kidElem {
				number(s.elemAt(k.n), e.num)
			}
		}
	}
	number(s.root, int32(treeRoot))
	f.allocN(len(order))
	// The elements go in object streams of their own, elementsPerStream at a time, each
	// group's written and compressed on a core of its own: they only read the tree.
	groups := (len(order) + elementsPerStream - 1) / elementsPerStream
	f.packInOrder(groups, func(g int, p *packer) {
		for i := g * elementsPerStream; i < min((g+1)*elementsPerStream, len(order)); i++ {
			e := s.elemAt(order[i])
			p.scratch = s.appendElem(p.scratch[:0], e, parents[i], pageRef, annotObj)
			p.add(int(e.num), p.scratch)
		}
	})
	var b []byte

	parentTree := s.writeParentTree(f, b)

	b = append(b[:0], "<< /Type /StructTreeRoot /K "...)
	b = appendInt(b, int(s.root.num))
	b = append(b, " 0 R /ParentTree "...)
	b = appendInt(b, parentTree)
	b = append(b, " 0 R /ParentTreeNextKey "...)
	b = appendInt(b, len(s.pages)+s.annots.len())
	if len(s.ids) > 0 {
		b = append(b, " /IDTree "...)
		b = appendInt(b, s.idTree(f))
		b = append(b, " 0 R"...)
	}
	b = append(b, " >>"...)
	f.objectBytes(treeRoot, b)
	s.keep()
	return treeRoot
}

// appendElem writes element e's dictionary, its parent numbered parent.
func (s *structure) appendElem(b []byte, e *elem, parent int32, pageRef func(int) string, annotObj []int) []byte {
	b = append(b, "<</S/"...)
	b = append(b, e.typ...)
	b = append(b, "/P "...)
	b = appendInt(b, int(parent))
	b = append(b, " 0 R"...)
	pg := -1
	for _, k := range e.kids {
		if k.kind == kidContent {
			pg = int(k.n)
			break
		}
	}
	if pg >= 0 {
		b = append(b, "/Pg "...)
		b = append(b, pageRef(pg)...)
	}
	b = append(b, e.attrs...)
	return append(s.appendKids(b, e, pg, pageRef, annotObj), ">>"...)
}

// appendKids writes e's /K: its kids, marked content on page pg (its /Pg) as bare MCIDs;
// one kid needs no array (most elements: a paragraph on one page, a link). Compact syntax
// (compact.go): a space only where a number follows a number, an R or the key.
func (s *structure) appendKids(b []byte, e *elem, pg int, pageRef func(int) string, annotObj []int) []byte {
	b = append(b, "/K"...)
	if len(e.kids) != 1 {
		b = append(b, '[')
	}
	for _, k := range e.kids {
		switch {
		case k.kind == kidElem:
			b = appendInt(spaceAfterToken(b), int(s.elemAt(k.n).num))
			b = append(b, " 0 R"...)
		case k.kind == kidAnnot:
			b = append(b, "<</Type/OBJR/Obj "...)
			b = appendInt(b, annotObj[k.n])
			b = append(b, " 0 R"...)
			// The element's /Pg stands for its kids' unless one says otherwise.
			if p := s.annots.at(int(k.n)).page; p != pg {
				b = append(b, "/Pg "...)
				b = append(b, pageRef(p)...)
			}
			b = append(b, ">>"...)
		case int(k.n) == pg:
			b = appendInt(spaceAfterToken(b), int(k.mcid))
		default:
			b = append(b, "<</Type/MCR/Pg "...)
			b = append(b, pageRef(int(k.n))...)
			b = append(b, "/MCID "...)
			b = appendInt(b, int(k.mcid))
			b = append(b, ">>"...)
		}
	}
	if len(e.kids) != 1 {
		b = append(b, ']')
	}
	return b
}

// The parent tree is a number tree split into leaves of fixed key ranges, each in an object
// stream of its own, so an edit that changes one page's marked content compresses one leaf
// again (about 10 KB at the default book's density, at level 6: 16 pages at level 7 cost
// about as much and made the PDF 0.12 % larger), not the whole tree (56 KB at 1×, ten
// times that at 10×); a fixed range moves no leaf's boundary when a page's entry grows.
// An annotation's entry is one reference (14 bytes, against about 650 for a page), so they
// go many to a leaf: a stream per few hundred bytes would cost more than it saves.
const (
	parentLeafPages  = 32
	parentLeafAnnots = 512
)

// writeParentTree writes the parent tree, for each page the element of each MCID, then each
// annotation's, as a number tree (PDF 2.0 7.9.7) of one root and its leaves, and returns
// the root's number; b is a buffer to reuse.
func (s *structure) writeParentTree(f *file, b []byte) int {
	var leaves [][2]int // the first and last key of each
	for lo := 0; lo < len(s.pages); lo += parentLeafPages {
		leaves = append(leaves, [2]int{lo, min(lo+parentLeafPages, len(s.pages)) - 1})
	}
	keys := len(s.pages) + s.annots.len()
	for lo := len(s.pages); lo < keys; lo += parentLeafAnnots {
		leaves = append(leaves, [2]int{lo, min(lo+parentLeafAnnots, keys) - 1})
	}
	root := f.alloc()
	first := f.allocN(len(leaves))
	// Each leaf in an object stream of its own, written and compressed on every core.
	f.packInOrder(len(leaves), func(l int, p *packer) {
		leaf := leaves[l]
		// Compact syntax (compact.go): a space only between two numbers or an R and one.
		b := append(p.scratch[:0], "<</Limits["...)
		b = appendInt(b, leaf[0])
		b = append(b, ' ')
		b = appendInt(b, leaf[1])
		b = append(b, "]/Nums["...)
		for key := leaf[0]; key <= leaf[1]; key++ {
			b = appendInt(b, key)
			if key < len(s.pages) {
				b = append(b, '[')
				for i, e := range s.pages[key].mcids {
					if i > 0 {
						b = append(b, ' ')
					}
					b = appendInt(b, int(s.elemAt(e).num))
					b = append(b, " 0 R"...)
				}
				b = append(b, "]\n"...)
				continue
			}
			b = append(b, ' ')
			b = appendInt(b, int(s.annots.at(key-len(s.pages)).elem.num))
			b = append(b, " 0 R\n"...)
		}
		p.scratch = append(b, "]>>"...)
		p.add(first+l, p.scratch)
	})
	// A book with no page has no key: an empty /Nums is the empty tree (a leaf under /Kids
	// may not be empty, as its /Limits would bound nothing).
	if len(leaves) == 0 {
		f.object(root, "<< /Nums [] >>")
		return root
	}
	b = append(b[:0], "<< /Kids ["...)
	for l := range leaves {
		b = appendInt(b, first+l)
		b = append(b, " 0 R "...)
	}
	b = append(b[:len(b)-1], "] >>"...)
	f.objectBytes(root, b)
	return root
}

// idTree writes the name tree of element IDs (one leaf, sorted) and returns its number.
func (s *structure) idTree(f *file) int {
	order := make([]int, len(s.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(s.ids[a], s.ids[b]) })
	var b []byte
	b = append(b, "<< /Names ["...)
	for _, i := range order {
		b = appendLiteral(b, s.ids[i])
		b = append(b, ' ')
		b = appendInt(b, int(s.idElem[i].num))
		b = append(b, " 0 R "...)
	}
	b = append(b, "] >>"...)
	id := f.alloc()
	f.objectBytes(id, b)
	return id
}
