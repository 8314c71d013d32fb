package layout

import (
	"bindery/book/diag"
	"fmt"

	"bindery/book/doc"
)

// placed is a line put on a page at baseline y.
type placed struct {
	idx int
	y   Length
	dx  Length // column offset
}

// pagePlan is what one page holds: flow items [start, end), and note lines at its foot.
type pagePlan struct {
	end    int
	lines  []placed
	notes  []vitem
	carry  []vitem // note lines continued on the next page
	forced bool    // a keep had to be broken
}

// noteHeight is the height of note lines stacked at the foot of a page.
func noteHeight(lines []vitem) Length {
	var h Length
	for _, it := range lines {
		h += it.line.Leading
	}
	return h
}

// noteBreak moves a break in note lines, before lines[k], back to where the note may break
// (not inside a keep: a widow, an orphan, a caption's first lines). It returns 0 when there
// is no such place before k.
func noteBreak(lines []vitem, k int) int {
	for k > 0 && k < len(lines) && lines[k].keep {
		k--
	}
	return k
}

// sinkLines is how far below the top of the text block a chapter title starts, in lines.
const sinkLines = 4

// fill decides what goes on the page that starts at flow item start, its text sunk from the
// top of the text block by sink (a chapter's opening, a part's title): as many lines as fit
// above the footnotes they call for, breaking only where widow, orphan and keep rules allow.
func (t *typesetter) fill(start int, carry []vitem, sink Length) pagePlan {
	s := t.s
	bottom := s.TextBottom()
	top := s.Top + sink
	sep := s.Leading // room for the rule between text and notes
	noteRoom := func(n []vitem) Length {
		if len(n) == 0 {
			return 0
		}
		return noteHeight(n) + sep
	}

	// Notes continued from the previous page come first, up to half the page, broken where
	// they may be.
	var plan pagePlan
	k := 0
	for k < len(carry) && noteHeight(carry[:k+1]) <= (bottom-s.Top)/2 {
		k++
	}
	k = max(k, min(1, len(carry)))
	if legal := noteBreak(carry, k); legal > 0 {
		k = legal
	}
	notes := append([]vitem(nil), carry[:k]...)
	rest := carry[k:]

	y := Length(-1)
	var pending Length
	cols := 1
	if t.columnChapter != nil && start < len(t.flow) {
		cols = t.columnChapter.Columns
	}
	col, colTop, dx := 0, Length(-1), Length(0)
	lastLegal, legalNotes, legalLines := -1, 0, 0
	var legalRest []vitem
	i := start
	for ; i < len(t.flow); i++ {
		it := &t.flow[i]
		if it.kind == vChapter {
			break
		}
		if !it.keep && len(plan.lines) > 0 {
			lastLegal, legalNotes, legalLines, legalRest = i, len(notes), len(plan.lines), rest
		}
		if it.kind == vSpace {
			if y >= 0 {
				pending += it.space
			}
			continue
		}
		lb := it.line
		ny := top + lb.Size
		if y >= 0 {
			ny = y + pending + lb.Leading
		}
		var need []vitem
		if len(rest) == 0 {
			need = t.notesCalled(lb.Notes, need)
		} else {
			// Earlier notes are still being continued: new ones wait behind them.
			rest = t.notesCalled(lb.Notes, rest)
		}
		all := append(notes[:len(notes):len(notes)], need...)
		fits := ny+noteRoom(all) <= bottom
		// A note leaves room for the lines that must follow the line calling it (the rest of
		// an orphan, say); else it is split below (or placed whole if it cannot break there).
		var room Length
		if len(need) > 0 {
			room = t.keptAfter(i)
		}
		if fits && ny+room+noteRoom(all) <= bottom {
			if colTop < 0 {
				colTop = ny
			}
			plan.lines = append(plan.lines, placed{i, ny, dx})
			notes = append(notes, need...)
			y, pending = ny, 0
			continue
		}
		// In a chapter set in columns, a full column continues in the next one.
		if cols > 1 && col+1 < cols && colTop >= 0 && len(need) == 0 {
			col++
			dx = Length(col) * (t.columnWidth() + t.gutter())
			// A group heading does not stay alone at the foot of a column.
			k := len(plan.lines)
			for k > 0 && t.flow[plan.lines[k-1].idx].line != nil && t.flow[plan.lines[k-1].idx].line.Metrics.Kind == LineHeading {
				k--
			}
			carried := append([]placed(nil), plan.lines[k:]...)
			plan.lines = plan.lines[:k]
			y = colTop
			for j, pl := range carried {
				if j > 0 {
					y += t.flow[pl.idx].line.Leading
				}
				plan.lines = append(plan.lines, placed{pl.idx, y, dx})
			}
			if len(carried) == 0 {
				y = colTop - lb.Leading
			}
			i--
			pending = 0
			continue
		}
		// The line fits but not all of its notes, or they are long: split the notes where they
		// may break, at least two lines here (on an otherwise empty page, wherever they must).
		if len(need) > 0 {
			fit := 0
			for fit < len(need) && ny+room+noteRoom(all[:len(notes)+fit+1]) <= bottom {
				fit++
			}
			switch legal := noteBreak(need, fit); {
			case legal >= 2 || (legal >= 1 && y < 0):
				fit = legal
			case fits:
				fit = len(need)
			case y >= 0:
				fit = 0
			}
			if fit >= 1 {
				plan.lines = append(plan.lines, placed{i, ny, dx})
				notes = append(notes, need[:fit]...)
				rest = append(need[fit:], rest...)
				y, pending = ny, 0
				continue
			}
		}
		if y < 0 {
			// Nothing fits on an empty page (a line taller than the page): place it anyway.
			plan.lines = append(plan.lines, placed{i, ny, dx})
			rest = append(need, rest...)
			i++
			break
		}
		if it.keep {
			if lastLegal > start {
				i, rest = lastLegal, legalRest
				notes = notes[:legalNotes]
				plan.lines = plan.lines[:legalLines]
			} else {
				plan.forced = true
			}
		}
		break
	}
	plan.end, plan.notes, plan.carry = i, notes, rest
	return plan
}

// keptAfter is the height of the lines that must stay on the page of flow item i (up to a
// few: a keep longer than that is broken anyway).
func (t *typesetter) keptAfter(i int) Length {
	var h, space Length
	for j, n := i+1, 0; j < len(t.flow) && t.flow[j].keep && n < 3; j++ {
		switch it := &t.flow[j]; it.kind {
		case vSpace:
			space += it.space
		case vLine:
			h += space + it.line.Leading
			space = 0
			n++
		default:
			return h
		}
	}
	return h
}

// paginate cuts the vertical list into body pages.
func (t *typesetter) paginate() ([]*Page, error) {
	var pages []*Page
	var carry []vitem
	var chapter *doc.Chapter
	for i := 0; i < len(t.flow) || len(carry) > 0; {
		if len(pages) >= t.s.MaxPages {
			return nil, fmt.Errorf("layout: the book needs more than %d pages; is a block unbreakable?", t.s.MaxPages)
		}
		kind, sink, from := BodyPage, Length(0), i
		if i < len(t.flow) && t.flow[i].kind == vChapter {
			if t.flow[i].chapter.Part && len(carry) > 0 {
				// A part's title page holds nothing else: notes still running end first, on
				// a page of their own.
				plan := t.fill(i, carry, 0)
				p := t.render(plan, BodyPage, chapter)
				p.Number = len(pages) + 1
				pages = append(pages, p)
				carry = plan.carry
				continue
			}
			chapter = t.flow[i].chapter
			t.columnChapter = nil
			// Chapters were set by typesetters of their own: the column count is the page
			// builder's to know again.
			t.columns = max(chapter.Columns, 1)
			if chapter.Columns > 1 {
				t.columnChapter = chapter
			}
			kind, sink = OpeningPage, sinkLines*t.s.Leading
			if chapter.Part {
				kind, sink = PartPage, (t.s.TextBottom()-t.s.Top)/3
			}
			if t.s.RectoChapters && len(pages)%2 == 1 && len(carry) == 0 {
				pages = append(pages, &Page{Kind: BlankPage, Chapter: chapter, Number: len(pages) + 1})
			}
			i++
		}
		plan := t.fill(i, carry, sink)
		if plan.forced {
			var at diag.Pos
			if plan.end < len(t.flow) && t.flow[plan.end].line != nil && t.flow[plan.end].line.block != nil {
				at = t.flow[plan.end].line.block.Position()
			}
			t.warnings.Warnf(at, "a block longer than a page had to be broken where it should not be (page %d)", len(pages)+1)
		}
		p := t.render(plan, kind, chapter)
		p.Number = len(pages) + 1
		pages = append(pages, p)
		// A page that opens a chapter is progress, even if the chapter is empty.
		if plan.end == from && len(plan.carry) >= len(carry) && len(plan.lines) == 0 && len(plan.notes) == 0 {
			return nil, fmt.Errorf("layout: page %d: no progress (internal error)", len(pages))
		}
		i, carry = plan.end, plan.carry
	}
	return pages, nil
}
