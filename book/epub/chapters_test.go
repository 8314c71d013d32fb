package epub_test

import (
	"bytes"
	"runtime"
	"testing"

	"bindery/book/doc"
	"bindery/book/epub"
)

// writeOn writes mb's EPUB with GOMAXPROCS set to procs, through kept if not nil. One core
// writes the chapters in order, more write them apart and merge what they leave behind.
func writeOn(t *testing.T, mb *modelBook, procs int, kept *epub.Compressed) []byte {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	opt := mb.opt
	opt.Compressed = kept
	var buf bytes.Buffer
	if err := epub.Write(&buf, mb.book, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestChaptersOnEveryCore: the chapters written on four cores, each apart, give the bytes
// of those written in order on one: the model book (page markers in most chapters, a
// cross-reference, notes, pictures without a description, the NCX's page targets ordered
// by heading offsets); a page label that begins again in a later chapter (marked once, in
// the first); and rebuilds whose kept chapters were written on the other count of cores.
func TestChaptersOnEveryCore(t *testing.T) {
	plain := newModelBook(t)
	again := newModelBook(t)
	// The index's first block begins page "13" again (marked in an earlier chapter, so not
	// here) and page "99" (marked here).
	index := again.opt.Print.Generated[len(again.opt.Print.Generated)-1]
	again.opt.Print.Breaks = append(again.opt.Print.Breaks,
		epub.PageBreak{Block: index.Blocks[0], Label: "13"}, epub.PageBreak{Block: index.Blocks[0], Label: "99"})
	for name, mb := range map[string]*modelBook{"model": plain, "label again": again} {
		ch := mb.book.Chapters[4] // a picture with no description, for the metadata
		ch.Blocks = append(ch.Blocks, para(tx("An icon "), &doc.Image{Src: "pics/map.png"}, tx(".")))
		one := writeOn(t, mb, 1, nil)
		if four := writeOn(t, mb, 4, nil); !bytes.Equal(one, four) {
			t.Errorf("%s: the EPUB on 4 cores differs from the one on 1 core", name)
			diffEntries(t, one, four)
		}
		for _, procs := range [][2]int{{4, 1}, {1, 4}, {4, 4}} {
			kept := epub.NewCompressed()
			writeOn(t, mb, procs[0], kept)
			if rebuilt := writeOn(t, mb, procs[1], kept); !bytes.Equal(one, rebuilt) {
				t.Errorf("%s: rebuilt on %d cores after a Write on %d: differs from a Write on 1 core", name, procs[1], procs[0])
				diffEntries(t, one, rebuilt)
			}
			if written, reused := kept.Chapters(); written != 0 || reused == 0 {
				t.Errorf("%s, rebuilt on %d after %d cores: %d chapters written, %d reused; want 0 written", name, procs[1], procs[0], written, reused)
			}
		}
	}
	_, files := entries(t, writeOn(t, again, 4, nil))
	name := "OEBPS/text/" + index.ID + ".xhtml"
	mustContain(t, name, string(files[name]), `id="page-99"`)
	mustNotContain(t, name, string(files[name]), `id="page-13"`)
	mustContain(t, "nav", string(files["OEBPS/nav.xhtml"]), `#page-99`)
}

// diffEntries reports the entries of two EPUBs that differ, and where.
func diffEntries(t *testing.T, a, b []byte) {
	t.Helper()
	_, fa := entries(t, a)
	_, fb := entries(t, b)
	for name, body := range fa {
		if !bytes.Equal(body, fb[name]) {
			t.Errorf("  %s: %s", name, firstDiff(string(body), string(fb[name])))
		}
	}
}
