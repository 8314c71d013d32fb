// Package fonts embeds the book families (SIL Open Font License 1.1; the licences are the
// OFL-*.txt files beside them) so that the print engine, the cover and optional EPUB
// embedding need no system fonts.
package fonts

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"unsafe"
)

//go:embed *.ttf OFL-*.txt
var files embed.FS

// Family is a book family: a display name and the base of its four files,
// Base-Regular.ttf, Base-Italic.ttf, Base-Bold.ttf and Base-BoldItalic.ttf.
type Family struct {
	Name string // as a reader knows it: "Gentium Book Plus"
	Base string // file name base: "GentiumBookPlus"
}

// Families are the families bindery ships. The first is the default: Charis SIL, a sturdy book
// face with wide Latin coverage and a generous word space, which justifies evenly; it has no
// kerning. Gentium Book Plus (font: Gentium Book Plus) is kerned (2,419 pairs, applied from its
// GPOS table) but its narrow word space makes justified lines looser.
var Families = []Family{
	{Name: "Charis SIL", Base: "CharisSIL"},
	{Name: "Gentium Book Plus", Base: "GentiumBookPlus"},
}

// Default is the family used when a book names none.
var Default = Families[0]

// Lookup finds a family by name, ignoring case and spaces ("gentium book plus", "CharisSIL").
func Lookup(name string) (Family, error) {
	key := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	var names []string
	for _, f := range Families {
		if key(f.Name) == key(name) || key(f.Base) == key(name) {
			return f, nil
		}
		names = append(names, f.Name)
	}
	return Family{}, fmt.Errorf("no font family %q (known: %s)", name, strings.Join(names, ", "))
}

// Styles are the file name endings of the four faces, in the order regular, italic, bold,
// bold italic.
var Styles = [4]string{"Regular", "Italic", "Bold", "BoldItalic"}

// File is the file name of one face: style is one of Styles.
func (f Family) File(style string) string { return f.Base + "-" + style + ".ttf" }

// FS returns the embedded font files.
func FS() fs.FS { return files }

// Read returns the bytes of an embedded font file.
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Shared returns the bytes of an embedded font file without copying them: they are the
// binary's own read-only data, so writing to them crashes the program. A font parser that
// only reads (book/font) takes these: ReadFile copies 3 MB a family into fresh memory on
// every start, and those page faults cost more than parsing the faces.
func Shared(name string) ([]byte, error) {
	s, ok := shared[name]
	if !ok {
		return files.ReadFile(name)
	}
	return unsafe.Slice(unsafe.StringData(s), len(s)), nil
}

// Faces returns the family's four files, keyed by file name, for embedding.
func (f Family) Faces() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, st := range Styles {
		data, err := Read(f.File(st))
		if err != nil {
			return nil, err
		}
		out[f.File(st)] = data
	}
	return out, nil
}
