package markdown

import (
	"strings"
	"unicode/utf8"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/lang"

	"golang.org/x/text/unicode/norm"
)

// PlainLine returns the inlines ParseIn makes of a paragraph of one line of plain text that
// begins at line of file, column 1, in a language; ok is false for any other text, which
// the caller then parses. The apparatus' definitions and events are mostly such lines, and
// a parse's fixed cost (goldmark's context, the blocks, the chapter) was most of reading
// each one.
//
// Plain is: words of letters, digits and other characters outside ASCII, spaces between,
// and , . ; : ( ) % / ? ! - — nothing Markdown, goldmark's typographer or linkify reads, and
// no control character or text that NFC would change. Goldmark ends a line's text at the
// last character where an inline parser was tried (a space, or one of , . ( ! -), which
// the merged text keeps as a start of its own (TestPlainLineIsParseIns).
func PlainLine(file string, line int, text, language string) (ins []doc.Inline, ok bool) {
	last, ok := plainLine(text)
	if !ok {
		return nil, false
	}
	t := &doc.Text{At: doc.At{Pos: diag.Pos{File: file, Line: line, Col: 1}}, Text: text}
	if last > 0 {
		at := diag.Pos{File: file, Line: line, Col: 1 + diag.Columns(text[:last])}
		t.Starts = []doc.TextStart{{Offset: last, Pos: at}}
	}
	return []doc.Inline{localizer{language, lang.SpacesMarks(language)}.text(t)}, true
}

// plainLine reports whether text is a plain line (PlainLine), and the byte offset of its
// last piece: where goldmark last tried an inline parser after the first character, or 0.
func plainLine(text string) (last int, ok bool) {
	if text == "" || text[len(text)-1] == ' ' {
		return 0, false
	}
	if c := text[0]; !(c|0x20 >= 'a' && c|0x20 <= 'z' || c == '(' || c >= utf8.RuneSelf) {
		return 0, false // a digit may open a list, a space a code block
	}
	// others: a character beyond ASCII that composedAlone does not vouch for, or a byte
	// that is not UTF-8; colon: a colon, which every link start but "www." holds.
	others, colon := false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch plainByte[c] {
		case plainBeyond:
			r, size := utf8.DecodeRuneInString(text[i:])
			if !composedAlone(r) { // nor a byte that is not UTF-8 (its rune, U+FFFD)
				others = true
			}
			i += size - 1 // its other bytes are beyond ASCII too, and nothing else
		case plainWord:
			colon = colon || c == ':'
		case plainBreak:
			if i > 0 {
				last = i
			}
		case plainRepeat: // not "..." nor "--", which the typographer makes one mark
			if i+1 < len(text) && text[i+1] == c {
				return 0, false
			}
			if i > 0 {
				last = i
			}
			if c == '.' && i >= 3 && text[i-3:i] == "www" {
				return 0, false // linkify would look for a link
			}
		default:
			return 0, false
		}
	}
	if colon {
		for _, s := range protocols {
			if strings.Contains(text, s) {
				return 0, false // linkify would look for a link
			}
		}
	}
	// Text of ASCII and characters composed alone is valid, NFC in any halves split at an
	// ASCII byte, and holds no C1 control, separator or BOM: only other text is checked.
	if others {
		if !utf8.ValidString(text) || !norm.NFC.IsNormalString(text[:last]) || !norm.NFC.IsNormalString(text[last:]) {
			return 0, false
		}
		for _, r := range text {
			// A C1 control, which the parse drops with a warning; line and paragraph
			// separators and a BOM, left to the parse.
			if r >= 0x7f && r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
				return 0, false
			}
		}
	}
	return last, true
}

// What plainLine makes of each byte: not plain (0), a byte of a character beyond ASCII, part
// of a word (letters, digits, ; : ) % / ?), a place where goldmark tries an inline parser
// (space , ( !), or one of . - that must not be doubled. A table, not a switch of compares
// at every byte of every definition.
const (
	plainBeyond = iota + 1
	plainWord
	plainBreak
	plainRepeat
)

var plainByte = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = plainBeyond
		case c|0x20 >= 'a' && c|0x20 <= 'z', c >= '0' && c <= '9', strings.IndexByte(";:)%/?", byte(c)) >= 0:
			t[c] = plainWord
		case strings.IndexByte(" ,(!", byte(c)) >= 0:
			t[c] = plainBreak
		case c == '.', c == '-':
			t[c] = plainRepeat
		}
	}
	return t
}()

// "www." and protocols are what linkify's pre-scan (gfm's mayMatch) looks for, with the
// protocols newMarkdown allows: a text without any has no link.
var protocols = []string{"http:", "https:", "ftp:", "mailto:"}
