// Package layout sets a book for print: it turns the document model into pages of placed
// runs of text, rules and pictures, and records the page map (where each anchor, heading and
// note landed, and where each page's text begins, for the EPUB's page list). It works in
// TeX's model and vocabulary, in integer scaled points (Length, 1/65536 pt), so a layout is
// exact and the same on every machine; book/pdf only draws what it placed.
//
// # From the book to pages
//
// Typeset runs the pipeline below, several times: page references (cross-references, the
// index's and glossary's page numbers) can move the text they number, so the book is set
// again with the labels of the pass before until they settle (the page-number fixpoint,
// typeset.go; usually two, one for a rebuild that starts from the labels the last build
// settled on and moves no page). Settings.Generate makes the generated chapters
// (chronology, glossary, index) from those labels; the first pass, which has none, makes
// them from its own text's once that is paginated (firstpass.go).
//
//  1. Paragraphs. Each paragraph's inlines become a horizontal list (hlist.go): boxes for
//     words and syllables, glue for spaces, discretionaries at hyphenation points (Liang's
//     patterns, book/hyphen). book/linebreak breaks it with Knuth–Plass (breaklines.go),
//     and each line becomes a line box of runs placed at their set widths (linebox.go);
//     a justified line's letters take a little of its stretch or shrink besides its
//     spaces (tracking.go). Set paragraphs are kept across passes (parcache.go).
//  2. The main vertical list (vlist.go). Each chapter's blocks are set into a list of
//     lines and spaces (blocks.go, headings.go, lists.go, table.go, figure.go), on every
//     core, a chapter at a time (chapters.go); footnotes are set beside it (footnote.go),
//     their numbers hanging in the margin (notenumber.go).
//  3. Pages (pagebuilder.go). The page builder cuts the vertical list into pages,
//     with the notes each page's lines call at its foot. Front matter (half-title, title,
//     imprint, contents) is made once the body's page numbers are known (frontmatter.go).
//  4. Output (output.go). Only the last pass ships its pages out: lines are placed left or
//     right as the page is a recto or a verso, running heads and folios added, and the
//     page map and the PDF outline filled. A pass whose labels came from a whole pass is
//     usually the last: it is streamed (stream.go), setting a few chapters ahead of the
//     one it cuts into pages and drawing each page at once, front matter first, handing
//     them to Settings.Sink (the PDF writer) so that the book's lines and pages are never
//     alive together; if it turns out not to be the last its pages are void.
//
// # Pages
//
// The page builder follows TeX's (The TeXbook, chapter 15; TeX: The Program §980–1028)
// where it can, in simpler terms:
//
//   - The main vertical list holds lines (TeX's boxes of the lines of a paragraph), space
//     (glue; discarded at a page break, as TeX discards glue after a break) and the start of
//     each chapter (a forced break, TeX's \eject, with the chapter's opening sunk below the
//     top of the page).
//   - A line's leading is the distance from the baseline before (\baselineskip), fixed: no
//     glue on a page stretches or shrinks. The first line of a page stands its type size
//     below the top of the text block (\topskip); the lowest baseline is TextBottom
//     (\vsize, as a baseline).
//   - A keep (vitem.keep) forbids a break before an item: TeX's \penalty10000, as a
//     heading's \nobreak puts there, and \clubpenalty and \widowpenalty would if set to
//     10000 (plain TeX's are 150). Widows and orphans, a heading with the lines after it, a
//     figure with its caption's first lines, a table's rows are kept. Every other item is a
//     legal breakpoint, at no cost.
//   - With fixed leading every page that is not full is equally bad (TeX's badness 10000
//     without stretch), and TeX then takes the last breakpoint of least cost: so the page
//     builder adds lines until one does not fit and breaks at the last legal breakpoint.
//     When the page has none (a keep longer than a page), TeX would make an overfull page;
//     we break the keep where the page is full and warn.
//   - Footnotes are TeX's insertions (\insert\footins): a line's notes go at the foot of its
//     page, under a short rule, with a line of room above (\skip\footins). A note that does
//     not fit is split (\vsplit) where its own keeps allow, at least two lines on the calling
//     page; the rest is held over to the next page, where held-over notes take at most half
//     the page (\dimen\footins) and come before new ones.
//
// Where we depart from TeX, in our own words:
//
//   - A line that calls a note leaves room under it for the lines kept with it (keptAfter),
//     so that a note that fits does not push the rest of an orphan off the page.
//   - Chapters set in columns (the index) fill their columns one after the other on each
//     page (TeX's page builder has no columns; LaTeX's multicol does this); a group heading
//     at the foot of a column moves to the next.
//   - There are no floats: a figure that does not fit moves to the next page with the text.
//   - A part's title stands alone on its page: notes still running from the chapter before
//     end first, on a page of their own.
package layout
