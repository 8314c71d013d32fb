package pipeline

import (
	"strings"
	"unicode"

	"bindery/book/config"

	"golang.org/x/text/unicode/norm"
)

// OutputName is the file name, without extension, of a book's outputs: the title as a slug
// that is a good file name on Windows, macOS and Linux.
func OutputName(meta *config.Book) string { return FileName(meta.Title) }

// maxNameRunes bounds a file name from a title: with "-booklet.pdf" and the temporary file's
// ".NAME.tmp-123456789" it stays far below the 255 bytes (or UTF-16 units) every desktop
// allows in a name, in any script.
const maxNameRunes = 60

// FileName makes text a file name as doc.Slug makes an ID (Latin letters with their accents
// folded, lower case, words joined by hyphens: "Bolivia: power within grasp" is
// bolivia-power-within-grasp), but keeps the letters of other scripts ("Ιλιάδα" is ιλιάδα,
// "紅樓夢" is 紅樓夢) where an ID drops them. It holds none of the characters Windows
// forbids (<>:"/\|?* and controls), is not one of its device names (con, nul, com1…: the
// title "CON" gives con-book), and is in NFC, as macOS's and Windows' file systems compare.
func FileName(text string) string {
	var b strings.Builder
	dash, kept := false, false // kept: the last rune written is a letter kept in its script
	word := func() {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
	}
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			if kept { // a vowel sign or accent of another script is part of its letter
				b.WriteRune(r)
			}
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word()
			b.WriteRune(unicode.ToLower(r))
			kept = false
			continue
		case r == 'ß':
			word()
			b.WriteString("ss")
		case r == 'æ' || r == 'Æ':
			word()
			b.WriteString("ae")
		case r == 'ø' || r == 'Ø':
			word()
			b.WriteString("o")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word()
			b.WriteRune(unicode.ToLower(r))
			kept = true
			continue
		default:
			dash = true
		}
		kept = false
	}
	name := []rune(norm.NFC.String(b.String()))
	if len(name) > maxNameRunes {
		name = name[:maxNameRunes]
		if i := lastIndex(name, '-'); i > 20 {
			name = name[:i]
		}
	}
	s := strings.TrimRight(string(name), "-")
	switch {
	case s == "":
		return "book"
	case config.WindowsDevice(s):
		return s + "-book"
	}
	return s
}

func lastIndex(rs []rune, r rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == r {
			return i
		}
	}
	return -1
}
