// Package starter writes a new book's folder for `bindery init`: a small starter book that
// shows every part of the manuscript syntax, or the full default pamphlet. Both travel inside
// the binary, so init works from any folder.
package starter

import (
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"bindery/manuscript"
)

//go:embed book book-es
var starterFiles embed.FS

// Book is which book to write.
type Book int

const (
	Starter        Book = iota // two short chapters, a glossary, a chronology and an index
	Default                    // the pamphlet in manuscript/
	StarterSpanish             // the starter, written in Spanish
)

// starters are the starter book's languages (BCP 47 base tags), and their books.
var starters = map[string]Book{"en": Starter, "es": StarterSpanish}

// StarterIn returns the starter book written in a language ("es", "es-MX"), or an error
// that names the languages there are.
func StarterIn(tag string) (Book, error) {
	base := strings.ToLower(strings.SplitN(strings.ReplaceAll(tag, "_", "-"), "-", 2)[0])
	if b, ok := starters[base]; ok {
		return b, nil
	}
	var have []string
	for l := range starters {
		have = append(have, l)
	}
	sort.Strings(have)
	return Starter, fmt.Errorf("there is no starter book in %q (there is one in %s)", tag, strings.Join(have, ", "))
}

// Files returns the files of a book, by name.
func Files(b Book) fs.FS {
	if b == Default {
		return manuscript.Files
	}
	folder := "book"
	if b == StarterSpanish {
		folder = "book-es"
	}
	sub, err := fs.Sub(starterFiles, folder)
	if err != nil {
		panic(err) // the embedded folder is there by construction
	}
	return sub
}

// ExistsError lists the files init would have overwritten.
type ExistsError struct {
	Dir   string
	Names []string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already has %s; init never overwrites a file: choose an empty folder (bindery init NEW-FOLDER)",
		e.Dir, strings.Join(e.Names, ", "))
}

// starterIdentifier and starterDate are the placeholders of the starter's book.yaml that
// Write replaces: each new book gets its own identifier, and today's date.
const (
	starterIdentifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
	starterDate       = "date: 2026-01-01"
)

// Write puts the files of book b into dir, creating dir if needed, and returns their names.
// It writes nothing if any of them exists already.
func Write(dir string, b Book, now time.Time) ([]string, error) {
	src := Files(b)
	var names []string
	err := fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder", dir)
	}
	var exist []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			exist = append(exist, n)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if len(exist) > 0 {
		return nil, &ExistsError{Dir: dir, Names: exist}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, n := range names {
		data, err := fs.ReadFile(src, n)
		if err != nil {
			return nil, err
		}
		if b != Default && n == "book.yaml" {
			data = personalise(data, now)
		}
		// O_EXCL: a file that appeared since the check above is not overwritten either.
		f, err := os.OpenFile(filepath.Join(dir, n), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	// Outputs are built, not written: a new book kept in git leaves them out, and the cache
	// of build --cache. A .gitignore of the author's own is left as it is.
	if f, err := os.OpenFile(filepath.Join(dir, ".gitignore"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
		_, err = f.WriteString("out/\n.bindery-cache/\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		names = append(names, ".gitignore")
	}
	return names, nil
}

// personalise gives the starter's book.yaml a new identifier and today's date.
func personalise(data []byte, now time.Time) []byte {
	s := strings.Replace(string(data), starterIdentifier, "urn:uuid:"+newUUID(), 1)
	s = strings.Replace(s, starterDate, "date: "+now.Format("2006-01-02"), 1)
	return []byte(s)
}

// newUUID makes a random (version 4) UUID.
func newUUID() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
