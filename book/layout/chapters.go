package layout

import (
	"fmt"
	"slices"
	"sync"

	"bindery/book/doc"
	"bindery/book/parallel"
)

// Chapters are set concurrently: setting a chapter's paragraphs does not depend on where its
// pages fall (every chapter starts a new page, and the page builder places lines only once
// the chapters are joined), so each chapter gets a typesetter of its own and the results are
// joined in book order. The outcome is the same as setting them one after another.

// kept is what the passes of the page-number fixpoint keep for the next: each chapter's set
// paragraphs, and the hyphenation of every word of the book (shared by the chapters).
type kept struct {
	slots   []*chapterSlot
	hyphens *sync.Map // word → []int
}

// chapterSlot keeps one chapter's set paragraphs, and what setting them a line tighter or
// looser would cost (rescue.go): the measure only, as few of those settings are used.
type chapterSlot struct {
	paragraphs map[parKey]setParagraphResult
	measures   map[parKey]looseMeasure
}

// newChapterSlot is an empty slot.
func newChapterSlot() *chapterSlot {
	return &chapterSlot{paragraphs: map[parKey]setParagraphResult{}, measures: map[parKey]looseMeasure{}}
}

// fork returns a typesetter for one chapter, sharing t's read-only state.
func (t *typesetter) fork(slot *chapterSlot) *typesetter {
	return &typesetter{
		s: t.s, book: t.book, labels: t.labels,
		notes: map[*doc.Footnote][]vitem{}, used: map[string]bool{},
		cache: slot.paragraphs, hyphens: t.hyphens,
	}
}

// join appends what a chapter's typesetter set to t; missing is the set of characters
// already reported as absent from the font.
func (t *typesetter) join(c *typesetter, missing map[rune]bool) {
	t.vlist = append(t.vlist, c.vlist...)
	for fn, lines := range c.notes {
		t.notes[fn] = lines
	}
	for id := range c.used {
		t.used[id] = true
	}
	t.references = t.references || c.references
	for i, w := range c.warnings {
		if r, ok := c.missingAt[i]; ok {
			if missing[r] {
				continue
			}
			missing[r] = true
		}
		if tag, ok := c.missingLang[i]; ok {
			if t.langsMissing[tag] {
				continue
			}
			if t.langsMissing == nil {
				t.langsMissing = map[string]bool{}
			}
			t.langsMissing[tag] = true
		}
		t.warnings = append(t.warnings, w)
	}
}

// setChapters sets the chapters on every core and joins them into t's vertical list.
func (t *typesetter) setChapters(chapters []*doc.Chapter, keep *kept) error {
	slots := &keep.slots
	for len(*slots) < 1+len(chapters) {
		*slots = append(*slots, newChapterSlot())
	}
	parts := make([]*typesetter, len(chapters))
	errs := make([]error, len(chapters))
	parallel.For(len(chapters), func(_, i int) {
		errs[i] = func() (err error) {
			// A bug must not take the process down from a goroutine no caller can recover
			// in: report it as this chapter's error.
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("layout: chapter %q: internal error: %v", chapters[i].Title, r)
				}
			}()
			slot := (*slots)[1+i]
			c := t.fork(slot)
			c.generating = chapters[i].Generated
			c.sources = map[doc.Block]parSource{}
			c.chapter(chapters[i])
			parts[i] = t.rescueEnd(c, chapters[i], slot)
			return nil
		}()
	})
	missing := map[rune]bool{}
	// The book's vertical list in one allocation, not grown chapter by chapter.
	n := len(t.vlist)
	for _, c := range parts {
		if c != nil {
			n += len(c.vlist)
		}
	}
	t.vlist = slices.Grow(t.vlist, n-len(t.vlist))
	for i, c := range parts {
		if errs[i] != nil {
			return errs[i]
		}
		t.join(c, missing)
	}
	return nil
}
