package layout

import (
	"bindery/book/doc"
	"bindery/book/linebreak"
	"errors"
	"strings"
	"unicode/utf8"
)

func truncateText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// breakLines breaks the paragraph and builds its line boxes.
func (t *typesetter) breakLines(p *paragraphSetter) []*lineBox {
	// A hard break at the very end would leave an empty last line (TeX's underfull box).
	for n := len(p.items); n >= 3 && p.items[n-1].Kind == linebreak.KindPenalty && p.items[n-1].Penalty == linebreak.EjectPenalty; n = len(p.items) {
		p.items = p.items[:n-3]
	}
	items := linebreak.Finish(p.items)
	if len(items) == 0 {
		return nil
	}
	params := t.s.Params
	if p.spec.Ragged || p.spec.Centered || p.spec.NoHyphenation {
		params.Pretolerance = -1
	}
	if p.spec.Ragged {
		params.RightSkip = linebreak.NewGlue(0, 3*p.spec.Size, 0)
		params.Tolerance = linebreak.InfBad
	}
	if p.spec.Centered {
		params.LeftSkip = linebreak.NewFilGlue(Pt, linebreak.Fil)
		params.RightSkip = linebreak.NewFilGlue(Pt, linebreak.Fil)
		params.Tolerance = linebreak.InfBad
	}
	if p.spec.Centered && len(items) >= 2 {
		// TeX's \parfillskip=0pt for centred text: the last line is centred like the others.
		items[len(items)-2] = linebreak.NewGlue(0, 0, 0)
	}
	measure := linebreak.FixedMeasure(p.spec.Width)
	if p.spec.Hang > 0 {
		params.ShapeLines = 1
		measure = func(n int) Length {
			if n == 0 {
				return p.spec.Width
			}
			return p.spec.Width - p.spec.Hang
		}
	}
	lines, err := linebreak.Break(items, measure, params)
	// More than two hyphenated lines in a row is a ladder: make consecutive hyphens dearer
	// until it goes, as a compositor would.
	// When the ladder is the only solution within tolerance, accept a little looser spacing.
	if hyphenLadder(items, lines) > 2 {
		retry := params
		retry.DoubleHyphenDemerits *= 100
		for try := 0; try < 3; try++ {
			retry.Tolerance *= 2
			l2, err2 := linebreak.Break(items, measure, retry)
			if hyphenLadder(items, l2) <= 2 {
				lines, err = l2, err2
				break
			}
		}
	}
	var be *linebreak.BreakError
	if errors.As(err, &be) && len(be.Overfull) > 0 {
		t.warnings.WarnKind(t.warnPlace, "overfull", "a line is wider than the measure: %s", strings.TrimSpace(p.lineText(items, lines)))
	}
	out := make([]*lineBox, 0, len(lines))
	// One allocation for the paragraph's line boxes and one for their runs (at most a run
	// per box, and a hyphen): each line's runs are a capped slice of it.
	boxes := make([]lineBox, len(lines))
	room := 0
	for _, ln := range lines {
		room++ // a hyphen
		for _, it := range items[ln.Start:ln.End] {
			if it.Kind == linebreak.KindBox {
				room++
			}
		}
	}
	runs := make([]Run, 0, room)
	var widths []Length
	lastWord := -1 // of the last box set
	for li, ln := range lines {
		lb := &boxes[li]
		*lb = lineBox{Leading: p.spec.Leading, Size: p.spec.Size, block: p.spec.block, word: -1}
		before := lastWord
		room := 1
		for _, it := range items[ln.Start:ln.End] {
			if it.Kind == linebreak.KindBox {
				room++
			}
		}
		if len(runs)+room > cap(runs) {
			runs = make([]Run, 0, max(room, len(items)/4))
		}
		lb.Runs = runs[len(runs) : len(runs) : len(runs)+room]
		x := ln.GlueWidth(params.LeftSkip)
		if li > 0 {
			x += p.spec.Hang
		}
		widths = ln.AppendWidths(widths[:0], items)
		justified := !p.spec.Ragged && !p.spec.Centered && li < len(lines)-1 && ln.Order == linebreak.Normal
		ratio, badness := ln.Ratio, ln.Badness
		var tracking Length
		if justified && ln.Badness > params.Tolerance && !ln.IsOverfull() {
			ratio, badness, tracking = p.track(items, ln, widths, params.Tolerance)
		}
		var spaces []Length
		last := -1 // index of the run a following box may extend
		right := x // where the content ends: after the last box
		// joinAt is the run a word after a natural-width space may join, joinW that space.
		joinAt, joinW := -1, Length(0)
		var strike strikeThrough
		var drawn []Run // drawn after the line's text is known (a check box's tick)
		box := ""       // what a check box stands for in the line's text
		for k, w := range widths {
			it := &items[ln.Start+k]
			switch it.Kind {
			case linebreak.KindGlue:
				if it.StretchOrder == linebreak.Normal {
					spaces = append(spaces, w)
				}
				// A space set at its natural width can be drawn as the font's own space, so
				// the words on both sides stay one run (far fewer text operations in the PDF).
				joinAt, joinW = -1, 0
				if r := lastRun(lb.Runs, last); r != nil && tracking == 0 && r.Raise == 0 && w == p.t.spaceWidth(p.face(r.Style), r.Size) {
					joinAt, joinW = last, w
				}
				last = -1
			case linebreak.KindBox:
				if it.Payload >= 0 {
					f := &p.frags[it.Payload]
					if lb.word < 0 {
						lb.word, lb.inWord = f.word, f.word == before
					}
					lastWord = f.word
					for _, id := range f.marks {
						lb.Marks = append(lb.Marks, Mark{ID: id, X: x})
					}
					strike.box(lb, f, x, w)
					if f.picture != nil || f.check != doc.NoTask {
						// Pictures and check boxes end the run: text after them starts a new one.
						if f.picture != nil {
							pic := *f.picture
							pic.X, pic.Y = x, -f.raise-pic.H
							lb.pictures = append(lb.pictures, pic)
							if f.link != "" {
								lb.Links = append(lb.Links, Link{X: x, Y: pic.Y, W: pic.W, H: pic.H, Target: f.link})
							}
						} else {
							rules, tick := p.t.checkBoxMarks(f, x)
							lb.rules = append(lb.rules, rules...)
							drawn = append(drawn, tick...)
							box = checkBoxText(f.check)
						}
						last, joinAt = -1, -1
						right = x + w
						x += w
						continue
					}
					if f.text == "" {
						continue
					}
					if r := lastRun(lb.Runs, joinAt); r != nil && last < 0 && f.text != "" && r.Style == f.style && r.Size == f.size && r.Raise == f.raise && r.Link == f.link && f.note == nil {
						r.Text += " " + f.text
						r.Width += joinW + w
						last = joinAt
					} else if r := lastRun(lb.Runs, last); r != nil && r.Style == f.style && r.Size == f.size && r.Raise == f.raise && r.Link == f.link && f.note == nil {
						r.Text += f.text
						r.Width += w
					} else {
						lb.Runs = append(lb.Runs, Run{X: x, Style: f.style, Size: f.size, Raise: f.raise, Text: f.text, Width: w, Link: f.link, Tracking: tracking})
						last = len(lb.Runs) - 1
						if f.note != nil {
							last = -1
							if f.noteN == 1 {
								lb.Notes = append(lb.Notes, f.note)
								lb.Marks = append(lb.Marks, Mark{ID: f.note.ID + "-ref", X: x})
							}
						}
					}
				}
				right = x + w
			}
			x += w
		}
		x = right
		if ln.Hyphenated && ln.End < len(items) {
			hy := items[ln.End]
			if hy.Width > 0 {
				if r := lastRun(lb.Runs, last); r != nil {
					r.Text += "-"
					r.Width += hy.Width
				} else {
					lb.Runs = append(lb.Runs, Run{X: x, Style: p.spec.Style, Size: p.spec.Size, Text: "-", Width: hy.Width})
				}
				strike.extend(x + hy.Width)
				x += hy.Width
			}
		}
		strike.end(lb)
		for _, r := range lb.Runs {
			if r.Link != "" {
				lb.Links = append(lb.Links, Link{X: r.X, Y: -r.Size * 8 / 10, W: r.Width, H: r.Size, Target: r.Link})
			}
		}
		natural := Length(0)
		if sp := spaceWidth(p); sp > 0 {
			natural = sp
		}
		lb.Metrics = LineMetrics{
			Kind: p.spec.Kind, Width: p.spec.Width, Natural: ln.Width, Ratio: ratio, Badness: badness, Tracking: tracking,
			Hyphenated: ln.Hyphenated && items[ln.End].Width > 0, Overfull: ln.Overfull,
			Justified: justified,
			Spaces:    spaces, NaturalSpace: natural, Last: li == len(lines)-1, Text: lineText(lb.Runs),
			Right: x,
		}
		if box != "" {
			lb.Metrics.Text = strings.TrimSpace(box + " " + lb.Metrics.Text)
		}
		lb.Runs = append(lb.Runs, drawn...)
		runs = runs[:len(runs)+min(len(lb.Runs), room)]
		out = append(out, lb)
	}
	return out
}

func (p *paragraphSetter) lineText(items []linebreak.Item, lines []linebreak.Line) string {
	for _, ln := range lines {
		if ln.IsOverfull() {
			var b strings.Builder
			for _, it := range items[ln.Start:ln.End] {
				if it.Kind == linebreak.KindBox && it.Payload >= 0 {
					b.WriteString(p.frags[it.Payload].text)
				} else if it.Kind == linebreak.KindGlue {
					b.WriteByte(' ')
				}
			}
			return truncateText(b.String(), 60)
		}
	}
	return ""
}

// hyphenLadder is the longest run of consecutive lines ending in a discretionary hyphen.
func hyphenLadder(items []linebreak.Item, lines []linebreak.Line) int {
	run, longest := 0, 0
	for _, ln := range lines {
		if ln.Hyphenated && ln.End < len(items) && items[ln.End].Width > 0 {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
