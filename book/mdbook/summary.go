package mdbook

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"bindery/book/config"
	"bindery/book/diag"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Summary is a SUMMARY.md as mdBook reads it: a title (which mdBook ignores), prefix
// chapters, numbered chapters in parts, and suffix chapters.
type Summary struct {
	Title    string
	Prefix   []Item
	Numbered []Item
	Suffix   []Item
}

// ItemKind says what an Item of the summary is.
type ItemKind int

const (
	Link      ItemKind = iota // a chapter: [Name](Location), a draft if Location is empty
	Separator                 // ---
	PartTitle                 // # Name
)

// Item is an entry of SUMMARY.md.
type Item struct {
	Kind ItemKind
	// Name is a link's text or a part's title, as plain text.
	Name string
	// Location is the chapter's file relative to the source folder, as written (with "%20"
	// read as a space, as mdBook does); empty for a draft chapter.
	Location string
	// Number is a numbered chapter's section number (1, 2, 1 = "1.2.1."); nil for prefix and
	// suffix chapters.
	Number []int
	// Nested are the entries listed under a numbered chapter.
	Nested []Item
	Pos    diag.Pos
}

// ParseSummary reads SUMMARY.md the way mdBook's own parser does (its summary.rs: a CommonMark
// document read event by event; prefix chapters are links before the first list, numbered
// chapters are the items of lists, nested by their indentation, a level-1 heading before a
// list titles a part, and links after the lists are suffix chapters). Whatever else the file
// holds is ignored, as mdBook ignores it. The errors are mdBook's own, with their place.
func ParseSummary(file string, src []byte) (*Summary, diag.List) {
	var list diag.List
	if d, bad := diag.InvalidUTF8(file, src); bad {
		return nil, append(list, d)
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	p := &summaryParser{src: src, lines: diag.NewLineIndex(file, src)}
	p.events(doc)
	s, err := p.parse()
	if err != nil {
		list.Errorf(err.pos, "%s", err.msg)
		return nil, list
	}
	checkDuplicates(&list, s)
	return s, list
}

// parseError is the error that stops mdBook's parser.
type parseError struct {
	pos diag.Pos
	msg string
}

// evKind is the kind of a pulldown-cmark event, which mdBook's parser reads.
type evKind int

const (
	evStart evKind = iota
	evEnd
	evText
	evCode
	evSoftBreak
	evRule
	evHTML
)

// event is a pulldown-cmark event made from goldmark's tree: the start and end of a node,
// or a leaf.
type event struct {
	kind evKind
	node ast.Node // for starts and ends
	text string   // for text and code
	off  int      // where in the source, for messages
}

type summaryParser struct {
	src    []byte
	lines  *diag.LineIndex
	ev     []event
	i      int
	offset int // of the last event read
}

// events flattens the tree into the event stream pulldown-cmark would give: a tight list's
// items hold no paragraph, a code span is one event, an autolink is a link.
func (p *summaryParser) events(doc ast.Node) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		off := p.offsetOf(n)
		switch n := n.(type) {
		case *ast.Document, *ast.TextBlock:
			return ast.WalkContinue, nil
		case *ast.ThematicBreak:
			if entering {
				p.ev = append(p.ev, event{kind: evRule, off: off})
			}
			return ast.WalkContinue, nil
		case *ast.Text:
			if entering {
				t := n.Segment.Value(p.src)
				if !n.IsRaw() {
					t = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(t)))
				}
				p.ev = append(p.ev, event{kind: evText, text: string(t), off: off})
				if n.SoftLineBreak() {
					p.ev = append(p.ev, event{kind: evSoftBreak, off: off})
				}
			}
			return ast.WalkContinue, nil
		case *ast.String:
			if entering {
				p.ev = append(p.ev, event{kind: evText, text: string(n.Value), off: off})
			}
			return ast.WalkContinue, nil
		case *ast.CodeSpan:
			if !entering {
				return ast.WalkContinue, nil
			}
			var b strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					v := t.Segment.Value(p.src)
					if bytes.HasSuffix(v, []byte("\n")) {
						v = append(v[:len(v)-1:len(v)-1], ' ')
					}
					b.Write(v)
				}
			}
			p.ev = append(p.ev, event{kind: evCode, text: b.String(), off: off})
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if entering {
				p.ev = append(p.ev, event{kind: evHTML, off: off})
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if entering {
				p.ev = append(p.ev, event{kind: evStart, node: n, off: off},
					event{kind: evText, text: string(n.Label(p.src)), off: off},
					event{kind: evEnd, node: n, off: off})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			if entering {
				p.ev = append(p.ev, event{kind: evStart, node: n, off: off}, event{kind: evEnd, node: n, off: off})
			}
			return ast.WalkSkipChildren, nil
		}
		k := evEnd
		if entering {
			k = evStart
		}
		p.ev = append(p.ev, event{kind: k, node: n, off: off})
		return ast.WalkContinue, nil
	})
}

// offsetOf is where a node begins in the source, as nearly as goldmark says.
func (p *summaryParser) offsetOf(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return pos
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if c := n.FirstChild(); c != nil {
		return p.offsetOf(c)
	}
	return 0
}

func (p *summaryParser) next() (event, bool) {
	if p.i >= len(p.ev) {
		return event{}, false
	}
	e := p.ev[p.i]
	p.i++
	p.offset = e.off
	return e, true
}

func (p *summaryParser) back() { p.i-- }

func (p *summaryParser) errorf(format string, args ...any) *parseError {
	return &parseError{pos: p.lines.Pos(p.offset), msg: fmt.Sprintf(format, args...)}
}

func isStart(e event, kind ast.NodeKind) bool { return e.kind == evStart && e.node.Kind() == kind }

func isH1(e event) bool {
	h, ok := e.node.(*ast.Heading)
	return e.kind == evStart && ok && h.Level == 1
}

// collect reads the events up to the end of the node that start opened, and returns them.
func (p *summaryParser) collect(start event) []event {
	var out []event
	for {
		e, ok := p.next()
		if !ok || e.kind == evEnd && e.node == start.node {
			return out
		}
		out = append(out, e)
	}
}

// stringify is the plain text of events: text and code, a soft break as a space.
func stringify(events []event) string {
	var b strings.Builder
	for _, e := range events {
		switch e.kind {
		case evText, evCode:
			b.WriteString(e.text)
		case evSoftBreak:
			b.WriteByte(' ')
		}
	}
	return config.CleanText(b.String())
}

func (p *summaryParser) parse() (*Summary, *parseError) {
	s := &Summary{Title: p.parseTitle()}
	var err *parseError
	if s.Prefix, err = p.parseAffix(true); err != nil {
		return nil, err
	}
	if s.Numbered, err = p.parseParts(); err != nil {
		return nil, err
	}
	if s.Suffix, err = p.parseAffix(false); err != nil {
		return nil, err
	}
	return s, nil
}

// parseTitle reads the title line, "# Summary", skipping HTML (comments) before it.
func (p *summaryParser) parseTitle() string {
	for {
		e, ok := p.next()
		switch {
		case !ok:
			return ""
		case e.kind == evHTML || (e.kind == evStart || e.kind == evEnd) && e.node.Kind() == ast.KindHTMLBlock:
			continue
		case isH1(e):
			return stringify(p.collect(e))
		default:
			p.back()
			return ""
		}
	}
}

// parseAffix reads prefix chapters (up to the first list or part title) or suffix chapters
// (to the end): links and separators.
func (p *summaryParser) parseAffix(prefix bool) ([]Item, *parseError) {
	var items []Item
	for {
		e, ok := p.next()
		switch {
		case !ok:
			return items, nil
		case isStart(e, ast.KindList) || isH1(e):
			if prefix {
				p.back()
				return items, nil
			}
			what := "a list of numbered chapters"
			if isH1(e) {
				what = "a part title"
			}
			return nil, p.errorf("%s after the suffix chapters: numbered chapters and parts come before them (mdBook refuses this too)", what)
		case isStart(e, ast.KindLink) || isStart(e, ast.KindAutoLink):
			items = append(items, p.parseLink(e))
		case e.kind == evRule:
			items = append(items, Item{Kind: Separator, Pos: p.lines.Pos(e.off)})
		}
	}
}

// parseParts reads the numbered chapters: lists, each perhaps after a part's title.
func (p *summaryParser) parseParts() ([]Item, *parseError) {
	var parts []Item
	rootItems := 0 // numbers run on through every part
	for {
		e, ok := p.next()
		if !ok {
			return parts, nil
		}
		var title *Item
		switch {
		case isStart(e, ast.KindParagraph):
			p.back() // the suffix chapters
			return parts, nil
		case isH1(e):
			title = &Item{Kind: PartTitle, Pos: p.lines.Pos(e.off)}
			title.Name = stringify(p.collect(e))
		default:
			p.back()
		}
		items, err := p.parseNumbered(&rootItems)
		if err != nil {
			return nil, err
		}
		if title != nil {
			parts = append(parts, *title)
		}
		parts = append(parts, items...)
	}
}

// parseNumbered reads the lists of one part, up to the next part title or the suffix
// chapters.
func (p *summaryParser) parseNumbered(rootItems *int) ([]Item, *parseError) {
	var items []Item
	first := true // a paragraph just after a part title is skipped; later, it starts the suffix
	for {
		e, ok := p.next()
		if !ok {
			return items, nil
		}
		switch {
		case isStart(e, ast.KindParagraph):
			if !first {
				p.back()
				return items, nil
			}
		case isH1(e):
			p.back()
			return items, nil
		case isStart(e, ast.KindList):
			p.back()
			bunch, err := p.parseNestedNumbered(nil)
			if err != nil {
				return nil, err
			}
			renumber(bunch, *rootItems)
			*rootItems += len(bunch)
			items = append(items, bunch...)
		case e.kind == evStart:
			p.collect(e) // anything else is skipped whole
		case e.kind == evRule:
			items = append(items, Item{Kind: Separator, Pos: p.lines.Pos(e.off)})
		}
		first = false
	}
}

// renumber adds by to the first number of each item (a list after a separator or a part
// title numbers on from the lists before it).
func renumber(items []Item, by int) {
	for i := range items {
		if items[i].Kind == Link && len(items[i].Number) > 0 {
			items[i].Number[0] += by
			renumber(items[i].Nested, by)
		}
	}
}

// parseNestedNumbered reads one list: each item a link, a list inside an item its chapter's
// nested entries.
func (p *summaryParser) parseNestedNumbered(parent []int) ([]Item, *parseError) {
	var items []Item
	for {
		e, ok := p.next()
		if !ok {
			return items, nil
		}
		switch {
		case isStart(e, ast.KindListItem):
			item, err := p.parseNestedItem(parent, len(items))
			if err != nil {
				return nil, err
			}
			items = append(items, item)
		case isStart(e, ast.KindList):
			if len(items) == 0 {
				continue // the list itself
			}
			last := &items[len(items)-1]
			nested, err := p.parseNestedNumbered(last.Number)
			if err != nil {
				return nil, err
			}
			last.Nested = nested
		case e.kind == evEnd && e.node.Kind() == ast.KindList:
			return items, nil
		}
	}
}

// parseNestedItem reads a list item, which must begin with a link.
func (p *summaryParser) parseNestedItem(parent []int, existing int) (Item, *parseError) {
	for {
		e, ok := p.next()
		switch {
		case ok && isStart(e, ast.KindParagraph):
			continue
		case ok && (isStart(e, ast.KindLink) || isStart(e, ast.KindAutoLink)):
			item := p.parseLink(e)
			item.Number = append(append([]int{}, parent...), existing+1)
			return item, nil
		}
		found := "nothing"
		switch {
		case !ok:
		case e.kind == evText || e.kind == evCode:
			found = fmt.Sprintf("%q", e.text)
		case e.kind == evStart:
			found = strings.ToLower(e.node.Kind().String())
		case e.kind == evEnd:
			found = "an empty item"
		}
		return Item{}, p.errorf("a numbered chapter must be a link and only a link, - [Title](file.md); found %s (mdBook refuses this too)", found)
	}
}

// parseLink reads a link once its start has been read.
func (p *summaryParser) parseLink(start event) Item {
	it := Item{Kind: Link, Pos: p.lines.Pos(start.off)}
	switch n := start.node.(type) {
	case *ast.Link:
		it.Location = string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(n.Destination))))
	case *ast.AutoLink:
		it.Location = string(n.URL(p.src))
	}
	it.Location = strings.ReplaceAll(it.Location, "%20", " ")
	it.Name = stringify(p.collect(start))
	return it
}

// checkDuplicates reports a file listed twice (mdBook refuses it too).
func checkDuplicates(list *diag.List, s *Summary) {
	seen := map[string]Item{}
	var walk func(items []Item)
	walk = func(items []Item) {
		for _, it := range items {
			if it.Kind != Link {
				continue
			}
			if it.Location != "" {
				name := path.Clean(strings.ReplaceAll(it.Location, `\`, "/"))
				key := config.NameKey(name)
				first, dup := seen[key]
				switch {
				case dup && path.Clean(strings.ReplaceAll(first.Location, `\`, "/")) == name:
					list.Errorf(it.Pos, "%s is listed twice (first at %s)", it.Location, first.Pos)
				case dup:
					list.Errorf(it.Pos, "%s and %s (at %s) differ only in case: Windows and macOS take them for one file; rename one", it.Location, first.Location, first.Pos)
				default:
					seen[key] = it
				}
			}
			walk(it.Nested)
		}
	}
	walk(s.Prefix)
	walk(s.Numbered)
	walk(s.Suffix)
}
