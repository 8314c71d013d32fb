// Package mdbook reads books written for mdBook, as they are: book.toml and SUMMARY.md give the
// book's metadata and outline (a config.Book, as book.yaml gives it), Expand resolves mdBook's
// {{#include}} family in the chapters' text, and ReadContext takes the book from mdBook itself
// when bindery runs as its renderer.
package mdbook

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/fonts"

	"go.yaml.in/yaml/v3"
)

// FileName is the name of an mdBook project's configuration file.
const FileName = "book.toml"

// SummaryName is the name of the file in the source folder that lists the chapters.
const SummaryName = "SUMMARY.md"

// IsProject reports whether dir holds an mdBook project (a book.toml).
func IsProject(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, FileName))
	return err == nil && info.Mode().IsRegular()
}

// Load reads the mdBook project in dir: the metadata from book.toml, the chapters and their
// nesting from SUMMARY.md in its source folder, with the same checks as book.yaml's files.
// The list holds the warnings, and the errors when err is not nil.
func Load(dir string) (*config.Book, diag.List, error) {
	p, list := readProject(dir)
	if p == nil {
		return nil, list, list.Err()
	}
	b, more := p.book()
	list = append(list, more...)
	if list.HasErrors() {
		return nil, list, list.Err()
	}
	return b, list, nil
}

// SummaryPath is where the project in dir keeps SUMMARY.md, for watching it; empty if
// book.toml cannot be read.
func SummaryPath(dir string) string {
	p, _ := readProject(dir)
	if p == nil {
		return ""
	}
	return filepath.Join(dir, filepath.FromSlash(p.src), SummaryName)
}

// project is what book.toml says.
type project struct {
	dir, path   string
	toml        *tomlFile
	src         string // the source folder, relative to dir, with forward slashes
	title       string
	authors     []string
	description string
	language    string
	options     Options
}

// Options are the settings of [output.bindery] in book.toml.
type Options struct {
	Identifier, Date, Subtitle, Author, Publisher, Rights, Font string
	Subjects, Hyphenation                                       []string
	EmbedFonts                                                  bool
	Trim                                                        *config.Trim
	// Formats and Impose are for bindery as mdBook's renderer (a build on the command line
	// takes them from its flags).
	Formats []string
	Impose  string
	// IncludeRoot widens the folder includes may read from to one around the book's
	// ("..", "../.."): mdBook's own guide includes its repository's examples.
	IncludeRoot string

	trimPos diag.Pos
}

// bookKeys are the keys of [book] that bindery reads; mdBookKeys those it has no use for.
var (
	bookKeys      = []string{"title", "authors", "description", "language", "src"}
	mdBookKeys    = []string{"multilingual", "text-direction"}
	optionKeys    = []string{"identifier", "date", "subtitle", "author", "publisher", "rights", "subjects", "trim", "font", "embed-fonts", "hyphenation", "formats", "impose", "include-root"}
	rendererKeys  = []string{"command", "optional", "renderers"} // mdBook's own, for every backend
	legacyTopKeys = []string{"title", "authors", "description", "source"}
)

// readProject reads book.toml.
func readProject(dir string) (*project, diag.List) {
	var list diag.List
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			list.Errorf(diag.Pos{File: path}, "no %s here", FileName)
		} else {
			list.Errorf(diag.Pos{File: path}, "%v", err)
		}
		return nil, list
	}
	t, more := parseTOML(path, data)
	list = append(list, more...)
	if t == nil {
		return nil, list
	}
	p, more := configure(dir, t)
	return p, append(list, more...)
}

// configure reads the configuration (book.toml's, or the one mdBook gives its renderers).
func configure(dir string, t *tomlFile) (*project, diag.List) {
	var list diag.List
	p := &project{dir: dir, path: t.path, toml: t, src: "src", language: "en"}
	book := t.table(&list, "book")
	prefix := "book."
	if book == nil {
		// mdBook's legacy format: title, authors, description and source at the top.
		book, prefix = map[string]any{}, ""
		for _, k := range legacyTopKeys {
			if v, ok := t.values[k]; ok {
				book[k] = v
			}
		}
		if v, ok := book["source"]; ok {
			book["src"] = v
		}
	} else {
		t.unknown(&list, book, prefix, bookKeys, mdBookKeys...)
	}
	if s, ok := t.text(&list, book, prefix, "title"); ok {
		p.title = config.CleanText(s)
	}
	if s, ok := t.text(&list, book, prefix, "description"); ok {
		p.description = config.CleanText(s)
	}
	if s, ok := t.text(&list, book, prefix, "language"); ok {
		p.language = config.CleanText(s)
		if err := config.CheckLanguage(p.language); err != nil {
			list.Errorf(t.at(prefix+"language"), "%v", err)
		}
	}
	if a, ok := t.texts(&list, book, prefix, "authors"); ok {
		for _, s := range a {
			if s = authorName(s); s != "" {
				p.authors = append(p.authors, s)
			}
		}
	}
	if s, ok := t.text(&list, book, prefix, "src"); ok {
		if src, err := sourceFolder(dir, s); err != nil {
			list.Errorf(t.at(prefix+"src"), "src = %q: %v", s, err)
		} else {
			p.src = src
		}
	}
	p.readOptions(&list)
	if list.HasErrors() {
		return nil, list
	}
	return p, list
}

// email is the address in an author written as Cargo writes them: "Name <name@example.org>".
var email = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*<[^<>@\s]+@[^<>\s]+>\s*$`) })

// authorName is an author as a title page prints it, without the e-mail address.
func authorName(s string) string {
	return config.CleanText(email().ReplaceAllString(s, ""))
}

// sourceFolder checks book.toml's src: a folder inside the book's.
func sourceFolder(dir, src string) (string, error) {
	src = strings.TrimSpace(src)
	if src == "" {
		return "", errors.New("the source folder is empty")
	}
	if filepath.IsAbs(src) || strings.HasPrefix(src, "/") || strings.HasPrefix(src, `\`) {
		return "", errors.New("absolute paths are not allowed; name the source folder relative to the book's folder")
	}
	clean := filepath.Clean(filepath.FromSlash(src))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", errors.New("the source folder is outside the book's folder")
	}
	return filepath.ToSlash(clean), nil
}

// readOptions reads [output.bindery].
func (p *project) readOptions(list *diag.List) {
	t := p.toml
	out := t.table(list, "output.bindery")
	if out == nil {
		return
	}
	// mdBook's keys are kebab-case; book.yaml's are snake_case: take both.
	for k, v := range out {
		if strings.Contains(k, "_") {
			kebab := strings.ReplaceAll(k, "_", "-")
			if _, both := out[kebab]; !both && contains(optionKeys, kebab) {
				out[kebab] = v
				delete(out, k)
				t.keys["output.bindery."+kebab] = t.at("output.bindery." + k)
			}
		}
	}
	const pre = "output.bindery."
	t.unknown(list, out, pre, optionKeys, rendererKeys...)
	o := &p.options
	for _, f := range []struct {
		key string
		dst *string
	}{{"identifier", &o.Identifier}, {"date", &o.Date}, {"subtitle", &o.Subtitle}, {"author", &o.Author},
		{"publisher", &o.Publisher}, {"rights", &o.Rights}, {"font", &o.Font}, {"impose", &o.Impose}, {"include-root", &o.IncludeRoot}} {
		if s, ok := t.text(list, out, pre, f.key); ok {
			*f.dst = config.CleanText(s)
		}
	}
	if o.Date != "" {
		if _, err := config.ParseDate(o.Date); err != nil {
			list.Errorf(t.at(pre+"date"), "date %q: %v", o.Date, err)
		}
	}
	if o.Font != "" {
		if _, err := fonts.Lookup(o.Font); err != nil {
			list.Errorf(t.at(pre+"font"), "font: %v", err)
		}
	}
	if v, ok := out["embed-fonts"]; ok {
		if b, isBool := v.(bool); isBool {
			o.EmbedFonts = b
		} else {
			list.Errorf(t.at(pre+"embed-fonts"), "embed-fonts must be true or false")
		}
	}
	if s, ok := t.texts(list, out, pre, "subjects"); ok {
		for _, x := range s {
			o.Subjects = append(o.Subjects, config.CleanText(x))
		}
	}
	if s, ok := t.texts(list, out, pre, "hyphenation"); ok {
		for _, w := range s {
			if w = config.CleanText(w); strings.ContainsAny(w, " \t") {
				list.Errorf(t.at(pre+"hyphenation"), "hyphenation: %q is not one word", w)
			} else if w != "" {
				o.Hyphenation = append(o.Hyphenation, w)
			}
		}
	}
	if v, ok := out["formats"]; ok {
		switch v := v.(type) {
		case string:
			o.Formats = strings.Split(v, ",")
		default:
			o.Formats, _ = t.texts(list, out, pre, "formats")
		}
	}
	if v, ok := out["trim"]; ok {
		o.trimPos = t.at(pre + "trim")
		n := &yaml.Node{Kind: yaml.ScalarNode}
		switch v := v.(type) {
		case string:
			n.Value = v
		case map[string]any:
			n.Kind = yaml.MappingNode
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v[k])})
			}
		default:
			n.Kind = yaml.SequenceNode
		}
		if tr, err := config.ParseTrim(n); err != nil {
			list.Errorf(o.trimPos, "trim: %v", err)
		} else {
			o.Trim = &tr
		}
	}
}

// book is the project as a config.Book: book.toml's metadata and SUMMARY.md's outline.
func (p *project) book() (*config.Book, diag.List) {
	b, list := p.metadata()
	summaryName := path.Join(p.src, SummaryName)
	summaryPath, err := config.Resolve(p.dir, summaryName)
	if err != nil {
		list.Errorf(p.toml.at("book.src"), "%s: %v; an mdBook project lists its chapters there", summaryName, err)
		return nil, list
	}
	data, err := os.ReadFile(summaryPath)
	if err != nil {
		list.Errorf(diag.Pos{File: summaryPath}, "%v", err)
		return nil, list
	}
	s, more := ParseSummary(summaryPath, data)
	list = append(list, more...)
	if s == nil {
		return nil, list
	}
	o := outline{dir: p.dir, src: p.src, list: &list}
	o.add(&b.Chapters, s.Prefix, 0)
	o.add(&b.Chapters, s.Numbered, 0)
	o.add(&b.Backmatter, s.Suffix, 0)
	if o.files == 0 && !list.HasErrors() {
		list.Errorf(diag.Pos{File: summaryPath, Line: 1, Col: 1}, "%s lists no chapters: list the book's Markdown files as links, - [Title](file.md)", SummaryName)
	}
	return b, list
}

// metadata is the book as book.toml describes it, without its chapters.
func (p *project) metadata() (*config.Book, diag.List) {
	var list diag.List
	b := config.NewBook(p.dir, p.path)
	b.Title, b.Description, b.Language = p.title, p.description, p.language
	b.Author = strings.Join(p.authors, ", ")
	if b.Title == "" {
		b.Title = config.CleanText(filepath.Base(absDir(p.dir)))
		list.Warnf(p.toml.at("book"), "book.toml gives the book no title: it is called %q (add title = \"…\" to [book])", b.Title)
	}
	o := p.options
	if o.Author != "" {
		b.Author = o.Author
	}
	if b.Author == "" {
		b.Author = "Anonymous"
		list.Warnf(p.toml.at("book"), "book.toml names no authors: the book is credited to %q (add authors = [\"…\"] to [book])", b.Author)
	}
	b.Identifier = o.Identifier
	if b.Identifier == "" {
		b.Identifier = Identifier(b.Title, p.authors)
	}
	b.Date, b.Subtitle, b.Publisher, b.Rights = o.Date, o.Subtitle, o.Publisher, o.Rights
	b.Subjects, b.Hyphenation, b.EmbedFonts, b.Font = o.Subjects, o.Hyphenation, o.EmbedFonts, o.Font
	if o.Trim != nil {
		b.Trim, b.PrintPos = *o.Trim, o.trimPos
	}
	if o.IncludeRoot != "" {
		root, err := includeRoot(p.dir, o.IncludeRoot)
		if err != nil {
			list.Errorf(p.toml.at("output.bindery.include-root"), "include-root %q: %v", o.IncludeRoot, err)
		} else {
			b.IncludeRoot = root
		}
	}
	return b, list
}

// includeRoot checks a widened include folder: a folder that holds the book's, given
// relative to it ("..", "../.."), never the file system's root.
func includeRoot(dir, rel string) (string, error) {
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, `\`) {
		return "", errors.New("give it relative to the book's folder, as \"..\" or \"../..\"")
	}
	abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return "", err
	}
	book, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	inside, err := filepath.Rel(abs, book)
	if err != nil || inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) {
		return "", errors.New("it must be a folder around the book's (\"..\", \"../..\")")
	}
	if abs == filepath.Dir(abs) {
		return "", errors.New("the file system's root is too wide")
	}
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		return "", errors.New("no such folder")
	}
	return abs, nil
}

// absDir is dir made absolute, for its name ("." has none).
func absDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// outline turns the summary's items into the book's list of files.
type outline struct {
	dir, src string
	list     *diag.List
	files    int
}

// add appends items at the given depth (nesting) to files.
func (o *outline) add(files *[]config.File, items []Item, depth int) {
	for _, it := range items {
		switch it.Kind {
		case Separator:
			// A rule in mdBook's table of contents; nothing in a printed book.
		case PartTitle:
			*files = append(*files, config.File{Name: it.Name, Part: true, Pos: it.Pos})
		case Link:
			inner := depth + 1
			if it.Location == "" {
				o.list.Warnf(it.Pos, "draft chapter %q has no file yet and was left out%s", it.Name, liftNote(it))
				inner = depth // its sections stand in its place
			} else if f, ok := o.file(it, depth); ok {
				*files = append(*files, f)
				o.files++
			}
			o.add(files, it.Nested, inner)
		}
	}
}

func liftNote(it Item) string {
	if len(it.Nested) > 0 {
		return " (what is nested under it stands one level higher)"
	}
	return ""
}

// file checks a chapter's file as book.yaml's are checked: inside the book's folder, no link
// leading out, a regular file. mdBook would create a missing file; bindery reports it.
func (o *outline) file(it Item, depth int) (config.File, bool) {
	loc := strings.ReplaceAll(it.Location, `\`, "/")
	if path.IsAbs(loc) || filepath.IsAbs(it.Location) {
		o.list.Errorf(it.Pos, "%s: absolute paths are not allowed; name files relative to %s/", it.Location, o.src)
		return config.File{}, false
	}
	if strings.Contains(loc, "://") || strings.HasPrefix(loc, "mailto:") {
		o.list.Errorf(it.Pos, "%s: a chapter must be a Markdown file in the book, not a link", it.Location)
		return config.File{}, false
	}
	name := path.Clean(path.Join(o.src, loc))
	if name == ".." || strings.HasPrefix(name, "../") {
		o.list.Errorf(it.Pos, "%s: the file is outside the book's folder", it.Location)
		return config.File{}, false
	}
	if _, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(name))); errors.Is(err, os.ErrNotExist) {
		o.list.Errorf(it.Pos, "%s: no such file in %s/ (mdBook would create it; bindery reports it instead)", it.Location, o.src)
		return config.File{}, false
	}
	p, err := config.Resolve(o.dir, name)
	if err != nil {
		o.list.Errorf(it.Pos, "%s: %v", it.Location, err)
		return config.File{}, false
	}
	if depth > config.MaxDepth {
		o.list.Warnf(it.Pos, "%q is nested %d deep: it is set as a section at depth %d, the deepest there is", it.Name, depth, config.MaxDepth)
		depth = config.MaxDepth
	}
	return config.File{Name: name, Path: p, Pos: it.Pos, Title: it.Name, Depth: depth}, true
}

// Identifier is the identifier of an mdBook project that book.toml does not give one: a
// name-based UUID (version 5, RFC 9562) of its title and authors, so that every build of the
// same book has the same identifier without bindery writing anything into the project. A
// retitled book gets a new one: a book.yaml (bindery init --from-mdbook) keeps it for good.
func Identifier(title string, authors []string) string {
	// The URL namespace of RFC 9562, with a name that is ours.
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte("urn:bindery:mdbook:" + title + "\n" + strings.Join(authors, "\n")))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
