package markdown

import (
	"path/filepath"
	"strings"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/parallel"
)

// LoadBook reads every file the configuration names and registers every anchor, reporting all
// problems found (not just the first).
func LoadBook(cfg *config.Book) (*doc.Book, diag.List) {
	b := &doc.Book{Meta: cfg, Anchors: doc.NewAnchors()}
	var list diag.List
	// Files are read and parsed on every core; chapters and messages keep the book's order.
	read := func(files []config.File, matter doc.Matter) []*doc.Chapter {
		chapters := make([]*doc.Chapter, len(files))
		lists := make([]diag.List, len(files))
		parallel.For(len(files), func(_, i int) {
			chapters[i], lists[i] = ReadFile(files[i].Path, displayPath(cfg, files[i].Path), matter)
		})
		var out []*doc.Chapter
		for i, ch := range chapters {
			list = append(list, lists[i]...)
			if ch != nil {
				out = append(out, ch)
			}
		}
		return out
	}
	b.Chapters = read(cfg.Chapters, doc.BodyMatter)
	b.Back = read(cfg.Backmatter, doc.BackMatter)
	list = append(list, RegisterAnchors(b)...)
	return b, list
}

// displayPath names a file as the author knows it: relative to the working directory when
// that is short, else as given.
func displayPath(cfg *config.Book, path string) string {
	if rel, err := filepath.Rel(".", path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// RegisterAnchors puts every heading and footnote of the book in its anchor registry and
// reports IDs used twice, naming both places.
func RegisterAnchors(b *doc.Book) diag.List {
	var list diag.List
	add := func(a *doc.Anchor) {
		if old, ok := b.Anchors.Add(a); !ok {
			hint := ""
			if a.Kind != doc.FootnoteAnchor {
				hint = "; give one of them its own ID with {#some-id}"
			}
			list.Errorf(a.Pos, "duplicate ID %q: already used at %s%s", a.ID, old.Pos, hint)
		}
	}
	for _, ch := range b.AllChapters() {
		for i, h := range ch.Sections() {
			kind := doc.SectionAnchor
			if i == 0 {
				kind = doc.ChapterAnchor
			}
			add(&doc.Anchor{ID: h.ID, Kind: kind, Title: doc.PlainText(h.Inlines), Chapter: ch, Pos: h.Pos})
		}
		doc.WalkInlines(ch, func(in doc.Inline) {
			if a, ok := in.(*doc.TextAnchor); ok {
				add(&doc.Anchor{ID: a.ID, Kind: doc.InTextAnchor, Title: doc.PlainText(ch.Title), Chapter: ch, Pos: a.Pos})
			}
		})
		for _, f := range ch.Footnotes {
			f.ID = ch.ID + "-fn-" + strings.TrimPrefix(doc.Slug(f.Label), "s-")
			add(&doc.Anchor{ID: f.ID, Kind: doc.FootnoteAnchor, Title: f.Label, Chapter: ch, Pos: f.Pos})
			if f.Blocks == nil {
				list.Errorf(ch.Pos, "footnote [^%s] is referenced but never defined", f.Label)
			}
		}
	}
	return list
}
