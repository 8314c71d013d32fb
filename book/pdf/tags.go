package pdf

import (
	"path"
	"strconv"
	"strings"

	"bindery/book/doc"
	"bindery/book/layout"
)

// The tagged PDF's logical structure (PDF/UA-1): elements made from the document model as
// the pages' runs and pictures point into it (layout.Run.Block), in the order they are
// painted, so that the tree reads as the pages do. Each element is made when its first
// content is met, under its parent in the model (a chapter's Sect, a list's LI and LBody, a
// table's TR), so the tree keeps the model's nesting; a run that sets no text of the book
// (running heads, folios, leaders) is an Artifact, as are rules.

// elem is a structure element.
type elem struct {
	typ    string // the structure type: P, H1, LI, …
	parent *elem
	kids   []kid
	attrs  string // further entries of its dictionary: /Alt, /A, /ID
	id     int32  // its place among the tree's elements (structure.elemAt)
	num    int32  // object number, once written
}

// kid is an element's child: an element (by id), marked content on a page, or an
// annotation. A long book has about a million kids, and pages name the elements of their
// marked content by id too: without pointers they are 12 bytes each, not 24, and the
// collector does not look into them.
type kid struct {
	n    int32 // the element's id, the content's page, or the annotation's index
	mcid int32 // the content's MCID
	kind kidKind
}

type kidKind uint8

const (
	kidElem kidKind = iota + 1
	kidContent
	kidAnnot
)

func elemKid(e *elem) kid                  { return kid{n: e.id, kind: kidElem} }
func contentKid(page, mcid int) kid        { return kid{n: int32(page), mcid: int32(mcid), kind: kidContent} }
func annotKid(a int) kid                   { return kid{n: int32(a), kind: kidAnnot} }
func (s *structure) elemAt(id int32) *elem { return &s.arena.elems[id/elemChunkSize][id%elemChunkSize] }

// A run is painted in one marked content (its MCID, -1 for an artifact), or in pieces when
// it holds part of a word hyphenated over two lines, each piece with its own MCID: the
// word's first piece with /ActualText of the whole word, its second with an empty one, so
// that search and screen readers read the word once, whole. (A piece is marked content of
// its own rather than a Span nested in the run's: poppler loses the rest of a sequence after
// a nested one.) A long book has a run per word: a run's tag is one number (pageTags.runs),
// its pieces kept apart for the few in pieces.

// segment is a piece of a run's text, up to byte to, in marked content mcid.
type segment struct {
	to        int
	mcid      int
	actual    string
	hasActual bool
}

// pageTags are the marked contents of one page, as the painter writes them.
type pageTags struct {
	// runs holds for each run its MCID (-1 for an artifact), or -2-k for a run painted in
	// the pieces pieces[k].
	runs   []int32
	pieces [][]segment
	pics   []int       // mcid of each picture, -1 for an artifact
	order  []paintItem // the runs and pictures in the order they are painted (paintOrder)
	mcids  []int32     // the element (its id) each mcid belongs to
	tree   *structure  // whose elements those are
	annots []int       // for each of the page's links, its annotation index, -1 when not written
}

// annotation is a link annotation the book writes, with its element.
type annotation struct {
	page, link int
	elem       *elem
	contents   string // what the link says, for its /Contents
}

// structure is the tree being built.
type structure struct {
	root *elem
	// Each key of the model (a block, or a key below for an element that is no block) has
	// a slot, holding its parent's slot and its element once made: one map lookup finds a
	// key's element, and its parents are found by index.
	index map[any]int32
	slots []slot
	// Elements and their first kids are cut from chunks (newElem, addKid), not allocated
	// one by one: a book has an element for about every block and link.
	elemChunk []elem
	kidChunk  []kid
	arena     *treeArena // the chunks, kept by a Paintings for the next Write
	kept      *Paintings // nil without one
	mcids     []int32    // every page's pageTags.mcids, one after another
	nextID    int32      // the id of the next element from elemChunk
	header    map[*doc.TableCell]bool
	notes     map[string]bool // footnote IDs
	pages     []pageTags
	annots    annotList
	ids       []string // element IDs (notes), for the IDTree
	idElem    []*elem
	known     anchorNames // the anchors that have a destination
	hy        *hyphenated // the word hyphenated at the foot of the last page tagged, if any
	hyWord    hyphenated  // what hy points to: one word waits at a time
	// linkAnnots holds every page's pageTags.annots, one after another; segments is the
	// chunk the next runs' pieces are cut from (segmentRoom).
	linkAnnots []int
	segments   []segment
	// lastLevel is the level of the last heading tagged.
	lastLevel int
	// span is the Span of the passage in another language the last run tagged set, in
	// language spanLang; nil after a run in the block's language.
	span     *elem
	spanLang string
	// The last leaf found (leaf), for the block and kind of page it was found for.
	lastBlock doc.Block
	lastKind  layout.PageKind
	lastLeaf  *elem
	// spare holds a painted page's tags of its runs, for the next page tagged (release),
	// and paintOrder's scratch: each page's were about a twentieth of a rebuild's allocations.
	spare struct {
		runs  []int32
		pics  []int
		order []paintItem
		ints  [3][]int
		links linksByY
	}
}

// slot is a key of the model in the tree: its parent's slot (-1 for the root), its element
// once made, and whether the model placed it (a key met first on a page is not).
type slot struct {
	key    any
	e      *elem
	parent int32
	placed bool
}

// Keys for elements that are no block of the model.
type (
	rowKey struct {
		*doc.Table
		row int
	} // row -1 is the header
	lblKey     struct{ doc.Block } // a list item's label, a definition's term
	bodyKey    struct{ doc.Block } // a list item's or definition's body
	captionKey struct{ *doc.Figure }
	tocKey     struct{}
	tociKey    struct{ *doc.Heading }
	picKey     struct{ page, pic int }
)

// newStructure begins the tree of d, whose links known says are written: the model's
// nesting; each page's elements and marked content are added by tagPage as the pages are
// painted. kept, if set, sizes the tree by the last Write's and lends it that tree's memory
// (taken back once the tree is written: keep).
func newStructure(d *layout.Document, known anchorNames, kept *Paintings) *structure {
	keys, arena := 0, &treeArena{}
	if kept != nil {
		keys = kept.treeKeys
		if kept.arena != nil {
			arena, kept.arena = kept.arena, nil
		}
		if kept.written == nil || !kept.dests.same {
			kept.written = map[string]bool{}
		}
	}
	index, slots := arena.index, arena.slots[:0]
	if index == nil {
		if keys == 0 {
			keys = modelKeys(d.Chapters())
		}
		index, slots = make(map[any]int32, keys), make([]slot, 0, keys)
	}
	s := &structure{
		index:  index,
		slots:  slots,
		header: map[*doc.TableCell]bool{},
		notes:  map[string]bool{},
		known:  known,
		arena:  arena,
		kept:   kept,
		mcids:  arena.mcids[:0],
		annots: arena.annots,
	}
	s.linkAnnots = arena.linkAnnots[:0]
	arena.mcids, arena.annots, arena.index, arena.slots, arena.linkAnnots = nil, annotList{}, nil, nil, nil
	s.root = s.newElem("Document", nil)
	s.model(d.Chapters())
	s.pages = make([]pageTags, len(d.Pages))
	return s
}

// tagPage adds page i, p, to the tree. Pages are tagged in order, each before the page
// before it is painted: a word hyphenated at a page's foot reads whole from its first piece
// there, which needs the rest of it, on the next page.
func (s *structure) tagPage(i int, p *layout.Page) {
	s.hy = s.page(i, p, s.known, s.hy)
}

// hyphenated is a run ending in a line-break hyphen, waiting for the rest of its word.
type hyphenated struct {
	seg    *segment
	block  doc.Block
	prefix string
}

// model records the parent of every block of the chapters, and of their notes.
func (s *structure) model(chapters []*doc.Chapter) {
	var part any
	for _, ch := range chapters {
		switch {
		case ch.Part:
			s.place(ch, nil)
			part = ch
		case ch.Matter != doc.BodyMatter || ch.Generated:
			part = nil
			s.place(ch, nil)
		default:
			s.place(ch, part)
		}
		s.blocks(ch.Blocks, ch)
		for _, fn := range ch.Footnotes {
			s.place(fn, ch)
			s.notes[fn.ID] = true
			s.blocks(fn.Blocks, fn)
		}
	}
}

func (s *structure) blocks(bs []doc.Block, parent any) {
	for _, b := range bs {
		s.place(b, parent)
		switch b := b.(type) {
		case *doc.BlockQuote:
			s.blocks(b.Blocks, b)
		case *doc.List:
			for _, it := range b.Items {
				s.item(it, b)
				s.blocks(it.Blocks, bodyKey{it})
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				s.item(it, b)
				for _, def := range it.Definitions {
					s.blocks(def, bodyKey{it})
				}
			}
		case *doc.Table:
			s.place(rowKey{b, -1}, b)
			for _, c := range b.Header {
				s.place(c, rowKey{b, -1})
				s.header[c] = true
			}
			for i, r := range b.Rows {
				s.place(rowKey{b, i}, b)
				for _, c := range r {
					s.place(c, rowKey{b, i})
				}
			}
		case *doc.Figure:
			s.place(captionKey{b}, b)
			s.blocks(b.Blocks, b)
		}
	}
}

func (s *structure) item(it, list doc.Block) {
	s.place(it, list)
	s.place(lblKey{it}, it)
	s.place(bodyKey{it}, it)
}

// newElem is a new element of type typ under parent.
func (s *structure) newElem(typ string, parent *elem) *elem {
	if len(s.elemChunk) == 0 {
		s.elemChunk = s.arena.elemChunk()
		s.nextID = int32(s.arena.nElem-1) * elemChunkSize
	}
	e := &s.elemChunk[0]
	s.elemChunk = s.elemChunk[1:]
	e.typ, e.parent, e.id = typ, parent, s.nextID
	s.nextID++
	return e
}

// addKid appends k to e's kids in room cut from a chunk: the first kid's room for one (most
// elements have one), then, while an element's kids are few, room doubled from the chunk
// too (a paragraph has a kid a line): a rebuild of a long book grew tens of thousands of
// small slices. What growing leaves behind stays in its chunk.
func (s *structure) addKid(e *elem, k kid) {
	if n := max(1, 2*cap(e.kids)); len(e.kids) == cap(e.kids) && n <= kidsFromChunk {
		if len(s.kidChunk) < n {
			s.kidChunk = s.arena.kidChunk()
		}
		grown := s.kidChunk[:len(e.kids):n]
		copy(grown, e.kids)
		e.kids, s.kidChunk = grown, s.kidChunk[n:]
	}
	e.kids = append(e.kids, k)
}

// place records key's parent (nil for the root).
func (s *structure) place(key, parent any) {
	up := int32(-1)
	if parent != nil {
		up = s.slotOf(parent)
	}
	if k, ok := s.index[key]; ok {
		s.slots[k].parent, s.slots[k].placed = up, true
		return
	}
	s.index[key] = int32(len(s.slots))
	s.slots = append(s.slots, slot{key: key, parent: up, placed: true})
}

// slotOf is key's slot, a new one under the root for a key the model did not place.
func (s *structure) slotOf(key any) int32 {
	if k, ok := s.index[key]; ok {
		return k
	}
	k := int32(len(s.slots))
	s.index[key] = k
	s.slots = append(s.slots, slot{key: key, parent: -1})
	return k
}

// node returns the element of key, making it (and its parents) when it is first met.
func (s *structure) node(key any) *elem {
	if key == nil {
		return s.root
	}
	return s.nodeAt(s.slotOf(key))
}

func (s *structure) nodeAt(k int32) *elem {
	if k < 0 {
		return s.root
	}
	if e := s.slots[k].e; e != nil {
		return e
	}
	e := s.newElem("P", nil)
	parent := s.nodeAt(s.slots[k].parent)
	switch k := s.slots[k].key.(type) {
	case *doc.Chapter:
		e.typ = "Sect"
		if k.Part {
			e.typ = "Part"
		} else if k.Role == doc.IndexChapter {
			e.typ = "Index"
		}
	case *doc.Heading:
		// A level the author skipped (### after #) is tagged one deeper than the heading
		// before: PDF/UA forbids skips, and the nesting reads the same.
		level := min(max(k.Level, 1), s.lastLevel+1, 6)
		s.lastLevel = level
		e.typ = "H" + strconv.Itoa(level)
	case *doc.BlockQuote:
		e.typ = "BlockQuote"
	case *doc.List:
		e.typ = "L"
		numbering := "/Disc"
		if k.Ordered {
			numbering = "/Decimal"
		} else if k.Role != "" {
			numbering = "/None"
		}
		e.attrs = " /A << /O /List /ListNumbering " + numbering + " >>"
	case *doc.DefinitionList:
		e.typ, e.attrs = "L", " /A << /O /List /ListNumbering /None >>"
	case *doc.ListItem, *doc.DefinitionItem:
		e.typ = "LI"
	case lblKey:
		e.typ = "Lbl"
	case bodyKey:
		e.typ = "LBody"
	case *doc.Table:
		e.typ = "Table"
	case rowKey:
		e.typ = "TR"
	case *doc.TableCell:
		e.typ = "TD"
		if s.header[k] {
			e.typ, e.attrs = "TH", " /A << /O /Table /Scope /Column >>"
		}
	case *doc.CodeBlock:
		e.typ = "Code"
	case *doc.Figure:
		e.typ, e.attrs = "Figure", " /Alt "+pdfText(figureAlt(k))
	case captionKey:
		e.typ = "Caption"
	case *doc.Footnote:
		e.typ, e.attrs = "Note", " /ID "+string(appendLiteral(nil, k.ID))
		s.ids, s.idElem = append(s.ids, k.ID), append(s.idElem, e)
	case tocKey:
		e.typ = "TOC"
	case tociKey:
		e.typ = "TOCI"
	}
	e.parent = parent
	s.addKid(parent, elemKid(e))
	s.slots[k].e = e
	return e
}

// figureAlt is a figure's text alternative: its picture's description, else its caption.
func figureAlt(f *doc.Figure) string {
	if img, ok := f.Image(); ok && strings.TrimSpace(img.Alt) != "" {
		return img.Alt
	}
	if c := strings.TrimSpace(doc.PlainText(f.Caption)); c != "" {
		return c
	}
	return "Figure"
}

// page tags the runs and pictures of page i in the order they are painted; hy is a word
// hyphenated at the foot of the page before.
func (s *structure) page(i int, p *layout.Page, known anchorNames, hy *hyphenated) *hyphenated {
	pt := &s.pages[i]
	pt.tree = s
	pt.runs, pt.pics = zeroed(s.spare.runs, len(p.Runs)), zeroed(s.spare.pics, len(p.Pictures))
	s.spare.runs, s.spare.pics = nil, nil
	s.pageLinks(i, p, pt, known)
	// The page's MCIDs' elements go on the book's (s.mcids), the page taking its part at
	// the end: not a slice for every page. The book's are in chunks: when one is full, the
	// page's so far move to the next.
	start := len(s.mcids)
	defer func() { pt.mcids = s.mcids[start:len(s.mcids):len(s.mcids)] }()
	var last *elem // the element of the marked content open, nil after a piece of a word
	content := func(e *elem, alone bool) int {
		if e == last && !alone && len(s.mcids) > start {
			return len(s.mcids) - start - 1
		}
		last = e
		if alone {
			last = nil
		}
		if len(s.mcids) == cap(s.mcids) {
			s.mcids = append(roomFor(s.mcids, len(s.mcids)-start+1, 1<<15), s.mcids[start:]...)
			start = 0
		}
		s.mcids = append(s.mcids, e.id)
		mcid := len(s.mcids) - start - 1
		s.addKid(e, contentKid(i, mcid))
		return mcid
	}
	pt.order = paintOrder(s.spare.order[:0], p, &s.spare.ints)
	s.spare.order = nil
	near := sortLinks(p, pt, &s.spare.links)
	for _, it := range pt.order {
		if it.pic >= 0 {
			pic := p.Pictures[it.pic]
			pt.pics[it.pic] = -1
			if pic.Block == nil {
				continue
			}
			e := s.pictureElem(i, it.pic, pic, p.Kind)
			pt.pics[it.pic] = content(e, false)
			continue
		}
		r := &p.Runs[it.run]
		pt.runs[it.run] = -1
		block := p.Block(*r)
		if block == nil || !drawn(r) {
			continue
		}
		leaf := s.passage(s.leaf(block, p.Kind), block, r)
		if a := s.annotationAt(pt, r, &near); a >= 0 {
			leaf = s.linkElem(a, leaf, p.Links[s.annots.at(a).link].Target)
			// A link's runs (words on two lines, a title and its page number) read apart.
			an := s.annots.at(a)
			if c := an.contents; c != "" && !strings.HasSuffix(c, " ") && !strings.HasPrefix(r.Text, " ") {
				an.contents += " "
			}
			an.contents += letters(r.Text)
		}
		segs := s.segmentRoom()
		// The word hyphenated on the line before ends here: its second piece.
		head := 0
		if hy != nil && hy.block == block {
			if head = strings.IndexByte(r.Text, ' '); head < 0 {
				head = len(r.Text)
			}
			if head > 0 {
				// The word's letters, its ligatures (layout's U+FB00–FB04) read as letters.
				hy.seg.actual = letters(hy.prefix + r.Text[:head])
				segs = append(segs, segment{to: head, mcid: content(leaf, true), hasActual: true})
			}
			hy = nil
		}
		tail := len(r.Text)
		if r.Hyphen && strings.HasSuffix(r.Text, "-") {
			tail = max(head, strings.LastIndexByte(r.Text[:len(r.Text)-1], ' ')+1)
		}
		if head < tail {
			mcid := content(leaf, false)
			if len(segs) == 0 && tail == len(r.Text) {
				pt.runs[it.run] = int32(mcid)
				continue
			}
			segs = append(segs, segment{to: tail, mcid: mcid})
		}
		if tail < len(r.Text) {
			segs = append(segs, segment{to: len(r.Text), mcid: content(leaf, true), hasActual: true})
			s.hyWord = hyphenated{seg: &segs[len(segs)-1], block: block, prefix: r.Text[tail : len(r.Text)-1]}
			hy = &s.hyWord
		}
		if len(segs) > 0 {
			s.segments = s.segments[len(segs):]
			pt.runs[it.run] = int32(-2 - len(pt.pieces))
			pt.pieces = append(pt.pieces, segs)
		}
	}
	return hy
}

// pageLinks notes which of page i's links are written as annotations (pt.annots), and makes
// their annotations. The pages' lists are cut from one slice for the book, as the MCIDs'.
func (s *structure) pageLinks(i int, p *layout.Page, pt *pageTags, known anchorNames) {
	s.linkAnnots = roomFor(s.linkAnnots, len(p.Links), 1<<14)
	start := len(s.linkAnnots)
	for k, l := range p.Links {
		a := -1
		if s.written(l.Target, known) {
			a = s.annots.add(annotation{page: i, link: k})
		}
		s.linkAnnots = append(s.linkAnnots, a)
	}
	pt.annots = s.linkAnnots[start:len(s.linkAnnots):len(s.linkAnnots)]
}

// segmentRoom is room for a run's pieces (at most three: the end of a word hyphenated on
// the line before, its own text, the start of a word it hyphenates), cut from a chunk: the
// room is taken (s.segments moved past it) only by a run painted in pieces, a few a page.
func (s *structure) segmentRoom() []segment {
	if len(s.segments) < 3 {
		s.segments = make([]segment, 3*256)
	}
	return s.segments[:0:3]
}

// passage is the element run r sets text in, inside leaf, its block's: leaf itself, with
// /Lang, when the whole block is in another language; else, for a passage marked in another
// language, a Span with /Lang, one for the runs of the passage that follow one another
// (lines, pages).
func (s *structure) passage(leaf *elem, block doc.Block, r *layout.Run) *elem {
	lang := r.Language()
	if lang == "" {
		s.span = nil
		return leaf
	}
	if blockLang(block) == lang {
		if !strings.Contains(leaf.attrs, " /Lang ") {
			leaf.attrs += " /Lang " + pdfText(lang)
		}
		return leaf
	}
	if s.span != nil && s.span.parent == leaf && s.spanLang == lang {
		return s.span
	}
	e := s.newElem("Span", leaf)
	e.attrs = " /Lang " + pdfText(lang)
	s.addKid(leaf, elemKid(e))
	s.span, s.spanLang = e, lang
	return e
}

// blockLang is the language of a paragraph or heading wholly in another language than the
// book's ({lang=es} on it, or its only text a passage), else "".
func blockLang(b doc.Block) string {
	var ins []doc.Inline
	switch b := b.(type) {
	case *doc.Paragraph:
		ins = b.Inlines
	case *doc.Heading:
		ins = b.Inlines
	}
	if len(ins) == 1 {
		if sp, ok := ins[0].(*doc.Span); ok {
			return sp.Lang
		}
	}
	return ""
}

// leaf is the element a run of block sets text in.
func (s *structure) leaf(b doc.Block, kind layout.PageKind) *elem {
	// A block's runs follow one another: the last answer, without the model's maps.
	if s.lastLeaf != nil && b == s.lastBlock && kind == s.lastKind {
		return s.lastLeaf
	}
	e := s.findLeaf(b, kind)
	s.lastBlock, s.lastKind, s.lastLeaf = b, kind, e
	return e
}

func (s *structure) findLeaf(b doc.Block, kind layout.PageKind) *elem {
	k, known := s.index[b]
	known = known && s.slots[k].placed
	switch b := b.(type) {
	case *doc.Heading:
		if kind == layout.ContentsPage && known {
			s.place(tociKey{b}, tocKey{})
			return s.node(tociKey{b})
		}
	case *doc.ListItem, *doc.DefinitionItem:
		return s.node(lblKey{b})
	case *doc.Figure:
		return s.node(captionKey{b})
	}
	return s.node(b)
}

// pictureElem is the element of a picture: its figure's, or a figure of its own in the
// text that holds it.
func (s *structure) pictureElem(page, i int, pic layout.Picture, kind layout.PageKind) *elem {
	if f, ok := pic.Block.(*doc.Figure); ok {
		return s.node(f)
	}
	k := picKey{page, i}
	s.lastLeaf = nil // the block may be known to the model's maps from here on
	if _, ok := s.index[pic.Block]; !ok {
		s.place(pic.Block, nil)
	}
	s.place(k, pic.Block)
	e := s.node(k)
	alt := strings.TrimSpace(pic.Alt)
	if alt == "" {
		alt = "Picture: " + path.Base(pic.Src)
	}
	e.typ, e.attrs = "Figure", " /Alt "+pdfText(alt)
	return e
}

// linkElem is the Link element of annotation a, inside leaf (a Reference in it for a note).
func (s *structure) linkElem(a int, leaf *elem, target string) *elem {
	if e := s.annots.at(a).elem; e != nil {
		return e
	}
	// Made here rather than through the model's maps (node): a long book has hundreds of
	// thousands of links, each its own element.
	parent := leaf
	if id, ok := strings.CutPrefix(target, "#"); ok && s.notes[id] {
		parent = s.newElem("Reference", leaf)
		s.addKid(leaf, elemKid(parent))
	}
	e := s.newElem("Link", parent)
	s.addKid(e, annotKid(a))
	s.addKid(parent, elemKid(e))
	s.annots.at(a).elem = e
	return e
}

// written reports whether a link to target is written as an annotation.
func written(target string, known anchorNames) bool {
	id, isDest := strings.CutPrefix(target, "#")
	return target != "" && (!isDest || known.has(id))
}

// written is written(target, known) asked of the answers kept by a Paintings, while the
// anchors are the last Write's (the same names in the same order): a book's links are asked
// for on every page, tens of thousands of searches among the anchors' names a rebuild.
func (s *structure) written(target string, known anchorNames) bool {
	if s.kept == nil || !strings.HasPrefix(target, "#") {
		return written(target, known)
	}
	w, ok := s.kept.written[target]
	if !ok {
		w = written(target, known)
		s.kept.written[target] = w
	}
	return w
}

// drawn reports whether the painter draws anything for run r.
func drawn(r *layout.Run) bool {
	return r.Text != "" && int(r.Style) < numFaces && r.Size > 0
}

// annotText is what annotation a says, for its /Contents: its text, else its target.
func (s *structure) annotText(a int, target string) string {
	if t := strings.TrimSpace(s.annots.at(a).contents); t != "" {
		return t
	}
	if id, ok := strings.CutPrefix(target, "#"); ok {
		return "Go to " + id
	}
	return target
}
