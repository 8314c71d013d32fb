package epub

import (
	"encoding/binary"
	"hash/maphash"
	"sync"

	"bindery/book/doc"
)

// keyWriter writes out a chapter as its XHTML depends on it, for chapterKey: every field of
// its blocks, inlines and notes but source positions, with the print pages that begin in its
// blocks at the place of each block, and its notes' references (noteRefs). A pointer out of
// the chapter (a glossary entry, a note) is written as the ID the renderer reads of it.
// TestChapterKeyCoversTheModel fails when the model gains a field to decide on here.
type keyWriter struct {
	w      *writer
	buf    []byte
	labels []string // the labels of the pages that begin in the chapter, in the order written
	breaks int      // how many of the book's page breaks are in the chapter
	ok     bool     // false once a node this writer does not know was met
}

// chapterKey returns the key of chapter ch (chapterKey's hash with global, the book's
// options), the labels of the pages that begin in it, and how many page breaks it holds;
// ok is false for a chapter holding a node the key does not know, which is never reused.
func (w *writer) chapterKey(ch *doc.Chapter, global chapterSum, buf []byte) (key chapterSum, labels []string, breaks int, out []byte, ok bool) {
	k := &keyWriter{w: w, buf: binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(buf[:0], global[0]), global[1]), ok: true}
	k.str(ch.ID)
	k.inlines(ch.Title)
	k.num(int(ch.Matter))
	k.str(ch.Source)
	k.flag(ch.Generated)
	k.num(ch.Columns)
	k.str(string(ch.Role))
	k.flag(ch.Part)
	k.blocks(ch.Blocks)
	k.num(len(ch.Footnotes))
	for _, f := range ch.Footnotes {
		k.str(f.ID)
		k.str(f.Label)
		k.num(f.Number)
		k.num(f.Refs)
		k.flag(f.Editorial)
		refs := w.noteRefs[f]
		k.num(len(refs))
		for _, n := range refs {
			k.num(n)
		}
		k.blocks(f.Blocks)
	}
	return sumOf(k.buf), k.labels, k.breaks, k.buf, k.ok
}

// chapterSum is a chapter's key, a 128-bit hash: maphash under two seeds made once a
// process. Kept chapters live in memory only (build --cache keeps none), and SHA-256 was a
// third of what the keys cost.
type chapterSum [2]uint64

var keySeeds = sync.OnceValue(func() [2]maphash.Seed { return [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()} })

func sumOf(b []byte) chapterSum {
	s := keySeeds()
	return chapterSum{maphash.Bytes(s[0], b), maphash.Bytes(s[1], b)}
}

func (k *keyWriter) tag(t byte) { k.buf = append(k.buf, t) }
func (k *keyWriter) num(n int)  { k.buf = binary.AppendVarint(k.buf, int64(n)) }
func (k *keyWriter) str(s string) {
	k.buf = binary.AppendUvarint(k.buf, uint64(len(s)))
	k.buf = append(k.buf, s...)
}
func (k *keyWriter) flag(b bool) {
	if b {
		k.buf = append(k.buf, 1)
	} else {
		k.buf = append(k.buf, 0)
	}
}
func (k *keyWriter) strs(ss []string) {
	k.num(len(ss))
	for _, s := range ss {
		k.str(s)
	}
}

// pageBreaks writes the print pages that begin in block b.
func (k *keyWriter) pageBreaks(b doc.Block) {
	pbs := k.w.breaks[b]
	k.num(len(pbs))
	for _, pb := range pbs {
		k.num(pb.Word)
		k.flag(pb.InWord)
		k.str(pb.Label)
		k.labels = append(k.labels, pb.Label)
	}
	k.breaks += len(pbs)
}

func (k *keyWriter) blocks(bs []doc.Block) {
	k.num(len(bs))
	for _, b := range bs {
		k.block(b)
	}
}

func (k *keyWriter) block(b doc.Block) {
	k.pageBreaks(b)
	switch b := b.(type) {
	case *doc.Heading:
		k.tag('H')
		k.str(string(b.Role))
		k.num(b.Level)
		k.str(b.ID)
		k.strs(b.Classes)
		k.flag(b.Explicit)
		k.str(b.Base)
		k.inlines(b.Inlines)
	case *doc.Paragraph:
		k.tag('P')
		k.str(b.ID)
		k.str(string(b.Role))
		k.inlines(b.Inlines)
	case *doc.BlockQuote:
		k.tag('Q')
		k.blocks(b.Blocks)
	case *doc.List:
		k.tag('L')
		k.str(string(b.Role))
		k.flag(b.Ordered)
		k.num(b.Start)
		k.flag(b.Tight)
		k.num(len(b.Items))
		for _, it := range b.Items {
			k.num(int(it.Task))
			k.blocks(it.Blocks)
		}
	case *doc.Table:
		k.tag('T')
		k.num(len(b.Align))
		for _, a := range b.Align {
			k.num(int(a))
		}
		k.cells(b.Header)
		k.num(len(b.Rows))
		for _, row := range b.Rows {
			k.cells(row)
		}
		k.inlines(b.Caption)
	case *doc.Rule:
		k.tag('R')
	case *doc.CodeBlock:
		k.tag('C')
		k.str(b.Language)
		k.str(b.Text)
	case *doc.Figure:
		k.tag('F')
		k.str(b.ID)
		k.num(b.Number)
		k.flag(b.Labelled)
		k.inlines(b.Caption)
		k.blocks(b.Blocks)
	case *doc.DefinitionList:
		k.tag('D')
		k.str(string(b.Role))
		k.num(len(b.Items))
		for _, it := range b.Items {
			k.pageBreaks(it)
			k.str(it.ID)
			k.inlines(it.Term)
			k.num(len(it.Definitions))
			for _, d := range it.Definitions {
				k.blocks(d)
			}
		}
	default:
		k.ok = false
	}
}

// cells writes a row of a table; a page may begin with a cell.
func (k *keyWriter) cells(row []*doc.TableCell) {
	k.num(len(row))
	for _, c := range row {
		k.pageBreaks(c)
		k.inlines(c.Inlines)
	}
}

func (k *keyWriter) inlines(ins []doc.Inline) {
	k.num(len(ins))
	for _, in := range ins {
		k.inline(in)
	}
}

func (k *keyWriter) inline(in doc.Inline) {
	switch in := in.(type) {
	case *doc.Text:
		k.tag('t')
		k.str(in.Text)
	case *doc.Emphasis:
		k.tag('e')
		k.inlines(in.Children)
	case *doc.Strong:
		k.tag('s')
		k.inlines(in.Children)
	case *doc.Code:
		k.tag('c')
		k.str(in.Text)
	case *doc.Link:
		k.tag('l')
		k.str(string(in.Role))
		k.str(in.URL)
		k.str(in.Title)
		k.str(in.File)
		k.str(in.Fragment)
		k.inlines(in.Children)
	case *doc.Image:
		k.tag('i')
		k.str(in.Src)
		k.str(in.Alt)
		k.str(in.Title)
		k.num(in.Width)
		k.num(in.Height)
	case *doc.Styled:
		k.tag('y')
		k.num(int(in.Style))
		k.str(in.Title)
		k.inlines(in.Children)
	case *doc.Math:
		k.tag('m')
		k.str(in.Text)
		k.flag(in.Display)
	case *doc.Break:
		k.tag('b')
		k.flag(in.Hard)
	case *doc.FootnoteRef:
		k.tag('f')
		k.num(in.N)
		if in.Note != nil {
			k.str(in.Note.ID)
			k.num(in.Note.Number)
		} else {
			k.tag(0)
		}
	case *doc.TextAnchor:
		k.tag('a')
		k.str(in.ID)
	case *doc.IndexMark:
		// The renderer writes a mark's ID alone; its entry is the index's business.
		k.tag('x')
		k.str(in.ID)
		k.str(in.TermText)
		k.str(in.SubText)
		k.num(int(in.Range))
		k.flag(in.Found)
		k.str(in.Form)
	case *doc.GlossaryRef:
		k.tag('g')
		k.str(in.ID)
		k.flag(in.Linked)
		if in.Entry != nil {
			k.str(in.Entry.ID)
		} else {
			k.tag(0)
		}
		k.inlines(in.Children)
	case *doc.CrossRef:
		// Its text and link are looked up while rendering (facts).
		k.tag('r')
		k.str(in.Target)
		k.str(in.File)
	case *doc.Span:
		k.tag('n')
		k.str(string(in.Role))
		k.str(in.ID)
		k.str(in.Lang)
		k.inlines(in.Children)
	default:
		k.ok = false
	}
}
