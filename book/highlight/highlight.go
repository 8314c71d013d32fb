// Package highlight splits a code block into tokens of a few kinds by its language (chroma's
// lexers), and says how each kind looks in a palette: the EPUB writes the kinds as classes
// with a stylesheet made from the palette, the print layout sets them in its colours and
// weights, so both editions agree.
package highlight

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"bindery/book/highlight/lexers"
	"github.com/alecthomas/chroma/v2"
)

// Kind is what a token is, as few kinds as a reader tells apart on a page.
type Kind uint8

const (
	Plain Kind = iota
	Keyword
	Type     // type names and keywords that name types
	Builtin  // built-in functions and constants (True, None, println!)
	Function // names being defined: functions, classes
	String
	Number
	Comment
	Meta     // preprocessor lines, decorators, attributes
	Inserted // a diff's added lines
	Deleted  // a diff's removed lines
	Heading  // generic headings, a prompt
	Emphasis // generic emphasis
	Strong   // generic strong text
	NumKinds
)

// classes are the EPUB's class names of the kinds (Plain has none).
var classes = [NumKinds]string{"", "hl-kw", "hl-ty", "hl-bi", "hl-fn", "hl-st", "hl-nu", "hl-cm", "hl-mt", "hl-in", "hl-de", "hl-hd", "hl-em", "hl-sg"}

// Class is the EPUB class of a kind, "" for plain text.
func (k Kind) Class() string {
	if k >= NumKinds {
		return ""
	}
	return classes[k]
}

// Span is a piece of a line of code of one kind.
type Span struct {
	Text string
	Kind Kind
}

// Limits beyond which a block is set plain: lexers are regular expressions, and a listing
// this long is data rather than a program to read.
const (
	MaxBytes = 256 << 10
	MaxLines = 5000
)

// Lines splits text (lines parted by "\n") into spans of each line by the lexer of lang, the
// language a fence names (```rust). It returns nil when the language is unknown, not given,
// or the text is too long: the caller sets the text plain. The spans of a line hold exactly
// its text.
func Lines(lang, text string) [][]Span {
	// The print layout sets a block in every pass of its page-number fixpoint and the EPUB
	// writes it once more: the lexers' regular expressions are the cost, so results are
	// remembered (up to cacheBytes of text in a process).
	key := cacheKey{lang, text}
	if v, ok := cache.Load(key); ok {
		return v.([][]Span)
	}
	lines := lines(lang, text)
	if cached.Add(int64(len(text))) <= cacheBytes {
		cache.Store(key, lines)
	}
	return lines
}

// cacheKey is a block's language and text.
type cacheKey struct{ lang, text string }

// cacheBytes bounds the text whose highlighting is remembered.
const cacheBytes = 32 << 20

var (
	cache  sync.Map // cacheKey → [][]Span
	cached atomic.Int64
)

// lines is Lines without the cache.
func lines(lang, text string) [][]Span {
	lexer := Lexer(lang)
	if lexer == nil || len(text) > MaxBytes || strings.Count(text, "\n") >= MaxLines {
		return nil
	}
	it, err := lexer.Tokenise(nil, text)
	if err != nil {
		return nil
	}
	// A token holds at least a byte, or the lexer is looping: some of chroma's lexers emit
	// empty tokens without end on text they do not expect (Jungle's on a line of Python).
	// Tokens are not coalesced: the spans merge runs of a kind anyway.
	budget := 2*len(text) + 256
	lines := [][]Span{nil}
	for tok := it(); tok != chroma.EOF; tok = it() {
		if budget--; budget < 0 {
			return nil
		}
		k := kindOf(tok.Type)
		parts := strings.Split(tok.Value, "\n")
		for i, part := range parts {
			if i > 0 {
				lines = append(lines, nil)
			}
			if part == "" {
				continue
			}
			cur := &lines[len(lines)-1]
			if n := len(*cur); n > 0 && (*cur)[n-1].Kind == k {
				(*cur)[n-1].Text += part
			} else {
				*cur = append(*cur, Span{Text: part, Kind: k})
			}
		}
	}
	// Lexers add a final newline the text may not have; the lines must be the text's.
	want := strings.Count(text, "\n") + 1
	for len(lines) > want && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) != want || !same(lines, text) {
		return nil // never print other text than the author's
	}
	return lines
}

// same reports whether the spans of lines are exactly text.
func same(lines [][]Span, text string) bool {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, s := range l {
			b.WriteString(s.Text)
		}
	}
	return b.String() == text
}

// Lexer is chroma's lexer for a fence's language, or nil when the language is not one chroma
// knows (or is plain text). Only names and aliases count, never a guess from the content.
func Lexer(lang string) chroma.Lexer {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == "" || len(lang) > 40 || strings.ContainsAny(lang, "<>\"'&/\\*?[]") {
		return nil
	}
	switch lang {
	case "text", "txt", "plain", "plaintext", "none", "output", "console-output":
		return nil
	}
	l := lexers.Get(lang)
	if l == nil || l.Config().Name == "plaintext" {
		return nil
	}
	return l
}

// kindOf is the kind of a chroma token type.
func kindOf(t chroma.TokenType) Kind {
	switch {
	case t == chroma.KeywordType:
		return Type
	case t == chroma.KeywordConstant:
		return Builtin
	case t == chroma.CommentPreproc || t == chroma.CommentPreprocFile:
		return Meta
	case t.InCategory(chroma.Keyword):
		return Keyword
	case t == chroma.NameBuiltin || t == chroma.NameBuiltinPseudo:
		return Builtin
	case t == chroma.NameFunction || t == chroma.NameClass || t == chroma.NameFunctionMagic:
		return Function
	case t == chroma.NameDecorator:
		return Meta
	case t.InSubCategory(chroma.LiteralString):
		return String
	case t.InSubCategory(chroma.LiteralNumber):
		return Number
	case t.InCategory(chroma.Comment):
		return Comment
	case t == chroma.GenericInserted:
		return Inserted
	case t == chroma.GenericDeleted:
		return Deleted
	case t == chroma.GenericHeading || t == chroma.GenericSubheading || t == chroma.GenericPrompt:
		return Heading
	case t == chroma.GenericEmph:
		return Emphasis
	case t == chroma.GenericStrong:
		return Strong
	}
	return Plain
}

// Look is how a kind is set: a colour (0xRRGGBB) and a weight and slant.
type Look struct {
	Colour       uint32
	Bold, Italic bool
}

// Palettes, by the names highlight: takes in book.yaml.
//
// "colour" is Okabe and Ito's palette for colour-blind readers, darkened until each hue has a
// contrast of at least 4.5:1 on white (WCAG AA), with weights and slants that carry the
// meaning on a black-and-white printer or e-ink: keywords bold, comments italic.
// "print-safe" is black and one grey, with the same weights and slants.
var palettes = map[string][NumKinds]Look{
	"colour": {
		Keyword:  {0x0060A0, true, false},  // blue
		Type:     {0x7A4F00, false, false}, // orange, darkened
		Builtin:  {0x7A4F00, false, false},
		Function: {0x9C3D74, true, false},  // reddish purple
		String:   {0x00755A, false, false}, // bluish green
		Number:   {0xA63F00, false, false}, // vermilion
		Comment:  {0x5E5E5E, false, true},
		Meta:     {0x9C3D74, false, false},
		Inserted: {0x00755A, false, false},
		Deleted:  {0xA63F00, false, false},
		Heading:  {0, true, false},
		Emphasis: {0, false, true},
		Strong:   {0, true, false},
	},
	"print-safe": {
		Keyword:  {0, true, false},
		Type:     {0, false, false},
		Builtin:  {0, false, false},
		Function: {0, true, false},
		String:   {0x404040, false, false},
		Number:   {0, false, false},
		Comment:  {0x595959, false, true},
		Meta:     {0x404040, false, true},
		Inserted: {0, true, false},
		Deleted:  {0x595959, false, false},
		Heading:  {0, true, false},
		Emphasis: {0, false, true},
		Strong:   {0, true, false},
	},
}

// Palette is the looks of the kinds in the named palette ("colour", "print-safe"); ok is
// false for another name ("none" among them).
func Palette(name string) (p [NumKinds]Look, ok bool) {
	p, ok = palettes[name]
	return p, ok
}

// CSS is the stylesheet of a palette's classes, for the EPUB: plain class selectors (no
// namespaces, no inline styles), which epub.js, MuPDF and Adobe's RMSDK all read.
func CSS(name string) string {
	p, ok := Palette(name)
	if !ok {
		return ""
	}
	var b strings.Builder
	b.WriteString("/* Syntax highlighting (bindery's \"" + name + "\" palette) */\n")
	for k := Keyword; k < NumKinds; k++ {
		l := p[k]
		fmt.Fprintf(&b, "pre .%s { color: #%06X;", k.Class(), l.Colour)
		if l.Bold {
			b.WriteString(" font-weight: bold;")
		}
		if l.Italic {
			b.WriteString(" font-style: italic;")
		}
		b.WriteString(" }\n")
	}
	return b.String()
}
