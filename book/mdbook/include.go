package mdbook

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"bindery/book/config"
	"bindery/book/diag"
)

// MaxIncludeDepth is how deep includes may nest, mdBook's own limit: a chapter's includes are
// at depth 1, theirs at 2, and an include at depth 11 is refused.
const MaxIncludeDepth = 10

// Limits on what includes may bring in: a file, and a chapter's text once expanded (a file
// included twice by a file included twice… ten deep would otherwise be 1,024 copies). The
// longest chapters of real books, with their includes, are well under a megabyte.
var (
	maxIncludedFile int64 = 16 << 20
	maxExpanded           = 16 << 20
)

// directive is mdBook's pattern for its preprocessor's directives (links.rs): an escaped
// directive up to the last "}}" of its line, or {{#name args}}, whose arguments may run over
// several lines.
var directive = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\\\{\{#.*\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}`)
})

// Anchor lines, in any comment syntax: "// ANCHOR: name", "<!-- ANCHOR_END: name -->".
var (
	anchorStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`ANCHOR:[\s\p{Z}]*([\p{L}\p{M}\p{Nd}\p{Pc}-]+)`) })
	anchorEnd   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`ANCHOR_END:[\s\p{Z}]*([\p{L}\p{M}\p{Nd}\p{Pc}-]+)`) })
)

// Expand resolves mdBook's preprocessor directives in src, the text of the chapter file at
// path (as config.File.Path has it: the book's folder bookDir joined with the file's name), as
// mdBook's "links" preprocessor does:
//
//	{{#include file}}                  the whole file
//	{{#include file:anchor}}           the lines between ANCHOR: anchor and ANCHOR_END: anchor
//	{{#include file:10:20}}            lines 10 to 20 (also :10, one line; :10:, from 10; ::20, to 20)
//	{{#rustdoc_include file[:range]}}  the whole file, the lines outside the range or anchor
//	                                   prefixed with "# ", which rustdoc (and bindery) hide
//	{{#playground file attrs…}}        the file as a ```rust,attrs code block
//	{{#title text}}                    removed (mdBook's HTML page title)
//	\{{#include file}}                 kept as written, without the backslash
//
// Paths are relative to the including file and must stay inside bookDir (no "..", absolute
// path or symbolic link leading out). Included text is expanded in turn, at most
// MaxIncludeDepth deep; a cycle is an error naming both places. Anchor lines are left out of
// every include. An include that begins its line (after indentation, ">" or a list item's
// marker) indents every line it brings in the same way, so it stays inside that list item or
// quote.
//
// name is how diagnostics name the chapter (the reader's name for path); included files are
// named the same way. origins map the lines of out that came from other files back to them,
// for diag.NewLineIndexFrom; they are nil when nothing was included. On an error the
// directive's own text is kept in out, so the rest can still be read. A text without "{{" is
// returned as it is, at once.
//
// Call Expand on files read from disk only: the text mdBook gives its renderers
// (config.File.Content) has been through its own preprocessor already, and an escaped
// \{{#include}} there is now a literal {{#include}}.
func Expand(bookDir, path, name string, src []byte) (out []byte, origins []diag.Origin, list diag.List) {
	if !bytes.Contains(src, []byte("{{")) {
		return src, nil, nil
	}
	e := &expander{bookDir: bookDir, chapterPath: filepath.Clean(path), chapterName: name}
	w := e.expand(source{path: path, name: name, text: src}, 0)
	return w.buf, w.origins(name), e.list
}

// Includes lists the files that src, the text of the chapter at path, includes (directly or
// not), each once, for bindery watch.
func Includes(bookDir, path string, src []byte) []string {
	if !bytes.Contains(src, []byte("{{")) {
		return nil
	}
	e := &expander{bookDir: bookDir, chapterPath: filepath.Clean(path), chapterName: path}
	e.expand(source{path: path, name: path, text: src}, 0)
	return e.files
}

// expander expands one chapter's includes.
type expander struct {
	bookDir                  string
	chapterPath, chapterName string
	list                     diag.List
	files                    []string // included, in order, each once
	size                     int      // of all included text so far
	tooBig                   bool
	cache                    map[string][]string // included files' lines
}

// lineOrigin is where a line of text was written.
type lineOrigin struct {
	file string
	line int
}

// source is a text being expanded: a chapter, or the lines taken from an included file.
type source struct {
	path, name string // on disk; in diagnostics
	text       []byte
	lines      []lineOrigin // where each line of text comes from; nil: from name, in order
	stack      []frame      // the includes that led here, outermost first
}

// frame is a file being included, and the directive that included it.
type frame struct {
	path string
	at   diag.Pos
}

func (s *source) origin(line int) lineOrigin {
	if s.lines != nil {
		if line < len(s.lines) {
			return s.lines[line]
		}
		if n := len(s.lines); n > 0 {
			return lineOrigin{s.lines[n-1].file, s.lines[n-1].line + line - n + 1}
		}
	}
	return lineOrigin{s.name, line + 1}
}

// writer builds expanded text and remembers where each of its lines comes from.
type writer struct {
	buf   []byte
	lines []lineOrigin
}

// copy appends text[from:to] of s, which starts on line `line` of s; it returns the line on
// which to ends.
func (w *writer) copy(s *source, from, to, line int) int {
	chunk := s.text[from:to]
	for {
		i := bytes.IndexByte(chunk, '\n')
		if i < 0 {
			w.buf = append(w.buf, chunk...)
			return line
		}
		w.buf = append(w.buf, chunk[:i+1]...)
		chunk = chunk[i+1:]
		line++
		w.lines = append(w.lines, s.origin(line))
	}
}

// currentLine is the text of the last line so far.
func (w *writer) currentLine() []byte {
	return w.buf[bytes.LastIndexByte(w.buf, '\n')+1:]
}

// insert appends an expanded include at the current place. Its lines are split as mdBook
// splits them (a final newline dropped, "\r\n" read as a line end); each after the first
// begins with the prefix that continues the current line's indentation.
func (w *writer) insert(child *writer) {
	if len(child.buf) == 0 {
		return
	}
	rep, starts := continuation(w.currentLine())
	w.buf = slices.Grow(w.buf, len(child.buf)+len(child.lines)*len(rep))
	w.lines = slices.Grow(w.lines, len(child.lines))
	text := child.buf
	if text[len(text)-1] == '\n' {
		text = text[:len(text)-1]
	}
	for i := 0; ; i++ {
		line := text
		j := bytes.IndexByte(text, '\n')
		if j >= 0 {
			line = text[:j]
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if i == 0 {
			if starts {
				w.lines[len(w.lines)-1] = child.lines[0]
			}
		} else {
			w.buf = append(w.buf, '\n')
			w.buf = append(w.buf, rep...)
			w.lines = append(w.lines, child.lines[min(i, len(child.lines)-1)])
		}
		w.buf = append(w.buf, line...)
		if j < 0 {
			return
		}
		text = text[j+1:]
	}
}

// origins turns the lines' origins into diag.Origins: one at each line that does not follow
// on from the line before it. Nil if every line is the chapter's own.
func (w *writer) origins(name string) []diag.Origin {
	var out []diag.Origin
	off := 0
	for i, lo := range w.lines {
		if i > 0 {
			off += bytes.IndexByte(w.buf[off:], '\n') + 1
		}
		prev := lineOrigin{name, 0}
		if i > 0 {
			prev = w.lines[i-1]
		}
		if lo.file != prev.file || lo.line != prev.line+1 {
			out = append(out, diag.Origin{Offset: off, File: lo.file, Line: lo.line})
		}
	}
	return out
}

// continuation is what the second and later lines of an include begin with, given the text
// before the directive on its line. If that text is only indentation, ">" and list markers,
// they begin the same way, with a list item's marker made spaces, so that they continue the
// item rather than start new ones; starts is then true (the first line is the included
// file's). Otherwise the directive is inside a line of text, and the lines are not indented.
func continuation(before []byte) (rep []byte, starts bool) {
	rep = make([]byte, 0, len(before))
	for i := 0; i < len(before); {
		c := before[i]
		switch {
		case c == ' ' || c == '\t' || c == '>':
			rep = append(rep, c)
			i++
			continue
		case c == '-' || c == '*' || c == '+':
			if i+1 == len(before) || before[i+1] == ' ' || before[i+1] == '\t' {
				rep = append(rep, ' ')
				i++
				continue
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(before) && j-i < 9 && before[j] >= '0' && before[j] <= '9' {
				j++
			}
			if j < len(before) && (before[j] == '.' || before[j] == ')') &&
				(j+1 == len(before) || before[j+1] == ' ' || before[j+1] == '\t') {
				rep = append(rep, bytes.Repeat([]byte{' '}, j+1-i)...)
				i = j + 1
				continue
			}
		}
		return nil, false
	}
	return rep, true
}

// pos is where offset off of s is, for a message.
func (s *source) pos(off int) diag.Pos {
	lineStart := bytes.LastIndexByte(s.text[:off], '\n') + 1
	o := s.origin(bytes.Count(s.text[:off], []byte{'\n'}))
	return diag.Pos{File: o.file, Line: o.line, Col: 1 + utf8.RuneCount(s.text[lineStart:off])}
}

// expand expands the directives of s, which is at the given include depth.
func (e *expander) expand(s source, depth int) *writer {
	w := &writer{lines: []lineOrigin{s.origin(0)}}
	prev, line := 0, 0
	var matches [][]int
	if bytes.Contains(s.text, []byte("{{")) {
		matches = directive().FindAllSubmatchIndex(s.text, -1)
	}
	for _, m := range matches {
		if e.tooBig {
			break
		}
		start, end := m[0], m[1]
		if m[2] < 0 { // escaped: the directive as written, without its backslash
			line = w.copy(&s, prev, start, line)
			line = w.copy(&s, start+1, end, line)
			prev = end
			continue
		}
		kind := string(s.text[m[2]:m[3]])
		args := string(s.text[m[4]:m[5]])
		at := s.pos(start)
		var child *writer
		switch kind {
		case "title":
			child = &writer{}
		case "include", "rustdoc_include", "playground", "playpen":
			fields := strings.Fields(args)
			if len(fields) == 0 {
				continue
			}
			if kind == "playpen" {
				e.list.Warnf(at, "{{#playpen}} is the old name of {{#playground}}: it works, but mdBook asks for the new one")
			}
			if depth >= MaxIncludeDepth {
				e.list.Errorf(at, "{{#%s %s}}: includes nest more than %d deep here (mdBook's limit too); is there a cycle through a file with another name?", kind, fields[0], MaxIncludeDepth)
				continue
			}
			child = e.include(&s, kind, fields, at, depth)
			if child == nil {
				continue // the error is reported; the directive stays as written
			}
		default:
			e.list.WarnKind(at, "mdbook-directive", "{{#%s …}} is not one of mdBook's own directives (include, rustdoc_include, playground, title): it is kept as text, since bindery runs no other preprocessor", kind)
			continue
		}
		line = w.copy(&s, prev, start, line)
		line += bytes.Count(s.text[start:end], []byte{'\n'})
		w.insert(child)
		prev = end
	}
	w.copy(&s, prev, len(s.text), line)
	return w
}

// include reads the file a directive names, takes the lines it asks for and expands them.
func (e *expander) include(s *source, kind string, fields []string, at diag.Pos, depth int) *writer {
	arg := fields[0]
	spec := ""
	if kind == "include" || kind == "rustdoc_include" {
		arg, spec, _ = strings.Cut(arg, ":")
	}
	directive := fmt.Sprintf("{{#%s %s}}", kind, fields[0])
	target, err := e.resolve(s.path, arg)
	if err != nil {
		e.list.Errorf(at, "%s: %v", directive, err)
		return nil
	}
	if target == e.chapterPath {
		e.list.Errorf(at, "%s: a cycle: %s includes the chapter it is part of, %s", directive, s.name, e.chapterName)
		return nil
	}
	for _, f := range s.stack {
		if f.path == target {
			e.list.Errorf(at, "%s: a cycle: %s is already being included (at %s), and includes itself through %s", directive, arg, f.at, s.name)
			return nil
		}
	}
	name := e.nameOf(target)
	lines, err := e.read(target, name)
	if err != nil {
		e.list.Errorf(at, "%s: %v", directive, err)
		return nil
	}
	e.noteFile(target)

	var taken []takenLine
	switch {
	case kind == "playground" || kind == "playpen":
		taken = wholeFile(lines)
	case kind == "rustdoc_include":
		taken = hideOutside(lines, spec)
	default:
		taken = takeLines(lines, spec)
	}
	// mdBook includes nothing, silently, for an anchor that is not there or lines past the end.
	if r, anchor := parseSpec(spec); spec != "" && anchor != "" && !hasAnchor(lines, anchor) {
		e.list.Warnf(at, "%s: %s has no anchor %q (a line with ANCHOR: %s): nothing was included", directive, arg, anchor, anchor)
	} else if spec != "" && anchor == "" && r.from >= len(lines) {
		e.list.Warnf(at, "%s: %s has only %d lines: nothing was included", directive, arg, len(lines))
	}

	var b strings.Builder
	origins := make([]lineOrigin, 0, len(taken)+2)
	if kind == "playground" || kind == "playpen" {
		fence := "```rust"
		if len(fields) > 1 {
			fence += "," + strings.Join(fields[1:], ",")
		}
		b.WriteString(fence + "\n")
		origins = append(origins, lineOrigin{at.File, at.Line})
	}
	for i, t := range taken {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(t.text)
		origins = append(origins, lineOrigin{name, t.line})
	}
	if kind == "playground" || kind == "playpen" {
		if len(taken) > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("```\n")
		origins = append(origins, lineOrigin{at.File, at.Line})
	}
	text := b.String()
	if e.size += len(text); e.size > maxExpanded {
		e.tooBig = true
		e.list.Errorf(at, "%s: the includes of %s come to more than %d MB: is a file included many times over?", directive, e.chapterName, maxExpanded>>20)
		return nil
	}
	child := source{path: target, name: name, text: []byte(text), lines: origins,
		stack: append(append([]frame{}, s.stack...), frame{target, at})}
	return e.expand(child, depth+1)
}

// resolve finds the file a directive in the file at from names: relative to from's folder,
// inside the book's folder.
func (e *expander) resolve(from, arg string) (string, error) {
	if arg == "" {
		return "", errors.New("no file named")
	}
	if filepath.IsAbs(arg) || strings.HasPrefix(arg, "/") || strings.HasPrefix(arg, `\`) {
		return "", errors.New("absolute paths are not allowed; name the file relative to the one that includes it")
	}
	dir, err := filepath.Rel(e.bookDir, filepath.Dir(from))
	if err != nil {
		return "", err
	}
	name := filepath.Join(dir, filepath.FromSlash(arg))
	if name == ".." || strings.HasPrefix(name, ".."+string(filepath.Separator)) {
		return "", errors.New("the file is outside the book's folder (an mdBook project can allow the folder around it: include-root = \"..\" in [output.bindery])")
	}
	return config.Resolve(e.bookDir, name)
}

// nameOf names an included file in diagnostics the way the chapter is named.
// read reads an included file's lines (once per chapter, however often it is included).
func (e *expander) read(path, name string) ([]string, error) {
	if lines, ok := e.cache[path]; ok {
		return lines, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxIncludedFile {
		return nil, fmt.Errorf("the file is %d MB, too large to include (the limit is %d MB)", info.Size()>>20, maxIncludedFile>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if d, bad := diag.InvalidUTF8(name, data); bad {
		return nil, fmt.Errorf("%s is not UTF-8 text (at %s)", name, d.Pos)
	}
	lines := splitLines(string(bytes.TrimPrefix(data, []byte("\ufeff"))))
	if e.cache == nil {
		e.cache = map[string][]string{}
	}
	e.cache[path] = lines
	return lines, nil
}

func hasAnchor(lines []string, anchor string) bool {
	for _, l := range lines {
		if name, ok := anchorName(anchorStart(), l); ok && name == anchor {
			return true
		}
	}
	return false
}

func (e *expander) nameOf(target string) string {
	rel, err := filepath.Rel(filepath.Dir(e.chapterPath), target)
	if err != nil {
		return filepath.ToSlash(target)
	}
	return filepath.ToSlash(filepath.Join(filepath.Dir(e.chapterName), rel))
}

func (e *expander) noteFile(path string) {
	for _, f := range e.files {
		if f == path {
			return
		}
	}
	e.files = append(e.files, path)
}

// takenLine is a line taken from an included file, with its line number there.
type takenLine struct {
	text string
	line int
}

// splitLines splits text into lines as Rust's str::lines does: at "\n", without a trailing
// "\r", and no empty line after a final newline.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

func isAnchor(l string) bool { return anchorStart().MatchString(l) || anchorEnd().MatchString(l) }

func anchorName(re *regexp.Regexp, l string) (string, bool) {
	m := re.FindStringSubmatch(l)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// lineRange is a range of 0-based line indexes, [from, to), to < 0 meaning the end.
type lineRange struct{ from, to int }

func (r lineRange) contains(i int) bool { return i >= r.from && (r.to < 0 || i < r.to) }

// parseSpec reads what follows the file name, as mdBook does: "10" (line 10), "10:"
// (from 10), "::20" (up to 20), "10:20", "" (all); anything that does not begin with a number
// or a colon is an anchor's name.
func parseSpec(spec string) (r lineRange, anchor string) {
	parts := strings.SplitN(spec, ":", 3)
	start, startOK := -1, false
	if n, err := strconv.ParseUint(parts[0], 10, 0); err == nil {
		start, startOK = int(min(n, 1<<40)), true
		start = max(start-1, 0)
	} else if parts[0] != "" {
		return lineRange{}, parts[0]
	}
	if len(parts) < 2 {
		if startOK {
			return lineRange{start, start + 1}, ""
		}
		return lineRange{0, -1}, ""
	}
	end, err := strconv.ParseUint(parts[1], 10, 0)
	switch {
	case startOK && err == nil:
		return lineRange{start, int(min(end, 1<<40))}, ""
	case startOK:
		return lineRange{start, -1}, ""
	case err == nil:
		return lineRange{0, int(min(end, 1<<40))}, ""
	}
	return lineRange{0, -1}, ""
}

// wholeFile is every line but the anchors'.
func wholeFile(lines []string) []takenLine {
	return takeRange(lines, lineRange{0, -1})
}

func takeRange(lines []string, r lineRange) []takenLine {
	var out []takenLine
	for i, l := range lines {
		if r.contains(i) && !isAnchor(l) {
			out = append(out, takenLine{l, i + 1})
		}
	}
	return out
}

// takeLines is what {{#include file:spec}} takes: a range of lines, or the lines between an
// anchor's start and its end (the first end; other anchors' lines left out).
func takeLines(lines []string, spec string) []takenLine {
	r, anchor := parseSpec(spec)
	if anchor == "" {
		return takeRange(lines, r)
	}
	var out []takenLine
	inside := false
	for i, l := range lines {
		if !inside {
			if name, ok := anchorName(anchorStart(), l); ok && name == anchor {
				inside = true
			}
			continue
		}
		if name, ok := anchorName(anchorEnd(), l); ok {
			if name == anchor {
				break
			}
			continue
		}
		if !anchorStart().MatchString(l) {
			out = append(out, takenLine{l, i + 1})
		}
	}
	return out
}

// hideOutside is what {{#rustdoc_include file:spec}} takes: every line, those outside the
// range or the anchor's sections prefixed with "# " (hidden, as rustdoc hides them).
func hideOutside(lines []string, spec string) []takenLine {
	r, anchor := parseSpec(spec)
	var out []takenLine
	if anchor == "" {
		for i, l := range lines {
			if isAnchor(l) {
				continue
			}
			if !r.contains(i) {
				l = "# " + l
			}
			out = append(out, takenLine{l, i + 1})
		}
		return out
	}
	inside := false
	for i, l := range lines {
		switch {
		case inside:
			if name, ok := anchorName(anchorEnd(), l); ok {
				if name == anchor {
					inside = false
				}
			} else if !anchorStart().MatchString(l) {
				out = append(out, takenLine{l, i + 1})
			}
		case anchorStart().MatchString(l):
			if name, _ := anchorName(anchorStart(), l); name == anchor {
				inside = true
			}
		case !anchorEnd().MatchString(l):
			out = append(out, takenLine{"# " + l, i + 1})
		}
	}
	return out
}
