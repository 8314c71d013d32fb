package layout

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/highlight"
)

// Code blocks are not paragraphs: every character and space of a line stands where the author
// put it, in the code face (monospaced, never shaped: no ligatures), never hyphenated, ragged.
// A line longer than the measure is cut greedily, as listings and editors wrap, at the last
// good place that fits (after a space, else at punctuation, else anywhere: a forced cut
// inside a token), and each continuation hangs under the line's own indentation behind a
// continuation mark (↪). The block stands on a light tint, its text inset, so nothing passes
// the measure; blocks of up to six lines keep together, longer ones leave two lines or more on
// each side of a page break, and a wrapped line keeps with its continuations.

// codeTint is the ground of a code block: light enough for any printer (a 5 % grey).
const codeTint = 0xF2F2F2

// markColour is the colour of continuation marks and line numbers: apart from the code.
const markColour = 0x707070

// keepWhole is the longest block (in printed lines) that never splits across pages.
const keepWhole = 6

// codeSize is the size of code set in a block, in text of size: the code face scaled so its
// x-height is 92 % of the text's (code is set a little smaller than the text it stands in, as
// books do, and its x-height then sits with the text's rather than towering over it).
func (t *typesetter) codeSize(size Length) Length {
	return hundredths(t.monoSize(size) * 92 / 100)
}

// hundredths rounds a size to a hundredth of a point: the PDF writes sizes to three decimals,
// and a size it cannot write exactly would draw every glyph a hair narrower than measured
// (0.008 pt over a line of 27 characters at 8.107498 pt).
func hundredths(l Length) Length {
	return Length((int64(l)*100 + int64(Pt)/2) / int64(Pt) * int64(Pt) / 100)
}

// monoSize is the size of the code face whose x-height matches the book face's at size: a
// monospaced face's x-height is larger (DejaVu Sans Mono 0.547 em, Charis SIL 0.482 em), so
// code in running text would otherwise look a size too large.
func (t *typesetter) monoSize(size Length) Length {
	body, code := t.s.Face(Roman), t.s.Face(Mono)
	if body == code || body.XHeight <= 0 || code.XHeight <= 0 {
		return size
	}
	num := int64(body.XHeight) * int64(code.UnitsPerEm)
	den := int64(code.XHeight) * int64(body.UnitsPerEm)
	s := Length(int64(size) * num / den)
	return hundredths(min(max(s, size*3/4), size)) // a face with odd metrics still reads
}

// literal is the look of code, keys and mathematics in running text: the code face, at the
// size whose x-height matches the text's, printed as written (never hyphenated; a long one
// breaks only where codeBreaks allows, with no hyphen added).
func (p *paragraphSetter) literal(l look) look {
	if !l.style.mono() {
		l.size = p.t.monoSize(l.size)
	}
	l.style |= Mono
	l.literal = true
	return l
}

// codeRune is one character of a line of code: its kind (for highlighting) and width.
type codeRune struct {
	r     rune
	kind  highlight.Kind
	milli int // advance in 1/1000 em
}

// code sets a code block.
func (t *typesetter) code(b *doc.CodeBlock, c textSpec) {
	size := t.codeSize(c.Size)
	lead := c.Leading * 85 / 100
	face := t.s.Face(Mono)
	pad := c.Size / 2 // the text's inset in the tint
	src := strings.Split(expandTabs(b.Text, t.s.tabWidth()), "\n")
	var spans [][]highlight.Span
	if t.s.Highlight != nil {
		spans = t.s.Highlight(b.Language, strings.Join(src, "\n"))
	}
	cs := codeSetter{t: t, face: face, size: size, lead: lead, block: b, palette: &t.s.Palette,
		left: pad, width: c.Width - 2*pad, tint: c.Width}
	if t.s.LineNumbers {
		digits := len(strconv.Itoa(len(src)))
		cs.gutter = Length(font.Scale(face.AdvanceMilli('0')*(digits+1), int64(size)))
		cs.width -= cs.gutter
	}
	cs.mark, cs.markMilli = continuationMark(face)
	t.checkCodeGlyphs(b, src)
	word := -1 // the word being read, counted as the EPUB counts the text of <pre>
	inWord := false
	var all []*lineBox
	var keepNext []bool // keep each printed line with the one before (a continuation)
	for i, line := range src {
		var kinds []highlight.Span
		if spans != nil && i < len(spans) {
			kinds = spans[i]
		}
		runes := cs.runes(line, kinds)
		// Word numbers at each character, for the page map.
		words := make([]int, len(runes))
		starts := make([]bool, len(runes)) // the character continues the word before
		for k, cr := range runes {
			if cr.r == ' ' {
				inWord = false
				words[k] = -1
				continue
			}
			starts[k] = inWord
			if !inWord {
				word++
				inWord = true
			}
			words[k] = word
		}
		inWord = false // the end of a line parts words, as a space does
		lines := cs.line(runes, words, starts, i+1)
		for k := range lines {
			keepNext = append(keepNext, k > 0 && len(lines) <= 4)
		}
		all = append(all, lines...)
	}
	if len(all) == 0 {
		return
	}
	// The tint reaches a little above the first line and below the last.
	first, last := all[0], all[len(all)-1]
	first.x.rules[0].Y -= pad / 2
	first.x.rules[0].H += pad / 2
	last.x.rules[0].H += pad / 2
	t.space(c.Leading/2 + pad/2)
	n := len(all)
	for i, lb := range all {
		keep := i > 0 && (n <= keepWhole || i < 2 || n-i < 2 || keepNext[i])
		if i == 0 {
			keep = t.keepNext
			lb.Metrics.First = true
		}
		t.vlist = append(t.vlist, vitem{kind: vLine, line: lb, x: c.offset, keep: keep})
	}
	t.keepNext = false
	t.space(c.Leading/2 + pad/2)
	t.noIndent = true
}

// codeSetter sets the lines of one code block.
type codeSetter struct {
	t       *typesetter
	face    *font.Face
	size    Length
	lead    Length
	block   *doc.CodeBlock
	palette *[highlight.NumKinds]highlight.Look
	// left is where the text starts (after the inset), gutter the room for line numbers
	// after it, width the measure of the code, tint the width of the ground.
	left, gutter, width, tint Length
	mark                      rune
	markMilli                 int
}

// continuationMark is the mark a continued line starts with: ↪ if the face has it.
func continuationMark(face *font.Face) (rune, int) {
	for _, r := range "↪→»" {
		if face.HasRune(r) {
			return r, face.AdvanceMilli(r)
		}
	}
	return '>', face.AdvanceMilli('>')
}

// runes are the characters of a line with their kinds and widths.
func (cs *codeSetter) runes(line string, spans []highlight.Span) []codeRune {
	out := make([]codeRune, 0, len(line))
	if spans == nil {
		spans = []highlight.Span{{Text: line}}
	}
	for _, s := range spans {
		for _, r := range s.Text {
			out = append(out, codeRune{r: r, kind: s.Kind, milli: cs.face.AdvanceMilli(r)})
		}
	}
	return out
}

// Break qualities: where a long line of code is best cut.
const (
	cutForced = iota // inside a token
	cutPunct         // at punctuation: after , ; ( [ { = and the like, before . -> ::
	cutSpace         // after a space
)

// cutQuality is how good a cut before runes[k] is.
func cutQuality(runes []codeRune, k int) int {
	prev, next := runes[k-1].r, runes[k].r
	switch {
	case prev == ' ' && next != ' ':
		return cutSpace
	case next == ' ':
		return cutForced // spaces stay with what they follow
	case strings.ContainsRune(",;([{=&|+*%<>!?", prev) && !strings.ContainsRune("=&|>", next):
		return cutPunct
	case strings.ContainsRune(".-_/:", next) && !strings.ContainsRune(".-_/:", prev):
		return cutPunct
	}
	return cutForced
}

// line sets one line of code, numbered n, wrapping it as it needs: its printed lines.
func (cs *codeSetter) line(runes []codeRune, words []int, inWord []bool, n int) []*lineBox {
	indent := 0 // the line's indentation, in characters
	for indent < len(runes) && runes[indent].r == ' ' {
		indent++
	}
	scale := func(m int) Length { return Length(font.Scale(m, int64(cs.size))) }
	// Continuations hang under the indentation (at most half the measure), behind the mark.
	indentW := Length(0)
	for _, cr := range runes[:indent] {
		indentW += scale(cr.milli)
	}
	hangX := min(indentW, cs.width/2)
	hangText := hangX + scale(cs.markMilli+cs.face.AdvanceMilli(' '))
	var out []*lineBox
	start := 0
	for first := true; first || start < len(runes); first = false {
		x0 := Length(0)
		if !first {
			x0 = hangText
		}
		// The longest piece from start that fits.
		end, acc := start, 0
		for end < len(runes) && x0+scale(acc+runes[end].milli) <= cs.width {
			acc += runes[end].milli
			end++
		}
		if end == start && end < len(runes) {
			end++ // one character at least, however wide
		}
		cut, skip := end, end
		switch {
		case end == len(runes):
		case runes[end].r == ' ' && end > indent:
			// The line is full at a space: cut there, and the spaces at the cut go, as
			// TeX drops glue at a break.
			for skip < len(runes) && runes[skip].r == ' ' {
				skip++
			}
		default:
			cut = bestCut(runes, start, end, indent)
			skip = cut
		}
		lb := cs.printed(runes[start:cut], x0, first, n, hangX)
		// The first word on the line, for a page that begins here.
		for k := start; k < cut; k++ {
			if words[k] >= 0 {
				lb.word, lb.inWord = int32(words[k]), inWord[k]
				break
			}
		}
		if first && cut == start {
			lb.word = -1
		}
		out = append(out, lb)
		start = skip
	}
	return out
}

// bestCut is where to cut runes[start:] that fits up to end: the last cut after a space in
// the latter two thirds of the piece, else the last at punctuation there, else the last one
// after a space or punctuation anywhere past the indentation, else end (inside a token).
func bestCut(runes []codeRune, start, end, indent int) int {
	lo := max(start+1, indent+1)
	third := start + (end-start)/3
	for _, q := range []int{cutSpace, cutPunct} {
		for k := end; k >= max(lo, third); k-- {
			if k < len(runes) && cutQuality(runes, k) == q {
				return k
			}
		}
	}
	for k := end; k >= lo; k-- {
		if k < len(runes) && cutQuality(runes, k) > cutForced {
			return k
		}
	}
	// Spaces after end still fit nowhere: cut at end, where the text is.
	return end
}

// printed makes the line box of a printed line of code: its characters from x0 (after the
// inset and gutter), the ground, the continuation mark or the line's number.
func (cs *codeSetter) printed(runes []codeRune, x0 Length, first bool, n int, hangX Length) *lineBox {
	lb := &lineBox{Leading: cs.lead, Size: cs.size, block: cs.block, word: -1}
	// The ground, exactly one leading tall, so the lines' grounds meet.
	below := cs.lead * 3 / 10
	lb.more().rules = append(lb.ex().rules, Rule{X: 0, Y: below - cs.lead, W: cs.tint, H: cs.lead, Tint: codeTint})
	left := cs.left + cs.gutter
	if first && cs.gutter > 0 {
		num := strconv.Itoa(n)
		w := Length(cs.face.Measure(num, int64(cs.size), false))
		lb.Runs = append(lb.Runs, Run{X: int32(cs.left + cs.gutter - w - Length(cs.face.Measure(" ", int64(cs.size), false))), Style: Mono, Size: int32(cs.size), Text: num, Width: int32(w), Colour: markColour})
	}
	if !first {
		w := Length(font.Scale(cs.markMilli, int64(cs.size)))
		lb.Runs = append(lb.Runs, Run{X: int32(left + hangX), Style: Mono, Size: int32(cs.size), Text: string(cs.mark), Width: int32(w), Colour: markColour})
	}
	var text strings.Builder
	milli, runStart := 0, 0
	flush := func(k int, last bool) {
		if text.Len() == 0 {
			return
		}
		look := cs.palette[runes[runStart].kind]
		st := Mono
		if look.Bold {
			st |= Bold
		}
		if look.Italic {
			st |= Italic
		}
		// Text in the bold or italic face is measured with that face's widths (the same in a
		// monospaced family, but the PDF draws with the face's own).
		face := cs.t.s.Face(st)
		all := text.String()
		text.Reset()
		// Spaces are drawn (a reader who copies the code gets them, and text extraction
		// reads the line as one), but not at the end of a line.
		s := all
		if last {
			s = strings.TrimRight(all, " ")
		}
		if s != "" {
			x := left + x0 + Length(font.Scale(milli, int64(cs.size)))
			w := Length(face.Measure(s, int64(cs.size), false))
			// The code's own text is the block's (tagged Code); line numbers and ↪ marks, with
			// no block, are artifacts.
			lb.Runs = append(lb.Runs, Run{X: int32(x), Style: st, Size: int32(cs.size), Text: s, Width: int32(w), Colour: look.Colour, Block: blockRef(&lb.more().blocks, cs.block)})
		}
		milli += face.MeasureMilli(all, false)
	}
	for k, cr := range runes {
		if k > 0 && cr.kind != runes[k-1].kind {
			flush(k, false)
		}
		if text.Len() == 0 {
			runStart = k
		}
		text.WriteRune(cr.r)
	}
	flush(len(runes), true)
	right := left + x0 + Length(font.Scale(milli, int64(cs.size)))
	lb.Metrics = compact(LineMetrics{Kind: LineCode, Width: cs.tint, Natural: right, Right: right, Last: true}, cs.t.s.Metrics)
	if cs.t.s.Metrics {
		// The line's text as it reads, its indentation kept (the runs do not draw spaces).
		var shown strings.Builder
		if first && cs.gutter > 0 {
			shown.WriteString(strconv.Itoa(n) + " ")
		}
		if !first {
			shown.WriteString(string(cs.mark) + " ")
		}
		for _, cr := range runes {
			shown.WriteRune(cr.r)
		}
		lb.Metrics.more.Text = strings.TrimRight(shown.String(), " ")
	}
	return lb
}

// expandTabs replaces each tab by the spaces to the next multiple of width columns, line by
// line (a character is a column: code is monospaced).
func expandTabs(s string, width int) string {
	if !strings.ContainsRune(s, '\t') {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := width - col%width
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// codeBreaks are the places a piece of literal text in a line (inline code, a URL) may break,
// with no hyphen added: before . - _ / ~ ? # % and after // : :: = & (the Chicago Manual's
// rules for URLs), never next to another such mark, never at its ends.
func codeBreaks(w string) []wordBreak {
	var out []wordBreak
	var prev rune
	for i, r := range w {
		if i == 0 {
			prev = r
			continue
		}
		atEnd := i+utf8.RuneLen(r) >= len(w)
		switch {
		case strings.ContainsRune(".-_/~?#%", r) && !strings.ContainsRune(".-_/~?#%:", prev) && !atEnd:
			out = append(out, wordBreak{at: i, explicit: true})
		case strings.ContainsRune(":=&", prev) && !strings.ContainsRune(":=&/", r):
			out = append(out, wordBreak{at: i, explicit: true})
		case prev == '/' && i >= 2 && w[i-2] == '/' && r != '/':
			out = append(out, wordBreak{at: i, explicit: true})
		}
		prev = r
	}
	return out
}

// looksLikeURL reports whether a word is a web address or a path, broken as code is. A
// word without a colon (most) can only begin with www.: one byte search, not three.
func looksLikeURL(w string) bool {
	if strings.IndexByte(w, ':') < 0 {
		return strings.HasPrefix(w, "www.")
	}
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.HasPrefix(w, "mailto:")
}

// checkCodeGlyphs reports the characters of a code block the code face cannot draw, once per
// character in a book, as the text's are reported (paragraphSetter.checkGlyphs): the PDF would
// print them as blanks. The place is the fence's line plus the line of code (tabs expanded,
// so the column is the character's).
func (t *typesetter) checkCodeGlyphs(b *doc.CodeBlock, lines []string) {
	face := t.s.Face(Mono)
	for i, line := range lines {
		col := 0
		for _, r := range line {
			col++
			if r < 0x20 || r == ' ' || face.HasRune(r) || t.missing[r] {
				continue
			}
			if t.missing == nil {
				t.missing = map[rune]bool{}
			}
			t.missing[r] = true
			at := b.Pos
			if at.Line > 0 {
				at.Line += i + 1
				at.Col = col
			}
			if t.missingAt == nil {
				t.missingAt = map[int]rune{}
			}
			t.missingAt[len(t.warnings)] = r
			t.warnings.WarnKind(at, "missing-glyph", "the character %U %q is not in the code font %s; the PDF shows a blank for it", r, r, face.Family)
		}
	}
}
