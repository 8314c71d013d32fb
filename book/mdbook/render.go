package mdbook

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"bindery/book/config"
	"bindery/book/diag"
)

// RendererName is the command mdBook runs for [output.bindery]: "mdbook-" and the output's
// name. bindery answers to it (a link or copy of the binary so named).
const RendererName = "mdbook-bindery"

// Context is mdBook's render context: what mdBook writes, as JSON, to the standard input of
// the renderer of an [output.NAME] table (its alternative-backend protocol): the book after
// mdBook's preprocessors (includes expanded), its configuration, and where to write.
type Context struct {
	Version string `json:"version"`
	// Root is the book's folder, where book.toml is.
	Root   string         `json:"root"`
	Book   contextBook    `json:"book"`
	Config map[string]any `json:"config"`
	// Destination is the folder the renderer must write into (book/bindery/ when there are
	// several outputs); mdBook runs the renderer there.
	Destination string `json:"destination"`
}

// contextBook is mdBook's Book: its items ("sections" before mdBook 0.5).
type contextBook struct {
	Items    []bookItem `json:"items"`
	Sections []bookItem `json:"sections"`
}

// bookItem is mdBook's BookItem, which serde writes as "Separator", {"Chapter": {…}} or
// {"PartTitle": "…"}.
type bookItem struct {
	Chapter   *chapter
	Separator bool
	PartTitle *string
}

// chapter is mdBook's Chapter.
type chapter struct {
	Name    string `json:"name"`
	Content string `json:"content"`
	// Number is the section number of a numbered chapter, null for prefix, suffix and draft
	// chapters.
	Number   []int      `json:"number"`
	SubItems []bookItem `json:"sub_items"`
	// Path is the chapter's file relative to the source folder (README.md renamed index.md
	// by mdBook's index preprocessor); null for a draft. SourcePath is the file as it is on
	// disk (mdBook 0.4.6 and later).
	Path        *string  `json:"path"`
	SourcePath  *string  `json:"source_path"`
	ParentNames []string `json:"parent_names"`
}

func (it *bookItem) UnmarshalJSON(data []byte) error {
	var s string
	if json.Unmarshal(data, &s) == nil {
		if s != "Separator" {
			return fmt.Errorf("unknown book item %q", s)
		}
		it.Separator = true
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("a book item must be \"Separator\", {\"Chapter\": …} or {\"PartTitle\": …}: %w", err)
	}
	switch {
	case m["Chapter"] != nil:
		it.Chapter = new(chapter)
		return json.Unmarshal(m["Chapter"], it.Chapter)
	case m["PartTitle"] != nil:
		it.PartTitle = new(string)
		return json.Unmarshal(m["PartTitle"], it.PartTitle)
	}
	for k := range m {
		return fmt.Errorf("unknown book item %q", k)
	}
	return errors.New("an empty book item")
}

// ReadContext reads the render context mdBook writes to its renderer's standard input.
func ReadContext(r io.Reader) (*Context, error) {
	var c Context
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("no render context on standard input: mdBook runs bindery as a renderer and writes the book there (to build a book yourself: bindery build DIR)")
		}
		return nil, fmt.Errorf("the render context on standard input is not mdBook's: %w", err)
	}
	if c.Root == "" || c.Destination == "" || c.Config == nil {
		return nil, errors.New("the render context on standard input lacks root, destination or config: is it mdBook's?")
	}
	if c.Book.Items == nil {
		c.Book.Items = c.Book.Sections
	}
	normalizeNumbers(c.Config)
	return &c, nil
}

// normalizeNumbers makes the JSON's numbers what TOML's would be (int64 or float64), so that
// the configuration reads the same from either.
func normalizeNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalizeNumbers(x)
		}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	}
	return v
}

// Load is the book of the render context: its metadata from the configuration (book.toml
// as mdBook read it), its chapters with the text mdBook's preprocessors made
// (config.File.Content), nested as SUMMARY.md nests them. Diagnostics about the
// configuration and the outline are placed in book.toml and SUMMARY.md when they are there
// to be read.
func (c *Context) Load() (*config.Book, diag.List, error) {
	var list diag.List
	root := c.Root
	tomlPath := filepath.Join(root, FileName)
	t := &tomlFile{path: tomlPath, values: c.Config, keys: map[string]diag.Pos{}}
	if data, err := os.ReadFile(tomlPath); err == nil {
		t.keys = locateKeys(tomlPath, data)
	}
	p, more := configure(root, t)
	list = append(list, more...)
	if p == nil {
		return nil, list, list.Err()
	}
	b, more := p.metadata()
	list = append(list, more...)

	summaryPath := filepath.Join(root, filepath.FromSlash(p.src), SummaryName)
	r := &contextReader{root: root, src: p.src, list: &list, at: map[string]diag.Pos{}, summary: summaryPath}
	if data, err := os.ReadFile(summaryPath); err == nil {
		if s, _ := ParseSummary(summaryPath, data); s != nil {
			r.learn(s.Prefix)
			r.learn(s.Numbered)
			r.learn(s.Suffix)
		}
	}
	// mdBook does not say which chapters are prefix or suffix: those after the last
	// numbered chapter are the suffix.
	items := c.Book.Items
	last := -1
	for i, it := range items {
		if it.Chapter != nil && it.Chapter.Number != nil || it.PartTitle != nil {
			last = i
		}
	}
	r.add(&b.Chapters, items[:last+1], 0)
	r.add(&b.Backmatter, items[last+1:], 0)
	if r.files == 0 {
		list.Errorf(diag.Pos{File: summaryPath, Line: 1, Col: 1}, "the book mdBook gave has no chapters")
	}
	if list.HasErrors() {
		return nil, list, list.Err()
	}
	return b, list, nil
}

// contextReader turns the context's items into the book's files.
type contextReader struct {
	root, src string
	list      *diag.List
	at        map[string]diag.Pos // a chapter's file (or a draft's or part's name) → its place in SUMMARY.md
	summary   string
	files     int
}

// learn records where SUMMARY.md lists each entry.
func (r *contextReader) learn(items []Item) {
	for _, it := range items {
		key := it.Name
		if it.Kind == Link && it.Location != "" {
			key = path.Clean(strings.ReplaceAll(it.Location, `\`, "/"))
		}
		if _, seen := r.at[key]; !seen {
			r.at[key] = it.Pos
		}
		r.learn(it.Nested)
	}
}

func (r *contextReader) pos(key string) diag.Pos {
	if p, ok := r.at[key]; ok {
		return p
	}
	return diag.Pos{File: r.summary}
}

func (r *contextReader) add(files *[]config.File, items []bookItem, depth int) {
	for _, it := range items {
		switch {
		case it.PartTitle != nil:
			name := config.CleanText(*it.PartTitle)
			*files = append(*files, config.File{Name: name, Part: true, Pos: r.pos(name)})
		case it.Chapter != nil:
			ch := it.Chapter
			inner := depth + 1
			file := ch.SourcePath
			if file == nil {
				file = ch.Path
			}
			name := config.CleanText(ch.Name)
			switch {
			case file == nil:
				r.list.Warnf(r.pos(name), "draft chapter %q has no file yet and was left out", name)
				inner = depth
			default:
				loc := path.Clean(strings.ReplaceAll(*file, `\`, "/"))
				if path.IsAbs(loc) || loc == ".." || strings.HasPrefix(loc, "../") {
					r.list.Errorf(r.pos(loc), "%s: the chapter's file is outside the book's folder", *file)
					continue
				}
				d := min(depth, config.MaxDepth)
				bookName := path.Join(r.src, loc)
				*files = append(*files, config.File{
					Name: bookName, Path: filepath.Join(r.root, filepath.FromSlash(bookName)),
					Pos: r.pos(loc), Content: []byte(ch.Content), Title: name, Depth: d,
				})
				r.files++
			}
			r.add(files, ch.SubItems, inner)
		}
	}
}

// Options are the settings of [output.bindery] in the context's configuration (Load reports
// their problems).
func (c *Context) Options() (Options, error) {
	p, list := configure(c.Root, &tomlFile{path: filepath.Join(c.Root, FileName), values: c.Config, keys: map[string]diag.Pos{}})
	if p == nil {
		return Options{}, list.Err()
	}
	return p.options, nil
}
