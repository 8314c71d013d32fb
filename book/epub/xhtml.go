package epub

import "unicode/utf8"

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
func xmlClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x80 {
			return false
		}
	}
	return true
}

// appendXMLText appends s to b escaped as xmlText escapes it.
func appendXMLText(b []byte, s string) []byte {
	if xmlClean(s) {
		return append(b, s...)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			continue
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case !xmlChar(r):
			continue
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
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
