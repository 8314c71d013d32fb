// Package fonts embeds the book fonts (Charis SIL, SIL Open Font License 1.1, see OFL.txt) so
// that the print engine, the cover and optional EPUB embedding need no system fonts.
package fonts

import (
	"embed"
	"io/fs"
)

//go:embed *.ttf OFL.txt
var files embed.FS

// Family names the four faces of a book family by file name.
type Family struct {
	Regular, Italic, Bold, BoldItalic string
}

// Charis is the default family.
var Charis = Family{
	Regular:    "CharisSIL-Regular.ttf",
	Italic:     "CharisSIL-Italic.ttf",
	Bold:       "CharisSIL-Bold.ttf",
	BoldItalic: "CharisSIL-BoldItalic.ttf",
}

// FS returns the embedded font files.
func FS() fs.FS { return files }

// Read returns the bytes of an embedded font file.
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Faces returns the family's four files, keyed by file name, for embedding.
func (f Family) Faces() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, n := range []string{f.Regular, f.Italic, f.Bold, f.BoldItalic} {
		data, err := Read(n)
		if err != nil {
			return nil, err
		}
		out[n] = data
	}
	return out, nil
}
