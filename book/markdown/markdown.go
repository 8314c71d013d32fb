// Package markdown reads a book's Markdown files into the document model, using goldmark:
// CommonMark and GitHub's extensions (tables, strikethrough, task lists, autolinks), footnotes,
// definition lists, typographic punctuation, TeX between dollar signs kept whole, a safe
// subset of HTML, and the book's own marks ({#id}, {^Term}).
package markdown

import (
	"bytes"
	"path"
	"path/filepath"
	"sync"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/markdown/gfm"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newMarkdown builds the goldmark parser. Typographic punctuation is produced as Unicode
// characters, not HTML entities, because the model is not HTML.
func newMarkdown() goldmark.Markdown { return newMarkdownWith(true) }

// newMarkdownWith builds it with or without linkify (parseMarkdown).
func newMarkdownWith(linkify bool) goldmark.Markdown {
	exts := []goldmark.Extender{gfm.Table, gfm.Strikethrough, gfm.TaskList}
	if linkify {
		exts = append(exts, gfm.NewLinkify("http:", "https:", "mailto:"))
	}
	return goldmark.New(
		goldmark.WithExtensions(append(exts,
			gfm.DefinitionList,
			gfm.Footnote,
			gfm.NewTypographer(gfm.WithTypographicSubstitutions(map[gfm.TypographicPunctuation][]byte{
				gfm.LeftSingleQuote:  []byte(leftSingle), // the language's, by localize
				gfm.RightSingleQuote: []byte(rightSingle),
				gfm.LeftDoubleQuote:  []byte(leftDouble),
				gfm.RightDoubleQuote: []byte(rightDouble),
				gfm.EnDash:           []byte("–"),
				gfm.EmDash:           []byte("—"),
				gfm.Ellipsis:         []byte("…"),
				gfm.Apostrophe:       []byte("’"),
				gfm.LeftAngleQuote:   nil,
				gfm.RightAngleQuote:  nil,
			})),
			Marks,
			mathExtension,
			fencedDivs,
		)...),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
}

// markdownParser is built once: goldmark's parser keeps no state between documents, and a
// book parses hundreds of short texts (definitions, events) besides its chapters.
var markdownParser = sync.OnceValue(func() parser.Parser { return newMarkdown().Parser() })

// plainMarkdownParser is markdownParser without linkify, for sources it can match nothing in.
var plainMarkdownParser = sync.OnceValue(func() parser.Parser { return newMarkdownWith(false).Parser() })

// Parse reads Markdown source as a book of one file and returns its first chapter; the
// apparatus reads its Markdown snippets this way, and tests. IDs are not yet made unique
// across a book; LoadBook does that.
func Parse(file string, src []byte, matter doc.Matter) (*doc.Chapter, diag.List) {
	return ParseIn(file, src, matter, "")
}

// ParseIn is Parse for text in a language (a BCP 47 tag; "" for English): its quotation
// marks and punctuation spaces are that language's.
func ParseIn(file string, src []byte, matter doc.Matter, language string) (*doc.Chapter, diag.List) {
	f := readSource(source{display: file, path: path.Base(filepath.ToSlash(file)), src: src, lang: language})
	if f.blocks == nil {
		return nil, f.list
	}
	chapters, list := assemble([]*parsedFile{f}, matter, nil)
	list = append(f.list, list...)
	if len(chapters) == 0 {
		return nil, list
	}
	ch := chapters[0]
	if len(ch.Blocks) > 0 {
		if h, ok := ch.Blocks[0].(*doc.Heading); ok {
			ch.ID = h.ID
		}
	}
	return ch, list
}

// source is a Markdown file to read.
type source struct {
	display string // as messages name it
	path    string // in the book's folder, with slashes
	src     []byte
	origins []diag.Origin      // where included text came from
	depth   int                // heading levels to shift down
	title   string             // the outline's title for it, if any
	lang    string             // the book's language, for quotation marks
	bookDir string             // the book's folder on disk, for images
	refs    []parser.Reference // link reference definitions of the book's other files
	// warnings are what reading the file gave before it was parsed (its includes).
	warnings diag.List
}

// parsedFile is a file read: its blocks and notes, before they are made into chapters.
type parsedFile struct {
	source
	blocks []doc.Block
	notes  []*doc.Footnote // in order of first reference
	list   diag.List
	part   bool // a part's title, not a file
}

// normalise drops a byte-order mark and makes every line end a "\n".
func normalise(src []byte) []byte {
	if bytes.HasPrefix(src, []byte("\ufeff")) || bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.TrimPrefix(src, []byte("\ufeff"))
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

// readSource reads a Markdown file into blocks. The blocks are nil when the file cannot be
// read at all (not text).
func readSource(s source) *parsedFile {
	f := &parsedFile{source: s}
	src := s.src
	if d, bad := diag.InvalidUTF8(s.display, src); bad {
		f.list = append(f.list, d)
		return f
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		f.list.Errorf(diag.NewLineIndexFrom(s.display, src, s.origins).Pos(i), "contains a NUL byte: is this a binary file?")
		return f
	}
	if s.origins == nil {
		src = normalise(src)
	}
	f.list = append(f.list, s.warnings...)
	src, title := frontMatter(src)
	if f.title == "" {
		f.title = title
	}
	c := &conv{src: src, lines: diag.NewLineIndexFrom(s.display, src, s.origins), file: s.display,
		dir: path.Dir(s.path), bookDir: s.bookDir, diags: &f.list, notes: map[int]*doc.Footnote{}}
	root := parseMarkdown(src, s.refs)
	f.blocks = c.blocks(root)
	if f.blocks == nil {
		f.blocks = []doc.Block{}
	}
	for i, n := range c.order {
		n.Number = i + 1
	}
	f.notes = c.order
	localize(f.blocks, s.lang)
	for _, n := range f.notes {
		localize(n.Blocks, s.lang)
	}
	c.checkNotes()
	return f
}

type conv struct {
	src     []byte
	lines   *diag.LineIndex
	file    string // as messages name it
	dir     string // the file's folder in the book's folder, for relative links and images
	bookDir string
	diags   *diag.List
	notes   map[int]*doc.Footnote // by goldmark's footnote index
	order   []*doc.Footnote       // in order of first reference
	// texts are the source lines of text blocks and code spans the ranges of code in them,
	// where unresolved footnote references are looked for.
	texts      []text.Segment
	codeSpans  [][2]int
	codeBlocks []text.Segment
	mathWarned bool
	// lastOff and lastPos are the last position at asked for (none while lastPos.Line is 0).
	lastOff int
	lastPos diag.Pos
}

// at is the position of byte offset off, counted on from the last one asked for when it is
// further along the same line. A step back to the start of the line (a paragraph's, between
// its inlines) is counted from the line's start and leaves the last one where it was.
func (c *conv) at(off int) diag.Pos {
	if c.lastPos.Line > 0 && off >= c.lastOff {
		c.lastPos = c.lines.PosAfter(c.lastPos, c.lastOff, off)
		c.lastOff = off
		return c.lastPos
	}
	p := c.lines.Pos(off)
	if c.lastPos.Line == 0 || p.Line != c.lastPos.Line || p.File != c.lastPos.File {
		c.lastOff, c.lastPos = off, p
	}
	return p
}

func (c *conv) pos(n ast.Node) diag.Pos {
	for ; n != nil; n = n.Parent() {
		switch t := n.(type) {
		case *ast.Text:
			return c.at(t.Segment.Start)
		case *ast.String:
			// Typographic punctuation has no segment: it stands where the text before it ends.
			if prev, ok := t.PreviousSibling().(*ast.Text); ok {
				return c.at(prev.Segment.Stop)
			}
		}
		if p := n.Pos(); p >= 0 {
			return c.at(p)
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return c.at(n.Lines().At(0).Start)
		}
	}
	return diag.Pos{File: c.file}
}
