package epub

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"
)

// xmlText escapes s for XML character data and attribute values, dropping characters XML 1.0
// does not allow (control characters, non-characters) so a manuscript can never make the
// EPUB ill-formed.
func xmlText(s string) string {
	if xmlClean(s) {
		return s
	}
	return string(appendXMLText(make([]byte, 0, len(s)+16), s))
}

// xmlClean reports whether s is written as it is: ASCII with nothing to escape or drop.
// Two words at a time (their masks' constants made once; the last two may overlap), the
// table only where a word is flagged: most of a book's text is clean, and its bytes one by
// one were ~8 instructions each.
func xmlClean(s string) bool {
	for len(s) > 16 {
		if dirtyBytes(load64(s))|dirtyBytes(load64(s[8:])) != 0 && !cleanBytes(s[:16]) {
			return false
		}
		s = s[16:]
	}
	if len(s) < 8 {
		return cleanBytes(s)
	}
	last := s[len(s)-8:]
	return dirtyBytes(load64(s))|dirtyBytes(load64(last)) == 0 || cleanBytes(s)
}

// cleanBytes is xmlClean a byte at a time.
func cleanBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if !cleanByte[s[i]] {
			return false
		}
	}
	return true
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// dirtyBytes has the top bit of each byte of x set where that byte may not be clean: beyond
// ASCII, below 0x20 (tab, newline and CR too, which are clean), or one of " & ' < >. Each
// test is a sum of the bytes' low seven bits, which cannot carry into the next byte.
func dirtyBytes(x uint64) uint64 {
	low := x &^ highs
	control := ^(low + 0x60*ones) // top bit clear from 0x20 up
	// Zero bytes where a byte is ", & or ' (0x26, 0x27), < or > (0x3c, 0x3e).
	quote := low ^ 0x22*ones
	ampApos := low&^(0x01*ones) ^ 0x26*ones
	angle := low&^(0x02*ones) ^ 0x3c*ones
	// A byte below 0x80 plus 0x7f reaches the top bit unless it is 0.
	none := (quote + 0x7f*ones) & (ampApos + 0x7f*ones) & (angle + 0x7f*ones)
	return (x | control | ^none) & highs
}

// load64 is the first eight bytes of s as a little-endian number (one load): diag.Load64's,
// which the packages before layout share; book/epub's row of the import table has no diag.
func load64(s string) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// cleanByte is what xmlClean lets through: ASCII but the five escaped characters and the
// controls XML forbids (a table: one load a byte, where there were eight comparisons).
var cleanByte = func() (t [256]bool) {
	for c := range 0x80 {
		t[c] = c >= 0x20 || c == '\t' || c == '\n' || c == '\r'
	}
	for _, c := range "&<>\"'" {
		t[c] = false
	}
	return t
}()

// appendXMLText appends s to b escaped as xmlText escapes it: what needs nothing is copied
// a stretch at a time (a book's text has typographic quotes and dashes in most of its
// paragraphs, which were written rune by rune).
func appendXMLText(b []byte, s string) []byte {
	if xmlClean(s) {
		return append(b, s...)
	}
	start := 0
	for i := 0; i < len(s); {
		// What the loop copies unchanged, skipped a word at a time: the text is checked
		// again from its start, and the clean stretches between its quotes and dashes were
		// ~6 instructions a byte.
		for i+8 <= len(s) {
			// dirtyBytes, and DEL (clean to xmlClean, dropped here): a top bit clear in
			// del where a byte's low bits are 0x7f.
			x := load64(s[i:])
			del := (x&^highs ^ 0x7f*ones) + 0x7f*ones
			if f := dirtyBytes(x) | ^del&highs; f != 0 {
				i += bits.TrailingZeros64(f) / 8
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if cleanByte[c] && c != 0x7f { // DEL passes xmlClean, not this loop (xmlChar)
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '&':
				b = append(b, "&amp;"...)
			case '<':
				b = append(b, "&lt;"...)
			case '>':
				b = append(b, "&gt;"...)
			case '"':
				b = append(b, "&quot;"...)
			case '\'':
				b = append(b, "&#39;"...)
			} // a control: dropped
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || !xmlChar(r) {
			b = append(b, s[start:i]...) // not UTF-8, or not allowed: dropped
			start = i + size
		}
		i += size
	}
	return append(b, s[start:]...)
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7f && r <= 0x9f: // C1 controls: allowed by XML but never meant in a book
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}

// page builds one XHTML file, in bytes: a chapter's are compressed as they are, with no
// copy from a string, in a buffer used again for the next chapter (chapterBuffers).
type page struct {
	b []byte
}

func (p *page) raw(s string)  { p.room(len(s)); p.b = append(p.b, s...) }
func (p *page) text(s string) { p.room(len(s)); p.b = appendXMLText(p.b, s) }
func (p *page) f(format string, a ...any) {
	p.room(len(format) + 64)
	p.b = fmt.Appendf(p.b, format, a...)
}
func (p *page) int(n int) { p.room(20); p.b = strconv.AppendInt(p.b, int64(n), 10) }

// room makes room for n more bytes, doubling the buffer: append grows a large one by a
// quarter, and a long book's index (7 MB at 100×) was copied into nine buffers, each
// allocation, at the memory limit, first returning as much memory to the system.
func (p *page) room(n int) {
	if cap(p.b)-len(p.b) < n {
		p.b = slices.Grow(p.b, max(n, len(p.b)))
	}
}

// withID writes open, id escaped, and close: a tag with its ID, without a string made for it.
func (p *page) withID(open, id, close string) {
	p.room(len(open) + len(id) + len(close))
	p.b = appendXMLText(append(p.b, open...), id)
	p.b = append(p.b, close...)
}

// again writes once more the bytes written at [from, to).
func (p *page) again(from, to int) {
	p.room(to - from)
	p.b = append(p.b, p.b[from:to]...)
}

// raws writes each of parts as it is.
func (p *page) raws(parts ...string) {
	for _, s := range parts {
		p.room(len(s))
		p.b = append(p.b, s...)
	}
}

// newline ends the line unless it is ended: blocks after text in a list item start a line.
func (p *page) newline() {
	if n := len(p.b); n > 0 && p.b[n-1] != '\n' {
		p.raw("\n")
	}
}

// open writes the XHTML prologue up to and including <body>.
func (p *page) open(lang, title string, css []string, bodyType string) {
	p.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	p.f("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"%s\" lang=\"%s\">\n", xmlText(lang), xmlText(lang))
	p.raw("<head>\n<meta charset=\"utf-8\"/>\n")
	p.f("<title>%s</title>\n", xmlText(title))
	for _, href := range css {
		p.f("<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n", href)
	}
	p.raw("</head>\n")
	if bodyType != "" {
		p.f("<body epub:type=\"%s\">\n", bodyType)
	} else {
		p.raw("<body>\n")
	}
}

func (p *page) close() string { return string(p.closeBytes()) }

func (p *page) closeBytes() []byte {
	p.raw("</body>\n</html>\n")
	return p.b
}
