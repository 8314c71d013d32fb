package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Visible shows what a terminal or a browser would act on instead of letting it act: C0 and
// C1 control characters, DEL, the bidirectional overrides, embeddings, isolates and marks,
// and the noncharacters U+FFFE and U+FFFF (which XML forbids) are written as escapes (\x1b,
// \n, \u202e), bytes that are not UTF-8 as \xff. A book's text, file names and messages pass
// through it wherever they are shown; HTML escaping is still the page's to do.
func Visible(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || unsafeRune(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// unsafeRune: a C1 control, a character that reorders what is shown (U+202A–U+202E
// embeddings and overrides, U+2066–U+2069 isolates, the marks U+200E, U+200F, U+061C), or a
// noncharacter XML forbids.
func unsafeRune(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c || r == 0xfffe || r == 0xffff
}

// VisibleFile is a file name as Visible shows it, in Go's quotes when it needed escaping, so
// that a name with a newline cannot pass for two lines.
func VisibleFile(name string) string {
	if !needsEscape(name) {
		return name
	}
	return strconv.Quote(name)
}
