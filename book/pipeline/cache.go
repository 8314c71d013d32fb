package pipeline

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"bindery/book/apparatus"
	"bindery/book/backmatter"
	"bindery/book/config"
	"bindery/book/epub"
	"bindery/book/layout"
	"bindery/book/link"
	"bindery/book/markdown"
	"bindery/book/pdf"
)

// Cache keeps what a build made for the next build of the same book in this process (bindery
// watch and serve hold one): each Markdown file's parsed model and the apparatus, by the hash
// of what they were read from; where the index's and glossary's terms were found, by text;
// each paragraph's set lines and each word's hyphenation, by their text and setting, and the
// page labels the layout settled on; the index's lines, by what they show; each PDF page's painting, by what it reads; each EPUB entry's and PDF stream's compressed bytes (the
// object streams too), by the hash of their contents; and the typographic cover, by what it
// shows. A rebuild after an edit parses only the files that changed, searches for terms only
// in the texts that changed, sets again only the paragraphs the edit changed, in one layout
// pass when no page moved, and writes the same bytes as a build without the cache. Builds
// sharing a Cache must not run at the same time.
type Cache struct {
	parsed    *markdown.Parsed
	apparatus apparatus.Kept
	terms     *link.Found // where the index's and glossary's terms were found, by text

	mu       sync.Mutex
	settings string // what the paragraphs were set with
	reuse    *layout.Reuse
	index    *backmatter.Kept // the index's lines
	epub     *epub.Compressed
	pdf      *pdf.Streams
	pages    *pdf.Paintings // each PDF page's painting, by what it reads
	cover    struct {
		key string
		res coverResult
	}
	store Store // behind it, if set (the on-disk cache)
	once  bool  // for one build: keeps only what the store can hold
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{epub: epub.NewCompressed(), pdf: pdf.NewStreams(), pages: pdf.NewPaintings(), parsed: markdown.NewParsed(), terms: link.NewFound(),
		index: backmatter.NewKept()}
}

// indexLines are the index's lines kept from the build before, nil for none.
func (c *Cache) indexLines() *backmatter.Kept {
	if c == nil || c.once {
		return nil
	}
	return c.index
}

// found is where the last build found the terms, nil without a cache.
func (c *Cache) found() *link.Found {
	if c == nil {
		return nil
	}
	return c.terms
}

// Files reports how many Markdown files the last build parsed (the others were kept), and
// whether it read the apparatus's files.
func (c *Cache) Files() (parsed int) {
	if c.parsed == nil {
		return 0
	}
	return c.parsed.Read()
}

// Paginated is how many chapters the last build's layout cut into pages afresh, and for
// how many it took the pages cut before (layout.Reuse.Paginated).
func (c *Cache) Paginated() (cut, kept int) { return c.counts((*layout.Reuse).Paginated) }

// Drawn is how many pages of the chapters whose pages the last build kept its layout drew
// afresh, and how many it drew as the build before had (layout.Reuse.Drawn).
func (c *Cache) Drawn() (drawn, kept int) { return c.counts((*layout.Reuse).Drawn) }

// Paragraphs reports how many paragraphs the last build set, and how many it took from the
// build before.
func (c *Cache) Paragraphs() (set, kept int) {
	return c.counts(func(r *layout.Reuse) (int, int) { return r.Set(), r.Found() })
}

// counts reads a pair of counts of the layout's Reuse, 0 and 0 before the first build.
func (c *Cache) counts(of func(*layout.Reuse) (int, int)) (int, int) {
	c.mu.Lock()
	r := c.reuse
	c.mu.Unlock()
	if r == nil {
		return 0, 0
	}
	return of(r)
}

// PDFPages reports how many pages the last build painted, and how many it took from the
// build before as they were.
func (c *Cache) PDFPages() (painted, reused int) { return c.pages.Pages() }

// paintings is what the PDF keeps of its pages for the next build, nil for a build that has
// none (build --cache: one build a process).
func (c *Cache) paintings() *pdf.Paintings {
	if c == nil || c.once {
		return nil
	}
	return c.pages
}

// EPUBEntries is how many entries the last build compressed (the others were kept).
func (c *Cache) EPUBEntries() int { return c.epub.Made() }

// EPUBChapters is how many chapters the last build wrote as XHTML, and how many it took
// from the build before as they were.
func (c *Cache) EPUBChapters() (written, reused int) { return c.epub.Chapters() }

// reuseFor returns the paragraphs kept for the print settings s of the book cfg, after
// letting go of those of other settings.
func (c *Cache) reuseFor(cfg *config.Book, s *layout.Settings) *layout.Reuse {
	if c.once {
		return nil
	}
	key := settingsKey(s) + fmt.Sprintf("|%q|%q", cfg.Language, cfg.Hyphenation)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reuse == nil || c.settings != key {
		c.settings, c.reuse = key, layout.NewReuse()
	}
	return c.reuse
}

// settingsKey writes out every exported field of the settings that a paragraph's lines can
// depend on, so that a setting added to layout.Settings joins the key by itself. Left out:
// functions (the back matter's maker, picture sizes: a paragraph with a picture is never
// kept), the hyphenator (made anew by every build: its language and the book's exceptions
// stand for it) and the Reuse itself. The family is parsed once per process: its address
// names it.
func settingsKey(s *layout.Settings) string {
	var b strings.Builder
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		if !v.Type().Field(i).IsExported() || f.Kind() == reflect.Func || name == "Hyphenator" || name == "Reuse" {
			continue
		}
		fmt.Fprintf(&b, "%s=%+v;", name, f.Interface())
	}
	return b.String()
}

// coverFor returns the cover drawn for key by an earlier build, if any.
func (c *Cache) coverFor(key string) (coverResult, bool) {
	c.mu.Lock()
	res, ok := c.cover.res, c.cover.key == key && c.cover.res.err == nil && c.cover.res.data != nil
	c.mu.Unlock()
	if !ok {
		if res, ok = c.storedCover(key); ok {
			c.keepCover(key, res)
		}
	}
	return res, ok
}

func (c *Cache) keepCover(key string, res coverResult) {
	c.mu.Lock()
	c.cover.key, c.cover.res = key, res
	c.mu.Unlock()
}
