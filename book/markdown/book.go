package markdown

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/mdbook"
	"bindery/book/parallel"

	"github.com/yuin/goldmark/parser"
)

// LoadBook reads every file the configuration names, makes chapters of them, and registers
// every anchor, reporting all problems found (not just the first).
func LoadBook(cfg *config.Book) (*doc.Book, diag.List) { return loadBook(cfg, nil) }

// loadBook is LoadBook, through the parsed files kept in p if it is not nil.
func loadBook(cfg *config.Book, p *Parsed) (*doc.Book, diag.List) {
	b := &doc.Book{Meta: &cfg.Metadata, Anchors: doc.NewAnchors(), Sources: map[string]*doc.Source{}}
	var list diag.List
	// Files are read, then parsed on every core; chapters and messages keep the book's order.
	all := append(append([]config.File(nil), cfg.Chapters...), cfg.Backmatter...)
	sources := make([]source, len(all))
	failed := make([]*parsedFile, len(all))
	parallel.For(len(all), func(_, i int) { sources[i], failed[i] = readFile(cfg, all[i]) })
	// A link reference defined in one file serves them all, as when pandoc is given the
	// book's files together; a file's own definitions come first.
	var shared []parser.Reference
	for _, s := range sources {
		shared = append(shared, s.refs...)
	}
	parsed := make([]*parsedFile, len(all))
	parallel.For(len(all), func(_, i int) {
		if failed[i] != nil {
			parsed[i] = failed[i]
			return
		}
		sources[i].refs = append(sources[i].refs, shared...)
		parsed[i] = p.parse(sources[i])
	})
	split := func(files []*parsedFile) []*parsedFile {
		var ok []*parsedFile
		for _, f := range files {
			list = append(list, f.list...)
			if f.blocks != nil || f.part {
				ok = append(ok, f)
			}
		}
		return ok
	}
	body, back := split(parsed[:len(cfg.Chapters)]), split(parsed[len(cfg.Chapters):])
	var more diag.List
	b.Chapters, more = assemble(body, doc.BodyMatter, b.Sources)
	list = append(list, more...)
	b.Back, more = assemble(back, doc.BackMatter, b.Sources)
	list = append(list, more...)
	if cfg.NumberFigures {
		numberFigures(b)
	}
	list = append(list, RegisterAnchors(b, reservedIDs(cfg)...)...)
	return b, list
}

// readFile reads one file of the book (or takes its text as given), and the link reference
// definitions in it. A file that cannot be read, or a part's title, is returned as parsed.
func readFile(cfg *config.Book, f config.File) (source, *parsedFile) {
	s := source{display: displayPath(f.Path), path: bookRelative(cfg.Dir, f), depth: f.Depth, title: f.Title, bookDir: cfg.Dir, lang: cfg.Language}
	if f.Part {
		return s, &parsedFile{source: s, part: true}
	}
	data := f.Content
	if data == nil {
		var err error
		if data, err = os.ReadFile(f.Path); err != nil {
			p := &parsedFile{source: s}
			p.list.Errorf(diag.Pos{File: s.display}, "cannot read: %v", err)
			return s, p
		}
	}
	if f.Content == nil {
		// Text the outline hands over (an mdBook renderer's) has been expanded already.
		data = normalise(data)
		var list diag.List
		root := cfg.Dir
		if cfg.IncludeRoot != "" {
			root = cfg.IncludeRoot // widened by the author
		}
		data, s.origins, list = mdbook.Expand(root, f.Path, s.display, data)
		if list.HasErrors() {
			p := &parsedFile{source: s, list: list}
			return s, p
		}
		s.warnings = list
	}
	s.src = data
	s.refs = referenceDefinitions(data)
	return s, nil
}

// referenceRE finds link reference definitions on one line: [label]: destination "title".
var referenceRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|\(([^)\n]*)\)))?[ \t]*$`)
})

// referenceDefinitions finds a file's link reference definitions, for the other files. The
// pattern is matched on one line at a time, and only on the lines that can hold a
// definition (up to three spaces, then "[", with "]:" after): it cannot span lines, and
// matched over the whole text it was a fiftieth of a rebuild.
func referenceDefinitions(src []byte) []parser.Reference {
	if !bytes.Contains(src, []byte("]:")) {
		return nil
	}
	var refs []parser.Reference
	for rest := src; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if !mayDefine(line) {
			continue
		}
		m := referenceRE().FindSubmatch(line)
		if m == nil || bytes.HasPrefix(m[1], []byte("^")) {
			continue // a footnote
		}
		refs = append(refs, referenceOf(m))
	}
	return refs
}

// referenceOf is the reference a match of referenceRE defines; its title is in whichever of
// the three quoting groups matched.
func referenceOf(m [][]byte) parser.Reference {
	title := m[3]
	if title == nil {
		title = m[4]
	}
	if title == nil {
		title = m[5]
	}
	return parser.NewReference(m[1], m[2], title)
}

// mayDefine reports whether a line can be a link reference definition, but for a
// footnote's ("[^").
func mayDefine(line []byte) bool {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	rest := line[i:]
	return len(rest) > 3 && rest[0] == '[' && rest[1] != '^' && bytes.Contains(rest, []byte("]:"))
}

// bookRelative is a file's path in the book's folder, with slashes.
func bookRelative(dir string, f config.File) string {
	if rel, err := filepath.Rel(dir, f.Path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path.Clean(filepath.ToSlash(f.Name))
}

// displayPath names a file as the author knows it: relative to the working directory when
// that is short, else as given.
func displayPath(p string) string {
	if rel, err := filepath.Rel(".", p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// assemble makes chapters of files. A level-1 heading opens a chapter (a file may hold
// several); a file whose first heading is deeper, or that has none, continues the chapter
// before it as a section, as mdBook writes a section to a file. A file the outline titles
// but that does not begin with that title gets it as a heading. What stands before a file's
// title (a banner, an anchor) goes with that title.
func assemble(files []*parsedFile, matter doc.Matter, sources map[string]*doc.Source) ([]*doc.Chapter, diag.List) {
	var list diag.List
	var chapters []*doc.Chapter
	var cur *doc.Chapter
	open := func(h *doc.Heading) *doc.Chapter {
		ch := &doc.Chapter{Matter: matter, Pos: h.Pos, Blocks: []doc.Block{h}, Title: h.Inlines}
		ch.Source = h.Pos.File
		chapters = append(chapters, ch)
		return ch
	}
	for _, f := range files {
		start := diag.Pos{File: f.display, Line: 1, Col: 1}
		if f.part {
			h := titleHeading(f.title, 1, start)
			if f.title == "" {
				h = titleHeading(path.Base(f.path), 1, start)
			}
			cur = open(h)
			cur.Part = true
			cur = nil // the part's page holds its title alone
			continue
		}
		blocks := f.blocks
		if len(blocks) == 0 {
			if f.title == "" {
				list.Warnf(start, "the file is empty: it adds nothing to the book")
				continue
			}
			list.Warnf(start, "the file is empty: the book has its title %q alone", f.title)
		}
		first := firstHeading(blocks)
		if f.depth > 0 {
			// A file nested in the outline is a section of its chapter: its first heading
			// goes to that depth (a "#" becomes "##"), and the others with it. A file that
			// begins deeper already (the Rust Book's "##") stays as it is.
			shift := f.depth
			if first >= 0 {
				shift = max(0, f.depth+1-blocks[first].(*doc.Heading).Level)
			}
			shiftHeadings(blocks, shift)
		}
		switch {
		case f.title != "" && (first < 0 || blocks[first].(*doc.Heading).Level > f.depth+1):
			// The outline's title is the file's heading when the file does not begin with one.
			blocks = append([]doc.Block{titleHeading(f.title, f.depth+1, start)}, blocks...)
		case cur == nil && (first < 0 || blocks[first].(*doc.Heading).Level > 1):
			name := titleFromFileName(f.path)
			list.Warnf(start, "the file does not begin with its title (a # heading): it is titled %q after its name", name)
			blocks = append([]doc.Block{titleHeading(name, 1, start)}, blocks...)
		}
		if first = firstHeading(blocks); first > 0 && blocks[first].(*doc.Heading).Level == 1 {
			blocks = withTitleFirst(blocks, first)
		}
		src := &doc.Source{Path: f.path}
		for i, b := range blocks {
			if h, ok := b.(*doc.Heading); ok && h.Level == 1 {
				cur = open(h)
				if i == 0 {
					src.Chapter = cur
				}
				continue
			}
			if i == 0 {
				src.Chapter = cur
			}
			cur.Blocks = append(cur.Blocks, b)
		}
		doc.Walk(blocks, func(b doc.Block) bool {
			if h, ok := b.(*doc.Heading); ok {
				src.Headings = append(src.Headings, h)
			}
			return true
		})
		src.IDs = fileIDs(blocks, f.notes)
		src.StartID = startID(blocks, f.path)
		if sources != nil {
			if _, dup := sources[f.path]; !dup {
				sources[f.path] = src
			}
		}
	}
	for _, ch := range chapters {
		collectNotes(ch)
		if strings.TrimSpace(doc.PlainText(ch.Title)) == "" {
			list.Errorf(ch.Pos, "the chapter's title (its level-1 heading) is empty")
		}
	}
	return chapters, list
}

// reservedIDs are the IDs of the generated chapters the book's apparatus files call for.
func reservedIDs(cfg *config.Book) []string {
	var ids []string
	for _, g := range []struct {
		f    config.File
		role doc.ChapterRole
	}{{cfg.Chronology, doc.ChronologyChapter}, {cfg.Glossary, doc.GlossaryChapter}, {cfg.Index, doc.IndexChapter}} {
		if g.f.Name != "" {
			ids = append(ids, g.role.ID())
		}
	}
	return ids
}

// shiftHeadings moves every heading of blocks down by n levels (at most to level 6).
func shiftHeadings(blocks []doc.Block, n int) {
	if n == 0 {
		return
	}
	doc.Walk(blocks, func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok {
			h.Level = min(h.Level+n, 6)
		}
		return true
	})
}

// collectNotes gives a chapter the notes its text refers to, numbered in order of first
// reference (a note's own references to other notes come after it).
func collectNotes(ch *doc.Chapter) {
	ch.Footnotes = nil
	seen := map[*doc.Footnote]bool{}
	var walk func(blocks []doc.Block)
	visit := func(in doc.Inline) {
		if r, ok := in.(*doc.FootnoteRef); ok && !seen[r.Note] && r.Note.Blocks != nil {
			seen[r.Note] = true
			ch.Footnotes = append(ch.Footnotes, r.Note)
		}
	}
	walk = func(blocks []doc.Block) {
		doc.WalkInlines(&doc.Chapter{Blocks: blocks}, visit)
	}
	walk(ch.Blocks)
	for i := 0; i < len(ch.Footnotes); i++ {
		walk(ch.Footnotes[i].Blocks)
	}
	for i, n := range ch.Footnotes {
		n.Number = i + 1
	}
}

// firstHeading is the index of the first heading among blocks, or -1.
func firstHeading(blocks []doc.Block) int {
	for i, b := range blocks {
		if _, ok := b.(*doc.Heading); ok {
			return i
		}
	}
	return -1
}

// withTitleFirst puts a file's title before what stands above it: anchors go into the
// title, other blocks follow it.
func withTitleFirst(blocks []doc.Block, title int) []doc.Block {
	h := blocks[title].(*doc.Heading)
	lead := blocks[:title]
	out := []doc.Block{h}
	if onlyAnchors(lead) {
		var anchors []doc.Inline
		for _, b := range lead {
			anchors = append(anchors, b.(*doc.Paragraph).Inlines...)
		}
		h.Inlines = append(anchors, h.Inlines...)
	} else {
		out = append(out, lead...)
	}
	return append(out, blocks[title+1:]...)
}

// onlyAnchors reports whether blocks are paragraphs holding nothing but anchors.
func onlyAnchors(blocks []doc.Block) bool {
	for _, b := range blocks {
		p, ok := b.(*doc.Paragraph)
		if !ok {
			return false
		}
		for _, in := range p.Inlines {
			switch in := in.(type) {
			case *doc.TextAnchor:
			case *doc.Text:
				if strings.TrimSpace(in.Text) != "" {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// titleHeading makes a heading of a title given outside the text.
func titleHeading(title string, level int, pos diag.Pos) *doc.Heading {
	at := doc.At{Pos: pos}
	base := doc.Slug(title)
	return &doc.Heading{At: at, Level: min(level, 6), ID: base, Base: base, Inlines: []doc.Inline{&doc.Text{At: at, Text: title}}}
}

// titleFromFileName makes a title of a file's name: "02-getting_started.md" → "Getting started".
func titleFromFileName(p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	// A file's name may hold anything but a slash: keep what a title can show.
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, name)
	name = strings.TrimLeftFunc(name, func(r rune) bool { return unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' || r == ' ' })
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
	if name == "" {
		return path.Base(p)
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// fileIDs lists the explicit IDs a file defines besides its headings: anchors and figures.
func fileIDs(blocks []doc.Block, notes []*doc.Footnote) []string {
	var ids []string
	ch := &doc.Chapter{Blocks: blocks, Footnotes: notes}
	doc.WalkInlines(ch, func(in doc.Inline) {
		if a, ok := in.(*doc.TextAnchor); ok {
			ids = append(ids, a.ID)
		}
	})
	return ids
}

// startID is where a link to the file goes: its first block's heading or anchor. A file that
// begins with neither gets an anchor there.
func startID(blocks []doc.Block, p string) string {
	switch b := blocks[0].(type) {
	case *doc.Heading:
		return "" // its ID is known once IDs are numbered (RegisterAnchors)
	case *doc.Paragraph:
		if len(b.Inlines) > 0 {
			if a, ok := b.Inlines[0].(*doc.TextAnchor); ok {
				return a.ID
			}
		}
	}
	id := "file-" + strings.TrimPrefix(doc.Slug(strings.TrimSuffix(p, path.Ext(p))), "s-")
	a := &doc.TextAnchor{At: doc.At{Pos: blocks[0].Position()}, ID: id}
	if !prependInline(blocks[0], a) {
		return ""
	}
	return id
}

// numberFigures numbers the book's figures in reading order.
func numberFigures(b *doc.Book) {
	n := 0
	for _, ch := range b.AllChapters() {
		number := func(blocks []doc.Block) {
			doc.Walk(blocks, func(bl doc.Block) bool {
				if f, ok := bl.(*doc.Figure); ok && !f.Labelled {
					n++
					f.Number = n
				}
				return true
			})
		}
		number(ch.Blocks)
		for _, f := range ch.Footnotes {
			number(f.Blocks)
		}
	}
}

// RegisterAnchors gives every heading its ID and puts every heading, anchor, figure and
// footnote of the book in its anchor registry. IDs the author gave must be unique (a
// duplicate is an error naming both places); IDs made from headings' text that repeat are
// numbered in reading order ("summary", "summary-1"), as pandoc and mdBook do, and each
// heading is also known by the IDs other tools would give it, for links written for them.
// reserved are IDs no heading is given: those of the generated chapters the book will have.
func RegisterAnchors(b *doc.Book, reserved ...string) diag.List {
	r := &registrar{b: b, fileOf: map[*doc.Heading]string{}, byDisplay: map[string]string{}}
	for _, s := range b.Sources {
		for _, h := range s.Headings {
			r.fileOf[h] = s.Path
			r.byDisplay[h.Pos.File] = s.Path
		}
	}
	chapters := b.AllChapters()
	ids := newHeadingIDs(chapters, reserved)
	for _, ch := range chapters {
		r.headings(ch, ids)
	}
	for _, s := range b.Sources {
		if s.StartID == "" && len(s.Headings) > 0 && s.Chapter != nil {
			s.StartID = s.Headings[0].ID
		}
	}
	for _, ch := range chapters {
		r.anchorsAndNotes(ch)
	}
	return r.list
}

// registrar puts a book's anchors in its registry.
type registrar struct {
	b         *doc.Book
	list      diag.List
	fileOf    map[*doc.Heading]string // a heading's file in the book's folder
	byDisplay map[string]string       // a file's name in messages → its path in the book
}

func (r *registrar) add(a *doc.Anchor) {
	if old, ok := r.b.Anchors.Add(a); !ok {
		hint := ""
		if a.Kind != doc.FootnoteAnchor {
			hint = "; give one of them another ID"
		}
		r.list.Errorf(a.Pos, "duplicate ID %q: already used at %s%s", a.ID, old.Pos, hint)
	}
}

// headings gives a chapter's headings their IDs and registers them, each also by the names
// other tools give it.
func (r *registrar) headings(ch *doc.Chapter, ids *headingIDs) {
	for i, h := range ch.Sections() {
		if !h.Explicit {
			h.ID = ids.unique(h.Base)
		}
		kind := doc.SectionAnchor
		if i == 0 {
			kind = doc.ChapterAnchor
			ch.ID = h.ID
			ch.Title = h.Inlines
		}
		a := &doc.Anchor{ID: h.ID, Kind: kind, Title: doc.PlainText(h.Inlines), Chapter: ch, Pos: h.Pos, File: r.fileOf[h]}
		r.add(a)
		if !h.Explicit {
			r.b.Anchors.Name(h.Base, a)
		}
		for _, alt := range otherToolsIDs(doc.PlainText(h.Inlines)) {
			if alt != h.ID {
				r.b.Anchors.Name(alt, a)
			}
		}
	}
}

// anchorsAndNotes registers a chapter's figures, anchors and notes; a note's ID is its
// chapter's and its label's.
func (r *registrar) anchorsAndNotes(ch *doc.Chapter) {
	file := ""
	if secs := ch.Sections(); len(secs) > 0 {
		file = r.fileOf[secs[0]]
	}
	doc.Walk(ch.Blocks, func(bl doc.Block) bool {
		if f, ok := bl.(*doc.Figure); ok && f.ID != "" {
			r.add(&doc.Anchor{ID: f.ID, Kind: doc.InTextAnchor, Title: doc.PlainText(f.Caption), Chapter: ch, Pos: f.Pos, File: file})
		}
		return true
	})
	doc.WalkInlines(ch, func(in doc.Inline) {
		if a, ok := in.(*doc.TextAnchor); ok {
			r.add(&doc.Anchor{ID: a.ID, Kind: doc.InTextAnchor, Title: doc.PlainText(ch.Title), Chapter: ch, Pos: a.Pos, File: r.byDisplay[a.Pos.File]})
		}
	})
	labels := map[string]int{}
	for _, f := range ch.Footnotes {
		label := strings.TrimPrefix(doc.Slug(f.Label), "s-")
		labels[label]++
		if n := labels[label]; n > 1 {
			label += "-" + strconv.Itoa(n) // the same label in two files of one chapter
		}
		f.ID = ch.ID + "-fn-" + label
		r.add(&doc.Anchor{ID: f.ID, Kind: doc.FootnoteAnchor, Title: f.Label, Chapter: ch, Pos: f.Pos, File: r.byDisplay[f.Pos.File]})
	}
}

// headingIDs hands out the IDs of headings made from their text: an ID the author gave, or
// one the generated back matter needs, is never handed out, and a repeated one is numbered.
type headingIDs struct {
	taken    map[string]bool // given by the author, or reserved
	bases    map[string]bool // made from some heading's text
	assigned map[string]bool
}

func newHeadingIDs(chapters []*doc.Chapter, reserved []string) *headingIDs {
	ids := &headingIDs{taken: map[string]bool{}, bases: map[string]bool{}, assigned: map[string]bool{}}
	for _, id := range reserved {
		ids.taken[id] = true
	}
	for _, ch := range chapters {
		doc.Walk(ch.Blocks, func(bl doc.Block) bool {
			switch bl := bl.(type) {
			case *doc.Heading:
				if bl.Explicit {
					ids.taken[bl.ID] = true
				} else {
					ids.bases[bl.Base] = true
				}
			case *doc.Figure:
				if bl.ID != "" {
					ids.taken[bl.ID] = true
				}
			}
			return true
		})
		doc.WalkInlines(ch, func(in doc.Inline) {
			if a, ok := in.(*doc.TextAnchor); ok {
				ids.taken[a.ID] = true
			}
		})
	}
	return ids
}

// unique returns base, or base-1, base-2… when it is taken: never an ID the author gave nor
// one another heading's text makes.
func (ids *headingIDs) unique(base string) string {
	id := base
	for n := 1; ids.taken[id] || ids.assigned[id] || (id != base && ids.bases[id]); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	ids.assigned[id] = true
	return id
}
