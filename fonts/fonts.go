// Package fonts embeds the book families and the monospaced families code is set in (SIL Open
// Font License 1.1 or the Bitstream Vera licence; the licences are the OFL-*.txt and
// LICENSE-*.txt files beside them) so that the print engine, the cover and optional EPUB
// embedding need no system fonts.
package fonts

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"unsafe"
)

//go:embed *.ttf OFL-*.txt LICENSE-*.txt
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

// CodeFamilies are the monospaced families code is set in (code_font: in book.yaml). The first
// is the default: DejaVu Sans Mono, whose 3,377 glyphs cover box drawing, arrows (↪, the
// continuation mark), Greek, ✓ and ✗, in four styles. Liberation Mono (OFL) has true italics
// and Courier's proportions but lacks ↪, ✓ and ✗. docs/notes.md says how they were chosen.
var CodeFamilies = []Family{
	{Name: "DejaVu Sans Mono", Base: "DejaVuSansMono"},
	{Name: "Liberation Mono", Base: "LiberationMono"},
}

// DefaultCode is the code family used when a book names none.
var DefaultCode = CodeFamilies[0]

// Lookup finds a book family by name, ignoring case and spaces ("gentium book plus", "CharisSIL").
func Lookup(name string) (Family, error) { return lookup(Families, "font family", name) }

// LookupCode finds a code family by name, as Lookup does.
func LookupCode(name string) (Family, error) { return lookup(CodeFamilies, "code font", name) }

// Names are the display names of families, for messages and suggestions.
func Names(fams []Family) []string {
	var names []string
	for _, f := range fams {
		names = append(names, f.Name)
	}
	return names
}

func lookup(fams []Family, what, name string) (Family, error) {
	key := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	var names []string
	for _, f := range fams {
		if key(f.Name) == key(name) || key(f.Base) == key(name) {
			return f, nil
		}
		names = append(names, f.Name)
	}
	return Family{}, fmt.Errorf("no %s %q (known: %s)", what, name, strings.Join(names, ", "))
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

// Faces returns the family's four files, keyed by file name, for embedding: read-only (see
// Shared).
func (f Family) Faces() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, st := range Styles {
		data, err := Shared(f.File(st)) // read only: the EPUB writer compresses them
		if err != nil {
			return nil, err
		}
		out[f.File(st)] = data
	}
	return out, nil
}
