// Package config loads a book's book.yaml, checks it, and reports every problem with the file
// and line it comes from.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/fonts"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// FileName is the name of a book's configuration file in its folder.
const FileName = "book.yaml"

// Book is a book's configuration: its metadata and the files it is made of.
type Book struct {
	// Dir is the book's folder; every file the book names is inside it.
	Dir string
	// Path is the path of book.yaml itself, as used in diagnostics.
	Path string

	// Metadata is what the book says about itself (title, author, language…), which the
	// document model carries.
	doc.Metadata
	Trim Trim
	// Cover is an image file in the book's folder; empty means a typographic cover is drawn.
	Cover File
	// BackCover is the text of the printed cover's back (back_cover:), paragraphs parted
	// by blank lines.
	BackCover string
	// EmbedFonts puts the print fonts into the EPUB too (off: e-readers let the reader choose).
	EmbedFonts bool
	// NoPageList leaves the print edition out of the EPUB (page_list: false): no page-list,
	// no page numbers in its cross-references and back matter, and no print layout to make
	// for it.
	NoPageList bool
	// Font is the book family's name (see package fonts); empty means the default.
	Font string
	// Code is how code is set: its family, highlighting, tabs and line numbers (codefont.go).
	Code Code
	// Hyphenation lists words to hyphenate the author's way ("co-or-di-na-do-ra") or, written
	// without hyphens, never (TeX's \hyphenation): names and words of other languages.
	Hyphenation []string
	// Ties are words a number after them is never parted from at a line's end ("Clause",
	// "Resolution"), besides those every book gets ("p.", "No.", "Law", "Article"…).
	Ties []string
	// NotAcronyms are words in capitals that are not acronyms ("BC", "UK"): no warning that
	// they have no glossary entry.
	NotAcronyms []string
	// Typography is how letters and figures are set: small capitals, figure style
	// (typography.go).
	Typography Typography
	// Unread names the keys ("chapters", "glossary"…) of files that could not be read
	// (reported): what they would have held cannot be checked.
	Unread     []string
	missing    []string // the names of files not found, as written (for Unlisted)
	folder     *folder  // Dir, its real path found once while Parse reads the files named
	Chapters   []File
	Backmatter []File
	// Print holds the print edition's settings; zero values mean "derive from the trim".
	Print Print
	// PrintPos is where the print settings (or the trim) are given, for messages about them.
	PrintPos diag.Pos
	// LanguagePos is where the language is given, for messages about it (no hyphenation
	// patterns for it).
	LanguagePos diag.Pos
	// Glossary, Chronology and Index are the reference matter's source files (YAML), if any.
	Glossary, Chronology, Index File
	// GlossaryLinks says which uses of a glossary term link to its entry: first (the first
	// in each chapter, the default), every, or none.
	GlossaryLinks string
	// NumberFigures numbers the book's figures in their captions ("Figure 3.").
	NumberFigures bool
	// Labels are the author's words for the ones bindery writes itself (labels: in
	// book.yaml, keyed as book/lang's table: contents, index, see_also…).
	Labels map[string]string
	// IncludeRoot is the folder {{#include}} may read files from, when the author widens it
	// beyond the book's folder (a repository's examples beside an mdBook's book.toml); empty
	// means Dir.
	IncludeRoot string
}

// Print are optional settings of the print edition, in points.
type Print struct {
	FontSize, Leading         float64
	Top, Bottom, Inner, Outer float64
	RectoChapters             bool
	// Bleed is printed beyond the trim on every side, and Marks asks for crop and
	// registration marks, for a print shop; Caliper is the paper's thickness (a leaf, two
	// pages), for the cover's spine and a booklet's creep. Zero when not given.
	Bleed, Caliper float64
	Marks          bool
}

// File is a file named in book.yaml, with where it was named.
type File struct {
	Name string // as written, relative to the book's folder
	Path string // resolved path
	Pos  diag.Pos
	// Content, when not nil, is the file's text, read already (an mdBook renderer is given
	// the book's text on its standard input); Path is then only its name.
	Content []byte
	// Title is the file's title where the book's outline gives one (mdBook's SUMMARY.md): a
	// file that does not begin with a heading is titled with it.
	Title string
	// Depth shifts the file's headings down by that many levels: a file nested under another
	// in the outline is a section of its chapter, its "#" a "##".
	Depth int
	// Part is set on an entry that is not a file but a part's title (Name): mdBook's
	// "# Part" lines in SUMMARY.md.
	Part bool
}

// raw mirrors book.yaml; unknown keys are errors.
type raw struct {
	Title       string    `yaml:"title"`
	Subtitle    string    `yaml:"subtitle"`
	Author      string    `yaml:"author"`
	Language    string    `yaml:"language"`
	Identifier  string    `yaml:"identifier"`
	ISBN        string    `yaml:"isbn"`
	PrintISBN   string    `yaml:"print_isbn"`
	Date        string    `yaml:"date"`
	Publisher   string    `yaml:"publisher"`
	Rights      string    `yaml:"rights"`
	Description string    `yaml:"description"`
	BackCover   string    `yaml:"back_cover"`
	Subjects    []string  `yaml:"subjects"`
	Trim        yaml.Node `yaml:"trim"`
	Cover       yaml.Node `yaml:"cover"`
	EmbedFonts  bool      `yaml:"embed_fonts"`
	PageList    *bool     `yaml:"page_list"`
	Font        yaml.Node `yaml:"font"`
	CodeFont    yaml.Node `yaml:"code_font"`
	Highlight   yaml.Node `yaml:"highlight"`
	TabWidth    yaml.Node `yaml:"tab_width"`
	LineNumbers yaml.Node `yaml:"line_numbers"`
	Hyphenation []string  `yaml:"hyphenation"`
	Ties        []string  `yaml:"ties"`
	NotAcronyms []string  `yaml:"not_acronyms"`
	Print       yaml.Node `yaml:"print"`
	Glossary    yaml.Node `yaml:"glossary"`
	Chronology  yaml.Node `yaml:"chronology"`
	Index       yaml.Node `yaml:"index"`
	GlossLinks  yaml.Node `yaml:"glossary_links"`
	Figures     yaml.Node `yaml:"figures"`
	Acronyms    yaml.Node `yaml:"acronyms"`
	Numerals    yaml.Node `yaml:"numerals"`
	Labels      yaml.Node `yaml:"labels"`
	Chapters    yaml.Node `yaml:"chapters"`
	Backmatter  yaml.Node `yaml:"backmatter"`
}

// maxConfigBytes bounds book.yaml (a real one is a few kilobytes).
const maxConfigBytes = 1 << 20

// Load reads dir/book.yaml and checks it and the files it names. book.yaml follows the rules
// of every file a book names: a regular file inside the book's folder.
// Like Parse, it returns what could be read beside its errors.
func Load(dir string) (*Book, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no %s here; a book's folder needs one (name the folder: bindery build DIR)", path, FileName)
	}
	if _, err := Resolve(dir, FileName); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	data, err := readRegular(path, maxConfigBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return Parse(dir, path, data)
}

// readRegular reads a file that must be a regular file of at most limit bytes. It opens
// without blocking and checks what it opened, so that a file swapped for a named pipe
// after Resolve looked at it cannot hang the build.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New(kindOf(info.Mode()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%d KB is too large for a book's settings (the limit is %d KB)", info.Size()>>10, limit>>10)
	}
	return io.ReadAll(io.LimitReader(f, limit))
}

// kindOf says what a file that is not a regular file is.
func kindOf(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder, not a file"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a file"
	case m&os.ModeSocket != 0:
		return "a socket, not a file"
	case m&os.ModeDevice != 0:
		return "a device, not a file"
	}
	return "not a regular file"
}

var yamlLineRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)$`)
})

// Parse checks the contents of a book.yaml found at path in dir. With errors, it also returns
// the book as far as it could be read (nil if the file is not a mapping of YAML), so that a
// check can go on reading the chapters and the apparatus.
func Parse(dir, path string, data []byte) (*Book, error) {
	p := &parser{path: path}
	r, ok := p.decode(data)
	if !ok {
		return nil, p.list.Err()
	}
	b := NewBook(dir, path)
	p.metadata(b, r)
	p.labels(b, r)
	p.printSettings(b, r)
	p.apparatus(b, r)
	p.options(b, r)
	p.typography(b, r)
	p.code(b, r)
	p.contents(b, r)
	b.folder = nil // the folder's real path may change before the next Parse
	if err := p.list.Err(); err != nil {
		return b, err // what could be read, for a check to go on with the chapters
	}
	return b, nil
}

// parser is what Parse's steps share: the file, its top-level mapping and what was found
// wrong so far (in the order the steps find it).
type parser struct {
	path string
	root *yaml.Node
	list diag.List
}

// at is the position of a node of the file.
func (p *parser) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: p.path, Line: n.Line, Col: n.Column}
}

// keyPos is the position of a top-level key's value, or the file's start when it is absent.
func (p *parser) keyPos(key string) diag.Pos {
	for i := 0; i+1 < len(p.root.Content); i += 2 {
		if p.root.Content[i].Value == key {
			return p.at(p.root.Content[i+1])
		}
	}
	return diag.Pos{File: p.path, Line: 1, Col: 1}
}

// decode reads the file as YAML into raw, after checking its keys and their kinds on the node
// tree, so that each problem is reported at its own line and column, all of them at once. ok
// is false when there is nothing more to check.
func (p *parser) decode(data []byte) (_ *raw, ok bool) {
	path := p.path
	if d, bad := diag.InvalidUTF8(path, data); bad {
		p.list = append(p.list, d)
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p.list = append(p.list, YAMLError(path, data, err)...)
		return nil, false
	}
	if len(doc.Content) == 0 {
		p.list.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "empty; it needs at least title, author, language, identifier and chapters")
		return nil, false
	}
	p.root = doc.Content[0]
	if p.root.Kind != yaml.MappingNode {
		p.list.Errorf(p.at(p.root), "must be a mapping of keys (title:, author:, chapters: …)")
		return nil, false
	}
	checkKeys(p.root, path, &p.list)
	if p.list.HasErrors() {
		// Reported: read the rest, so that a check goes on with the chapters and the
		// apparatus. Values of the wrong kind still stop here.
		var r raw
		if err := knownOnly(p.root).Decode(&r); err != nil {
			return nil, false
		}
		return &r, true
	}
	// Decoded from the tree read above, not parsed again: checkKeys has refused every key a
	// decoder's KnownFields would (raw's nested values are nodes, read by hand below).
	var r raw
	if err := doc.Decode(&r); err != nil {
		p.list = append(p.list, YAMLError(path, data, err)...)
		return nil, false
	}
	return &r, true
}

// metadata sets the book's descriptive fields (title, author, language, identifiers, date,
// subjects) and its hyphenation exceptions, and checks them.
func (p *parser) metadata(b *Book, r *raw) {
	clean := CleanText
	b.Title, b.Subtitle = clean(r.Title), clean(r.Subtitle)
	b.Author, b.Language = clean(r.Author), clean(r.Language)
	b.Identifier, b.Date = clean(r.Identifier), clean(r.Date)
	b.Publisher, b.Rights = clean(r.Publisher), clean(r.Rights)
	b.Description = clean(r.Description)
	b.BackCover = CleanText(r.BackCover) // NFC and trimmed; its blank lines part paragraphs
	b.EmbedFonts = r.EmbedFonts
	for _, w := range r.NotAcronyms {
		b.NotAcronyms = append(b.NotAcronyms, clean(w))
	}
	b.NoPageList = r.PageList != nil && !*r.PageList
	for _, s := range r.Subjects {
		b.Subjects = append(b.Subjects, clean(s))
	}
	b.LanguagePos = p.keyPos("language")
	// Text a YAML escape ("\e") put a control character in: refused where it is, as a
	// terminal or a reader would act on it.
	for _, t := range []struct{ key, val string }{
		{"title", b.Title}, {"subtitle", b.Subtitle}, {"author", b.Author}, {"language", b.Language},
		{"identifier", b.Identifier}, {"date", b.Date}, {"publisher", b.Publisher}, {"rights", b.Rights},
		{"description", b.Description}, {"back_cover", b.BackCover}, {"subjects", strings.Join(b.Subjects, "\n")},
		{"hyphenation", strings.Join(r.Hyphenation, "\n")}, {"ties", strings.Join(r.Ties, "\n")},
	} {
		if off, c := firstControl([]byte(t.val)); off >= 0 || strings.ContainsRune(t.val, 0x85) {
			if off < 0 {
				c = 0x85
			}
			p.list.Errorf(p.keyPos(t.key), "%s: the control character %U is not allowed; remove it", t.key, c)
		}
	}
	for _, w := range r.Ties {
		if w = clean(w); strings.ContainsAny(w, " \t") {
			p.list.Errorf(p.keyPos("ties"), "ties: %q is not one word (a number is tied to the word just before it)", w)
		} else if w != "" {
			b.Ties = append(b.Ties, w)
		}
	}
	for _, w := range r.Hyphenation {
		if w = clean(w); strings.ContainsAny(w, " \t") {
			p.list.Errorf(p.keyPos("hyphenation"), "hyphenation: %q is not one word", w)
		} else if w != "" {
			b.Hyphenation = append(b.Hyphenation, w)
		}
	}
	for _, req := range []struct{ key, val string }{
		{"title", b.Title}, {"author", b.Author}, {"language", b.Language}, {"identifier", b.Identifier},
	} {
		if req.val == "" {
			p.list.Errorf(p.keyPos(req.key), "%s is missing or empty", req.key)
		}
	}
	if b.Language != "" {
		if err := CheckLanguage(b.Language); err != nil {
			p.list.Errorf(p.keyPos("language"), "%v", err)
		}
	}
	b.setISBNs(r, p.keyPos, &p.list)
	if b.Date != "" {
		if _, err := ParseDate(b.Date); err != nil {
			p.list.Errorf(p.keyPos("date"), "date %q: %v", b.Date, err)
		}
	}
}

// printSettings sets the trim and the print settings.
func (p *parser) printSettings(b *Book, r *raw) {
	if r.Trim.Kind != 0 {
		t, err := ParseTrim(&r.Trim)
		if err != nil {
			p.list.Errorf(p.at(&r.Trim), "trim: %v", err)
		} else {
			b.Trim = t
		}
	}
	b.PrintPos = p.keyPos("trim")
	if r.Print.Kind != 0 {
		b.PrintPos = p.at(&r.Print)
		settings, at, err := parsePrint(&r.Print)
		if err != nil {
			p.list.Errorf(p.at(at), "print: %v", err)
		} else {
			b.Print = settings
		}
	}
}

// apparatus sets the files of the glossary, the chronology and the index.
func (p *parser) apparatus(b *Book, r *raw) {
	for _, m := range []struct {
		n   *yaml.Node
		key string
		dst *File
	}{{&r.Glossary, "glossary", &b.Glossary}, {&r.Chronology, "chronology", &b.Chronology}, {&r.Index, "index", &b.Index}} {
		if m.n.Kind != 0 {
			if f, ok := b.file(&p.list, m.n, m.key); ok {
				*m.dst = f
			}
		}
	}
}

// options sets the font, which uses of a glossary term link to it, and figure numbering.
func (p *parser) options(b *Book, r *raw) {
	if r.Font.Kind != 0 {
		if _, err := fonts.Lookup(r.Font.Value); err != nil || r.Font.Kind != yaml.ScalarNode {
			p.list.Errorf(p.at(&r.Font), "font: %v", err)
		} else {
			b.Font = r.Font.Value
		}
	}
	if r.GlossLinks.Kind != 0 {
		switch v := r.GlossLinks.Value; v {
		case "first", "every", "none":
			b.GlossaryLinks = v
		default:
			p.list.Errorf(p.at(&r.GlossLinks), "glossary_links: %q is not one of first, every, none", v)
		}
	}
	if r.Figures.Kind != 0 {
		switch v := r.Figures.Value; v {
		case "numbered":
			b.NumberFigures = true
		case "unnumbered":
		default:
			p.list.Errorf(p.at(&r.Figures), "figures: %q is not one of numbered, unnumbered", v)
		}
	}
}

// contents sets the cover and the lists of chapters and back matter; no file may be listed
// twice.
func (p *parser) contents(b *Book, r *raw) {
	if r.Cover.Kind != 0 {
		if f, ok := b.file(&p.list, &r.Cover, "cover"); ok {
			b.Cover = f
		}
	}
	b.Chapters = b.files(&p.list, &r.Chapters, "chapters", p.keyPos("chapters"), true)
	b.Backmatter = b.files(&p.list, &r.Backmatter, "backmatter", p.keyPos("backmatter"), false)
	seen := map[string]File{}
	for _, f := range append(append([]File{}, b.Chapters...), b.Backmatter...) {
		if f.Part {
			continue
		}
		key := NameKey(f.Path)
		if first, dup := seen[key]; dup && first.Path == f.Path {
			p.list.Errorf(f.Pos, "%s is listed twice (first at %s)", f.Name, first.Pos)
		} else if dup {
			p.list.Errorf(f.Pos, "%s and %s (at %s) differ only in case: Windows and macOS take them for one file; rename one", f.Name, first.Name, first.Pos)
		}
		seen[key] = f
	}
}

// NameKey is a file name as Windows and macOS compare names by default: in one Unicode
// normal form, each letter upper-cased alone (NTFS's table maps letter to letter: straße is
// not STRASSE there). Two files of a book with the same key are one file on those systems.
func NameKey(name string) string {
	return strings.ToUpper(norm.NFC.String(filepath.ToSlash(name)))
}

func (b *Book) files(list *diag.List, n *yaml.Node, key string, keyPos diag.Pos, required bool) []File {
	if n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		if required {
			list.Errorf(keyPos, "%s is missing: list the book's Markdown files in reading order", key)
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		list.Errorf(diag.Pos{File: b.Path, Line: n.Line, Col: n.Column}, "%s must be a list of file names", key)
		return nil
	}
	if required && len(n.Content) == 0 {
		list.Errorf(keyPos, "%s is empty: list the book's Markdown files in reading order", key)
	}
	var out []File
	for i, item := range n.Content {
		if f, ok := b.entry(list, item, key, i == 0); ok {
			out = append(out, f)
		}
	}
	return out
}

// file checks that a named file is a readable regular file inside the book's folder.
func (b *Book) file(list *diag.List, n *yaml.Node, key string) (File, bool) {
	pos := diag.Pos{File: b.Path, Line: n.Line, Col: n.Column}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" || strings.TrimSpace(n.Value) == "" {
		list.Errorf(pos, "%s: expected a file name", key)
		return File{}, false
	}
	name := strings.TrimSpace(n.Value)
	if b.folder == nil || b.folder.dir != b.Dir {
		b.folder = &folder{dir: b.Dir}
	}
	path, err := b.folder.resolve(name)
	if err != nil {
		hint := ""
		if errors.Is(err, ErrNoSuchFile) {
			hint = diag.DidYouMean(name, siblings(b.Dir, name))
			b.missing = append(b.missing, name)
		}
		list.Errorf(pos, "%s: %v%s", name, err, hint)
		if key != "cover" {
			b.Unread = append(b.Unread, key)
		}
		return File{}, false
	}
	return File{Name: name, Path: path, Pos: pos}, true
}

// ErrNoSuchFile: a file book.yaml names is not in the book's folder.
var ErrNoSuchFile = errors.New("no such file in the book's folder")

// siblings are the files in the folder name would be in, with its extension, as book.yaml
// would name them (sorted): what a mistyped name probably meant.
func siblings(dir, name string) []string {
	sub := path.Dir(filepath.ToSlash(name))
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(sub)))
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(path.Ext(e.Name()), path.Ext(name)) {
			names = append(names, path.Join(sub, e.Name()))
		}
	}
	return names
}

// Resolve turns a name relative to the book's folder into a path, refusing names that leave
// the folder (absolute paths, "..", symbolic links that point outside) and names of things
// that are not regular files.
func Resolve(dir, name string) (string, error) {
	return (&folder{dir: dir}).resolve(name)
}

// folder resolves names in one folder, whose real path (its links followed) it finds once:
// a book of a hundred chapters asked for it, a lstat for each folder above the book, at
// every file it names and again at every rebuild.
type folder struct {
	dir  string
	real string // "" until found
}

func (f *folder) resolve(name string) (string, error) {
	dir := f.dir
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) {
		return "", errors.New("absolute paths are not allowed; name files relative to the book's folder")
	}
	// A backslash separates folders on every system, so the book means the same everywhere.
	name = strings.ReplaceAll(name, `\`, "/")
	if err := portableName(name); err != nil {
		return "", err
	}
	clean := filepath.Clean(filepath.FromSlash(name))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", errors.New("the file is outside the book's folder")
	}
	path := filepath.Join(dir, clean)
	if !strings.ContainsRune(clean, filepath.Separator) {
		// A file in the folder itself that is not a link is inside it, wherever it really
		// is: one lstat says so (a stat before it was a second call for every chapter).
		if li, err := os.Lstat(path); err == nil && li.Mode().IsRegular() {
			return path, nil
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", ErrNoSuchFile
		}
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", errors.New(kindOf(info.Mode()))
	}
	if f.real == "" {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return "", err
		}
		f.real = real
	}
	realPath, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(f.real, realPath)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errors.New("the file is a link to outside the book's folder")
	}
	return path, nil
}

// portableName refuses a slash-separated name that Windows cannot hold, so that a book made on
// Linux or macOS builds on Windows too (and "one.md:x", an NTFS stream, is never read).
func portableName(name string) error {
	for _, part := range strings.Split(name, "/") {
		if part == "." || part == ".." || part == "" {
			continue
		}
		if i := strings.IndexFunc(part, func(r rune) bool { return r < 0x20 || strings.ContainsRune(`<>:"|?*`, r) }); i >= 0 {
			return fmt.Errorf("the name holds %q, which Windows does not allow in a file name; rename the file", part[i:i+1])
		}
		if strings.HasSuffix(part, ".") || strings.HasSuffix(part, " ") {
			return fmt.Errorf("%q ends with a dot or a space, which Windows drops from a file name; rename it", part)
		}
		base, _, _ := strings.Cut(part, ".")
		if WindowsDevice(base) {
			return fmt.Errorf("%q is a device's name on Windows (as are con, prn, aux, nul, com1 and lpt1), with any extension; rename the file", part)
		}
	}
	return nil
}

// WindowsDevice reports whether Windows takes name, before any extension, for a device, not a
// file: con.epub opens the console. (COM¹ and the like are devices too; they never reach a
// name bindery makes, and are allowed in the author's.)
func WindowsDevice(name string) bool {
	n := strings.ToLower(strings.TrimRight(name, " "))
	switch n {
	case "con", "prn", "aux", "nul", "conin$", "conout$":
		return true
	}
	return len(n) == 4 && (strings.HasPrefix(n, "com") || strings.HasPrefix(n, "lpt")) && n[3] >= '0' && n[3] <= '9'
}

// ParseDate parses a W3CDTF date of the forms YYYY, YYYY-MM and YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, dateError(s)
}

var dateRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`) })

// dateError says which part of s is wrong when s has the form of a date: the month, or the
// day for that month.
func dateError(s string) error {
	m := dateRE().FindStringSubmatch(s)
	if m == nil {
		return errors.New("not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
	}
	month, _ := strconv.Atoi(m[2])
	if month < 1 || month > 12 {
		return fmt.Errorf("the month %s is not from 01 to 12", m[2])
	}
	year, _ := strconv.Atoi(m[1])
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return fmt.Errorf("the day %s is not from 01 to %d (%s %d has %d days)", m[3], days, time.Month(month), year, days)
}
