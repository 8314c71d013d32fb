package font

import "fmt"

// This file reads a face's characters, widths and kerning on first use: most of a face's
// parse (the 24 KiB rune table, a width a glyph, the kerning pairs) and of the pages a
// build touches, paid only for the faces a book draws. A book without code or bold italic
// never reads those faces.

// read makes sure the characters, widths and kerning are read. After the first time it is
// one atomic load, cheap enough for every glyph looked up.
func (f *Face) read() {
	if !f.ready.Load() {
		f.readSlow()
	}
}

// readSlow reads them once; every other caller waits for the first.
func (f *Face) readSlow() {
	f.readOnce.Do(func() {
		if err := f.readBody(); err != nil {
			f.readErr = fmt.Errorf("font %s: %w", f.Name, err)
			f.mapNothing()
		}
		f.ready.Store(true)
	})
}

// Err reports what reading the face's characters, widths and kerning found wrong: nil when
// nothing, or when the face has not been asked for any of them yet (it is not read for
// this: a caller checks the faces it drew with, after drawing).
func (f *Face) Err() error {
	if !f.ready.Load() {
		return nil
	}
	return f.readErr
}

// readBody reads the rest of the face after the header.
func (f *Face) readBody() (err error) {
	defer func() {
		// As Parse: a malformed font costs an error, not the build.
		if p := recover(); p != nil {
			err = fmt.Errorf("corrupt font data (%v)", p)
		}
	}()
	f.readWidths()
	reachable, err := f.readCharacters()
	if err != nil {
		return err
	}
	f.kern, err = readKerning(f.tables["GPOS"], glyphInfo{numGlyphs: f.numGlyphs, reachable: reachable, gdefClass: f.glyphClasses()})
	return err
}

// mapNothing leaves a face whose body could not be read mapping no character, each drawn
// as .notdef, with no kerning: consistent, for the error Err reports to stop the build.
func (f *Face) mapNothing() {
	f.readWidths()
	f.fast, f.has, f.slow, f.missing = make([]uint16, fastRunes), make([]uint64, fastRunes/64), nil, 0
	f.kern = kernTable{}
}
