// Package diag holds source positions and the diagnostics that name them, so that every
// problem in a manuscript can be reported as file:line:col like a compiler does.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a source file. Line and Col count from 1; Col counts characters (runes).
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, dropping the parts that are unknown.
func (p Pos) String() string {
	// Forward slashes on every system, as a book names its files: on Windows the folder of
	// book.yaml and that of a chapter would otherwise be written two ways.
	file := filepath.ToSlash(p.File)
	switch {
	case file == "":
		return ""
	case p.Line <= 0:
		return file
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
	// Note is for the author to review, not a problem: bindery check shows it, a build does not.
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// Diagnostic is one problem found in the book's sources.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
	// Kind names warnings of one sort ("raw-html", "math"), so that a file with hundreds of
	// them can be reported in one line (Grouped); empty for one-off problems.
	Kind string
	// Draft marks an error a draft builds despite (a dangling reference, an unused entry):
	// reported all the same, as a warning (Drafted).
	Draft bool
	// InText marks a problem about what the text may hold (an ID, a use of a term): a file
	// of the text that could not be read may be its cause, and a check then leaves it out.
	InText bool
}

func (d Diagnostic) String() string {
	where := d.Pos.String()
	if where == "" {
		return fmt.Sprintf("%s: %s", d.Severity, d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", where, d.Severity, d.Message)
}

// List collects diagnostics. A List with at least one error is itself an error, so a stage can
// report everything it found at once instead of stopping at the first problem.
type List []Diagnostic

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// DraftErrorf adds an error that a draft builds despite: a reference that leads nowhere, an
// entry nothing uses.
func (l *List) DraftErrorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Draft: true})
}

// TextErrorf adds an error a draft builds despite, about what the text may hold (InText).
func (l *List) TextErrorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Draft: true, InText: true})
}

// TextWarnf adds a warning about what the text may hold (InText).
func (l *List) TextWarnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), InText: true})
}

// Drafted is the list as a draft reports it: the errors a draft builds despite are warnings.
func (l List) Drafted() List {
	out := make(List, len(l))
	for i, d := range l {
		if d.Draft && d.Severity == Error {
			d.Severity = Warning
		}
		out[i] = d
	}
	return out
}

// Notef adds a note: something for the author to review, which stops nothing.
func (l *List) Notef(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Note, Message: fmt.Sprintf(format, args...)})
}

// NoteKind adds a note of a kind: the notes of one kind in a file are shown as one (Grouped).
func (l *List) NoteKind(pos Pos, kind, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Note, Message: fmt.Sprintf(format, args...), Kind: kind})
}

// WarnKind adds a warning of a kind that can repeat many times in a file (see Grouped).
func (l *List) WarnKind(pos Pos, kind, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Kind: kind})
}

// Grouped folds the warnings (or notes) of one kind in one file into the first of them, saying how many
// more there are: a manuscript with two hundred pieces of raw HTML gets one line, not two
// hundred. Errors, and warnings without a kind, are kept as they are. Machine-readable
// output keeps every diagnostic instead.
func (l List) Grouped() List {
	type key struct{ file, kind string }
	first := map[key]int{}
	more := map[key]int{}
	var out List
	for _, d := range l {
		if d.Severity == Error || d.Kind == "" {
			out = append(out, d)
			continue
		}
		k := key{d.Pos.File, d.Kind}
		if _, seen := first[k]; seen {
			more[k]++
			continue
		}
		first[k] = len(out)
		out = append(out, d)
	}
	for k, n := range more {
		d := &out[first[k]]
		word := "others"
		if n == 1 {
			word = "other"
		}
		d.Message = fmt.Sprintf("%s (and %d %s like it in this file)", d.Message, n, word)
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line and column, keeping the order of equal positions.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns the list as an error if it holds an error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ListError(l)
}

// ListError is a List returned as an error.
type ListError List

func (e ListError) Error() string {
	var b strings.Builder
	n := 0
	for _, d := range e {
		if d.Severity != Error {
			continue
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
		n++
	}
	return b.String()
}

// Merge appends the diagnostics err carries, if it is a list of them, and returns err. A
// stage returns every diagnostic it has in its list, errors included, and an error when it
// failed; Merge is how it folds in what a stage below it returned as an error.
func (l *List) Merge(err error) error {
	if le, ok := AsList(err); ok {
		*l = append(*l, le...)
	}
	return err
}

// AsList extracts the diagnostics carried by err, if any.
func AsList(err error) (List, bool) {
	var le ListError
	if errors.As(err, &le) {
		return List(le), true
	}
	return nil, false
}

// LineIndex converts byte offsets in a source into line and column numbers.
type LineIndex struct {
	file    string
	src     []byte
	starts  []int
	origins []Origin
}

// Origin says that a source's text from byte Offset on (the start of a line) was read from
// another file, from its line Line: text an {{#include}} brought in, whose problems are
// reported where they were written.
type Origin struct {
	Offset int
	File   string
	Line   int
}

// NewLineIndexFrom indexes src, parts of which come from other files.
func NewLineIndexFrom(file string, src []byte, origins []Origin) *LineIndex {
	x := NewLineIndex(file, src)
	x.origins = origins
	return x
}

var newline = []byte{'\n'}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(file string, src []byte) *LineIndex {
	// Counted first and found by IndexByte: a byte-by-byte loop was ~7 instructions a byte of
	// every chapter, whose lines (paragraphs) are long.
	starts := make([]int, 1, 1+bytes.Count(src, newline))
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		starts = append(starts, i)
	}
	return &LineIndex{file: file, src: src, starts: starts}
}

// Pos returns the position of byte offset off. Negative offsets give the file alone.
func (x *LineIndex) Pos(off int) Pos {
	if off < 0 {
		return Pos{File: x.file}
	}
	if off > len(x.src) {
		off = len(x.src)
	}
	line := x.line(off)
	col := 1 + runeCount(x.src[x.starts[line]:off])
	file, n := x.file, line+1
	if k := sort.Search(len(x.origins), func(i int) bool { return x.origins[i].Offset > off }) - 1; k >= 0 {
		o := x.origins[k]
		file, n = o.File, o.Line+line-x.line(o.Offset)
	}
	return Pos{File: file, Line: n, Col: col}
}

// PosAfter is Pos(off), counted on from from = Pos(fromOff) when off is at or after fromOff
// on the same line: the inlines of a paragraph, one long line, are asked for in order, and
// counting each column from the line's start made a paragraph's positions quadratic.
func (x *LineIndex) PosAfter(from Pos, fromOff, off int) Pos {
	if fromOff < 0 || off < fromOff || off > len(x.src) || bytes.IndexByte(x.src[fromOff:off], '\n') >= 0 ||
		fromOff < len(x.src) && !utf8.RuneStart(x.src[fromOff]) { // within a character: count it whole
		return x.Pos(off)
	}
	from.Col += runeCount(x.src[fromOff:off])
	return from
}

// Columns is how many columns s takes in a Pos: its characters, as utf8.RuneCountInString
// counts them (a byte that is not UTF-8 is one), ASCII eight bytes at a time.
func Columns(s string) int { return runeCount(s) }

// Load64 is p[i:i+8] as a number, its first byte the lowest: one bounds check and one load,
// for the scans of text that test eight bytes at once (here, book/doc, book/link,
// book/markdown), diag being the one package all of them may import.
func Load64[T string | []byte](p T, i int) uint64 {
	w := p[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// runeCount is utf8.RuneCount, which copies p from its first non-ASCII byte into a new string
// to count the rest (Go 1.26): a column far along a long line with a typographic apostrophe
// early in it was a copy of the line at every inline of a paragraph.
// ASCII is taken eight bytes at a time (a column is counted over most of a paragraph).
func runeCount[T string | []byte](p T) int {
	n := 0
	for {
		for len(p) >= 8 {
			high := Load64(p, 0) & 0x8080808080808080
			if high != 0 {
				ascii := bits.TrailingZeros64(high) >> 3
				n += ascii
				p = p[ascii:]
				break
			}
			n += 8
			p = p[8:]
		}
		// Here p begins beyond ASCII, or is shorter than eight bytes: its ASCII byte by byte
		// (short texts, a column's few bytes, are most calls).
		i := 0
		for i < len(p) && p[i] < utf8.RuneSelf {
			i++
		}
		n += i
		p = p[i:]
		if len(p) == 0 {
			return n
		}
		// At most four bytes, converted on the stack when p is a []byte.
		_, size := utf8.DecodeRuneInString(string(p[:min(len(p), utf8.UTFMax)]))
		p = p[size:]
		n++
	}
}

// line is the 0-based line of byte offset off.
func (x *LineIndex) line(off int) int {
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
}

// InvalidUTF8 finds the first byte of src that is not UTF-8, if any: a diagnostic naming it
// and where it is.
func InvalidUTF8(file string, src []byte) (Diagnostic, bool) {
	if utf8.Valid(src) {
		return Diagnostic{}, false
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return Diagnostic{Pos: NewLineIndex(file, src).Pos(off), Severity: Error,
		Message: fmt.Sprintf("not UTF-8 text (invalid byte 0x%02x); save the file as UTF-8", src[off])}, true
}

// Dedupe merges diagnostics that are the same message at the same place, saying how often.
func (l List) Dedupe() List {
	count := map[Diagnostic]int{}
	var out List
	for _, d := range l {
		if count[d] == 0 {
			out = append(out, d)
		}
		count[d]++
	}
	for i, d := range out {
		if n := count[d]; n > 1 {
			out[i].Message = fmt.Sprintf("%s (%d times)", d.Message, n)
		}
	}
	return out
}
