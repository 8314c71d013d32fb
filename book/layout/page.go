package layout

import (
	"hash/maphash"
	"math"
	"strings"
	"sync"

	"bindery/book/diag"

	"bindery/book/doc"
)

// Run is text set in one style, placed on a page. X and Y are from the page's top-left
// corner; Y is the baseline.
//
// A long book holds a run per word (justified spaces part them), millions at 100×, so a
// run is kept small: its lengths in 32-bit scaled points (Length's unit: up to 32,767 pt,
// twice the largest page config.ParseTrim allows), its link and block as numbers: 56 bytes,
// not 104.
type Run struct {
	Text string
	// X, Y (the baseline), Size, Raise (a superscript's shift above the baseline), Width
	// and Tracking (extra space after each character, PDF's Tc: a justified line's letter
	// spacing, tracking.go, negative where its letters are drawn together), in scaled points.
	X, Y, Size, Raise, Width, Tracking int32
	// Link is the URL or "#id" the run is (part of) a link to, as a number (LinkID.Target).
	Link LinkID
	// Block is the block of the document whose text the run sets, for the tagged PDF's
	// structure, as a number in its page's table (Page.Block): a paragraph, a heading, a
	// table cell; a list or definition item for its label or term; a figure for its
	// caption; a chapter heading on a contents page for its entry. 0 for what is no text of
	// the book: running heads, folios, leaders.
	Block BlockRef
	// Colour is the text's colour, 0xRRGGBB (0, the default, is black): highlighted code.
	Colour uint32
	Style  Style
	// Hyphen is set when the run ends with a hyphen the line break added, not the author.
	Hyphen bool
	// Lang is the language of a passage marked as another than the book's, for the tagged
	// PDF's /Lang, as a number (Language gives the tag; 0 for the book's): a string would
	// add 16 bytes to every run for the few in another language.
	Lang LangID
}

// BlockRef is a run's block: 0 for none, else the block's place in its page's (or, while
// a line is set, its line's) table, plus one.
type BlockRef uint32

// Block is the block run r sets (Run.Block), nil for none.
func (p *Page) Block(r Run) doc.Block {
	if r.Block == 0 {
		return nil
	}
	return p.Blocks[r.Block-1]
}

// blockRef is b's number in blocks, added if new: a page or a line has a few blocks, the
// last the likeliest.
func blockRef(blocks *[]doc.Block, b doc.Block) BlockRef {
	if b == nil {
		return 0
	}
	for i := len(*blocks) - 1; i >= 0; i-- {
		if (*blocks)[i] == b {
			return BlockRef(i + 1)
		}
	}
	*blocks = append(*blocks, b)
	return BlockRef(len(*blocks))
}

// LinkID stands for a link's target in a Run (see Run.Link); 0 for none.
type LinkID uint32

// names numbers strings for the whole process: a run holds a small number where it would
// hold a 16-byte string (Run.Link, Run.Lang). The numbers never reach an output, the strings
// do; a watch or serve session keeps each string it has seen once, not each run's. Past
// limit distinct strings, the number is 0 (none).
type names[ID ~uint16 | ~uint32] struct {
	sync.RWMutex
	strings []string
	ids     map[string]ID
	limit   uint64
}

func newNames[ID ~uint16 | ~uint32](limit uint64) *names[ID] {
	return &names[ID]{strings: []string{""}, ids: map[string]ID{"": 0}, limit: limit}
}

// id is s's number, added on first use.
func (n *names[ID]) id(s string) ID {
	if s == "" {
		return 0
	}
	n.RLock()
	id, ok := n.ids[s]
	n.RUnlock()
	if ok {
		return id
	}
	n.Lock()
	defer n.Unlock()
	if id, ok := n.ids[s]; ok {
		return id
	}
	if uint64(len(n.strings)) > n.limit {
		return 0
	}
	id = ID(len(n.strings))
	n.strings = append(n.strings, s)
	n.ids[s] = id
	return id
}

// string is the string numbered id, "" for 0.
func (n *names[ID]) string(id ID) string {
	if id == 0 {
		return ""
	}
	n.RLock()
	defer n.RUnlock()
	return n.strings[id]
}

// linkTargets numbers the targets runs link to.
var linkTargets = newShardedNames()

// linkID is target's number in linkTargets, added on first use. Most text links nowhere:
// that is 0 without a call.
func linkID(target string) LinkID {
	if target == "" {
		return 0
	}
	return linkTargets.id(target)
}

// Target is the URL or "#id" a run links to, "" for none.
func (id LinkID) Target() string { return linkTargets.string(id) }

// shardedNames numbers link targets in shards by the target's hash, each with its lock: a
// back matter's chapters add thousands at once (an index links each locator to its anchor),
// and with one lock the chapters' setters waited on one another. A number is its number in
// its shard, times linkShards, plus the shard.
type shardedNames struct {
	seed   maphash.Seed
	shards [linkShards]*names[LinkID]
}

// linkShards is how many shards link targets are numbered in, a power of two.
const linkShards = 16

func newShardedNames() *shardedNames {
	s := &shardedNames{seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i] = newNames[LinkID](math.MaxUint32 / linkShards)
	}
	return s
}

func (s *shardedNames) id(target string) LinkID {
	if target == "" {
		return 0
	}
	k := maphash.String(s.seed, target) & (linkShards - 1)
	if n := s.shards[k].id(target); n != 0 {
		return n*linkShards + LinkID(k)
	}
	return 0
}

func (s *shardedNames) string(id LinkID) string {
	return s.shards[id%linkShards].string(id / linkShards)
}

// LangID stands for a BCP 47 tag in a Run (see Run.Lang).
type LangID uint16

// langTags numbers the tags runs carry. Past 65,535 distinct tags, a passage reads as the
// book's language.
var langTags = newNames[LangID](math.MaxUint16)

// langID is tag's number in langTags, added on first use; the book's language, "", is 0
// without a call.
func langID(tag string) LangID {
	if tag == "" {
		return 0
	}
	return langTags.id(tag)
}

// Language is the BCP 47 tag of the passage the run sets, "" for the book's language.
func (r *Run) Language() string { return langTags.string(r.Lang) }

// Picture is an image placed on a page; X, Y is its top-left corner.
type Picture struct {
	Src        string
	X, Y, W, H Length
	// Block is the figure or paragraph the picture stands in, for the tagged PDF; Alt is its
	// description (the image's own, for a picture in a line).
	Block doc.Block
	Alt   string
}

// Rule is a filled rectangle (a rule line); Y is its top.
type Rule struct {
	X, Y, W, H Length
	// Tint, when not 0, makes the rule a background of that colour (0xRRGGBB), painted under
	// the text: the light ground of a code block.
	Tint uint32
}

// Link is a clickable area; Y is its top. Target is a URL or "#id".
type Link struct {
	X, Y, W, H Length
	Target     string
}

// Mark is a named destination: where an anchor ended up.
type Mark struct {
	ID   string
	X, Y Length
}

// LineMetrics describe a set line, so that tests can check the typesetting without a PDF.
type LineMetrics struct {
	Kind LineKind
	// NoteBlock is, on a line of a footnote (Kind "footnote"), the kind of block it sets in
	// the note: "paragraph", "list", "code", …
	NoteBlock  LineKind
	Y          Length // baseline
	X          Length // left edge of the line's measure
	Width      Length // the measure
	Natural    Length // natural width of the content
	Right      Length // where the content ends, from X
	Ratio      float64
	Badness    int
	Tracking   Length // letter spacing of the line (tracking.go)
	Hyphenated bool
	Overfull   Length
	Justified  bool // a justified line that is not a paragraph's last
	Last       bool // the last line of its paragraph
	First      bool // the first line of its paragraph
	// Spaces are the set widths of the line's inter-word spaces; NaturalSpace their natural width.
	Spaces       []Length
	NaturalSpace Length
	Text         string
	// Repeated marks a line set again: a table's header on a page the table continues onto.
	Repeated bool
	// Underfull marks a justified line looser than the tolerance (TeX's "Underfull \hbox"):
	// its spaces are as wide as the tolerance allows and its letters spaced out further.
	Underfull bool
}

// lineMetrics is what the layout itself reads of a line's LineMetrics, kept for every line
// of the book until drawn; the rest, for the tests and the golden (Settings.Metrics), is in
// more, nil without. 72 bytes a line instead of 176.
type lineMetrics struct {
	Right, Overfull                               Length
	Badness                                       int
	kind, noteBlock                               kindCode
	Hyphenated, Last, First, Underfull, Justified bool
	more                                          *LineMetrics
}

// Kind is what the line sets.
func (c lineMetrics) Kind() LineKind { return kindOf(c.kind) }

// kindCode is a LineKind as its place in lineKinds: a byte on each line of a long book where
// the string took 16 (and NoteBlock 16 more).
type kindCode uint8

// lineKinds are the line kinds by code; a kind not among them gets a code after them
// (otherKinds, under kindsMu).
var (
	lineKinds = [...]LineKind{"", LineParagraph, LineHeading, LineChapterTitle, LinePartTitle, LineQuote,
		LineList, LineTable, LineCode, LineMath, LineFootnote, LineFigure, LineCaption, LineTerm,
		LineDefinition, LineIndex, LineContinued, LineContents, LineContentsPart}
	otherKinds []LineKind
	kindsMu    sync.Mutex
)

// codeOf is k's code.
func codeOf(k LineKind) kindCode {
	for i, x := range lineKinds {
		if x == k {
			return kindCode(i)
		}
	}
	kindsMu.Lock()
	defer kindsMu.Unlock()
	i := 0
	for i < len(otherKinds) && otherKinds[i] != k {
		i++
	}
	if len(lineKinds)+i > 255 {
		return 0 // never: the kinds are this package's constants
	}
	if i == len(otherKinds) {
		otherKinds = append(otherKinds, k)
	}
	return kindCode(len(lineKinds) + i)
}

// kindOf is the kind of code c.
func kindOf(c kindCode) LineKind {
	if int(c) < len(lineKinds) {
		return lineKinds[c]
	}
	kindsMu.Lock()
	defer kindsMu.Unlock()
	return otherKinds[int(c)-len(lineKinds)]
}

// compact keeps of m what the layout reads, and m whole if all.
func compact(m LineMetrics, all bool) lineMetrics {
	c := lineMetrics{kind: codeOf(m.Kind), noteBlock: codeOf(m.NoteBlock), Right: m.Right, Overfull: m.Overfull, Badness: m.Badness,
		Hyphenated: m.Hyphenated, Last: m.Last, First: m.First, Underfull: m.Underfull, Justified: m.Justified}
	if all {
		// A copy made here, not m: a parameter whose address is taken is moved to the
		// heap at every call, and every line of a build (all false) paid for it.
		kept := m
		c.more = &kept
	}
	return c
}

// full is the line's LineMetrics, with what the layout changed since it was set (a note's
// kind, a heading's first line); only with Settings.Metrics.
func (c lineMetrics) full() LineMetrics {
	var m LineMetrics
	if c.more != nil {
		m = *c.more
	}
	m.Kind, m.NoteBlock, m.Right, m.Overfull, m.Badness = kindOf(c.kind), kindOf(c.noteBlock), c.Right, c.Overfull, c.Badness
	m.Hyphenated, m.Last, m.First, m.Underfull, m.Justified = c.Hyphenated, c.Last, c.First, c.Underfull, c.Justified
	return m
}

// LineKind says what a line sets: running text, a heading, a note… (for tests, the page
// builder and the EPUB's page map).
type LineKind string

const (
	LineParagraph    LineKind = "paragraph"
	LineHeading      LineKind = "heading"
	LineChapterTitle LineKind = "chapter-title"
	LinePartTitle    LineKind = "part-title"
	LineQuote        LineKind = "quote"
	LineList         LineKind = "list"
	LineTable        LineKind = "table"
	LineCode         LineKind = "code"
	LineMath         LineKind = "math"
	LineFootnote     LineKind = "footnote"
	LineFigure       LineKind = "figure"
	LineCaption      LineKind = "caption"
	LineTerm         LineKind = "term"
	LineDefinition   LineKind = "definition"
	LineIndex        LineKind = "index"
	LineContinued    LineKind = "index-continued" // an index entry's term again, "(continued)"
	LineContents     LineKind = "contents"
	LineContentsPart LineKind = "contents-part"
)

// PageKind says what a page is for.
type PageKind int

const (
	BodyPage PageKind = iota
	OpeningPage
	BlankPage
	HalfTitlePage
	TitlePage
	ImprintPage
	ContentsPage
	PartPage // a part's title, alone on its page
)

// Page is one laid-out page.
type Page struct {
	Index    int    // 0-based position in the document
	Label    string // the folio as printed and as the PDF page label: "v", "12"; set on every page
	Number   int    // the folio number (roman or arabic)
	Roman    bool
	Recto    bool
	Kind     PageKind
	Chapter  *doc.Chapter // whose text the page holds (for running heads), nil in front matter
	Runs     []Run
	Blocks   []doc.Block // the blocks the runs set (Run.Block, Page.Block)
	Rules    []Rule
	Pictures []Picture
	Links    []Link
	Marks    []Mark
	Lines    []LineMetrics // body and note lines, top to bottom; only with Settings.Metrics
	// Start is where the page's text begins in the document; nil on pages without text.
	Start *PageStart

	pending *pagePlan // content waiting to be placed once the page's side is known
	drawn   bool      // placed and furnished by a streamed pass (typeset.go)
	// keptIn is the kept chapter whose keptAt-th page this is, in a rebuild (keptpages.go);
	// keepRuns says its drawing is kept for the next build, its runs not to be given back.
	keptIn   *keptChapter
	keptAt   int
	keepRuns bool
}

// Location is where an anchor is in print.
type Location struct {
	Page  int    // page index
	Label string // printed page label
	X, Y  Length
}

// OutlineEntry is a bookmark of the PDF outline.
type OutlineEntry struct {
	Title string
	Level int // 1 for parts and for chapters outside parts, 2 for chapters in a part, …
	ID    string
}

// Document is the laid-out book.
type Document struct {
	Settings Settings
	Pages    []*Page
	// Map gives every anchor's location: headings, footnotes and their references.
	Map Anchors
	// Outline lists the headings in order, for bookmarks.
	Outline []OutlineEntry
	// BodyStart is the index of the first page numbered in arabic.
	BodyStart int
	// Warnings found while setting the text (overfull lines, unbreakable blocks).
	Warnings diag.List
	// Generated are the chapters made from the apparatus (chronology, glossary, index), as
	// set: the EPUB renders these same chapters so that both editions agree.
	Generated []*doc.Chapter
	// Passes is how many layout passes the page numbers took to settle.
	Passes int

	references bool
	used       usedLabels     // anchors whose page numbers the pass printed
	spare      *spareRuns     // where ReleaseRuns gives a page's runs, without a Reuse
	chapters   []*doc.Chapter // the chapters set, generated ones included
}

// Chapters are the chapters set, the generated ones included, in order: the document model
// the pages' runs point into (Run.Block).
func (d *Document) Chapters() []*doc.Chapter { return d.chapters }

// PageStart locates the first word of a page in the document: the block it is in and the
// word's index there (words counted at spaces, as doc.Words counts them).
type PageStart struct {
	Chapter *doc.Chapter
	Block   doc.Block
	Word    int
	// InWord is set when the page begins inside that word, hyphenated (or broken after a
	// dash) at the foot of the page before: marks at the word's start are on that page.
	InWord bool
}

// TextOf returns the text of a page's runs in reading order, words separated by spaces.
func (p *Page) TextOf() string {
	var b strings.Builder
	for i, r := range p.Runs {
		if i > 0 {
			prev := p.Runs[i-1]
			if r.Y != prev.Y {
				b.WriteByte('\n')
			} else if Length(r.X) > Length(prev.X+prev.Width)+Pt/2 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(r.Text)
	}
	return b.String()
}
