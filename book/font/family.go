package font

import (
	"fmt"
	"io/fs"
	"os"
	"path"
)

// Family is the four faces a book uses.
type Family struct {
	Regular, Italic, Bold, BoldItalic *Face
}

// styleSuffixes are the file name endings LoadFamily expects, as
// "CharisSIL-Regular.ttf": the naming of most font distributions.
var styleSuffixes = [4]string{"-Regular.ttf", "-Italic.ttf", "-Bold.ttf", "-BoldItalic.ttf"}

// LoadFamily loads base-Regular.ttf, base-Italic.ttf, base-Bold.ttf and
// base-BoldItalic.ttf from dir, e.g. LoadFamily("fonts", "CharisSIL").
func LoadFamily(dir, base string) (*Family, error) {
	return LoadFamilyFS(os.DirFS(dir), base)
}

// LoadFamilyFS is LoadFamily reading from fsys, e.g. embedded fonts.
func LoadFamilyFS(fsys fs.FS, base string) (*Family, error) {
	var faces [4]*Face
	for i, suffix := range styleSuffixes {
		name := base + suffix
		data, err := fs.ReadFile(fsys, path.Clean(name))
		if err != nil {
			return nil, fmt.Errorf("font family %s: %w", base, err)
		}
		if faces[i], err = Parse(name, data); err != nil {
			return nil, err
		}
	}
	return &Family{Regular: faces[0], Italic: faces[1], Bold: faces[2], BoldItalic: faces[3]}, nil
}

// Face returns the face for the style.
func (fam *Family) Face(bold, italic bool) *Face {
	switch {
	case bold && italic:
		return fam.BoldItalic
	case bold:
		return fam.Bold
	case italic:
		return fam.Italic
	}
	return fam.Regular
}

// Err reports the first error of reading a face of the family on first use (see
// Face.Err), nil if none: faces not used yet are not read for it.
func (fam *Family) Err() error {
	for _, f := range [...]*Face{fam.Regular, fam.Italic, fam.Bold, fam.BoldItalic} {
		if f != nil {
			if err := f.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}
