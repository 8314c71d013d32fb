package layout

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/font"
	"bindery/book/lang"
	"bindery/book/linebreak"
)

// inlines adds the items of inlines set in look l.
func (p *paragraphSetter) inlines(ins []doc.Inline, l look) {
	for _, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			p.at = in.Pos
			p.text(in.Text, l)
			p.at = diag.Pos{}
		case *doc.Code:
			p.text(in.Text, p.literal(l))
		case *doc.Math:
			if in.Display {
				p.display(in, l)
			} else {
				p.text(in.Text, p.literal(l))
			}
		case *doc.Emphasis:
			e := l
			e.style = l.style.with(false, true)
			p.inlines(in.Children, e)
		case *doc.Strong:
			s := l
			s.style = l.style.with(true, false)
			p.inlines(in.Children, s)
		case *doc.Styled:
			p.styled(in, l)
		case *doc.Link:
			// A link the book cannot carry (no URL) is its text alone.
			k := l
			k.link = in.URL
			p.inlines(in.Children, k)
		case *doc.Span:
			if in.ID != "" {
				p.mark(in.ID)
			}
			s := l
			if in.Lang != "" {
				s.lang = in.Lang
			}
			p.inlines(in.Children, s)
		case *doc.TextAnchor:
			p.mark(in.ID)
		case *doc.IndexMark:
			if in.ID != "" {
				p.mark(in.ID)
			}
		case *doc.GlossaryRef:
			p.mark(in.ID)
			g := l
			if in.Linked && g.link == "" {
				g.link = "#" + in.Entry.ID
			}
			p.inlines(in.Children, g)
		case *doc.CrossRef:
			c := l
			if _, ok := p.t.book.Anchors.Lookup(in.Target); ok {
				c.link = "#" + in.Target
			}
			p.text(p.t.crossRefText(in.Target), c)
		case *doc.Image:
			p.image(in, l)
		case *doc.Break:
			if in.Hard {
				// A forced line break: fill the line and break.
				p.trimGlue()
				p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty), linebreak.NewFilGlue(Pt, linebreak.Fil), linebreak.NewPenalty(linebreak.EjectPenalty))
			} else {
				p.space(&l)
			}
		case *doc.FootnoteRef:
			num := strconv.Itoa(in.Note.Number)
			n := superscript(l)
			p.box(num, fragment{text: num, style: Roman, size: n.size, raise: n.raise, link: "#" + in.Note.ID, note: in.Note, noteN: in.N})
		}
	}
}

// trimGlue removes glue at the end of the list.
func (p *paragraphSetter) trimGlue() {
	for len(p.items) > 0 && p.items[len(p.items)-1].Kind == linebreak.KindGlue {
		p.items = p.items[:len(p.items)-1]
	}
}

// space adds inter-word glue: the face's space, stretching by half and shrinking by a third
// (the proportions of TeX's fonts).
func (p *paragraphSetter) space(l *look) {
	// A word ends at the first space after some text, as the EPUB counts (even where no glue
	// is set: at the start of the text after a display).
	if !p.inSpace && len(p.frags) > 0 && p.described == 0 {
		p.words++
	}
	p.inSpace = true
	if len(p.items) == 0 {
		return
	}
	if last := p.items[len(p.items)-1]; last.Kind == linebreak.KindGlue {
		return
	}
	w := p.t.spaceWidth(p.face(l.style), l.size)
	if p.spec.Ragged || p.spec.Centered {
		p.items = append(p.items, linebreak.NewGlue(w, 0, 0))
		return
	}
	p.items = append(p.items, linebreak.NewGlue(w, w/2, w/3))
}

// text adds a string of text: words, and glue at its spaces (a no-break space is glue
// after a penalty that forbids the break).
func (p *paragraphSetter) text(s string, l look) {
	start := 0
	if p.at.File != "" {
		p.checkGlyphs(s, &l)
	}
	for i := 0; i < len(s); {
		// Letters, figures and marks of ASCII (most of the text) are no space: skipped eight
		// at a time while eight remain, to the first byte that may be one.
		if i+8 <= len(s) {
			if m := wordBytes(diag.Load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
			} else {
				i += 8
				continue
			}
		}
		if c := s[i]; c > ' ' && c < utf8.RuneSelf {
			i++
			continue
		}
		// As range reads it; a no-break space is glue that cannot break.
		r, size := utf8.DecodeRuneInString(s[i:])
		if doc.NoBreakSpace(r) {
			p.word(s[start:i], &l)
			p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			p.space(&l)
			start = i + size
		} else if doc.WordSpace(r) {
			p.word(s[start:i], &l)
			if p.s.ties != nil && !l.literal && p.s.ties.tied(s[start:i], s[i+size:]) {
				p.items = append(p.items, linebreak.NewPenalty(linebreak.InfPenalty))
			}
			if p.spec.Display {
				p.phraseBreak(s[start:i])
			}
			p.space(&l)
			start = i + size
		}
		i += size
	}
	p.word(s[start:], &l)
}

// checkGlyphs reports characters the face cannot draw, once per character in a book, with
// where they first occur: the PDF would otherwise print them silently as blanks. A missing
// letter of the language's own script means the font cannot set the language (Greek in a
// Latin face): that is one error for the language, at its first missing letter, rather than
// a page of blanks. A stray letter of another script stays a warning.
func (p *paragraphSetter) checkGlyphs(s string, l *look) {
	face := p.face(l.style)
	// When the face draws all of printable ASCII, only the rest is looked up: in text with a
	// typographic quote, most of the characters are still ASCII.
	ascii := p.t.drawsASCII(face)
	if ascii && printableASCII(s) {
		return // most text: eight bytes compared at a time, not a character looked up
	}
	col := 0
	for i := 0; i < len(s); {
		// Eight bytes below DEL are eight characters the face draws, or control characters.
		if ascii && i+8 <= len(s) && !pastTilde(diag.Load64(s, i)) {
			i += 8
			col += 8
			continue
		}
		// As range reads it.
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		col++
		if r < 0x7f && (r < 0x20 || ascii) {
			continue
		}
		if r < 0x20 || doc.WordSpace(r) || face.HasRune(r) || p.t.missing[r] {
			continue
		}
		if p.t.missing == nil {
			p.t.missing = map[rune]bool{}
		}
		p.t.missing[r] = true
		at := p.at
		if at.Line > 0 {
			at.Col += col - 1
		}
		if language := p.lang(l); unicode.IsLetter(r) && !l.literal && lang.InScript(language, r) {
			p.scriptError(at, r, face.Family, l.lang)
			continue
		}
		if p.t.missingAt == nil {
			p.t.missingAt = map[int]rune{}
		}
		p.t.missingAt[len(p.t.warnings)] = r
		p.t.warnings.WarnKind(at, "missing-glyph", "the character %U %q is not in the font %s; the PDF shows a blank for it", r, r, face.Family)
	}
}

// printableASCII reports whether s has no byte past '~' (control characters are not
// checked).
func printableASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if pastTilde(diag.Load64(s, i)) {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] > '~' {
			return false
		}
	}
	return true
}

// pastTilde reports whether any of x's eight bytes is past '~': such a byte has its high bit
// set, or gains it when one is added (0x7f); a carry into the next byte comes only from 0xff,
// itself marked.
func pastTilde(x uint64) bool {
	return (x|(x+0x0101010101010101))&0x8080808080808080 != 0
}

// drawsASCII reports whether face draws every printable ASCII character, remembered for
// the goroutine's faces.
func (t *typesetter) drawsASCII(face *font.Face) bool {
	if t.setters == nil {
		return false
	}
	known := &t.setters.asciiFaces
	for _, f := range known {
		if f == face && f != nil {
			return true
		}
	}
	for r := rune(' '); r <= '~'; r++ {
		if !doc.WordSpace(r) && !face.HasRune(r) {
			return false
		}
	}
	copy(known[1:], known[:])
	known[0] = face
	return true
}

// lang is the language of text set in look l: its passage's, else the book's.
func (p *paragraphSetter) lang(l *look) string {
	if l.lang != "" {
		return l.lang
	}
	if t := p.t.language(); t != "" {
		return t
	}
	return "en"
}

// scriptError reports that the face cannot set a language, once per language in a book.
func (p *paragraphSetter) scriptError(at diag.Pos, r rune, family, passage string) {
	tag, where := passage, "the language of this passage (lang="+passage+")"
	if tag == "" {
		tag, where = p.t.language(), "the book's language (language: in book.yaml)"
		if tag == "" {
			tag = "?"
		}
	}
	if p.t.langsMissing[tag] {
		return // reported in this chapter already
	}
	if p.t.langsMissing == nil {
		p.t.langsMissing = map[string]bool{}
	}
	p.t.langsMissing[tag] = true
	if p.t.missingLang == nil {
		p.t.missingLang = map[int]string{}
	}
	p.t.missingLang[len(p.t.warnings)] = tag
	p.t.warnings.Errorf(at, "the font %s cannot set %s, %s: its first letter missing is %q (%U); choose a font that has it (font: in book.yaml) or mark the passage in another language",
		family, tag, where, r, r)
}

// box adds one box for a fragment.
func (p *paragraphSetter) box(text string, f fragment) {
	w := Length(p.face(f.style).Measure(text, int64(f.size), true))
	p.openQuotes()
	p.addFrag(f)
	p.items = append(p.items, linebreak.NewBox(w, len(p.frags)-1))
}

// addFrag records a fragment, giving it the marks that wait for it and its word number.
func (p *paragraphSetter) addFrag(f fragment) {
	f.word = p.words
	p.inSpace = false
	if len(p.pending) > 0 {
		f.marks, p.pending = p.pending, nil // f.marks are read only
		p.markFrom = len(p.markBuf)
	}
	p.frags = append(p.frags, f)
}

// mark adds a destination to the marks waiting for the next word. The marks of a paragraph
// are written one after another in the setter's markBuf: pending is its tail, which the
// next fragment takes.
func (p *paragraphSetter) mark(id string) {
	p.markBuf = append(p.markBuf, id)
	p.pending = p.markBuf[p.markFrom:len(p.markBuf):len(p.markBuf)]
}

// flushMarks puts marks left at the end of a paragraph on a box of no width.
func (p *paragraphSetter) flushMarks() {
	if len(p.pending) > 0 {
		p.addFrag(fragment{size: p.spec.Size})
		p.items = append(p.items, linebreak.NewBox(0, len(p.frags)-1))
	}
}

// word adds a word: boxes for its syllables with discretionary hyphens between them, and a
// break after any explicit hyphen or dash it contains, as setPieces sets them (once per
// build and look: wordcache.go).
func (p *paragraphSetter) word(w string, l *look) {
	if w == "" {
		return
	}
	p.openQuotes()
	pieces := p.setWordPieces(w, l, p.face(l.style))
	p.kernWithPrevious(pieces[0].text, l)
	for _, pc := range pieces {
		p.addFrag(fragment{text: pc.text, style: l.style, size: l.size, raise: l.raise, link: l.link, struck: l.struck, lang: l.lang})
		p.items = append(p.items, linebreak.NewBox(Length(pc.width), len(p.frags)-1))
		switch {
		case pc.after == discretionary:
			p.items = append(p.items, linebreak.NewDiscretionary(Length(pc.extra), p.s.Params.HyphenPenalty))
		case pc.after == explicitBreak && pc.extra != 0:
			p.items = append(p.items, linebreak.NewExHyphen(int(pc.extra)))
		case pc.after == explicitBreak:
			p.items = append(p.items, linebreak.NewExHyphen(p.s.Params.ExHyphenPenalty))
		}
	}
}

// setPieces appends to out the pieces of w set in look l: its syllables as drawn, each
// box's width, and the break after it. Kerning is measured across syllables (the kern
// belongs to the box before the break point), and a discretionary's width is what the line
// gains if it breaks there: the hyphen, kerned with the letter before it, less the kern
// that no longer follows that letter. So a line measures exactly what the PDF draws.
func (p *paragraphSetter) setPieces(out []setPiece, w string, l *look, face *font.Face) []setPiece {
	// Byte offsets, with whether each is explicit, in the setter's scratch.
	classes := wordClasses(w)
	breaks := append(p.breakPoints(p.breaks[:0], w, l, classes), wordBreak{at: len(w)})
	p.breaks = breaks
	if len(breaks) == 1 {
		return append(out, p.setWhole(w, l, face, classes)) // most words
	}
	return p.setSyllables(out, w, l, face, breaks, classes)
}

// A word's byte classes, found in one pass (wordClasses) for the tests setting it asks: is it
// an address (a colon), may it have an explicit break, a capital, a figure.
const (
	byteColon      uint8 = 1 << iota
	byteDashSlash        // '-' or '/'
	byteUpperASCII       // 'A' to 'Z'
	bytePastASCII        // any byte of a character past ASCII (or not UTF-8)
	byteDigit            // '0' to '9'
	byteF                // 'f', which every ligature begins with
)

// byteClasses is each byte's class.
var byteClasses = func() (c [256]uint8) {
	c[':'], c['-'], c['/'] = byteColon, byteDashSlash, byteDashSlash
	for b := 'A'; b <= 'Z'; b++ {
		c[b] = byteUpperASCII
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = byteDigit
	}
	c['f'] = byteF
	for b := utf8.RuneSelf; b < 256; b++ {
		c[b] = bytePastASCII
	}
	return c
}()

// wordClasses is the union of w's bytes' classes.
func wordClasses(w string) uint8 {
	var m uint8
	for i := 0; i < len(w); i++ {
		m |= byteClasses[w[i]]
	}
	return m
}

// setSyllables is setPieces for a word with its breaks found, the last at its end, and its
// byte classes.
func (p *paragraphSetter) setSyllables(out []setPiece, w string, l *look, face *font.Face, breaks []wordBreak, classes uint8) []setPiece {
	size := int64(l.size)
	// The syllables as drawn: small capitals and figures as the look asks (variants.go),
	// ligatures inside each syllable, never across a break point.
	pieces := slices.Grow(p.pieces[:0], len(breaks))[:len(breaks)]
	p.pieces = pieces
	acronyms := p.acronyms(w, l, classes)
	for k := range breaks {
		from := 0
		if k > 0 {
			from = breaks[k-1].at
		}
		pieces[k] = w[from:breaks[k].at]
		if !l.literal {
			pieces[k] = ligateIf(face, variants(face, w, from, breaks[k].at, l, acronyms, classes), classes)
		}
	}
	// The syllables drawn so far measure milli: each syllable's width and the kern between
	// it and the one before added to the sum (MeasureMilli's sum, pair by pair), not the
	// whole prefix measured again at each break. Two strings of UTF-8 read together as each
	// alone; bytes that are not could join into a character across a break, so a word with
	// such a syllable is measured whole at each break.
	valid := true
	for _, piece := range pieces {
		valid = valid && validText(piece)
	}
	prevEnd, milli, drawn := 0, 0, false
	last := utf8.RuneError // the last character drawn, as DecodeLastRuneInString("") says
	for k, b := range breaks {
		if piece := pieces[k]; !valid {
			all := strings.Join(pieces[:k+1], "")
			milli = face.MeasureMilli(all, true)
			last, _ = utf8.DecodeLastRuneInString(all)
		} else if piece != "" {
			if drawn {
				first, _ := utf8.DecodeRuneInString(piece)
				milli += face.KernMilli(last, first)
			}
			milli += face.MeasureMilli(piece, true)
			last, _ = utf8.DecodeLastRuneInString(piece)
			drawn = true
		}
		end := milli // where the next syllable begins, in 1/1000 em from the word's start
		if b.at < len(w) && !b.explicit {
			next, _ := utf8.DecodeRuneInString(pieces[k+1])
			end += face.KernMilli(last, next)
		}
		pc := setPiece{text: pieces[k], width: int32(font.Scale(end, size) - font.Scale(prevEnd, size))}
		switch {
		case b.at == len(w):
		case b.explicit:
			pc.after, pc.extra = explicitBreak, int32(b.penalty)
		default:
			pc.after = discretionary
			hyphenEnd := milli + face.KernMilli(last, '-') + face.AdvanceMilli('-')
			pc.extra = int32(font.Scale(hyphenEnd, size) - font.Scale(end, size))
		}
		out = append(out, pc)
		if b.at == len(w) {
			break
		}
		prevEnd = end
	}
	return out
}

// setWhole is setPieces for a word that has no break point: one piece, the word as drawn,
// measured whole (so whether it is valid UTF-8 does not matter). classes are its bytes'.
func (p *paragraphSetter) setWhole(w string, l *look, face *font.Face, classes uint8) setPiece {
	piece := w
	if !l.literal {
		piece = ligateIf(face, variants(face, w, 0, len(w), l, p.acronyms(w, l, classes), classes), classes)
	}
	size := int64(l.size)
	milli := face.MeasureMilli(piece, true)
	return setPiece{text: piece, width: int32(font.Scale(milli, size) - font.Scale(0, size))}
}

// wordBytes marks, in the high bit of its byte, each of x's eight bytes that is not ASCII
// above the space (a byte up to ' ', or past ASCII). Only the lowest mark is exact: a
// byte below '!' borrows from the next, which may be marked falsely.
func wordBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x - 0x21*ones | x) & highs
}

// validText is utf8.ValidString, the ASCII of most words checked here (the call was a
// hundred instructions a word).
func validText(s string) bool {
	for _, c := range []byte(s) {
		if c >= utf8.RuneSelf {
			return utf8.ValidString(s)
		}
	}
	return true
}

// ligatures are the standard ligatures (OpenType's liga for f), longest first, as the
// font's presentation forms: a font that maps them draws the same glyphs its GSUB would.
var ligatures = []struct{ letters, glyph string }{
	{"ffi", "\ufb03"}, {"ffl", "\ufb04"}, {"ff", "\ufb00"}, {"fi", "\ufb01"}, {"fl", "\ufb02"},
}

// ligateIf is ligate for a piece of a word whose bytes' classes are classes: a word without
// an f has no ligature to look for (variants adds none: what it changes becomes a character
// past U+EFFFF).
func ligateIf(face *font.Face, s string, classes uint8) string {
	if classes&byteF == 0 {
		return s
	}
	return ligate(face, s)
}

// ligate sets the standard ligatures the face has in a piece of a word (a syllable: a
// ligature never spans a place the line may break).
func ligate(face *font.Face, s string) string {
	if !mayLigate(s) {
		return s
	}
	for _, l := range ligatures {
		if strings.Contains(s, l.letters) && face.HasRune([]rune(l.glyph)[0]) {
			s = strings.ReplaceAll(s, l.letters, l.glyph)
		}
	}
	return s
}

// mayLigate reports whether s has an f followed by f, i or l, as every ligature begins:
// most words with an f (of, for, after) have none, and were searched for each ligature.
func mayLigate(s string) bool {
	for i := strings.IndexByte(s, 'f'); i >= 0 && i+1 < len(s); {
		switch s[i+1] {
		case 'f', 'i', 'l':
			return true
		}
		j := strings.IndexByte(s[i+1:], 'f')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// kernWithPrevious kerns a word with the text it continues without a space (after an index
// mark, say, or the end of a link), when the two will be drawn as one run.
func (p *paragraphSetter) kernWithPrevious(w string, l *look) {
	n := len(p.items)
	if n == 0 || p.items[n-1].Kind != linebreak.KindBox || p.items[n-1].Payload < 0 {
		return
	}
	f := &p.frags[p.items[n-1].Payload]
	if f.text == "" || f.style != l.style || f.size != l.size || f.raise != l.raise || f.link != l.link || f.lang != l.lang || f.note != nil {
		return
	}
	face := p.face(l.style)
	last, _ := utf8.DecodeLastRuneInString(f.text)
	first, _ := utf8.DecodeRuneInString(w)
	if k := face.KernMilli(last, first); k != 0 {
		p.items[n-1].Width += Length(font.Scale(k, int64(l.size)))
	}
}

// wordBreak is where a word may break, as a byte offset: after an explicit hyphen or dash,
// or at a hyphenation point.
type wordBreak struct {
	at       int
	explicit bool
	// penalty, when not 0, is the cost of breaking here instead of the explicit hyphen's.
	penalty int
}

// breakPoints appends to out where a word may break: after explicit hyphens and dashes, else
// at the hyphenation points of its letters. Words with an explicit hyphen break only there.
// classes are w's bytes' (wordClasses).
func (p *paragraphSetter) breakPoints(out []wordBreak, w string, l *look, classes uint8) []wordBreak {
	if p.spec.breakAnywhere {
		return append(out, everyCharacter(w)...)
	}
	if l.literal || addressLike(w, classes) {
		// Code and addresses: no hyphen is ever added. One wider than the measure may
		// break between any two characters, as a code block's forced cut does.
		if Length(p.face(l.style).Measure(w, int64(l.size), false)) > p.spec.Width {
			return append(out, withEveryCharacter(codeBreaks(w), w)...)
		}
		return append(out, codeBreaks(w)...)
	}
	explicit := len(out)
	if mayHaveDash(classes) { // most words have no hyphen, slash or dash to look for
		out = explicitBreaks(out, w)
	}
	hy := p.s.Hyphenator
	if l.lang != "" {
		hy = p.t.hyphenatorFor(l.lang)
	}
	if len(out) > explicit || p.spec.NoHyphenation || l.literal || hy == nil {
		return out
	}
	// Hyphenate the letters only: leading and trailing punctuation is not part of the word.
	lo, end := letterSpan(w)
	if lo < 0 {
		return out
	}
	core := w[lo:end]
	for _, pt := range p.t.hyphenate(hy, core) {
		out = append(out, wordBreak{at: lo + pt})
	}
	return out
}

// letterSpan is where w's letters are, from its first letter to the end of its last (lo is
// -1 when it has none). Most words begin and end with an ASCII letter: their span is the
// word, without a search from either end. w is not empty.
func letterSpan(w string) (lo, end int) {
	lo, hi, last := 0, len(w)-1, 1
	if !isASCIILetter(w[lo]) {
		lo = strings.IndexFunc(w, unicode.IsLetter)
	}
	if !isASCIILetter(w[hi]) {
		hi = strings.LastIndexFunc(w, unicode.IsLetter)
	}
	if lo < 0 {
		return -1, 0
	}
	if w[hi] >= utf8.RuneSelf {
		_, last = utf8.DecodeRuneInString(w[hi:])
	}
	return lo, hi + last
}

// isASCIILetter reports whether c is a letter of ASCII (unicode.IsLetter of it).
func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// explicitBreaks appends to out the breaks after w's hyphens, dashes and slashes.
func explicitBreaks(out []wordBreak, w string) []wordBreak {
	for i, r := range w {
		if (r == '-' || r == '–' || r == '—' || r == '/') && i > 0 {
			end := i + utf8.RuneLen(r)
			before, _ := utf8.DecodeLastRuneInString(w[:i])
			after, _ := utf8.DecodeRuneInString(w[end:])
			if unicode.IsDigit(before) && unicode.IsDigit(after) {
				continue // a range or a date (33–34, 2000–2003) is never broken
			}
			if end < len(w) {
				out = append(out, wordBreak{at: end, explicit: true})
			}
		}
	}
	return out
}

// mayHaveDash reports whether a word of these byte classes has a hyphen, a slash or a byte
// past ASCII (a dash may be among them).
func mayHaveDash(classes uint8) bool { return classes&(byteDashSlash|bytePastASCII) != 0 }

// addressLike is looksLikeURL for a word of these byte classes: without a colon, only
// www. can begin one.
func addressLike(w string, classes uint8) bool {
	return classes&byteColon != 0 && looksLikeURL(w) || len(w) >= 4 && w[:4] == "www."
}

// mayHaveCapital is hasUpper for a word of these byte classes: a capital of ASCII says yes,
// a word all ASCII without one no.
func mayHaveCapital(w string, classes uint8) bool {
	return classes&byteUpperASCII != 0 || classes&bytePastASCII != 0 && hasUpper(w)
}

// everyCharacter are breaks between every two characters of w, with no hyphen.
func everyCharacter(w string) []wordBreak {
	var out []wordBreak
	for i := range w {
		if i > 0 {
			out = append(out, wordBreak{at: i, explicit: true})
		}
	}
	return out
}

// forcedBreak is the cost of breaking code or an address between two characters that are not
// a break point of it: only when nothing else fits.
const forcedBreak = 5000

// withEveryCharacter adds to breaks (in order) a costly break between every other two
// characters of w: for code wider than the measure.
func withEveryCharacter(breaks []wordBreak, w string) []wordBreak {
	var out []wordBreak
	k := 0
	for _, b := range everyCharacter(w) {
		for k < len(breaks) && breaks[k].at < b.at {
			out = append(out, breaks[k])
			k++
		}
		if k < len(breaks) && breaks[k].at == b.at {
			out = append(out, breaks[k])
			k++
			continue
		}
		b.penalty = forcedBreak
		out = append(out, b)
	}
	return append(out, breaks[k:]...)
}

// spaceKey is a face at a size, whose space width is remembered.
type spaceKey struct {
	face *font.Face
	size Length
}

// spaceWidth is the width of a face's space at a size, remembered.
func (t *typesetter) spaceWidth(f *font.Face, size Length) Length {
	k := spaceKey{f, size}
	// Most spaces are the body text's, one after the other: the last answer first (a struct
	// key hashed for every space was most of this).
	if k.face != nil && t.spaceAsked == k {
		return t.spaceAnswer
	}
	w, ok := t.spaces[k]
	if !ok {
		if t.spaces == nil {
			t.spaces = map[spaceKey]Length{}
		}
		w = Length(f.Measure(" ", int64(size), false))
		t.spaces[k] = w
	}
	t.spaceAsked, t.spaceAnswer = k, w
	return w
}
